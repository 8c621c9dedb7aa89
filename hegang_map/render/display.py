"""Prepare a layer for display: EPSG:4326 geometry, checked and indexed.

The layer's own data stays in its CRS; this builds a separate display copy
at the render boundary, as geopandas ``explore()`` does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import shapely
from pyproj import CRS

from ..model.layer import Layer

WGS84 = CRS.from_epsg(4326)


@dataclass
class DisplayGeometry:
    """A layer's geometries in longitude/latitude, ready to pack or query.

    Attributes
    ----------
    geoms : numpy.ndarray of shapely geometries
        One per drawable feature, EPSG:4326, 2D.
    rows : numpy.ndarray of int
        The position of each drawable feature in the layer's data.
    warnings : list of str
        What was assumed or skipped.
    drawable : bool
        False when nothing can be drawn (for example a layer with no CRS
        whose coordinates are not longitude/latitude).
    """

    geoms: np.ndarray
    rows: np.ndarray
    warnings: list[str] = field(default_factory=list)
    drawable: bool = True
    _tree: shapely.STRtree | None = None

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) of the drawable features, or ``None``."""
        if len(self.geoms) == 0:
            return None
        b = shapely.total_bounds(self.geoms)
        return tuple(float(v) for v in b) if np.all(np.isfinite(b)) else None

    def row_bounds(self, row: int) -> tuple[float, float, float, float] | None:
        """Bounds of the feature at data position ``row``, or ``None``."""
        hit = np.nonzero(self.rows == row)[0]
        if len(hit) == 0:
            return None
        return tuple(float(v) for v in shapely.bounds(self.geoms[hit[0]]))

    def nearest_row(self, lon: float, lat: float, tol_lon: float, tol_lat: float) -> int | None:
        """Return the data row of the feature at (lon, lat) within a tolerance.

        Polygons containing the point win; otherwise the nearest feature whose
        distance is within the tolerance box. ``None`` when nothing is there.
        """
        if len(self.geoms) == 0:
            return None
        if self._tree is None:
            self._tree = shapely.STRtree(self.geoms)
        box = shapely.box(lon - tol_lon, lat - tol_lat, lon + tol_lon, lat + tol_lat)
        candidates = self._tree.query(box)
        if len(candidates) == 0:
            return None
        cand = self.geoms[candidates]
        # Scale longitude so that distance compares pixels, not degrees.
        scale = tol_lat / tol_lon if tol_lon else 1.0
        contains = shapely.contains_xy(cand, lon, lat)
        polygonal = np.isin(shapely.get_type_id(cand), (3, 6))
        inside = candidates[contains & polygonal]
        if len(inside):
            # The smallest containing polygon is the one the user sees on top.
            areas = shapely.area(self.geoms[inside])
            return int(self.rows[inside[np.argmin(areas)]])
        scaled = shapely.transform(cand, lambda xy: xy * np.array([scale, 1.0]))
        dist = shapely.distance(scaled, shapely.Point(lon * scale, lat))
        best = int(np.argmin(dist))
        if dist[best] > tol_lat:
            return None
        return int(self.rows[candidates[best]])


def prepare(layer: Layer) -> DisplayGeometry:
    """Reproject ``layer`` to EPSG:4326 for display, skipping what cannot be drawn.

    A layer without a CRS is taken as longitude/latitude only when its bounds
    fit; otherwise it is not drawn and the warning says why.
    """
    data = layer.data
    geoms = np.asarray(data.geometry.values, dtype=object)
    rows = np.arange(len(geoms))
    notes: list[str] = []

    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if missing.any():
        notes.append(f"{int(missing.sum())} feature(s) without geometry are not drawn (they stay in the table).")
        geoms, rows = geoms[~missing], rows[~missing]

    if shapely.has_z(geoms).any() if len(geoms) else False:
        geoms = shapely.force_2d(geoms)
        notes.append("3D coordinates: heights are ignored on the map.")

    crs = data.crs
    if crs is None:
        b = shapely.total_bounds(geoms) if len(geoms) else np.array([0, 0, 0, 0])
        if np.all(np.isfinite(b)) and -180 <= b[0] <= b[2] <= 180 and -90 <= b[1] <= b[3] <= 90:
            notes.append("No CRS in the file: assumed EPSG:4326 (longitude/latitude) because the coordinates fit.")
        else:
            notes.append(
                "No CRS in the file and the coordinates are not longitude/latitude: "
                "the layer is not drawn. Assign its CRS in the source file."
            )
            return DisplayGeometry(np.empty(0, dtype=object), np.empty(0, dtype=np.int64), notes, drawable=False)
    elif not CRS(crs).equals(WGS84, ignore_axis_order=True):
        try:
            from pyproj import Transformer

            tr = Transformer.from_crs(crs, WGS84, always_xy=True)
            geoms = shapely.transform(geoms, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))
        except Exception as exc:  # pyproj raises several kinds for unusable CRSs
            notes.append(f"The CRS {crs.name!r} cannot be converted to longitude/latitude ({exc}); the layer is not drawn.")
            return DisplayGeometry(np.empty(0, dtype=object), np.empty(0, dtype=np.int64), notes, drawable=False)

    if len(geoms):
        ok = _in_range(geoms)
        if not ok.all():
            notes.append(
                f"{int((~ok).sum())} feature(s) with coordinates outside longitude/latitude range or NaN are not drawn."
            )
            geoms, rows = geoms[ok], rows[ok]
    return DisplayGeometry(geoms, rows, notes)


def _in_range(geoms: np.ndarray) -> np.ndarray:
    coords, index = shapely.get_coordinates(geoms, return_index=True)
    bad = ~np.isfinite(coords).all(axis=1) | (np.abs(coords[:, 0]) > 180) | (np.abs(coords[:, 1]) > 90)
    ok = np.ones(len(geoms), dtype=bool)
    ok[np.unique(index[bad])] = False
    return ok


def meters_per_pixel(lat: float, zoom: float) -> float:
    """Ground metres per screen pixel in Web Mercator at ``lat`` and ``zoom``."""
    return 156543.03392804097 * math.cos(math.radians(lat)) / (2**zoom)
