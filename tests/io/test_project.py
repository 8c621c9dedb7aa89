"""Project files: round trip, atomic save, versions, moved data."""

from __future__ import annotations

import json
import os

import geopandas as gpd
import pytest
from shapely.geometry import Point

from hegang_map.io import DataError
from hegang_map.io import project as proj
from hegang_map.io.project import FORMAT_VERSION, build_state, read_project, save_project
from hegang_map.model import Layer, LayerSource, LayerStyle, MapState, View
from hegang_map.model.style import LabelSpec


@pytest.fixture
def gpkg(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / "places.gpkg"
    frame = gpd.GeoDataFrame(
        {"name_zh": ["鹤岗市", "北京市"], "price": [2285.0, 63000.0]},
        geometry=[Point(130.3, 47.35), Point(116.4, 39.9)], crs=4326,
    )
    frame.to_file(path, layer="cities")
    frame.iloc[:1].to_file(path, layer="hegang")
    return path


def _state(gpkg) -> MapState:
    state = MapState()
    for name, style in (
        ("cities", LayerStyle(color="#440154", renderer="graduated", field="price", k=2, scheme="equal_interval",
                              label=LabelSpec("name_zh"), filter=(("name_zh", ("鹤岗市", "北京市")),))),
        ("hegang", LayerStyle(color="#d95f02", marker="square", point_size=7.0)),
    ):
        state.layers.append_top(Layer(gpd.read_file(gpkg, layer=name), name.title(),
                                      LayerSource(gpkg, name), style=style))
    state.layers[1].visible = False
    state.layers[0].opacity = 0.5
    state.layers[0].frame = "gcj02"  # copied from Amap
    state.frame = "bd09"  # drawn over a Baidu basemap
    state.view = View(47.3, 130.3, 9.0)
    state.basemap = "natural_earth"
    return state


def _summary(state: MapState):
    return (
        [(lyr.name, lyr.source.layer_name, lyr.source.path.resolve(), lyr.style, lyr.visible, lyr.opacity, len(lyr.data),
          lyr.frame) for lyr in state.layers],
        state.view, state.basemap, state.frame,
    )


def test_project_round_trips_to_the_same_state(tmp_path, gpkg):
    state = _state(gpkg)
    path = tmp_path / "maps" / "hegang.hgmap"
    path.parent.mkdir()
    save_project(state, path, title="Hegang")
    project = read_project(path)
    again, missing = build_state(project)
    assert missing == []
    assert _summary(again) == _summary(state)
    assert project.title == "Hegang"


def test_a_coordinate_frame_that_is_not_one_is_refused_naming_its_field(tmp_path, gpkg):
    path = tmp_path / "hegang.hgmap"
    save_project(_state(gpkg), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["layers"][1]["frame"] = "mars"
    path.write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(DataError, match=r"layers\[1\]\.frame must be one of wgs84, gcj02, bd09, not 'mars'"):
        read_project(path)


def test_project_file_is_readable_json_with_relative_paths(tmp_path, gpkg):
    path = tmp_path / "hegang.hgmap"
    save_project(_state(gpkg), path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format_version"] == FORMAT_VERSION
    assert [lyr["source"] for lyr in doc["layers"]] == ["data/places.gpkg", "data/places.gpkg"]
    assert [lyr["order"] for lyr in doc["layers"]] == [0, 1]
    assert doc["layers"][1]["filter"] == {"name_zh": ["鹤岗市", "北京市"]}
    assert "鹤岗市" in path.read_text(encoding="utf-8")  # human-readable, not \\u escapes
    assert doc["scenes"] == []


def test_moving_project_and_data_together_keeps_it_working(tmp_path, gpkg):
    path = tmp_path / "hegang.hgmap"
    save_project(_state(gpkg), path)
    moved = tmp_path.parent / (tmp_path.name + "-moved")
    os.rename(tmp_path, moved)
    try:
        _state2, missing = build_state(read_project(moved / "hegang.hgmap"))
        assert missing == []
    finally:
        os.rename(moved, tmp_path)


def test_failed_temp_write_leaves_the_old_project_intact(tmp_path, gpkg, monkeypatch):
    path = tmp_path / "hegang.hgmap"
    save_project(_state(gpkg), path, title="old")
    before = path.read_bytes()

    def broken_fsync(_fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(proj.os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        save_project(_state(gpkg), path, title="new")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "hegang.hgmap"]  # no temp file left


def test_newer_format_version_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "future.hgmap"
    path.write_text(json.dumps({"format": proj.FORMAT, "format_version": FORMAT_VERSION + 1, "layers": []}))
    with pytest.raises(DataError, match="newer hegang-map"):
        read_project(path)


@pytest.mark.parametrize("text", ["{not json", "[]", '{"format": "something else"}'])
def test_files_that_are_not_projects_raise_data_error(tmp_path, text):
    path = tmp_path / "bad.hgmap"
    path.write_text(text)
    with pytest.raises(DataError):
        read_project(path)


def test_missing_data_file_is_reported_not_fatal(tmp_path, gpkg):
    path = tmp_path / "hegang.hgmap"
    save_project(_state(gpkg), path)
    gpkg.rename(gpkg.with_name("elsewhere.gpkg"))
    project = read_project(path)
    assert [e.stored_path for e in project.missing] == ["data/places.gpkg", "data/places.gpkg"]
    state, missing = build_state(project)
    assert len(state.layers) == 0 and len(missing) == 2


def test_a_title_in_two_languages_is_kept_and_given_in_each(tmp_path):
    path = tmp_path / "two.hgmap"
    path.write_text(json.dumps({"format": "hegang-map-project", "format_version": 1,
                                "title": {"en": "Hegang", "zh": "鹤岗"}, "layers": []}), encoding="utf-8")
    project = read_project(path)
    assert (project.title, project.title_in("zh"), project.title_in("en"), project.title_in("fr")) == \
        ("Hegang", "鹤岗", "Hegang", "Hegang")
    save_project(project, path)
    assert json.loads(path.read_text(encoding="utf-8"))["title"] == {"en": "Hegang", "zh": "鹤岗"}


def test_a_title_that_is_neither_text_nor_texts_by_language_is_named(tmp_path):
    path = tmp_path / "odd.hgmap"
    path.write_text(json.dumps({"format": "hegang-map-project", "format_version": 1, "title": ["Hegang"],
                                "layers": []}), encoding="utf-8")
    with pytest.raises(DataError, match="title must be a text"):
        read_project(path)
