"""Exports, headless: a map to a figure, a web map or handouts, with the sidecar written in one place.

``run_export`` reads an input (project, story scene, sidecar, data file) and
calls ``export_state``, the one entry the window's dialogs call too;
``export_handouts`` draws every scene of a story.
"""

from .handouts import Handouts, export_handouts
from .inputs import Loaded, apply_scene, load_input, scene_title
from .run import (FIGURE_SUFFIXES, WEB_SUFFIXES, ExportCancelled, Exported, ExportRequest, export_state,
                  run_export)
from .sidecar import file_sha256, is_sidecar, sidecar, sidecar_path, software_versions, write_sidecar

__all__ = [
    "FIGURE_SUFFIXES", "WEB_SUFFIXES", "ExportCancelled", "ExportRequest", "Exported", "Handouts", "Loaded",
    "apply_scene", "export_handouts", "export_state", "file_sha256", "is_sidecar", "load_input", "run_export",
    "scene_title", "sidecar", "sidecar_path", "software_versions", "write_sidecar",
]
