"""``hegang-map export`` on projects that refer to bad data files, on damaged
project files, and on odd-but-readable data files; ``--screenshot`` on odd
files. The input files' bytes never change.

What a user gets (docs/bad-input.md): a project with a missing or unreadable
data file is refused with one line on stderr naming every such layer and
file, nothing is written and the exit code is 3; with ``--allow-missing`` the
figure of the other layers is written, one warning line per bad file, exit 0.
When none of the layers can be read, nothing is written (3).
"""

from __future__ import annotations

import json

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
from badfiles import CASES, HOSTILE_LAYER, tree_state  # noqa: E402

from hegang_map.cli import main  # noqa: E402
from hegang_map.io.project import LayerEntry, Project, save_project  # noqa: E402
from hegang_map.model.style import LayerStyle  # noqa: E402

pytestmark = pytest.mark.timeout(180)

#: Bad data files a project can refer to (each gives one line).
BAD = ["missing", "directory", "empty_file", "text_as_gpkg", "png_as_gpkg", "truncated", "corrupted",
       "plain_sqlite", "no_layers"]
SMALL = ["--size", "400x300px", "--dpi", "72"]


def bad_project(folder: Path, good: Path, cases=BAD) -> tuple[Path, dict[str, Path]]:
    """A project with the two good layers of ``good`` and one layer per bad case."""
    entries = [LayerEntry(good, "cities", "cities", LayerStyle(color="#e41a1c")),
               LayerEntry(good, "areas", "areas", LayerStyle(color="#377eb8"), visible=True)]
    paths = {}
    for name in cases:
        sub = folder / name
        sub.mkdir()
        paths[name] = CASES[name].build(sub)
        entries.append(LayerEntry(paths[name], "layer", f"bad {name}", LayerStyle()))
    project = save_project(Project(entries), folder / "with-bad-files.hgmap")
    return project.path, paths


def _bad_project_export(folder: Path, good: Path):
    """A project with bad files, the export's output path, and a function giving the input files' state."""
    (folder / "out").mkdir()
    project, paths = bad_project(folder, good)

    def files_now() -> dict:
        return {n: tree_state(p) for n, p in paths.items()} | {"good": tree_state(good)}

    return project, paths, folder / "out" / "x.png", files_now


def _lines(err: str) -> list[str]:
    return [line for line in err.strip().splitlines() if line]


def test_project_with_bad_files_is_refused_in_one_line_naming_each_and_writes_nothing(tmp_path, two_layer_gpkg,
                                                                                       capsys):
    project, paths, out, files_now = _bad_project_export(tmp_path, two_layer_gpkg)
    before = files_now()
    code = main(["export", str(project), "--out", str(out), *SMALL])
    captured = capsys.readouterr()
    assert code == 3
    assert not out.exists() and not list((tmp_path / "out").iterdir())
    lines = _lines(captured.err)
    assert len(lines) == 1 and "Traceback" not in captured.err, lines
    for name, path in paths.items():
        assert f"“bad {name}”" in lines[0] and path.name in lines[0], name
    assert "--allow-missing" in lines[0]
    assert files_now() == before


def test_the_refusal_is_in_chinese_when_the_export_is(tmp_path, two_layer_gpkg, capsys):
    project, paths, out, _files_now = _bad_project_export(tmp_path, two_layer_gpkg)
    assert main(["export", str(project), "--out", str(out), "--lang", "zh", *SMALL]) == 3
    lines = _lines(capsys.readouterr().err)
    assert len(lines) == 1, lines
    assert "数据文件" in lines[0] and "无法绘制" in lines[0] and "未写出任何文件" in lines[0], lines[0]
    for english in ("its data file", "cannot be drawn", "Nothing was written", "nothing to draw"):
        assert english not in lines[0], english
    assert not out.exists()


def test_project_with_bad_files_and_allow_missing_draws_the_rest_with_one_line_per_bad_file(tmp_path, two_layer_gpkg,
                                                                                           capsys):
    project, paths, out, files_now = _bad_project_export(tmp_path, two_layer_gpkg)
    before = files_now()
    code = main(["export", str(project), "--out", str(out), "--allow-missing", *SMALL])
    captured = capsys.readouterr()
    assert code == 0
    assert out.is_file() and out.stat().st_size > 1000  # the other layers are drawn
    assert captured.out.strip() == str(out)
    lines = _lines(captured.err)
    assert "Traceback" not in captured.err
    assert len(lines) == len(BAD), lines
    for name, path in paths.items():
        mine = [line for line in lines if f"“bad {name}”" in line]
        assert len(mine) == 1, (name, lines)
        assert mine[0].startswith("hegang-map: warning: ") and path.name in mine[0]
        if name not in ("missing", "directory"):
            for part in CASES[name].message:
                assert part.lower() in mine[0].lower(), mine[0]
    assert "not found" in next(line for line in lines if "“bad missing”" in line)
    assert files_now() == before


def test_project_whose_layers_are_all_bad_writes_nothing_and_exits_3(tmp_path, capsys):
    sub = tmp_path / "t"
    sub.mkdir()
    bad = CASES["text_as_gpkg"].build(sub)
    project = save_project(Project([LayerEntry(bad, "a", "one", LayerStyle()),
                                    LayerEntry(bad, "b", "two", LayerStyle())]), tmp_path / "all-bad.hgmap").path
    out = tmp_path / "x.png"
    assert main(["export", str(project), "--out", str(out), "--allow-missing", *SMALL]) == 3
    lines = _lines(capsys.readouterr().err)
    assert len(lines) == 1  # the file (both its layers named once) and "nothing to draw"
    assert "“one”, “two”" in lines[0] and "notes.gpkg" in lines[0]
    assert "nothing to draw" in lines[0]
    assert not out.exists()


@pytest.mark.parametrize("where", ["layer", "scene"])
def test_a_file_name_with_a_nul_character_is_named_not_pythons_wording(tmp_path, capsys, where):
    doc = {"format": "hegang-map-project", "format_version": 1, "layers": []}
    if where == "layer":
        doc["layers"] = [{"source": "cities\x00.gpkg", "layer": "cities"}]
    else:
        doc["scenes"] = [{"title": "one", "layers": [{"source": "cities\x00.gpkg", "layer": "cities"}]}]
    project = tmp_path / "nul.hgmap"
    project.write_text(json.dumps(doc))
    out = tmp_path / "x.png"
    assert main(["export", str(project), "--out", str(out), *SMALL]) == 3
    err = capsys.readouterr().err
    assert len(_lines(err)) == 1 and "NUL character" in err and "null byte" not in err
    assert not out.exists()


@pytest.mark.parametrize("damage", ["truncated", "garbage", "not_json_object", "binary", "empty", "newer"])
def test_damaged_project_file_gives_one_clear_line_and_exit_3(tmp_path, two_layer_gpkg, capsys, damage):
    project, _ = bad_project(tmp_path, two_layer_gpkg, cases=[])
    text = project.read_bytes()
    project.write_bytes({
        "truncated": text[: len(text) // 2],
        "garbage": b"this is not json {",
        "not_json_object": b"[1, 2, 3]",
        "binary": bytes(range(256)),
        "empty": b"",
        "newer": text.replace(b'"format_version": 1', b'"format_version": 99'),
    }[damage])
    before = tree_state(project)
    out = tmp_path / "x.png"
    assert main(["export", str(project), "--out", str(out), *SMALL]) == 3
    err = capsys.readouterr().err
    assert len(_lines(err)) == 1 and project.name in err and "Traceback" not in err
    assert any(w in err.lower() for w in ("not a valid project", "damaged", "cannot be read", "not a hegang-map",
                                          "newer"))
    assert not out.exists()
    assert tree_state(project) == before


ODD = ["no_crs", "z_and_m", "measured", "out_of_range", "nan_coordinates", "many_columns", "odd_columns",
       "null_empty_geometry", "mixed_types", "non_utf8", "hostile", "hostile_filename"]


@pytest.mark.parametrize("name, suffix", [(n, ".png") for n in ODD]
                         + [(n, s) for n in ("z_and_m", "many_columns", "hostile") for s in (".svg", ".html")])
def test_export_of_odd_but_readable_file_succeeds(tmp_path, capsys, name, suffix):
    (tmp_path / "in").mkdir()
    path = CASES[name].build(tmp_path / "in")
    before = tree_state(path)
    out = tmp_path / f"out{suffix}"
    code = main(["export", str(path), "--out", str(out), *SMALL])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert out.is_file() and out.stat().st_size > 500
    assert "Traceback" not in captured.err
    assert tree_state(path) == before


def _run(args: list[str], config: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HEGANG_MAP_CONFIG_DIR=str(config))
    return subprocess.run([sys.executable, "-m", "hegang_map", *args], capture_output=True, text=True, timeout=150,
                          env=env, encoding="utf-8", errors="replace")


SHOT = ["no_crs", "z_and_m", "nan_coordinates", "many_columns", "hostile"]


def test_screenshot_of_odd_but_readable_files_succeeds(tmp_path_factory):
    jobs = {}
    for name in SHOT:
        folder = tmp_path_factory.mktemp(name)
        path = CASES[name].build(folder)
        jobs[name] = (path, tmp_path_factory.mktemp("shots") / "shot.png", tree_state(path))
    config = tmp_path_factory.mktemp("config")
    with ThreadPoolExecutor(max_workers=min(len(SHOT), os.cpu_count() or 2)) as pool:
        done = dict(zip(jobs, pool.map(
            lambda item: _run([str(item[0]), "--screenshot", str(item[1]), "--size", "500x400"], config),
            jobs.values())))
    for name, proc in done.items():
        path, shot, before = jobs[name]
        assert proc.returncode == 0, (name, proc.stderr[-2000:])
        assert "Traceback" not in proc.stderr
        assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", name
        assert tree_state(path) == before
    # Screenshot runs never leave a recovery file behind (they do not autosave).
    assert not (config / "recovery").exists() or not list((config / "recovery").glob("*.hgmap"))
    assert HOSTILE_LAYER  # the hostile case's layer name went through a real window
