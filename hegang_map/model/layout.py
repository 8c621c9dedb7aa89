"""The layout of an exported figure: which parts it shows and where the user moved them.

A figure is a title, the map frame and a footer (sources, projection and,
for a story's handouts, the scene's caption). The legend, scale bar, north
arrow and South China Sea inset sit inside the map frame. Each is placed
automatically (in the corner that covers the fewest features) unless the
user moved it: then its lower-left corner is kept as a fraction of the map
frame, so the same layout fits A4 portrait, landscape and a slide.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import checks
from ..util.i18n import translate

#: The parts of a figure, in the order the export dialog lists them.
ELEMENTS = ("title", "legend", "scale_bar", "north_arrow", "inset", "credits")
#: The parts that sit inside the map frame and can be moved there.
MOVABLE = ("legend", "scale_bar", "north_arrow", "inset")


def element_label(name: str) -> str:
    """The name of a figure part as the export dialog shows it."""
    return {
        "title": translate("Layout", "Title"),
        "legend": translate("Layout", "Legend"),
        "scale_bar": translate("Layout", "Scale bar"),
        "north_arrow": translate("Layout", "North arrow"),
        "inset": translate("Layout", "South China Sea inset"),
        "credits": translate("Layout", "Sources and projection"),
    }[name]


@dataclass(frozen=True)
class FigureLayout:
    """Which parts a figure shows, and where moved parts sit.

    Attributes
    ----------
    hidden : frozenset of str
        Parts of :data:`ELEMENTS` not drawn.
    places : tuple of (str, float, float)
        A moved part of :data:`MOVABLE` and its lower-left corner as fractions
        (0 to 1) of the map frame's width and height, from its lower left.
        Parts not listed are placed automatically.
    """

    hidden: frozenset = frozenset()
    places: tuple = ()

    def shows(self, name: str) -> bool:
        """Whether part ``name`` is drawn."""
        return name not in self.hidden

    def place(self, name: str) -> tuple[float, float] | None:
        """Where the user put part ``name`` (fractions of the map frame), or ``None`` for automatic."""
        for n, fx, fy in self.places:
            if n == name:
                return fx, fy
        return None

    def showing(self, name: str, shown: bool) -> "FigureLayout":
        """A copy with part ``name`` shown or hidden."""
        hidden = self.hidden - {name} if shown else self.hidden | {name}
        return FigureLayout(frozenset(hidden), self.places)

    def moved(self, name: str, fx: float | None, fy: float | None = None) -> "FigureLayout":
        """A copy with part ``name`` at (fx, fy), kept inside the frame; ``None`` places it automatically again."""
        places = tuple(p for p in self.places if p[0] != name)
        if fx is not None:
            places += ((name, min(max(float(fx), 0.0), 1.0), min(max(float(fy), 0.0), 1.0)),)
        return FigureLayout(self.hidden, tuple(sorted(places)))

    @property
    def is_default(self) -> bool:
        """Whether everything is shown and placed automatically."""
        return not self.hidden and not self.places

    def to_dict(self) -> dict:
        """The saved form (projects and sidecars)."""
        return {"hide": sorted(self.hidden), "places": {n: [round(x, 4), round(y, 4)] for n, x, y in self.places}}

    @classmethod
    def from_dict(cls, doc: Any, field: str = "layout") -> "FigureLayout":
        """Read a saved layout; ``None`` is the default one.

        Raises
        ------
        ValueError
            A message naming ``field`` for an unknown part or a position out of the frame.
        """
        if doc is None:
            return cls()
        if not isinstance(doc, dict):
            raise checks.FieldError(translate("Messages", "{field} must be an object").format(field=field))
        hide = doc.get("hide", [])
        if not isinstance(hide, list) or len(hide) > len(ELEMENTS):
            raise checks.FieldError(translate("Messages", "{field}.hide must be a list of figure parts").format(
                field=field))
        hidden = frozenset(checks.choice(h, f"{field}.hide", ELEMENTS) for h in hide)
        places = doc.get("places", {})
        if not isinstance(places, dict) or len(places) > len(MOVABLE):
            raise checks.FieldError(translate("Messages", "{field}.places must be an object of part: [x, y]").format(
                field=field))
        layout = cls(hidden)
        for name, xy in places.items():
            checks.choice(name, f"{field}.places", MOVABLE)
            xy = checks.numbers(xy, f"{field}.places.{name}", 0.0, 1.0, 2)
            if len(xy) != 2:
                raise checks.FieldError(translate(
                    "Messages", "{field}.places.{name} must be [x, y], fractions of the map frame").format(
                    field=field, name=name))
            layout = layout.moved(name, *xy)
        return layout
