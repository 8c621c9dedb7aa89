"""Layers too large to keep in the page: an overview plus detail for the view.

A layer with more than :data:`VIEWPORT_FEATURES` lines or polygons is not
sent whole. The page first gets an *overview* (:func:`overview`): every
point as it is, every line or polygon as its bounding box, so that every
feature stays present at every zoom. When the view shows at most
:data:`DETAIL_CAP` of its lines and polygons, the page also gets the
*detail* of that view: those features, simplified to about one screen
pixel at the view's zoom, found with the layer's spatial index. Rows stay
the layer's own, so styles, selection and identify address the true
features in both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..util.lazy import lazy_module
from .display import DisplayGeometry, degrees_per_pixel
from .payload import pack

shapely = lazy_module("shapely")

#: Layers with more lines and polygons than this are sent as overview + detail.
VIEWPORT_FEATURES = 300_000
#: At most this many features in one detail request; above it the overview is shown.
DETAIL_CAP = 150_000
#: Share of the view's width and height added on every side of a detail request
#: (the page draws this much around the view, so a short pan needs no request).
DETAIL_PAD = 0.5
#: Simplification tolerance of the detail, in screen pixels at its zoom.
DETAIL_TOLERANCE_PX = 0.8

_LINES_POLYGONS = (1, 2, 3, 5, 6)


def too_large(display: DisplayGeometry) -> bool:
    """Whether ``display`` is drawn from an overview plus viewport detail."""
    if len(display.geoms) <= VIEWPORT_FEATURES:
        return False
    return int(np.isin(shapely.get_type_id(display.geoms), _LINES_POLYGONS).sum()) > VIEWPORT_FEATURES


@dataclass(frozen=True)
class DetailRequest:
    """The part of a layer to send in detail: a padded view at an integer zoom.

    Attributes
    ----------
    bounds : tuple of float
        (west, south, east, north) in degrees, padded by :data:`DETAIL_PAD`.
    zoom : int
        The zoom the detail is simplified for.
    refused : bool
        The view held too many features to send: the overview shows it. That
        serves this zoom only; one level in, the view may hold few enough.
    """

    bounds: tuple[float, float, float, float]
    zoom: int
    refused: bool = False

    @classmethod
    def for_view(cls, bounds: tuple[float, float, float, float], zoom: float) -> "DetailRequest":
        """The request for a view showing ``bounds`` at ``zoom``."""
        w, s, e, n = bounds
        dx, dy = (e - w) * DETAIL_PAD, (n - s) * DETAIL_PAD
        return cls((max(-180.0, w - dx), max(-85.06, s - dy), min(180.0, e + dx), min(85.06, n + dy)),
                   int(math.floor(zoom)))

    def covers(self, bounds: tuple[float, float, float, float], zoom: float) -> bool:
        """Whether this detail serves a view of ``bounds`` at ``zoom``.

        Coarser views need the overview; a view zoomed in more than one
        level would show the simplification.
        """
        w, s, e, n = self.bounds
        inside = w <= bounds[0] and s <= bounds[1] and e >= bounds[2] and n >= bounds[3]
        return inside and self.zoom <= zoom < self.zoom + (1 if self.refused else 2)


def overview(display: DisplayGeometry) -> bytes:
    """The page payload of ``display`` with every line and polygon as its box.

    Points are kept as they are; rows are unchanged.
    """
    return pack(display, lod=False, boxes=True)


def first_payload(display: DisplayGeometry) -> bytes:
    """What the page gets first: the overview of a layer too large to keep
    whole, otherwise the whole layer without levels of detail."""
    return overview(display) if too_large(display) else pack(display, lod=False)


def detail(display: DisplayGeometry, request: DetailRequest, cap: int | None = None) -> DisplayGeometry | None:
    """The lines and polygons of ``display`` in ``request``, simplified; ``None``
    when there are more than ``cap`` (default :data:`DETAIL_CAP`).

    Points are left out: the overview has them all.
    """
    hits = display.tree.query(shapely.box(*request.bounds))
    hits = hits[np.isin(shapely.get_type_id(display.geoms[hits]), _LINES_POLYGONS)]
    if len(hits) > (DETAIL_CAP if cap is None else cap):
        return None
    hits.sort()  # rows ascend, as the page's row lookups expect
    lat = max(abs(request.bounds[1]), abs(request.bounds[3]))
    tol = DETAIL_TOLERANCE_PX * degrees_per_pixel(request.zoom, lat)
    geoms = display.geoms[hits]
    simple = shapely.simplify(geoms, tol, preserve_topology=False)
    gone = shapely.is_empty(simple) | shapely.is_missing(simple)
    if gone.any():  # smaller than the tolerance: the page draws its box as a pixel
        simple[gone] = geoms[gone]
    return DisplayGeometry(simple, display.rows[hits], [], True)
