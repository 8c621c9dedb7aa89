"""Crash recovery, for real: a separate app process autosaves, is killed with
SIGKILL, and a new window with the same config folder offers the copy;
accepting restores the layers (names, visibility, order).

The child runs the real window with the real autosave timer (interval
shortened by ``$HEGANG_MAP_AUTOSAVE_MS``) and writes the real recovery file;
after its layers load it makes the edits a user would (rename, hide, move),
through the model as the layer panel does. No sleeping: the parent polls the
recovery folder with a deadline.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
from PySide6.QtWidgets import QMessageBox
from shapely.geometry import Point, Polygon

from pagetools import page_info, shown_title, wait_idle

pytestmark = [pytest.mark.timeout(150), pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX only")]

CHILD = r"""
import sys
from pathlib import Path
from hegang_map.qt.app import create_app, install_excepthook
install_excepthook()
app = create_app()
from hegang_map.qt.main_window import MainWindow
win = MainWindow(files=[Path(p) for p in sys.argv[1:]], bundled=False)
win.resize(900, 600)
win.show()

def edit():
    layers = {l.name: l for l in win.state.layers}
    layers["towns"].name = "县城 towns <b>"
    layers["towns"].visible = False
    # towns (opened last, on top) goes to the bottom: order is zones, towns
    win.state.layers.move(win.state.layers.index(layers["towns"]), len(win.state.layers) - 1)
    print("edited", flush=True)

win.when_idle(edit)
app.exec()
"""


def _data(folder: Path) -> tuple[Path, Path]:
    zones = gpd.GeoDataFrame({"name": ["z1", "z2"]}, geometry=[
        Polygon([(130, 47), (130.3, 47), (130.3, 47.3), (130, 47.3)]),
        Polygon([(130.4, 47), (130.7, 47), (130.7, 47.3)])], crs="EPSG:4326")
    towns = gpd.GeoDataFrame({"name": ["t1", "t2", "t3"]},
                             geometry=[Point(130.1, 47.1), Point(130.2, 47.2), Point(130.5, 47.1)], crs="EPSG:4326")
    a, b = folder / "zones.gpkg", folder / "towns.gpkg"
    zones.to_file(a, layer="zones", driver="GPKG")
    towns.to_file(b, layer="towns", driver="GPKG")
    return a, b


def _edited_copy(folder: Path, proc: subprocess.Popen, log: Path) -> Path | None:
    """The child's recovery file once it holds the edited map (polled by the test, with a deadline)."""
    if proc.poll() is not None:
        raise AssertionError(f"the app exited early ({proc.returncode}): {log.read_text()}")
    for p in folder.glob("autosave-*.hgmap") if folder.is_dir() else []:
        try:
            doc = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # a file can vanish between glob and read
        if [(d["name"], d["visible"]) for d in doc["layers"]] == [("zones", True), ("县城 towns <b>", False)]:
            return p
    return None


def test_killed_app_is_offered_for_recovery_and_restore_brings_back_the_layers(
        tmp_path, monkeypatch, open_window, qtbot):
    config = tmp_path / "config"
    zones, towns = _data(tmp_path)
    hashes = {p: p.read_bytes() for p in (zones, towns)}
    env = dict(os.environ, HEGANG_MAP_CONFIG_DIR=str(config), HEGANG_MAP_AUTOSAVE_MS="300",
               QT_QPA_PLATFORM="offscreen")
    log = open(tmp_path / "child.log", "w+", encoding="utf-8")  # a file, so a full pipe never blocks the child
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(zones), str(towns)], env=env,
                            stdout=log, stderr=subprocess.STDOUT, text=True)
    found: list[Path] = []

    def edited_copy_written() -> bool:
        copy = _edited_copy(config / "recovery", proc, tmp_path / "child.log")
        if copy is not None:
            found.append(copy)
        return bool(found)

    try:
        try:
            qtbot.waitUntil(edited_copy_written, timeout=60_000)  # polls with a deadline
        except AssertionError:
            files = {p.name: p.read_text(encoding="utf-8") for p in (config / "recovery").glob("*")} \
                if (config / "recovery").is_dir() else {}
            raise AssertionError(f"no edited recovery copy; files: {files}; "
                                 f"app output: {(tmp_path / 'child.log').read_text()[-3000:]}") from None
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        log.close()
    assert proc.returncode == -signal.SIGKILL
    copy = found[0]
    assert copy.is_file()  # a crash leaves it (a clean close would have removed it)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["child.log", "config", "towns.gpkg", "zones.gpkg"]

    monkeypatch.setenv("HEGANG_MAP_CONFIG_DIR", str(config))
    win = open_window()  # a new start, nothing opened, same config folder
    qtbot.waitUntil(lambda: any(b.objectName() == "recoveryDialog" and b.isVisible()
                                for b in win.findChildren(QMessageBox)), timeout=10_000)
    box = next(b for b in win.findChildren(QMessageBox) if b.objectName() == "recoveryDialog")
    assert "did not close normally" in box.text() and "县城 towns <b>" in box.text()
    with qtbot.waitSignal(win.autosave.restored, timeout=30_000):
        box.restore_button.click()
    wait_idle(qtbot, win)
    assert [(lyr.name, lyr.visible) for lyr in win.state.layers] == [("zones", True), ("县城 towns <b>", False)]
    shown = {lyr["name"]: lyr for lyr in page_info(qtbot, win.map_view)["layers"] if not lyr["basemap"]}
    assert shown["zones"]["features"] == 2 and shown["zones"]["visible"]
    assert not shown["县城 towns <b>"]["visible"]
    assert win.projects.dirty and shown_title(win).startswith("Untitled*")
    assert not copy.exists()  # the old copy is gone once this window holds its own
    assert win.autosave.path.is_file()
    assert {p: p.read_bytes() for p in (zones, towns)} == hashes
