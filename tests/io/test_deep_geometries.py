"""Geometries nested deeper than GEOS can read are left out with a note, never a crash."""

from __future__ import annotations

import os
import sqlite3
import struct
import subprocess
import sys
import time

import geopandas as gpd
from shapely.geometry import Point

from hegang_map.io.wkb import MAX_NESTING, nests_too_deep


def _nested(depth: int, kind: int = 7) -> bytes:
    wkb = Point(130.3, 47.3).wkb
    for _ in range(depth):
        wkb = b"\x01" + struct.pack("<II", kind, 1) + wkb
    return wkb


def test_depth_is_counted_through_every_kind_of_collection():
    assert not nests_too_deep(_nested(MAX_NESTING))
    assert nests_too_deep(_nested(MAX_NESTING + 1))
    assert nests_too_deep(_nested(MAX_NESTING + 1, kind=6))  # MultiPolygon claiming MultiPolygons: GEOS recurses first
    assert nests_too_deep(_nested(MAX_NESTING + 1, kind=1007))  # ISO Z collection
    big_polygon = Point(0, 0).buffer(1, 4000).wkb  # long, but one level
    assert len(big_polygon) > 9 * MAX_NESTING and not nests_too_deep(big_polygon)


def test_a_count_the_wkb_states_does_not_make_the_walk_long():
    lying = b"\x01" + struct.pack("<II", 7, 2**32 - 1) + b"\x01" + struct.pack("<II", 3, 2**32 - 1) + b"\0" * 9000
    start = time.perf_counter()
    assert not nests_too_deep(lying)
    assert time.perf_counter() - start < 0.5


def test_a_geopackage_of_a_collection_20000_deep_exports_without_it(tmp_path):
    path = tmp_path / "deep.gpkg"
    gpd.GeoDataFrame({"n": [1, 2]}, geometry=[Point(130.3, 47.3), Point(130.4, 47.4)], crs=4326).to_file(
        path, layer="pts", engine="pyogrio")
    con = sqlite3.connect(path)
    for name in ("ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"):  # the R-tree triggers call these
        con.create_function(name, 1, lambda g: 0)
    con.execute("UPDATE pts SET geom=? WHERE n=1", (b"GP\x00\x01" + struct.pack("<i", 4326) + _nested(20_000),))
    con.commit()
    con.close()
    out = tmp_path / "deep.png"
    # In a child process: were the guard gone, GEOS would kill it, not the test run.
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "hegang_map", "export", str(path), "--out", str(out),
                           "--size", "600x400px"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "more than 500 deep" in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert out.stat().st_size > 0
