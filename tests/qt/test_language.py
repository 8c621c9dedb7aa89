"""Chinese and English as equals: View › Language switches every text live,
without reloading the page or the layers, and the choice is remembered."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from hegang_map.bundled.paths import geodata_dir
from hegang_map.bundled.stories import bundled_story

PRICES = geodata_dir() / "city_prices.gpkg"


@pytest.fixture
def english_after(qapp):
    """The app speaks English again after the test, whatever it switched to."""
    from hegang_map.qt.language import app_language

    yield
    app_language(qapp).set("en", remember=False)


def _page_words(qtbot, view) -> dict:
    from pagetools import run_js

    script = """JSON.stringify({
        scale: Array.from(document.querySelectorAll('.leaflet-control-scale-line')).map(e => e.textContent),
        legend: Array.from(document.querySelectorAll('#hg-legend .hg-legend-title, #hg-legend .hg-legend-layer span'))
                     .map(e => e.textContent),
        fold: (document.querySelector('#hg-legend .hg-legend-fold') || {}).title,
        attribution: document.getElementById('hg-attribution').textContent,
    })"""
    return json.loads(run_js(qtbot, view, script))


def _menu_titles(win) -> list[str]:
    return [a.text() for a in win.menuBar().actions()]


def test_view_language_switches_the_window_and_the_page_live(qtbot, open_window, english_after):
    win = open_window([PRICES], size=(1600, 1000))  # large enough for the legend to open
    view = win.map_view
    loads, instance = view.load_count, view.instance
    assert "&File" in _menu_titles(win)
    english = _page_words(qtbot, view)
    assert any(t.endswith(" km") or t.endswith(" m") for t in english["scale"])

    language_menu = win.view_menu.findChild(type(win.view_menu), "languageMenu")
    assert [a.text() for a in language_menu.actions()] == ["中文（简体）", "English"]
    win.actions["language_zh"].trigger()

    qtbot.waitUntil(lambda: "文件(&F)" in _menu_titles(win), timeout=5000)
    assert {"图层(&L)", "视图(&V)", "故事(&S)"} <= set(_menu_titles(win))
    assert win.layers_dock.windowTitle() == "图层" and win.style_dock.windowTitle() == "样式"
    assert win.actions["open"].text() == "打开(&O)…"
    assert win.view_label.text().startswith("缩放级别")
    assert win.actions["language_zh"].isChecked() and not win.actions["language_en"].isChecked()
    qtbot.waitUntil(lambda: any("公里" in t or "米" in t for t in _page_words(qtbot, view)["scale"]), timeout=5000)
    words = _page_words(qtbot, view)
    assert len(words["scale"]) == 1 and "英里" not in words["scale"][0], words["scale"]  # metric, as the figures
    assert any("元/平方米" in t for t in words["legend"]), words["legend"]
    assert words["fold"] == "收起图例"
    assert words["attribution"].startswith("房价：") or "公有领域" in words["attribution"]

    win.actions["language_en"].trigger()
    qtbot.waitUntil(lambda: "&File" in _menu_titles(win), timeout=5000)
    qtbot.waitUntil(lambda: _page_words(qtbot, view)["scale"] == english["scale"], timeout=5000)
    assert _page_words(qtbot, view)["legend"] == english["legend"]
    assert win.layers_dock.windowTitle() == "Layers"
    # Live: the same page, never loaded again, and the same layers.
    assert (view.load_count, view.instance) == (loads, instance)


def test_the_language_chosen_is_the_one_the_next_start_speaks(qtbot, open_window, english_after):
    from hegang_map.qt.language import chosen_language

    win = open_window()
    win.set_language("zh")
    assert chosen_language(None) == "zh"
    assert chosen_language("en") == "en"  # --lang wins over the remembered choice
    win.set_language("en")
    assert chosen_language(None) == "en"


def test_l_in_a_presentation_switches_every_text_on_screen(qtbot, open_window, english_after):
    from hegang_map.qt.presentation import open_story

    win = open_window()
    opened = []
    assert open_story(win, bundled_story(), then=lambda: opened.append(True))
    qtbot.waitUntil(lambda: bool(opened), timeout=60_000)
    pres = win.presentation
    with qtbot.waitSignal(pres.started, timeout=60_000):
        assert pres.start(1, full_screen=False)
    qtbot.waitUntil(lambda: pres.index == 1, timeout=30_000)
    english = _page_words(qtbot, win.map_view)

    qtbot.keyClick(win, Qt.Key.Key_L)

    assert pres.card_text()["title"] == win.scenes[1].title_in("zh")
    qtbot.wait(200)  # the widgets' LanguageChange events are posted
    assert not win.time_bar.isVisible() and not win.menuBar().isVisible()  # the room still sees only map and card
    qtbot.waitUntil(lambda: any("公里" in t for t in _page_words(qtbot, win.map_view)["scale"]), timeout=5000)
    words = _page_words(qtbot, win.map_view)
    assert words["legend"] != english["legend"] and words["attribution"] != english["attribution"]
    assert "资料来源" in pres.card_text()["sources"] or not win.scenes[1].sources
    # The choice holds for the next scene.
    qtbot.keyClick(win, Qt.Key.Key_Right)
    qtbot.waitUntil(lambda: pres.index == 2, timeout=30_000)
    assert pres.card_text()["title"] == win.scenes[2].title_in("zh")
    pres.stop()


def test_layers_and_fields_show_their_titles_and_keep_their_raw_names_at_hand(qtbot, open_window, english_after):
    from hegang_map.qt.properties_dialog import layer_properties

    win = open_window([PRICES])
    win.set_language("zh")
    layer = next(lyr for lyr in win.state.layers if lyr.source.layer_name == "price_annual")
    row = list(win.state.layers).index(layer)
    qtbot.waitUntil(lambda: win.layer_panel.model.index(row).data() == "二手房挂牌年均价", timeout=5000)
    win.state.active_layer_id = layer.id
    win.show_table()
    model = win.table.model
    qtbot.waitUntil(lambda: model.layer is layer, timeout=5000)
    column = model.columns.index("price_yuan_m2")
    assert model.headerData(column, Qt.Orientation.Horizontal) == "价格（元/平方米）"
    assert "price_yuan_m2" in model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    props = dict(layer_properties(layer))
    assert props["表名"] == "price_annual" and "价格（元/平方米）" in props["字段：price_yuan_m2"]

    win.set_language("en")
    qtbot.waitUntil(lambda: win.layer_panel.model.index(row).data() == "Resale listing price, annual", timeout=5000)
    qtbot.waitUntil(lambda: model.headerData(column, Qt.Orientation.Horizontal) == "Price (yuan/m²)", timeout=5000)


def test_a_users_file_with_chinese_field_names_shows_them_as_they_are(qtbot, open_window, tmp_path, english_after):
    import geopandas as gpd
    from shapely.geometry import Point

    path = tmp_path / "我的数据.gpkg"
    gpd.GeoDataFrame({"小区名称": ["吉馨家园"], "套数": [120]}, geometry=[Point(130.3, 47.3)], crs=4326).to_file(
        path, layer="安置小区", engine="pyogrio")
    win = open_window([path])
    win.set_language("zh")
    layer = win.state.layers[0]
    assert layer.display_name == "安置小区" and layer.field_title("小区名称") == "小区名称"
    from hegang_map.model import Selection

    win.state.selection = Selection(layer.id, 0)
    assert ("小区名称", "吉馨家园") in win.identify.rows()


def test_identify_shows_titles_and_whole_numbers_as_people_write_them(qtbot, open_window, english_after):
    from hegang_map.model import Selection

    win = open_window([geodata_dir() / "hegang_welfare.gpkg"])
    layer = next(lyr for lyr in win.state.layers if lyr.source.layer_name == "facilities")
    row = int(layer.data.index[layer.data["founded_year"] == 1945][0])
    win.state.selection = Selection(layer.id, row)
    rows = dict(win.identify.rows())
    assert rows["Year founded"] == "1945"  # a float column with empty cells, shown as the year it is
    win.set_language("zh")
    qtbot.waitUntil(lambda: "建成年份" in dict(win.identify.rows()), timeout=5000)
    assert dict(win.identify.rows())["建成年份"] == "1945"


def test_the_basemaps_capital_names_follow_the_language(qtbot, open_window, english_after):
    from hegang_map.model.map_state import View
    from pagetools import run_js

    win = open_window([PRICES])
    win.state.basemap = "natural_earth"
    win.state.view = View(39.9, 116.4, 6.0)

    def names() -> list:
        return json.loads(run_js(qtbot, win.map_view, "JSON.stringify((r => r && r.style.label ? "
                                 "r.style.label.texts : [])(hgPage.state.layers.get('basemap-province_capitals')))"))

    qtbot.waitUntil(lambda: "Harbin" in names(), timeout=20_000)
    win.actions["language_zh"].trigger()
    qtbot.waitUntil(lambda: "哈尔滨市" in names(), timeout=5000)
    assert "Harbin" not in names()
    far = json.loads(run_js(qtbot, win.map_view, "JSON.stringify(hgPage.state.layers.get("
                            "'basemap-province_capitals').style.label.farTexts)"))
    assert "黑龙江省" in far
