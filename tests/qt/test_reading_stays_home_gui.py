"""In the window, files that would make GDAL reach out: opened by File › Open
and through a project, each refused one is reported, the rest load, and a
loopback listener hears nothing (the page's own guard is tested elsewhere)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pagetools import wait_idle

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
from hostile_gdal import CASES, Listener, folder_state  # noqa: E402

from hegang_map.io.project import LayerEntry, Project, save_project  # noqa: E402
from hegang_map.model.style import LayerStyle  # noqa: E402

pytestmark = pytest.mark.timeout(120)


@pytest.fixture
def hostile(tmp_path):
    listener = Listener()
    paths = {}
    for case in CASES.values():
        folder = tmp_path / case.name
        folder.mkdir()
        paths[case.name] = case.build(folder, listener.url)
    yield listener, paths
    listener.close()


def _check(win, listener, paths, before, label=None):
    label = label or (lambda name: paths[name].name)
    refused = [n for n, c in CASES.items() if c.refused]
    assert len(win.errors) == len(refused), win.errors
    for name in refused:
        assert sum(label(name) in e for e in win.errors) == 1, (name, win.errors)
    assert listener.heard == []
    assert {n: folder_state(p.parent) for n, p in paths.items()} == before


def test_open_files_refuses_each_hostile_one_without_a_request(open_window, qtbot, hostile):
    listener, paths = hostile
    before = {n: folder_state(p.parent) for n, p in paths.items()}
    win = open_window()
    win.open_paths(list(paths.values()), ask=False)
    qtbot.waitUntil(lambda: len(win.errors) == sum(1 for c in CASES.values() if c.refused), timeout=60_000)
    wait_idle(qtbot, win)
    _check(win, listener, paths, before)
    loaded = {Path(lyr.source.path).parent.name for lyr in win.state.layers}
    assert loaded == {n for n, c in CASES.items() if not c.refused}


def test_a_project_of_hostile_files_opens_the_rest_without_a_request(open_window, qtbot, hostile, tmp_path):
    listener, paths = hostile
    layer = {"gpkg_view": "ok", "wal_gpkg": "ok"}
    entries = [LayerEntry(p, layer.get(n, p.stem), f"hostile {n}", LayerStyle()) for n, p in paths.items()]
    project = save_project(Project(entries), tmp_path / "hostile.hgmap")
    before = {n: folder_state(p.parent) for n, p in paths.items()}
    win = open_window()
    with qtbot.waitSignal(win.projects.opened, timeout=60_000):
        win.projects.open_project(project.path)
    wait_idle(qtbot, win)
    _check(win, listener, paths, before, label=lambda name: f"hostile {name}")
