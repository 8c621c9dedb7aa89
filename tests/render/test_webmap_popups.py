"""Popups of the exported web map: click a feature, read its attributes; hostile text stays text."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point, Polygon

from hegang_map.io.project import state_from_files
from hegang_map.render.webmap import attribute_table, build_webmap, export_webmap

HOSTILE = '<img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def popup_map(tmp_path_factory):
    folder = tmp_path_factory.mktemp("popups")
    gpkg = folder / "hostile.gpkg"
    gpd.GeoDataFrame(
        {"name": ["鹤岗 Hegang", HOSTILE], "price": [2285.5, float("nan")], "note": ["</script><b>x</b>", None]},
        geometry=[Point(130.29, 47.35), Point(121.66, 42.02)], crs=4326,
    ).to_file(gpkg, layer="cities")
    gpd.GeoDataFrame(
        {"name": ["ring with hole", HOSTILE]},
        geometry=[Polygon([(110, 30), (120, 30), (120, 38), (110, 38)], [[(113, 32), (117, 32), (117, 36), (113, 36)]]),
                  Polygon([(100, 25), (104, 25), (104, 28), (100, 28)])],
        crs=4326,
    ).to_file(gpkg, layer="areas")
    gpd.GeoDataFrame({"name": ["rail"]}, geometry=[LineString([(122, 30), (128, 30)])], crs=4326).to_file(
        gpkg, layer="rail")
    state = state_from_files([gpkg])
    out = folder / "popups.html"
    export_webmap(state, out, title="popups", basemap=False)
    return out, state


def test_attribute_table_is_plain_json_values():
    gdf = gpd.GeoDataFrame({"a": [1, 2], "b": [float("nan"), 2.5], "c": ["x", None]},
                           geometry=[Point(0, 0), Point(1, 1)], crs=4326)
    from hegang_map.model.layer import Layer, LayerSource

    table = attribute_table(Layer(gdf, "t", LayerSource(None, "t")))
    assert table == {"fields": ["a", "b", "c"], "rows": [[1, None, "x"], [2, 2.5, None]]}


def test_attributes_travel_as_json_data_not_markup(popup_map):
    html = popup_map[0].read_text(encoding="utf-8")
    # The hostile value is inside the JSON block, escaped; it is never markup.
    assert HOSTILE not in html
    assert "</script><b>" not in html
    boot = html.split('id="hg-standalone">', 1)[1].split("</script>", 1)[0]
    data = json.loads(boot)
    names = {s["name"]: s for s in data["layers"]}
    assert names["cities"]["attrs"]["rows"][1][0] == HOSTILE


@pytest.fixture
def page(popup_map, qtbot, qapp):
    """The exported page in QtWebEngine with every request but the file and data: URLs blocked."""
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineUrlRequestInterceptor
    from PySide6.QtWebEngineWidgets import QWebEngineView

    out = popup_map[0]

    class Offline(QWebEngineUrlRequestInterceptor):
        def __init__(self, parent):
            super().__init__(parent)
            self.blocked = []

        def interceptRequest(self, info):  # noqa: N802 (Qt API)
            url = info.requestUrl()
            if url.scheme() in ("data", "blob", "about") or url == QUrl.fromLocalFile(str(out)):
                return
            self.blocked.append(url.toString())
            info.block(True)

    profile = QWebEngineProfile(qapp)
    guard = Offline(profile)
    profile.setUrlRequestInterceptor(guard)
    view = QWebEngineView()
    qtbot.addWidget(view)
    view.setPage(QWebEnginePage(profile, view))
    view.resize(1000, 750)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=30_000):
        view.load(QUrl.fromLocalFile(str(out)))

    def js(script):
        box = {}
        view.page().runJavaScript(script, 0, lambda r: box.setdefault("r", r))
        qtbot.waitUntil(lambda: "r" in box, timeout=10_000)
        return box["r"]

    def ready():
        text = js("window.hgmap && window.hgWebmap ? JSON.stringify(hgmapProbe.info()) : null")
        return bool(text) and all(lyr["loaded"] for lyr in json.loads(text)["layers"]) and \
            len(json.loads(text)["layers"]) == 3

    qtbot.waitUntil(ready, timeout=30_000)
    view.js = js
    view.guard = guard
    yield view
    view.setPage(None)
    view.close()


def _popup(view, lat, lng):
    text = view.js(f"JSON.stringify(hgWebmap.popupAt({lat}, {lng}))")
    return json.loads(text)


def _layer_id(view, name):
    layers = json.loads(view.js("JSON.stringify(hgmapProbe.info().layers)"))
    return next(lyr["id"] for lyr in layers if lyr["name"] == name)


def test_clicking_a_point_shows_its_attributes(page):
    hit = _popup(page, 47.35, 130.29)
    assert hit["id"] == _layer_id(page, "cities") and hit["row"] == 0
    assert "鹤岗 Hegang" in hit["text"] and "2285.5" in hit["text"] and "price" in hit["text"]
    shown = page.js("document.querySelector('.leaflet-popup-content').textContent")
    assert "鹤岗 Hegang" in shown and "cities" in shown


def test_hostile_attribute_text_is_shown_literally_and_never_runs(page):
    hit = _popup(page, 42.02, 121.66)
    assert hit["row"] == 1
    assert HOSTILE in hit["text"]
    assert page.js("document.querySelectorAll('.leaflet-popup-content img, .leaflet-popup-content b').length") == 0
    shown = page.js("document.querySelector('.leaflet-popup-content').textContent")
    assert HOSTILE in shown
    # A polygon whose name is hostile too.
    hit = _popup(page, 26.5, 102)
    assert hit["id"] == _layer_id(page, "areas") and HOSTILE in hit["text"]
    assert page.js("document.querySelectorAll('.leaflet-popup-content img').length") == 0
    assert page.js("typeof window.__pwned") == "undefined"


def test_polygons_hit_by_point_in_polygon_and_holes_are_outside(page, qtbot):
    hit = _popup(page, 31, 111)
    assert hit["id"] == _layer_id(page, "areas") and hit["row"] == 0 and "ring with hole" in hit["text"]
    assert _popup(page, 34, 115) is None  # inside the hole
    # ...and the popup closes (Leaflet fades it out first).
    qtbot.waitUntil(lambda: page.js("document.querySelectorAll('.leaflet-popup').length") == 0, timeout=10_000)
    assert _popup(page, 20, 90) is None  # nowhere


def test_lines_hit_within_a_few_pixels(page):
    hit = _popup(page, 30.0, 125)
    assert hit["id"] == _layer_id(page, "rail") and "rail" in hit["text"]


def test_a_real_mouse_click_opens_the_popup(page, qtbot):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    p = json.loads(page.js("JSON.stringify(hgmap.leafletMap().latLngToContainerPoint([31, 111]))"))
    target = page.focusProxy() or page
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(int(p["x"]), int(p["y"])))

    def shown():
        return page.js("(function(){var e=document.querySelector('.leaflet-popup-content');"
                       "return e ? e.textContent : ''})()")

    qtbot.waitUntil(lambda: "ring with hole" in shown(), timeout=10_000)
    assert page.guard.blocked == []


def test_webmap_without_layers_still_builds():
    from hegang_map.model import MapState

    html = build_webmap(MapState(), basemap=False)
    assert "hgWebmap" in html
