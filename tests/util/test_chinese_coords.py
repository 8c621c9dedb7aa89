"""GCJ-02: the shift of Chinese web maps, and undoing it."""

from __future__ import annotations

import numpy as np
from pyproj import Geod

from hegang_map.util.chinese_coords import gcj02_from_wgs84, wgs84_from_gcj02

_GEOD = Geod(ellps="WGS84")


def _metres(lon1, lat1, lon2, lat2):
    return _GEOD.inv(lon1, lat1, lon2, lat2)[2]


def test_the_shift_is_hundreds_of_metres_in_china_and_none_outside():
    lon, lat = np.array([130.29033, 116.39, 87.6, 2.35]), np.array([47.34727, 39.9, 43.8, 48.86])
    glon, glat = gcj02_from_wgs84(lon, lat)
    shift = _metres(lon, lat, glon, glat)
    assert (shift[:3] > 100).all() and (shift[:3] < 1000).all()
    assert shift[3] == 0  # Paris


def test_wikipedias_hegang_point_is_geonames_point_shifted():
    # An independent check of the formula: GeoNames' Hegang (WGS 84), shifted,
    # lands within 50 m of the coordinates Chinese sources copy into Wikipedia.
    glon, glat = gcj02_from_wgs84(130.29033, 47.34727)
    assert _metres(glon, glat, 130.2980, 47.3501) < 50


def test_undoing_the_shift_reproduces_the_given_point():
    rng = np.random.default_rng(7)
    lon, lat = rng.uniform(75, 134, 500), rng.uniform(18, 53, 500)
    back_lon, back_lat = wgs84_from_gcj02(*gcj02_from_wgs84(lon, lat))
    assert np.abs(back_lon - lon).max() < 1e-8 and np.abs(back_lat - lat).max() < 1e-8
