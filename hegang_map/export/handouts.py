"""Handouts of a story: one figure per scene (PNG files) or one multi-page PDF.

Used by ``hegang-map export STORY --all-scenes --out DIR|FILE.pdf``; no Qt.
The story is read by the same reader as every export
(:func:`hegang_map.export.inputs.load_input`); each scene is applied to the
map (visible layers, styles, period) and drawn by the static renderer over
the area the scene must show (:meth:`~hegang_map.model.scene.Scene.frame_area`).
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..util.atomic import TEMP_SUFFIX, replacing
from ..io.errors import DataError
from ..io.project import project_requests
from ..model.basemaps import add_basemap_files
from ..model.scene import SceneList, apply_scene
from .basemap import bundled_basemap
from .tile_basemaps import basemap_pictures
from .inputs import load_input, scene_caption, scene_title
from .run import refuse_overwriting_inputs
from ..util.i18n import translate


@dataclass
class Handouts:
    """What was written."""

    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    if len(slug) > 40:  # cut at a word's end, not inside one ("welfare-facili")
        slug = slug[:41].rsplit("-", 1)[0] if "-" in slug[:41] else slug[:40]
    return slug or "scene"


def export_handouts(story: Path, out: Path, lang: str = "en", size: str = "A4-landscape",
                    dpi: float | None = None, allow_missing: bool = False, basemaps: tuple = ()) -> Handouts:
    """Write a figure per scene of ``story``: PNGs into folder ``out``, or one PDF when ``out`` ends in ``.pdf``.

    All or nothing: the PNGs are drawn into a temp folder beside ``out`` and
    moved into it only once every scene is written (a full disk leaves the
    folder as it was).

    Raises
    ------
    DataError
        When ``story`` cannot be read, has no scenes, or (without
        ``allow_missing``) a layer or basemap file of it cannot be read.

    ``basemaps``: basemap files drawn on top of the story's own (paths).
    """
    from ..render.static import _rc

    loaded = load_input(story, allow_missing=allow_missing)
    scenes, problems = SceneList.from_dicts(loaded.project.scenes)
    if not len(scenes):
        raise DataError((translate("Messages", "{story}: the project has no scenes to export: {problems}.").format(
            story=story, problems="; ".join(problems[:5])) if problems else translate(
            "Messages", "{story}: the project has no scenes to export.").format(story=story)))
    result = Handouts(warnings=list(loaded.problems) + problems)
    state = loaded.state
    add_basemap_files(state, basemaps)
    named = [(r.path, r.display_name) for r in project_requests(loaded.project)]
    pdf = Path(out).suffix.lower() == ".pdf"
    if pdf:
        refuse_overwriting_inputs(Path(out), state, story, named)
    figures = []
    staged: list[tuple[Path, Path]] = []
    folder = None if pdf else Path(tempfile.mkdtemp(prefix=f".{Path(out).name}.{os.getpid()}.", suffix=TEMP_SUFFIX,
                                                    dir=Path(out).parent))
    try:
        with basemap_pictures(state, allow_missing, result.warnings) as pictures:
            _draw_scenes(scenes, state, story, named, out, lang, size, dpi, result, figures, staged, folder,
                         pictures)
        if pdf:
            _write_pdf(Path(out), figures, _rc, loaded.project.title_in(lang) or Path(story).stem)
            result.files.append(Path(out))
            return result
        Path(out).mkdir(parents=True, exist_ok=True)
        for made, target in staged:
            with replacing(target) as dest:
                os.replace(made, dest)
            result.files.append(target)
        return result
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _draw_scenes(scenes, state, story, named, out, lang, size, dpi, result, figures, staged, folder,
                 pictures) -> None:
    """Draw each scene: kept in ``figures`` for a PDF, or saved into ``folder`` (listed in ``staged``)."""
    from ..render.static import ExportOptions, render_figure, save_figure

    total = len(scenes)
    for number, scene in enumerate(scenes, start=1):
        applied = apply_scene(scene, state)
        for sl in applied.missing:
            result.warnings.append(translate(
                "Messages", "scene {number}: layer {layer} could not be loaded; drawn without it").format(
                number=number, layer=sl.label))
        options = ExportOptions(size=size, dpi=dpi, title=scene_title(scene, number, total, lang),
                                extent=scene.frame_area(),
                                basemap=(scene.basemap or state.basemap) != "none", layout=state.layout,
                                caption=scene_caption(scene, lang),
                                highlights=tuple((lid, tuple(rows)) for lid, rows in applied.highlights))
        figure = render_figure(state, options, bundled_basemap(), pictures)[0]
        if folder is None:
            figures.append(figure)
        else:
            name = f"scene-{number:02d}-{_slug(scene.title_in('en'))}.png"
            refuse_overwriting_inputs(Path(out) / name, state, story, named)
            save_figure(figure, folder / name, options)
            staged.append((folder / name, Path(out) / name))


def _write_pdf(out: Path, figures, rc, title: str) -> None:
    from matplotlib.backends.backend_pdf import PdfPages

    from ..render.pdf_fonts import truetype_cjk

    with replacing(out) as tmp, rc(), truetype_cjk(figures), PdfPages(
            tmp, metadata={"Title": title, "Creator": "hegang-map"}) as pages:
        for fig in figures:
            pages.savefig(fig)
