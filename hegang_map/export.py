"""Exports as one call: input (project, data files or sidecar) -> figure or web map (+ sidecar).

Shared by ``hegang-map export`` and the window's export actions; no Qt.

A sidecar (``map.png.json``) records what is needed to make the same figure
again: the project snapshot, a SHA-256 of every data file, the class breaks,
the extent, the export settings and the software versions.
``hegang-map export map.png.json`` reads it back and redraws the figure.
"""

from __future__ import annotations

import hashlib
import json
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .io.atomic import write_text
from .io.errors import DataError
from .io.project import (
    Project, build_state, from_dict, is_project, project_from_state, read_project,
    state_from_files, to_dict,
)
from .model.map_state import MapState

#: Output endings by kind.
FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
WEB_SUFFIXES = (".html", ".htm")
SIDECAR_FORMAT = "hegang-map-export"
SIDECAR_VERSION = 1


@dataclass
class ExportRequest:
    """One export.

    Attributes
    ----------
    out : Path
    size : str
    dpi : float or None
    title : str or None
        ``None``: the project's title (none for bare data files).
    scene : int or None
        1-based scene number of the project's story.
    extent : tuple or None
        (west, south, east, north) degrees; the visible layers' when ``None``.
    sidecar : bool
        Also write ``<out>.json``.
    """

    out: Path
    size: str = "A4"
    dpi: float | None = None
    title: str | None = None
    scene: int | None = None
    extent: tuple | None = None
    sidecar: bool = False


@dataclass
class Loaded:
    """The map to export and where it came from."""

    state: MapState
    project: Project
    title: str = ""
    request: dict[str, Any] = field(default_factory=dict)
    expected_hashes: dict[str, str] = field(default_factory=dict)


def is_sidecar(path: Path) -> bool:
    """Whether ``path`` looks like an export sidecar (a ``.json`` with our format key)."""
    if Path(path).suffix.lower() != ".json":
        return False
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.read(400)
    except OSError:
        return False
    return SIDECAR_FORMAT in head


def load_input(path: Path, problems: list[str] | None = None) -> Loaded:
    """Read a project, a sidecar or a data file into a map.

    ``problems``: when given, a project's (or sidecar's) layers whose data file
    is missing or unreadable are left out, one message per file added here.

    Raises
    ------
    DataError
        Unreadable input, or a project whose data files are missing (without
        ``problems``) or none of whose layers can be read.
    """
    path = Path(path)
    if is_project(path):
        project = read_project(path)
        state = _state_of(project, str(path), problems)
        return Loaded(state, project, project.title)
    if is_sidecar(path):
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise DataError(f"{path}: not a readable export sidecar ({exc}).") from None
        if doc.get("format_version", 0) > SIDECAR_VERSION:
            raise DataError(f"{path}: written by a newer hegang-map (sidecar format {doc.get('format_version')}).")
        project = from_dict(doc.get("project"), path.parent, str(path))
        project.path = path
        state = _state_of(project, str(path), problems)
        hashes = {d["source"]: d["sha256"] for d in doc.get("data", []) if d.get("sha256")}
        return Loaded(state, project, project.title, dict(doc.get("export") or {}), hashes)
    state = state_from_files([path])
    return Loaded(state, project_from_state(state), "")


def _state_of(project: Project, where: str, problems: list[str] | None = None) -> MapState:
    """The project's map; with ``problems``, unreadable or missing layers are left out and described there.

    Raises
    ------
    DataError
        Without ``problems``: any missing or unreadable file. With it: only
        when the project has layers and none of them could be read.
    """
    if problems is None:
        state, missing = build_state(project)
        if missing:
            names = ", ".join(e.stored_path or str(e.path) for e in missing)
            raise DataError(f"{where}: data file(s) not found: {names}. Open the project in the window to locate them.")
        return state

    from .io.errors import one_line

    def names(entries) -> str:
        return ", ".join(f"“{one_line(e.name)}”" for e in entries)

    def bad(entries, exc) -> None:
        problems.append(f"{exc} Left out of the map: layer(s) {names(entries)} of {where}.")

    state, missing = build_state(project, on_error=bad)
    for e in missing:
        problems.append(f"{where}: layer “{one_line(e.name)}”: its data file {e.stored_path or e.path} is not found, so it is "
                        "left out. Open the project in the window to locate it.")
    if project.layers and not len(state.layers):
        raise DataError(f"{where}: none of the project's {len(project.layers)} layer(s) could be read; nothing to "
                        "draw (see the messages above).")
    return state


def apply_scene(loaded: Loaded, number: int, lang: str = "en") -> list[str]:
    """Show scene ``number`` (1-based) of the project as the story shows it; returns warnings.

    The scene is read and applied by :mod:`hegang_map.model.scene`, exactly as
    the presentation and ``--all-scenes`` handouts do: its layers (read when
    the project's own list lacks them), styles, opacity, period, highlights
    and basemap; the figure's extent is what the scene's view shows on a
    projector screen, and its title is the handout title (``N/M  title``).

    Raises
    ------
    ValueError
        When the project has no such scene.
    """
    from .handouts import FRAME_PX, Handouts, _add_scene_layers, scene_title
    from .model.scene import SceneList
    from .model.scene import apply_scene as show_scene
    from .model.scene import view_extent

    scenes, problems = SceneList.from_dicts(loaded.project.scenes)
    if not 1 <= number <= len(scenes):
        raise ValueError(f"--scene {number}: the project has {len(scenes)} scene(s)")
    scene = scenes[number - 1]
    notes = Handouts(warnings=list(problems))
    _add_scene_layers(loaded.state, SceneList([scene]), notes)
    applied = show_scene(scene, loaded.state)
    notes.warnings += [f"scene {number}: layer {sl.label} could not be loaded; drawn without it"
                       for sl in applied.missing]
    loaded.title = scene_title(scene, number, len(scenes), lang)
    loaded.request["extent"] = list(view_extent(scene.view, *FRAME_PX))
    return notes.warnings


def run_export(inp: Path, req: ExportRequest, problems: list[str] | None = None) -> dict:
    """Load ``inp`` and write ``req.out``; returns the sidecar document (written when asked).

    ``problems``: see :func:`load_input` (the figure is drawn from the layers that could be read).
    """
    from .render.paper import parse_size
    from .render.static import ExportOptions, export_map
    from .render.webmap import export_webmap

    loaded = load_input(inp, problems)
    rec = loaded.request
    if req.scene is not None:
        apply_scene(loaded, req.scene)
    title = req.title if req.title is not None else (rec.get("title") or loaded.title)
    out = Path(req.out)
    suffix = out.suffix.lower()
    size = req.size or rec.get("size") or "A4"
    dpi = req.dpi or rec.get("dpi")
    extent = req.extent or (tuple(rec["extent"]) if rec.get("extent") else None)
    parse_size(size)  # a bad size is a usage error before any drawing
    warnings = _hash_warnings(loaded)
    info = None
    if suffix in FIGURE_SUFFIXES:
        info = export_map(loaded.state, out, ExportOptions(size=size, dpi=dpi, title=title or "", extent=extent,
                                                           basemap=loaded.state.basemap != "none"))
    elif suffix in WEB_SUFFIXES:
        export_webmap(loaded.state, out, title=title or "")
    else:
        raise ValueError(f"{out.name}: export writes .png, .svg, .pdf or .html")
    doc = sidecar(loaded.state, out, title or "", size, dpi, info, loaded.project)
    doc["warnings"] = warnings
    if req.sidecar:
        write_text(sidecar_path(out), json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return doc


def sidecar_path(out: Path) -> Path:
    """``map.png`` -> ``map.png.json``."""
    return Path(str(out) + ".json")


def _hash_warnings(loaded: Loaded) -> list[str]:
    out = []
    for lyr in loaded.state.layers:
        p = lyr.source.path
        if p is None:
            continue
        for stored, digest in loaded.expected_hashes.items():
            if Path(stored).name == p.name and digest != file_sha256(p):
                out.append(f"{p} changed since the sidecar was written (SHA-256 differs): the figure may differ.")
    return out


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def software_versions() -> dict[str, str]:
    """Versions of everything that shapes the figure."""
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version(), "platform": platform.platform()}
    for name in ("hegang-map", "matplotlib", "geopandas", "shapely", "pyproj", "pyogrio", "mapclassify",
                 "numpy", "pandas", "folium", "xstatic-leaflet", "mplfonts"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    try:
        import pyogrio
        import pyproj

        out["GDAL"] = pyogrio.__gdal_version_string__
        out["PROJ"] = pyproj.proj_version_str
    except (ImportError, AttributeError):
        pass
    return out


def sidecar(state: MapState, out: Path, title: str, size: str, dpi, info, project: Project | None = None) -> dict:
    """The reproducibility record of one export (see the module docstring)."""
    snap = project_from_state(state, title=title, scenes=project.scenes if project else None)
    base = Path(out).resolve().parent
    data, seen = [], set()
    for lyr in state.layers:
        p = lyr.source.path
        if p is None or p in seen:
            continue
        seen.add(p)
        data.append({"source": _rel(p, base), "sha256": file_sha256(p),
                     "bytes": p.stat().st_size})
    doc: dict[str, Any] = {
        "format": SIDECAR_FORMAT,
        "format_version": SIDECAR_VERSION,
        "output": {"file": Path(out).name, "sha256": file_sha256(out)},
        "export": {"size": size, "dpi": dpi, "title": title,
                   "extent": list(info.requested_extent) if info and info.requested_extent else None},
        "project": to_dict(snap, base),
        "data": data,
    }
    if info is not None:
        doc["output"].update(pixels=list(info.pixels), frame_extent=list(info.extent), crs=info.crs,
                             crs_note=info.crs_note, scale_bar_m=info.scale_bar_m, credits=info.credits)
        doc["classes"] = info.classifications
    doc["software"] = software_versions()
    return doc


def _rel(path: Path, base: Path) -> str:
    from .io.project import _relative

    return _relative(path, base)
