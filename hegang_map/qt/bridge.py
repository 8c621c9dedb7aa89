"""The web channel object: the only way the page talks to Python.

Each slot takes plain numbers or short strings, checks them, and re-emits a
Qt signal; junk from the page is ignored and logged, never trusted.
"""

from __future__ import annotations

import logging
import math

from PySide6.QtCore import QObject, Signal, Slot

_log = logging.getLogger(__name__)


def _finite(*values) -> bool:
    return all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in values)


def _lat_lng_ok(lat, lng) -> bool:
    return _finite(lat, lng) and -90 <= lat <= 90 and -1e4 <= lng <= 1e4


def _short_text(value, limit: int = 200) -> bool:
    return isinstance(value, str) and 0 < len(value) <= limit


def _feature_ok(layer_id, row) -> bool:
    return _short_text(layer_id, 64) and isinstance(row, int) and not isinstance(row, bool) and row >= 0


class Bridge(QObject):
    """Receives page events; exposed to JavaScript as ``bridge``."""

    pageReady = Signal(str, float, float, float)
    clicked = Signal(str, int)  # the feature picked by a click (layer id, data row), or ("", -1): none
    hovered = Signal(str, int, float, float)  # the feature the pointer rests on, and where
    mouseMoved = Signal(float, float)
    viewChanged = Signal(float, float, float, tuple)
    layerLoaded = Signal(str, int)
    detailLoaded = Signal(str)  # viewport detail of a large layer is in the page (or failed to come)
    layerFailed = Signal(str, str)
    drawn = Signal(int)
    painted = Signal(int)

    def _reject(self, name: str, *args) -> None:
        _log.warning("ignored bridge call %s%r", name, args[:8])

    @Slot(str, float, float, float)
    def ready(self, instance, lat, lng, zoom):  # noqa: N802 (called from JS)
        if _short_text(instance, 64) and _lat_lng_ok(lat, lng) and _finite(zoom):
            self.pageReady.emit(instance, lat, lng, zoom)
        else:
            self._reject("pageReady", instance, lat, lng, zoom)

    @Slot(str, int)
    def click(self, layer_id, row):  # noqa: N802 (called from JS)
        if layer_id == "" and row == -1 or _feature_ok(layer_id, row):
            self.clicked.emit(layer_id, row)
        else:
            self._reject("clicked", layer_id, row)

    @Slot(str, int, float, float)
    def hover(self, layer_id, row, lat, lng):  # noqa: N802 (called from JS)
        if _feature_ok(layer_id, row) and _lat_lng_ok(lat, lng):
            self.hovered.emit(layer_id, row, lat, lng)

    @Slot(float, float)
    def mouseMove(self, lat, lng):  # noqa: N802 (called from JS)
        if _lat_lng_ok(lat, lng):
            self.mouseMoved.emit(lat, lng)

    @Slot(float, float, float, float, float, float, float)
    def viewChange(self, lat, lng, zoom, west, south, east, north):  # noqa: N802 (called from JS)
        if _lat_lng_ok(lat, lng) and _finite(zoom, west, south, east, north):
            self.viewChanged.emit(lat, lng, zoom, (west, south, east, north))
        else:
            self._reject("viewChanged", lat, lng, zoom)

    @Slot(str, int)
    def layerLoad(self, layer_id, count):  # noqa: N802 (called from JS)
        if _short_text(layer_id, 64) and isinstance(count, int) and count >= 0:
            self.layerLoaded.emit(layer_id, count)
        else:
            self._reject("layerLoaded", layer_id, count)

    @Slot(str)
    def detailLoad(self, layer_id):  # noqa: N802 (called from JS)
        if _short_text(layer_id, 64):
            self.detailLoaded.emit(layer_id)

    @Slot(str, str)
    def layerFail(self, layer_id, message):  # noqa: N802 (called from JS)
        if _short_text(layer_id, 64) and isinstance(message, str):
            self.layerFailed.emit(layer_id, message[:500])

    @Slot(int)
    def frameDrawn(self, frame):  # noqa: N802 (called from JS)
        if isinstance(frame, int):
            self.drawn.emit(frame)

    @Slot(int)
    def framePainted(self, token):  # noqa: N802 (called from JS)
        if isinstance(token, int):
            self.painted.emit(token)
