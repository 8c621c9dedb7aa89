"""File › Export map…: the options dialog, progress and Cancel while the export runs off the GUI thread."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from shapely.geometry import Point


@pytest.fixture
def gpkg(tmp_path):
    path = tmp_path / "places.gpkg"
    gpd.GeoDataFrame({"name_zh": ["鹤岗市", "阜新市"], "price": [2285.0, 3500.0]},
                     geometry=[Point(130.3, 47.35), Point(121.66, 42.02)], crs=4326).to_file(path, layer="cities")
    return path


def _dialog(win):
    from hegang_map.qt.export_dialog import ExportOptionsDialog

    win.actions["export_map"].trigger()
    dialogs = [d for d in win.findChildren(ExportOptionsDialog) if d.isVisible()]
    assert len(dialogs) == 1
    return dialogs[0]


def test_export_dialog_is_prefilled_and_shows_the_pixel_size(open_window, gpkg, tmp_path, qtbot):
    win = open_window([gpkg])
    win.state.basemap = "none"
    with qtbot.waitSignal(win.projects.saved):
        win.projects.save_to(tmp_path / "hegang study.hgmap")
    d = _dialog(win)
    assert d.isVisible()  # opened with open(): trigger() returned at once
    assert d.title.text() == "hegang study"
    assert d.path.text().endswith("hegang study.png") and d.sidecar.isChecked()
    assert [d.format.itemData(i) for i in range(d.format.count())] == [".png", ".svg", ".pdf"]
    assert {d.size.itemData(i) for i in range(d.size.count())} >= {"A4", "A4-landscape", "A3", "mm", "px"}
    assert d.size_text() == "A4-landscape" and d.dpi.value() == 300
    assert "3508 × 2480" in d.summary.text()
    d.size.setCurrentIndex(d.size.findData("A4"))
    assert "2480 × 3508" in d.summary.text()
    d.format.setCurrentIndex(d.format.findData(".svg"))
    assert d.path.text().endswith("hegang study.svg")
    d.size.setCurrentIndex(d.size.findData("mm"))
    d.custom_w.setValue(10)  # too small for paper
    assert not d.export_button.isEnabled() and "between 20 and 2000 mm" in d.summary.text()
    d.custom_w.setValue(180)
    assert d.export_button.isEnabled() and d.size_text() == "180x120mm"
    d.reject()


def test_export_writes_the_chosen_size_title_and_sidecar_off_the_gui_thread(open_window, gpkg, tmp_path, qtbot):
    win = open_window([gpkg])
    win.state.basemap = "none"
    d = _dialog(win)
    out = tmp_path / "figure.png"
    d.path.setText(str(out))
    d.size.setCurrentIndex(d.size.findData("px"))
    d.custom_w.setValue(900)
    d.custom_h.setValue(700)
    d.dpi.setValue(100)
    d.title.setText("鹤岗 <b>test</b>")
    with qtbot.waitSignal(win.projects.exported, timeout=120_000) as blocker:
        d.export_button.click()
        # Running: inputs locked, progress shown, Cancel available, the GUI thread free.
        assert d.progress.isVisible() and not d.format.isEnabled() and d.cancel_button.isEnabled()
        assert d.job.result in (None, "finished")
    assert blocker.args == [str(out)]
    image = QImage(str(out))
    assert (image.width(), image.height()) == (900, 700)
    side = json.loads((tmp_path / "figure.png.json").read_text(encoding="utf-8"))
    assert side["export"]["title"] == "鹤岗 <b>test</b>" and side["export"]["size"] == "900x700px"
    assert side["export"]["dpi"] == 100
    assert not d.isVisible()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_export_as_pdf_without_sidecar(open_window, gpkg, tmp_path, qtbot):
    win = open_window([gpkg])
    win.state.basemap = "none"
    d = _dialog(win)
    d.path.setText(str(tmp_path / "figure.png"))
    d.format.setCurrentIndex(d.format.findData(".pdf"))
    d.sidecar.setChecked(False)
    d.title.setText("Hegang PDF")
    with qtbot.waitSignal(win.projects.exported, timeout=120_000) as blocker:
        d.export_button.click()
    out = tmp_path / "figure.pdf"
    assert blocker.args == [str(out)]
    assert out.read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "figure.pdf.json").exists()


def test_a_pdf_says_in_the_window_which_layer_it_drew_as_a_picture(open_window, tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from hegang_map.render import figure_shapes, static

    path = tmp_path / "blocks.gpkg"
    squares = [Point(130 + i * 0.01, 47.3).buffer(0.003, quad_segs=2) for i in range(30)]
    gpd.GeoDataFrame({"v": range(30)}, geometry=squares, crs=4326).to_file(path, layer="blocks")
    # Thirty shapes stand for the fifty thousand from which a layer becomes a picture.
    monkeypatch.setattr(figure_shapes, "PICTURE_FROM", 20)
    monkeypatch.setattr(static, "PICTURE_FROM", 20)
    win = open_window([path])
    win.state.basemap = "none"
    d = _dialog(win)
    d.path.setText(str(tmp_path / "blocks.pdf"))
    d.format.setCurrentIndex(d.format.findData(".pdf"))
    with qtbot.waitSignal(win.projects.exported, timeout=120_000):
        d.export_button.click()
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "exportNotes") is not None, timeout=10_000)
    box = win.findChild(QMessageBox, "exportNotes")
    assert box.isVisible() and box.textFormat() == Qt.TextFormat.PlainText
    assert "blocks" in box.text() and "300 dpi" in box.text() and str(tmp_path / "blocks.pdf") in box.text()
    assert win.isEnabled()  # the box holds nothing up
    box.accept()


def test_a_png_export_has_nothing_to_say(open_window, gpkg, tmp_path, qtbot):
    from PySide6.QtWidgets import QMessageBox

    win = open_window([gpkg])
    win.state.basemap = "none"
    d = _dialog(win)
    d.path.setText(str(tmp_path / "plain.png"))
    with qtbot.waitSignal(win.projects.exported, timeout=120_000):
        d.export_button.click()
    qtbot.wait(200)
    assert win.findChild(QMessageBox, "exportNotes") is None


def test_cancel_during_export_writes_nothing_and_closes(open_window, gpkg, tmp_path, qtbot):
    win = open_window([gpkg])
    win.state.basemap = "none"
    d = _dialog(win)
    out = tmp_path / "big.png"
    d.path.setText(str(out))
    d.size.setCurrentIndex(d.size.findData("A3"))
    d.dpi.setValue(400)
    exported = []
    win.projects.exported.connect(exported.append)
    d.export_button.click()
    job = d.job
    assert job.running
    d.cancel_button.click()
    assert job.result == "cancelled" and not d.isVisible()
    assert win.statusBar().currentMessage() == "Export cancelled."
    qtbot.waitUntil(job.ended.is_set, timeout=120_000)
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.sendPostedEvents()  # a late worker signal, if one were sent, arrives now
    assert not exported
    assert not out.exists() and not (tmp_path / "big.png.json").exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_export_into_a_missing_folder_says_so_in_the_dialog(open_window, gpkg, tmp_path, qtbot):
    win = open_window([gpkg])
    d = _dialog(win)
    d.path.setText(str(tmp_path / "missing" / "x.png"))
    d.export_button.click()
    assert d.job is None and d.isVisible() and "does not exist" in d.summary.text()
    d.reject()


def test_web_map_export_still_asks_only_for_a_file(open_window, gpkg, qtbot):
    from PySide6.QtWidgets import QFileDialog

    win = open_window([gpkg])
    win.actions["export_webmap"].trigger()
    boxes = [b for b in win.findChildren(QFileDialog) if b.objectName() == "exportDialog" and b.isVisible()]
    assert boxes
    boxes[0].reject()


def _preview_drawn(qtbot, d):
    qtbot.waitUntil(lambda: not d.preview.busy and not d.preview.image.isNull(), timeout=30000)


def test_the_preview_shows_the_figure_and_the_parts_can_be_hidden_and_dragged(open_window, gpkg, tmp_path, qtbot):
    from PySide6.QtCore import QPoint, Qt

    win = open_window([gpkg])
    d = _dialog(win)
    d.extent.setCurrentIndex(d.extent.findText("All visible layers"))
    _preview_drawn(qtbot, d)
    page = d.preview.page_rect()
    assert page.width() / page.height() == pytest.approx(297 / 210, rel=0.02)  # A4 landscape
    assert {"map", "legend", "scale_bar", "north_arrow"} <= set(d.preview.boxes)

    # Unticking a part hides it from the map's layout and from the figure drawn.
    d.parts["north_arrow"].setChecked(False)
    assert not win.state.layout.shows("north_arrow")
    qtbot.waitUntil(lambda: not d.preview.busy and "north_arrow" not in d.preview.boxes, timeout=30000)

    # Drag the legend by the mouse, a quarter of the page to the right and down.
    legend = d.preview.part_rect("legend")
    start = legend.center().toPoint()
    end = start + QPoint(int(page.width() * 0.25), int(page.height() * 0.2))
    qtbot.mousePress(d.preview, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(d.preview, start + QPoint(5, 5))
    qtbot.mouseMove(d.preview, end)
    qtbot.mouseRelease(d.preview, Qt.MouseButton.LeftButton, pos=end)
    place = win.state.layout.place("legend")
    assert place is not None
    frame = d.preview.boxes["map"]
    old = d.preview.boxes["legend"]
    assert place[0] == pytest.approx((old[0] - frame[0]) / frame[2] + 0.25 / frame[2], abs=0.03)
    assert place[1] == pytest.approx((old[1] - frame[1]) / frame[3] - 0.2 / frame[3], abs=0.03)
    qtbot.waitUntil(lambda: not d.preview.busy and d.preview.boxes["legend"] != old, timeout=30000)
    new = d.preview.boxes["legend"]
    assert new[0] - old[0] == pytest.approx(0.25, abs=0.03)

    # The export writes what the preview shows, and the sidecar keeps it.
    out = tmp_path / "laid-out.svg"
    d.format.setCurrentIndex(d.format.findData(".svg"))
    d.path.setText(str(out))
    with qtbot.waitSignal(d.exported, timeout=60000):
        d.start_export()
    svg = out.read_text(encoding="utf-8")
    assert 'id="north-arrow' not in svg and 'id="legend' in svg
    sidecar = json.loads((tmp_path / "laid-out.svg.json").read_text(encoding="utf-8"))
    assert sidecar["project"]["layout"]["hide"] == ["north_arrow"]
    assert sidecar["project"]["layout"]["places"]["legend"] == pytest.approx(list(place), abs=1e-4)
    # The layout is part of the project: the window has something to save.
    assert win.projects.dirty

    d2 = _dialog(win)
    assert not d2.parts["north_arrow"].isChecked() and d2.reset_places.isEnabled()
    d2.reset_places.click()
    assert win.state.layout.place("legend") is None
    d2.reject()
