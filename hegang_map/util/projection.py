"""Coordinate transformers, made once per pair of CRSs.

Making a :class:`pyproj.Transformer` asks PROJ's database for the
operation, 10-15 ms each time; one figure converts between the same two
CRSs twenty-odd times (its frame, grid, basemap, scale bar and north arrow).
pyproj's transformers are safe to share between threads (pyproj >= 3.1).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=32)
def transformer(source, target):
    """The ``always_xy`` transformer from ``source`` to ``target`` (anything
    :meth:`pyproj.Transformer.from_crs` takes that can be hashed: a CRS, an EPSG code)."""
    from pyproj import Transformer

    return Transformer.from_crs(source, target, always_xy=True)
