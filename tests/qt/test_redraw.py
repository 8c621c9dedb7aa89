"""When the page's canvases redraw: panning moves the last frame, restyling leaves the basemap alone.

Functional checks on frame counters (``hgmapProbe.info().canvasFrames``), not timings.
"""

from __future__ import annotations

from pagetools import page_info, wait_page_size

MAPVAR = "window[Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))]"


def _frames(qtbot, win):
    return page_info(qtbot, win.map_view)["canvasFrames"]


def _settle(qtbot, js, win):
    """Wait until no canvas has a redraw or its padding pass still to come."""
    qtbot.waitUntil(lambda: not page_info(qtbot, win.map_view)["canvasBusy"], timeout=5000)


def _at_view(qtbot, js, win, lat, lng, zoom):
    # A late resize redraws at another size, where no kept frame fits.
    wait_page_size(qtbot, win.map_view)
    js(win.map_view, f"hgmap.setView({lat}, {lng}, {zoom}, false)")
    qtbot.waitUntil(lambda: page_info(qtbot, win.map_view)["view"]["zoom"] == zoom, timeout=10_000)
    _settle(qtbot, js, win)


def _from_the_national_view(qtbot, js, win):
    """Start from the app's default national view (zoom 4): the window frames a file it opens,
    and these checks count frames from a view at another zoom than the one they go to."""
    from hegang_map.model import View

    _at_view(qtbot, js, win, View.lat, View.lon, View.zoom)


def _pixel_at(js, win, lat, lng):
    """RGBA of the composed canvases at a location, as the page draws it."""
    import json

    return json.loads(js(win.map_view, f"JSON.stringify(hgmapProbe.pixelAt({lat}, {lng}))"))


def _assert_in_place(qtbot, js, win, lat, lng):
    import json

    offsets = json.loads(js(win.map_view, f"JSON.stringify(hgmapProbe.canvasOffset({lat}, {lng}))"))
    assert set(offsets) == {"basemap", "data", "highlight"}
    for name, (dx, dy) in offsets.items():
        assert abs(dx) < 0.6 and abs(dy) < 0.6, (name, dx, dy)


def test_dragging_moves_the_last_frame_and_redraws_nothing_until_it_leaves_the_padding(open_window, qtbot, js,
                                                                                     two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    _from_the_national_view(qtbot, js, win)
    _at_view(qtbot, js, win, 36, 117, 5)
    before = _frames(qtbot, win)
    # A drag: the map pane moves a fifth of the view and Leaflet fires 'move' on each step.
    js(win.map_view, f"(function(){{const m = {MAPVAR}; const w = m.getSize().x;"
                     "for (let i = 1; i <= 10; i++) { L.DomUtil.setPosition(m._mapPane, L.point(-w * i / 50, 0));"
                     " m.fire('move'); } return 1; })()")
    _settle(qtbot, js, win)
    assert _frames(qtbot, win) == before
    # The drag ends inside the padding: the frame that moved with it is still the picture.
    js(win.map_view, f"{MAPVAR}.fire('moveend'); 1")
    _settle(qtbot, js, win)
    assert _frames(qtbot, win) == before
    # Every canvas went with the pane: box A (110..115 E, 30..34 N) shows where the map puts it.
    _assert_in_place(qtbot, js, win, 32, 112.5)
    # Dragging on past the padding uncovers the view: the canvases redraw.
    js(win.map_view, f"(function(){{const m = {MAPVAR}; const w = m.getSize().x;"
                     "L.DomUtil.setPosition(m._mapPane, L.point(-w, 0)); m.fire('move'); return 1; })()")
    _settle(qtbot, js, win)
    after = _frames(qtbot, win)
    assert after["data"] > before["data"] and after["basemap"] > before["basemap"]


def test_small_pan_keeps_the_frame_and_zoom_redraws(open_window, qtbot, js, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    _at_view(qtbot, js, win, 36, 117, 5)
    before = _frames(qtbot, win)
    # A tenth of the view right and down: well inside the padding drawn around the view.
    js(win.map_view, f"(function(){{const m = {MAPVAR}, s = m.getSize();"
                     "m.panBy([s.x / 10, s.y / 10], {animate: false}); return 1; })()")
    _settle(qtbot, js, win)
    assert _frames(qtbot, win) == before
    _assert_in_place(qtbot, js, win, 40, 122)
    js(win.map_view, "hgmap.setView(36, 117, 6, false)")
    qtbot.waitUntil(lambda: page_info(qtbot, win.map_view)["view"]["zoom"] == 6, timeout=10_000)
    _settle(qtbot, js, win)
    after = _frames(qtbot, win)
    assert after["data"] > before["data"] and after["basemap"] > before["basemap"]
    _assert_in_place(qtbot, js, win, 40, 122)


def test_restyle_toggle_and_highlight_leave_the_basemap_frame_alone(open_window, qtbot, js, two_layer_gpkg):
    from hegang_map.model import Selection
    from hegang_map.model.style import LayerStyle

    win = open_window([two_layer_gpkg])
    _at_view(qtbot, js, win, 36, 117, 5)
    base0 = _frames(qtbot, win)
    assert base0["basemap"] > 0
    layer = win.state.layers[0]
    layer.style = LayerStyle(renderer="single", color="#123456")
    qtbot.waitUntil(lambda: _frames(qtbot, win)["data"] > base0["data"], timeout=5000)
    layer.visible = False
    _settle(qtbot, js, win)
    layer.visible = True
    _settle(qtbot, js, win)
    data1 = _frames(qtbot, win)
    assert data1["basemap"] == base0["basemap"]
    # Selecting repaints only the highlight canvas: neither the data nor the basemap.
    win.state.selection = Selection(layer.id, 0)
    qtbot.waitUntil(lambda: _frames(qtbot, win)["highlight"] > data1["highlight"], timeout=5000)
    _settle(qtbot, js, win)
    data2 = _frames(qtbot, win)
    assert data2["basemap"] == base0["basemap"]
    assert data2["data"] == data1["data"]


def test_zooming_back_shows_the_kept_basemap_frame_until_the_basemap_changes(open_window, qtbot, js, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    _from_the_national_view(qtbot, js, win)
    probes = [(30.5, 114.3), (39.9, 116.4), (23.1, 113.3), (47.3, 130.3)]

    def pixels():
        return [_pixel_at(js, win, lat, lng) for lat, lng in probes]

    _at_view(qtbot, js, win, 36, 117, 5)
    drawn = pixels()
    _at_view(qtbot, js, win, 36, 117, 7)
    reused = page_info(qtbot, win.map_view)["reused"]
    _at_view(qtbot, js, win, 36, 117, 5)
    # Back at zoom 5 over the same ground: the kept frame, the same picture.
    assert page_info(qtbot, win.map_view)["reused"] == reused + 1
    assert pixels() == drawn
    # The basemap changed (projector theme: thicker lines): every kept frame is
    # forgotten, so zoom 7 is drawn again, not reused.
    js(win.map_view, "hgmap.setProjector(true, 1)")
    _settle(qtbot, js, win)
    before = _frames(qtbot, win)["basemap"]
    _at_view(qtbot, js, win, 36, 117, 7)
    assert page_info(qtbot, win.map_view)["reused"] == reused + 1
    assert _frames(qtbot, win)["basemap"] > before


def test_zooming_back_shows_the_kept_data_frame_until_a_layer_changes(open_window, qtbot, js, two_layer_gpkg):
    from hegang_map.model import LayerStyle

    win = open_window([two_layer_gpkg])
    boxes = next(lyr for lyr in win.state.layers if lyr.name == "areas")

    def pixel():
        return _pixel_at(js, win, 32, 112.5)  # inside box A

    # From another zoom: the window frames the file at zoom 5 nearby, and a pan
    # that stays inside the padding would draw (and keep) no frame here.
    _from_the_national_view(qtbot, js, win)
    _at_view(qtbot, js, win, 34, 114, 5)
    drawn = pixel()
    _at_view(qtbot, js, win, 34, 114, 7)
    reused = page_info(qtbot, win.map_view)["dataReused"]
    _at_view(qtbot, js, win, 34, 114, 5)
    # Back at zoom 5: the kept frame, the same picture.
    assert page_info(qtbot, win.map_view)["dataReused"] == reused + 1
    assert pixel() == drawn
    # A new fill colour: the kept zoom-7 frame is forgotten and zoom 7 painted anew;
    # back at zoom 5, the frame kept is the one in the new colour.
    boxes.style = LayerStyle(color="#00ff00", fill_opacity=1.0)
    _settle(qtbot, js, win)
    assert pixel()[:3] == [0, 255, 0]
    _at_view(qtbot, js, win, 34, 114, 7)
    assert page_info(qtbot, win.map_view)["dataReused"] == reused + 1
    _at_view(qtbot, js, win, 34, 114, 5)
    assert page_info(qtbot, win.map_view)["dataReused"] == reused + 2
    assert pixel()[:3] == [0, 255, 0] and pixel() != drawn


def test_a_polygon_far_larger_than_the_view_fills_it_exactly(open_window, qtbot, js, tmp_path):
    """Outline runs beyond the view are drawn as short cuts: the view must not notice."""
    import geopandas as gpd
    from shapely.geometry import Polygon

    # A frame 120 degrees wide whose left side zigzags 2,000 times far beyond the
    # view, and a wedge from far to the west whose tip reaches the view's centre.
    zig = [(-60 + 5 * (i % 2), 50 - 100 * i / 2000) for i in range(2001)]
    wedge = [(-60, 30), (0.5, 0.0), (-60, -30)]
    ring = [(60, 50)] + [p for p in zig if p[1] > 31] + wedge + [p for p in zig if p[1] < -31] + [(60, -50)]
    path = tmp_path / "big.gpkg"
    gpd.GeoDataFrame({"name": ["big"]}, geometry=[Polygon(ring)], crs="EPSG:4326").to_file(path, layer="big")
    assert Polygon(ring).is_valid
    win = open_window([path])
    _at_view(qtbot, js, win, 0, 0, 7)
    filled = [_pixel_at(js, win, lat, lng) for lat, lng in [(0.6, 0.6), (-0.8, 0.0), (0.8, -0.9), (-0.6, 0.9)]]
    in_wedge = [_pixel_at(js, win, lat, lng) for lat, lng in [(0.0, 0.0), (0.0, -0.9), (0.1, -0.5)]]
    win.state.layers[0].visible = False
    qtbot.waitUntil(lambda: _pixel_at(js, win, 0.6, 0.6) != filled[0], timeout=5000)
    background = [_pixel_at(js, win, lat, lng) for lat, lng in [(0.0, 0.0), (0.0, -0.9), (0.1, -0.5)]]
    assert all(p == filled[0] for p in filled)
    assert in_wedge == background and filled[0] not in background


def test_a_dashed_line_keeps_its_dashes_where_the_padding_pass_drew_its_start(open_window, qtbot, js, tmp_path):
    """A dash pattern runs along the whole line: how much of the line lies
    beyond the view must not move the dashes in it."""
    import geopandas as gpd
    import numpy as np
    from shapely.geometry import LineString

    win = open_window()
    # At zoom 7 a degree of longitude is 256 * 128 / 360 px. The line zigzags in
    # the padding drawn west of the view (beyond the view's edge), then crosses the view.
    deg = 256 * 128 / 360
    half, pad = win.map_view.width() / 2 / deg, 0.35 * win.map_view.width() / deg
    west, east, end = -(half + pad) + 0.2, -half - 0.6, half - 0.2
    zig = [(west if i % 2 else east, 0.4 - 0.8 * i / 99) for i in range(100)]
    path = tmp_path / "dashed.gpkg"
    gpd.GeoDataFrame({"name": ["d"]}, geometry=[LineString(zig + [(end, 0.0)])], crs="EPSG:4326").to_file(path)
    win.open_paths([path], ask=False)
    qtbot.waitUntil(lambda: win.is_idle() and len(win.state.layers) == 1, timeout=30_000)
    line = win.state.layers[0]
    line.style = line.style.evolve(dash=(3.0, 2.0), stroke_width=2.0)
    js(win.map_view, "hgmap.setView(0, 0, 6, false)")
    _at_view(qtbot, js, win, 0, 0, 7)   # the view drawn first, the padding after
    along = [(-0.4 * (end - lng) / (end - west), lng) for lng in np.linspace(east + 1.0, end - 0.5, 60)]
    seen = [_pixel_at(js, win, lat, lng) for lat, lng in along]
    js(win.map_view, "hgmapProbe.redrawNow()")  # the whole canvas in one pass
    assert [_pixel_at(js, win, lat, lng) for lat, lng in along] == seen
    assert len({tuple(p) for p in seen}) > 1   # dashes and gaps, not one colour
