"""How a layer looks, kept apart from its data.

A :class:`LayerStyle` is an immutable value: changing a style means setting a
new one on the layer, which emits one ``style`` event.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

#: Colours given to new layers in turn, from ColorBrewer Set1/Dark2 (distinct, print-safe).
DEFAULT_COLORS = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#377eb8")


@dataclass(frozen=True)
class LayerStyle:
    """Symbol of a layer.

    Parameters
    ----------
    color : str
        Fill colour (``#rrggbb``) of points and polygons; stroke of lines.
    stroke_color : str
        Outline colour of points and polygons.
    stroke_width : float
        Outline or line width in screen pixels.
    fill_opacity : float
        Opacity of fills, 0 to 1 (the layer opacity multiplies it).
    point_size : float
        Point marker radius in screen pixels.
    marker : str
        Point marker shape: ``circle``, ``square``, ``triangle`` or ``diamond``.
    """

    color: str = DEFAULT_COLORS[0]
    stroke_color: str = "#333333"
    stroke_width: float = 1.0
    fill_opacity: float = 0.8
    point_size: float = 4.0
    marker: str = "circle"

    def evolve(self, **changes: Any) -> "LayerStyle":
        """Return a copy with ``changes`` applied."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LayerStyle":
        """Build a style from :meth:`to_dict` output, ignoring unknown keys."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})
