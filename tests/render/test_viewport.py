"""Layers too large for the page: overview boxes and viewport detail."""

from __future__ import annotations

import json

import numpy as np
import shapely

from hegang_map.render import viewport
from hegang_map.render.display import DisplayGeometry
from hegang_map.render.payload import pack


def _squares(n, size=0.01, seed=3):
    rng = np.random.default_rng(seed)
    x, y = rng.uniform(110, 120, n), rng.uniform(30, 40, n)
    return DisplayGeometry(shapely.box(x, y, x + size, y + size), np.arange(n))


def _header(payload):
    head_len = int(np.frombuffer(payload[:4], dtype=np.uint32)[0])
    return json.loads(payload[4:4 + head_len])


def test_only_layers_above_the_threshold_are_sent_by_viewport(monkeypatch):
    monkeypatch.setattr(viewport, "VIEWPORT_FEATURES", 1000)
    assert viewport.too_large(_squares(1001))
    assert not viewport.too_large(_squares(1000))
    points = DisplayGeometry(shapely.points(np.zeros(2000), np.zeros(2000)), np.arange(2000))
    assert not viewport.too_large(points)  # points are always sent whole


def test_overview_keeps_every_feature_as_its_box():
    display = _squares(500)
    head = _header(viewport.overview(display))
    polys = head["groups"]["polygons"]
    assert head["features"] == 500
    assert polys["rows"][1] == 500
    assert polys["coords"][1] == 500 * 4 * 2  # four corners per feature
    assert polys["coords"][1] < _header(pack(display, lod=False))["groups"]["polygons"]["coords"][1]


def test_detail_is_the_view_simplified_with_the_layers_own_rows():
    display = _squares(5000)
    request = viewport.DetailRequest.for_view((112.0, 32.0, 113.0, 33.0), 9)
    part = viewport.detail(display, request)
    w, s, e, n = request.bounds
    inside = shapely.intersects(display.geoms, shapely.box(w, s, e, n))
    assert sorted(part.rows.tolist()) == np.nonzero(inside)[0].tolist()
    assert (np.diff(part.rows) > 0).all()
    for geom, row in zip(part.geoms[:20], part.rows[:20]):
        assert shapely.equals(geom, display.geoms[row])  # a square stays a square


def test_detail_above_the_cap_is_refused():
    display = _squares(5000)
    request = viewport.DetailRequest.for_view((110.0, 30.0, 120.0, 40.0), 5)
    assert viewport.detail(display, request, cap=100) is None


def test_request_covers_its_view_at_its_zoom_and_one_more_only():
    request = viewport.DetailRequest.for_view((112.0, 32.0, 113.0, 33.0), 9.0)
    assert request.zoom == 9
    assert request.covers((112.0, 32.0, 113.0, 33.0), 9)
    assert request.covers((112.2, 32.2, 112.7, 32.7), 10)
    assert not request.covers((112.2, 32.2, 112.7, 32.7), 11)  # simplified for 9: too coarse at 11
    assert not request.covers((110.0, 30.0, 115.0, 35.0), 8)  # a wider view needs the overview


def test_the_sliced_index_finds_what_one_tree_finds(monkeypatch):
    from hegang_map.render import display

    monkeypatch.setattr(display, "INDEX_SLICE", 97)  # eleven trees, the last one short
    rng = np.random.default_rng(3)
    x, y = rng.uniform(100, 130, 1000), rng.uniform(20, 50, 1000)
    geoms = shapely.box(x, y, x + rng.uniform(0, 2, 1000), y + rng.uniform(0, 2, 1000))
    index, tree = display.SpatialIndex(geoms), shapely.STRtree(geoms)
    assert len(index._trees) == 11
    for w, s in [(110, 30), (100, 20), (129, 49), (140, 10)]:
        query = shapely.box(w, s, w + 3, s + 3)
        assert sorted(index.query(query)) == sorted(tree.query(query))
    assert len(display.SpatialIndex(geoms[:0]).query(query)) == 0


def test_a_view_refused_for_too_many_features_is_asked_again_one_level_in():
    from dataclasses import replace

    request = replace(viewport.DetailRequest.for_view((112.0, 32.0, 113.0, 33.0), 9), refused=True)
    assert request.covers((112.0, 32.0, 113.0, 33.0), 9.5)  # the overview serves its own zoom
    assert not request.covers((112.2, 32.2, 112.7, 32.7), 10)  # one level in, fewer features may be in view
