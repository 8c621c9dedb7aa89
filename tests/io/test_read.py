"""Reading a layer: the values users see are the file's, whatever reader ran."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
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
