"""Every bad-input case through MainWindow.open_paths, with other layers open:
unreadable files give one recorded message and a non-blocking dialog; odd but
readable files load with warnings in the layer panel; the app keeps its other
layers; nothing raises or logs a traceback; the file's bytes never change."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from pagetools import page_info, wait_idle

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
from badfiles import CASES, ERROR_CASES, LOAD_CASES, params, tree_state  # noqa: E402

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def base_window(open_window, two_layer_gpkg):
    """A window already showing two good layers (cities, areas)."""
    return open_window([two_layer_gpkg])


def _no_tracebacks(caplog):
    for record in caplog.records:
        assert record.exc_info is None, f"logged a traceback: {record.getMessage()}"
        assert "Traceback" not in record.getMessage()


def _still_has_good_layers(qtbot, win):
    names = sorted(lyr.name for lyr in win.state.layers)
    assert {"cities", "areas"} <= set(names)
    counts = {lyr["name"]: lyr["features"] for lyr in page_info(qtbot, win.map_view)["layers"] if not lyr["basemap"]}
    assert counts["cities"] == 3 and counts["areas"] == 2


@pytest.mark.parametrize("case", params(ERROR_CASES))
def test_opening_unreadable_file_reports_it_and_keeps_other_layers(case, base_window, qtbot, tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    win = base_window
    path = case.build(tmp_path)
    before = tree_state(path)
    with qtbot.waitSignal(win.errorReported, timeout=30_000) as blocker:
        win.open_paths([path], ask=False)
    message = blocker.args[0]
    assert win.errors == [message]
    assert "\n" not in message and path.name in message
    for part in case.message:
        assert part.lower() in message.lower(), message
    boxes = [b for b in win.findChildren(QMessageBox) if b.objectName() == "errorDialog"]
    assert boxes and boxes[-1].text() == message
    assert boxes[-1].isVisible()  # shown with open(): open_paths returned while it is up (non-blocking)
    wait_idle(qtbot, win)
    _still_has_good_layers(qtbot, win)
    assert tree_state(path) == before
    _no_tracebacks(caplog)


@pytest.mark.parametrize("case", params(LOAD_CASES))
def test_opening_odd_file_loads_it_with_warnings_in_the_panel(case, base_window, qtbot, tmp_path, caplog):
    caplog.set_level(logging.WARNING)
    win = base_window
    path = case.build(tmp_path)
    before = tree_state(path)
    win.open_paths([path], ask=False)
    wait_idle(qtbot, win)
    assert win.errors == []
    new = [lyr for lyr in win.state.layers if lyr.name not in ("cities", "areas")]
    assert new, "the file's layer was not added"
    notes = [w for lyr in new for w in lyr.warnings]
    for part in case.warning:
        assert any(part.lower() in w.lower() for w in notes), notes
    if notes:
        layer = next(lyr for lyr in new if lyr.warnings)
        win.state.active_layer_id = layer.id
        shown = win.layer_panel.warnings.text()
        assert layer.warnings[0] in shown
    _still_has_good_layers(qtbot, win)
    assert tree_state(path) == before
    _no_tracebacks(caplog)


def test_several_bad_files_at_once_each_get_a_message_and_good_one_loads(base_window, qtbot, tmp_path):
    win = base_window
    bad = [CASES[n].build(tmp_path / n) for n in ("text_as_gpkg", "no_layers", "plain_sqlite") if
           (tmp_path / n).mkdir() is None]
    good = CASES["odd_columns"].build(tmp_path)
    win.open_paths([bad[0], good, bad[1], bad[2]], ask=False)
    wait_idle(qtbot, win)
    assert len(win.errors) == 3
    assert [Path(p).name in e for p, e in zip(bad, win.errors)] == [True] * 3
    assert any(lyr.name == "odd columns 名称" for lyr in win.state.layers)
    _still_has_good_layers(qtbot, win)


def test_file_replaced_after_listing_fails_in_the_loader_with_a_message(base_window, qtbot, tmp_path, monkeypatch):
    # The file changes between the layer listing (GUI thread) and the read (worker).
    from badfiles import valid_gpkg

    win = base_window
    path = valid_gpkg(tmp_path / "changing.gpkg")
    import hegang_map.io.read as read  # where the window takes list_layers from when a file is opened

    real = read.list_layers

    def list_then_replace(p, *args, **kwargs):
        infos = real(p, *args, **kwargs)
        Path(p).write_text("now a text file")
        return infos

    monkeypatch.setattr(read, "list_layers", list_then_replace)
    with qtbot.waitSignal(win.errorReported, timeout=30_000):
        win.open_paths([path], ask=False)
    wait_idle(qtbot, win)
    assert all("changing.gpkg" in e for e in win.errors)
    _still_has_good_layers(qtbot, win)
