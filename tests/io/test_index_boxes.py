"""A GeoPackage's spatial index read as boxes, before the shapes are decoded."""

from __future__ import annotations

import sqlite3

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from hegang_map.io import read_layer
from hegang_map.io.gpkg_index import geopackage_boxes


def _polygons(path, n, crs="EPSG:4326", holes=(), **options):
    rng = np.random.default_rng(3)
    x, y = rng.uniform(120, 130, n), rng.uniform(40, 48, n)
    geoms = list(shapely.box(x, y, x + rng.uniform(0.001, 0.3, n), y + rng.uniform(0.001, 0.2, n)))
    for i in holes:
        geoms[i] = None
    frame = gpd.GeoDataFrame({"n": np.arange(n), "name": [f"片区 {i}" for i in range(n)]}, geometry=geoms,
                             crs="EPSG:4326")
    frame.to_crs(crs).to_file(path, driver="GPKG", engine="pyogrio", layer="parcels", **options)
    return frame


def test_the_index_holds_every_shape_by_its_fid_and_its_box_holds_the_shape(tmp_path):
    path = tmp_path / "parcels.gpkg"
    frame = _polygons(path, 5000, holes=(7, 4000))
    ids, boxes = geopackage_boxes(path, "parcels")
    # fids start at 1; the two features without geometry are not in the index.
    assert list(ids) == [i + 1 for i in range(5000) if i not in (7, 4000)]
    true = shapely.bounds(frame.geometry.values[ids - 1])
    assert (boxes[:, :2] <= true[:, :2]).all() and (boxes[:, 2:] >= true[:, 2:]).all()
    assert np.abs(boxes - true).max() < 1e-4  # 32-bit floats, rounded outward


def test_no_index_or_a_damaged_one_gives_none_and_reading_still_works(tmp_path):
    bare = tmp_path / "bare.gpkg"
    _polygons(bare, 300, layer_options={"SPATIAL_INDEX": "NO"})
    assert geopackage_boxes(bare, "parcels") is None
    assert geopackage_boxes(bare, "no such layer") is None

    damaged = tmp_path / "damaged.gpkg"
    _polygons(damaged, 3000)
    con = sqlite3.connect(damaged)
    con.execute("UPDATE rtree_parcels_geom_node SET data = substr(data, 1, 30) "
                "WHERE nodeno = (SELECT MAX(nodeno) FROM rtree_parcels_geom_node)")
    con.commit()
    con.close()
    before = damaged.read_bytes()
    assert geopackage_boxes(damaged, "parcels") is None
    assert damaged.read_bytes() == before  # read-only
    assert len(read_layer(damaged)) == 3000


def test_boxes_come_before_the_shapes_and_name_the_rows_read(tmp_path):
    path = tmp_path / "parcels.gpkg"
    _polygons(path, 3000, crs="EPSG:3857", holes=(10,))
    # Gaps in the fids: rows are positions in the layer read, not fids.
    con = sqlite3.connect(path)
    con.execute("DELETE FROM parcels WHERE fid IN (2, 3, 500)")
    con.commit()
    con.close()
    seen, picked = [], []

    def early(read):
        seen.append(read)
        picked.append(read.decode(read.rows[:50]))  # the shapes of rows asked for, before the rest

    got = read_layer(path, boxes_read=early, boxes_from=1000)
    want = pyogrio.read_dataframe(path)
    assert len(seen) == 1
    read = seen[0]
    assert read.geometry_type in ("Polygon", "MultiPolygon") and read.crs == "EPSG:3857"
    assert list(read.attributes.columns) == ["n", "name"]
    pd.testing.assert_frame_equal(read.attributes, pd.DataFrame(want.drop(columns="geometry")))
    # Every feature with a shape has its box, at its row.
    assert list(read.rows) == [i for i in range(len(want)) if want.geometry[i] is not None]
    true = shapely.bounds(want.geometry.values[read.rows])
    assert np.abs(read.boxes - true).max() / np.abs(true).max() < 1e-6
    assert shapely.equals(picked[0], want.geometry.values[read.rows[:50]]).all()
    # The layer read is the file's, as without the early boxes.
    assert shapely.equals(got.geometry.values, want.geometry.values)[want.geometry.notna()].all()
    assert got.geometry.isna().sum() == 1
    pd.testing.assert_frame_equal(pd.DataFrame(got.drop(columns="geometry")), pd.DataFrame(want.drop(columns="geometry")))


def test_small_layers_points_and_other_formats_are_read_without_early_boxes(tmp_path):
    small = tmp_path / "small.gpkg"
    _polygons(small, 500)
    points = tmp_path / "points.gpkg"
    gpd.GeoDataFrame({"n": range(2000)}, geometry=shapely.points(np.linspace(120, 121, 2000), np.full(2000, 45.0)),
                     crs="EPSG:4326").to_file(points, engine="pyogrio")
    shp = tmp_path / "parcels.shp"
    _polygons(tmp_path / "big.gpkg", 2000)
    pyogrio.write_dataframe(pyogrio.read_dataframe(tmp_path / "big.gpkg"), shp)
    seen = []
    for path in (small, points, shp):
        read_layer(path, boxes_read=seen.append, boxes_from=1000)
    assert seen == []
    read_layer(tmp_path / "big.gpkg", boxes_read=seen.append, boxes_from=1000)
    assert [read.attributes is None for read in seen] == [True, False]  # from the index, then with the attributes


def test_a_slow_disk_does_not_cost_the_boxes_but_a_bound_on_work_stays(tmp_path, monkeypatch):
    import time

    from hegang_map.io import gpkg_index

    path = tmp_path / "parcels.gpkg"
    _polygons(path, 20_000)  # an index of some 100,000 SQLite steps
    # Every look at the clock finds ten more seconds gone: a disk read as slowly as can be.
    clock = iter(range(0, 10**9, 10))
    monkeypatch.setattr(time, "monotonic", lambda: float(next(clock)))
    ids, _boxes = geopackage_boxes(path, "parcels")
    assert len(ids) == 20_000
    monkeypatch.undo()
    # An index that would take more work than its file's size allows is not read.
    monkeypatch.setattr(gpkg_index, "MAX_STEPS_PER_BYTE", 1e-9)
    monkeypatch.setattr(gpkg_index, "_STEPS_PER_CALL", 10)
    assert geopackage_boxes(path, "parcels") is None
    assert len(read_layer(path, "parcels", boxes_read=lambda r: None, boxes_from=1)) == 20_000


def test_fids_without_a_gap_give_the_index_boxes_before_the_features_are_read(tmp_path, monkeypatch):
    from hegang_map.io import read as reading

    path = tmp_path / "parcels.gpkg"
    _polygons(path, 3000, holes=(10, 2999))
    order = []
    opened = reading.pyogrio.open_arrow

    def open_arrow(*args, **kwargs):
        order.append("stream")
        return opened(*args, **kwargs)

    monkeypatch.setattr(reading.pyogrio, "open_arrow", open_arrow)
    seen = []

    def early(read):
        order.append("index" if read.attributes is None else "attributes")
        seen.append(read)

    got = read_layer(path, boxes_read=early, boxes_from=1000)
    assert order == ["index", "stream", "attributes"]
    first, then = seen
    assert first.decode is None and first.crs == "EPSG:4326"
    # The places the index gives are the rows read: features without a shape are counted, not boxed.
    np.testing.assert_array_equal(first.rows, then.rows)
    np.testing.assert_array_equal(first.boxes, then.boxes)
    assert list(first.rows) == [i for i in range(3000) if got.geometry.values[i] is not None]

    # A gap in the fids: the places are known only once the features are read.
    con = sqlite3.connect(path)
    con.execute("DELETE FROM parcels WHERE fid = 1500")
    con.commit()
    con.close()
    order.clear()
    read_layer(path, boxes_read=early, boxes_from=1000)
    assert order == ["stream", "attributes"]
