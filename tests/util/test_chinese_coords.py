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


def test_every_frame_agrees_with_an_independent_implementation():
    # prcoords (public domain, test-only) implements the same published formulas on its own.
    import prcoords

    from hegang_map.util.chinese_coords import convert

    rng = np.random.default_rng(11)
    lon, lat = rng.uniform(75, 134, 300), rng.uniform(18, 53, 300)

    def theirs(fn, x, y):
        out = [fn(prcoords.Coords(la, lo)) for lo, la in zip(x, y)]
        return np.array([c.lon for c in out]), np.array([c.lat for c in out])

    forward = {("wgs84", "gcj02"): prcoords.wgs_gcj, ("gcj02", "bd09"): prcoords.gcj_bd,
               ("wgs84", "bd09"): prcoords.wgs_bd}
    for (source, target), fn in forward.items():
        # The shifts: the same to a millimetre.
        assert _metres(*convert(lon, lat, source, target), *theirs(fn, lon, lat)).max() < 0.001, (source, target)
        # The inverses: their shift of our point lands where we started.
        back = convert(lon, lat, target, source)
        assert _metres(*theirs(fn, *back), lon, lat).max() < 0.001, (target, source)


def test_every_round_trip_returns_within_a_centimetre_and_nothing_moves_outside_china():
    from hegang_map.util.chinese_coords import FRAMES, convert

    rng = np.random.default_rng(3)
    lon, lat = rng.uniform(73, 135, 1000), rng.uniform(18, 54, 1000)
    for source in FRAMES:
        for target in FRAMES:
            there = convert(lon, lat, source, target)
            back = convert(*there, target, source)
            assert _metres(lon, lat, *back).max() < 0.01, (source, target)
    paris_tokyo = (np.array([2.35, 139.69]), np.array([48.86, 35.68]))
    for target in ("gcj02", "bd09"):
        moved = convert(*paris_tokyo, "wgs84", target)
        assert np.array_equal(moved[0], paris_tokyo[0]) and np.array_equal(moved[1], paris_tokyo[1])


def test_geometries_keep_their_heights_and_shapes_when_shifted():
    import shapely

    from hegang_map.util.chinese_coords import convert_geometries

    geoms = np.array([shapely.Point(130.3, 47.35, 210.0),
                      shapely.Polygon([(130, 47), (130.5, 47), (130.5, 47.5), (130, 47)]), None])
    moved = convert_geometries(geoms, "gcj02", "wgs84")
    assert shapely.get_coordinates(moved[0], include_z=True)[0, 2] == 210.0
    assert shapely.get_num_coordinates(moved[1]) == 4 and moved[2] is None
    shift = _metres(130.3, 47.35, *shapely.get_coordinates(moved[0])[0])
    assert 300 < shift < 800
