"""The app's settings file (recent files), kept in one place."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from ..util.folders import config_dir

_MAX_RECENT = 10


def app_settings() -> QSettings:
    """Settings in the app's config folder (:func:`hegang_map.util.folders.config_dir`)."""
    return QSettings(str(config_dir() / "hegang-map.ini"), QSettings.Format.IniFormat)


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
