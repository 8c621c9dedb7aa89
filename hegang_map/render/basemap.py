"""Quiet styles for the bundled basemap layers, chosen by layer name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: The sea, under the land polygons (the land layer paints it, here and in the figures).
SEA = "#cfe0ec"

_STYLES = [
    # (name keyword, fill/line colour, stroke colour, stroke width, fill opacity)
    # The land's outline is the coast (the land is one layer across the world: no seams to hide).
    ("land", "#f6f3ec", "#8fa9bb", 0.8, 1.0),
    ("lake", SEA, "#a9c3d6", 0.5, 1.0),
    ("river", "#9dbdd6", "#9dbdd6", 0.8, 1.0),
    ("coast", "#8fa9bb", "#8fa9bb", 0.8, 1.0),
    ("countr", "#8c8c8c", "#8c8c8c", 1.2, 1.0),
    ("border", "#8c8c8c", "#8c8c8c", 1.2, 1.0),
    ("province", "#b9b3a8", "#b9b3a8", 0.7, 1.0),
    ("admin", "#b9b3a8", "#b9b3a8", 0.7, 1.0),
    ("capital", "#777777", "#ffffff", 0.8, 1.0),
    ("place", "#777777", "#ffffff", 0.8, 1.0),
]


@dataclass(frozen=True)
class Basemap:
    """A basemap as read, for the exports: its layers in paint order (bottom
    first), each ``(name, GeoDataFrame)`` in longitude/latitude, and its credit.

    Rendering receives it; reading it is the caller's job (``hegang_map.export``).
    """

    layers: tuple[tuple[str, Any], ...] = ()
    credit: str | None = None

    def layer(self, name: str):
        """The data of layer ``name``, or None."""
        return next((data for n, data in self.layers if n == name), None)


def basemap_style(layer_name: str) -> dict:
    """Return the page style of a basemap layer (see ``render.symbols``)."""
    lowered = layer_name.lower()
    for key, color, stroke, width, opacity in _STYLES:
        if key in lowered:
            break
    else:
        color, stroke, width, opacity = "#cccccc", "#aaaaaa", 0.6, 1.0
    style = {
        "symbols": [{"color": color, "strokeColor": stroke, "strokeWidth": width,
                     "fillOpacity": opacity, "radius": 2.5, "marker": "circle"}],
        "classUrl": None,
        "label": None,
    }
    if key == "land":
        style["background"] = SEA
    return style


def basemap_order(layer_names: list[str]) -> list[str]:
    """Paint order, bottom first: land, lakes, rivers, lines, points."""
    rank = {key: i for i, (key, *_rest) in enumerate(_STYLES)}

    def key(name: str) -> int:
        lowered = name.lower()
        return min((r for k, r in rank.items() if k in lowered), default=len(rank))

    return sorted(layer_names, key=key)
