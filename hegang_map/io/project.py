"""Project files (``.hgmap``): a saved map, as human-readable JSON.

A project records where each layer's data lives (relative to the project
file where possible, so a folder can be moved or shared), the layer's style,
visibility, order and opacity, the view, the basemap and the scenes. It
never holds data itself.

Saving is atomic: the JSON goes to a temporary file in the same folder, is
flushed and fsynced, then renamed over the old file, so a crash or a full
disk never leaves a half-written project.

Example
-------
>>> save_project(state, "map.hgmap")                           # doctest: +SKIP
>>> project = read_project("map.hgmap")                        # doctest: +SKIP
>>> state, missing = build_state(project)                      # doctest: +SKIP
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from ..model import checks
from ..model.basemaps import BasemapFile, basemap_files
from ..model.layout import FigureLayout
from ..model.layer import Layer
from ..model.map_state import MapState, View
from ..model.request import LayerRequest
from ..model.scene import MAX_SCENES, texts_by_language
from ..model.sources import PgTable, is_postgres, source_of
from ..model.style import DEFAULT_COLORS, LayerStyle
from ..util.atomic import write_text
from ..util.chinese_coords import FRAMES
from .errors import DataError, read_json
from ..util.i18n import QT_TRANSLATE_NOOP, translate

#: File ending of project files.
SUFFIX = ".hgmap"
#: What the ``format`` key says; anything else is not a project.
FORMAT = "hegang-map-project"
#: The version this code writes; files of a higher version are refused.
FORMAT_VERSION = 1


@dataclass
class LayerEntry:
    """One layer of a project, as saved.

    Attributes
    ----------
    path : Path or None
        Absolute path of the data file (resolved against the project folder).
    layer : str or None
        Layer inside the file.
    name : str
        Name in the layer panel.
    style : LayerStyle
    visible : bool
    opacity : float
    stored_path : str
        The path as written in the file (relative when it could be).
    frame : str
        The coordinate frame of the data (:attr:`Layer.frame`).
    encoding : str or None
        The text encoding chosen for a Shapefile (``None``: decided from the file).
    """

    path: Path | None
    layer: str | None
    name: str
    style: LayerStyle
    visible: bool = True
    opacity: float = 1.0
    stored_path: str = ""
    frame: str = "wgs84"
    encoding: str | None = None

    @property
    def exists(self) -> bool:
        """Whether the data file is where the project says."""
        return self.path is not None and file_present(self.path)


@dataclass
class Project:
    """The content of a project file.

    Attributes
    ----------
    layers : list of LayerEntry
        Top layer first (panel order).
    view : View
    basemap : str
    scenes : list of dict
        Story scenes (kept as saved; the presentation feature defines them).
    title : str
        Default export title, in the default language (English).
    path : Path or None
        Where it was read from or saved to.
    frame : str
        The coordinate frame the map is drawn in (:attr:`MapState.frame`).
    basemap_files : tuple of BasemapFile
        Basemap files the user added, bottom first (:attr:`MapState.basemap_files`).
    layout : FigureLayout
        How its figures are laid out (:attr:`MapState.layout`).
    titles : dict
        The title by language code, when the file gives it in several
        (``"title": {"en": ..., "zh": ...}``, as a scene's title); see :meth:`title_in`.
    """

    layers: list[LayerEntry] = field(default_factory=list)
    view: View = field(default_factory=View)
    basemap: str = "natural_earth"
    scenes: list[dict] = field(default_factory=list)
    title: str = ""
    path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    frame: str = "wgs84"
    basemap_files: tuple[BasemapFile, ...] = ()
    layout: FigureLayout = field(default_factory=FigureLayout)
    titles: dict[str, str] = field(default_factory=dict)

    def title_in(self, lang: str) -> str:
        """The title in ``lang``; the default language's where it has none."""
        return self.titles.get(lang) or self.title

    @property
    def missing(self) -> list[LayerEntry]:
        """Layers whose data file is not found (the GUI offers to locate them)."""
        return [e for e in self.layers if not e.exists]


# ---------------------------------------------------------------- model <-> project
#: Most layer entries a project may hold (each is opened and drawn).
MAX_PROJECT_LAYERS = 1000
#: Longest layer name, source path or title a project may hold.
MAX_NAME = 10_000
#: How often one project may name the same layer of the same file (the bundled story names one twice).
MAX_SAME_LAYER = 16


def project_from_state(state: MapState, path: Path | None = None, title: str = "",
                       scenes: list[dict] | None = None) -> Project:
    """Snapshot ``state`` as a :class:`Project` (layers read from memory are skipped)."""
    entries = [
        LayerEntry(lyr.source.path, lyr.source.layer_name, lyr.name, lyr.style, lyr.visible, lyr.opacity,
                   frame=lyr.frame, encoding=lyr.source.encoding)
        for lyr in state.layers
        if lyr.source.path is not None
    ]
    return Project(entries, state.view, state.basemap, list(scenes or []), title, path, frame=state.frame,
                   basemap_files=state.basemap_files, layout=state.layout)


def to_dict(project: Project, base: Path | None = None) -> dict[str, Any]:
    """The JSON document of ``project``; paths relative to ``base`` where possible."""
    layers = []
    for order, e in enumerate(project.layers):
        style = e.style.to_dict()
        layers.append({
            "source": _relative(e.path, base) if e.path is not None else e.stored_path,
            "layer": e.layer,
            "name": e.name,
            "visible": bool(e.visible),
            "opacity": float(e.opacity),
            "order": order,
            "frame": e.frame,
            "encoding": e.encoding,
            # The filter lives in the style; repeated here so a reader of the
            # file sees at a glance which rows a layer hides.
            "filter": style.get("filter", {}),
            "style": style,
        })
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "title": dict(project.titles) if len(project.titles) > 1 else project.title,
        "view": {"lat": project.view.lat, "lon": project.view.lon, "zoom": project.view.zoom},
        "basemap": project.basemap,
        "basemap_files": [b.to_dict(_relative(b.path, base)) for b in project.basemap_files],
        "frame": project.frame,
        "layout": project.layout.to_dict(),
        "layers": layers,
        "scenes": [_scene_paths(s, lambda p: _relative(p, base)) for s in project.scenes],
    }
    for key, value in project.extra.items():
        doc.setdefault(key, value)
    return doc


def from_dict(doc: Any, base: Path | None = None, where: str = "project") -> Project:
    """Build a :class:`Project` from its JSON document.

    Raises
    ------
    DataError
        For a document that is not a project, or of a newer format version.
    """
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise DataError(translate(
            "Messages", "{where}: not a hegang-map project (no \"format\": \"{format}\").").format(where=where, format=FORMAT))
    version = doc.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or not 0 <= version <= 1_000_000:
        raise DataError(translate("Messages", "{where}: the project has no valid format_version.").format(where=where))
    if version > FORMAT_VERSION:
        raise DataError(
            translate(
                "Messages", "{where}: this project was saved by a newer hegang-map (project format "
                "{version}; this version reads up to {format_version}). Update hegang-map to "
                "open it.").format(where=where, version=version, format_version=FORMAT_VERSION)
        )
    try:
        entries = []
        layers = doc.get("layers", [])
        if not isinstance(layers, list) or not all(isinstance(d, dict) for d in layers):
            raise ValueError(translate("Messages", "layers must be a list of objects, one per layer"))
        if len(layers) > MAX_PROJECT_LAYERS:
            raise ValueError(translate(
                "Messages", "layers holds {value} entries; a project holds at most {max_project_layers}").format(value=format(len(layers), ','), max_project_layers=format(MAX_PROJECT_LAYERS, ',')))
        titles = texts_by_language(doc.get("title"), _title_text)
        order = [checks.number(d.get("order", 0), f"layers[{i}].order", -1e9, 1e9) for i, d in enumerate(layers)]
        raw = [d for _o, _i, d in sorted(zip(order, range(len(layers)), layers), key=lambda t: t[:2])]
        seen: dict[tuple, int] = {}
        for i, item in enumerate(raw):
            stored = str(item.get("source") or "")
            path = _absolute(stored, base) if stored else None
            if not isinstance(item.get("style") or {}, dict):
                raise ValueError(translate("Messages", "layers[{i}].style must be an object").format(i=i))
            if not isinstance(item.get("source") or "", str) or not isinstance(item.get("layer") or "", str):
                raise ValueError(translate("Messages", "layers[{i}].source and .layer must be texts").format(i=i))
            style_doc = dict(item.get("style") or {})
            if "filter" in item and item["filter"] and not style_doc.get("filter"):
                style_doc["filter"] = item["filter"]
            field = f"layers[{i}]"
            try:
                style = LayerStyle.from_dict(style_doc) if style_doc else LayerStyle(color=DEFAULT_COLORS[i % 8])
            except ValueError as exc:
                raise ValueError(translate("Messages", "{field}.{reason}").format(field=field, reason=exc)) from None
            name = checks.utf8(str(item.get("name") or item.get("layer") or stored))
            if len(name) > MAX_NAME or len(stored) > MAX_NAME:
                raise ValueError(translate(
                    "Messages", "{field}.name and .source may hold at most {max_name} characters").format(field=field, max_name=format(MAX_NAME, ',')))
            # Each entry reads its data whole: the same layer named hundreds of times is memory times hundreds.
            seen[(stored, item.get("layer"))] = seen.get((stored, item.get("layer")), 0) + 1
            if seen[(stored, item.get("layer"))] > MAX_SAME_LAYER:
                raise ValueError(translate(
                    "Messages", "{field} names the layer {layer} of {path} more than {most} times").format(
                    field=field, layer=item.get("layer") or "", path=stored, most=MAX_SAME_LAYER))
            entries.append(LayerEntry(path, item.get("layer"), name,
                                      style, checks.flag(item.get("visible", True), f"{field}.visible"),
                                      checks.number(item.get("opacity", 1.0), f"{field}.opacity", 0.0, 1.0),
                                      stored, checks.choice(item.get("frame", "wgs84"), f"{field}.frame", FRAMES),
                                      _encoding(item.get("encoding"), f"{field}.encoding")))
        view = View(*checks.view(doc["view"])) if "view" in doc else View()
        known = {"format", "format_version", "title", "view", "basemap", "basemap_files", "frame", "layout",
                 "layers", "scenes"}
        if not isinstance(doc.get("scenes") or [], list):
            raise ValueError(translate(
                "Messages", "scenes must be a list of scenes, not {value}").format(value=type(doc['scenes']).__name__))
        if len(doc.get("scenes") or []) > MAX_SCENES:
            raise ValueError(translate("Messages", "scenes may hold at most {most} scenes, not {value}").format(
                most=MAX_SCENES, value=format(len(doc["scenes"]), ",")))
        scenes = [_scene_paths(s, lambda p: str(_absolute(p, base))) for s in doc.get("scenes") or []]
        return Project(entries, view, str(doc.get("basemap", "natural_earth")), scenes,
                       titles.get("en") or next(iter(titles.values()), ""), None,
                       {k: v for k, v in doc.items() if k not in known},
                       checks.choice(doc.get("frame", "wgs84"), "frame", FRAMES),
                       basemap_files(doc.get("basemap_files"), "basemap_files", lambda p: _absolute(p, base)),
                       FigureLayout.from_dict(doc.get("layout"), "layout"), titles)
    except ValueError as exc:  # a number or colour out of range: the message names the field
        raise DataError(translate(
            "Messages", "{where}: {reason}. Correct it in the file, or open a copy saved earlier.").format(where=where, reason=exc)) from None
    except (TypeError, AttributeError, KeyError) as exc:
        # Something of the wrong kind where the format has an object, list or text: say where, not Python's words.
        what = (translate("Messages", "the entry {key} is missing").format(key=exc) if isinstance(exc, KeyError)
                else translate("Messages", "an entry of the wrong kind"))
        raise DataError(translate(
            "Messages", "{where}: the project file is damaged ({kind} where hegang-map writes something "
            "else). Open a copy saved earlier, or save the project again.").format(where=where, kind=what)) from None


def _title_text(text) -> str:
    """One language's text of a project's ``title``, checked."""
    if not isinstance(text, str):
        raise ValueError(translate(
            "Messages", "title must be a text, or a text for each language code ({\"en\": ..., \"zh\": ...})"))
    if len(text) > MAX_NAME:
        raise ValueError(translate(
            "Messages", "{key} is longer than {max_name} characters").format(key="title", max_name=format(MAX_NAME, ',')))
    return checks.utf8(text)


def file_present(path: str | os.PathLike) -> bool:
    """Whether a data file a project names is there: a name too long or holding a NUL is not.
    A database table is taken to be there (reading it says otherwise)."""
    if isinstance(path, PgTable):
        return True
    try:
        return Path(path).is_file()
    except (OSError, ValueError):
        return False


def _encoding(value: Any, field: str) -> str | None:
    """A layer's saved text encoding: ``null``, or a name Python knows."""
    from .dbf import codec_of

    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 40 or codec_of(value) is None:
        raise ValueError(translate("Messages", "{field} must be a text encoding such as GB18030 or UTF-8, not {value}").format(
            field=field, value=repr(value)[:40]))
    return value


def _scene_paths(scene: Any, convert: Callable[[str], str]) -> Any:
    """A copy of a scene dict with each layer and highlight ``source`` converted.

    Scenes (``hegang_map.model.scene``) name their layers by file like the
    project's own layers, so they move with the project the same way:
    relative in the file, absolute in memory.
    """
    if not isinstance(scene, dict):
        return scene
    out = dict(scene)
    for key in ("layers", "highlights"):
        items = out.get(key)
        if isinstance(items, list):
            out[key] = [dict(it, source=convert(it["source"])) if isinstance(it, dict) and isinstance(
                it.get("source"), str) and it["source"] else it for it in items]
    return out


def _relative(path, base: Path | None) -> str:
    if is_postgres(path):  # a database table: its address, as it is (never a password)
        return str(path)
    path = Path(path)
    if base is None:
        return path.as_posix()
    try:
        return Path(os.path.relpath(path.resolve(), Path(base).resolve())).as_posix()
    except ValueError:  # another drive on Windows: keep it absolute
        return path.resolve().as_posix()


def _absolute(stored: str, base: Path | None):
    if is_postgres(stored):
        return source_of(stored)
    if "\x00" in stored:
        # Python's own wording ("embedded null byte") would surface at the first use.
        raise ValueError(translate(
            "Messages", "the data file {stored} holds a NUL character, which no file name can").format(stored=repr(stored)))
    p = Path(stored)
    if not p.is_absolute() and base is not None:
        p = Path(base) / p
    return Path(os.path.normpath(p))


# ---------------------------------------------------------------- files
def save_project(project_or_state: Project | MapState, path: str | os.PathLike, title: str = "",
                 relative: bool = True) -> Project:
    """Write a project atomically and return the saved :class:`Project`.

    Parameters
    ----------
    project_or_state : Project or MapState
    path : path-like
        ``.hgmap`` is added when the name has no ending.
    relative : bool
        Data paths relative to the project's folder (False: absolute, as a
        recovery file in the config folder keeps them).

    Raises
    ------
    OSError
        When the folder cannot be written; the old file is then untouched.
    """
    path = Path(path)
    if not path.suffix:
        path = path.with_suffix(SUFFIX)
    project = project_or_state
    if isinstance(project, MapState):
        project = project_from_state(project, path, title)
    text = json.dumps(to_dict(project, path.parent if relative else None), ensure_ascii=False, indent=2) + "\n"
    write_text(path, text)
    project.path = path
    return project


def read_project(path: str | os.PathLike) -> Project:
    """Read a ``.hgmap`` file.

    Raises
    ------
    DataError
        Unreadable file, invalid JSON, not a project, or a newer format.
    """
    # Absolute from here on: every path inside resolves against the project
    # file, whatever folder the command was run from.
    shown = Path(path)
    p = Path(os.path.abspath(path))
    doc = read_json(p, QT_TRANSLATE_NOOP("Messages", "project file"), shown)
    project = from_dict(doc, p.parent, str(shown))
    project.path = p
    return project


def is_project(path: str | os.PathLike) -> bool:
    """Whether ``path`` names a project file (by its ending)."""
    return Path(path).suffix.lower() == SUFFIX


# ---------------------------------------------------------------- building model state
def load_layer(path: Path, layer_name: str | None, style: LayerStyle | None = None, name: str | None = None,
               visible: bool = True, opacity: float = 1.0, index: int = 0) -> Layer:
    """Read one layer into a :class:`Layer` (its saved default style when ``style`` is None)."""
    return read_request(LayerRequest(Path(path), layer_name, name, style, visible, opacity), index)


def default_style(path: Path, layer_name: str | None, index: int = 0) -> LayerStyle:
    """The default style of a layer: its saved default, else a colour from the cycle."""
    from .styles import default_style as saved_default

    style = saved_default(path, layer_name)
    return style if style is not None else LayerStyle(color=DEFAULT_COLORS[index % len(DEFAULT_COLORS)])


def project_requests(project: Project, scenes: bool = True) -> list[LayerRequest]:
    """Every layer ``project`` needs, as read requests, panel order (top first).

    The project's own layers come first, as saved; with ``scenes``, then each
    layer a scene shows that the project's list lacks, read hidden (the
    scene shows it). Paths are the project's, absolute.
    """
    from ..model.scene import SceneList, layer_key

    out = [LayerRequest(e.path, e.layer, e.name, e.style, e.visible, e.opacity, "project", rank, e.frame, e.encoding)
           for rank, e in enumerate(project.layers) if e.path is not None]
    if not scenes:
        return out
    have = {layer_key(r.path, r.layer) for r in out}
    for scene in SceneList.from_dicts(project.scenes)[0]:
        for sl in scene.layers:
            if sl.key in have or not sl.source:
                continue
            have.add(sl.key)
            out.append(LayerRequest(source_of(sl.source), sl.layer, sl.name, sl.style, False, sl.opacity, "scene",
                                    len(out)))
    return out


def build_state(project: Project, on_missing: Callable[[LayerRequest], None] | None = None,
                on_error: Callable[[list[LayerRequest], DataError], None] | None = None,
                scenes: bool = True) -> tuple[MapState, list[LayerRequest]]:
    """Read every layer of ``project`` (and, with ``scenes``, of its scenes) into a new :class:`MapState`.

    Layers whose file is missing are left out and returned, so the caller
    can offer to locate them (the GUI) or report them (the CLI).

    Parameters
    ----------
    on_error : callable, optional
        ``on_error(requests, error)``: a present file cannot be read; its
        layers are left out and the others still load. Called once per bad
        file (or per layer, when only that layer is bad). Without it the
        error is raised.

    Raises
    ------
    DataError
        When a present file cannot be read and there is no ``on_error``.
    """
    state = MapState()
    missing: list[LayerRequest] = []
    layers = []
    bad: set[Path] = set()
    requests = project_requests(project, scenes)
    for request in requests:
        if not file_present(request.path):
            missing.append(request)
            if on_missing:
                on_missing(request)
            continue
        if request.path in bad:
            continue
        try:
            layers.append(read_request(request))
        except DataError as exc:
            if on_error is None:
                raise
            if _file_unreadable(request.path):  # the whole file: one message for all its layers
                bad.add(request.path)
                on_error([r for r in requests if r.path == request.path], exc)
            else:  # only this layer (say, no longer in the file)
                on_error([request], exc)
    for lyr in reversed(layers):  # panel order: the first request ends on top
        state.layers.append_top(lyr)
    state.view = project.view
    state.basemap = project.basemap
    state.basemap_files = project.basemap_files
    state.frame = project.frame
    state.layout = project.layout
    return state, missing


def read_request(request: LayerRequest, index: int = 0) -> Layer:
    """Read the layer ``request`` asks for (its saved default style when it names none)."""
    from .read import read_layer

    if request.style is None:
        request = request.with_style(default_style(request.path, request.layer, index))
    return request.make(read_layer(request.path, request.layer, encoding=request.encoding))


def _file_unreadable(path: Path) -> bool:
    from .read import list_layers

    try:
        list_layers(path)
    except DataError:
        return True
    return False


def file_requests(paths: list[Path], encoding: str | None = None) -> list[LayerRequest]:
    """A request for every spatial layer of ``paths``, shown as the app starts them.

    A file of the bundled data's name (``city_prices.gpkg``, wherever it
    lies) starts as the bundled start does, the same layers shown; other
    files show every layer; when none would be shown, all are. ``encoding``:
    the text encoding of Shapefiles, as the user chose it.

    Raises
    ------
    DataError
        For a file that cannot be read, or has no layer with geometry.
    """
    from .bundled import start_layers
    from .read import list_layers

    bundled = {(b.path.name, b.layer): (i, b.visible) for i, b in enumerate(start_layers())}
    ranked = []
    for path in paths:
        if is_postgres(path):  # a database's tables, or one table
            for info in list_layers(path):
                ranked.append((len(bundled) + len(ranked), layer_request(path, info.name, rank=len(ranked))))
            continue
        path = Path(os.path.abspath(path))
        infos = [i for i in list_layers(path, encoding) if i.geometry_type]
        if not infos:
            raise DataError(translate(
                "Messages", "{path}: none of its layers has geometry; nothing to draw.").format(path=path))
        for i, info in enumerate(infos):
            rank, visible = bundled.get((path.name, info.name), (len(bundled) + len(ranked), True))
            ranked.append((rank, LayerRequest(path, info.name, visible=visible, rank=len(ranked),
                                              encoding=encoding)))
    requests = [r for _rank, r in sorted(ranked, key=lambda t: t[0])]
    if requests and not any(r.visible for r in requests):
        requests = [replace(r, visible=True) for r in requests]
    return [replace(r, rank=i) for i, r in enumerate(requests)]


def layer_request(path, name: str | None, **kw) -> LayerRequest:
    """The read request of layer ``name`` (as listed) of a data file, or of a
    database's table ``name`` (``schema.table``, as listed)."""
    if is_postgres(path):
        table = path if isinstance(path, PgTable) else source_of(_table_address(str(path), name or ""))
        return LayerRequest(table, table.table, **kw)
    return LayerRequest(Path(path), name, **kw)


def _table_address(address: str, name: str) -> str:
    """The address of table ``name`` (``schema.table``, as listed) of the database at ``address``."""
    return address.partition("#")[0] + "#" + name


def state_from_files(paths: list[Path], names: list[str] | None = None, encoding: str | None = None) -> MapState:
    """A map of every spatial layer of ``paths``, with default styles and visibility.

    ``names``: only the layers of these names, each shown (an export's
    ``--layer``). See :func:`file_requests` for the rest.

    Raises
    ------
    DataError
        An unreadable file, or a name that is no layer of the files.
    """
    requests = file_requests(paths, encoding)
    if names:
        have = {r.layer for r in requests}
        unknown = [n for n in names if n not in have]
        if unknown:
            raise DataError(translate(
                "Messages", "no layer named {value} in {value2} (its layers: {value3}).").format(value=', '.join(map(repr, unknown)), value2=', '.join(map(str, paths)), value3=', '.join(sorted((str(n) for n in have)))))
        requests = [replace(r, visible=True) for r in requests if r.layer in names]
    state = MapState()
    for request in reversed(requests):
        state.layers.append_top(read_request(request, request.rank))
    from ..bundled.paths import basemap_path

    state.basemap = "natural_earth" if basemap_path().is_file() else "none"
    return state
