"""Handouts of a story: one figure per scene (PNG files) or one multi-page PDF.

Used by ``hegang-map export STORY --all-scenes --out DIR|FILE.pdf``; no Qt.
Each scene is applied to the map (visible layers, styles, period) and drawn
by the static renderer over the extent its view shows on a projector screen.
A scene whose layer file is missing is still drawn, with what is there, and
a warning says what was left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .io.errors import DataError
from .io.atomic import replacing
from .io.project import build_state, read_project
from .model.scene import Scene, SceneList, apply_scene, view_extent

#: The screen a scene's view is framed for (pixels): a common projector.
FRAME_PX = (1280, 720)


@dataclass
class Handouts:
    """What was written."""

    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug[:40] or "scene"


def scene_title(scene: Scene, number: int, total: int, lang: str) -> str:
    """The printed title of a scene: its number and title."""
    return f"{number}/{total}  {scene.title_in(lang)}".strip()


def export_handouts(story: Path, out: Path, lang: str = "en", size: str = "A4-landscape",
                    dpi: float | None = None) -> Handouts:
    """Write a figure per scene of ``story``: PNGs into folder ``out``, or one PDF when ``out`` ends in ``.pdf``.

    Raises
    ------
    DataError
        When ``story`` cannot be read or has no scenes.
    """
    from .render.static import ExportOptions, _rc, export_map, render_figure

    project = read_project(story)
    scenes, problems = SceneList.from_dicts(project.scenes)
    if not len(scenes):
        raise DataError(f"{story}: the project has no scenes to export.")
    result = Handouts(warnings=list(problems))
    state, missing = build_state(project)
    for entry in missing:
        result.warnings.append(f"data file not found, left out: {entry.stored_path or entry.path}")
    _add_scene_layers(state, scenes, result)

    pdf = Path(out).suffix.lower() == ".pdf"
    if not pdf:
        Path(out).mkdir(parents=True, exist_ok=True)
    total = len(scenes)
    figures = []
    for number, scene in enumerate(scenes, start=1):
        applied = apply_scene(scene, state)
        for sl in applied.missing:
            result.warnings.append(f"scene {number}: layer {sl.label} could not be loaded; drawn without it")
        options = ExportOptions(size=size, dpi=dpi, title=scene_title(scene, number, total, lang),
                                extent=view_extent(scene.view, *FRAME_PX),
                                basemap=(scene.basemap or state.basemap) != "none")
        if pdf:
            figures.append(render_figure(state, options)[0])
        else:
            target = Path(out) / f"scene-{number:02d}-{_slug(scene.title_in('en'))}.png"
            export_map(state, target, options)
            result.files.append(target)
    if pdf:
        _write_pdf(Path(out), figures, _rc, project.title or Path(story).stem)
        result.files.append(Path(out))
    return result


def _add_scene_layers(state, scenes: SceneList, result: Handouts) -> None:
    """Read scene layers the project's own layer list does not have."""
    from .io.project import load_layer
    from .model.scene import layer_key

    have = {layer_key(lyr.source.path, lyr.source.layer_name) for lyr in state.layers}
    for scene in scenes:
        for sl in scene.layers:
            if sl.key in have or not sl.source:
                continue
            have.add(sl.key)
            try:
                state.layers.insert(len(state.layers), load_layer(Path(sl.source), sl.layer, sl.style, sl.name,
                                                                  visible=False))
            except (DataError, OSError) as exc:
                result.warnings.append(f"layer {sl.label} could not be read: {exc}")


def _write_pdf(out: Path, figures, rc, title: str) -> None:
    from matplotlib.backends.backend_pdf import PdfPages

    with replacing(out) as tmp, rc(), PdfPages(tmp, metadata={"Title": title, "Creator": "hegang-map"}) as pages:
        for fig in figures:
            pages.savefig(fig)
