"""A legend as plain data: what the map control, the layer panel and exports draw.

Built by :func:`hegang_map.model.symbology.resolve` from a style and the
layer's data, so every view of the legend (page, panel, static figure) says
the same thing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class LegendEntry:
    """One legend row: a symbol and its meaning.

    Attributes
    ----------
    label : str
        The text ("2,285 – 4,120 yuan/m²", "hospital").
    color, stroke_color : str
        Fill and outline ``#rrggbb``.
    stroke_width, fill_opacity, radius : float
        As on the map (radius in screen pixels).
    marker : str
        ``circle``, ``square``, ``triangle`` or ``diamond``.
    count : int
        Features of this class on the map now.
    lower, upper : float or None
        Class range of graduated styles.
    value : str or None
        Category value of categorized styles.
    """

    label: str
    color: str
    stroke_color: str
    stroke_width: float
    fill_opacity: float
    radius: float
    marker: str
    count: int = 0
    lower: float | None = None
    upper: float | None = None
    value: str | None = None


@dataclass(frozen=True)
class Legend:
    """The legend of one layer.

    Attributes
    ----------
    layer : str
        Layer name.
    title : str
        Names field, unit, period and method, e.g. "Resale listing price,
        yuan/m², 2024 — natural breaks, 5 classes".
    kind : str
        ``single``, ``categorized`` or ``graduated``.
    geometry : str
        ``point``, ``line`` or ``polygon``: how swatches are drawn.
    entries : tuple of LegendEntry
    notes : tuple of str
        Lines under the entries (source caveats, hollow symbols, hidden rows).
    period : str or None
        The period shown, when the layer has a time field.
    unit : str
    """

    layer: str
    title: str
    kind: str
    geometry: str = "point"
    entries: tuple[LegendEntry, ...] = ()
    notes: tuple[str, ...] = ()
    period: str | None = None
    unit: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (the page's legend control takes it as is)."""
        out = asdict(self)
        out["entries"] = [asdict(e) for e in self.entries]
        out["notes"] = list(self.notes)
        return out

    def text(self) -> str:
        """The legend as plain text lines (tests, tooltips, accessibility)."""
        lines = [self.title]
        for e in self.entries:
            lines.append(f"{e.label} ({e.count})")
        lines.extend(self.notes)
        return "\n".join(lines)
