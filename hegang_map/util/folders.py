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


def leftover_bytes(path: Path, limit: int) -> bytes | None:
    """The bytes of a file the app left in its folders (settings, a kept start), or ``None``.

    Such a file may be anything by the next start (a pipe, a link to a
    device, sparse gigabytes): only a regular file of at most ``limit``
    bytes is read, so a bad leftover never blocks or fills the start.
    """
    import stat

    try:
        st = os.stat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limit:
            return None
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError:
        return None
    return data if len(data) <= limit else None
