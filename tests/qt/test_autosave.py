"""Autosave to a recovery file in the config folder, and the restore offer.

The window's own timers and files are used (intervals shortened through
``$HEGANG_MAP_AUTOSAVE_MS``); the crash itself is in ``test_recovery_crash.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from hegang_map.io.project import read_project, save_project
from hegang_map.qt.autosave import leftover_files, recovery_dir

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def config(tmp_path, monkeypatch):
    """A config folder of its own and short autosave delays."""
    folder = tmp_path / "config"
    folder.mkdir()
    monkeypatch.setenv("HEGANG_MAP_CONFIG_DIR", str(folder))
    monkeypatch.setenv("HEGANG_MAP_AUTOSAVE_MS", "400")
    return folder


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait(timeout=30)
    return proc.pid


def test_change_of_layers_writes_a_recovery_file_in_the_config_folder(config, open_window, qtbot, two_layer_gpkg):
    data_dir = two_layer_gpkg.parent
    before = sorted(p.name for p in data_dir.iterdir())
    win = open_window([two_layer_gpkg])
    auto = win.autosave
    assert auto.path.parent == recovery_dir() == config / "recovery"
    qtbot.waitUntil(auto.path.is_file, timeout=10_000)  # an untitled map of the user's files
    cities = next(lyr for lyr in win.state.layers if lyr.name == "cities")
    with qtbot.waitSignal(auto.saved, timeout=10_000):
        cities.visible = False
        cities.name = "城市 renamed"
        win.state.layers.move(win.state.layers.index(cities), len(win.state.layers) - 1)
    saved = read_project(auto.path)
    assert [(e.name, e.visible) for e in saved.layers] == [("areas", True), ("城市 renamed", False)]
    doc = json.loads(auto.path.read_text(encoding="utf-8"))
    assert all(Path(d["source"]).is_absolute() for d in doc["layers"])  # not relative to the config folder
    assert doc["recovery"]["project"] is None
    assert sorted(p.name for p in data_dir.iterdir()) == before  # nothing written beside the user's files
    assert not list(auto.path.parent.glob(".*.hgtmp"))  # atomic: no temp file left


def test_restyle_is_debounced_into_one_write(config, open_window, qtbot, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    auto = win.autosave
    qtbot.waitUntil(auto.path.is_file, timeout=10_000)
    writes = []
    auto.saved.connect(writes.append)
    layer = win.state.layers[0]
    for color in ("#ff0000", "#00ff00", "#0000ff"):
        layer.style = layer.style.evolve(color=color)
    qtbot.waitUntil(lambda: len(writes) == 1, timeout=10_000)
    assert read_project(auto.path).layers[0].style.color == "#0000ff"


def test_periodic_timer_saves_a_moved_view(config, open_window, qtbot, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    auto = win.autosave
    qtbot.waitUntil(auto.path.is_file, timeout=10_000)
    assert auto.timer.isActive() and auto.timer.interval() == 400
    from hegang_map.model.map_state import View

    win.state.view = View(47.3, 130.3, 9.0)
    with qtbot.waitSignal(auto.saved, timeout=5_000):
        pass  # no layer change: only the periodic timer writes it
    assert read_project(auto.path).view.zoom == pytest.approx(9.0)


def test_saving_the_project_and_closing_cleanly_remove_the_recovery_file(config, open_window, qtbot, two_layer_gpkg,
                                                                        tmp_path):
    win = open_window([two_layer_gpkg])
    auto = win.autosave
    qtbot.waitUntil(auto.path.is_file, timeout=10_000)
    assert win.projects.save_to(tmp_path / "mine.hgmap")
    assert not auto.path.exists()
    win.state.layers[0].visible = False  # an unsaved change: worth recovering again
    qtbot.waitUntil(auto.path.is_file, timeout=10_000)
    assert json.loads(auto.path.read_text())["recovery"]["project"] == str((tmp_path / "mine.hgmap").resolve())
    win.projects.set_dirty(False)  # as if saved, so close does not ask
    win.close()
    assert not auto.path.exists()
    assert leftover_files() == []


def test_untouched_bundled_start_is_not_autosaved(config, open_window, qtbot):
    win = open_window(bundled=True)
    assert len(win.state.layers) > 0
    assert not win.autosave.worth_saving()
    assert win.autosave.save_now() is None and not win.autosave.path.exists()


def _leftover(config: Path, gpkg: Path, pid: int) -> Path:
    from hegang_map.io.project import load_layer
    from hegang_map.model import MapState

    state = MapState()
    state.layers.append_top(load_layer(gpkg, "areas", name="areas kept"))
    project = save_project(state, config / "scratch.hgmap", relative=False)
    project.extra["recovery"] = {"project": None, "written": "2024-01-01T10:00:00", "pid": pid}
    folder = config / "recovery"
    folder.mkdir(exist_ok=True)
    path = folder / f"autosave-{pid}-1.hgmap"
    save_project(project, path, relative=False)
    return path


def _recovery_boxes(win):
    return [b for b in win.findChildren(QMessageBox) if b.objectName() == "recoveryDialog" and b.isVisible()]


def test_leftover_of_a_dead_process_is_offered_and_discard_deletes_it(config, open_window, qtbot, two_layer_gpkg):
    path = _leftover(config, two_layer_gpkg, _dead_pid())
    win = open_window()
    qtbot.waitUntil(lambda: bool(_recovery_boxes(win)), timeout=10_000)
    box = _recovery_boxes(win)[0]
    assert "areas kept" in box.text() and "2024-01-01T10:00:00" in box.text()
    box.discard_button.click()
    assert not path.exists()
    assert len(win.state.layers) == 0


def test_not_now_keeps_the_leftover_for_the_next_start(config, open_window, qtbot, two_layer_gpkg):
    path = _leftover(config, two_layer_gpkg, _dead_pid())
    win = open_window()
    qtbot.waitUntil(lambda: bool(_recovery_boxes(win)), timeout=10_000)
    box = _recovery_boxes(win)[0]
    next(b for b in box.buttons() if b.text() == "Not Now").click()
    assert path.exists() and len(win.state.layers) == 0


def test_files_of_a_running_process_are_never_offered(config, open_window, qtbot, two_layer_gpkg):
    import os

    _leftover(config, two_layer_gpkg, os.getpid())  # this process is alive
    assert leftover_files() == []
    win = open_window()
    assert _recovery_boxes(win) == []


def test_screenshot_windows_neither_autosave_nor_offer(config, qtbot, qapp, two_layer_gpkg):
    from hegang_map.qt.main_window import MainWindow
    from pagetools import wait_idle

    path = _leftover(config, two_layer_gpkg, _dead_pid())
    win = MainWindow(files=[two_layer_gpkg], bundled=False, autosave=False)
    qtbot.addWidget(win)
    win.show()
    wait_idle(qtbot, win)
    assert _recovery_boxes(win) == [] and not win.autosave.path.exists()
    assert win.autosave.save_now() is None
    win.close()
    assert path.exists()


@pytest.mark.parametrize("shape", ["recovery is text", "view is NaN", "not JSON", "a folder", "empty"])
def test_a_leftover_of_the_wrong_shape_never_blocks_the_start(config, open_window, qtbot, two_layer_gpkg, shape):
    pid = _dead_pid()
    good = _leftover(config, two_layer_gpkg, pid)  # an older, sound copy
    odd = good.with_name(f"autosave-{pid}-2.hgmap")
    text = good.read_text(encoding="utf-8")
    doc = json.loads(text)
    if shape == "a folder":
        odd.mkdir()
    else:
        odd.write_text({"recovery is text": json.dumps(dict(doc, recovery="x")),
                        "view is NaN": text.replace('"zoom": ', '"zoom": NaN, "old_zoom": '),
                        "not JSON": "{\x00\x01", "empty": ""}[shape], encoding="utf-8")
    win = open_window()
    # The window is up and drawn; the sound copy (or the odd one, when it still reads) is offered.
    qtbot.waitUntil(lambda: bool(_recovery_boxes(win)), timeout=10_000)
    box = _recovery_boxes(win)[0]
    assert box.recovery_file in (good, odd) and "areas kept" in box.text()
    if shape not in ("recovery is text",):
        assert box.recovery_file == good
    assert win.errors == []


def test_hundreds_of_damaged_leftovers_do_not_hold_up_the_start(config, open_window, qtbot, two_layer_gpkg):
    import os
    import time

    from hegang_map.qt.autosave import MAX_SCANNED

    pid = _dead_pid()
    good = _leftover(config, two_layer_gpkg, pid)
    os.utime(good, (1, 1))  # the oldest: every damaged one is newer
    for i in range(600):
        (good.parent / f"autosave-{pid}-{i + 2}.hgmap").write_text('{"format": "hegang-map-project", '
                                                                   '"format_version": 1, "view": {"lat": NaN}}')
    start = time.monotonic()
    win = open_window()
    qtbot.wait(1500)
    assert time.monotonic() - start < 60
    assert _recovery_boxes(win) == []  # the sound copy lies beyond the first MAX_SCANNED files
    left = list(good.parent.glob(f"autosave-{pid}-*.hgmap"))
    assert len(left) == 601 - MAX_SCANNED  # the ones looked at are gone, the rest wait for the next start
    assert win.errors == []
