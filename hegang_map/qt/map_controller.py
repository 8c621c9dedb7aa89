"""Keeps the page in step with the model: every model event becomes one page call.

The controller owns no map state. It is a list of :class:`PageLayer` s, one
per model layer (display geometry, symbology, levels of detail, viewport
detail), plus what the page holds that is no model layer: the basemap, the
layers of a read still going (drawn early) and the last start's layers. It
turns page events (clicks, hovers, view changes) into model changes.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from ..model import Layer, LayerStyle, MapState, Selection, View
from ..render.display import DisplayGeometry, prepare
from ..render.page_words import page_texts
from ..render.viewport import first_payload
from ..model.symbology import Symbology, resolve
from ..render.symbols import needs_classes, page_message
from .start_cache import KeptLayer
from .map_view import MapView
from .page_layer import PageLayer
from .workers import Workers
from .scheme import data_name

_log = logging.getLogger(__name__)


def _as_json(value) -> str:
    # Kept styles come back from JSON (lists for tuples): compare in that form.
    return json.dumps(value, sort_keys=True, allow_nan=False)


@dataclass
class _Sent:
    """What the page was given for a layer (the first payload; the last style)."""

    name: str
    payload: bytes
    style: dict
    basemap: bool


@dataclass
class _Kept:
    """A layer drawn from the last start, and the URL of its class array."""

    layer: KeptLayer
    url_classes: str | None


@dataclass
class _Prepared:
    """What the loader made of a layer off the GUI thread, until the layer enters the model."""

    display: DisplayGeometry
    payload: bytes
    resolved: tuple | None  # (style, symbology)


class MapController(QObject):
    """Connects a :class:`MapState` to a :class:`MapView`.

    Signals
    -------
    layerDrawn(str, int)
        The page has loaded a layer and reports its feature count.
    """

    layerDrawn = Signal(str, int)
    #: A layer's style was resolved and sent to the page (layer id); see :meth:`symbology`.
    styled = Signal(str)
    #: Viewport detail of a large layer was made, or reached the page (layer id).
    detailChanged = Signal(str)

    def __init__(self, state: MapState, view: MapView, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self.state = state
        self.view = view
        self._layers: dict[str, PageLayer] = {}  # one per model layer
        self._prepared: dict[str, _Prepared] = {}  # read, not yet in the model
        self._revision = 0
        self._extra_bottom: list[str] = []  # basemap layer ids, below every user layer
        self.loaded: dict[str, int] = {}
        # Layers in the page before the model has them (the early payload of
        # plain points, or of a large layer's boxes): layer id -> (style,
        # symbology) the page was given.
        self._early: dict[str, tuple] = {}
        # The view's shapes sent with an early layer: layer id -> [request, served name, fetched].
        self._early_detail: dict[str, list] = {}
        self._urls: dict[str, str] = {}
        # What the page was given per layer, recorded only while a start is to
        # be kept (see record_page): it holds every first payload.
        self._sent: dict[str, _Sent] | None = None
        # Layers drawn from the last start (hegang_map.qt.start_cache) that no
        # read has claimed yet: page id -> what was drawn; their paint order.
        self._kept: dict[str, _Kept] = {}
        self._kept_order: list[str] = []
        self.kept_replaced = 0  # kept layers a read replaced, or that none claimed
        self._view_bounds: tuple[tuple, float] | None = None

        layers = state.layers
        layers.events.inserted.connect(self._on_inserted)
        layers.events.removed.connect(self._on_removed)
        layers.events.moved.connect(lambda info: self.send_order())
        state.events.selection.connect(self._on_selection)
        state.events.view.connect(self._on_view)
        state.events.frame.connect(lambda _info: self.reframe(list(self.state.layers)))

        view.bridge.clicked.connect(self._on_click)
        view.bridge.hovered.connect(self._on_hover)
        view.bridge.viewChanged.connect(self._on_view_changed)
        view.bridge.layerLoaded.connect(self._on_layer_loaded)
        view.bridge.layerFailed.connect(self._on_layer_failed)
        view.bridge.detailLoaded.connect(self._on_detail_loaded)
        for layer in layers:
            self._on_inserted_layer(layer)
        view.call("setTexts", page_texts())

    def retranslate(self) -> None:
        """Give the page its own words and every layer's legend again, in the current language.

        The layers' data stay on the page; only their styles (whose legends
        hold the words) are sent again.
        """
        self.view.call("setTexts", page_texts())
        for layer in self.state.layers:
            if layer.id in self._layers:
                self.send_style(layer)

    # ------------------------------------------------------------ model -> page
    def prepared(self, layer: Layer, display: DisplayGeometry, payload: bytes,
                 symbology: Symbology | None = None, early: bool = False) -> None:
        """Hand over display data (and the style resolved) made off the GUI thread,
        before ``layer`` is inserted. ``early``: the page already has ``payload``
        (from :meth:`show_early`); otherwise an early page layer is replaced."""
        self._prepared[layer.id] = _Prepared(display, payload,
                                             (layer.style, symbology) if symbology is not None else None)
        if not early or self.loaded.get(layer.id) == 0:  # the page could not take the early data
            self.drop_early(layer.id)

    def show_early(self, layer_id: str, name: str, payload: bytes, style: LayerStyle, symbology: Symbology,
                   visible: bool) -> None:
        """Draw a layer still being read (its first payload is ready, its features not yet)."""
        self._early[layer_id] = (style, symbology)
        self.add_page_layer(layer_id, name, payload, self._page_style(layer_id, style, symbology), visible, 1.0,
                            early=True)
        self.send_order()

    def show_early_detail(self, early) -> None:
        """Draw the view's true shapes over a layer shown early (a :class:`~hegang_map.qt.loader.EarlyDetail`)."""
        if early.layer_id not in self._early:
            return  # dropped meanwhile
        name = f"{early.layer_id}/detail-{self.next_revision()}.bin"
        url = self.view.scheme.put(name, early.payload)
        self._early_detail[early.layer_id] = [early.request, name, False]
        self.view.call("setDetail", early.layer_id,
                       {"url": url, "bounds": list(early.request.bounds), "zoom": early.request.zoom})

    def drop_early(self, layer_id: str) -> None:
        """Take a layer shown early off the page (its read failed, was cancelled or was replaced)."""
        self._early_detail.pop(layer_id, None)
        if self._early.pop(layer_id, None) is not None:
            self.remove_page_layer(layer_id)

    def display(self, layer_id: str) -> DisplayGeometry | None:
        """The EPSG:4326 display geometry of a layer, if it has been prepared."""
        page_layer = self._layers.get(layer_id)
        if page_layer is not None:
            return page_layer.display
        prepared = self._prepared.get(layer_id)
        return prepared.display if prepared is not None else None

    def _on_inserted(self, info) -> None:
        self._on_inserted_layer(info.layer)
        self.send_order()

    def _on_inserted_layer(self, layer: Layer) -> None:
        prepared = self._prepared.pop(layer.id, None)
        if prepared is not None and prepared.display.frames != (layer.frame, self.state.frame):
            prepared = None  # read in another frame than the map's (or the layer's) is now
        display = prepared.display if prepared is not None else prepare(layer, self.state.frame)
        payload = prepared.payload if prepared is not None else first_payload(display)
        page_layer = self._layers[layer.id] = PageLayer(layer, display, self,
                                                        prepared.resolved if prepared is not None else None)
        for note in display.warnings:
            layer.add_warning(note)
        early = self._early.pop(layer.id, None)
        if early is None:
            self.add_page_layer(layer.id, layer.name, payload, self.style_message(layer), layer.visible, layer.opacity)
            return
        style, sym = early  # the page has the layer's data and this style already
        page_layer.resolved, page_layer.symbology = None, sym
        shown = self._early_detail.pop(layer.id, None)
        if shown is not None and page_layer.viewport is not None:
            page_layer.adopt_detail(*shown)
        self.styled.emit(layer.id)
        if style is not layer.style:
            self.send_style(layer)
        if layer.id in self.loaded:
            page_layer.drawn()

    def send_style(self, layer: Layer) -> None:
        """Resolve ``layer``'s style and send it to the page."""
        message = self.style_message(layer)
        if self._sent is not None and layer.id in self._sent:
            self._sent[layer.id].style = message
        self.view.call("setStyle", layer.id, message)

    def style_message(self, layer: Layer) -> dict:
        """Resolve ``layer``'s style, serve its class array, and return the page message."""
        page_layer = self._layers.get(layer.id)
        style, sym = (page_layer.resolved if page_layer is not None else None) or (None, None)
        if sym is None or style is not layer.style:
            sym = resolve(layer.data, layer.style, layer.display_name)
        if page_layer is not None:
            page_layer.resolved, page_layer.symbology = None, sym
        message = self._page_style(layer.id, layer.style, sym)
        self.styled.emit(layer.id)
        return message

    def _page_style(self, layer_id: str, style: LayerStyle, sym: Symbology) -> dict:
        """Serve the class array of ``sym`` and return the page's style message."""
        url = None
        if needs_classes(sym):
            self._revision += 1
            # A fresh name per restyle: the page may still be fetching the last one.
            self.view.scheme.drop(f"{layer_id}/classes-")
            url = self.view.scheme.put(f"{layer_id}/classes-{self._revision}.u16", sym.class_array().tobytes())
        return page_message(sym, style, url)

    def symbology(self, layer_id: str) -> Symbology | None:
        """The style of a layer as last resolved for the page (classes, legend, periods)."""
        page_layer = self._layers.get(layer_id)
        return page_layer.symbology if page_layer is not None else None

    def add_page_layer(
        self, layer_id: str, name: str, payload: bytes, style: dict, visible: bool, opacity: float,
        basemap: bool = False, early: bool = False,
    ) -> None:
        """Serve ``payload`` and ask the page to fetch and draw it.

        ``early``: the layer's read waits for it to be drawn; the page then
        reports it loaded two animation frames after drawing it, once that
        frame has left the page (the read would otherwise hold the CPU it needs).
        A layer drawn from the last start under ``layer_id`` is kept as it is
        when it shows the same, else replaced.
        """
        kept = self._kept.pop(layer_id, None)
        if kept is not None:
            if self._shows_kept(kept, name, payload, style, visible, opacity):
                if style.get("classUrl") != kept.url_classes:
                    # Serve the page's copy (resolving the style just now dropped it), not the new one.
                    self.view.scheme.drop(data_name(style["classUrl"]))
                    self.view.scheme.put(data_name(kept.url_classes), kept.layer.classes)
                self._record(layer_id, name, payload, dict(style, classUrl=kept.url_classes), basemap)
                if layer_id in self.loaded:
                    self._after_drawn(layer_id)
                self._kept_claimed()
                return
            self.kept_replaced += 1
            self.loaded.pop(layer_id, None)  # the page replaces the layer; wait for the new one
            self.view.scheme.drop(data_name(self._urls.pop(layer_id)))
            if kept.url_classes and kept.url_classes != style.get("classUrl"):
                self.view.scheme.drop(data_name(kept.url_classes))
            self._kept_claimed()
        self._record(layer_id, name, payload, style, basemap)
        self._revision += 1
        url = self._urls[layer_id] = self.view.scheme.put(f"{layer_id}/{self._revision}.bin", payload)
        self.view.call(
            "addLayer",
            {"id": layer_id, "name": name, "url": url, "style": style, "visible": visible,
             "opacity": opacity, "basemap": basemap, "early": early},
        )
        if basemap and layer_id not in self._extra_bottom:
            self._extra_bottom.append(layer_id)

    # ------------------------------------------------------------ the last start's layers
    def record_page(self, on: bool) -> None:
        """Record what the page is given for each layer (for :meth:`kept_layers`), or stop and forget it."""
        self._sent = {} if on else None

    def _record(self, layer_id: str, name: str, payload: bytes, style: dict, basemap: bool) -> None:
        if self._sent is not None:
            self._sent[layer_id] = _Sent(name, payload, style, basemap)

    def show_kept(self, kept: list[tuple[str, KeptLayer]]) -> None:
        """Draw layers as the last start left them (page id, layer; bottom first)
        until reads claim them through :meth:`add_page_layer`."""
        for layer_id, layer in kept:
            style = dict(layer.style)
            if layer.classes is not None:
                self._revision += 1
                style["classUrl"] = self.view.scheme.put(f"{layer_id}/classes-{self._revision}.u16", layer.classes)
            # Drawn like an early layer: the page reports it once its frame is out.
            self.add_page_layer(layer_id, layer.name, layer.payload, style, layer.visible, layer.opacity,
                                basemap=layer.basemap, early=True)
            self._kept[layer_id] = _Kept(layer, style["classUrl"] if layer.classes is not None else None)
            if not layer.basemap:
                self._kept_order.append(layer_id)
        self.send_order()

    def kept_pending(self) -> list[str]:
        """Page ids of layers drawn from the last start that no read has claimed yet."""
        return list(self._kept)

    def drop_kept(self) -> None:
        """Take the last start's layers that no read claimed off the page."""
        for layer_id in list(self._kept):
            self.kept_replaced += 1
            self.remove_page_layer(layer_id)

    def _kept_claimed(self) -> None:
        if not self._kept and self._kept_order:
            self._kept_order = []
            self.send_order()  # the model's order from now on

    def _shows_kept(self, kept: _Kept, name: str, payload: bytes, style: dict, visible: bool,
                    opacity: float) -> bool:
        """Whether a layer given to the page would show what ``kept`` shows."""
        classes = self.view.scheme.served(style.get("classUrl"))
        old = kept.layer
        same_style = _as_json(dict(style, classUrl=None)) == _as_json(dict(old.style, classUrl=None))
        return (same_style and classes == old.classes and payload == old.payload and name == old.name
                and visible == old.visible and opacity == old.opacity)

    def kept_layers(self) -> list[KeptLayer]:
        """The page's layers as they are now, bottom first, to draw at the next start
        (while :meth:`record_page` is on; else none).

        Thematic layers are named by their file and layer: ``"<file>/<layer>"``."""
        out: list[KeptLayer] = []
        if self._sent is None:
            return out
        for layer_id in self._extra_bottom:
            sent = self._sent.get(layer_id)
            if sent is not None:
                out.append(KeptLayer(f"basemap/{sent.name}", sent.name, sent.payload, sent.style, None, True, 1.0,
                                     True))
        for layer in self.state.layers.draw_order():
            sent = self._sent.get(layer.id)
            if sent is None or layer.source.path is None:
                continue
            style = dict(sent.style)
            classes = self.view.scheme.served(style.pop("classUrl", None))
            out.append(KeptLayer(f"{layer.source.path.name}/{layer.source.layer_name}", layer.name, sent.payload,
                                 dict(style, classUrl=None), classes, layer.visible, layer.opacity, False))
        return out

    def remove_page_layer(self, layer_id: str) -> None:
        """Remove a layer from the page and free its served data."""
        self.view.call("removeLayer", layer_id)
        self.view.scheme.drop(f"{layer_id}/")
        self.loaded.pop(layer_id, None)
        self._urls.pop(layer_id, None)
        if self._sent is not None:
            self._sent.pop(layer_id, None)
        if layer_id in self._extra_bottom:
            self._extra_bottom.remove(layer_id)
        if self._kept.pop(layer_id, None) is not None:
            self._kept_claimed()

    def _on_removed(self, info) -> None:
        page_layer = self._layers.pop(info.layer.id, None)
        if page_layer is not None:
            page_layer.close()
        self.remove_page_layer(info.layer.id)

    def reframe(self, layers: list[Layer]) -> None:
        """Draw ``layers`` again from their data: their frame or the map's changed.

        Prepared on the GUI thread: a rare choice of the user's, and the
        page must not show a layer in one frame beside one in another.
        """
        for layer in layers:
            page_layer = self._layers.pop(layer.id, None)
            if page_layer is None:
                continue
            page_layer.close()
            self.remove_page_layer(layer.id)
            self._on_inserted_layer(layer)
        self.send_order()
        self._send_selection(self.state.selection)

    def basemap_ids(self) -> list[str]:
        """Ids of the basemap layers in the page, bottom first."""
        return list(self._extra_bottom)

    def send_order(self) -> None:
        """Tell the page the paint order: basemap, then layers bottom first, then
        layers still being read that are shown early."""
        user = [lyr.id for lyr in self.state.layers.draw_order()]
        if self._kept_order:
            # Unclaimed kept layers keep their places; claimed ones fill the
            # others in the model's order; layers from elsewhere go on top.
            claimed = iter([i for i in user if i in self._kept_order])
            user = [i if i in self._kept else next(claimed) for i in self._kept_order if i in self._kept or i in user] \
                + [i for i in user if i not in self._kept_order]
        self.view.call("setOrder", self._extra_bottom + user + list(self._early))

    def _on_selection(self, info) -> None:
        self._send_selection(info.value)

    def _send_selection(self, sel: Selection | None) -> None:
        if sel is None:
            self.view.call("setHighlight", None, None)
        else:
            self.view.call("setHighlight", sel.layer_id, int(sel.row))

    def _on_view(self, info) -> None:
        view: View = info.value
        if self._last_page_view != (view.lat, view.lon, view.zoom):
            self.view.call("setView", view.lat, view.lon, view.zoom, False)

    _last_page_view: tuple | None = None

    def view_bounds(self) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) degrees the map shows now, or None before the page said."""
        return None if self._view_bounds is None else tuple(self._view_bounds[0])

    def zoom_to(self, bounds: tuple[float, float, float, float] | None, max_zoom: int = 14) -> None:
        """Frame longitude/latitude ``bounds`` (west, south, east, north)."""
        if bounds is None:
            return
        w, s, e, n = bounds
        if w == e and s == n:  # a single point: show its surroundings
            w, s, e, n = w - 0.01, s - 0.01, e + 0.01, n + 0.01
        self.view.call("fitBounds", [w, s, e, n], max_zoom)

    def pan_to_row(self, layer_id: str, row: int) -> None:
        """Pan so that feature ``row`` of a layer is in the centre, keeping the zoom."""
        display = self.display(layer_id)
        b = display.row_bounds(row) if display else None
        if b:
            self.view.call("panTo", (b[1] + b[3]) / 2, (b[0] + b[2]) / 2)

    # ------------------------------------------------------------ page -> model
    def _on_click(self, layer_id: str, row: int) -> None:
        # The page picked the feature (resources/web/pick.js: the one rule for
        # the window and the web map); this only checks it is still there.
        hit = self._feature(layer_id, row)
        if hit is not None:
            self.state.active_layer_id = hit.layer_id
        self.state.selection = hit

    def _on_hover(self, layer_id: str, row: int, lat: float, lng: float) -> None:
        hit = self._feature(layer_id, row)
        if hit is not None:
            self.view.call("showTooltip", self.state.layers.by_id(layer_id).label_of(row), lat, lng)

    def _feature(self, layer_id: str, row: int) -> Selection | None:
        layer = self.state.layers.by_id(layer_id) if layer_id else None
        if layer is None or not 0 <= row < len(layer.data):
            return None
        return Selection(layer_id, row)

    def _on_view_changed(self, lat: float, lng: float, zoom: float, bounds: tuple) -> None:
        self._last_page_view = (lat, lng, zoom)
        self._view_bounds = (bounds, zoom)
        self.state.view = View(lat, lng, zoom)
        for page_layer in list(self._layers.values()):
            page_layer.request_detail()

    def _on_layer_loaded(self, layer_id: str, count: int) -> None:
        self.loaded[layer_id] = count
        self.layerDrawn.emit(layer_id, count)
        self._after_drawn(layer_id)

    def _on_layer_failed(self, layer_id: str, message: str) -> None:
        # The page could not take the layer's data (it says why in its log): it
        # is settled all the same, with nothing drawn, so the window can go idle.
        _log.warning("the map page could not load %s: %s", layer_id, message)
        self._on_layer_loaded(layer_id, 0)

    def _after_drawn(self, layer_id: str) -> None:
        page_layer = self._layers.get(layer_id)
        if page_layer is not None:
            page_layer.drawn()

    # ------------------------------------------------------------ for the page layers
    def next_revision(self) -> int:
        """A number no served name of this page has used yet (names change with their content)."""
        self._revision += 1
        return self._revision

    def view_request(self) -> tuple[tuple, float] | None:
        """``(bounds, zoom)`` the page last said it shows, or None."""
        return self._view_bounds

    @property
    def workers(self) -> Workers:
        """The window's workers."""
        return self._workers

    def replace_data(self, layer_id: str, payload: bytes) -> None:
        """Serve a layer's new payload (levels of detail made) and have the page take it."""
        old = self._urls.get(layer_id)
        url = self._urls[layer_id] = self.view.scheme.put(f"{layer_id}/{self.next_revision()}.bin", payload)
        self.view.call("updateData", layer_id, url)
        if old:
            # Later, not now: a snapshot taken just before the swap may still fetch it.
            name = data_name(old)
            QTimer.singleShot(10_000, self, lambda: self._urls.get(layer_id) != old and self.view.scheme.drop(name))

    def _on_detail_loaded(self, layer_id: str) -> None:
        page_layer = self._layers.get(layer_id)
        if page_layer is not None:
            page_layer.detail_loaded()
        elif layer_id in self._early_detail:
            self._early_detail[layer_id][2] = True

    def detail_pending(self) -> bool:
        """Whether viewport detail of a large layer is being made or is on its way to the page."""
        return any(page_layer.detail_pending for page_layer in self._layers.values())
