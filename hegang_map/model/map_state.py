"""The map view, basemap and selection: state that is not a layer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..util.chinese_coords import frame_of
from .basemaps import BasemapFile
from .events import EmitterGroup
from .layout import FigureLayout
from .layer_list import LayerList

#: Longitude/latitude bounds that frame China (west, south, east, north).
CHINA_BOUNDS = (73.5, 18.0, 135.1, 53.6)
#: Longitude/latitude bounds that frame Hegang: the bundled Hegang layers
#: (redevelopment sites, district seats, welfare facilities, mines), padded.
HEGANG_BOUNDS = (130.15, 47.12, 130.85, 47.60)


@dataclass(frozen=True)
class View:
    """A map view: centre latitude/longitude and Leaflet zoom level."""

    lat: float = 36.0
    lon: float = 104.0
    zoom: float = 4.0


@dataclass(frozen=True)
class Selection:
    """One selected feature: a layer id and the feature's row position."""

    layer_id: str
    row: int


class MapState:
    """Everything a map shows: layers, view, basemap, active layer, selection.

    Events: ``view``, ``basemap``, ``basemap_files``, ``frame``, ``layout``, ``active``, ``selection``
    (one per property);
    the layers have their own in :attr:`layers`.
    """

    def __init__(self) -> None:
        self.layers = LayerList()
        self.events = EmitterGroup(self, ["view", "basemap", "basemap_files", "frame", "layout",
                                                   "active", "selection"])
        self._view = View()
        self._basemap = "none"
        self._basemap_files: tuple[BasemapFile, ...] = ()
        self._frame = "wgs84"
        self._layout = FigureLayout()
        self._active: str | None = None
        self._selection: Selection | None = None
        self.layers.events.removed.connect(self._forget_removed)

    @property
    def view(self) -> View:
        """The current view (set by the page when the user pans or zooms)."""
        return self._view

    @view.setter
    def view(self, value: View) -> None:
        if value != self._view:
            self._view = value
            self.events.view.emit(value=value)

    @property
    def basemap(self) -> str:
        """The basemap's name, or ``none``."""
        return self._basemap

    @basemap.setter
    def basemap(self, value: str) -> None:
        if value != self._basemap:
            self._basemap = value
            self.events.basemap.emit(value=value)

    @property
    def basemap_files(self) -> tuple[BasemapFile, ...]:
        """Basemap files the user added, bottom first: drawn above the bundled
        basemap and under every layer."""
        return self._basemap_files

    @basemap_files.setter
    def basemap_files(self, value: tuple[BasemapFile, ...]) -> None:
        value = tuple(value)
        if value != self._basemap_files:
            self._basemap_files = value
            self.events.basemap_files.emit(value=value)

    @property
    def frame(self) -> str:
        """The coordinate frame the map is drawn in: ``wgs84``, or ``gcj02``
        to match a basemap from a Chinese web map. Each layer is shifted from
        its own frame into this one."""
        return self._frame

    @frame.setter
    def frame(self, value: str) -> None:
        if frame_of(value) != self._frame:
            self._frame = value
            self.events.frame.emit(value=value)

    @property
    def layout(self) -> FigureLayout:
        """How exported figures of this map are laid out (parts shown, parts moved)."""
        return self._layout

    @layout.setter
    def layout(self, value: FigureLayout) -> None:
        if value != self._layout:
            self._layout = value
            self.events.layout.emit(value=value)

    @property
    def active_layer_id(self) -> str | None:
        """The id of the layer the user is working on."""
        return self._active

    @active_layer_id.setter
    def active_layer_id(self, value: str | None) -> None:
        if value != self._active:
            self._active = value
            self.events.active.emit(value=value)

    @property
    def selection(self) -> Selection | None:
        """The selected feature, or ``None``."""
        return self._selection

    @selection.setter
    def selection(self, value: Selection | None) -> None:
        if value != self._selection:
            self._selection = value
            self.events.selection.emit(value=value)

    def _forget_removed(self, info) -> None:
        if self._selection and self._selection.layer_id == info.layer.id:
            self.selection = None
        if self._active == info.layer.id:
            self.active_layer_id = self.layers[0].id if len(self.layers) else None


#: Layer properties a saved project records.
_SAVED_LAYER_PROPERTIES = ("name", "visible", "opacity", "style", "frame")


def on_saved_edit(state: MapState, callback: Callable[[], object]) -> None:
    """Call ``callback()`` after every edit a saved project records.

    That is a layer added, removed or moved; a layer renamed, shown or
    hidden, faded, restyled or put in another coordinate frame; another
    basemap, basemap files, map frame or figure layout. Used to mark a project unsaved and to schedule
    its autosave.
    """

    def layer_edited(_info) -> None:
        callback()

    def watch(layer) -> None:
        for name in _SAVED_LAYER_PROPERTIES:
            event = getattr(layer.events, name)
            event.disconnect(layer_edited)  # a layer inserted again is watched once
            event.connect(layer_edited)

    def layers_changed(info) -> None:
        if info.name == "inserted":
            watch(info.layer)
        callback()

    for name in ("inserted", "removed", "moved"):
        getattr(state.layers.events, name).connect(layers_changed)
    state.events.basemap.connect(lambda _info: callback())
    state.events.basemap_files.connect(lambda _info: callback())
    state.events.frame.connect(lambda _info: callback())
    state.events.layout.connect(lambda _info: callback())
    for layer in state.layers:
        watch(layer)
