"""File › Open with a text encoding chosen, for a Shapefile that does not say its own."""

from __future__ import annotations

import warnings

import geopandas as gpd
import pyogrio
from PySide6.QtWidgets import QComboBox, QFileDialog
from shapely.geometry import Point

from pagetools import wait_idle


def test_a_big5_shapefile_opens_right_when_its_encoding_is_chosen(open_window, qtbot, tmp_path):
    from hegang_map.qt.properties_dialog import layer_properties

    path = tmp_path / "hk.shp"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pyogrio.write_dataframe(gpd.GeoDataFrame({"名稱": ["鶴崗站", "興山區"]}, geometry=[Point(130.3, 47.35),
                                Point(130.31, 47.36)], crs=4326), path, encoding="Big5")
    path.with_suffix(".cpg").unlink()
    win = open_window([])
    win.actions["open"].trigger()
    dialog = next(d for d in win.findChildren(QFileDialog) if d.objectName() == "openDialog" and d.isVisible())
    combo = dialog.findChild(QComboBox, "openEncoding")
    assert combo.isVisible() and combo.currentData() is None  # automatic unless chosen
    combo.setCurrentIndex(combo.findData("Big5"))
    dialog.setDirectory(str(tmp_path))
    dialog.selectFile(str(path))
    dialog.accept()
    qtbot.waitUntil(lambda: len(win.state.layers) == 1, timeout=20_000)
    wait_idle(qtbot, win)
    layer = win.state.layers[0]
    assert list(layer.data["名稱"]) == ["鶴崗站", "興山區"]
    assert dict(layer_properties(layer))["Text encoding"] == "BIG5 (chosen when opened)"
