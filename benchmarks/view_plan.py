"""One list of map views for every tool a benchmark compares.

``plan(lat, lng, zoom, ops)`` gives the views, in order, that
``same_views.py`` drives hegang-map and ``explore()`` through (``setView``)
and has QGIS render (``qgis_frame.py --views``): each a step
``{"op", "lat", "lng", "zoom", "timed"}``, Leaflet's zoom on a 1920x1080
Web Mercator view. Untimed steps put the view where the timed one starts.

Operations, ``ops`` of each:

- ``pan``: a quarter view east of the start (a frame a web map has drawn
  around the view already), and back;
- ``far pan``: at two levels in, a view and a half away (an area not drawn
  before), a new direction and distance each time;
- ``zoom in``: two levels in at a place not shown before;
- ``deep zoom``: four levels in at another place not shown before;
- ``zoom out``: from two levels in back to the start (a web map may show
  frames it kept).

Plain Python: it runs under Debian's Python for QGIS too.
"""

from __future__ import annotations

import math

VIEW = (1920, 1080)
OPS = ("pan", "far pan", "zoom in", "deep zoom", "zoom out")
_R = 6378137.0


def plan(lat: float, lng: float, zoom: int, ops: int) -> list[dict]:
    """The steps of every operation from the start view (``lat``, ``lng``, ``zoom``)."""
    steps: list[dict] = []

    def go(op, la, ln, z, timed):
        steps.append({"op": op, "lat": la, "lng": ln, "zoom": z, "timed": timed})

    quarter = VIEW[0] / 4 * 360 / (256 * 2 ** zoom)  # degrees of longitude in a quarter view
    go("start", lat, lng, zoom, False)
    for _ in range(ops):
        go("pan", lat, lng + quarter, zoom, True)
        go("start", lat, lng, zoom, False)
    far = VIEW[0] * 1.5 * 360 / (256 * 2 ** (zoom + 2))
    for i in range(ops):
        angle = i * 2.4  # radians: every step a new direction
        go("start", lat, lng, zoom + 2, False)
        go("far pan", lat + far * (1 + i / ops) * math.sin(angle) * 0.6, lng + far * (1 + i / ops) * math.cos(angle),
           zoom + 2, True)
    for i in range(ops):
        go("start", lat, lng, zoom, False)
        go("zoom in", lat + (i // 5 - 0.5) * quarter, lng + (i % 5 - 2) * 2 * quarter, zoom + 2, True)
    for i in range(ops):
        go("start", lat, lng, zoom, False)
        go("deep zoom", lat + (i // 5 - 0.25) * quarter, lng + (i % 5 - 1.5) * 2 * quarter, zoom + 4, True)
    for _ in range(ops):
        go("start", lat, lng, zoom + 2, False)
        go("zoom out", lat, lng, zoom, True)
    return steps


def mercator_extent(lat: float, lng: float, zoom: float, size=VIEW) -> tuple[float, float, float, float]:
    """(xmin, ymin, xmax, ymax) in EPSG:3857 of a ``size`` view centred at (``lat``, ``lng``) at Leaflet ``zoom``."""
    x = math.radians(lng) * _R
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * _R
    res = 2 * math.pi * _R / (256 * 2 ** zoom)  # metres per pixel
    hw, hh = size[0] * res / 2, size[1] * res / 2
    return (x - hw, y - hh, x + hw, y + hh)
