"""Reading a layer: the values users see are the file's, whatever reader ran."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely

from hegang_map.io import read_layer


def _mixed_layer(path, n):
    rng = np.random.default_rng(7)
    frame = gpd.GeoDataFrame(
        {
            "count": rng.integers(0, 1000, n),
            "price": np.where(rng.random(n) < 0.1, np.nan, rng.normal(9000, 2000, n)),
            "name": [f"小区 {i}" if i % 7 else None for i in range(n)],
            "day": [dt.date(2015 + i % 10, 1 + i % 12, 1) for i in range(n)],
            "flag": rng.random(n) < 0.5,
        },
        geometry=shapely.points(rng.uniform(130, 131, n), rng.uniform(47, 48, n)),
        crs="EPSG:4326",
    )
    frame.to_file(path, driver="GPKG", engine="pyogrio")


def test_read_layer_gives_the_same_values_as_a_plain_read(tmp_path):
    path = tmp_path / "mixed.gpkg"
    _mixed_layer(path, 250_000)  # more than one batch
    calls = []
    got = read_layer(path, progress=lambda done, total: calls.append((done, total)))
    want = pyogrio.read_dataframe(path)
    assert list(got.columns) == list(want.columns)
    assert got.crs == want.crs
    pd.testing.assert_frame_equal(pd.DataFrame(got.drop(columns="geometry")), pd.DataFrame(want.drop(columns="geometry")))
    assert shapely.equals(got.geometry.values, want.geometry.values).all()
    assert len(calls) >= 3 and calls[-1] == (250_000, 250_000)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_points_read_early_as_coordinates_match_the_points_made(tmp_path):
    path = tmp_path / "points.gpkg"
    geoms = list(shapely.points(np.column_stack([np.linspace(120, 130, 250_000), np.linspace(40, 50, 250_000)])))
    geoms[5] = None
    geoms[200_001] = shapely.Point()  # empty
    gpd.GeoDataFrame({"n": np.arange(250_000)}, geometry=geoms, crs="EPSG:4326").to_file(path, engine="pyogrio")
    early = []
    got = read_layer(path, points_read=lambda xy, attrs, crs: early.append((xy.copy(), attrs.copy(), crs)))
    want = pyogrio.read_dataframe(path)
    assert len(early) == 1
    xy, attrs, crs = early[0]
    assert list(attrs.columns) == ["n"] and (attrs["n"].to_numpy() == np.arange(250_000)).all()
    assert np.isnan(xy[[5, 200_001]]).all() and np.isfinite(np.delete(xy, [5, 200_001], axis=0)).all()
    assert (xy[7] == [shapely.get_x(want.geometry[7]), shapely.get_y(want.geometry[7])]).all()
    assert got.geometry[5] is None and got.geometry[200_001].is_empty
    assert shapely.equals(got.geometry.values, want.geometry.values)[~got.geometry.isna()].all()
    assert got.crs == want.crs == crs


def test_layers_other_than_plain_points_are_not_read_early(tmp_path):
    path = tmp_path / "lines.gpkg"
    gpd.GeoDataFrame({"n": [1, 2]}, geometry=[shapely.LineString([(0, 0), (1, 1)]), shapely.Point(1, 2)],
                     crs="EPSG:4326").to_file(path, engine="pyogrio")
    path3d = tmp_path / "points3d.gpkg"
    gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.Point(1, 2, 3)], crs="EPSG:4326").to_file(path3d, engine="pyogrio")
    early = []
    for p in (path, path3d):
        got = read_layer(p, points_read=lambda *a: early.append(a))
        assert len(got) in (1, 2)
    assert early == []
    assert read_layer(path3d).geometry[0].has_z


def test_spatial_layer_names_lists_what_list_layers_finds_with_geometry(tmp_path):
    from hegang_map.io import DataError, list_layers, spatial_layer_names

    path = tmp_path / "mixed.gpkg"
    gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.Point(1, 2)], crs="EPSG:4326").to_file(path, layer="pts")
    pyogrio.write_dataframe(pd.DataFrame({"n": [1, 2]}), path, layer="table_only")
    gpd.GeoDataFrame({"n": [1]}, geometry=[shapely.box(0, 0, 1, 1)], crs="EPSG:4326").to_file(path, layer="boxes")
    assert spatial_layer_names(path) == [i.name for i in list_layers(path) if i.geometry_type] == ["pts", "boxes"]
    broken = tmp_path / "broken.gpkg"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(DataError):
        spatial_layer_names(broken)


def test_a_layer_whose_points_turn_into_lines_later_is_read_whole_and_not_early(tmp_path):
    path = tmp_path / "turns.gpkg"
    pts = list(shapely.points(np.column_stack([np.linspace(120, 130, 150_000), np.linspace(40, 50, 150_000)])))
    lines = [shapely.LineString([(120, 40), (121, 41 + i / 1e5)]) for i in range(60_000)]
    gpd.GeoDataFrame({"n": np.arange(210_000)}, geometry=pts + lines, crs="EPSG:4326").to_file(path)
    early = []
    got = read_layer(path, points_read=lambda *a: early.append(a))
    want = pyogrio.read_dataframe(path)
    assert early == [] and len(got) == 210_000
    assert shapely.equals(got.geometry.values, want.geometry.values).all()
