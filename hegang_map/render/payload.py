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
"""

from __future__ import annotations

import json
import math

import numpy as np
import shapely

from .display import DisplayGeometry

_MAX_LAT = 85.0511287798
_POINT, _LINE, _POLY = (0, 4), (1, 5), (3, 6)  # shapely type ids: single, multi


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


def pack(display: DisplayGeometry) -> bytes:
    """Return the binary payload of ``display`` (see the module docstring)."""
    geoms, rows = display.geoms, display.rows
    types = shapely.get_type_id(geoms) if len(geoms) else np.empty(0, dtype=int)
    arrays: list[np.ndarray] = []
    header: dict = {"version": 1, "features": int(len(np.unique(rows))), "groups": {}}

    all_xy = shapely.get_coordinates(geoms) if len(geoms) else np.zeros((0, 2))
    if len(all_xy):
        wx, wy = lonlat_to_world(all_xy[:, 0], all_xy[:, 1])
        origin = (float(np.floor(wx.min())), float(np.floor(wy.min())))
    else:
        origin = (0.0, 0.0)
    header["origin"] = list(origin)

    def add(arr: np.ndarray) -> list:
        arrays.append(arr)
        return [len(arrays) - 1, int(arr.size), arr.dtype.name]

    def coords_of(g: np.ndarray) -> np.ndarray:
        xy = shapely.get_coordinates(g)
        wx, wy = lonlat_to_world(xy[:, 0], xy[:, 1])
        out = np.empty(len(xy) * 2, dtype=np.float32)
        out[0::2] = wx - origin[0]
        out[1::2] = wy - origin[1]
        return out

    pts = np.isin(types, _POINT)
    if pts.any():
        parts, idx = shapely.get_parts(geoms[pts], return_index=True)
        header["groups"]["points"] = {
            "coords": add(coords_of(parts)),
            "rows": add(rows[pts][idx].astype(np.uint32)),
        }
    for name, ids in (("lines", _LINE), ("polygons", _POLY)):
        sel = np.isin(types, ids)
        if not sel.any():
            continue
        parts, pidx = shapely.get_parts(geoms[sel], return_index=True)
        if name == "polygons":
            paths, ridx = shapely.get_rings(parts, return_index=True)
            path_feature = pidx[ridx]
        else:
            paths, path_feature = parts, pidx
        nverts = shapely.get_num_coordinates(paths)
        path_offsets = np.concatenate([[0], np.cumsum(nverts)]).astype(np.uint32)
        per_feature = np.bincount(path_feature, minlength=int(sel.sum()))
        part_offsets = np.concatenate([[0], np.cumsum(per_feature)]).astype(np.uint32)
        header["groups"][name] = {
            "coords": add(coords_of(paths)),
            "paths": add(path_offsets),
            "parts": add(part_offsets),
            "rows": add(rows[sel].astype(np.uint32)),
        }

    # Lay out arrays after the header, each 8-byte aligned for typed-array views.
    blobs = [a.tobytes() for a in arrays]
    head_guess = json.dumps(header).encode()
    head_len = _align(len(head_guess) + 512)
    offset = 4 + head_len
    placed = []
    for blob in blobs:
        placed.append(offset)
        offset = _align(offset + len(blob))
    for group in header["groups"].values():
        for key, (i, length, dtype) in list(group.items()):
            group[key] = [placed[i], length, dtype]
    head = json.dumps(header).encode()
    assert len(head) <= head_len  # offsets grew by at most a few digits each
    out = bytearray(offset)
    out[0:4] = np.uint32(head_len).tobytes()
    out[4 : 4 + head_len] = head.ljust(head_len, b" ")
    for pos, blob in zip(placed, blobs):
        out[pos : pos + len(blob)] = blob
    return bytes(out)


def _align(n: int, to: int = 8) -> int:
    return (n + to - 1) // to * to
