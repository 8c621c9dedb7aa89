"""Windows own their workers: closing or deleting a window stops and joins every
read and computation it started, so nothing reports into a deleted window."""

from __future__ import annotations

import threading

import geopandas as gpd
import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QMessageBox

from pagetools import wait_idle

pytestmark = pytest.mark.timeout(240)


def _ours() -> list[str]:
    return sorted(t.name for t in threading.enumerate() if t.name.startswith("hegang-map-") and t.is_alive())


@pytest.fixture
def many_points(tmp_path):
    n = 150_000
    rng = np.random.default_rng(3)
    path = tmp_path / "many.gpkg"
    gpd.GeoDataFrame({"v": np.arange(n)}, geometry=gpd.points_from_xy(rng.uniform(100, 130, n), rng.uniform(20, 50, n)),
                     crs="EPSG:4326").to_file(path, driver="GPKG")
    return path


def _delete(win) -> None:
    win.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_windows_opened_and_closed_in_a_loop_leave_no_thread_behind(qtbot, qapp, two_layer_gpkg, many_points):
    from hegang_map.qt.main_window import MainWindow

    assert _ours() == []
    for round_ in range(6):
        win = MainWindow(files=[two_layer_gpkg, many_points], bundled=False, autosave=False)
        win.resize(800, 600)
        win.show()
        if round_ % 3 == 0:
            wait_idle(qtbot, win)  # drawn: levels of detail and validity checks start after the first draw
        elif round_ % 3 == 1:
            qtbot.waitUntil(lambda w=win: w.workers.alive() > 0, timeout=30_000)  # a read going on
        if round_ % 2:
            # Deleted without a close (as a window with unsaved changes whose close was refused).
            win.projects.set_dirty(True)
            _delete(win)
        else:
            win.close()
            if win.isVisible():  # layers arrived meanwhile: "Unsaved changes?" — discard them
                win.projects.unsaved_dialog.button(QMessageBox.StandardButton.Discard).click()
            assert not win.isVisible() and win.workers.closed and win.workers.alive() == 0
            _delete(win)
        assert _ours() == [], f"round {round_}: threads left: {_ours()}"
    QCoreApplication.processEvents()  # reports queued by a worker, had any been sent, would arrive now


def test_a_closed_window_takes_no_more_reads(qtbot, qapp, two_layer_gpkg):
    from hegang_map.model.request import LayerRequest
    from hegang_map.qt.main_window import MainWindow

    win = MainWindow(files=[], bundled=False, autosave=False)
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, win)
    win.close()
    assert not win.isVisible()
    job = win.load(LayerRequest(two_layer_gpkg, "cities"))
    QCoreApplication.processEvents()
    assert _ours() == [] and len(win.state.layers) == 0 and job in win.loader.jobs


def test_a_removed_layer_no_longer_reaches_the_page(open_window, two_layer_gpkg, qtbot):
    win = open_window([two_layer_gpkg])
    layer = win.state.layers[0]
    calls = []
    real_call = win.map_view.call
    win.map_view.call = lambda method, *args, **kw: (calls.append((method, args)), real_call(method, *args, **kw))
    win.state.layers.remove(layer)
    assert ("removeLayer", (layer.id,)) in calls
    calls.clear()
    layer.opacity, layer.visible, layer.name = 0.3, not layer.visible, "renamed after removal"
    assert not [c for c in calls if layer.id in c[1]], calls
    assert win.controller.display(layer.id) is None and win.controller.symbology(layer.id) is None
