"""The map window as a user drives it; every check asks the real page."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from shapely.geometry import Point

from pagetools import click_map, page_info


def _layer(win, name):
    return next(lyr for lyr in win.state.layers if lyr.name == name)


def test_opening_two_layer_geopackage_lists_both_layers_with_page_counts(open_window, qtbot, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    names = [win.layer_panel.model.index(i).data() for i in range(win.layer_panel.model.rowCount())]
    assert sorted(names) == ["areas", "cities"]
    info = page_info(qtbot, win.map_view)
    counts = {lyr["name"]: lyr["features"] for lyr in info["layers"] if not lyr["basemap"]}
    assert counts == {"cities": 3, "areas": 2}


def test_unchecking_layer_hides_it_without_reload_and_keeps_view(open_window, qtbot, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    before = page_info(qtbot, win.map_view)
    row = [lyr.name for lyr in win.state.layers].index("cities")
    index = win.layer_panel.model.index(row)
    assert win.layer_panel.model.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    qtbot.waitUntil(lambda: not next(
        lyr for lyr in page_info(qtbot, win.map_view)["layers"] if lyr["name"] == "cities")["visible"])
    after = page_info(qtbot, win.map_view)
    assert after["instance"] == before["instance"]  # the same page, not reloaded
    assert win.map_view.load_count == 1
    assert after["view"] == before["view"]
    assert not _layer(win, "cities").visible


def test_reordering_layers_changes_draw_order_in_page(open_window, qtbot, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    ids = {lyr.name: lyr.id for lyr in win.state.layers}
    top = win.state.layers[0].name
    win.state.layers.move(0, 1)
    # Draw order is bottom first: the former top layer is now painted first.
    qtbot.waitUntil(lambda: [i for i in page_info(qtbot, win.map_view)["order"] if not i.startswith("basemap")][0]
                    == ids[top])
    assert win.layer_panel.model.index(1).data() == top


def test_point_stored_in_utm52n_appears_within_a_metre_of_its_lonlat(open_window, qtbot, js, tmp_path):
    from pyproj import Geod, Transformer

    lon, lat = 130.2980, 47.3501
    x, y = Transformer.from_crs(4326, 32652, always_xy=True).transform(lon, lat)
    path = tmp_path / "utm.gpkg"
    gpd.GeoDataFrame({"name": ["government"]}, geometry=[Point(x, y)], crs="EPSG:32652").to_file(path, driver="GPKG")
    win = open_window([path])
    layer = win.state.layers[0]
    assert layer.crs_name == "EPSG:32652"  # the model keeps the native CRS
    got = json.loads(js(win.map_view, f"JSON.stringify(hgmapProbe.featureLatLng({layer.id!r}, 0))"))
    _, _, dist = Geod(ellps="WGS84").inv(lon, lat, got["lng"], got["lat"])
    assert dist < 1.0


def test_cgcs2000_layer_is_drawn(open_window, qtbot, tmp_path):
    path = tmp_path / "cgcs.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(130.3, 47.35)], crs="EPSG:4490").to_file(path, driver="GPKG")
    win = open_window([path])
    info = page_info(qtbot, win.map_view)
    assert [lyr["features"] for lyr in info["layers"] if not lyr["basemap"]] == [1]
    assert win.state.layers[0].crs_name == "EPSG:4490"


def test_layer_without_crs_in_lonlat_range_is_drawn_with_a_warning(open_window, qtbot, tmp_path):
    path = tmp_path / "nocrs.geojson"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(130.3, 47.35)]).to_file(path, driver="GeoJSON")
    # GeoJSON always says WGS 84; a shapefile without .prj has no CRS.
    shp = tmp_path / "nocrs.shp"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(130.3, 47.35)]).to_file(shp)
    far = tmp_path / "far.shp"
    gpd.GeoDataFrame({"name": ["b"]}, geometry=[Point(500000, 5245000)]).to_file(far)
    win = open_window([shp, far])
    near_layer, far_layer = _layer(win, "nocrs"), _layer(win, "far")
    assert any("assumed EPSG:4326" in w for w in near_layer.warnings)
    assert any("not drawn" in w for w in far_layer.warnings)
    counts = {lyr["name"]: lyr["features"] for lyr in page_info(qtbot, win.map_view)["layers"]}
    assert counts["nocrs"] == 1 and counts["far"] == 0
    win.state.active_layer_id = far_layer.id
    assert "not drawn" in win.layer_panel.warnings.text()


def test_click_on_feature_fills_identify_panel_and_html_stays_text(open_window, qtbot, js, tmp_path):
    path = tmp_path / "hostile.gpkg"
    payload = "<img src=x onerror=\"window.__pwned=1\">"
    gpd.GeoDataFrame({"name": [payload], "note": ["ok"]}, geometry=[Point(116.4, 39.9)], crs="EPSG:4326").to_file(
        path, driver="GPKG")
    win = open_window([path])
    win.map_view.call("setView", 39.9, 116.4, 8, False)
    qtbot.waitUntil(lambda: abs(win.state.view.zoom - 8) < 1e-6)
    click_map(qtbot, win.map_view, 39.9, 116.4)
    qtbot.waitUntil(lambda: win.state.selection is not None)
    assert ("name", payload) in win.identify.rows()
    assert js(win.map_view, "hgmapProbe.info().highlight.row") == 0
    # The page's hover tooltip shows the same text, literally, and nothing ran.
    js(win.map_view, f"hgmap.showTooltip({payload!r}, 39.9, 116.4)")
    assert js(win.map_view, "document.querySelector('.hg-tooltip').textContent") == payload
    assert js(win.map_view, "document.querySelectorAll('.hg-tooltip img').length") == 0
    assert js(win.map_view, "window.__pwned === undefined") is True


def test_click_on_empty_map_clears_selection(open_window, qtbot, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    win.map_view.call("setView", 47.3473, 130.2903, 6, False)
    qtbot.waitUntil(lambda: abs(win.state.view.zoom - 6) < 1e-6)
    click_map(qtbot, win.map_view, 47.3473, 130.2903)
    qtbot.waitUntil(lambda: win.state.selection is not None)
    click_map(qtbot, win.map_view, 45.0, 126.0)  # in view, two degrees from any feature
    qtbot.waitUntil(lambda: win.state.selection is None)
    assert win.identify.rows() == []


def test_table_row_selects_feature_in_page_and_map_selection_selects_row(open_window, qtbot, js, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    cities = _layer(win, "cities")
    win.show_table()
    win.table.show_layer(cities.id)
    model = win.table.model
    assert model.layer is cities
    win.table.table.selectionModel().setCurrentIndex(
        model.index(2, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    qtbot.waitUntil(lambda: page_info(qtbot, win.map_view)["highlight"] == {"id": cities.id, "row": 2})
    # And the reverse: a click on Fuxin on the map selects its row.
    click_map(qtbot, win.map_view, 42.0156, 121.6589)
    qtbot.waitUntil(lambda: win.table.table.currentIndex().row() == model.view_row_of(1))
    assert model.index(win.table.table.currentIndex().row(), 0).data() == "Fuxin"


def test_table_sorts_and_filters_through_index_array(open_window, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    win.table.show_layer(_layer(win, "cities").id)
    model = win.table.model
    value_col = model.columns.index("value")
    model.sort(value_col, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, value_col).data() for r in range(3)] == ["4100", "3500", "2285"]
    win.table.filter.setText("fux")
    assert model.rowCount() == 1 and model.index(0, 0).data() == "Fuxin"
    assert win.table.count.text() == "1 of 3"


def test_opacity_slider_changes_layer_in_page(open_window, qtbot, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    layer = win.state.layers[0]
    win.state.active_layer_id = layer.id
    win.layer_panel.opacity.setValue(40)
    qtbot.waitUntil(lambda: next(
        lyr for lyr in page_info(qtbot, win.map_view)["layers"] if lyr["id"] == layer.id)["opacity"] == 0.4)
    assert layer.opacity == pytest.approx(0.4)


def test_rename_and_remove_reach_the_page(open_window, qtbot, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    layer = win.state.layers[0]
    win.layer_panel.model.setData(win.layer_panel.model.index(0), "Renamed", Qt.ItemDataRole.EditRole)
    assert layer.name == "Renamed"
    qtbot.waitUntil(lambda: any(lyr["name"] == "Renamed" for lyr in page_info(qtbot, win.map_view)["layers"]))
    win.state.active_layer_id = layer.id
    win.actions["remove_layer"].trigger()
    qtbot.waitUntil(lambda: layer.id not in page_info(qtbot, win.map_view)["order"])
    assert len(win.state.layers) == 1


def test_properties_view_lists_source_crs_and_fields(open_window, two_layer_gpkg):
    from hegang_map.qt.properties_dialog import layer_properties

    win = open_window([two_layer_gpkg])
    props = dict(layer_properties(_layer(win, "cities")))
    assert props["Source"].endswith("two.gpkg") and props["Layer"] == "cities"
    assert props["CRS"] == "EPSG:4326" and props["Features"] == "3"
    assert "Field: value" in props


def test_status_bar_shows_cursor_zoom_and_layer_crs(open_window, qtbot, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    win.map_view.bridge.mouseMove(47.35, 130.29)
    assert win.cursor_label.text() == "130.29000° E, 47.35000° N"
    assert win.view_label.text().startswith("Zoom ")
    win.state.active_layer_id = win.state.layers[0].id
    assert win.crs_label.text() == "Layer CRS: EPSG:4326"


def test_empty_start_shows_a_hint(open_window, qtbot, js):
    win = open_window(None, bundled=False)
    assert "open a GeoPackage" in js(win.map_view, "document.getElementById('hg-hint').textContent")


def test_bundled_layers_open_framed_on_china_and_pan_makes_no_remote_request(open_window, qtbot, js):
    win = open_window(None, bundled=True)
    info = page_info(qtbot, win.map_view)
    names = {lyr["name"] for lyr in info["layers"] if not lyr["basemap"]}
    assert {"price_latest", "facilities", "coal_mines"} <= names
    assert any(lyr["basemap"] for lyr in info["layers"])
    assert 3 <= info["view"]["zoom"] <= 5 and 25 < info["view"]["lat"] < 45
    win.map_view.call("panTo", 47.35, 130.3)
    qtbot.waitUntil(lambda: abs(win.state.view.lon - 130.3) < 0.5)
    assert win.map_view.guard.blocked == []


def test_the_map_keeps_its_size_while_the_bundled_layers_arrive(qtbot, qapp):
    from PySide6.QtCore import QEvent, QObject

    from hegang_map.qt.main_window import MainWindow
    from pagetools import wait_idle

    class Sizes(QObject):
        def __init__(self):
            super().__init__()
            self.seen = []

        def eventFilter(self, obj, event):  # noqa: N802 (Qt API)
            if event.type() == QEvent.Type.Resize:
                self.seen.append(event.size().toTuple())
            return False

    win = MainWindow(bundled=True)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    size = win.map_view.size().toTuple()
    sizes = Sizes()
    win.map_view.installEventFilter(sizes)
    wait_idle(qtbot, win)
    # price_annual steps through years: its time bar is there from the start,
    # so the map does not shrink (and redraw) when that layer arrives.
    assert win.time_bar.isVisible() and win.time_slider.layer.name == "price_annual"
    assert set(sizes.seen) <= {size}
    win.close()


def test_page_cannot_fetch_remote_urls_and_guard_records_navigation(open_window, qtbot, js):
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage

    win = open_window(None)
    # The page's content policy refuses remote fetches outright...
    js(win.map_view, "window.__fetch = 'pending'; fetch('https://example.com/x.png')"
                     ".then(() => window.__fetch = 'loaded', () => window.__fetch = 'refused'); 1")
    qtbot.waitUntil(lambda: js(win.map_view, "window.__fetch") == "refused")
    # ...and the request guard blocks and records whatever else tries the network.
    page = QWebEnginePage(win.map_view.page().profile(), win)
    page.load(QUrl("https://example.com/tile.png"))
    qtbot.waitUntil(lambda: "https://example.com/tile.png" in win.map_view.guard.blocked)
    win.map_view.guard.blocked.clear()
    page.deleteLater()


def test_unreadable_file_reports_once_and_keeps_other_layers(open_window, qtbot, tmp_path, two_layer_gpkg):
    bad = tmp_path / "notes.gpkg"
    bad.write_text("not a database")
    win = open_window([two_layer_gpkg, bad])
    assert len(win.state.layers) == 2
    assert len(win.errors) == 1 and "not a GeoPackage" in win.errors[0]


def test_recent_files_menu_lists_opened_file(open_window, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    win._fill_recent()
    assert str(two_layer_gpkg.resolve()) in [a.text() for a in win.recent_menu.actions()]


def test_loading_runs_off_gui_thread_and_can_be_cancelled(qtbot, qapp, tmp_path):
    import numpy as np

    from hegang_map.qt.loader import Loader

    n = 200_000
    rng = np.random.default_rng(1)
    path = tmp_path / "many.gpkg"
    gpd.GeoDataFrame({"v": np.arange(n)}, geometry=gpd.points_from_xy(rng.uniform(100, 130, n), rng.uniform(20, 50, n)),
                     crs="EPSG:4326").to_file(path, driver="GPKG")
    from PySide6.QtWidgets import QWidget

    from hegang_map.model.request import LayerRequest
    from hegang_map.qt.workers import Workers

    owner = QWidget()
    workers = Workers(owner)
    loader = Loader(workers)
    job = loader.start(LayerRequest(path, "many"))
    progress = []
    job.progress.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(job.finished, timeout=60_000) as blocker:
        pass
    assert progress and progress[-1] == (n, n)
    assert len(blocker.args[0].layer.data) == n
    job2 = loader.start(LayerRequest(path, "many"))
    job2.cancel()
    with qtbot.waitSignal(job2.cancelled, timeout=60_000):
        pass
    workers.close()
    assert workers.alive() == 0


def test_the_credits_line_shows_all_its_sources_under_the_mouse(open_window, qtbot, js):
    from PySide6.QtCore import QPoint
    from PySide6.QtTest import QTest

    from pagetools import element_box

    win = open_window(None, bundled=True, size=(1200, 800))

    def box():
        line = json.loads(js(win.map_view, "(function(){const e = document.getElementById('hg-attribution');"
                                           " return JSON.stringify({cut: e.scrollWidth > e.clientWidth ||"
                                           " e.scrollHeight > e.clientHeight, text: e.textContent});})()"))
        return dict(line, **element_box(qtbot, win.map_view, "#hg-attribution"))

    line = box()
    assert line["cut"] and "Natural Earth" in line["text"]  # one line: more sources than fit
    QTest.mouseMove(win.map_view.focusProxy(), QPoint(int(line["x"]), int(line["y"])))
    qtbot.waitUntil(lambda: not box()["cut"], timeout=5000)


def test_the_legend_folds_away_to_a_button_and_opens_again(open_window, qtbot, js):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from pagetools import element_box

    win = open_window(None, bundled=True, size=(1800, 1100))

    def legend():
        whole, fold = (element_box(qtbot, win.map_view, s) for s in ("#hg-legend", ".hg-legend-fold"))
        return {"w": whole["w"], "h": whole["h"], "x": fold["x"], "y": fold["y"],
                "text": js(win.map_view, "document.getElementById('hg-legend').innerText"),
                "entries": js(win.map_view, "document.querySelectorAll('.hg-legend-entry').length")}

    def click(at):
        QTest.mouseClick(win.map_view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(int(at["x"]), int(at["y"])))

    shown = legend()  # a large map: the legend starts open
    assert shown["entries"] >= 5 and "Resale listing price" in shown["text"]
    click(shown)
    qtbot.waitUntil(lambda: legend()["entries"] == 0, timeout=5000)
    folded = legend()
    assert folded["text"].strip().startswith("Legend") and "Resale" not in folded["text"]
    assert folded["w"] * folded["h"] < shown["w"] * shown["h"] / 10  # the map under it shows
    assert win.state.selection is None  # the click went to the button, not to the map
    click(folded)
    qtbot.waitUntil(lambda: legend()["entries"] == shown["entries"], timeout=5000)
    assert legend()["text"] == shown["text"]


def test_a_legend_that_would_cover_a_small_map_starts_folded_until_opened(open_window, qtbot, js):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from pagetools import element_box, wait_page_size

    def entries():
        return js(win.map_view, "document.querySelectorAll('.hg-legend-entry').length")

    # A small laptop: with its docks the map is some 750 pixels wide.
    win = open_window(None, bundled=True, size=(1280, 740))
    wait_page_size(qtbot, win.map_view)
    qtbot.waitUntil(lambda: entries() == 0, timeout=5000)
    legend = element_box(qtbot, win.map_view, "#hg-legend")
    assert legend["w"] * legend["h"] < 0.02 * win.map_view.width() * win.map_view.height()
    # The panel still shows the active layer's legend.
    assert win.legend_view.isVisible()
    fold = element_box(qtbot, win.map_view, ".hg-legend-fold")
    QTest.mouseClick(win.map_view.focusProxy(), Qt.MouseButton.LeftButton, pos=QPoint(int(fold["x"]), int(fold["y"])))
    qtbot.waitUntil(lambda: entries() >= 5, timeout=5000)
    # Opened by the user, it stays open when the window changes size.
    win.resize(1300, 720)
    wait_page_size(qtbot, win.map_view)
    qtbot.wait(200)
    assert entries() >= 5
    # A large window opens a legend the user did not fold.
    other = open_window(None, bundled=True, size=(1280, 740))
    wait_page_size(qtbot, other.map_view)
    other.resize(1900, 1150)
    wait_page_size(qtbot, other.map_view)
    qtbot.waitUntil(lambda: js(other.map_view, "document.querySelectorAll('.hg-legend-entry').length") >= 5,
                    timeout=5000)


def test_a_file_opened_into_a_map_is_zoomed_to_and_becomes_the_layer_worked_on(open_window, qtbot, two_layer_gpkg,
                                                                                  tmp_path):
    from pagetools import wait_idle

    station = tmp_path / "station.geojson"
    gpd.GeoDataFrame({"name": ["鹤岗站"]}, geometry=[Point(130.2902, 47.3477)], crs=4326).to_file(station)
    win = open_window([two_layer_gpkg])
    assert win.state.view.zoom < 8  # the two layers span China
    win.open_paths([station])
    qtbot.waitUntil(lambda: len(win.state.layers) == 3, timeout=20_000)
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: win.state.view.zoom >= 12, timeout=10_000)
    view = win.state.view
    assert abs(view.lat - 47.3477) < 0.01 and abs(view.lon - 130.2902) < 0.01
    assert win.state.active_layer_id == _layer(win, "station").id
    assert win.layer_panel.view.currentIndex().data() == "station"


def test_zoom_to_hegang_frames_every_bundled_hegang_layer(open_window, qtbot, js):
    from hegang_map.bundled.paths import geodata_dir
    from hegang_map.io import list_layers
    from hegang_map.model.map_state import HEGANG_BOUNDS

    w, s, e, n = HEGANG_BOUNDS
    for name in ("hegang_redevelopment.gpkg", "hegang_welfare.gpkg"):
        for info in list_layers(geodata_dir() / name):
            if info.bounds:
                x0, y0, x1, y1 = info.bounds
                assert w <= x0 and s <= y0 and x1 <= e and y1 <= n, (name, info.name)
    win = open_window([])
    win.actions["zoom_hegang"].trigger()
    qtbot.waitUntil(lambda: win.state.view.zoom >= 9, timeout=10_000)
    bounds = json.loads(js(win.map_view, "(b => JSON.stringify([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]))"
                                         "(hgmap.leafletMap().getBounds())"))
    assert bounds[0] <= w and bounds[1] <= s and bounds[2] >= e and bounds[3] >= n
    assert win.actions["zoom_hegang"].shortcut().toString() == "Ctrl+Shift+H"


def test_a_map_page_whose_renderer_dies_says_so_once(open_window, qtbot, two_layer_gpkg):
    import os
    import signal

    from PySide6.QtWidgets import QMessageBox

    win = open_window([two_layer_gpkg])
    pid = win.map_view.page().renderProcessPid()
    assert pid > 0
    os.kill(pid, signal.SIGKILL)  # as the system's out-of-memory killer would
    qtbot.waitUntil(lambda: any("stopped working" in e for e in win.errors), timeout=10_000)
    boxes = [b for b in win.findChildren(QMessageBox) if b.objectName() == "errorDialog" and b.isVisible()]
    assert len(boxes) == 1 and "save the project" in boxes[0].text()
    assert len(win.state.layers) == 2  # the model is untouched: the project can still be saved
