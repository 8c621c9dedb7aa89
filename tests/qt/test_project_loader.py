"""One way a saved map comes back: File › Open Project, a story, ``present`` — from any working folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import geopandas as gpd
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox
from shapely.geometry import Point

from pagetools import page_info, wait_idle

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def project(tmp_path):
    """A project in its own folder: one layer, hidden price layer, a view on Hegang at zoom 10."""
    from hegang_map.io.project import save_project
    from hegang_map.model import Layer, LayerSource, LayerStyle, MapState, View

    (tmp_path / "work" / "data").mkdir(parents=True)
    gpkg = tmp_path / "work" / "data" / "places.gpkg"
    gpd.GeoDataFrame({"name_en": ["Hegang", "Dongshan"]}, geometry=[Point(130.29, 47.34), Point(130.32, 47.36)],
                     crs=4326).to_file(gpkg, layer="cities")
    state = MapState()
    state.layers.append_top(Layer(gpd.read_file(gpkg), "Hegang places", LayerSource(gpkg, "cities"),
                                  style=LayerStyle(color="#e7298a")))
    state.view = View(47.34, 130.3, 10)
    state.basemap = "natural_earth"
    return save_project(state, tmp_path / "work" / "places.hgmap").path


def _page_zoom(qtbot, win, zoom: float) -> dict:
    box = {}

    def there():
        box["view"] = page_info(qtbot, win.map_view)["view"]
        return abs(box["view"]["zoom"] - zoom) < 0.01

    qtbot.waitUntil(there, timeout=20_000)
    return box["view"]


def test_open_project_by_a_relative_path_from_another_folder_restores_layers_and_view(
        open_window, project, tmp_path, qtbot, monkeypatch):
    other = tmp_path / "elsewhere"
    other.mkdir()
    monkeypatch.chdir(other)
    win = open_window()
    with qtbot.waitSignal(win.projects.opened, timeout=60_000):
        win.projects.open_project(Path(os.path.relpath(project, other)))
    (layer,) = list(win.state.layers)
    assert layer.name == "Hegang places" and len(layer.data) == 2
    view = _page_zoom(qtbot, win, 10)
    assert abs(view["lat"] - 47.34) < 0.01 and abs(view["lng"] - 130.3) < 0.01
    names = [lyr["name"] for lyr in page_info(qtbot, win.map_view)["layers"] if not lyr["basemap"]]
    assert names == ["Hegang places"]
    assert not win.projects.dirty


def test_a_story_opened_for_presenting_keeps_the_basemap_and_esc_brings_the_map_back(open_window, qtbot):
    from hegang_map.qt.presentation import open_story
    from hegang_map.bundled.stories import bundled_story

    win = open_window()
    wait_idle(qtbot, win)
    done = []
    assert open_story(win, bundled_story(), then=lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=90_000)
    info = page_info(qtbot, win.map_view)
    basemap = [lyr for lyr in info["layers"] if lyr["basemap"]]
    assert basemap and all(lyr["loaded"] for lyr in basemap), "the story lost the basemap"
    shown = sorted(lyr.name for lyr in win.state.layers if lyr.visible)
    pres = win.presentation
    with qtbot.waitSignal(pres.started, timeout=90_000):
        assert pres.start(0, full_screen=False)
    assert [lyr for lyr in page_info(qtbot, win.map_view)["layers"] if lyr["basemap"] and lyr["loaded"]]
    with qtbot.waitSignal(pres.stopped, timeout=10_000):
        pres.stop()
    assert sorted(lyr.name for lyr in win.state.layers if lyr.visible) == shown
    wait_idle(qtbot, win)
    info = page_info(qtbot, win.map_view)
    assert [lyr for lyr in info["layers"] if lyr["basemap"] and lyr["loaded"]]
    assert {lyr["name"] for lyr in info["layers"] if not lyr["basemap"] and lyr["visible"]} == set(shown)


def test_quit_with_unsaved_changes_then_save_as_quits_once_saved(open_window, project, tmp_path, qtbot):
    win = open_window()
    with qtbot.waitSignal(win.projects.opened, timeout=60_000):
        win.projects.open_project(project)
    win.projects.path = None  # an untitled map: Save asks where
    win.state.layers[0].opacity = 0.5
    assert win.projects.dirty
    target = tmp_path / "saved.hgmap"

    def answer_save_then_choose_file():
        box = win.projects.unsaved_dialog
        box.button(QMessageBox.StandardButton.Save).click()
        QTimer.singleShot(0, choose_file)

    def choose_file():
        (dialog,) = [d for d in win.findChildren(QFileDialog) if d.objectName() == "saveProjectDialog"]
        dialog.fileSelected.emit(str(target))

    QTimer.singleShot(0, answer_save_then_choose_file)
    win.actions["quit"].trigger()
    qtbot.waitUntil(lambda: not win.isVisible(), timeout=10_000)
    assert json.loads(target.read_text(encoding="utf-8"))["layers"][0]["opacity"] == 0.5


def test_export_from_the_window_frames_the_current_view_by_default(open_window, project, tmp_path, qtbot):
    win = open_window()
    with qtbot.waitSignal(win.projects.opened, timeout=60_000):
        win.projects.open_project(project)
    _page_zoom(qtbot, win, 10)
    qtbot.waitUntil(lambda: win.controller.view_bounds() is not None and win.controller.view_bounds()[2] -
                    win.controller.view_bounds()[0] < 2, timeout=20_000)  # the page has said what it shows
    view = win.controller.view_bounds()
    out = tmp_path / "view.png"
    with qtbot.waitSignal(win.projects.exported, timeout=120_000):
        win.projects.export_to(out, size="600x400px", dpi=72)
    side = json.loads((tmp_path / "view.png.json").read_text(encoding="utf-8"))
    w, s, e, n = side["export"]["extent"]
    assert (w, s, e, n) == pytest.approx(view, abs=1e-6)
    assert e - w < 2, "a city view, not the national extent"


def test_the_first_file_opened_is_framed_even_while_the_basemap_loads(open_window, project, qtbot):
    from hegang_map.qt.main_window import MainWindow

    gpkg = project.parent / "data" / "places.gpkg"
    win = MainWindow(files=[gpkg], bundled=False)  # the basemap starts loading before the file is asked for
    qtbot.addWidget(win)
    win.resize(1000, 700)
    win.show()
    wait_idle(qtbot, win)
    view = _page_zoom(qtbot, win, page_info(qtbot, win.map_view)["view"]["zoom"])
    assert view["zoom"] >= 10, view  # framed on the two Hegang points, not left at the national view
    assert abs(view["lat"] - 47.35) < 0.05 and abs(view["lng"] - 130.3) < 0.05
    win.projects.set_dirty(False)
    win.close()


def test_a_project_named_on_the_command_line_opens_in_the_window(open_window, project, qtbot):
    # ``hegang-map places.hgmap`` (and its --screenshot): the window's first basemap is no
    # unsaved edit, so the project opens without a question no one sees.
    win = open_window([project])
    qtbot.waitUntil(lambda: len(win.state.layers) == 1, timeout=30_000)
    wait_idle(qtbot, win)
    assert win.projects.path == project and win.state.layers[0].name == "Hegang places"
    assert not win.isWindowModified()
    assert not [b for b in win.findChildren(QMessageBox) if b.isVisible()]
