"""Story scenes: a saved moment of the map with a title and a caption.

A :class:`Scene` is an immutable value: a title and a caption per language,
a view, the layers shown with their styles and opacity, the time period and
optional highlighted features. A :class:`SceneList` holds a story's scenes in
order and emits one before/after event pair per change, so the Scenes panel
(a Qt adapter) and the presentation follow it without copying it.

The JSON shape, one dict per scene in the project's ``scenes`` list::

    {
      "title":   {"en": "...", "zh": "..."},          # or a plain string
      "caption": {"en": "<p>...</p>", "zh": "..."},   # safe HTML subset, see sanitize_caption
      "view":    {"lat": 47.33, "lon": 130.3, "zoom": 10},
      "layers":  [{"source": "../../geodata/city_prices.gpkg", "layer": "price_annual",
                   "name": "price_annual", "opacity": 1.0, "style": {LayerStyle.to_dict()}}],
      "visible_layers": ["price_annual"],              # names, for readers and `export --scene`
      "period":  2019,                                 # or null
      "highlights": [{"source": "...", "layer": "cities", "field": "name_en", "values": ["Hegang"]},
                     {"source": "...", "layer": "cities", "rows": [12]}],
      "sources": ["Securities Times Database 2020, via Yang 2025 (Metropolitics)"],
      "basemap": "natural_earth",                      # optional
      "area": [130.1, 47.1, 130.4, 47.4]               # optional: west, south, east, north the
    }                                                  # scene shows whole on any screen

``source`` paths are relative to the project file in the file and absolute in
memory (``hegang_map.io.project`` converts them, as it does for layers).
Caption and title text is untrusted: captions are reduced to a small tag set
with no attributes (:func:`sanitize_caption`) whenever a scene is read.
"""

from __future__ import annotations

import html
import math
import os
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator

from . import checks
from .events import EmitterGroup
from .map_state import MapState, View
from .sources import is_postgres
from .style import LayerStyle
from ..util.i18n import translate

#: Languages a story may carry; the first is the fallback.
LANGUAGES = ("en", "zh")

#: Tags a caption may keep (no attributes at all: no links, images or styles).
ALLOWED_TAGS = frozenset({"p", "br", "b", "strong", "i", "em", "ul", "ol", "li", "sup", "sub", "small"})
_VOID = frozenset({"br"})
#: Tags whose content is dropped along with the tag.
_DROP_CONTENT = frozenset({"script", "style", "head", "title", "template", "iframe", "object", "svg", "math"})
#: Longest caption kept (characters of markup): a caption is a few sentences.
#: Most scenes a story holds (each is a figure of the handouts, a slide of the talk).
MAX_SCENES = 500
MAX_CAPTION = 4000
MAX_TITLE = 200


# ---------------------------------------------------------------- caption text
class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag, attrs):
        if tag in _DROP_CONTENT:
            self.dropping += 1
            return
        if self.dropping or tag not in ALLOWED_TAGS:
            return
        if tag in _VOID:
            self.out.append("<br>")
            return
        self.out.append(f"<{tag}>")
        self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        if tag in _VOID and not self.dropping:
            self.out.append("<br>")

    def handle_endtag(self, tag):
        if tag in _DROP_CONTENT:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping or tag not in self.stack:
            return  # a stray end tag is ignored, not echoed
        while self.stack:
            top = self.stack.pop()
            self.out.append(f"</{top}>")
            if top == tag:
                break

    def handle_data(self, data):
        if not self.dropping:
            self.out.append(html.escape(data, quote=False))

    def result(self) -> str:
        while self.stack:
            self.out.append(f"</{self.stack.pop()}>")
        return "".join(self.out)


def sanitize_caption(text: Any) -> str:
    """Return ``text`` reduced to the safe caption subset.

    Plain text (no ``<``) becomes paragraphs, one per blank-line-separated
    block, with line breaks kept. Markup keeps only :data:`ALLOWED_TAGS`,
    without attributes; the content of scripts and styles is dropped, the
    text of any other tag is kept (escaped). The result is well formed and
    safe to hand to a rich-text widget.
    """
    if text is None:
        return ""
    text = checks.utf8(str(text)[:MAX_CAPTION].replace("\x00", ""))
    if "<" not in text:
        return caption_from_plain(text)
    parser = _Sanitizer()
    parser.feed(text)
    parser.close()
    return parser.result()


def caption_from_plain(text: Any) -> str:
    """Caption markup from plain text: every character is text (escaped), blank lines part paragraphs."""
    text = "" if text is None else str(text)[:MAX_CAPTION].replace("\x00", "")
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br>".join(html.escape(line, quote=False) for line in b.split("\n")) + "</p>"
        for b in blocks if b
    )


def caption_plain(markup: str) -> str:
    """The text of sanitised caption markup: paragraphs separated by a blank line."""

    class _Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_starttag(self, tag, attrs):
            if tag in ("p", "ul", "ol") and self.parts and not self.parts[-1].endswith("\n\n"):
                self.parts.append("\n\n")
            elif tag == "br":
                self.parts.append("\n")
            elif tag == "li":
                self.parts.append("\n• ")

        def handle_data(self, data):
            self.parts.append(data)

    p = _Text()
    p.feed(markup or "")
    p.close()
    return "".join(p.parts).strip()


def clean_title(text: Any) -> str:
    """A title as one line of plain text (control characters removed)."""
    text = "" if text is None else str(text)
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_TITLE]


def text_in(texts: dict[str, str], lang: str) -> str:
    """The text of ``lang`` from a per-language dict, else the first one present."""
    if texts.get(lang):
        return texts[lang]
    for other in (*LANGUAGES, *texts):
        if texts.get(other):
            return texts[other]
    return ""


def texts_by_language(value: Any, clean) -> dict[str, str]:
    """A text given in one language or several (``{"en": ..., "zh": ...}``), by
    language code, each passed through ``clean``; a plain text is the English
    (default-language) one."""
    if isinstance(value, dict):
        return {str(k)[:8]: clean(v) for k, v in value.items() if isinstance(k, str) and v}
    if value in (None, ""):
        return {}
    return {LANGUAGES[0]: clean(value)}


# ---------------------------------------------------------------- paths
def _abs(stored: str | None, base: Path | None) -> str | None:
    if not stored:
        return None
    p = Path(stored)
    if not p.is_absolute() and base is not None:
        p = Path(base) / p
    return os.path.normpath(p) if (p.is_absolute() or base is not None) else str(stored)


def _rel(path: str | None, base: Path | None) -> str | None:
    if path is None or base is None or not Path(path).is_absolute():
        return None if path is None else Path(path).as_posix()
    try:
        return Path(os.path.relpath(Path(path).resolve(), Path(base).resolve())).as_posix()
    except ValueError:  # another drive (Windows): keep it absolute
        return Path(path).as_posix()


def layer_key(path: Any, layer_name: str | None) -> tuple[str, str]:
    """How a scene recognises a map layer: the resolved file path and the layer name."""
    if path is None or is_postgres(path):
        return ("" if path is None else str(path)), layer_name or ""
    p = str(Path(path).resolve()) if Path(path).is_absolute() else str(path)
    return p, layer_name or ""


# ---------------------------------------------------------------- values
@dataclass(frozen=True)
class SceneLayer:
    """One layer shown in a scene.

    Parameters
    ----------
    source : str or None
        The data file (absolute in memory, relative to the project in files).
    layer : str or None
        The layer inside the file.
    name : str
        The layer's name in the panel (also how ``export --scene`` finds it).
    style : LayerStyle
    opacity : float
    """

    source: str | None
    layer: str | None
    name: str
    style: LayerStyle = field(default_factory=LayerStyle)
    opacity: float = 1.0

    @property
    def key(self) -> tuple[str, str]:
        """See :func:`layer_key`."""
        return layer_key(self.source, self.layer)

    @property
    def label(self) -> str:
        """``file.gpkg:layer`` for notices."""
        file = Path(self.source).name if self.source else "(no file)"
        return f"{file}:{self.layer}" if self.layer else file


@dataclass(frozen=True)
class Highlight:
    """Features to highlight: by field values (stable) or by row positions."""

    source: str | None
    layer: str | None
    field: str | None = None
    values: tuple = ()
    rows: tuple = ()

    @property
    def key(self) -> tuple[str, str]:
        """See :func:`layer_key`."""
        return layer_key(self.source, self.layer)

    def match_rows(self, data) -> list[int]:
        """Row positions of ``data`` (a GeoDataFrame) this highlight names."""
        if self.field:
            if self.field not in data.columns:
                return []
            wanted = {str(v) for v in self.values}
            col = data[self.field].astype(str)
            return [int(i) for i, v in enumerate(col) if v in wanted]
        return [int(r) for r in self.rows if 0 <= int(r) < len(data)]


@dataclass(frozen=True)
class Scene:
    """One scene of a story (see the module docstring for its JSON shape)."""

    title: dict = field(default_factory=dict)
    caption: dict = field(default_factory=dict)
    view: View = field(default_factory=View)
    layers: tuple = ()
    period: Any = None
    highlights: tuple = ()
    sources: tuple = ()
    basemap: str | None = None
    area: tuple | None = None

    def evolve(self, **changes: Any) -> "Scene":
        """A copy with ``changes``; titles and captions are cleaned again."""
        if "title" in changes:
            changes["title"] = texts_by_language(changes["title"], clean_title)
        if "caption" in changes:
            changes["caption"] = texts_by_language(changes["caption"], sanitize_caption)
        return replace(self, **changes)

    def frame_area(self) -> tuple[float, float, float, float]:
        """(west, south, east, north) degrees the scene must show: its ``area``, or what its
        view showed on the screen scenes are written for (:data:`SCENE_FRAME_PX`)."""
        return self.area if self.area is not None else view_extent(self.view, *SCENE_FRAME_PX)

    def title_in(self, lang: str = "en") -> str:
        """The title in ``lang`` (falling back to another language)."""
        return text_in(self.title, lang)

    def caption_in(self, lang: str = "en") -> str:
        """The caption markup in ``lang`` (sanitised)."""
        return text_in(self.caption, lang)

    def with_text(self, lang: str, title: str | None = None, caption: str | None = None) -> "Scene":
        """A copy whose title and/or caption in ``lang`` are replaced."""
        t, c = dict(self.title), dict(self.caption)
        if title is not None:
            t[lang] = title
        if caption is not None:
            c[lang] = caption
        return self.evolve(title={k: v for k, v in t.items() if v}, caption={k: v for k, v in c.items() if v})

    @property
    def visible_names(self) -> list[str]:
        """Names of the layers the scene shows."""
        return [sl.name for sl in self.layers]

    # ------------------------------------------------------------ JSON
    def to_dict(self, base: Path | None = None) -> dict[str, Any]:
        """The JSON-ready dict; paths relative to ``base`` when given."""
        out: dict[str, Any] = {
            "title": dict(self.title),
            "caption": dict(self.caption),
            "view": {"lat": float(self.view.lat), "lon": float(self.view.lon), "zoom": float(self.view.zoom)},
            "layers": [
                {"source": _rel(sl.source, base), "layer": sl.layer, "name": sl.name,
                 "opacity": float(sl.opacity), "style": sl.style.to_dict()}
                for sl in self.layers
            ],
            "visible_layers": self.visible_names,
            "period": _json_period(self.period),
            "highlights": [
                {"source": _rel(h.source, base), "layer": h.layer,
                 **({"field": h.field, "values": list(h.values)} if h.field else {"rows": list(h.rows)})}
                for h in self.highlights
            ],
            "sources": list(self.sources),
        }
        if self.basemap:
            out["basemap"] = self.basemap
        if self.area is not None:
            out["area"] = [round(float(v), 6) for v in self.area]
        return out

    @classmethod
    def from_dict(cls, data: Any, base: Path | None = None) -> "Scene":
        """Build a scene from :meth:`to_dict` output; relative paths resolve against ``base``.

        Raises
        ------
        ValueError
            When ``data`` is not a scene dict (a readable message).
        """
        if not isinstance(data, dict):
            raise ValueError(translate(
                "Messages", "a scene is an object with a title, a view and layers, not {value}").format(value=checks.kind(data)))
        try:
            view = View(*checks.view(data["view"])) if "view" in data else View()
            layers = []
            for i, item in enumerate(data.get("layers") or []):
                if not isinstance(item, dict):
                    continue  # a bare name (older shape): nothing to load it from
                for key in ("source", "layer", "name"):
                    checks.text_or_none(item.get(key), f"layers[{i}].{key}")
                try:
                    style = LayerStyle.from_dict(item.get("style") or {})
                except ValueError as exc:
                    raise checks.FieldError(translate("Messages", "layers[{i}].{reason}").format(i=i, reason=exc)) from None
                layers.append(SceneLayer(
                    _abs(item.get("source"), base), item.get("layer"),
                    clean_title(item.get("name") or item.get("layer") or "layer"),
                    style, checks.number(item.get("opacity", 1.0), f"layers[{i}].opacity", 0.0, 1.0)))
            highlights = []
            for i, h in enumerate(data.get("highlights") or []):
                if not isinstance(h, dict):
                    continue
                for key in ("source", "layer", "field"):
                    checks.text_or_none(h.get(key), f"highlights[{i}].{key}")
                rows = tuple(checks.integer(r, f"highlights[{i}].rows", 0, checks.MAX_ROW) for r in h.get("rows") or ())
                highlights.append(Highlight(
                    _abs(h.get("source"), base), h.get("layer"), h.get("field") or None,
                    tuple(str(x) for x in h.get("values") or ()), rows))
            period = data.get("period")
            if period is not None and not isinstance(period, str):
                period = checks.number(period, "period", -1e9, 1e9)
                period = int(period) if period == int(period) else period
            basemap = data.get("basemap")
            area = _area(data.get("area")) if data.get("area") is not None else None
            return cls(
                title=texts_by_language(data.get("title"), clean_title),
                caption=texts_by_language(data.get("caption"), sanitize_caption),
                view=view, layers=tuple(layers), period=period,
                highlights=tuple(highlights),
                sources=tuple(clean_title(s) for s in data.get("sources") or () if s),
                basemap=str(basemap) if isinstance(basemap, str) else None,
                area=area,
            )
        except checks.FieldError:
            raise
        except (TypeError, ValueError, AttributeError) as exc:
            raise ValueError(translate(
                "Messages", "damaged scene ({value}: {reason})").format(value=type(exc).__name__, reason=exc)) from None

    # ------------------------------------------------------------ model state
    @classmethod
    def from_state(cls, state: MapState, title: str = "", caption: str = "", lang: str = "en",
                   area: tuple | None = None) -> "Scene":
        """Snapshot the map: view, visible file layers with styles, period, selection; ``area``
        (west, south, east, north) is what the map shows, which the scene will show on any screen."""
        layers, period = [], None
        for lyr in state.layers:
            if not lyr.visible or lyr.source.path is None:
                continue
            layers.append(SceneLayer(str(lyr.source.path), lyr.source.layer_name, lyr.name, lyr.style, lyr.opacity))
            if period is None and lyr.style.time is not None:
                period = lyr.style.time.current
        highlights = []
        sel = state.selection
        if sel is not None:
            lyr = state.layers.by_id(sel.layer_id)
            if lyr is not None and lyr.source.path is not None:
                highlights.append(Highlight(str(lyr.source.path), lyr.source.layer_name, rows=(int(sel.row),)))
        scene = cls(view=state.view, layers=tuple(layers), period=period, highlights=tuple(highlights),
                    basemap=state.basemap, area=None if area is None else tuple(float(v) for v in area))
        return scene.with_text(lang, title=title, caption=caption)


def _json_period(value: Any) -> Any:
    # numpy integers from a data column are not JSON: keep plain Python values.
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    try:
        return value.item()
    except AttributeError:
        return str(value)


@dataclass
class Applied:
    """What :func:`apply_scene` did.

    Attributes
    ----------
    shown : list of str
        Ids of the map layers the scene shows.
    missing : list of SceneLayer
        Scene layers with no matching map layer (not loaded or not loadable).
    highlights : list of (str, list of int)
        Layer id and row positions to highlight.
    """

    shown: list = field(default_factory=list)
    missing: list = field(default_factory=list)
    highlights: list = field(default_factory=list)


def apply_scene(scene: Scene, state: MapState, include_view: bool = True) -> Applied:
    """Make ``state`` show ``scene``: visibility, styles, opacity, period, view.

    Map layers the scene does not name are hidden (not removed); scene layers
    the map does not have are returned in :attr:`Applied.missing`, so the
    caller can say so instead of failing.
    """
    by_key = {}
    for lyr in state.layers:
        by_key.setdefault(layer_key(lyr.source.path, lyr.source.layer_name), lyr)
    wanted = {sl.key: sl for sl in scene.layers}
    applied = Applied()
    for lyr in state.layers:
        sl = wanted.get(layer_key(lyr.source.path, lyr.source.layer_name))
        if sl is None or by_key.get(sl.key) is not lyr:
            lyr.visible = False
            continue
        style = sl.style
        if scene.period is not None and style.time is not None:
            style = style.with_period(scene.period)
        lyr.style = style
        lyr.opacity = sl.opacity
        lyr.visible = True
        applied.shown.append(lyr.id)
    applied.missing = [sl for key, sl in wanted.items() if key not in by_key]
    for h in scene.highlights:
        lyr = by_key.get(h.key)
        if lyr is not None and lyr.visible:
            rows = h.match_rows(lyr.data)
            if rows:
                applied.highlights.append((lyr.id, rows))
    if scene.basemap:
        state.basemap = scene.basemap
    if include_view:
        state.view = scene.view
    return applied


#: The screen a scene without an ``area`` was framed for (pixels): a common projector.
SCENE_FRAME_PX = (1280, 720)


def _area(value: Any) -> tuple[float, float, float, float]:
    """A saved ``area``: [west, south, east, north] degrees, west of east and south of north."""
    w, s, e, n = (checks.numbers(value, "area", -540.0, 540.0, 4) + (None,) * 4)[:4]
    if n is None or not (-checks.MERCATOR_LAT <= s < n <= checks.MERCATOR_LAT) or not w < e:
        raise checks.FieldError(translate(
            "Messages", "area must be [west, south, east, north] degrees, west of east and south of north"))
    return (w, s, e, n)


def _mercator(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    s = 256 * 2 ** zoom
    lat = max(-85.05, min(85.05, lat))
    return ((lon + 180) / 360 * s,
            (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * s)


def _unmercator(x: float, y: float, zoom: float) -> tuple[float, float]:
    s = 256 * 2 ** zoom
    return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / s)))), x / s * 360 - 180


def fit_view(area, width_px: float, height_px: float, padding=(0, 0, 0, 0), snap: float = 0.25,
             max_zoom: float = 18.0) -> View:
    """The view that shows ``area`` (west, south, east, north) whole in a map of that pixel size, kept
    ``padding`` (top, right, bottom, left pixels) clear: the largest zoom on a ``snap`` step."""
    w, s, e, n = area
    top, right, bottom, left = padding
    x0, y0 = _mercator(n, w, 0)
    x1, y1 = _mercator(s, e, 0)
    room_w, room_h = max(width_px - left - right, 1), max(height_px - top - bottom, 1)
    zoom = math.log2(min(room_w / max(x1 - x0, 1e-9), room_h / max(y1 - y0, 1e-9)))
    zoom = max(0.0, min(max_zoom, math.floor(zoom / snap + 1e-9) * snap))
    k = 2 ** zoom
    # The area's centre sits in the middle of the room the padding leaves.
    cx = (x0 + x1) / 2 * k + (right - left) / 2
    cy = (y0 + y1) / 2 * k + (bottom - top) / 2
    lat, lon = _unmercator(cx, cy, zoom)
    return View(lat, lon, zoom)


def view_extent(view: View, width_px: int = 1600, height_px: int = 1000) -> tuple[float, float, float, float]:
    """(west, south, east, north) degrees that a Leaflet map of that pixel size shows at ``view``."""
    cx, cy = _mercator(view.lat, view.lon, view.zoom)
    n, w = _unmercator(cx - width_px / 2, cy - height_px / 2, view.zoom)
    s, e = _unmercator(cx + width_px / 2, cy + height_px / 2, view.zoom)
    return (w, s, e, n)


# ---------------------------------------------------------------- the list
class SceneList:
    """A story's scenes in order.

    Events (before/after pairs, as :class:`~hegang_map.model.layer_list.LayerList`):
    ``inserting``/``inserted`` (``index``, ``scene``), ``removing``/``removed``
    (``index``, ``scene``), ``moving``/``moved`` (``start``, ``dest``),
    ``changed`` (``index``, ``scene``: a scene replaced in place) and
    ``reset`` (the whole list replaced).
    """

    def __init__(self, scenes: list[Scene] | None = None) -> None:
        self._scenes: list[Scene] = list(scenes or [])
        self.events = EmitterGroup(
            self, ["inserting", "inserted", "removing", "removed", "moving", "moved", "changed", "resetting", "reset"])

    def __len__(self) -> int:
        return len(self._scenes)

    def __iter__(self) -> Iterator[Scene]:
        return iter(list(self._scenes))

    def __getitem__(self, index: int) -> Scene:
        return self._scenes[index]

    def insert(self, index: int, scene: Scene) -> None:
        """Insert ``scene`` at ``index``."""
        index = max(0, min(index, len(self._scenes)))
        self.events.inserting.emit(index=index, scene=scene)
        self._scenes.insert(index, scene)
        self.events.inserted.emit(index=index, scene=scene)

    def append(self, scene: Scene) -> None:
        """Add ``scene`` at the end."""
        self.insert(len(self._scenes), scene)

    def remove_at(self, index: int) -> None:
        """Delete the scene at ``index``."""
        scene = self._scenes[index]
        self.events.removing.emit(index=index, scene=scene)
        del self._scenes[index]
        self.events.removed.emit(index=index, scene=scene)

    def replace(self, index: int, scene: Scene) -> None:
        """Put ``scene`` in place of the one at ``index`` (update, rename)."""
        if scene == self._scenes[index]:
            return
        self._scenes[index] = scene
        self.events.changed.emit(index=index, scene=scene)

    def duplicate(self, index: int) -> None:
        """Insert a copy of scene ``index`` right after it."""
        self.insert(index + 1, self._scenes[index])

    def move(self, source: int, dest: int) -> None:
        """Move the scene at ``source`` so that it ends at ``dest``."""
        dest = max(0, min(dest, len(self._scenes) - 1))
        if source == dest:
            return
        self.events.moving.emit(start=source, dest=dest)
        scene = self._scenes.pop(source)
        self._scenes.insert(dest, scene)
        self.events.moved.emit(start=source, dest=dest)

    def set_all(self, scenes: list[Scene]) -> None:
        """Replace every scene (opening a project)."""
        self.events.resetting.emit()
        self._scenes = list(scenes)
        self.events.reset.emit()

    def to_dicts(self, base: Path | None = None) -> list[dict]:
        """The scenes as JSON dicts."""
        return [s.to_dict(base) for s in self._scenes]

    @classmethod
    def from_dicts(cls, items: list, base: Path | None = None) -> tuple["SceneList", list[str]]:
        """Scenes from JSON dicts; damaged ones are skipped and described."""
        scenes, problems = [], []
        for i, item in enumerate(items or []):
            try:
                scenes.append(Scene.from_dict(item, base))
            except ValueError as exc:
                problems.append(translate("Messages", "scene {value}: {reason}").format(value=i + 1, reason=exc))
        return cls(scenes), problems
