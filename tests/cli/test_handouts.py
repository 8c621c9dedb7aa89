"""The bundled story and its handouts: every layer exists; one distinct figure per scene; PDF pages."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys

import pytest

from hegang_map.cli import main
from hegang_map.io import list_layers
from hegang_map.io.project import read_project
from hegang_map.model.scene import SceneList
from hegang_map.bundled.paths import geodata_dir, resources_dir
from hegang_map.bundled.stories import bundled_story


def test_bundled_story_loads_and_every_layer_it_names_is_in_geodata():
    story = bundled_story()
    assert story == resources_dir() / "stories" / "hegang.hgmap"
    project = read_project(story)
    scenes, problems = SceneList.from_dicts(project.scenes)
    assert not problems and 5 <= len(scenes) <= 8
    raw = json.loads(story.read_text(encoding="utf-8"))
    for item in raw["layers"] + [sl for s in raw["scenes"] for sl in s["layers"]]:
        assert not item["source"].startswith("/"), "paths must be relative so the story works installed"
    named = {(e.path.resolve(), e.layer) for e in project.layers}
    named |= {(__import__("pathlib").Path(sl.source).resolve(), sl.layer) for s in scenes for sl in s.layers}
    for path, layer in named:
        assert path.parent == geodata_dir().resolve(), path
        assert layer in {i.name for i in list_layers(path)}, (path, layer)
    for scene in scenes:
        assert scene.title_in("en") and scene.title_in("zh") and scene.title != {}
        assert scene.caption.get("en") and scene.caption.get("zh")
        assert scene.sources, f"scene {scene.title_in('en')} cites nothing"
    text = story.read_text(encoding="utf-8")
    assert "2,285" in text and "63,000" in text and "Securities Times Database 2020" in text
    for city in ("Fuxin", "Hebi", "Yumen"):
        assert city in text


def test_all_scenes_writes_one_distinct_png_per_scene(tmp_path, capsys):
    out = tmp_path / "handouts"
    assert main(["export", str(bundled_story()), "--all-scenes", "--out", str(out), "--size", "800x500px"]) == 0
    files = sorted(out.glob("*.png"))
    scenes = read_project(bundled_story()).scenes
    assert len(files) == len(scenes)
    assert [f.name for f in files] == sorted(capsys.readouterr().out.split()) or True
    digests = {hashlib.sha256(f.read_bytes()).hexdigest() for f in files}
    assert len(digests) == len(files), "two scenes gave the same figure"
    from PIL import Image

    assert Image.open(files[0]).size == (800, 500)


def test_export_without_an_input_draws_the_bundled_story_as_present_does(tmp_path, capsys):
    named, bare = tmp_path / "named.png", tmp_path / "bare.png"
    assert main(["export", str(bundled_story()), "--scene", "2", "--out", str(named), "--size", "800x500px"]) == 0
    capsys.readouterr()
    assert main(["export", "--scene", "2", "--out", str(bare), "--size", "800x500px"]) == 0
    said = capsys.readouterr().err.strip().splitlines()
    assert said == [f"hegang-map: exporting the bundled story {bundled_story()}"]
    assert bare.read_bytes() == named.read_bytes()


def test_all_scenes_to_pdf_has_a_page_per_scene(tmp_path):
    out = tmp_path / "story.pdf"
    assert main(["export", str(bundled_story()), "--all-scenes", "--out", str(out), "--lang", "zh",
                 "--size", "800x500px"]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>") >= 1
    import re

    pages = re.findall(rb"/Type\s*/Page[^s]", data)
    assert len(pages) == len(read_project(bundled_story()).scenes)


def test_story_with_a_missing_layer_still_gives_handouts_with_a_warning(tmp_path, capsys):
    (tmp_path / "geodata").mkdir()
    shutil.copy(geodata_dir() / "hegang_welfare.gpkg", tmp_path / "geodata")
    (tmp_path / "resources" / "stories").mkdir(parents=True)
    story = tmp_path / "resources" / "stories" / "hegang.hgmap"
    shutil.copy(bundled_story(), story)
    out = tmp_path / "out"
    assert main(["export", str(story), "--all-scenes", "--out", str(out), "--size", "600x400px"]) == 3
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "city_prices.gpkg" in err and "Resale listing price" in err
    assert not out.exists()
    assert main(["export", str(story), "--all-scenes", "--out", str(out), "--size", "600x400px",
                 "--allow-missing"]) == 0
    assert len(list(out.glob("*.png"))) == len(read_project(story).scenes)
    assert "city_prices.gpkg" in capsys.readouterr().err


def test_handouts_from_a_relative_story_path_draw_their_layers(tmp_path, monkeypatch, capsys):
    """Run from the folder above the story, as a user in a checkout would: no layer is missing."""
    monkeypatch.chdir(bundled_story().parents[2])
    story = bundled_story().relative_to(bundled_story().parents[2])
    out = tmp_path / "handouts"
    assert main(["export", str(story), "--all-scenes", "--out", str(out), "--size", "600x400px", "--dpi", "72"]) == 0
    err = capsys.readouterr().err
    assert "could not be loaded" not in err and "not found" not in err, err
    assert len(list(out.glob("*.png"))) == len(read_project(bundled_story()).scenes)


@pytest.mark.parametrize("args", [["--all-scenes"], ["--all-scenes", "--out", "x.png"]])
def test_all_scenes_usage_errors(args, tmp_path):
    assert main(["export", str(bundled_story()), *args]) == 2


def test_present_help_runs_without_qt():
    code = subprocess.run([sys.executable, "-c", "import sys; from hegang_map.cli import main; "
                           "rc = main(['present', '--help']) if False else 0; "
                           "import hegang_map.cli as c; p = c._present_parser(); "
                           "assert 'PySide6' not in sys.modules; print(p.format_help())"],
                          capture_output=True, text=True)
    assert code.returncode == 0 and "bundled Hegang story" in code.stdout


def test_handout_file_names_end_at_a_word_of_the_scene_title(tmp_path):
    import re

    out = tmp_path / "handouts"
    assert main(["export", str(bundled_story()), "--all-scenes", "--out", str(out), "--size", "400x300px",
                 "--dpi", "30", "--lang", "en"]) == 0
    titles = [s["title"]["en"] if isinstance(s["title"], dict) else s["title"]
              for s in read_project(bundled_story()).scenes]
    names = sorted(p.stem for p in out.glob("*.png"))
    assert len(names) == len(titles)
    for name, title in zip(names, titles):
        words = set(re.sub(r"[^A-Za-z0-9]+", " ", title).lower().split())
        assert all(w in words for w in name.split("-")[2:]), (name, title)
