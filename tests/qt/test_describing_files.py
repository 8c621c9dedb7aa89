"""Files are described (layers, feature counts) off the GUI thread: a file
that takes long to count never freezes the window, and files opened together
still come in the order given."""

from __future__ import annotations

import time

import pytest

from pagetools import wait_idle

pytestmark = pytest.mark.timeout(120)


def test_a_slow_file_does_not_freeze_the_window(open_window, qtbot, two_layer_gpkg, monkeypatch):
    import hegang_map.io as io

    real = io.list_layers

    def slow(path, *args, **kwargs):
        time.sleep(1.5)  # a large GeoJSON being counted
        return real(path, *args, **kwargs)

    monkeypatch.setattr(io, "list_layers", slow)
    win = open_window()
    started = time.monotonic()
    win.open_paths([two_layer_gpkg], ask=False)
    assert time.monotonic() - started < 0.5  # back to the event loop at once
    assert not win.is_idle() and not win.progress.isHidden()  # and it says it is busy
    ticks = []
    win.startTimer(50)
    win.timerEvent = lambda _e: ticks.append(time.monotonic())
    wait_idle(qtbot, win)
    assert len(ticks) >= 10  # the window kept handling events while the file was described
    assert sorted(lyr.name for lyr in win.state.layers) == ["areas", "cities"]


def test_files_opened_together_come_in_the_order_given(open_window, qtbot, tmp_path):
    import geopandas as gpd
    from shapely.geometry import Point

    paths = []
    for name in ("first", "second", "third"):
        paths.append(tmp_path / f"{name}.geojson")
        gpd.GeoDataFrame({"n": [name]}, geometry=[Point(130, 47)], crs=4326).to_file(paths[-1], driver="GeoJSON")
    win = open_window()
    win.open_paths(paths, ask=False)
    wait_idle(qtbot, win)
    # In the order chosen, the first on top, whichever was described first.
    assert [lyr.name for lyr in win.state.layers] == ["first", "second", "third"]
