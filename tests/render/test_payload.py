"""The packed layer payload: layout, levels of detail, and that no feature is lost."""

from __future__ import annotations

import json

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon

from hegang_map.render.display import DisplayGeometry
from hegang_map.render.payload import LOD_ZOOMS, levels_of_detail, lonlat_to_world, needs_levels, pack


def _unpack(buf: bytes) -> tuple[dict, dict]:
    head_len = int(np.frombuffer(buf[:4], dtype=np.uint32)[0])
    head = json.loads(buf[4 : 4 + head_len])
    arrays = {}
    for name, group in head["groups"].items():
        arrays[name] = {key: np.frombuffer(buf, dtype=dtype, count=length, offset=offset)
                        for key, (offset, length, dtype) in group.items()}
    return head, arrays


def _circles(n: int, radius: float, seed: int = 0, vertices: int = 40) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(100, 125, n), rng.uniform(25, 45, n)
    t = np.linspace(0, 2 * np.pi, vertices, endpoint=False)
    ring = np.stack([x[:, None] + radius * np.cos(t), y[:, None] + radius * np.sin(t)], axis=-1)
    return shapely.polygons(np.concatenate([ring, ring[:, :1]], axis=1))


def test_points_pack_to_world_coordinates_relative_to_origin():
    geoms = np.array([Point(130.29, 47.35), Point(114.29, 35.73)], dtype=object)
    head, arrays = _unpack(pack(DisplayGeometry(geoms, np.array([0, 1]))))
    assert head["features"] == 2
    xy = arrays["points"]["coords"].reshape(-1, 2).astype(np.float64) + head["origin"]
    wx, wy = lonlat_to_world(np.array([130.29, 114.29]), np.array([47.35, 35.73]))
    np.testing.assert_allclose(xy, np.column_stack([wx, wy]), atol=1e-4)
    assert list(arrays["points"]["rows"]) == [0, 1]


def test_multipolygon_parts_and_holes_are_paths_of_one_feature():
    hole = Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2), (1, 2)]])
    multi = MultiPolygon([hole, Polygon([(10, 10), (11, 10), (11, 11)])])
    geoms = np.array([multi, Polygon([(20, 20), (21, 20), (21, 21)])], dtype=object)
    _head, arrays = _unpack(pack(DisplayGeometry(geoms, np.array([0, 3])), lod=False))
    g = arrays["polygons"]
    assert list(g["parts"]) == [0, 3, 4]           # 3 rings, then 1 ring
    assert list(np.diff(g["paths"])) == [5, 5, 4, 4]
    assert list(g["rows"]) == [0, 3]


def test_levels_of_detail_have_fewer_vertices_and_keep_every_polygon():
    geoms = np.concatenate([_circles(2000, 0.05), _circles(2000, 0.0005, seed=1)])
    head, arrays = _unpack(pack(DisplayGeometry(geoms, np.arange(len(geoms)))))
    g = arrays["polygons"]
    zooms = sorted(int(k.split("@")[1]) for k in g if k.startswith("coords@"))
    assert zooms, "no level of detail was made"
    finer = len(g["coords"])
    for z in sorted(zooms, reverse=True):
        coords, paths, parts = g[f"coords@{z}"], g[f"paths@{z}"], g[f"parts@{z}"]
        assert len(coords) < finer
        finer = len(coords)
        assert len(parts) == len(geoms) + 1
        assert (np.diff(parts) >= 1).all(), f"a polygon lost every ring at zoom {z}"
        assert (np.diff(paths) >= 4).all(), f"a ring with fewer than 4 vertices at zoom {z}"
        assert paths[-1] * 2 == len(coords)


def test_simplification_stays_within_about_a_pixel():
    geoms = _circles(300, 0.2, vertices=200)
    for zoom, level in levels_of_detail(geoms, polygons=True):
        px_deg = 360.0 / (256.0 * 2**zoom)
        assert not shapely.is_empty(level).any()
        dist = shapely.hausdorff_distance(geoms, level)
        assert dist.max() <= 1.0 * px_deg, (zoom, dist.max() / px_deg)
    assert [z for z, _ in levels_of_detail(geoms, polygons=True)] == sorted(LOD_ZOOMS, reverse=True)


def test_polygons_smaller_than_a_pixel_become_their_box():
    tiny = _circles(50, 1e-5)
    (zoom, level), *_ = levels_of_detail(tiny, polygons=True)
    np.testing.assert_allclose(shapely.bounds(level), shapely.bounds(tiny))
    assert (shapely.get_num_coordinates(level) == 5).all()


def test_lines_get_levels_too_and_keep_every_line():
    rng = np.random.default_rng(3)
    lines = shapely.linestrings(np.cumsum(rng.normal(0, 0.001, (500, 200, 2)), axis=1) + [115, 35])
    _head, arrays = _unpack(pack(DisplayGeometry(lines, np.arange(500))))
    g = arrays["lines"]
    levels = [k for k in g if k.startswith("parts@")]
    assert levels
    for key in levels:
        assert (np.diff(g[key]) == 1).all()


def test_first_draw_payload_without_levels_has_the_same_features_and_needs_levels_says_so():
    polys = _circles(200, 0.01)
    display = DisplayGeometry(polys, np.arange(len(polys)), [])
    head, arrays = _unpack(pack(display, lod=False))
    assert not any("@" in key for key in head["groups"]["polygons"])
    full_head, full = _unpack(pack(display))
    assert any("@" in key for key in full_head["groups"]["polygons"])
    assert np.array_equal(arrays["polygons"]["coords"], full["polygons"]["coords"])
    assert needs_levels(display)
    pts = shapely.points(np.array([[110.0, 30.0], [111.0, 31.0]]))
    assert not needs_levels(DisplayGeometry(pts, np.arange(2), []))
    assert not needs_levels(DisplayGeometry(np.empty(0, dtype=object), np.empty(0, dtype=np.int64), []))


def test_an_archipelago_of_islands_smaller_than_a_pixel_stays_dots_not_its_box():
    """Islands scattered over 8 degrees of sea: at zoom 3 each is a dot where it lies;
    the sea between them is not filled with land."""
    islands = [shapely.Point(73 + 0.1 * (i % 10), -1 + i * 0.1).buffer(0.002) for i in range(80)]
    archipelago = np.array([shapely.MultiPolygon(islands)], dtype=object)
    for zoom, level in levels_of_detail(archipelago, polygons=True):
        px_deg = 360.0 / (256.0 * 2**zoom)
        drawn = level[0]
        assert shapely.get_num_geometries(drawn) == 80, zoom
        # Every part lies on its island and is about a pixel at most.
        assert shapely.area(drawn) <= 80 * px_deg ** 2, zoom
        assert not drawn.contains(shapely.Point(73.45, 3.0)), zoom  # the sea between the islands
