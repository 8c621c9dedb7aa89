"""A layer too large for the free memory, opened in the window: one message,
and the window keeps running with the layers it had."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from PySide6.QtWidgets import QMessageBox

from hegang_map.io import memory
from pagetools import page_info, wait_idle

pytestmark = pytest.mark.timeout(120)


def test_a_layer_too_large_for_memory_is_refused_and_the_others_stay(open_window, two_layer_gpkg, qtbot, tmp_path,
                                                                   monkeypatch):
    win = open_window([two_layer_gpkg])
    x = np.arange(300, dtype=float)
    big = tmp_path / "parcels.gpkg"
    gpd.GeoDataFrame({"n": np.arange(300)}, geometry=shapely.box(x, 0, x + 0.5, 0.5), crs="EPSG:4326").to_file(big)
    # As a machine with 10 kB free reports it; every layer weighed.
    monkeypatch.setattr(memory, "WEIGH_FROM", 1)
    monkeypatch.setattr(memory, "available_bytes", lambda: 10_000)
    with qtbot.waitSignal(win.errorReported, timeout=30_000) as blocker:
        win.open_paths([big], ask=False)
    message = blocker.args[0]
    assert "parcels.gpkg" in message and "300 features" in message and "memory" in message
    boxes = [b for b in win.findChildren(QMessageBox) if b.objectName() == "errorDialog"]
    assert boxes and boxes[-1].text() == message and boxes[-1].isVisible()
    wait_idle(qtbot, win)
    assert sorted(lyr.name for lyr in win.state.layers) == ["areas", "cities"]
    drawn = {lyr["name"]: lyr["features"] for lyr in page_info(qtbot, win.map_view)["layers"] if not lyr["basemap"]}
    assert drawn == {"cities": 3, "areas": 2}
