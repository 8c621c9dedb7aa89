"""Numbers are checked where they enter: a project, story, style or sidecar
with NaN, Infinity, a zoom of 1e300, a string for a number or a colour that
is not one is refused in one line naming the field; nothing half-opens."""

from __future__ import annotations

import json
import re

import pytest

from hegang_map.io import DataError
from hegang_map.io.project import read_project
from hegang_map.io.styles import load_style
from hegang_map.model.scene import SceneList

GOOD_VIEW = {"lat": 47.3, "lon": 130.3, "zoom": 9}


def _project(tmp_path, text: str):
    path = tmp_path / "p.hgmap"
    path.write_text(text, encoding="utf-8")
    return path


def _doc(layer=None, view=None) -> dict:
    doc = {"format": "hegang-map-project", "format_version": 1, "view": view or GOOD_VIEW, "layers": []}
    if layer is not None:
        doc["layers"] = [{"source": "x.gpkg", "layer": "a", "name": "a", **layer}]
    return doc


BAD_PROJECTS = {
    "view.lat": ('{"format": "hegang-map-project", "format_version": 1, "layers": [],'
                 ' "view": {"lat": NaN, "lon": 130, "zoom": 5}}'),
    "view.zoom": json.dumps(_doc(view={"lat": 47, "lon": 130, "zoom": 1e300})),
    "view.lon": ('{"format": "hegang-map-project", "format_version": 1, "layers": [],'
                 ' "view": {"lat": 47, "lon": -Infinity, "zoom": 5}}'),
    "view.zoom ": json.dumps(_doc(view={"lat": 47, "lon": 130, "zoom": "5"})),
    "layers[0].opacity": json.dumps(_doc({"opacity": 5})),
    "layers[0].visible": json.dumps(_doc({"visible": "no"})),
    "layers[0].style.stroke_width": json.dumps(_doc({"style": {"stroke_width": 1e308}})),
    "layers[0].style.point_size": json.dumps(_doc({"style": {"point_size": -3}})),
    "layers[0].style.fill_opacity": json.dumps(_doc({"style": {"fill_opacity": 2}})),
    "layers[0].style.k": json.dumps(_doc({"style": {"k": 100000}})),
    "layers[0].style.breaks[1]": ('{"format": "hegang-map-project", "format_version": 1, "view": {"lat": 47, '
                                  '"lon": 130, "zoom": 5}, "layers": [{"source": "x.gpkg", "layer": "a", '
                                  '"style": {"breaks": [1, NaN]}}]}'),
    "layers[0].style.color": json.dumps(_doc({"style": {"color": "red; background:url(http://x)"}})),
    "layers[0].style.dash": json.dumps(_doc({"style": {"dash": [1] * 100}})),
    "layers[0].style.size_range": json.dumps(_doc({"style": {"size_range": [1, 2, 3]}})),
    "layers[0].style.label.size": json.dumps(_doc({"style": {"label": {"field": "name", "size": 1e9}}})),
    "layers[0].style.scheme": json.dumps(_doc({"style": {"scheme": "__class__"}})),
    # Values of the wrong type, which Python's own errors used to describe.
    "layers[0].style.field": json.dumps(_doc({"style": {"field": {"a": 1}}})),
    "layers[0].style.ramp": json.dumps(_doc({"style": {"ramp": ["viridis"]}})),
    "layers[0].style.note": json.dumps(_doc({"style": {"note": 12345}})),
    "layers[0].style.title": json.dumps(_doc({"style": {"title": ["x"]}})),
    "layers[0].style.label": json.dumps(_doc({"style": {"label": "name"}})),
    "layers[0].style.time": json.dumps(_doc({"style": {"time": "year"}})),
    "layers[0].style.time.field": json.dumps(_doc({"style": {"time": {"field": [1]}}})),
    "layers[0].style.time.current": json.dumps(_doc({"style": {"time": {"field": "year", "current": float("inf")}}})),
    "layers[0].style.time.current ": json.dumps(_doc({"style": {"time": {"field": "year", "current": {"y": 1}}}})),
    "layers[0].style.time.fixed_breaks": json.dumps(_doc({"style": {"time": {"field": "year",
                                                                                "fixed_breaks": "yes"}}})),
    "layers[0].style.categories[0]": json.dumps(_doc({"style": {"categories": [{"color": "#ff0000"}]}})),
    "layers[0].style.hollow_where": json.dumps(_doc({"style": {"hollow_where": [["name"], 5]}})),
    "layers[0].style.filter.platform": json.dumps(_doc({"style": {"filter": {"platform": [{"x": 1}]}}})),
    "layers[0].style ": json.dumps(_doc({"style": "red"})),
    "layers must be a list": json.dumps({**_doc(), "layers": [1, 2]}),
    "layers[0].order": json.dumps(_doc({"order": "first"})),
    "scenes may hold at most 500": json.dumps({**_doc(), "scenes": [{}] * 501}),
    "layers[0].source": json.dumps(_doc({"source": ["a"]})),
}


@pytest.mark.parametrize("field", BAD_PROJECTS, ids=[f.strip() for f in BAD_PROJECTS])
def test_a_bad_number_in_a_project_is_refused_naming_its_field(tmp_path, field):
    path = _project(tmp_path, BAD_PROJECTS[field])
    before = path.read_bytes()
    with pytest.raises(DataError) as err:
        read_project(path)
    message = str(err.value)
    assert "\n" not in message and "p.hgmap" in message and field.strip() in message, message
    assert "Traceback" not in message and len(message) < 400
    assert path.read_bytes() == before


def test_good_numbers_still_open(tmp_path):
    path = _project(tmp_path, json.dumps(_doc({"opacity": 0.5, "visible": False,
                                               "style": {"stroke_width": 2, "k": 7, "breaks": [1, 2.5],
                                                         "color": "#1f77b4", "dash": [4, 2]}})))
    project = read_project(path)
    entry = project.layers[0]
    assert (project.view.zoom, entry.opacity, entry.visible, entry.style.k, entry.style.breaks) == (
        9.0, 0.5, False, 7, (1.0, 2.5))


@pytest.mark.parametrize("scene, field", [
    ({"view": {"lat": float("inf"), "lon": 0, "zoom": 3}}, "view.lat"),
    ({"highlights": [{"source": "x.gpkg", "rows": [1e30]}]}, "highlights[0].rows"),
    ({"period": float("nan")}, "period"),
    ({"layers": [{"source": "x.gpkg", "opacity": -1}]}, "layers[0].opacity"),
    ({"layers": [{"source": "x.gpkg", "style": {"k": 0}}]}, "layers[0].style.k"),
])
def test_a_bad_number_in_a_scene_names_the_scene_and_field(scene, field):
    scenes, problems = SceneList.from_dicts([{"title": "good"}, {"title": "bad", **scene}])
    assert len(scenes) == 1 and len(problems) == 1
    assert problems[0].startswith(f"scene 2: {field}"), problems


def test_a_bad_style_file_is_refused_naming_its_field(tmp_path):
    path = tmp_path / "style.json"
    path.write_text(json.dumps({"style": {"stroke_width": float("inf")}}).replace("Infinity", "1e999"))
    with pytest.raises(DataError, match=r"style\.json: not a usable style file \(style\.stroke_width must be a number "
                                         r"from 0 to 100"):
        load_style(path)


@pytest.mark.parametrize("text, words", [
    ('{"format": "hegang-map-project", "format_version": 1, "layers": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "nested too deeply"),
    ('{"format": "hegang-map-project", "format_version": 1, "layers": [], "view": {"lat": 47, "lon": 130, "zoom": '
     + "9" * 400 + "}}", "view.zoom must be a number"),
    ('{"format": "hegang-map-project", "format_version": ' + "9" * 400 + ', "layers": []}', "format_version"),
    ('{"format": "hegang-map-project", "format_version": 1, "layers": [], "view": {"lat": 47, "lon": 130, "zoom": '
     + "9" * 5000 + "}}", "not a valid project file"),
])
def test_deep_nesting_and_huge_numbers_get_a_message_not_a_crash(tmp_path, text, words):
    with pytest.raises(DataError, match=words):
        read_project(_project(tmp_path, text))


def test_a_project_file_too_large_to_be_one_is_refused_without_reading_it(tmp_path, monkeypatch):
    import hegang_map.io.errors as errors

    monkeypatch.setattr(errors, "MAX_JSON_BYTES", 1000)
    path = _project(tmp_path, json.dumps(_doc()) + " " * 2000)
    with pytest.raises(DataError, match="too large for a project file"):
        read_project(path)


@pytest.mark.parametrize("encoding, opens", [("utf-8-sig", True), ("utf-16", False), ("latin-1", False)])
def test_a_project_in_another_encoding_opens_or_says_which(tmp_path, encoding, opens):
    path = tmp_path / "p.hgmap"
    doc = _doc()
    doc["title"] = "鹤岗 Hégang"
    path.write_bytes(json.dumps(doc, ensure_ascii=False).encode(encoding, errors="replace"))
    if opens:
        assert read_project(path).title == "鹤岗 Hégang"
        return
    with pytest.raises(DataError) as err:
        read_project(path)
    assert "save it as UTF-8" in str(err.value) and "codec" not in str(err.value)


@pytest.mark.parametrize("doc, words", [
    ({**_doc(), "layers": [{"source": "x.gpkg", "layer": "a"}] * 1001}, "layers holds 1,001 entries"),
    (_doc({"name": "n" * 20_000}), "layers[0].name and .source may hold at most 10,000 characters"),
    ({**_doc(), "title": "t" * 20_000}, "title is longer than 10,000 characters"),
])
def test_a_project_too_large_to_draw_is_refused_before_it_is(tmp_path, doc, words):
    with pytest.raises(DataError, match=re.escape(words)):
        read_project(_project(tmp_path, json.dumps(doc)))
