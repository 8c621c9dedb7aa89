"""Scenes: JSON round trip, safe captions, applying a scene to the map, the evented list."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

from hegang_map.io.project import Project, from_dict, read_project, save_project, to_dict
from hegang_map.model import Layer, LayerSource, LayerStyle, MapState, View
from hegang_map.model.scene import (
    Highlight, Scene, SceneLayer, SceneList, apply_scene, caption_plain, sanitize_caption, view_extent,
)
from hegang_map.model.style import TimeSpec


def _state(tmp_path: Path) -> MapState:
    state = MapState()
    data = gpd.GeoDataFrame({"name_en": ["Hegang", "Hebi"], "year": [2019, 2020]},
                            geometry=[Point(130.3, 47.3), Point(114.3, 35.7)], crs="EPSG:4326")
    for name in ("a", "b"):
        style = LayerStyle(time=TimeSpec("year")) if name == "a" else LayerStyle()
        state.layers.append_top(Layer(data, name, LayerSource((tmp_path / "d.gpkg").resolve(), name), style=style))
    return state


def test_hostile_caption_keeps_only_safe_tags_and_text():
    dirty = ('<p onclick="x()">Price <b>2,285</b><script>alert(1)</script>'
             '<img src=x onerror=alert(2)><a href="javascript:bad()">link</a></p><style>p{}</style></i>')
    clean = sanitize_caption(dirty)
    assert clean == "<p>Price <b>2,285</b>link</p>"
    assert "script" not in clean and "onerror" not in clean and "href" not in clean


def test_plain_caption_becomes_escaped_paragraphs():
    clean = sanitize_caption("First & one\nline two\n\nSecond, no tags here")
    assert clean.startswith("<p>First &amp; one<br>line two</p>")
    assert caption_plain(sanitize_caption("a\n\nb")) == "a\n\nb"


def test_unclosed_tags_are_closed():
    assert sanitize_caption("<p><b>bold") == "<p><b>bold</b></p>"


def test_scene_round_trips_through_json(tmp_path):
    src = str((tmp_path / "data" / "d.gpkg").resolve())
    scene = Scene(title={"en": "One", "zh": "一"}, caption={"en": "<p>Hi</p>"}, view=View(47.3, 130.3, 9.5),
                  layers=(SceneLayer(src, "a", "a", LayerStyle(color="#ff0000"), 0.5),), period=2019,
                  highlights=(Highlight(src, "a", field="name_en", values=("Hegang",)),),
                  sources=("Essay 2025",))
    doc = json.loads(json.dumps(scene.to_dict(base=tmp_path)))
    assert doc["layers"][0]["source"] == "data/d.gpkg"
    assert doc["visible_layers"] == ["a"]
    again = Scene.from_dict(doc, base=tmp_path)
    assert again == scene
    assert again.title_in("zh") == "一" and again.caption_in("zh") == "<p>Hi</p>"  # falls back to English


def test_project_file_keeps_scene_paths_relative(tmp_path):
    data = tmp_path / "data" / "d.gpkg"
    scene = Scene(title={"en": "T"}, layers=(SceneLayer(str(data), "a", "a"),))
    project = Project(scenes=[scene.to_dict()])
    save_project(project, tmp_path / "story" / "s.hgmap") if (tmp_path / "story").mkdir() is None else None
    raw = json.loads((tmp_path / "story" / "s.hgmap").read_text())
    assert raw["scenes"][0]["layers"][0]["source"] == "../data/d.gpkg"
    back = read_project(tmp_path / "story" / "s.hgmap")
    assert Scene.from_dict(back.scenes[0]).layers[0].source == str(data)
    assert from_dict(to_dict(back, tmp_path), tmp_path).scenes[0]["layers"][0]["source"] == str(data)


def test_apply_scene_sets_visibility_style_period_view_and_reports_missing(tmp_path):
    state = _state(tmp_path)
    a = next(lyr for lyr in state.layers if lyr.name == "a")
    b = next(lyr for lyr in state.layers if lyr.name == "b")
    src = str(a.source.path)
    scene = Scene(view=View(40, 120, 6), period=2020,
                  layers=(SceneLayer(src, "a", "a", LayerStyle(color="#123456", time=TimeSpec("year")), 0.7),
                          SceneLayer(str(tmp_path / "gone.gpkg"), "x", "x")),
                  highlights=(Highlight(src, "a", field="name_en", values=("Hebi",)),))
    applied = apply_scene(scene, state)
    assert a.visible and not b.visible
    assert a.style.color == "#123456" and a.style.time.current == 2020 and a.opacity == 0.7
    assert state.view == View(40, 120, 6)
    assert [sl.name for sl in applied.missing] == ["x"]
    assert applied.highlights == [(a.id, [1])]


def test_snapshot_of_state_names_visible_layers_and_period(tmp_path):
    state = _state(tmp_path)
    a = next(lyr for lyr in state.layers if lyr.name == "a")
    a.style = a.style.with_period(2019)
    next(lyr for lyr in state.layers if lyr.name == "b").visible = False
    scene = Scene.from_state(state, title="Snap<\n>", caption="x")
    assert scene.visible_names == ["a"] and scene.period == 2019
    assert scene.title_in("en") == "Snap< >"


def test_scene_list_emits_before_and_after_pairs():
    scenes = SceneList()
    seen = []
    for name in scenes.events.names():
        getattr(scenes.events, name).connect(lambda i: seen.append(i.name))
    scenes.append(Scene(title={"en": "1"}))
    scenes.append(Scene(title={"en": "2"}))
    scenes.duplicate(0)
    scenes.move(0, 2)
    scenes.replace(0, scenes[0].with_text("en", title="renamed"))
    scenes.remove_at(1)
    assert [s.title_in("en") for s in scenes] == ["renamed", "1"]
    assert seen == ["inserting", "inserted"] * 3 + ["moving", "moved", "changed", "removing", "removed"]


def test_damaged_scenes_are_skipped_with_a_reason():
    scenes, problems = SceneList.from_dicts([{"title": "ok"}, "junk", {"view": {"lat": "x"}}])
    assert len(scenes) == 1 and len(problems) == 2


def test_view_extent_is_centred_on_the_view():
    w, s, e, n = view_extent(View(47.3, 130.3, 10))
    assert w < 130.3 < e and s < 47.3 < n
    assert e - w == pytest.approx(1600 / 256 / 2**10 * 360)


def test_a_scene_keeps_its_area_and_refuses_a_wrong_one():
    from hegang_map.model.scene import fit_view

    scene = Scene.from_dict({"title": "t", "view": {"lat": 47.3, "lon": 130.3, "zoom": 10},
                             "area": [130.1, 47.1, 130.4, 47.4]})
    assert scene.frame_area() == (130.1, 47.1, 130.4, 47.4)
    assert Scene.from_dict(scene.to_dict()).area == scene.area
    # No area: what the view showed on the screen scenes were written for.
    bare = Scene.from_dict({"title": "t", "view": {"lat": 47.3, "lon": 130.3, "zoom": 10}})
    assert bare.area is None and bare.frame_area() == view_extent(View(47.3, 130.3, 10), 1280, 720)
    for bad in ([130.4, 47.1, 130.1, 47.4], [130.1, 47.4, 130.4, 47.1], [1, 2, 3], [0, 0, 1, "x"], [0, -90, 1, 1]):
        with pytest.raises(ValueError, match="area"):
            Scene.from_dict({"title": "t", "area": bad})
    # Fitted: the area whole inside the room the padding leaves, at the largest quarter zoom.
    view = fit_view((73.5, 18.0, 135.1, 53.6), 1024, 417, (36, 12, 36, 12))
    w, s, e, n = view_extent(view, 1024 - 24, 417 - 72)
    assert w <= 73.5 and s <= 18.0 and e >= 135.1 and n >= 53.6
    tighter = view_extent(View(view.lat, view.lon, view.zoom + 0.25), 1024 - 24, 417 - 72)
    assert not (tighter[0] <= 73.5 and tighter[1] <= 18.0 and tighter[2] >= 135.1 and tighter[3] >= 53.6)
