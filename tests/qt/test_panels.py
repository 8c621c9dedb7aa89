"""Opening, dragging, hovering and the basemap, as a user does them."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from pagetools import hover_map, page_info, wait_idle


def test_multi_layer_file_offers_a_checklist_and_opens_the_checked_layers(open_window, qtbot, two_layer_gpkg):
    from hegang_map.qt.open_dialog import LayerChoiceDialog

    win = open_window(None)
    win.open_paths([two_layer_gpkg], ask=True)
    qtbot.waitUntil(lambda: win.findChild(LayerChoiceDialog) is not None)  # once the file is described
    dialog = win.findChild(LayerChoiceDialog)
    assert dialog.isVisible()
    rows = [[dialog.tree.topLevelItem(i).text(c) for c in range(4)] for i in range(dialog.tree.topLevelItemCount())]
    assert sorted(r[:3] for r in rows) == [["areas", "Polygon", "2"], ["cities", "Point", "3"]]
    assert all("4326" in r[3] or "WGS" in r[3] for r in rows)
    areas = next(i for i in range(len(rows)) if rows[i][0] == "areas")
    dialog.tree.topLevelItem(areas).setCheckState(0, Qt.CheckState.Unchecked)
    dialog.accept()
    qtbot.waitUntil(lambda: len(win.state.layers) == 1)
    wait_idle(qtbot, win)
    assert [lyr.name for lyr in win.state.layers] == ["cities"]


def test_dropping_a_file_on_the_window_opens_it(open_window, qtbot, tmp_path):
    path = tmp_path / "one.geojson"
    gpd.GeoDataFrame({"name": ["x"]}, geometry=gpd.points_from_xy([120.0], [30.0]), crs=4326).to_file(path)
    win = open_window(None)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    win.dropEvent(event)  # what Qt calls when the user releases a dragged file
    qtbot.waitUntil(lambda: len(win.state.layers) == 1)
    wait_idle(qtbot, win)
    assert page_info(qtbot, win.map_view)["layers"][-1]["features"] == 1


def test_dragging_a_row_in_the_layer_panel_reorders_the_map(open_window, qtbot, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    model = win.layer_panel.model
    top, bottom = win.state.layers[0], win.state.layers[1]
    mime = model.mimeData([model.index(0)])
    # Dropping the top row below the last one, as the list view does after a drag.
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 2, 0, model.index(-1))
    assert [lyr.id for lyr in win.state.layers] == [bottom.id, top.id]
    qtbot.waitUntil(lambda: [i for i in page_info(qtbot, win.map_view)["order"] if not i.startswith("basemap")]
                    == [top.id, bottom.id])


def test_hovering_a_feature_shows_its_name(open_window, qtbot, js, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    hover_map(qtbot, win.map_view, 42.0156, 121.6589)
    qtbot.waitUntil(lambda: js(win.map_view, "document.querySelector('.hg-tooltip') ? "
                                             "document.querySelector('.hg-tooltip').style.display : ''") == "block")
    assert js(win.map_view, "document.querySelector('.hg-tooltip').textContent") == "Fuxin"


def test_basemap_switcher_turns_the_bundled_basemap_off_and_on(open_window, qtbot):
    win = open_window(None)
    assert any(lyr["basemap"] for lyr in page_info(qtbot, win.map_view)["layers"])
    win.actions["basemap_none"].trigger()
    qtbot.waitUntil(lambda: not any(lyr["basemap"] for lyr in page_info(qtbot, win.map_view)["layers"]))
    assert win.actions["basemap_none"].isChecked() and not win.actions["basemap_natural_earth"].isChecked()
    win.actions["basemap_natural_earth"].trigger()
    qtbot.waitUntil(lambda: any(lyr["basemap"] for lyr in page_info(qtbot, win.map_view)["layers"]))
    assert win.map_view.load_count == 1


def test_attribute_table_over_100k_rows_sorts_and_filters(qtbot, qapp):
    from hegang_map.model import Layer
    from hegang_map.qt.attribute_table import AttributeTableModel

    n = 100_000
    rng = np.random.default_rng(7)
    data = gpd.GeoDataFrame(
        {"price": rng.integers(1000, 90000, n), "name": [f"city {i}" for i in range(n)]},
        geometry=gpd.points_from_xy(rng.uniform(100, 130, n), rng.uniform(20, 50, n)), crs=4326)
    model = AttributeTableModel(Layer(data, "big"))
    assert model.rowCount() == n
    model.sort(0, Qt.SortOrder.AscendingOrder)
    shown = [int(model.index(r, 0).data()) for r in range(50)]
    assert shown == sorted(data["price"])[:50]
    model.set_filter("city 9999")
    assert {model.index(r, 1).data() for r in range(model.rowCount())} == {"city 9999"} | {
        f"city 9999{d}" for d in range(10)}
