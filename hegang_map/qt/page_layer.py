"""One model layer on the map page, as napari keeps one view object per layer.

A :class:`PageLayer` is made when its layer enters the model and closed when
it leaves. It owns what the page needs of that layer beyond the model: the
EPSG:4326 display geometry, the symbology last sent, the levels of detail
still to make after the first draw, and, for a layer too large to keep in
the page, the viewport detail of the current view. It connects to its
layer's events when made and disconnects them in :meth:`close`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from ..model import Layer
from ..model.symbology import Symbology
from ..render.display import DisplayGeometry, invalid_note
from ..render.payload import needs_levels, pack
from ..render.viewport import DetailRequest, detail, too_large

if TYPE_CHECKING:
    from .map_controller import MapController


@dataclass
class _Viewport:
    """Viewport detail of a layer too large to keep in the page: the detail on
    screen (or refused as too large), the one being made, the one asked for next."""

    shown: DetailRequest | None = None
    running: DetailRequest | None = None
    next: DetailRequest | None = None
    served: str | None = None  # the scheme name of the detail on screen
    fetching: int = 0  # details sent to the page that it has not reported loaded


class PageLayer:
    """A model layer as the page shows it.

    Parameters
    ----------
    layer : Layer
    display : DisplayGeometry
        Its geometry in EPSG:4326 (made off the GUI thread when it was read).
    controller : MapController
        The page it is on: the view, the data scheme, the workers.
    resolved : tuple, optional
        ``(style, symbology)`` the loader resolved off the GUI thread; used for
        the first style message when the layer still has that style.
    """

    def __init__(self, layer: Layer, display: DisplayGeometry, controller: MapController,
                 resolved: tuple | None = None) -> None:
        self.layer = layer
        self.display = display
        self.symbology: Symbology | None = None
        self.resolved = resolved
        self.viewport = _Viewport() if too_large(display) else None
        # Drawn first without levels of detail, which are made once the page
        # has drawn it (keeps simplification off the first-draw time).
        self.levels_due = self.viewport is None and needs_levels(display)
        self._page = controller
        events = layer.events
        self._connections = [(events.visible, self._on_visible), (events.opacity, self._on_opacity),
                             (events.name, self._on_name), (events.style, self._on_style),
                             (events.frame, self._on_frame)]
        for event, handler in self._connections:
            event.connect(handler)

    @property
    def id(self) -> str:
        """The layer's id, which is its id on the page too."""
        return self.layer.id

    def close(self) -> None:
        """Stop following the layer (it left the map)."""
        for event, handler in self._connections:
            event.disconnect(handler)
        self._connections = []

    # ------------------------------------------------------------ layer -> page
    def _on_visible(self, info) -> None:
        if info.value and self.viewport is not None:
            self.request_detail()
        self._page.view.call("setVisible", self.id, info.value)

    def _on_opacity(self, info) -> None:
        self._page.view.call("setOpacity", self.id, info.value)

    def _on_name(self, info) -> None:
        self._page.view.call("setName", self.id, info.value)

    def _on_style(self, _info) -> None:
        self._page.send_style(self.layer)

    def _on_frame(self, _info) -> None:
        self._page.reframe([self.layer])

    # ------------------------------------------------------------ after the first draw
    def drawn(self) -> None:
        """The page has drawn the layer: start what waited for it (detail, levels, validity)."""
        page, display = self._page, self.display
        if self.viewport is not None:
            self.request_detail()
        if display.validity_due:
            display.validity_due = False
            page.workers.run("validity", lambda: invalid_note(display.geoms), self._late_warning)
        if self.levels_due:
            self.levels_due = False
            page.workers.run("levels", lambda: _levels(display), self._levels_ready)

    def _late_warning(self, note: str | None) -> None:
        if note and self._connections:  # not once the layer has left the map
            self.layer.add_warning(note)

    def _levels_ready(self, payload: bytes | None) -> None:
        if payload is not None and self._connections:
            self._page.replace_data(self.id, payload)

    # ------------------------------------------------------------ viewport detail
    def request_detail(self) -> None:
        """Ask for the detail of the current view, unless what is shown or coming serves it."""
        page, vp = self._page, self.viewport
        view = page.view_request()
        if vp is None or view is None or self.id not in page.loaded or not self.layer.visible:
            return
        bounds, zoom = view
        if any(r is not None and r.covers(bounds, zoom) for r in (vp.shown, vp.running)):
            vp.next = None
            return
        vp.next = DetailRequest.for_view(bounds, zoom)
        if vp.running is None:
            self._start_detail()

    def _start_detail(self) -> None:
        vp, display = self.viewport, self.display
        request, vp.next = vp.next, None
        vp.running = request
        self._page.workers.run("detail", lambda: _detail(display, request),
                               lambda payload: self._detail_ready(request, payload))

    def _detail_ready(self, request: DetailRequest, payload: bytes | None) -> None:
        if not self._connections:
            return  # removed meanwhile
        page, vp = self._page, self.viewport
        vp.running = None
        # Also when it held too many: the overview serves that view (at its own zoom only).
        vp.shown = request if payload is not None else replace(request, refused=True)
        if payload is None:
            page.view.call("setDetail", self.id, None)  # too many features in view: the overview shows them
        else:
            name = f"{self.id}/detail-{page.next_revision()}.bin"
            url = page.view.scheme.put(name, payload)
            w, s, e, n = request.bounds
            page.view.call("setDetail", self.id, {"url": url, "bounds": [w, s, e, n], "zoom": request.zoom})
            vp.fetching += 1
            old, vp.served = vp.served, name
            if old:
                # Later, not now: a snapshot taken just before may still fetch it.
                QTimer.singleShot(10_000, page, lambda: page.view.scheme.drop(old))
        if vp.next is not None:
            self._start_detail()
        page.detailChanged.emit(self.id)

    def adopt_detail(self, request: DetailRequest, name: str, fetched: bool) -> None:
        """Take as shown the detail the page got while the layer was read
        (served as ``name``; ``fetched``: the page has it already)."""
        vp = self.viewport
        vp.shown, vp.served = request, name
        vp.fetching += 0 if fetched else 1

    def detail_loaded(self) -> None:
        """The page has fetched a detail sent to it."""
        vp = self.viewport
        if vp is not None and vp.fetching:
            vp.fetching -= 1
            self._page.detailChanged.emit(self.id)

    @property
    def detail_pending(self) -> bool:
        """Whether viewport detail is being made or is on its way to the page."""
        vp = self.viewport
        return vp is not None and (vp.running is not None or vp.fetching > 0)


def _levels(display: DisplayGeometry) -> bytes | None:
    """The payload with levels of detail (worker thread); None: the layer stays drawn at full detail
    (also when no level was worth keeping: swapping in the same data would redraw the page and
    forget its kept frames for nothing)."""
    try:
        payload = pack(display)
        return None if payload == pack(display, lod=False) else payload
    except Exception:  # noqa: BLE001
        return None


def _detail(display: DisplayGeometry, request: DetailRequest) -> bytes | None:
    """One view of a large layer queried, simplified and packed (worker thread); None: the overview serves it."""
    try:
        part = detail(display, request)
        return pack(part, lod=False) if part is not None else None
    except Exception:  # noqa: BLE001 - the overview stays on screen
        return None

