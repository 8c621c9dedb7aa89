"""The bundled stories (``resources/stories``), found the one way resources are found."""

from __future__ import annotations

from pathlib import Path

from .paths import resources_dir

#: The story ``hegang-map present`` offers when given no project.
BUNDLED_STORY = "hegang.hgmap"


def stories_dir() -> Path:
    """The folder of bundled story projects."""
    return resources_dir() / "stories"


def bundled_story() -> Path:
    """Path of the bundled Hegang story (``resources/stories/hegang.hgmap``)."""
    return stories_dir() / BUNDLED_STORY
