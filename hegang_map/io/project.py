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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..model.layer import Layer, LayerSource
from ..model.map_state import MapState, View
from ..model.style import DEFAULT_COLORS, LayerStyle
from .atomic import write_text
from .errors import DataError

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
    """

    path: Path | None
    layer: str | None
    name: str
    style: LayerStyle
    visible: bool = True
    opacity: float = 1.0
    stored_path: str = ""

    @property
    def exists(self) -> bool:
        """Whether the data file is where the project says."""
        return self.path is not None and self.path.is_file()


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
        Default export title.
    path : Path or None
        Where it was read from or saved to.
    """

    layers: list[LayerEntry] = field(default_factory=list)
    view: View = field(default_factory=View)
    basemap: str = "natural_earth"
    scenes: list[dict] = field(default_factory=list)
    title: str = ""
    path: Path | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def missing(self) -> list[LayerEntry]:
        """Layers whose data file is not found (the GUI offers to locate them)."""
        return [e for e in self.layers if not e.exists]


# ---------------------------------------------------------------- model <-> project
def project_from_state(state: MapState, path: Path | None = None, title: str = "",
                       scenes: list[dict] | None = None) -> Project:
    """Snapshot ``state`` as a :class:`Project` (layers read from memory are skipped)."""
    entries = [
        LayerEntry(lyr.source.path, lyr.source.layer_name, lyr.name, lyr.style, lyr.visible, lyr.opacity)
        for lyr in state.layers
        if lyr.source.path is not None
    ]
    return Project(entries, state.view, state.basemap, list(scenes or []), title, path)


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
            # The filter lives in the style; repeated here so a reader of the
            # file sees at a glance which rows a layer hides.
            "filter": style.get("filter", {}),
            "style": style,
        })
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "title": project.title,
        "view": {"lat": project.view.lat, "lon": project.view.lon, "zoom": project.view.zoom},
        "basemap": project.basemap,
        "layers": layers,
        "scenes": [_scene_paths(s, lambda p: _relative(Path(p), base)) for s in project.scenes],
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
        raise DataError(f"{where}: not a hegang-map project (no \"format\": \"{FORMAT}\").")
    version = doc.get("format_version")
    if not isinstance(version, int):
        raise DataError(f"{where}: the project has no valid format_version.")
    if version > FORMAT_VERSION:
        raise DataError(
            f"{where}: this project was saved by a newer hegang-map (project format {version}; "
            f"this version reads up to {FORMAT_VERSION}). Update hegang-map to open it."
        )
    try:
        entries = []
        raw = sorted(doc.get("layers", []), key=lambda d: d.get("order", 0))
        for i, item in enumerate(raw):
            stored = str(item.get("source") or "")
            path = _absolute(stored, base) if stored else None
            style_doc = dict(item.get("style") or {})
            if "filter" in item and item["filter"] and not style_doc.get("filter"):
                style_doc["filter"] = item["filter"]
            style = LayerStyle.from_dict(style_doc) if style_doc else LayerStyle(color=DEFAULT_COLORS[i % 8])
            entries.append(LayerEntry(path, item.get("layer"), str(item.get("name") or item.get("layer") or stored),
                                      style, bool(item.get("visible", True)), float(item.get("opacity", 1.0)),
                                      stored))
        v = doc.get("view") or {}
        view = View(float(v.get("lat", View.lat)), float(v.get("lon", View.lon)), float(v.get("zoom", View.zoom)))
        known = {"format", "format_version", "title", "view", "basemap", "layers", "scenes"}
        scenes = [_scene_paths(s, lambda p: str(_absolute(p, base))) for s in doc.get("scenes") or []]
        return Project(entries, view, str(doc.get("basemap", "natural_earth")), scenes,
                       str(doc.get("title", "")), None, {k: v for k, v in doc.items() if k not in known})
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        raise DataError(f"{where}: the project file is damaged ({type(exc).__name__}: {exc}).") from None


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


def _relative(path: Path, base: Path | None) -> str:
    path = Path(path)
    if base is None:
        return path.as_posix()
    try:
        return Path(os.path.relpath(path.resolve(), Path(base).resolve())).as_posix()
    except ValueError:  # another drive on Windows: keep it absolute
        return path.resolve().as_posix()


def _absolute(stored: str, base: Path | None) -> Path:
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
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{p}: no such project file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(f"{p}: the project cannot be read ({exc}).") from None
    try:
        doc = json.loads(text)
    except ValueError as exc:
        raise DataError(f"{p}: not a valid project file (JSON error: {exc}).") from None
    project = from_dict(doc, p.parent, str(p))
    project.path = p
    return project


def is_project(path: str | os.PathLike) -> bool:
    """Whether ``path`` names a project file (by its ending)."""
    return Path(path).suffix.lower() == SUFFIX


# ---------------------------------------------------------------- building model state
def load_layer(path: Path, layer_name: str | None, style: LayerStyle | None = None, name: str | None = None,
               visible: bool = True, opacity: float = 1.0, index: int = 0) -> Layer:
    """Read one layer into a :class:`Layer` (its saved default style when ``style`` is None)."""
    from .read import read_layer

    data = read_layer(path, layer_name)
    if style is None:
        style = default_style(path, layer_name, index)
    return Layer(data, name or layer_name or Path(path).stem, LayerSource(Path(path).resolve(), layer_name),
                 style=style, visible=visible, opacity=opacity)


def default_style(path: Path, layer_name: str | None, index: int = 0) -> LayerStyle:
    """The default style of a layer: its saved default, else a colour from the cycle."""
    from .styles import default_style as saved_default

    style = saved_default(path, layer_name)
    return style if style is not None else LayerStyle(color=DEFAULT_COLORS[index % len(DEFAULT_COLORS)])


def build_state(project: Project, on_missing: Callable[[LayerEntry], None] | None = None,
                on_error: Callable[[list[LayerEntry], DataError], None] | None = None,
                ) -> tuple[MapState, list[LayerEntry]]:
    """Read every layer of ``project`` into a new :class:`MapState`.

    Layers whose file is missing are left out and returned, so the caller
    can offer to locate them (the GUI) or report them (the CLI).

    Parameters
    ----------
    on_error : callable, optional
        ``on_error(entries, error)``: a present file cannot be read; its
        layers (``entries``) are left out and the others still load. Called
        once per bad file. Without it the error is raised.

    Raises
    ------
    DataError
        When a present file cannot be read and there is no ``on_error``.
    """
    state = MapState()
    missing = []
    layers = []
    bad: dict[Path, DataError] = {}
    for entry in project.layers:
        if not entry.exists:
            missing.append(entry)
            if on_missing:
                on_missing(entry)
            continue
        if entry.path in bad:
            continue
        try:
            layers.append(load_layer(entry.path, entry.layer, entry.style, entry.name, entry.visible, entry.opacity))
        except DataError as exc:
            if on_error is None:
                raise
            if _file_unreadable(entry.path):  # the whole file: one message for all its layers
                bad[entry.path] = exc
                on_error([e for e in project.layers if e.path == entry.path], exc)
            else:  # only this layer (say, no longer in the file)
                on_error([entry], exc)
    for lyr in reversed(layers):  # panel order: the first entry ends on top
        state.layers.append_top(lyr)
    state.view = project.view
    state.basemap = project.basemap
    return state, missing


def _file_unreadable(path: Path) -> bool:
    from .read import list_layers

    try:
        list_layers(path)
    except DataError:
        return True
    return False


def state_from_files(paths: list[Path]) -> MapState:
    """A map of every spatial layer of ``paths``, with default styles and visibility.

    Bundled files start as the app starts them (the same layers shown);
    other files show every layer.
    """
    from ..bundled import start_layers
    from .read import list_layers

    state = MapState()
    bundled = {(b.path.resolve(), b.layer): (i, b.visible) for i, b in enumerate(start_layers())}
    loaded = []
    for path in paths:
        path = Path(path)
        infos = [i for i in list_layers(path) if i.geometry_type]
        if not infos:
            raise DataError(f"{path}: none of its layers has geometry; nothing to draw.")
        for i, info in enumerate(infos):
            rank, visible = bundled.get((path.resolve(), info.name), (len(bundled) + i, True))
            loaded.append((rank, load_layer(path, info.name, visible=visible, index=len(loaded))))
    if loaded and not any(lyr.visible for _r, lyr in loaded):
        for _r, lyr in loaded:
            lyr.visible = True
    for _rank, lyr in sorted(loaded, key=lambda t: t[0], reverse=True):
        state.layers.append_top(lyr)
    from ..bundled import basemap_path

    state.basemap = "natural_earth" if basemap_path().is_file() else "none"
    return state
