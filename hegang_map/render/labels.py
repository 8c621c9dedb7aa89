"""Where labels go: one rule for the figures and the window (``resources/web/labels.js``).

Labels are placed highest priority first, a scene's highlighted places
before all others. Each tries eight spots around its feature's symbol, in
order: right, left, the four diagonals, above, below, a small gap past the
symbol (or past the highlight ring around it). A spot is free when the
label's box lies inside the frame and overlaps no label placed before it, no
highlight ring and no part of the figure (legend, scale bar...): a label
never covers those. Among free spots it takes the first that covers no point
symbol; where symbols crowd every free spot, a label the map singles out (a
ringed place, or a row the style's label filter names) looks farther out, up
to eight label heights, and is joined to its place by a leader line; only
when all those are crowded too does it take the near spot covering the
fewest symbols. Any other label is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: Gap between a symbol (or ring) and its label, in points (pixels on screen).
GAP = 2.0
#: A highlighted feature's priority is raised by this much: it is labelled first.
HIGHLIGHTED = 1e15


@dataclass(frozen=True)
class LabelCandidate:
    """A label that wants a place.

    Attributes
    ----------
    x, y : float
        Its feature's anchor (page points, y up).
    text : str
    priority : float
        Larger is placed first; :data:`HIGHLIGHTED` and above for a ringed place.
    chosen : bool
        Singled out by the style's label filter (few rows, each wanted).
    clearance : float
        Distance from the anchor the label keeps: the symbol's radius, or the ring's.
    width, height : float
        The label's box, padding included.
    """

    x: float
    y: float
    text: str
    priority: float
    clearance: float
    width: float
    height: float
    chosen: bool = False


#: How many label heights farther out a singled-out label looks when symbols crowd its first spots
#: (a leader line then joins it to its place).
FARTHER = (1, 2, 3, 4, 6, 8)


def spots(c: LabelCandidate, out: float = 0.0) -> list[tuple[float, float, float, float]]:
    """The eight boxes (x0, y0, x1, y1; y up) a label tries, in order: right, left, upper right,
    lower right, upper left, lower left, above, below; ``out`` label heights farther than the first."""
    d = c.clearance + GAP + out * c.height
    e = d  # a diagonal spot clears the box around the symbol or ring, not only the circle
    w, h = c.width, c.height
    x, y = c.x, c.y
    return [(x + d, y - h / 2, x + d + w, y + h / 2),
            (x - d - w, y - h / 2, x - d, y + h / 2),
            (x + e, y + e, x + e + w, y + e + h),
            (x + e, y - e - h, x + e + w, y - e),
            (x - e - w, y + e, x - e, y + e + h),
            (x - e - w, y - e - h, x - e, y - e),
            (x - w / 2, y + d, x + w / 2, y + d + h),
            (x - w / 2, y - d - h, x + w / 2, y - d)]


def leader(c: LabelCandidate, box) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The line from a label's place (its symbol's or ring's edge) to its box, when the box stands
    apart from it; ``None`` for a label right beside its place."""
    nx = min(max(c.x, box[0]), box[2])  # the box's point nearest the place
    ny = min(max(c.y, box[1]), box[3])
    dist = float(np.hypot(nx - c.x, ny - c.y))
    if dist <= c.clearance + GAP + 0.5 * c.height:
        return None
    k = c.clearance / dist
    return (c.x + (nx - c.x) * k, c.y + (ny - c.y) * k), (nx, ny)


def _hits(box, boxes: np.ndarray) -> bool:
    if not len(boxes):
        return False
    return bool(((box[0] < boxes[:, 2]) & (box[2] > boxes[:, 0]) & (box[1] < boxes[:, 3])
                 & (box[3] > boxes[:, 1])).any())


def _count(box, boxes: np.ndarray) -> int:
    if not len(boxes):
        return 0
    return int(((box[0] < boxes[:, 2]) & (box[2] > boxes[:, 0]) & (box[1] < boxes[:, 3])
                & (box[3] > boxes[:, 1])).sum())


def place_labels(candidates: list[LabelCandidate], hard: np.ndarray, soft: np.ndarray,
                 frame: tuple[float, float, float, float]) -> list[tuple[LabelCandidate, tuple]]:
    """The labels that find a spot (see the module docstring), with their boxes (x0, y0, x1, y1).

    ``hard``: (n, 4) boxes no label covers (highlight rings, figure parts);
    ``soft``: point symbols; ``frame``: (x0, y0, x1, y1) a label stays inside.
    """
    hard = np.asarray(hard, dtype=float).reshape(-1, 4)
    soft = np.asarray(soft, dtype=float).reshape(-1, 4)
    placed: list[tuple[LabelCandidate, tuple]] = []
    taken = np.empty((0, 4))
    said: set = set()
    for c in sorted(candidates, key=lambda c: -c.priority):
        # Two layers naming one place (a city and its price) print its name once.
        key = (c.text, round(c.x), round(c.y))
        if key in said:
            continue
        def free(out: float) -> list:
            return [b for b in spots(c, out) if frame[0] <= b[0] and frame[1] <= b[1] and b[2] <= frame[2]
                    and b[3] <= frame[3] and not _hits(b, taken) and not _hits(b, hard)]

        near = free(0.0)
        covered = [_count(b, soft) for b in near]
        box = next((b for b, n in zip(near, covered) if n == 0), None)
        if box is None and (c.chosen or c.priority >= HIGHLIGHTED):
            box = next((b for out in FARTHER for b in free(out) if not _hits(b, soft)), None)
            if box is None and near:
                box = near[int(np.argmin(covered))]
        if box is not None:
            said.add(key)
            placed.append((c, box))
            taken = np.vstack([taken, box])
    return placed
