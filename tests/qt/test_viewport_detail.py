"""A polygon layer too large for the page: overview boxes, then the true shapes of the view.

The thresholds are lowered so that a few thousand triangles stand for a
million polygons; the path through the worker, the page and the index is
the one large layers take.
"""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
import shapely

from hegang_map.render import viewport
from pagetools import click_map, page_info, run_js, wait_idle

N = 4000
SIZE = 0.02  # degrees: a triangle ~60 px wide at zoom 11


@pytest.fixture
def triangles(tmp_path, monkeypatch):
    monkeypatch.setattr(viewport, "VIEWPORT_FEATURES", 1000)
    monkeypatch.setattr(viewport, "DETAIL_CAP", 500)
    rng = np.random.default_rng(5)
    x, y = rng.uniform(110, 120, N), rng.uniform(30, 38, N)
    # Right triangles filling the lower-left half of their box: the box's
    # upper-right corner is outside the shape.
    rings = np.stack([np.column_stack([x, y]), np.column_stack([x + SIZE, y]), np.column_stack([x, y + SIZE]),
                      np.column_stack([x, y])], axis=1)
    path = tmp_path / "triangles.gpkg"
    gpd.GeoDataFrame({"v": np.arange(N)}, geometry=shapely.polygons(rings), crs="EPSG:4326").to_file(
        path, driver="GPKG")
    return path, x, y


def _layer_info(qtbot, win):
    return next(lyr for lyr in page_info(qtbot, win.map_view)["layers"] if not lyr["basemap"])


def _set_view(qtbot, win, lat, lng, zoom):
    run_js(qtbot, win.map_view, f"hgmap.setView({lat!r}, {lng!r}, {zoom}, false)")
    qtbot.waitUntil(lambda: win.state.view.zoom == zoom and abs(win.state.view.lat - lat) < 1e-6, timeout=10_000)
    wait_idle(qtbot, win)


def _pixel(qtbot, win, lat, lng):
    return json.loads(run_js(qtbot, win.map_view, f"JSON.stringify(hgmapProbe.pixelAt({lat!r}, {lng!r}))"))


def test_large_layer_shows_every_feature_then_the_true_shapes_where_zoomed_in(open_window, qtbot, triangles):
    path, x, y = triangles
    win = open_window([path])
    layer = win.state.layers[0]
    _set_view(qtbot, win, 34.0, 115.0, 5)
    run_js(qtbot, win.map_view, "hgmapProbe.redrawNow()")
    info = _layer_info(qtbot, win)
    # Zoomed out, more than the cap are in view: the overview draws all of them.
    assert info["features"] == N and info["drawn"] == N
    assert not info["detailDrawn"]

    i = int(np.argmin((x - 115) ** 2 + (y - 34) ** 2))
    _set_view(qtbot, win, float(y[i] + SIZE / 2), float(x[i] + SIZE / 2), 11)
    info = _layer_info(qtbot, win)
    assert info["detailDrawn"] and info["details"] >= 1
    fill = win.controller.symbology(layer.id).symbols[0].color
    rgb = [int(fill[k:k + 2], 16) for k in (1, 3, 5)]
    inside = _pixel(qtbot, win, float(y[i] + SIZE * 0.2), float(x[i] + SIZE * 0.2))
    outside = _pixel(qtbot, win, float(y[i] + SIZE * 0.85), float(x[i] + SIZE * 0.85))  # in the box, not the shape

    def near(px):
        return max(abs(px[k] - rgb[k]) for k in range(3)) < 60

    assert near(inside), (inside, rgb)
    assert not near(outside), (outside, rgb)

    # A click picks what is drawn: the true triangle, not its box.
    click_map(qtbot, win.map_view, float(y[i] + SIZE * 0.2), float(x[i] + SIZE * 0.2))
    qtbot.waitUntil(lambda: win.state.selection is not None)
    assert int(layer.data["v"].iloc[win.state.selection.row]) == i
    click_map(qtbot, win.map_view, float(y[i] + SIZE * 0.85), float(x[i] + SIZE * 0.85))
    qtbot.waitUntil(lambda: win.state.selection is None or int(layer.data["v"].iloc[win.state.selection.row]) != i)

    # Out again: the overview, with every feature.
    _set_view(qtbot, win, 34.0, 115.0, 5)
    run_js(qtbot, win.map_view, "hgmapProbe.redrawNow()")
    info = _layer_info(qtbot, win)
    assert not info["detailDrawn"] and info["drawn"] == N
