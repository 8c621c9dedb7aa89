"""Coordinate frames in the window: a layer copied from Amap is drawn where it belongs, and the
map can be put in Amap's frame; the data file is never touched."""

from __future__ import annotations

import hashlib

import geopandas as gpd
import pytest
from PySide6.QtWidgets import QComboBox, QDialog
from shapely.geometry import Point

from hegang_map.util.chinese_coords import wgs84_from_gcj02
from pagetools import click_map, page_info, wait_idle

# Hegang station as Amap shows it (GCJ-02), and where that is in WGS 84 (about 500 m away).
AMAP = (130.2980, 47.3501)
WGS = tuple(float(v) for v in wgs84_from_gcj02(*AMAP))


@pytest.fixture
def station(tmp_path):
    path = tmp_path / "station.gpkg"
    gpd.GeoDataFrame({"name": ["鹤岗站"]}, geometry=[Point(*AMAP)], crs="EPSG:4326").to_file(path, layer="station")
    return path


def _selected_at(qtbot, win, lon, lat) -> bool:
    """Whether a click at (lon, lat) selects the station."""
    win.state.selection = None
    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: page_info(qtbot, win.map_view)["layers"][-1]["loaded"], timeout=10_000)
    click_map(qtbot, win.map_view, lat, lon)
    try:
        qtbot.waitUntil(lambda: win.state.selection is not None, timeout=1500)
    except qtbot.TimeoutError:
        return False
    return True


def test_a_layer_in_gcj02_is_drawn_where_it_is_and_the_map_can_take_amaps_frame(open_window, qtbot, station):
    before = hashlib.sha256(station.read_bytes()).digest()
    win = open_window([station])
    layer = win.state.layers[0]
    # Both places in view at zoom 15, clear of the legend at the lower left.
    win.map_view.call("setView", (AMAP[1] + WGS[1]) / 2 - 0.004, (AMAP[0] + WGS[0]) / 2 - 0.004, 15, False)
    qtbot.waitUntil(lambda: win.state.view.zoom == 15, timeout=10_000)
    # As read (taken for WGS 84): drawn at Amap's coordinates.
    assert _selected_at(qtbot, win, *AMAP) and not _selected_at(qtbot, win, *WGS)

    # Layer › Properties: the frame is GCJ-02; the station moves to where it is.
    win.state.active_layer_id = layer.id
    win.actions["properties"].trigger()
    dialog = next(d for d in win.findChildren(QDialog) if d.isVisible())
    combo = dialog.findChild(QComboBox, "layerFrame")
    combo.setCurrentIndex(combo.findData("gcj02"))
    assert layer.frame == "gcj02" and win.isWindowModified()
    dialog.close()
    assert _selected_at(qtbot, win, *WGS) and not _selected_at(qtbot, win, *AMAP)

    # View › Map Frame › GCJ-02 (for an Amap basemap): the whole map in Amap's frame, the station with it.
    win.actions["map_frame_gcj02"].trigger()
    assert win.state.frame == "gcj02" and win.actions["map_frame_gcj02"].isChecked()
    assert _selected_at(qtbot, win, *AMAP) and not _selected_at(qtbot, win, *WGS)
    assert hashlib.sha256(station.read_bytes()).digest() == before
