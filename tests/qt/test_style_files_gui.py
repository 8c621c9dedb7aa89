"""Style › Load and Save with a bad file: one dialog naming the file, the
layer's style unchanged, nothing written where the save failed."""

from __future__ import annotations

import json
import os

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from pagetools import wait_idle

pytestmark = pytest.mark.timeout(120)


def _choose(qtbot, panel, button, path):
    """Click the panel's button and pick ``path`` in the file dialog it opens."""
    button.click()
    qtbot.waitUntil(lambda: any(d.isVisible() for d in panel.findChildren(QFileDialog)), timeout=5_000)
    dialog = next(d for d in panel.findChildren(QFileDialog) if d.isVisible())
    dialog.fileSelected.emit(str(path))
    dialog.close()


def _dialogs(win):
    return [b for b in win.findChildren(QMessageBox) if b.objectName() == "errorDialog" and b.isVisible()]


BAD_STYLES = {
    "not JSON": (b"{ this is not json", "not a valid style file"),
    "NaN width": (json.dumps({"style": {"stroke_width": float("nan")}}).encode(), "stroke_width"),
    "a list": (b"[1, 2, 3]", "JSON object"),
    "too deep": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
}


@pytest.mark.parametrize("case", sorted(BAD_STYLES))
def test_a_bad_style_file_gets_one_dialog_and_changes_nothing(open_window, qtbot, tmp_path, two_layer_gpkg, case):
    content, words = BAD_STYLES[case]
    path = tmp_path / "bad style.json"
    path.write_bytes(content)
    win = open_window([two_layer_gpkg])
    wait_idle(qtbot, win)
    layer = list(win.state.layers)[0]
    win.state.active_layer_id = layer.id
    assert win.style_panel.layer is layer
    before = layer.style
    _choose(qtbot, win.style_panel, win.style_panel.load_button, path)
    qtbot.waitUntil(lambda: len(_dialogs(win)) == 1, timeout=5_000)
    message = _dialogs(win)[0].text()
    assert str(path) in message and words in message and "\n" not in message
    assert _dialogs(win)[0].windowTitle() == "Style not loaded or saved"
    assert layer.style == before
    assert path.read_bytes() == content


def test_a_style_save_that_fails_says_so(open_window, qtbot, tmp_path, two_layer_gpkg, monkeypatch):
    target = tmp_path / "cities.json"
    target.write_text("{}")
    win = open_window([two_layer_gpkg])
    wait_idle(qtbot, win)
    win.state.active_layer_id = list(win.state.layers)[0].id

    def no_room(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", no_room)
    _choose(qtbot, win.style_panel, win.style_panel.save_button, target)
    qtbot.waitUntil(lambda: len(_dialogs(win)) == 1, timeout=5_000)
    monkeypatch.undo()
    assert "No space left on device" in _dialogs(win)[0].text()
    assert target.read_text() == "{}"
