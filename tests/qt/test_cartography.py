"""Styles, legends, labels and time as the page draws them; every check asks the real page."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point

from pagetools import page_info, run_js


def _layer(win, name):
    return next(lyr for lyr in win.state.layers if lyr.name == name)


def _page_layer(qtbot, win, layer_id):
    return next(lyr for lyr in page_info(qtbot, win.map_view)["layers"] if lyr["id"] == layer_id)


def _legend(qtbot, win):
    return json.loads(run_js(qtbot, win.map_view, "JSON.stringify(hgmapProbe.legendInfo())"))


@pytest.fixture
def prices_gpkg(tmp_path):
    """Twelve cities over three years, well apart so their markers do not overlap."""
    rows, geoms = [], []
    for y, year in enumerate((2019, 2020, 2021)):
        for i in range(4):
            rows.append({"name_zh": f"城市{i}", "name_en": f"City {i}", "year": year,
                         "price": 1000.0 * (i + 1) + 100 * y, "kind": "ab"[i % 2]})
            geoms.append(Point(100 + 6 * i, 30 + 2 * y))
    path = tmp_path / "prices.gpkg"
    gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326").to_file(path, layer="prices", driver="GPKG")
    return path


def test_bundled_price_layer_opens_on_latest_year_with_legend(open_window, qtbot):
    win = open_window(bundled=True, size=(1600, 1000))  # large enough for the legend to open
    layer = _layer(win, "price_annual")
    assert layer.visible and layer.style.renderer == "graduated"
    assert not _layer(win, "price_latest").visible
    page = _page_layer(qtbot, win, layer.id)
    assert page["shown"] == int(((layer.data.year == 2024) & (layer.data.platform == "58.com")).sum())
    legend = _legend(qtbot, win)
    titles = [b["title"] for b in legend["layers"] if b["id"] == layer.id]
    assert titles == ["Resale listing price, yuan/m², 2024 — natural breaks, 5 classes"]
    assert legend["period"] == "2024"


def test_bundled_window_at_idle_shows_the_price_symbols(open_window, qtbot):
    # What ``--screenshot`` saves: a grab as soon as the window is idle. The
    # price layer's classes for its latest year arrive after its data; the
    # frame reported idle must already show them (the viridis symbols).
    win = open_window(bundled=True, size=(1600, 1000))
    image = win.map_view.grab().toImage()
    w, h = image.width(), image.height()
    vivid = sum(1 for x in range(w // 3, w, 4) for y in range(h // 4, h, 4)
                if image.pixelColor(x, y).saturation() > 120)
    assert vivid > 200, vivid


def test_page_draws_each_feature_in_its_class_colour(open_window, qtbot, js, prices_gpkg):
    from hegang_map.model.style import LayerStyle

    win = open_window([prices_gpkg])
    layer = win.state.layers[0]
    layer.style = LayerStyle(renderer="graduated", field="price", scheme="equal_interval", k=4, ramp="viridis",
                             point_size=7, stroke_width=0, fill_opacity=1.0)
    sym = win.controller.symbology(layer.id)
    assert len({s.color for s in sym.symbols[:4]}) == 4

    def drawn(row):
        geom = layer.data.geometry.iloc[row]
        js(win.map_view, "hgmapProbe.redrawNow()")
        return json.loads(js(win.map_view, f"JSON.stringify(hgmapProbe.pixelAt({geom.y}, {geom.x}))"))[:3]

    def rgb(color):
        return [int(color[i:i + 2], 16) for i in (1, 3, 5)]

    rows = (0, 3, 5, 10)
    # The class array travels separately from the style message: wait for it to land.
    qtbot.waitUntil(lambda: all(drawn(r) == rgb(sym.symbol_of_row(r).color) for r in rows), timeout=5000)
    assert {sym.classes[r] for r in rows} == {0, 1, 2, 3}


def test_time_slider_shows_only_the_chosen_year(open_window, qtbot, prices_gpkg):
    from hegang_map.model.style import LayerStyle, TimeSpec

    win = open_window([prices_gpkg])
    layer = win.state.layers[0]
    layer.style = LayerStyle(renderer="graduated", field="price", k=3, time=TimeSpec("year"))
    slider = win.time_slider
    qtbot.waitUntil(lambda: slider.layer is layer and slider.periods == [2019, 2020, 2021])
    assert slider.slider.value() == 2  # the latest year first
    slider.slider.setValue(0)
    assert layer.style.time.current == 2019
    qtbot.waitUntil(lambda: _page_layer(qtbot, win, layer.id)["shown"] == 4)
    sym = win.controller.symbology(layer.id)
    shown_years = set(layer.data.year[sym.classes >= 0])
    assert shown_years == {2019}
    qtbot.waitUntil(lambda: _legend(qtbot, win)["period"] == "2019")


def test_restyle_keeps_page_and_view(open_window, qtbot, prices_gpkg):
    win = open_window([prices_gpkg])
    layer = win.state.layers[0]
    before = page_info(qtbot, win.map_view)
    size = win.map_view.size()
    layer.style = layer.style.evolve(renderer="categorized", field="kind")
    qtbot.waitUntil(lambda: any(b["id"] == layer.id and len(b["entries"]) == 2 for b in _legend(qtbot, win)["layers"]))
    after = page_info(qtbot, win.map_view)
    assert win.map_view.size() == size
    assert after["instance"] == before["instance"] and after["view"] == before["view"]
    assert win.map_view.load_count == 1


def test_style_panel_edits_write_the_layer_style(open_window, qtbot, prices_gpkg):
    win = open_window([prices_gpkg])
    layer = win.state.layers[0]
    panel = win.style_panel
    assert panel.layer is layer
    panel.kind.setCurrentIndex(2)  # graduated colour
    panel.field.setCurrentIndex(panel.field.findData("price"))
    assert layer.style.renderer == "graduated" and layer.style.field == "price"
    panel.scheme.setCurrentIndex(panel.scheme.findData("natural_breaks"))
    panel.k.setValue(3)
    assert (layer.style.scheme, layer.style.k) == ("natural_breaks", 3)
    assert len(panel.histogram.breaks) == 3
    panel.kind.setCurrentIndex(1)  # categorized
    panel.field.setCurrentIndex(panel.field.findData("kind"))
    panel.set_category_color("a", "#ff0000")
    assert [c.color for c in layer.style.categories if c.value == "a"] == ["#ff0000"]
    assert win.legend_view.entries.count() == 2


def test_dashed_line_style_is_drawn_with_gaps(open_window, qtbot, js, tmp_path):
    from shapely.geometry import LineString

    from hegang_map.model.style import LayerStyle

    path = tmp_path / "line.gpkg"
    gpd.GeoDataFrame({"v": [1]}, geometry=[LineString([(112.0, 35.0), (118.0, 35.0)])], crs="EPSG:4326").to_file(
        path, driver="GPKG")
    win = open_window([path])
    layer = win.state.layers[0]
    js(win.map_view, "hgmap.setView(35, 115, 7, false)")
    qtbot.waitUntil(lambda: win.state.view.zoom == 7, timeout=10_000)

    def covered():
        js(win.map_view, "hgmapProbe.redrawNow()")
        lngs = np.linspace(113.0, 117.0, 120)
        got = json.loads(js(win.map_view, "JSON.stringify(" + json.dumps([float(v) for v in lngs]) + ".map(lng => hgmapProbe.pixelAt(35, lng)))"))
        return sum(max(abs(p[k] - c) for k, c in enumerate((0xd5, 0x5e, 0x00))) < 60 for p in got)

    layer.style = LayerStyle(color="#d55e00", stroke_width=3.0)
    assert covered() == 120  # solid: every sample on the line has its colour
    layer.style = LayerStyle(color="#d55e00", stroke_width=3.0, dash=(6.0, 6.0))
    n = covered()
    assert 30 < n < 90, n  # dashes of 18 px and gaps of 18 px: about half


def test_the_style_dock_shows_each_layers_labels_and_changes_them(open_window, qtbot, js):
    import json

    win = open_window(bundled=True, size=(1600, 1000))
    panel = win.style_panel
    for layer in win.state.layers:
        win.state.active_layer_id = layer.id
        assert panel.layer is layer
        spec = layer.style.label
        shown = panel.label_field.currentData()
        if spec is None:
            assert shown is None, layer.name
        else:
            assert shown == (spec.field, spec.also_field), layer.name
            assert panel.label_only.isVisibleTo(panel) == bool(spec.where), layer.name
    prices = next(l for l in win.state.layers if l.visible and l.style.label is not None and l.style.label.where
                  and l.source.layer_name == "price_annual")
    win.state.active_layer_id = prices.id

    def labels():
        return [l["text"] for l in json.loads(js(win.map_view, "JSON.stringify(hgmapProbe.labelInfo())"))["labels"]]

    qtbot.waitUntil(lambda: any("Hegang" in t or "鹤岗" in t for t in labels()), timeout=20_000)
    before = len(labels())
    # Every row labelled, in Chinese only: the page prints more labels, each in Chinese.
    panel.label_only.setChecked(False)
    assert prices.style.label.where == ()
    chinese = [i for i in range(panel.label_field.count()) if panel.label_field.itemData(i) == ("name_zh", None)]
    panel.label_field.setCurrentIndex(chinese[0])
    assert (prices.style.label.field, prices.style.label.also_field) == ("name_zh", None)
    qtbot.waitUntil(lambda: len(labels()) > before + 3, timeout=20_000)
    assert all(not any(c.isascii() and c.isalpha() for c in t) for t in labels())
