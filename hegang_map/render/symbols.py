"""What the page needs to draw a layer's style: pure functions of style and data.

The message for ``hgmap.setStyle`` is small: a few symbols, a URL of a
uint16 class per data row (served separately, so restyling 10,000 features
sends 20 kB of binary, not JSON), the labels and the legend.
"""

from __future__ import annotations

from ..model.layer import Layer
from ..model.style import LayerStyle
from ..model.symbology import Symbol, Symbology, resolve


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


def page_symbol(sym: Symbol) -> dict:
    """The page's form of a resolved :class:`Symbol`."""
    return {"color": sym.color, "strokeColor": sym.stroke_color, "strokeWidth": float(sym.stroke_width),
            "fillOpacity": float(sym.fill_opacity), "radius": float(sym.radius), "marker": sym.marker}


def needs_classes(sym: Symbology) -> bool:
    """Whether the page needs the per-row class array (anything but one class for all)."""
    return len(sym.symbols) > 1 or bool((sym.classes != 0).any())


def page_message(sym: Symbology, style: LayerStyle, class_url: str | None) -> dict:
    """The ``hgmap.setStyle`` message for a resolved style.

    Parameters
    ----------
    sym : Symbology
        From :func:`hegang_map.model.symbology.resolve`.
    style : LayerStyle
        For label settings.
    class_url : str or None
        Where the page fetches :meth:`Symbology.class_array`; required when
        :func:`needs_classes`.
    """
    label = None
    if sym.labels is not None and style.label is not None:
        label = {
            "texts": sym.labels,
            "priority": [float(p) for p in sym.label_priority],
            "minZoom": float(style.label.min_zoom),
            "size": float(style.label.size),
            # Rows the style names (its label filter): few and wanted, printed over a crowd of symbols if need be.
            "chosen": bool(style.label.where),
        }
    legend = sym.legend.to_dict()
    # Dash lengths in stroke widths, as matplotlib draws them in exports.
    dash = [float(d) for d in style.dash]
    return {
        "symbols": [dict(page_symbol(s), dash=dash) for s in sym.symbols],
        "classUrl": class_url,
        "label": label,
        "legend": legend,
        "period": None if sym.period is None else str(sym.period),
    }


def page_style(layer: Layer, class_url: str | None = None) -> dict:
    """Return the JSON-ready style message of ``layer`` for ``hgmap.setStyle``.

    ``symbols`` lists the classes; ``classUrl`` (set by the caller when a
    per-feature class array is served, see :func:`needs_classes`) names a
    uint16 class per data row.
    """
    return page_message(resolve(layer.data, layer.style, layer.display_name), layer.style, class_url)
