"""File > projects in the window: title with *, save, open, unsaved-changes question, export."""

from __future__ import annotations

import json

import geopandas as gpd
import pytest
from PySide6.QtWidgets import QMessageBox
from shapely.geometry import Point

from pagetools import shown_title


@pytest.fixture
def gpkg(tmp_path):
    path = tmp_path / "places.gpkg"
    gpd.GeoDataFrame({"name_zh": ["鹤岗市"], "price": [2285.0]}, geometry=[Point(130.3, 47.35)], crs=4326).to_file(
        path, layer="cities")
    return path


def test_title_shows_unsaved_changes_and_save_clears_them(open_window, gpkg, tmp_path, qtbot):
    win = open_window([gpkg])
    pa = win.projects
    qtbot.waitUntil(lambda: not pa.dirty)
    assert shown_title(win) == "Untitled — hegang-map"
    win.state.layers[0].opacity = 0.4
    assert shown_title(win) == "Untitled* — hegang-map"
    target = tmp_path / "hegang.hgmap"
    with qtbot.waitSignal(pa.saved):
        assert pa.save_to(target)
    assert shown_title(win) == "hegang — hegang-map"
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert doc["layers"][0]["opacity"] == 0.4 and doc["layers"][0]["source"] == "places.gpkg"


def test_opening_a_project_restores_layers_and_styles(open_window, gpkg, tmp_path, qtbot):
    from hegang_map.io.project import save_project
    from hegang_map.model import Layer, LayerSource, LayerStyle, MapState

    state = MapState()
    style = LayerStyle(color="#e7298a", marker="diamond", point_size=9.0)
    state.layers.append_top(Layer(gpd.read_file(gpkg), "Hegang city", LayerSource(gpkg, "cities"), style=style,
                                  opacity=0.7))
    save_project(state, tmp_path / "p.hgmap")

    win = open_window()
    with qtbot.waitSignal(win.projects.opened, timeout=60_000):
        win.projects.open_project(tmp_path / "p.hgmap")
    (layer,) = list(win.state.layers)
    assert (layer.name, layer.style, layer.opacity) == ("Hegang city", style, 0.7)
    assert not win.projects.dirty and shown_title(win) == "p — hegang-map"


def test_saving_a_project_whose_files_are_missing_keeps_every_layer_its_titles_and_scenes(open_window, gpkg,
                                                                                          tmp_path, qtbot):
    """A story copied without its data folder, opened and saved (or closed with Save), loses nothing."""
    project = tmp_path / "story.hgmap"
    doc = {"format": "hegang-map-project", "format_version": 1,
           "title": {"en": "Hegang on the financial periphery", "zh": "金融边缘上的鹤岗"},
           "view": {"lat": 47.3, "lon": 130.3, "zoom": 9.0}, "basemap": "natural_earth",
           "layers": [{"source": "places.gpkg", "layer": "cities", "name": "Cities", "visible": True,
                       "opacity": 1.0, "order": 0},
                      {"source": "../geodata/city_prices.gpkg", "layer": "price_annual", "name": "Prices",
                       "visible": True, "opacity": 1.0, "order": 1}],
           "scenes": [{"title": "One", "caption": "", "view": {"lat": 47.3, "lon": 130.3, "zoom": 9.0},
                       "layers": [{"source": "../geodata/city_prices.gpkg", "layer": "price_annual"}]}]}
    project.write_text(json.dumps(doc), encoding="utf-8")
    win = open_window()
    with qtbot.waitSignal(win.projects.opened, timeout=60_000):
        win.projects.open_project(project)
    for box in win.findChildren(QMessageBox):
        box.close()  # "Locate the file?" - not now
    assert [lyr.name for lyr in win.state.layers] == ["Cities"]
    assert not win.projects.dirty  # nothing was changed: closing asks nothing
    assert shown_title(win) == "Hegang on the financial periphery — hegang-map"  # its title, not its file's name
    win.state.layers[0].opacity = 0.5
    with qtbot.waitSignal(win.projects.saved):
        assert win.projects.save()
    again = json.loads(project.read_text(encoding="utf-8"))
    assert again["title"] == doc["title"]
    assert sorted(e["source"] for e in again["layers"]) == ["../geodata/city_prices.gpkg", "places.gpkg"]
    assert len(again["scenes"]) == 1
    assert next(e for e in again["layers"] if e["source"] == "places.gpkg")["opacity"] == 0.5


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(open_window, gpkg, qtbot):
    win = open_window([gpkg])
    qtbot.waitUntil(lambda: not win.projects.dirty)
    win.state.layers[0].visible = False
    win.close()
    box = win.projects.unsaved_dialog
    qtbot.waitUntil(box.isVisible)
    assert win.isVisible()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert win.isVisible()
    win.close()
    win.projects.unsaved_dialog.button(QMessageBox.StandardButton.Discard).click()
    qtbot.waitUntil(lambda: not win.isVisible())


def test_newer_project_is_refused_with_a_message(open_window, tmp_path, qtbot):
    path = tmp_path / "future.hgmap"
    path.write_text(json.dumps({"format": "hegang-map-project", "format_version": 99, "layers": []}))
    win = open_window()
    with qtbot.waitSignal(win.errorReported) as sig:
        win.projects.open_project(path)
    assert "newer hegang-map" in sig.args[0]


def test_export_action_writes_figure_and_sidecar_off_the_gui_thread(open_window, gpkg, tmp_path, qtbot):
    win = open_window([gpkg])
    out = tmp_path / "fig.png"
    with qtbot.waitSignal(win.projects.exported, timeout=60_000):
        win.projects.export_to(out, size="1920x1080px", dpi=144)
    assert out.read_bytes()[:4] == b"\x89PNG"
    assert json.loads((tmp_path / "fig.png.json").read_text(encoding="utf-8"))["output"]["pixels"] == [1920, 1080]
