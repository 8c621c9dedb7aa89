"""File › Save view as image: what the map shows, drawn at 1x to 4x, not enlarged."""

from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pytest
from PySide6.QtGui import QImage
from shapely.geometry import LineString

from pagetools import wait_idle


@pytest.fixture
def lines_gpkg(tmp_path):
    """A 1-px horizontal line, a diagonal line and a labelled point."""
    path = tmp_path / "lines.gpkg"
    gpd.GeoDataFrame({"name": ["parallel", "diagonal"]},
                     geometry=[LineString([(100, 40), (125, 40)]), LineString([(100, 30), (125, 45)])],
                     crs=4326).to_file(path, layer="lines")
    return path


def _array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, bpl = image.width(), image.height(), image.bytesPerLine()
    buf = np.frombuffer(image.constBits(), dtype=np.uint8, count=bpl * h).reshape(h, bpl)
    return buf[:, : w * 3].reshape(h, w, 3).astype(float)


def _save(qtbot, win, out, k):
    with qtbot.waitSignal(win.view_image.saved, timeout=60_000) as blocker:
        job = win.view_image.save(out, k)
    assert blocker.args == [str(out)]
    return job


def _window(open_window, qtbot, path):
    from PySide6.QtWidgets import QDockWidget

    win = open_window([path], size=(1100, 700))
    for dock in win.findChildren(QDockWidget):  # a wide map, whatever docks the window has
        dock.hide()
    win.state.basemap = "none"
    qtbot.waitUntil(lambda: win.map_view.width() > 600)
    wait_idle(qtbot, win)
    return win


def _container_point(qtbot, js, win, lat, lng):
    p = json.loads(js(win.map_view, f"JSON.stringify(hgmap.leafletMap().latLngToContainerPoint([{lat}, {lng}]))"))
    return p["x"], p["y"]


def test_view_image_at_1x_is_exactly_what_the_map_shows(open_window, lines_gpkg, tmp_path, qtbot):
    win = _window(open_window, qtbot, lines_gpkg)
    out = tmp_path / "view-1x.png"
    _save(qtbot, win, out, 1)
    saved = _array(QImage(str(out)))
    # The window's own frame, grabbed now that it has long settled (the view was not touched).
    grab = _array(win.map_view.grab().toImage())
    assert saved.shape == grab.shape
    assert np.abs(saved - grab).mean() < 1.0, "the 1x image differs from the window's map"


def test_view_image_at_2x_is_twice_the_size_and_drawn_sharp_not_upscaled(open_window, lines_gpkg, tmp_path, qtbot,
                                                                        js):
    win = _window(open_window, qtbot, lines_gpkg)
    one, two = tmp_path / "view-1x.png", tmp_path / "view-2x.png"
    _save(qtbot, win, one, 1)
    job = _save(qtbot, win, two, 2)
    assert job.page_check["dpr"] == 2  # the page itself drew at twice the pixel density
    a1, a2 = _array(QImage(str(one))), _array(QImage(str(two)))
    assert a2.shape[0] == 2 * a1.shape[0] and a2.shape[1] == 2 * a1.shape[1]

    # Same picture: the 2x image averaged down to 1x matches the 1x image.
    down = a2.reshape(a1.shape[0], 2, a1.shape[1], 2, 3).mean(axis=(1, 3))
    assert np.abs(down - a1).mean() < 3.0

    # The 1-px line stays a line: about two device pixels thick, at full strength
    # (an enlarged grab would smear it over three or four paler rows).
    x, y = _container_point(qtbot, js, win, 40, 112)
    assert 12 < x < a1.shape[1] - 12 and 24 < y < a1.shape[0] - 12, "the line is not in view"
    bg1 = a1[int(y) - 12, int(x)]
    bg2 = a2[2 * int(y) - 24, 2 * int(x)]

    def ink(col, bg):
        return np.abs(col - bg).max(axis=1) / 255.0

    col1 = ink(a1[int(y) - 6: int(y) + 7, int(x)], bg1)
    col2 = ink(a2[2 * int(y) - 12: 2 * int(y) + 13, 2 * int(x)], bg2)
    assert col1.max() > 0.3, "the line is not in the 1x image"
    assert 1.5 <= col2.sum() / max(col1.sum(), 1e-9) <= 2.5  # twice the ink: twice as thick
    strong2 = int((col2 > 0.5 * col2.max()).sum())
    assert strong2 <= 3, f"the line is {strong2} px thick at 2x"
    assert col2.max() >= col1.max() - 0.05, "the 2x line is paler: blurred"

    # Not a pixel-doubled grab: edges (the diagonal, text) have detail inside 2x2 blocks.
    blocks = a2.reshape(a1.shape[0], 2, a1.shape[1], 2, 3)
    spread = blocks.max(axis=(1, 3)) - blocks.min(axis=(1, 3))
    assert (spread.max(axis=2) > 40).sum() > 200


def test_save_view_action_opens_a_dialog_that_writes_the_chosen_density(open_window, lines_gpkg, tmp_path, qtbot):
    from hegang_map.qt.view_image import ViewImageDialog

    win = _window(open_window, qtbot, lines_gpkg)
    action = win.actions["save_view_image"]
    file_menu = win.menuBar().actions()[0].menu()
    assert action in file_menu.actions()
    action.trigger()
    dialog = win.findChild(ViewImageDialog)
    assert dialog is not None and dialog.isVisible()  # shown with open(), not exec()
    out = tmp_path / "chosen.png"
    dialog.path.setText(str(out))
    dialog.density.setCurrentIndex(dialog.density.findData(3))
    with qtbot.waitSignal(win.view_image.saved, timeout=60_000):
        dialog.buttons.accepted.emit()
    size = win.map_view.size()
    image = QImage(str(out))
    assert (image.width(), image.height()) == (3 * size.width(), 3 * size.height())
    assert not list(tmp_path.glob(".chosen-*"))  # no temp file left behind
    assert not win.map_view.guard.blocked


def test_view_image_into_a_missing_folder_reports_and_writes_nothing(open_window, lines_gpkg, tmp_path, qtbot):
    win = _window(open_window, qtbot, lines_gpkg)
    out = tmp_path / "nope" / "view.png"
    with qtbot.waitSignal(win.view_image.failed, timeout=60_000):
        win.view_image.save(out, 2)
    assert not out.exists()
    assert any("not saved" in e for e in win.errors)
