"""Where labels go: one rule for the figures and the window (``resources/web/labels.js``).

Labels are placed highest priority first, a scene's highlighted features
before all others. Each tries eight spots around its feature's symbol, in
order: right, left, the four diagonals, above, below, a small gap past the
symbol (or past the highlight ring around it). A spot is taken only where the label's box lies
inside the frame and overlaps no label placed before it, no point symbol, no
highlight ring and no part of the figure (legend, scale bar...). A label
with no free spot is left out rather than printed over something; only a
highlighted feature's label, when point symbols crowd every spot, covers
some of them (never a label, a ring or a part).
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
        Larger is placed first.
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


def spots(c: LabelCandidate) -> list[tuple[float, float, float, float]]:
    """The eight boxes (x0, y0, x1, y1; y up) a label tries, in order: right, left, upper right,
    lower right, upper left, lower left, above, below."""
    d = c.clearance + GAP
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


def _hits(box, boxes: np.ndarray) -> bool:
    if not len(boxes):
        return False
    return bool(((box[0] < boxes[:, 2]) & (box[2] > boxes[:, 0]) & (box[1] < boxes[:, 3])
                 & (box[3] > boxes[:, 1])).any())


def place_labels(candidates: list[LabelCandidate], hard: np.ndarray, soft: np.ndarray,
                 frame: tuple[float, float, float, float]) -> list[tuple[LabelCandidate, tuple]]:
    """The labels that find a free spot, with their boxes (x0, y0, x1, y1).

    ``hard``: (n, 4) boxes no label covers (highlight rings, figure parts);
    ``soft``: point symbols, which only a highlighted feature's label may
    cover, and only when every spot around it is crowded by them (its
    number is the scene's point); ``frame``: (x0, y0, x1, y1) a label must
    stay inside.
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
        free = [b for b in spots(c) if frame[0] <= b[0] and frame[1] <= b[1] and b[2] <= frame[2]
                and b[3] <= frame[3] and not _hits(b, taken) and not _hits(b, hard)]
        box = next((b for b in free if not _hits(b, soft)), None)
        if box is None and c.priority >= HIGHLIGHTED and free:
            box = free[0]
        if box is not None:
            said.add(key)
            placed.append((c, box))
            taken = np.vstack([taken, box])
    return placed
