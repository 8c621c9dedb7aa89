"""Large layers in the real page: every feature drawn, identify among 200,000, no polygon lost at low zoom.

Functional checks only; the timings live in benchmarks/large_layers.py.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely

from pagetools import click_map, page_info

N_POINTS = 200_000


@pytest.fixture(scope="module")
def many_points(tmp_path_factory):
    """200,000 points over eastern China, each with its own ``v``."""
    rng = np.random.default_rng(7)
    path = tmp_path_factory.mktemp("large") / "many.gpkg"
    lon, lat = rng.uniform(100, 128, N_POINTS), rng.uniform(22, 48, N_POINTS)
    gpd.GeoDataFrame({"v": np.arange(N_POINTS)}, geometry=gpd.points_from_xy(lon, lat), crs="EPSG:4326").to_file(
        path, layer="many", driver="GPKG")
    return path, lon, lat


def _user_layer(info):
    return next(lyr for lyr in info["layers"] if not lyr["basemap"])


def _redraw_at_zoom_5(qtbot, js, win):
    """Show eastern China at zoom 5, redraw; return the stamp count before and the page's info after."""
    js(win.map_view, "hgmap.setView(35, 114, 5, false)")
    qtbot.waitUntil(lambda: page_info(qtbot, win.map_view)["view"]["zoom"] == 5, timeout=10_000)
    before = page_info(qtbot, win.map_view)["stamped"]
    js(win.map_view, "hgmapProbe.redrawNow()")
    return before, page_info(qtbot, win.map_view)


def test_page_draws_every_one_of_200k_points_the_model_holds(open_window, qtbot, js, many_points):
    path, _lon, _lat = many_points
    win = open_window([path])
    layer = win.state.layers[0]
    js(win.map_view, "hgmap.setView(35, 114, 3, false)")
    qtbot.waitUntil(lambda: page_info(qtbot, win.map_view)["view"]["zoom"] == 3, timeout=10_000)
    js(win.map_view, "hgmapProbe.redrawNow()")
    info = page_info(qtbot, win.map_view)
    user = _user_layer(info)
    assert len(layer.data) == N_POINTS
    assert user["features"] == N_POINTS
    assert user["shown"] == N_POINTS
    # The whole layer is in view: every point was placed in the last frame.
    assert user["drawn"] == N_POINTS


def test_dense_points_are_stamped_and_show_their_symbol(open_window, qtbot, js, many_points):
    import json

    path, lon, lat = many_points
    win = open_window([path])
    layer = win.state.layers[0]
    before, info = _redraw_at_zoom_5(qtbot, js, win)
    # 200k points at zoom 5 hit far more than STAMP_MIN pixels: one ImageData, not a blit each.
    assert info["stamped"] > before
    colour = win.controller.symbology(layer.id).symbols[0].color
    rgb = [int(colour[i:i + 2], 16) for i in (1, 3, 5)]
    for i in (0, 1, 2):
        got = json.loads(js(win.map_view, f"JSON.stringify(hgmapProbe.pixelAt({float(lat[i])!r}, {float(lon[i])!r}))"))
        assert got[3] > 0, got
        # The symbol's fill (or its darker outline) over the basemap: the fill's hue, not the land's.
        assert max(abs(got[k] - rgb[k]) for k in range(3)) < 120, (got, rgb)


def test_click_on_a_known_point_identifies_it_among_200k(open_window, qtbot, js, many_points):
    path, lon, lat = many_points
    win = open_window([path])
    layer = win.state.layers[0]
    js(win.map_view, "hgmap.setView(30.5, 114.3, 14, false)")
    qtbot.waitUntil(lambda: win.state.view.zoom == 14, timeout=10_000)
    # The point nearest to Wuhan; a click exactly there must find that row.
    target = int(np.argmin((lon - 114.3) ** 2 + (lat - 30.5) ** 2))
    js(win.map_view, f"hgmap.setView({lat[target]!r}, {lon[target]!r}, 14, false)")
    click_map(qtbot, win.map_view, float(lat[target]), float(lon[target]))
    qtbot.waitUntil(lambda: win.state.selection is not None, timeout=10_000)
    assert win.state.selection.layer_id == layer.id
    assert int(layer.data["v"].iloc[win.state.selection.row]) == target
    hl = page_info(qtbot, win.map_view)["highlight"]
    assert hl == {"id": layer.id, "row": target}


def test_every_polygon_still_drawn_at_low_zoom_after_simplification(open_window, qtbot, js, tmp_path):
    n = 30_000
    rng = np.random.default_rng(11)
    x, y = rng.uniform(100, 128, n), rng.uniform(22, 48, n)
    # Sizes from a few metres to kilometres: most are far below a pixel at zoom 3.
    r = 10 ** rng.uniform(-4.5, -1.5, n)
    t = np.linspace(0, 2 * np.pi, 20, endpoint=False)
    ring = np.stack([x[:, None] + r[:, None] * np.cos(t), y[:, None] + r[:, None] * np.sin(t)], axis=-1)
    polys = shapely.polygons(np.concatenate([ring, ring[:, :1]], axis=1))
    path = tmp_path / "footprints.gpkg"
    gpd.GeoDataFrame({"v": np.arange(n)}, geometry=polys, crs="EPSG:4326").to_file(path, driver="GPKG")
    win = open_window([path])
    layer = win.state.layers[0]
    for zoom in (3, 4):
        js(win.map_view, f"hgmap.setView(35, 114, {zoom}, false)")
        qtbot.waitUntil(lambda z=zoom: page_info(qtbot, win.map_view)["view"]["zoom"] == z, timeout=10_000)
        js(win.map_view, "hgmapProbe.redrawNow()")
        user = _user_layer(page_info(qtbot, win.map_view))
        assert user["features"] == len(layer.data) == n
        assert user["drawn"] == n, f"zoom {zoom}: {n - user['drawn']} polygon(s) not drawn"


def test_many_tiny_polygons_are_stamped_in_their_outline_colour(open_window, qtbot, js, tmp_path):
    import json

    n = 40_000
    rng = np.random.default_rng(13)
    x, y = rng.uniform(100, 128, n), rng.uniform(22, 48, n)
    path = tmp_path / "tiny.gpkg"
    # 0.01 degree squares: about one pixel at zoom 5, far below three.
    gpd.GeoDataFrame({"v": np.arange(n)}, geometry=shapely.box(x, y, x + 0.01, y + 0.01), crs="EPSG:4326").to_file(
        path, driver="GPKG")
    win = open_window([path])
    layer = win.state.layers[0]
    before, info = _redraw_at_zoom_5(qtbot, js, win)
    assert info["stamped"] > before  # one ImageData, not 40,000 traced rings
    in_view = int(((x > 100) & (x < 128) & (y > 22) & (y < 48)).sum())
    assert _user_layer(info)["drawn"] == in_view
    sym = win.controller.symbology(layer.id).symbols[0]
    rgb = [int(sym.stroke_color[i:i + 2], 16) for i in (1, 3, 5)]
    k = int(np.argmin((x - 114) ** 2 + (y - 35) ** 2))
    got = json.loads(js(win.map_view, f"JSON.stringify(hgmapProbe.pixelAt({float(y[k]) + 0.005!r}, {float(x[k]) + 0.005!r}))"))
    assert got[3] == 255 and max(abs(got[i] - rgb[i]) for i in range(3)) < 40, (got, rgb)


def test_polygons_draw_first_at_full_detail_and_get_levels_of_detail_after(open_window, qtbot, js, tmp_path):
    n = 5_000
    rng = np.random.default_rng(5)
    x, y = rng.uniform(100, 128, n), rng.uniform(22, 48, n)
    t = np.linspace(0, 2 * np.pi, 40, endpoint=False)
    ring = np.stack([x[:, None] + 0.05 * np.cos(t), y[:, None] + 0.05 * np.sin(t)], axis=-1)
    path = tmp_path / "rings.gpkg"
    gpd.GeoDataFrame({"v": np.arange(n)}, geometry=shapely.polygons(np.concatenate([ring, ring[:, :1]], axis=1)),
                     crs="EPSG:4326").to_file(path, driver="GPKG")
    win = open_window([path])
    layer = win.state.layers[0]
    # The levels are made on a worker thread once the page has drawn the layer, then swapped in.
    qtbot.waitUntil(lambda: _user_layer(page_info(qtbot, win.map_view))["updates"] == 1, timeout=20_000)
    user = _user_layer(page_info(qtbot, win.map_view))
    assert user["levels"] > 0
    assert user["features"] == n
    js(win.map_view, "hgmap.setView(35, 114, 4, false)")
    qtbot.waitUntil(lambda: page_info(qtbot, win.map_view)["view"]["zoom"] == 4, timeout=10_000)
    js(win.map_view, "hgmapProbe.redrawNow()")
    assert _user_layer(page_info(qtbot, win.map_view))["drawn"] == n
    # Identify still resolves the true feature after the swap (one with no neighbour within reach).
    d2 = (x[:, None] - x[None, :]) ** 2 + (y[:, None] - y[None, :]) ** 2
    np.fill_diagonal(d2, np.inf)
    k = int(np.argmax(d2.min(axis=1)))
    js(win.map_view, f"hgmap.setView({float(y[k])!r}, {float(x[k])!r}, 11, false)")
    qtbot.waitUntil(lambda: win.state.view.zoom == 11, timeout=10_000)
    click_map(qtbot, win.map_view, float(y[k]), float(x[k]))
    qtbot.waitUntil(lambda: win.state.selection is not None, timeout=10_000)
    assert int(layer.data["v"].iloc[win.state.selection.row]) == k


def test_points_are_drawn_before_the_read_ends_and_the_layer_keeps_that_page_layer(open_window, qtbot, js,
                                                                                   many_points):
    path, _lon, _lat = many_points
    win = open_window()
    seen = []  # when the page reports the layer drawn: is it in the layer list yet?
    win.controller.layerDrawn.connect(lambda lid, n: seen.append((lid, n, [lyr.id for lyr in win.state.layers])))
    win.open_paths([path], ask=False)
    qtbot.waitUntil(lambda: win.is_idle() and len(win.state.layers) == 1, timeout=60_000)
    layer = win.state.layers[0]
    drawn = [s for s in seen if s[0] == layer.id]
    # Drawn once, with every point, while the layer panel and table did not have it yet.
    assert drawn == [(layer.id, N_POINTS, [])]
    user = _user_layer(page_info(qtbot, win.map_view))
    assert (user["id"], user["features"], user["updates"]) == (layer.id, N_POINTS, 0)
    assert win.controller.loaded[layer.id] == N_POINTS
    # The model's layer answers for what the page shows: a click on a point identifies it.
    row = 12_345
    js(win.map_view, f"hgmap.setView({float(_lat[row])!r}, {float(_lon[row])!r}, 14, false)")
    qtbot.waitUntil(lambda: win.state.view.zoom == 14, timeout=10_000)
    click_map(qtbot, win.map_view, float(_lat[row]), float(_lon[row]))
    qtbot.waitUntil(lambda: win.state.selection is not None, timeout=10_000)
    assert (win.state.selection.layer_id, win.state.selection.row) == (layer.id, row)


def test_a_read_cancelled_after_its_points_were_drawn_leaves_nothing_on_the_map(open_window, qtbot, js, many_points):
    path, _lon, _lat = many_points
    win = open_window()
    from hegang_map.model.request import LayerRequest

    job = win.load(LayerRequest(path, "many"))
    ids = []
    job.early.connect(lambda early: ids.append(early.layer_id))
    win.controller.layerDrawn.connect(lambda lid, n: lid == job.layer_id and job.cancel())
    with qtbot.waitSignal(job.cancelled, timeout=60_000):
        pass
    assert ids == [job.layer_id]
    qtbot.waitUntil(lambda: not [lyr for lyr in page_info(qtbot, win.map_view)["layers"] if not lyr["basemap"]],
                    timeout=10_000)
    assert len(win.state.layers) == 0 and job.layer_id not in win.controller.loaded
    assert not win.progress.isVisible()
