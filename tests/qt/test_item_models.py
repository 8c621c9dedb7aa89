"""The layer list and scene list models on their own: no window, no web engine.

Qt's QAbstractItemModelTester checks every signal and index the models emit
while the model lists change under them, as the panels see them.
"""

from __future__ import annotations

import geopandas as gpd
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from shapely.geometry import Point

from hegang_map.model import Layer, LayerList
from hegang_map.model.scene import Scene, SceneList
from hegang_map.qt.layer_model import LayerListModel, LayerRole
from hegang_map.qt.scenes_panel import SceneListModel

CHECK = Qt.ItemDataRole.CheckStateRole


def _layer(name: str) -> Layer:
    return Layer(gpd.GeoDataFrame({"v": [1]}, geometry=[Point(130, 47)], crs=4326), name)


def _names(model) -> list[str]:
    return [model.index(r).data() for r in range(model.rowCount())]


def _tested(items, model_class):
    """``(items, model)`` with Qt's tester on the model: it aborts the run at the first promise the model breaks."""
    model = model_class(items)
    model.tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    return items, model


@pytest.fixture
def layers(qapp):
    return _tested(LayerList(), LayerListModel)


def test_the_layer_model_follows_inserts_moves_and_removals(layers):
    lst, model = layers
    for name in ("roads", "districts", "prices"):
        lst.append_top(_layer(name))
    assert _names(model) == ["prices", "districts", "roads"]  # the top layer first
    lst.move(2, 0)
    assert _names(model) == ["roads", "prices", "districts"]
    lst.remove(lst[1])
    assert _names(model) == ["roads", "districts"]
    lst.clear()
    assert model.rowCount() == 0


def test_editing_a_row_changes_the_layer_and_the_layer_changes_the_row(layers, qtbot):
    lst, model = layers
    lst.append_top(_layer("prices"))
    layer, index = lst[0], model.index(0)
    assert model.setData(index, "房价", Qt.ItemDataRole.EditRole) and layer.name == "房价"
    assert not model.setData(index, "   ", Qt.ItemDataRole.EditRole) and layer.name == "房价"
    assert model.setData(index, Qt.CheckState.Unchecked.value, CHECK) and not layer.visible
    with qtbot.waitSignal(model.dataChanged):
        layer.visible = True
    assert index.data(CHECK) == Qt.CheckState.Checked
    assert index.data(LayerRole) is layer
    assert "1 features" in index.data(Qt.ItemDataRole.ToolTipRole)


def test_dropping_a_row_moves_the_layer(layers):
    lst, model = layers
    for name in ("a", "b", "c"):
        lst.append_top(_layer(name))
    mime = model.mimeData([model.index(0)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 3, 0, QModelIndex()) is False
    assert _names(model) == ["b", "a", "c"] and [lyr.name for lyr in lst] == ["b", "a", "c"]
    # A drop of something else does nothing.
    foreign = model.mimeData([model.index(0)])
    foreign.setData("application/x-hegang-map-scene-row", foreign.data(model.drag_mime))
    foreign.removeFormat(model.drag_mime)
    model.dropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert _names(model) == ["b", "a", "c"]


@pytest.fixture
def scenes(qapp):
    return _tested(SceneList(), SceneListModel)


def _scene(en: str, zh: str) -> Scene:
    return Scene(title={"en": en, "zh": zh}, caption={"en": "<p>x</p>", "zh": "<p>x</p>"})


def test_the_scene_model_shows_titles_in_the_chosen_language(scenes):
    lst, model = scenes
    lst.append(_scene("Prices", "房价"))
    lst.append(_scene("Hegang", "鹤岗"))
    assert _names(model) == ["Prices", "Hegang"]
    model.set_language("zh")
    assert _names(model) == ["房价", "鹤岗"]
    lst.move(1, 0)
    assert _names(model) == ["鹤岗", "房价"]
    lst.remove_at(0)
    assert _names(model) == ["房价"]


def test_renaming_a_scene_writes_the_title_in_the_shown_language_only(scenes):
    lst, model = scenes
    lst.append(_scene("Prices", "房价"))
    model.set_language("zh")
    assert model.setData(model.index(0), "全国房价", Qt.ItemDataRole.EditRole)
    assert lst[0].title == {"en": "Prices", "zh": "全国房价"}
    assert not model.setData(model.index(0), "", Qt.ItemDataRole.EditRole)
