"""What the page needs to draw a layer's style: a pure function of the style."""

from __future__ import annotations

from ..model.layer import Layer
from ..model.style import LayerStyle


def symbol(style: LayerStyle, color: str | None = None, radius: float | None = None) -> dict:
    """Return one page symbol for ``style``, optionally with another colour or size."""
    return {
        "color": color or style.color,
        "strokeColor": style.stroke_color,
        "strokeWidth": float(style.stroke_width),
        "fillOpacity": float(style.fill_opacity),
        "radius": float(radius if radius is not None else style.point_size),
        "marker": style.marker,
    }


def page_style(layer: Layer) -> dict:
    """Return the JSON-ready style message of ``layer`` for ``hgmap.setStyle``.

    ``symbols`` lists the classes; ``classUrl`` (set by the caller when a
    per-feature class array is served) names a uint16 class per data row.
    """
    return {"symbols": [symbol(layer.style)], "classUrl": None, "label": None}
