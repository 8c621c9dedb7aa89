"""How deep a WKB geometry nests, found without decoding it.

GEOS reads a collection inside a collection by recursion, one C stack frame
per level, and checks a child's type only after reading it: a WKB of some
10,000 collections inside each other (90 KB) overflows the stack and kills
the process, and a smaller thread stack dies sooner. The app refuses such a
geometry before GEOS sees it. Only a long WKB can nest deep (each level
costs at least 9 bytes), so only those are walked.
"""

from __future__ import annotations

import struct

#: Collections inside collections a geometry may hold; GeoJSON, GeoPackages
#: and Shapefiles in use nest two or three.
MAX_NESTING = 500

#: The shortest WKB that can nest deeper than :data:`MAX_NESTING`.
MIN_DEEP_BYTES = 9 * MAX_NESTING

# Base types that hold other geometries: Multi*, GeometryCollection,
# CompoundCurve, CurvePolygon, MultiCurve, MultiSurface, PolyhedralSurface, TIN.
_CONTAINERS = frozenset((4, 5, 6, 7, 9, 10, 11, 12, 15, 16))
_EWKB_Z, _EWKB_M, _EWKB_SRID = 0x80000000, 0x40000000, 0x20000000


def nests_too_deep(blob: bytes, limit: int = MAX_NESTING) -> bool:
    """Whether ``blob`` holds more than ``limit`` geometries inside each other.

    A WKB that ends early or names an unknown type answers ``False``: GEOS
    reads it and says it is invalid. Every step moves forward in ``blob``,
    so a count the WKB states (2³² children) never makes this loop longer
    than the bytes there are.
    """
    if len(blob) < 9 * limit:
        return False
    n = len(blob)
    pos = 0
    left = [1]  # geometries still to read at each open level
    while left:
        if left[-1] == 0:
            left.pop()
            continue
        left[-1] -= 1
        if pos + 5 > n:
            return False
        order = "<" if blob[pos] == 1 else ">"
        (code,) = struct.unpack_from(order + "I", blob, pos + 1)
        pos += 9 if code & _EWKB_SRID else 5
        base = code & 0x0FFFFFFF
        z, m = bool(code & _EWKB_Z), bool(code & _EWKB_M)
        if base >= 1000:
            z, m = z or base // 1000 in (1, 3), m or base // 1000 in (2, 3)
            base %= 1000
        point = 8 * (2 + z + m)
        if base == 1:
            pos += point
        elif base in (2, 8):  # LineString, CircularString
            if pos + 4 > n:
                return False
            pos += 4 + point * struct.unpack_from(order + "I", blob, pos)[0]
        elif base in (3, 17):  # Polygon, Triangle: rings of points
            if pos + 4 > n:
                return False
            (rings,) = struct.unpack_from(order + "I", blob, pos)
            pos += 4
            for _ in range(rings):
                if pos + 4 > n:
                    return False
                pos += 4 + point * struct.unpack_from(order + "I", blob, pos)[0]
        elif base in _CONTAINERS:
            if pos + 4 > n:
                return False
            left.append(struct.unpack_from(order + "I", blob, pos)[0])
            pos += 4
            if len(left) - 1 > limit:
                return True
        else:
            return False
    return False
