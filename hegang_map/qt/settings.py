"""The app's settings file (recent files), kept in one place."""

from __future__ import annotations

from PySide6.QtCore import QSettings

import logging
from pathlib import Path

from ..util.folders import config_dir, leftover_bytes

_log = logging.getLogger(__name__)

_MAX_RECENT = 10


#: The largest settings file read (it holds a few recent paths and the window's layout).
MAX_SETTINGS_BYTES = 1 << 20


def app_settings() -> QSettings:
    """Settings in the app's config folder (:func:`hegang_map.util.folders.config_dir`).

    A settings file that is not a regular file of at most 1 MB (a pipe
    would block the start, a link to /dev/zero fill memory) is left alone:
    the settings of this run then live in a temporary file.
    """
    path = config_dir() / "hegang-map.ini"
    if path.exists() or path.is_symlink():
        if leftover_bytes(path, MAX_SETTINGS_BYTES) is None:
            _log.warning("the settings file %s is not used (not a regular file, or too large)", path)
            return QSettings(str(_spare_settings()), QSettings.Format.IniFormat)
    return QSettings(str(path), QSettings.Format.IniFormat)


def _spare_settings() -> Path:
    import tempfile

    folder = _spare.setdefault("folder", tempfile.mkdtemp(prefix="hegang-map-settings-"))
    return Path(folder) / "hegang-map.ini"


_spare: dict[str, str] = {}


def recent_files() -> list[str]:
    """Recently opened files, newest first."""
    value = app_settings().value("recent/files", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value or []]


def remember_file(path: str) -> list[str]:
    """Put ``path`` first in the recent files; returns the new list."""
    files = [path] + [f for f in recent_files() if f != path]
    files = files[:_MAX_RECENT]
    settings = app_settings()
    settings.setValue("recent/files", files)
    settings.sync()
    return files
