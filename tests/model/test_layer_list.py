"""The layer list's events: before/after pairs that a Qt model can follow."""

import geopandas as gpd
from shapely.geometry import Point

from hegang_map.model import Layer, LayerList, MapState, Selection


def _layer(name):
    return Layer(gpd.GeoDataFrame({"a": [1]}, geometry=[Point(0, 0)], crs=4326), name)


def test_insert_move_remove_emit_pairs_in_order():
    layers, seen = LayerList(), []
    for name in ("inserting", "inserted", "moving", "moved", "removing", "removed"):
        getattr(layers.events, name).connect(lambda i, n=name: seen.append(n))
    a, b = _layer("a"), _layer("b")
    layers.append_top(a)
    layers.append_top(b)
    layers.move(0, 1)
    assert [lyr.name for lyr in layers] == ["a", "b"]
    assert [lyr.name for lyr in layers.draw_order()] == ["b", "a"]
    layers.remove(a)
    assert seen == ["inserting", "inserted"] * 2 + ["moving", "moved", "removing", "removed"]


def test_each_property_has_its_own_event_and_only_fires_on_change():
    layer, seen = _layer("x"), []
    layer.events.visible.connect(lambda i: seen.append(("visible", i.value)))
    layer.events.opacity.connect(lambda i: seen.append(("opacity", i.value)))
    layer.visible = True  # unchanged: no event
    layer.visible = False
    layer.opacity = 3  # clamped to 1.0, which it already is: no event
    layer.opacity = 0.25
    assert seen == [("visible", False), ("opacity", 0.25)]


def test_removing_selected_layer_clears_selection():
    state = MapState()
    layer = _layer("x")
    state.layers.append_top(layer)
    state.selection = Selection(layer.id, 0)
    state.layers.remove(layer)
    assert state.selection is None
