"""``hegang-map export PROJECT --scene N`` draws the scene as the story shows it (model/scene.py)."""

from __future__ import annotations

import json

from hegang_map.cli import main
from hegang_map.model.scene import SceneList
from hegang_map.io.project import read_project
from hegang_map.bundled.paths import resources_dir

STORY = resources_dir() / "stories" / "hegang.hgmap"


def test_scene_export_uses_the_scene_title_view_and_layers(tmp_path, capsys):
    out = tmp_path / "scene2.svg"
    assert main(["export", str(STORY), "--scene", "2", "--out", str(out), "--size", "1280x720px", "--sidecar"]) == 0
    scenes, _ = SceneList.from_dicts(read_project(STORY).scenes)
    scene = scenes[1]
    side = json.loads((tmp_path / "scene2.svg.json").read_text(encoding="utf-8"))
    assert side["export"]["title"] == f"2/{len(scenes)}  {scene.title_in('en')}"
    assert side["export"]["extent"] == list(scene.frame_area())
    visible = {lyr["name"] for lyr in side["project"]["layers"] if lyr["visible"]}
    assert visible == set(scene.visible_names)
    svg = out.read_text(encoding="utf-8")
    assert scene.title_in("en").split(",")[0] in svg and "{'en'" not in svg


def test_scene_number_out_of_range_is_a_usage_error(tmp_path, capsys):
    assert main(["export", str(STORY), "--scene", "99", "--out", str(tmp_path / "x.png")]) == 2
    assert "--scene 99" in capsys.readouterr().err


def test_a_scene_figure_redrawn_from_its_sidecar_keeps_its_rings(tmp_path):
    import shutil

    from hegang_map.bundled.stories import bundled_story

    out = tmp_path / "s2.svg"
    assert main(["export", str(bundled_story()), "--scene", "2", "--out", str(out), "--sidecar"]) == 0
    rings = out.read_text(encoding="utf-8").count('id="highlight')
    assert rings >= 2  # white under magenta, Hegang and Beijing in one collection each
    side = json.loads((tmp_path / "s2.svg.json").read_text(encoding="utf-8"))
    assert [len(h["rows"]) for h in side["export"]["highlights"]] == [2]
    again = tmp_path / "again.svg"
    assert main(["export", str(tmp_path / "s2.svg.json"), "--out", str(again)]) == 0
    assert again.read_text(encoding="utf-8").count('id="highlight') == rings
    # Rows a sidecar names must be rows: a damaged one is one readable message.
    side["export"]["highlights"][0]["rows"] = ["x"]
    (tmp_path / "bad.json").write_text(json.dumps(side), encoding="utf-8")
    shutil.copy(out, tmp_path / "bad.svg")
    assert main(["export", str(tmp_path / "bad.json"), "--out", str(tmp_path / "bad2.svg")]) == 3
    assert not (tmp_path / "bad2.svg").exists()
