"""The user's config and cache folders of the app: one answer each."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_APP = "hegang-map"


def config_dir() -> Path:
    """The user's config folder of the app: settings, recovery files.

    ``$HEGANG_MAP_CONFIG_DIR`` when set (tests, portable installs), else the
    platform's own place: ``$XDG_CONFIG_HOME/hegang-map`` (``~/.config``) on
    Linux, ``~/Library/Application Support/hegang-map`` on macOS,
    ``%APPDATA%\\hegang-map`` on Windows.
    """
    env = os.environ.get("HEGANG_MAP_CONFIG_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming") / _APP
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / _APP
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / _APP


def cache_dir() -> Path:
    """The user's cache folder of the app: what can always be deleted (the kept start, the error log).

    ``$HEGANG_MAP_CONFIG_DIR`` when set, else ``$XDG_CACHE_HOME/hegang-map``
    (``~/.cache``) on Linux, ``~/Library/Caches/hegang-map`` on macOS,
    ``%LOCALAPPDATA%\\hegang-map\\cache`` on Windows.
    """
    env = os.environ.get("HEGANG_MAP_CONFIG_DIR")
    if env:
        return Path(env)
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / _APP / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / _APP
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / _APP
