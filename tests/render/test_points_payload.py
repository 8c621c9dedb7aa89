"""The payload of plain points made from coordinates alone is the one the page gets from ``pack``."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from hegang_map.model import Layer
from hegang_map.render.display import points_lonlat, prepare
from hegang_map.render.payload import pack_points
from hegang_map.render.viewport import first_payload


def _xy(geoms) -> np.ndarray:
    xy = np.full((len(geoms), 2), np.nan)
    for i, g in enumerate(geoms):
        if g is not None and not g.is_empty:
            xy[i] = (g.x, g.y)
    return xy


CASES = {
    "lon/lat with gaps": (["EPSG:4326"], [shapely.Point(130.3, 47.3), None, shapely.Point(), shapely.Point(131, 48.1)]),
    "out of range": (["EPSG:4326"], [shapely.Point(130.3, 47.3), shapely.Point(200, 10), shapely.Point(1, -95)]),
    "web mercator": (["EPSG:3857"], [shapely.Point(14_500_000, 5_990_000), shapely.Point(14_510_000, 6_000_000)]),
    "no crs, fits": ([None], [shapely.Point(130.3, 47.3), shapely.Point(131, 48.1)]),
    "many": (["EPSG:4326"], list(shapely.points(np.random.default_rng(3).uniform([73, 18], [135, 53], (5000, 2))))),
}


@pytest.mark.parametrize("case", CASES)
def test_points_payload_from_coordinates_equals_the_packed_layer(case):
    (crs,), geoms = CASES[case]
    layer = Layer(gpd.GeoDataFrame({"v": range(len(geoms))}, geometry=geoms, crs=crs), case)
    made = points_lonlat(_xy(geoms), layer.data.crs)
    assert made is not None
    lonlat, rows = made
    display = prepare(layer)
    assert (rows == display.rows).all()
    assert pack_points(lonlat, rows) == first_payload(display)


def test_points_that_would_not_be_drawn_give_no_early_payload():
    # No CRS and coordinates that are not lon/lat: prepare does not draw them either.
    geoms = [shapely.Point(500_000, 5_200_000)]
    layer = Layer(gpd.GeoDataFrame({"v": [1]}, geometry=geoms, crs=None), "projected")
    assert points_lonlat(_xy(geoms), None) is None
    assert not prepare(layer).drawable
