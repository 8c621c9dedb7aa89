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


#: Below this zoom place names would crowd a map of China.
PLACE_LABEL_ZOOM = 4.5
#: Below this zoom a capital is labelled with its province's name, from it on with its own.
CAPITAL_NAME_ZOOM = 6.0


def basemap_labels(layer_name: str, data, lang: str) -> dict | None:
    """The page labels of a basemap layer in ``lang`` (``zh`` or ``en``): at
    the province capitals, the province's name when China is seen whole and
    the capital's own name closer in; ``None`` for every other layer."""
    columns = [f"{kind}_{'zh' if lang == 'zh' else 'en'}" for kind in ("capital", "province")]
    if "capital" not in layer_name.lower() or data is None or not set(columns) <= set(data.columns):
        return None

    def texts(column: str) -> list[str]:
        return [v if isinstance(v, str) else "" for v in data[column]]

    return {"texts": texts(columns[0]), "farTexts": texts(columns[1]), "farBelow": CAPITAL_NAME_ZOOM,
            "priority": [0.0] * len(data), "minZoom": PLACE_LABEL_ZOOM, "size": 11.0}


def basemap_style(layer_name: str, data=None, lang: str = "en") -> dict:
    """Return the page style of a basemap layer (see ``render.symbols``), with
    its place names in ``lang`` when ``data`` is given."""
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
        "label": basemap_labels(layer_name, data, lang),
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
