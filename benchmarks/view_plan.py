"""One list of map views for every tool a benchmark compares.

``plan(lat, lng, zoom, ops)`` gives the views, in order, that
``same_views.py`` drives hegang-map and ``explore()`` through (``setView``)
and has QGIS render (``qgis_frame.py --views``): each a step
``{"op", "lat", "lng", "zoom", "timed"}``, Leaflet's zoom on a 1920x1080
Web Mercator view. Untimed steps put the view where the timed one starts.

Operations, ``ops`` of each:

- ``pan``: a quarter view east of the start (a frame a web map has drawn
  around the view already), and back;
- ``far pan``: at three levels in, from one place to the opposite one
  (views apart, an area not drawn before);
- ``zoom in``: two levels in at a place not shown before;
- ``deep zoom``: four levels in at another place not shown before
  (new places lie where the data is);
- ``zoom out``: from two levels in back to the start (a web map may show
  frames it kept).

Plain Python: it runs under Debian's Python for QGIS too.
"""

from __future__ import annotations

import math

VIEW = (1920, 1080)
OPS = ("pan", "far pan", "zoom in", "deep zoom", "zoom out")
_R = 6378137.0


def plan(lat: float, lng: float, zoom: int, ops: int, bounds=None) -> list[dict]:
    """The steps of every operation from the start view (``lat``, ``lng``, ``zoom``).

    New places lie in the middle 70% of ``bounds`` (west, south, east,
    north: where the data is), else of the start view, spread by a
    low-discrepancy sequence, each used once.
    """
    steps: list[dict] = []
    place = _places(*(_mercator_box(bounds) if bounds else mercator_extent(lat, lng, zoom)))

    def go(op, at, z, timed):
        steps.append({"op": op, "lat": at[0], "lng": at[1], "zoom": z, "timed": timed})

    here = (lat, lng)
    quarter = VIEW[0] / 4 * 360 / (256 * 2 ** zoom)  # degrees of longitude in a quarter view
    go("start", here, zoom, False)
    for _ in range(ops):
        go("pan", (lat, lng + quarter), zoom, True)
        go("start", here, zoom, False)
    for i in range(ops):
        # Opposite places: far apart at three levels in.
        a = place(i, mirror=False)
        go("start", a, zoom + 3, False)
        go("far pan", place(i, mirror=True), zoom + 3, True)
    for i in range(ops):
        go("start", here, zoom, False)
        go("zoom in", place(ops + i), zoom + 2, True)
    for i in range(ops):
        go("start", here, zoom, False)
        go("deep zoom", place(2 * ops + i), zoom + 4, True)
    for _ in range(ops):
        go("start", here, zoom + 2, False)
        go("zoom out", here, zoom, True)
    return steps


def _mercator_box(bounds) -> tuple[float, float, float, float]:
    w, s, e, n = bounds
    return (math.radians(w) * _R, math.log(math.tan(math.pi / 4 + math.radians(s) / 2)) * _R,
            math.radians(e) * _R, math.log(math.tan(math.pi / 4 + math.radians(n) / 2)) * _R)


def _places(xmin: float, ymin: float, xmax: float, ymax: float):
    """``place(k, mirror)``: the k-th place (lat, lng) in the middle of a
    Web Mercator box, or its mirror through the box's centre."""
    cx, cy, w, h = (xmin + xmax) / 2, (ymin + ymax) / 2, xmax - xmin, ymax - ymin

    def place(k: int, mirror: bool = False) -> tuple[float, float]:
        fx, fy = (0.5 + (k + 1) * 0.7548776662) % 1 - 0.5, (0.5 + (k + 1) * 0.5698402910) % 1 - 0.5  # R2 sequence
        fx = math.copysign(max(abs(fx), 0.35), fx)  # away from the centre, so that a mirror is far
        sign = -1 if mirror else 1
        x, y = cx + sign * fx * 0.7 * w, cy + sign * fy * 0.7 * h
        return math.degrees(2 * math.atan(math.exp(y / _R)) - math.pi / 2), math.degrees(x / _R)

    return place


def mercator_extent(lat: float, lng: float, zoom: float, size=VIEW) -> tuple[float, float, float, float]:
    """(xmin, ymin, xmax, ymax) in EPSG:3857 of a ``size`` view centred at (``lat``, ``lng``) at Leaflet ``zoom``."""
    x = math.radians(lng) * _R
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * _R
    res = 2 * math.pi * _R / (256 * 2 ** zoom)  # metres per pixel
    hw, hh = size[0] * res / 2, size[1] * res / 2
    return (x - hw, y - hh, x + hw, y + hh)
