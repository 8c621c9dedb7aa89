"""Prepare a layer for display: EPSG:4326 geometry, checked and indexed.

The layer's own data stays in its CRS; this builds a separate display copy
at the render boundary, as geopandas ``explore()`` does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..util.chinese_coords import convert, convert_geometries
from ..util.i18n import QT_TRANSLATE_NOOP, translate
from ..util.lazy import lazy_module
from ..util.projection import transformer
from ..model.layer import Layer

shapely = lazy_module("shapely")

WGS84 = "EPSG:4326"

#: Geometries per tree of :class:`SpatialIndex`.
INDEX_SLICE = 131_072


class SpatialIndex:
    """An STRtree per slice of an array of geometries, queried as one.

    Building one tree holds the interpreter lock throughout (a million
    polygons: 0.4 s, during which the GUI thread cannot run); slices hold it
    a twentieth of a second each.

    Parameters
    ----------
    geoms : numpy.ndarray of shapely geometries
    """

    def __init__(self, geoms: np.ndarray) -> None:
        self._trees = [(i, shapely.STRtree(geoms[i:i + INDEX_SLICE])) for i in range(0, len(geoms), INDEX_SLICE)]

    def query(self, geometry) -> np.ndarray:
        """Positions of the geometries whose boxes meet ``geometry``'s (as ``STRtree.query``)."""
        hits = [tree.query(geometry) + start for start, tree in self._trees]
        return np.concatenate(hits) if hits else np.empty(0, dtype=np.intp)


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
    validity_due : bool
        True when the polygons are yet to be checked for validity
        (:func:`invalid_note`), which large layers do after their first draw.
    frames : tuple of str
        (the layer's coordinate frame, the map's) when it was prepared: the
        geometries were shifted from the first to the second.
    """

    geoms: np.ndarray
    rows: np.ndarray
    warnings: list[str] = field(default_factory=list)
    drawable: bool = True
    validity_due: bool = False
    frames: tuple[str, str] = ("wgs84", "wgs84")
    _tree: SpatialIndex | None = None

    @property
    def bounds(self) -> tuple[float, float, float, float] | None:
        """(west, south, east, north) of the drawable features, or ``None``."""
        if len(self.geoms) == 0:
            return None
        b = shapely.total_bounds(self.geoms)
        return tuple(float(v) for v in b) if np.all(np.isfinite(b)) else None

    @property
    def tree(self) -> SpatialIndex:
        """The spatial index of :attr:`geoms` (built on first use)."""
        if self._tree is None:
            self._tree = SpatialIndex(self.geoms)
        return self._tree

    def row_bounds(self, row: int) -> tuple[float, float, float, float] | None:
        """Bounds of the feature at data position ``row``, or ``None``."""
        hit = np.nonzero(self.rows == row)[0]
        if len(hit) == 0:
            return None
        return tuple(float(v) for v in shapely.bounds(self.geoms[hit[0]]))


#: Key of ``layer.data.attrs`` holding what the reader assumed or repaired
#: (the same string as ``hegang_map.io.READ_WARNINGS``; render does not import io).
READ_WARNINGS = "hegang_map_warnings"

_POINTS, _LINES, _POLYGONS = (0, 4), (1, 2, 5), (3, 6)
_KIND_WORDS = {"point": QT_TRANSLATE_NOOP("Messages", "points"), "line": QT_TRANSLATE_NOOP("Messages", "lines"),
               "polygon": QT_TRANSLATE_NOOP("Messages", "polygons")}
_KIND = {0: "point", 4: "point", 1: "line", 2: "line", 5: "line", 3: "polygon", 6: "polygon", 7: "collection"}


def prepare(layer: Layer, frame: str = "wgs84") -> DisplayGeometry:
    """Reproject ``layer`` to EPSG:4326 for display, skipping what cannot be drawn.

    ``frame`` is the map's coordinate frame: the longitudes/latitudes are
    shifted from the layer's (:attr:`Layer.frame`) into it.

    A layer without a CRS is taken as longitude/latitude only when its bounds
    fit; otherwise it is not drawn and the warning says why. Null, empty,
    NaN and out-of-range geometries are skipped; geometry collections are
    drawn by their parts; Z and M values are dropped; invalid polygons are
    drawn as they are. Every such step leaves a warning. This never raises
    for odd data: the worst case is a layer that is not drawn, with a warning.
    """
    data = layer.data
    notes: list[str] = [str(n) for n in (getattr(data, "attrs", {}) or {}).get(READ_WARNINGS, []) or []]
    return prepare_geometries(np.asarray(data.geometry.values, dtype=object), data.crs, (layer.frame, frame), notes)


def prepare_geometries(geoms: np.ndarray, crs, frames: tuple[str, str] = ("wgs84", "wgs84"),
                       notes: list[str] | None = None) -> DisplayGeometry:
    """:func:`prepare` for shapes ``geoms`` in ``crs`` (rows are their positions).

    ``frames``: (their coordinate frame, the map's); ``notes``: warnings
    gathered before, which the result's warnings begin with.
    """
    notes = [] if notes is None else notes
    try:
        display = _prepare(geoms, crs, notes, frames)
        display.frames = frames
        return display
    except Exception as exc:  # noqa: BLE001 - odd data must never take the app down
        notes.append(translate(
            "Messages", "The geometry could not be prepared for the map ({value}: {reason}); the layer is "
            "not drawn.").format(value=type(exc).__name__, reason=exc))
        return DisplayGeometry(np.empty(0, dtype=object), np.empty(0, dtype=np.int64), notes, drawable=False, frames=frames)


def _prepare(geoms: np.ndarray, crs, notes: list[str], frames: tuple[str, str]) -> DisplayGeometry:
    rows = np.arange(len(geoms))
    if len(geoms) == 0:
        notes.append(translate("Messages", "The layer has no features: there is nothing to draw."))

    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if missing.any():
        notes.append(translate(
            "Messages", "{value} feature(s) without geometry are not drawn (they stay in the table).").format(value=int(missing.sum())))
        geoms, rows = geoms[~missing], rows[~missing]

    if len(geoms) and (shapely.has_z(geoms).any() or _has_m(geoms)):
        geoms = shapely.force_2d(geoms)
        notes.append(translate("Messages", "3D coordinates: heights (and measures) are ignored on the map."))

    geoms, rows = _drawable_types(geoms, rows, notes)

    if crs is None:
        if _fits_lonlat(shapely.total_bounds(geoms) if len(geoms) else np.array([0, 0, 0, 0])):
            notes.append(translate(
                "Messages", "No CRS in the file: assumed EPSG:4326 (longitude/latitude) because the "
                "coordinates fit."))
        else:
            notes.append(
                translate(
                    "Messages", "No CRS in the file and the coordinates are not longitude/latitude: the "
                    "layer is not drawn. Assign its CRS in the source file.")
            )
            return DisplayGeometry(np.empty(0, dtype=object), np.empty(0, dtype=np.int64), notes, drawable=False)
    else:
        try:
            to_lonlat = _to_lonlat(crs)
            if to_lonlat is not None and len(geoms):
                geoms = shapely.transform(geoms, to_lonlat)
        except Exception as exc:  # pyproj raises several kinds for unusable CRSs
            name = getattr(crs, "name", None) or str(crs)[:80]
            notes.append(
                translate(
                    "Messages", "The CRS {layer} cannot be converted to longitude/latitude ({reason}); the "
                    "layer is not drawn.").format(layer=repr(name), reason=exc)
            )
            return DisplayGeometry(np.empty(0, dtype=object), np.empty(0, dtype=np.int64), notes, drawable=False)

    if len(geoms) and frames[0] != frames[1]:
        geoms = convert_geometries(geoms, *frames)

    if len(geoms):
        ok = _in_range(geoms)
        if not ok.all():
            notes.append(
                translate(
                    "Messages", "{value} feature(s) with coordinates outside longitude/latitude range or NaN "
                    "are not drawn.").format(value=int((~ok).sum()))
            )
            geoms, rows = geoms[ok], rows[ok]
    if len(geoms) > CHECK_LATER:
        # Seconds for a million polygons: not before the first draw (see ``validity_due``).
        return DisplayGeometry(geoms, rows, notes, validity_due=True)
    note = invalid_note(geoms) if len(geoms) else None
    if note:
        notes.append(note)
    return DisplayGeometry(geoms, rows, notes)


def points_lonlat(xy: np.ndarray, crs, frames: tuple[str, str] = ("wgs84", "wgs84")
                  ) -> tuple[np.ndarray, np.ndarray] | None:
    """What :func:`prepare` would draw of a layer of plain 2D points, from their
    coordinates alone: the lon/lat (n, 2) and layer rows of the points drawn,
    or ``None`` when the layer would not be drawn (or its CRS needs a look).
    ``frames``: (the layer's coordinate frame, the map's).

    ``xy`` is in ``crs``, NaN where a feature has no geometry. The same rules
    as ``prepare``: missing points skipped, no CRS taken as lon/lat only when
    the coordinates fit, other CRSs converted, out-of-range points skipped.
    """
    rows = np.flatnonzero(~np.isnan(xy).any(axis=1))
    xy = xy[rows]
    if crs is None:
        if not len(xy) or not _fits_lonlat((*xy.min(axis=0), *xy.max(axis=0))):
            return None
    else:
        try:
            to_lonlat = _to_lonlat(crs)
            if to_lonlat is not None:
                xy = to_lonlat(xy)
        except Exception:  # noqa: BLE001 - prepare says what is wrong with the CRS
            return None
    if frames[0] != frames[1]:
        xy = np.column_stack(convert(xy[:, 0], xy[:, 1], *frames))
    x, y = xy[:, 0], xy[:, 1]
    ok = np.isfinite(x) & np.isfinite(y) & (x >= -180) & (x <= 180) & (y >= -90) & (y <= 90)
    if not ok.all():
        xy, rows = xy[ok], rows[ok]
    return xy, rows


def boxes_lonlat(boxes: np.ndarray, rows: np.ndarray, crs, frames: tuple[str, str] = ("wgs84", "wgs84")
                 ) -> tuple[np.ndarray, np.ndarray] | None:
    """The boxes (n, 4: west, south, east, north) in longitude/latitude and layer
    rows of features whose boxes in ``crs`` are ``boxes`` (minx, miny, maxx,
    maxy), by the rules of :func:`points_lonlat` applied to their corners; or
    ``None`` when the layer would not be drawn. A box with a corner that
    cannot be drawn is left out. ``frames``: (the layer's frame, the map's).
    """
    n = len(boxes)
    if frames[0] == frames[1] and crs is not None and _is_lonlat(crs):
        # Already longitude/latitude (most files): the boxes are what is drawn.
        ok = np.isfinite(boxes).all(axis=1) & (boxes[:, 0] >= -180) & (boxes[:, 2] <= 180) & \
            (boxes[:, 1] >= -90) & (boxes[:, 3] <= 90)
        return (boxes, rows) if ok.all() else (boxes[ok], rows[ok])
    corners = np.concatenate([boxes[:, [0, 1]], boxes[:, [2, 1]], boxes[:, [2, 3]], boxes[:, [0, 3]]])
    made = points_lonlat(corners, crs, frames)
    if made is None:
        return None
    xy, kept = made
    every = np.full((len(corners), 2), np.nan)
    every[kept] = xy
    lon, lat = every[:, 0].reshape(4, n), every[:, 1].reshape(4, n)
    out = np.column_stack([lon.min(axis=0), lat.min(axis=0), lon.max(axis=0), lat.max(axis=0)])
    ok = np.isfinite(out).all(axis=1)  # NaN where a corner was left out
    return (out, rows) if ok.all() else (out[ok], rows[ok])


def _fits_lonlat(bounds) -> bool:
    """Whether bounds (w, s, e, n) of a layer without CRS can be longitude/latitude."""
    w, s, e, n = bounds
    return bool(np.all(np.isfinite(bounds)) and -180 <= w <= e <= 180 and -90 <= s <= n <= 90)


def _is_lonlat(crs) -> bool:
    """Whether ``crs`` is EPSG:4326 (whatever its axis order); False when pyproj cannot say."""
    try:
        from pyproj import CRS

        return bool(CRS(crs).equals(WGS84, ignore_axis_order=True))
    except Exception:  # noqa: BLE001 - a CRS pyproj cannot compare: try converting
        return False


def _to_lonlat(crs):
    """``None`` when ``crs`` is longitude/latitude already, else a function of
    (n, 2) coordinates to longitude/latitude; raises when pyproj cannot convert."""
    if _is_lonlat(crs):
        return None
    tr = transformer(crs, WGS84)
    return lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1]))


def _has_m(geoms: np.ndarray) -> bool:
    has_m = getattr(shapely, "has_m", None)
    return bool(has_m(geoms).any()) if has_m is not None else False


def _drawable_types(geoms: np.ndarray, rows: np.ndarray, notes: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Split geometry collections into parts the page can draw; note mixed types.

    A collection becomes up to three geometries for the same row (its points,
    lines and polygons), keeping rows ascending.
    """
    if not len(geoms):
        return geoms, rows
    types = shapely.get_type_id(geoms)
    kinds = {_KIND.get(int(t), "other") for t in np.unique(types)}
    collections = types == 7
    if collections.any():
        out_g, out_r = [], []
        for g, r, t in zip(geoms, rows, types):
            if t != 7:
                out_g.append(g)
                out_r.append(r)
                continue
            for part in _flatten(g):
                out_g.append(part)
                out_r.append(r)
                kinds.add(_KIND.get(int(shapely.get_type_id(part)), "other"))
        kinds.discard("collection")
        notes.append(translate(
            "Messages", "{value} geometry collection(s) are drawn by their parts.").format(value=int(collections.sum())))
        geoms = np.array(out_g, dtype=object) if out_g else np.empty(0, dtype=object)
        rows = np.array(out_r, dtype=np.int64) if out_r else np.empty(0, dtype=np.int64)
        types = shapely.get_type_id(geoms) if len(geoms) else np.empty(0, dtype=int)
    rings = types == 2
    if rings.any():
        geoms = geoms.copy()
        for i in np.nonzero(rings)[0]:
            geoms[i] = shapely.LineString(shapely.get_coordinates(geoms[i]))
    known = np.isin(types, (0, 1, 2, 3, 4, 5, 6))
    if not known.all():
        notes.append(translate(
            "Messages", "{value} feature(s) of a geometry type the map cannot draw are skipped.").format(value=int((~known).sum())))
        geoms, rows = geoms[known], rows[known]
    kinds.discard("other")
    if len(kinds) > 1:
        notes.append(translate(
            "Messages", "Mixed geometry types in one layer ({kinds}): each kind is drawn with the layer's symbol for "
            "it.").format(kinds=translate("Messages", ", ").join(translate("Messages", _KIND_WORDS[k])
                                                                  for k in sorted(kinds))))
    return geoms, rows


def _flatten(g) -> list:
    """The points, lines and polygons of a (nested) collection, merged per kind."""
    parts = [g]
    flat = []
    for _depth in range(32):
        nxt = []
        for p in parts:
            if shapely.get_type_id(p) == 7:
                nxt.extend(shapely.get_parts(p))
            elif not shapely.is_empty(p):
                flat.append(p)
        if not nxt:
            break
        parts = nxt
    out = []
    for ids in (_POINTS, _LINES, _POLYGONS):
        same = [p for p in flat if int(shapely.get_type_id(p)) in ids]
        if same:
            out.append(_merge(same, ids))
    return out


def _merge(same: list, ids: tuple) -> object:
    if len(same) == 1:
        return same[0] if int(shapely.get_type_id(same[0])) != 2 else shapely.LineString(shapely.get_coordinates(same[0]))
    singles = []
    for p in same:
        singles.extend(shapely.get_parts(p))
    if ids is _POINTS:
        return shapely.MultiPoint(list(singles))
    if ids is _LINES:
        return shapely.MultiLineString([shapely.get_coordinates(p) for p in singles])
    return shapely.MultiPolygon(list(singles))


#: Layers with more polygons than this are checked for validity after their first draw.
CHECK_LATER = 100_000


def invalid_note(geoms: np.ndarray) -> str | None:
    """The warning for invalid polygons among ``geoms``, or ``None`` when all are valid."""
    polygonal = np.isin(shapely.get_type_id(geoms), _POLYGONS)
    if not polygonal.any():
        return None
    try:
        valid = shapely.is_valid(geoms[polygonal])
    except Exception:  # noqa: BLE001
        return None
    bad = int((~valid).sum())
    if not bad:
        return None
    return (f"{bad} invalid polygon(s) (for example self-intersecting): drawn as they are; "
            "areas and overlays may be wrong. Repair them in the source file.")


def _in_range(geoms: np.ndarray) -> np.ndarray:
    """Which geometries have every coordinate finite and within longitude/latitude range."""
    b = shapely.bounds(geoms)
    ok = np.isfinite(b).all(axis=1) & (b[:, 0] >= -180) & (b[:, 2] <= 180) & (b[:, 1] >= -90) & (b[:, 3] <= 90)
    # Bounds pass over NaN vertices; a NaN vertex makes a line's or ring's length NaN.
    ok &= np.isfinite(shapely.length(geoms))
    multipoints = np.nonzero(shapely.get_type_id(geoms) == 4)[0]
    if len(multipoints):  # whose length is 0 whatever their points: check those one by one
        coords, index = shapely.get_coordinates(geoms[multipoints], return_index=True)
        bad = np.unique(index[~np.isfinite(coords).all(axis=1)])
        ok[multipoints[bad]] = False
    return ok


def degrees_per_pixel(zoom: float, lat: float = 0.0) -> float:
    """Degrees of longitude in one Web Mercator screen pixel at ``zoom``, scaled
    by cos(``lat``) so that it is never coarser than a pixel north-south there."""
    return 360.0 / (256.0 * 2**zoom) * math.cos(math.radians(min(abs(lat), 85.0)))


def meters_per_pixel(lat: float, zoom: float) -> float:
    """Ground metres per screen pixel in Web Mercator at ``lat`` and ``zoom``."""
    return 156543.03392804097 * math.cos(math.radians(lat)) / (2**zoom)
