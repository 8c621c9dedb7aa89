"""The map's state: layers, styles, view. Knows nothing of Qt."""

from .events import Event, EventInfo
from .layer import Layer, LayerSource
from .layer_list import LayerList
from .map_state import CHINA_BOUNDS, MapState, Selection, View
from .style import DEFAULT_COLORS, LayerStyle

__all__ = [
    "CHINA_BOUNDS", "DEFAULT_COLORS", "Event", "EventInfo", "Layer", "LayerList",
    "LayerSource", "LayerStyle", "MapState", "Selection", "View",
]
