"""In the window: a project that refers to bad data files opens with its other
layers and one message per bad file; a dropped bad file gives the same
message as File › Open; a damaged .hgmap gives one clear message. Input
bytes never change."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QMessageBox

from pagetools import page_info, wait_idle

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from badfiles import CASES, tree_state  # noqa: E402
from test_bad_projects import BAD, bad_project  # noqa: E402

pytestmark = pytest.mark.timeout(120)


def _drop(win, path: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    win.dropEvent(event)


def _boxes(win, name):
    return [b for b in win.findChildren(QMessageBox) if b.objectName() == name and b.isVisible()]


def test_project_with_bad_files_opens_its_good_layers_with_one_message_per_bad_file(open_window, qtbot, tmp_path,
                                                                                     two_layer_gpkg):
    project, paths = bad_project(tmp_path, two_layer_gpkg)
    before = {n: tree_state(p) for n, p in paths.items()} | {"good": tree_state(two_layer_gpkg),
                                                             "project": tree_state(project)}
    win = open_window()
    with qtbot.waitSignal(win.projects.opened, timeout=30_000):
        win.projects.open_project(project)
    wait_idle(qtbot, win)
    assert sorted(lyr.name for lyr in win.state.layers) == ["areas", "cities"]
    counts = {lyr["name"]: lyr["features"] for lyr in page_info(qtbot, win.map_view)["layers"] if not lyr["basemap"]}
    assert counts == {"cities": 3, "areas": 2}
    present_bad = [n for n in BAD if n not in ("missing", "directory")]  # those two are "not there": locate
    assert len(win.errors) == len(present_bad), win.errors
    for name in present_bad:
        mine = [e for e in win.errors if f"“bad {name}”" in e]
        assert len(mine) == 1 and paths[name].name in mine[0] and "\n" not in mine[0]
        for part in CASES[name].message:
            assert part.lower() in mine[0].lower()
    assert len(_boxes(win, "errorDialog")) == len(present_bad)
    locate = _boxes(win, "locateDialog")
    assert len(locate) == 2 and all("Locate the file?" in b.text() for b in locate)
    assert {n: tree_state(p) for n, p in paths.items()} | {"good": tree_state(two_layer_gpkg),
                                                           "project": tree_state(project)} == before


@pytest.mark.parametrize("name", ["text_as_gpkg", "no_layers", "corrupted", "missing"])
def test_dropping_a_bad_file_gives_the_same_message_as_file_open(open_window, qtbot, tmp_path, two_layer_gpkg, name):
    win = open_window([two_layer_gpkg])
    path = CASES[name].build(tmp_path)
    before = tree_state(path)
    with qtbot.waitSignal(win.errorReported, timeout=10_000) as opened:
        win.open_paths([path], ask=True)  # what File › Open does with the chosen file
    with qtbot.waitSignal(win.errorReported, timeout=10_000) as dropped:
        _drop(win, path)
    assert dropped.args[0] == opened.args[0] and path.name in dropped.args[0]
    wait_idle(qtbot, win)
    assert sorted(lyr.name for lyr in win.state.layers) == ["areas", "cities"]
    assert tree_state(path) == before


@pytest.mark.parametrize("damage", ["truncated", "garbage", "binary"])
def test_damaged_project_file_gives_one_clear_message_by_menu_and_by_drop(open_window, qtbot, tmp_path,
                                                                          two_layer_gpkg, damage):
    project, _ = bad_project(tmp_path, two_layer_gpkg, cases=[])
    text = project.read_bytes()
    project.write_bytes({"truncated": text[: len(text) // 2], "garbage": b"not json {",
                         "binary": bytes(range(256))}[damage])
    before = tree_state(project)
    win = open_window([two_layer_gpkg])
    win.projects.set_dirty(False)
    with qtbot.waitSignal(win.errorReported, timeout=10_000) as menu:
        win.projects.open_project(project)
    with qtbot.waitSignal(win.errorReported, timeout=10_000) as dropped:
        _drop(win, project)  # a dropped .hgmap opens as a project
    message = menu.args[0]
    assert dropped.args[0] == message and project.name in message and "\n" not in message
    assert any(w in message.lower() for w in ("not a valid project", "cannot be read", "not a hegang-map"))
    assert sorted(lyr.name for lyr in win.state.layers) == ["areas", "cities"]  # the map is untouched
    assert tree_state(project) == before


def test_dropping_a_good_project_opens_it(open_window, qtbot, tmp_path, two_layer_gpkg):
    project, _ = bad_project(tmp_path, two_layer_gpkg, cases=[])
    win = open_window()
    with qtbot.waitSignal(win.projects.opened, timeout=30_000):
        _drop(win, project)
    wait_idle(qtbot, win)
    assert [lyr.name for lyr in win.state.layers] == ["cities", "areas"]
    assert win.projects.path == project and win.errors == []


@pytest.mark.parametrize("view", ['{"lat": NaN, "lon": 130, "zoom": 5}', '{"lat": 47, "lon": 130, "zoom": 1e300}',
                                  '{"lat": 47, "lon": Infinity, "zoom": 5}'])
def test_a_project_with_impossible_numbers_is_refused_and_the_window_keeps_working(open_window, qtbot, tmp_path,
                                                                                    two_layer_gpkg, view):
    project, _ = bad_project(tmp_path, two_layer_gpkg, cases=[])
    text = project.read_text(encoding="utf-8")
    doc_view = text[text.index('"view"'):]
    doc_view = doc_view[:doc_view.index("}") + 1]
    project.write_text(text.replace(doc_view, f'"view": {view}'), encoding="utf-8")
    win = open_window([two_layer_gpkg])
    wait_idle(qtbot, win)
    win.projects.set_dirty(False)
    names = [lyr.name for lyr in win.state.layers]
    with qtbot.waitSignal(win.errorReported, timeout=10_000) as refused:
        win.projects.open_project(project)
    assert "view." in refused.args[0] and "must be a number" in refused.args[0] and "\n" not in refused.args[0]
    # Nothing of it was opened, and the window still tracks changes (so none is lost on close).
    assert [lyr.name for lyr in win.state.layers] == names and not win.isWindowModified()
    win.state.layers[0].visible = not win.state.layers[0].visible
    qtbot.waitUntil(win.isWindowModified)
