"""The one export entry: a map -> a figure (PNG, SVG, PDF) or a web map (HTML), and its sidecar.

``hegang-map export``, File › Export Map…, Export as Web Map… all call
:func:`export_state` (the CLI through :func:`run_export`, which first reads
its input). No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..io.project import Project, _relative, project_requests
from ..model.basemaps import add_basemap_files
from ..model.map_state import MapState
from .basemap import basemap_for
from .inputs import apply_scene, hash_warnings, load_input
from ..io import READ_WARNINGS
from ..io.errors import one_line
from .sidecar import sidecar, sidecar_path, write_sidecar
from .tile_basemaps import basemap_pictures
from ..util.i18n import translate

#: Output endings by kind.
FIGURE_SUFFIXES = (".png", ".svg", ".pdf")
WEB_SUFFIXES = (".html", ".htm")


@dataclass
class Exported:
    """What an export wrote.

    Attributes
    ----------
    out : Path
    info : ExportInfo or None
        What a figure shows (pixels, extent, CRS, legends, credits); None for a web map.
    sidecar : dict or None
        The reproducibility record, when one was asked for (and written).
    warnings : list of str
        Layers left out, changed data files, damaged scenes.
    """

    out: Path
    info: object | None = None
    sidecar: dict | None = None
    warnings: list[str] = field(default_factory=list)


class ExportCancelled(Exception):
    """The export was cancelled before anything was written."""


@dataclass
class ExportRequest:
    """One export.

    Attributes
    ----------
    out : Path
    size : str or None
        ``None``: the sidecar's, else A4.
    dpi : float or None
    title : str or None
        ``None``: the project's title (none for bare data files).
    scene : int or None
        1-based scene number of the project's story.
    extent : tuple or None
        (west, south, east, north) degrees; the visible layers' when ``None``.
    sidecar : bool
        Also write ``<out>.json``.
    layers : list of str or None
        Show only these layers (by name).
    allow_missing : bool
        Draw without layers that cannot be read instead of failing.
    lang : str
        Language of scene titles.
    encoding : str or None
        The text encoding of a Shapefile given as the input.
    inset : bool
        The South China Sea inset on a map of China that leaves it out.
    basemaps : tuple of Path
        Basemap files drawn on top of the input's own.
    highlights : tuple of (str, tuple of int)
        Layer id and rows the scene drawn highlights.
    """

    out: Path
    size: str | None = None
    dpi: float | None = None
    title: str | None = None
    scene: int | None = None
    extent: tuple | None = None
    sidecar: bool = False
    layers: list[str] | None = None
    allow_missing: bool = False
    lang: str = "en"
    encoding: str | None = None
    inset: bool = True
    basemaps: tuple = ()
    highlights: tuple = ()


def refuse_overwriting_inputs(out: Path, state: MapState, project: Path | None = None,
                              named: list[tuple[Path, str]] | None = None) -> None:
    """Raise ValueError when ``out`` is (by any path or link) a data file the map reads, or ``project``,
    or one of the files ``named`` ((path, layer name): every file a project names, read or not: a
    layer left out as unreadable is still the user's data).

    A project, story or sidecar can name any file as a layer's data, and a
    link in an output folder can point at the story itself; an export
    written over one would destroy what it was made from.
    """
    out = Path(out)
    try:
        if not out.exists():
            return
    except (OSError, ValueError):
        return
    try:
        own = project is not None and Path(project).exists() and out.samefile(project)
    except (OSError, ValueError):
        own = False
    if own:
        raise ValueError(translate(
            "Messages", "{out}: that is the project the figures are made from; an export may not replace it. "
            "Choose another file name.").format(out=out))
    layer_file = translate("Messages", "{out}: that is the data file of layer “{value}”; an export may not replace "
                                       "what it is drawn from. Choose another file name.")
    basemap_file = translate("Messages", "{out}: that is a basemap file the map is drawn on; an export may not "
                                         "replace it. Choose another file name.")
    sources = [(layer.source.path, layer.name, layer_file) for layer in state.layers]
    sources += [(Path(p), name, layer_file) for p, name in named or ()]
    sources += [(entry.path, entry.path.name, basemap_file) for entry in state.basemap_files]
    for p, name, message in sources:
        if lands_on(out, p):
            raise ValueError(message.format(out=out, value=one_line(name)))


def lands_on(out: Path, source) -> bool:
    """Whether writing ``out`` would replace ``source`` (a file, by any path or link) or a
    file inside it (a folder of tiles)."""
    if not isinstance(source, Path):
        return False
    try:
        if source.is_dir():
            return source.resolve() in Path(out).resolve().parents
        return source.exists() and Path(out).exists() and Path(out).samefile(source)
    except (OSError, ValueError, RuntimeError):
        return False


def export_state(state: MapState, req: ExportRequest, project: Project | None = None,
                 cancelled: Callable[[], bool] = lambda: False) -> Exported:
    """Write ``state`` to ``req.out`` (and the sidecar when asked); returns what was written.

    The figure is drawn whole before anything is written, then written
    atomically; ``cancelled()`` is asked in between (:class:`ExportCancelled`).

    Raises
    ------
    ValueError
        An unknown file ending or size.
    OSError
        The folder cannot be written (nothing is left behind).
    """
    from ..render.paper import parse_size
    from ..render.static import ExportOptions, render_figure, save_figure

    out = Path(req.out)
    own = project.path if project is not None else None
    named = [(r.path, r.display_name) for r in project_requests(project)] if project is not None else []
    refuse_overwriting_inputs(out, state, own, named)
    if req.sidecar:
        refuse_overwriting_inputs(sidecar_path(out), state, own, named)
    suffix = out.suffix.lower()
    warnings: list[str] = []
    size = req.size or "A4"
    title = req.title or ""
    parse_size(size)  # a bad size is a usage error before any drawing
    info = None
    if suffix in FIGURE_SUFFIXES:
        options = ExportOptions(size=size, dpi=req.dpi, title=title, extent=req.extent,
                                basemap=state.basemap != "none", inset=req.inset, layout=state.layout,
                                highlights=req.highlights)
        with basemap_pictures(state, req.allow_missing, warnings) as pictures:
            fig, info = render_figure(state, options, basemap_for(state), pictures)
        if cancelled():
            raise ExportCancelled(str(out))
        save_figure(fig, out, options)
        info.path = out
        warnings += [n for n in info.notes if n not in warnings]
        if suffix in (".svg", ".pdf") and info.pictured:
            warnings.append(translate("Messages", "{layers}: too many lines and polygons for a vector figure "
                                                  "to open quickly; drawn as a picture at {dpi} dpi inside it "
                                                  "(the rest of the figure stays vector).").format(
                layers=", ".join(info.pictured), dpi=round(options.resolution())))
    elif suffix in WEB_SUFFIXES:
        from ..render.webmap import export_webmap  # folium: a figure has no need of it

        export_webmap(state, out, title=title, basemap=basemap_for(state))
        if any(entry.visible for entry in state.basemap_files):
            warnings.append(translate("Messages", "The web map is drawn without the basemap files: a page to "
                                                  "share cannot carry them. Export a PNG, SVG or PDF to show them."))
    else:
        raise ValueError(translate("Messages", "{name}: export writes .png, .svg, .pdf or .html").format(name=out.name))
    if not req.sidecar:
        return Exported(out, info, warnings=warnings)
    if cancelled():
        raise ExportCancelled(str(out))
    doc = sidecar(state, out, title, size, req.dpi, info, project)
    doc["export"]["inset"] = req.inset
    # A scene's rings, by layer source and rows (layer ids do not outlive the process).
    base = Path(out).resolve().parent
    doc["export"]["highlights"] = [
        {"source": _relative(lyr.source.path, base), "layer": lyr.source.layer_name, "rows": [int(r) for r in rows]}
        for lid, rows in req.highlights
        for lyr in [state.layers.by_id(lid)] if lyr is not None and isinstance(lyr.source.path, Path)]
    write_sidecar(doc, out)
    return Exported(out, info, doc, warnings)


def _resolve_highlights(loaded, refs: list[dict]) -> list[tuple[str, tuple]]:
    """A sidecar's highlights ({source, layer, rows}, sources relative to it) as (layer id, rows) of the map."""
    from ..model.scene import layer_key

    base = loaded.project.path.parent if loaded.project.path else Path.cwd()
    by_key = {layer_key(lyr.source.path, lyr.source.layer_name): lyr for lyr in loaded.state.layers}
    out = []
    for ref in refs:
        lyr = by_key.get(layer_key(str((base / ref["source"]).resolve()), ref["layer"]))
        if lyr is not None:
            out.append((lyr.id, tuple(r for r in ref["rows"] if r < len(lyr.data))))
    return out


def run_export(inp: Path, req: ExportRequest) -> Exported:
    """Read ``inp`` (project, sidecar or data file) and export it as ``req`` asks.

    A sidecar's own size, dpi, title and extent apply where ``req`` leaves
    them unset. Returns what was written, with ``warnings`` (layers left
    out with ``allow_missing``, changed data files, damaged scenes).

    Raises
    ------
    DataError
        Unreadable input, or a layer that cannot be read (without ``allow_missing``).
    ValueError
        A bad size, file ending or scene number.
    """
    loaded = load_input(inp, allow_missing=req.allow_missing, layers=req.layers, encoding=req.encoding)
    rec = loaded.request
    warnings = list(loaded.problems)
    if req.scene is not None:
        warnings += apply_scene(loaded, req.scene, req.lang)
    if req.scene is None and rec.get("highlight_refs"):  # a sidecar of a scene: its rings again
        rec["highlights"] = _resolve_highlights(loaded, rec["highlight_refs"])
    # A project's title in the export's language; a scene's, as the scene set it.
    default = loaded.title if req.scene is not None else loaded.project.title_in(req.lang)
    title = req.title if req.title is not None else (rec.get("title") or default)
    extent = req.extent or (tuple(rec["extent"]) if rec.get("extent") else None)
    full = ExportRequest(req.out, size=req.size or rec.get("size") or "A4", dpi=req.dpi or rec.get("dpi"),
                         title=title or "", extent=extent, sidecar=req.sidecar,
                         inset=req.inset and rec.get("inset", True), allow_missing=req.allow_missing,
                         highlights=tuple(rec.get("highlights", ())))
    add_basemap_files(loaded.state, req.basemaps)
    warnings += hash_warnings(loaded)
    # What reading a layer left out or repaired is said here as in the layer panel.
    warnings += [f"{layer.name}: {w}" for layer in loaded.state.layers if layer.visible
                 for w in layer.data.attrs.get(READ_WARNINGS, [])]
    done = export_state(loaded.state, full, loaded.project)
    done.warnings = warnings + done.warnings
    return done
