"""Where a figure's legend, scale bar, north arrow and inset go inside the map frame.

Pure geometry in page points (origin at the page's lower left), shared by
every figure export and the export dialog's preview. An element the user
moved keeps its place (a fraction of the map frame); the others go to
corners: the inset to the lower right, the scale bar to the lower left, the
north arrow to the upper right, and the legend to the corner where it hides
the fewest features (highlighted ones count far more), stacked beside what
already sits there.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..model.layout import FigureLayout

#: Box = (x, y, width, height) in page points.
Box = tuple[float, float, float, float]

#: Where each element goes when the user has not moved it; the legend tries every corner.
HOME = {"inset": "lr", "scale_bar": "ll", "north_arrow": "ur"}
#: The legend's corners, in the order that wins a tie.
LEGEND_CORNERS = ("ul", "ll", "ur", "lr")
#: A highlighted feature hidden weighs as much as this many plain ones.
HIGHLIGHT_WEIGHT = 1000


@dataclass
class Placed:
    """Each element's box (page points); an element not drawn is absent."""

    boxes: dict


def _inside(points: np.ndarray, box: Box) -> int:
    if not len(points):
        return 0
    x, y, w, h = box
    return int(((points[:, 0] >= x) & (points[:, 0] <= x + w) & (points[:, 1] >= y) & (points[:, 1] <= y + h)).sum())


def overlaps(a: Box, b: Box) -> bool:
    """Whether two boxes share area."""
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def place_elements(frame: Box, sizes: dict, layout: FigureLayout, pad: float,
                   features: np.ndarray | None = None, highlights: np.ndarray | None = None) -> Placed:
    """Place the elements of ``sizes`` (name -> (width, height) points) in ``frame``.

    ``features`` and ``highlights``: (n, 2) page points of drawn features and
    of highlighted ones, which the legend avoids.
    """
    fx, fy, fw, fh = frame
    features = np.empty((0, 2)) if features is None else features
    highlights = np.empty((0, 2)) if highlights is None else highlights
    boxes: dict[str, Box] = {}
    # What each corner already holds, measured from its edge along y.
    stack = {"ll": 0.0, "lr": 0.0, "ul": 0.0, "ur": 0.0}

    def clamp(x: float, y: float, w: float, h: float) -> Box:
        x = min(max(x, fx), fx + max(fw - w, 0))
        y = min(max(y, fy), fy + max(fh - h, 0))
        return (x, y, w, h)

    def at_corner(corner: str, w: float, h: float) -> Box:
        x = fx + pad if corner[1] == "l" else fx + fw - pad - w
        y = fy + pad + stack[corner] if corner[0] == "l" else fy + fh - pad - stack[corner] - h
        return clamp(x, y, w, h)

    moved = [n for n in sizes if layout.place(n) is not None]
    for name in moved:
        w, h = sizes[name]
        px, py = layout.place(name)
        boxes[name] = clamp(fx + px * fw, fy + py * fh, w, h)
    for name in ("inset", "scale_bar", "north_arrow"):
        if name in sizes and name not in boxes:
            w, h = sizes[name]
            boxes[name] = at_corner(HOME[name], w, h)
            stack[HOME[name]] += h + pad
    if "legend" in sizes and "legend" not in boxes:
        w, h = sizes["legend"]
        best = None
        for corner in LEGEND_CORNERS:
            box = at_corner(corner, w, h)
            clash = sum(overlaps(box, other) for other in boxes.values())
            score = (clash, HIGHLIGHT_WEIGHT * _inside(highlights, box) + _inside(features, box))
            if best is None or score < best[0]:
                best = (score, box)
        boxes["legend"] = best[1]
    return Placed(boxes)
