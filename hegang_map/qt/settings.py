"""The app's settings file (recent files), kept in one place."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

_MAX_RECENT = 10


def app_settings() -> QSettings:
    """Settings in ``$HEGANG_MAP_CONFIG_DIR`` or the platform's config folder."""
    folder = os.environ.get("HEGANG_MAP_CONFIG_DIR") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.GenericConfigLocation
    )
    return QSettings(str(Path(folder) / "hegang-map.ini"), QSettings.Format.IniFormat)


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
