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

from hegang_map.model.request import LayerRequest
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


def _in_postgis(request, path) -> str:
    """The triangles as a PostGIS table; its address."""
    from hegang_map.io.layer_export import export_layer
    from hegang_map.model.sources import PgTable, parse_postgres

    url = request.getfixturevalue("postgis_url")
    table = PgTable(parse_postgres(url)[0], "public", "triangles")
    return export_layer(gpd.read_file(path), table, "triangles", replace=True)


@pytest.mark.parametrize("source", ["file", "postgis"])
def test_boxes_of_a_large_layer_are_drawn_before_the_shapes_and_the_layer_keeps_them(open_window, qtbot,
                                                                                     triangles, source, request):
    path, _x, _y = triangles
    if source == "postgis":
        path = _in_postgis(request, path)
    win = open_window()
    seen = []  # when the page reports the layer drawn: is it in the layer list yet?
    win.controller.layerDrawn.connect(lambda lid, n: seen.append((lid, n, [lyr.id for lyr in win.state.layers])))
    win.open_paths([path], ask=False)
    qtbot.waitUntil(lambda: win.is_idle() and len(win.state.layers) == 1, timeout=60_000)
    layer = win.state.layers[0]
    # Drawn once, with every feature, while the model did not have the layer yet; never replaced.
    assert [s for s in seen if s[0] == layer.id] == [(layer.id, N, [])]
    run_js(qtbot, win.map_view, "hgmapProbe.redrawNow()")
    info = _layer_info(qtbot, win)
    assert (info["id"], info["features"], info["drawn"], info["updates"]) == (layer.id, N, N, 0)
    # Its legend shows a polygon's swatch, though the style was resolved before any shape was made.
    assert win.controller.symbology(layer.id).legend.geometry == "polygon"


def test_a_style_by_attribute_draws_the_boxes_early_in_their_classes(open_window, qtbot, triangles):
    from hegang_map.model.style import LayerStyle

    path, _x, _y = triangles
    win = open_window()
    style = LayerStyle(renderer="graduated", field="v", scheme="quantiles", k=4)
    job = win.load(LayerRequest(path, "triangles", style=style))
    early = []
    job.early.connect(early.append)
    qtbot.waitUntil(lambda: win.is_idle() and len(win.state.layers) == 1, timeout=60_000)
    layer = win.state.layers[0]
    # Drawn early, from boxes, with every row classed by its value (not before the values were read).
    assert len(early) == 1
    classes = early[0].symbology.classes
    assert len(classes) == N and len(set(classes.tolist())) == 4
    assert list(win.controller.symbology(layer.id).classes) == list(classes)


def test_the_true_shapes_of_the_view_come_before_the_rest_of_the_layer(open_window, qtbot, triangles):
    path, x, y = triangles
    win = open_window()
    i = int(np.argmin((x - 115) ** 2 + (y - 34) ** 2))
    _set_view(qtbot, win, float(y[i] + SIZE / 2), float(x[i] + SIZE / 2), 11)
    job = win.load(LayerRequest(path, "triangles"))
    came = []  # the layers the model had when the view's shapes were ready
    job.early_detail.connect(lambda _d: came.append(len(win.state.layers)))
    qtbot.waitUntil(lambda: win.is_idle() and len(win.state.layers) == 1, timeout=60_000)
    assert came == [0]
    layer = win.state.layers[0]
    run_js(qtbot, win.map_view, "hgmapProbe.redrawNow()")
    info = _layer_info(qtbot, win)
    assert info["detailDrawn"] and info["details"] == 1  # the layer took that detail: not made again
    fill = win.controller.symbology(layer.id).symbols[0].color
    rgb = [int(fill[k:k + 2], 16) for k in (1, 3, 5)]
    inside = _pixel(qtbot, win, float(y[i] + SIZE * 0.2), float(x[i] + SIZE * 0.2))
    outside = _pixel(qtbot, win, float(y[i] + SIZE * 0.85), float(x[i] + SIZE * 0.85))  # in the box, not the shape
    assert max(abs(inside[k] - rgb[k]) for k in range(3)) < 60, (inside, rgb)
    assert max(abs(outside[k] - rgb[k]) for k in range(3)) >= 60, (outside, rgb)


def test_an_index_that_does_not_match_the_shapes_is_not_what_stays_drawn(open_window, qtbot, triangles):
    import sqlite3

    path, x, y = triangles
    # An index left stale by a tool that edits without GDAL: one box far from its triangle.
    con = sqlite3.connect(path)
    con.execute("UPDATE rtree_triangles_geom SET minx = 111.0, maxx = 112.0, miny = 36.5, maxy = 37.5 WHERE id = 1")
    con.commit()
    con.close()
    win = open_window()
    _set_view(qtbot, win, 37.0, 111.5, 9)
    empty = [k for k in range(N) if 110.98 < x[k] < 112.02 and 36.48 < y[k] < 37.52]
    seen = []
    win.controller.layerDrawn.connect(lambda lid, n: seen.append(lid))
    win.load(LayerRequest(path, "triangles"))
    qtbot.waitUntil(lambda: win.is_idle() and len(win.state.layers) == 1, timeout=60_000)
    layer = win.state.layers[0]
    assert seen.count(layer.id) == 2  # the boxes of the index, then the layer's own
    run_js(qtbot, win.map_view, "hgmapProbe.redrawNow()")
    fill = win.controller.symbology(layer.id).symbols[0].color
    rgb = [int(fill[k:k + 2], 16) for k in (1, 3, 5)]
    # Where only the stale box was, nothing is drawn.
    probe = next((lat, lng) for lat in np.linspace(36.6, 37.4, 9) for lng in np.linspace(111.1, 111.9, 9)
                 if all((abs(x[k] - lng) > 0.05 or abs(y[k] - lat) > 0.05) for k in empty))
    px = _pixel(qtbot, win, float(probe[0]), float(probe[1]))
    assert max(abs(px[k] - rgb[k]) for k in range(3)) >= 60, (px, rgb)


def test_a_read_cancelled_after_its_boxes_were_drawn_leaves_nothing_on_the_map(open_window, qtbot, triangles):
    path, _x, _y = triangles
    win = open_window()
    job = win.load(LayerRequest(path, "triangles"))
    ids = []
    job.early.connect(lambda early: ids.append(early.layer_id))
    win.controller.layerDrawn.connect(lambda lid, n: lid == job.layer_id and job.cancel())
    with qtbot.waitSignal(job.cancelled, timeout=60_000):
        pass
    assert ids == [job.layer_id]
    qtbot.waitUntil(lambda: not [lyr for lyr in page_info(qtbot, win.map_view)["layers"] if not lyr["basemap"]],
                    timeout=10_000)
    assert len(win.state.layers) == 0 and job.layer_id not in win.controller.loaded
