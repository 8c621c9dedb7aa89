"""Pack display geometry into one compact binary buffer for the page.

Layout (little-endian): a uint32 byte length ``h``, ``h`` bytes of JSON
header (space-padded to a multiple of 8), then the arrays the header lists
as ``[byte_offset, length, dtype]``. Coordinates are Web Mercator world
pixels at zoom 0 (0..256), stored as float32 offsets from a float64
``origin`` so that precision holds at street zoom.

Groups: ``points`` (``coords``, ``rows``), ``lines`` and ``polygons``
(``coords``, ``paths`` vertex offsets per ring or line, ``parts`` path
offsets per feature, ``rows``). ``rows`` map each drawn feature to its
position in the layer's data, which is how styles and selection address it.

Levels of detail: a ``lines`` or ``polygons`` group may also hold
``coords@Z``, ``paths@Z`` and ``parts@Z``, the same features simplified to
about one screen pixel at zoom ``Z`` (shapely, Douglas-Peucker), for the
page to draw at zooms up to ``Z``. Every feature keeps at least one path at
every level: a feature that simplification would erase (smaller than a
pixel there) becomes its bounding box, or the boxes of its parts where
only they are that small. ``rows`` are shared by all levels.
"""

from __future__ import annotations

import json
import math

import numpy as np

from ..util.lazy import lazy_module
from .display import DisplayGeometry

shapely = lazy_module("shapely")

_MAX_LAT = 85.0511287798
_POINT, _LINE, _POLY = (0, 4), (1, 5), (3, 6)  # shapely type ids: single, multi

#: Zoom levels for which simplified copies are made (each used up to its zoom).
LOD_ZOOMS = (3, 5, 8)
#: A level is kept only when it has at most this share of the next finer level's vertices.
LOD_KEEP = 0.7
#: Simplification tolerance in screen pixels at the level's zoom.
LOD_TOLERANCE_PX = 0.8


def lonlat_to_world(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Project degrees to Leaflet's EPSG:3857 world pixels at zoom 0."""
    lat = np.clip(lat, -_MAX_LAT, _MAX_LAT)
    x = (np.asarray(lon, dtype=np.float64) + 180.0) / 360.0 * 256.0
    s = np.sin(np.radians(lat))
    y = (0.5 - np.log((1 + s) / (1 - s)) / (4 * math.pi)) * 256.0
    return x, y


def world_to_lonlat(x: float, y: float) -> tuple[float, float]:
    """Inverse of :func:`lonlat_to_world` for one point."""
    lon = x / 256.0 * 360.0 - 180.0
    lat = math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * y / 256.0))))
    return lon, lat


def pack(display: DisplayGeometry, lod: bool = True, boxes: bool = False) -> bytes:
    """Return the binary payload of ``display`` (see the module docstring).

    ``lod`` adds simplified levels of detail for lines and polygons.
    ``boxes`` sends every line and polygon as its bounding box instead (a
    box ring, or a line along the box's diagonal): the overview of a layer
    too large to keep in the page (:mod:`hegang_map.render.viewport`).
    """
    geoms, rows = display.geoms, display.rows
    types = shapely.get_type_id(geoms) if len(geoms) else np.empty(0, dtype=int)
    arrays: list[np.ndarray] = []
    distinct = int(np.count_nonzero(np.diff(rows))) + 1 if len(rows) else 0  # rows ascend
    header: dict = {"version": 1, "features": distinct, "groups": {}}

    every = shapely.bounds(geoms) if boxes and len(geoms) else None  # once, for the origin and the boxes
    origin = _origin(_total(every) if every is not None else shapely.total_bounds(geoms) if len(geoms) else None)
    header["origin"] = list(origin)

    def add(arr: np.ndarray) -> list:
        arrays.append(arr)
        return [len(arrays) - 1, int(arr.size), arr.dtype.name]

    def world(xy: np.ndarray) -> np.ndarray:
        return _world(xy, origin)

    pts = np.isin(types, _POINT)
    if pts.any():
        if (types[pts] == 0).all():  # single points: no parts to split
            xy, prow = shapely.get_coordinates(geoms[pts]), rows[pts]
        else:
            parts, idx = shapely.get_parts(geoms[pts], return_index=True)
            xy, prow = shapely.get_coordinates(parts), rows[pts][idx]
        header["groups"]["points"] = {"coords": add(world(xy)), "rows": add(prow.astype(np.uint32))}

    for name, ids in (("lines", _LINE), ("polygons", _POLY)):
        sel = np.isin(types, ids)
        if not sel.any():
            continue
        group_geoms = geoms[sel]
        if boxes:
            xy, path_offsets, part_offsets = _box_paths(every[sel], name == "polygons")
            lod = False
        else:
            xy, path_offsets, part_offsets = _ragged(group_geoms)
        group = header["groups"][name] = {
            "coords": add(world(xy)),
            "paths": add(path_offsets),
            "parts": add(part_offsets),
            "rows": add(rows[sel].astype(np.uint32)),
        }
        if lod:
            finer = len(xy)
            for zoom, level in levels_of_detail(group_geoms, name == "polygons"):
                if shapely.get_num_coordinates(level).sum() > LOD_KEEP * finer:
                    continue
                lxy, loffsets, lparts = _ragged(level)
                finer = len(lxy)
                group[f"coords@{zoom}"] = add(world(lxy))
                group[f"paths@{zoom}"] = add(loffsets)
                group[f"parts@{zoom}"] = add(lparts)

    return _layout(header, arrays)


def pack_points(lonlat: np.ndarray, rows: np.ndarray) -> bytes:
    """The payload :func:`pack` makes of single points at ``lonlat`` (n, 2) for
    layer ``rows`` (ascending), made from coordinates alone, with no point objects."""
    header: dict = {"version": 1, "features": len(rows), "groups": {}}
    origin = _origin((*lonlat.min(axis=0), *lonlat.max(axis=0)) if len(rows) else None)
    header["origin"] = list(origin)
    if len(rows):
        header["groups"]["points"] = {"coords": [0, 2 * len(rows), "float32"], "rows": [1, len(rows), "uint32"]}
    return _layout(header, [_world(lonlat, origin), rows.astype(np.uint32)] if len(rows) else [])


def pack_boxes(boxes: np.ndarray, rows: np.ndarray, polygons: bool) -> bytes:
    """The payload :func:`pack` with ``boxes`` makes of a layer of polygons (or
    lines) whose boxes (n, 4: west, south, east, north) are ``boxes``, for layer
    ``rows`` (ascending), made from the boxes alone, with no shapes."""
    distinct = int(np.count_nonzero(np.diff(rows))) + 1 if len(rows) else 0
    header: dict = {"version": 1, "features": distinct, "groups": {}}
    origin = _origin(_total(boxes) if len(rows) else None)
    header["origin"] = list(origin)
    if not len(rows):
        return _layout(header, [])
    # Each box's two longitudes and two latitudes projected once, not per corner.
    wx0, wy1 = lonlat_to_world(boxes[:, 0], boxes[:, 1])
    wx1, wy0 = lonlat_to_world(boxes[:, 2], boxes[:, 3])
    world = np.column_stack([wx0 - origin[0], wy1 - origin[1], wx1 - origin[0], wy0 - origin[1]]).astype(np.float32)
    xy, paths, parts = _box_paths(world, polygons)
    arrays = [xy.astype(np.float32).ravel(), paths, parts, rows.astype(np.uint32)]
    header["groups"]["polygons" if polygons else "lines"] = {
        key: [i, int(a.size), a.dtype.name] for i, (key, a) in enumerate(zip(("coords", "paths", "parts", "rows"), arrays))}
    return _layout(header, arrays)


def _total(boxes: np.ndarray) -> tuple[float, float, float, float]:
    """The box around boxes (n, 4), NaN rows ignored."""
    return (float(np.nanmin(boxes[:, 0])), float(np.nanmin(boxes[:, 1])),
            float(np.nanmax(boxes[:, 2])), float(np.nanmax(boxes[:, 3])))


def _origin(bounds) -> tuple[float, float]:
    """The world-pixel origin of a payload: the north-west corner of ``bounds`` (w, s, e, n), floored."""
    if bounds is None:
        return (0.0, 0.0)
    ox, oy = lonlat_to_world(np.array([bounds[0]]), np.array([bounds[3]]))
    return (float(np.floor(ox[0])), float(np.floor(oy[0])))


def _world(xy: np.ndarray, origin: tuple[float, float]) -> np.ndarray:
    """Interleaved float32 world pixels of lon/lat ``xy``, relative to ``origin``."""
    wx, wy = lonlat_to_world(xy[:, 0], xy[:, 1])
    out = np.empty(len(xy) * 2, dtype=np.float32)
    out[0::2] = wx - origin[0]
    out[1::2] = wy - origin[1]
    return out


def _layout(header: dict, arrays: list[np.ndarray]) -> bytes:
    """Header and arrays in one buffer; each group entry ``[array index, length, dtype]``
    becomes ``[byte offset, length, dtype]``."""
    # Lay out arrays after the header, each 8-byte aligned for typed-array views.
    arrays = [np.ascontiguousarray(a) for a in arrays]
    head_guess = json.dumps(header).encode()
    head_len = _align(len(head_guess) + 512)
    offset = 4 + head_len
    placed = []
    for a in arrays:
        placed.append(offset)
        offset = _align(offset + a.nbytes)
    for group in header["groups"].values():
        for key, (i, length, dtype) in list(group.items()):
            group[key] = [placed[i], length, dtype]
    head = json.dumps(header).encode()
    assert len(head) <= head_len  # offsets grew by at most a few digits each
    out = bytearray(offset)
    out[0:4] = np.uint32(head_len).tobytes()
    out[4 : 4 + head_len] = head.ljust(head_len, b" ")
    for pos, a in zip(placed, arrays):  # copied in place: no bytes object per array
        np.frombuffer(out, dtype=np.uint8, count=a.nbytes, offset=pos)[:] = a.view(np.uint8).ravel()
    return bytes(out)


def needs_levels(display: DisplayGeometry) -> bool:
    """Whether :func:`pack` with ``lod`` would add levels of detail (lines or polygons)."""
    geoms = display.geoms
    if not len(geoms):
        return False
    return bool(np.isin(shapely.get_type_id(geoms), _LINE + _POLY).any())


def _ragged(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Coordinates, path (ring or line) vertex offsets and per-feature path offsets."""
    kind, xy, offsets = shapely.to_ragged_array(geoms)
    n = len(geoms)
    if kind == shapely.GeometryType.LINESTRING:
        paths, parts = offsets[0], np.arange(n + 1)
    elif kind == shapely.GeometryType.POLYGON:
        paths, parts = offsets
    elif kind == shapely.GeometryType.MULTILINESTRING:
        paths, parts = offsets
    else:  # MULTIPOLYGON: rings per polygon, polygons per feature
        paths, parts = offsets[0], offsets[1][offsets[2]]
    return xy, np.asarray(paths, dtype=np.uint32), np.asarray(parts, dtype=np.uint32)


def _box_paths(b: np.ndarray, rings: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Ragged arrays of one path per feature: its box ring (four corners) or diagonal."""
    n = len(b)
    corners = ((0, 1), (2, 1), (2, 3), (0, 3)) if rings else ((0, 1), (2, 3))
    xy = np.empty((n, len(corners), 2), dtype=np.float64)
    for k, (ix, iy) in enumerate(corners):
        xy[:, k, 0], xy[:, k, 1] = b[:, ix], b[:, iy]
    paths = np.arange(0, len(corners) * n + 1, len(corners), dtype=np.uint32)
    return xy.reshape(-1, 2), paths, np.arange(n + 1, dtype=np.uint32)


def levels_of_detail(geoms: np.ndarray, polygons: bool, zooms=LOD_ZOOMS) -> list[tuple[int, np.ndarray]]:
    """Simplified copies of ``geoms`` (EPSG:4326) for each zoom, finest first.

    The simplification runs in Web Mercator pixels, as the page draws: the
    tolerance is :data:`LOD_TOLERANCE_PX` screen pixels at that zoom at every
    latitude (a tolerance in degrees would have to be that of the layer's
    highest latitude everywhere, and a world layer reaching the Arctic would
    hardly be simplified at all). A polygon that would vanish keeps its
    bounding box, so every feature still has a ring at every level.
    """
    if not len(geoms):
        return []
    bounds = shapely.bounds(geoms)
    merc = shapely.transform(geoms, _to_world)
    mb = shapely.bounds(merc)
    size = np.maximum(mb[:, 2] - mb[:, 0], mb[:, 3] - mb[:, 1])
    out = []
    current = merc
    for zoom in sorted(zooms, reverse=True):
        tol = LOD_TOLERANCE_PX / 2.0 ** zoom  # world pixels at zoom 0
        level = np.empty(len(geoms), dtype=object)
        # Features below the tolerance are dots at this zoom: their box is as good.
        tiny = size < tol
        if polygons:
            level[tiny] = shapely.box(*bounds[tiny].T) if tiny.any() else level[tiny]
        else:
            level[tiny] = shapely.linestrings(np.stack([bounds[tiny][:, :2], bounds[tiny][:, 2:]], axis=1)) \
                if tiny.any() else level[tiny]
        big = ~tiny
        if big.any():
            simple = shapely.simplify(current[big], tol, preserve_topology=False)
            gone = shapely.is_empty(simple) | shapely.is_missing(simple)
            kept = shapely.transform(simple, _from_world)
            if gone.any():
                kept[gone] = _part_boxes(geoms[big][gone], polygons)
            level[big] = kept
            current = current.copy()
            current[big] = np.where(gone, current[big], simple)
        out.append((zoom, level))
    return out


def _part_boxes(geoms: np.ndarray, polygons: bool) -> np.ndarray:
    """Each feature as the boxes of its parts (a line: each part's diagonal).

    A feature whose every part simplifies away is a few dots, not its box:
    the box of an archipelago scattered over the ocean (the Maldives, the
    Chagos) filled a rectangle of sea with land.
    """
    parts, index = shapely.get_parts(geoms, return_index=True)
    b = shapely.bounds(parts)
    if polygons:
        return shapely.multipolygons(shapely.box(*b.T), indices=index, out=np.empty(len(geoms), dtype=object))
    diagonals = shapely.linestrings(np.stack([b[:, :2], b[:, 2:]], axis=1))
    return shapely.multilinestrings(diagonals, indices=index, out=np.empty(len(geoms), dtype=object))


def _to_world(xy: np.ndarray) -> np.ndarray:
    return np.column_stack(lonlat_to_world(xy[:, 0], xy[:, 1]))


def _from_world(xy: np.ndarray) -> np.ndarray:
    lon = xy[:, 0] / 256.0 * 360.0 - 180.0
    lat = np.degrees(np.arctan(np.sinh(np.pi * (1 - 2 * xy[:, 1] / 256.0))))
    return np.column_stack([lon, lat])


def _align(n: int, to: int = 8) -> int:
    return (n + to - 1) // to * to
