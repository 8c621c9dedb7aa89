"""Every bad-input case through the real command line, in a subprocess:
``hegang-map layers FILE`` exits 3 with one line on stderr, or 0 with the
layers listed; never a traceback; the file's bytes never change."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
from badfiles import CASES, ERROR_CASES, HOSTILE_LAYER, params, tree_state  # noqa: E402

pytestmark = pytest.mark.timeout(180)


def _run(args: list[str]) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONWARNINGS="default", QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "hegang_map", *args],
        capture_output=True, text=True, timeout=120, env=env, encoding="utf-8", errors="replace",
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Build every case once and run the CLI on each, in parallel (start-up dominates)."""
    jobs = {}
    for case in CASES.values():
        if case.skip:
            continue
        folder = tmp_path_factory.mktemp(case.name)
        path = case.build(folder)
        jobs[(case.name, "layers")] = (path, ["layers", str(path)])
        jobs[(case.name, "json")] = (path, ["layers", "--json", str(path)])
        if case.expect == "error":
            jobs[(case.name, "screenshot")] = (path, [str(path), "--screenshot", str(folder / "out.png")])
    before = {key: tree_state(path) for key, (path, _args) in jobs.items()}
    with ThreadPoolExecutor(max_workers=min(8, os.cpu_count() or 2)) as pool:
        done = dict(zip(jobs, pool.map(lambda item: _run(item[1]), jobs.values())))
    return {key: (jobs[key][0], before[key], done[key]) for key in jobs}


def _check_error(case, path, before, proc):
    assert proc.returncode == 3, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr + proc.stdout
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("hegang-map: ")
    assert path.name in lines[0]
    for part in case.message:
        assert part.lower() in lines[0].lower()
    assert proc.stdout == ""
    assert tree_state(path) == before


@pytest.mark.parametrize("case", params(ERROR_CASES))
def test_layers_on_unreadable_file_exits_3_with_one_line(case, runs):
    _check_error(case, *runs[(case.name, "layers")])


@pytest.mark.parametrize("case", params(ERROR_CASES))
def test_layers_json_on_unreadable_file_exits_3_with_one_line(case, runs):
    _check_error(case, *runs[(case.name, "json")])


@pytest.mark.parametrize("case", params(ERROR_CASES))
def test_screenshot_of_unreadable_file_exits_3_before_any_window(case, runs):
    path, before, proc = runs[(case.name, "screenshot")]
    _check_error(case, path, before, proc)
    assert not (path.parent / "out.png").exists()


@pytest.mark.parametrize("case", params([c for c in CASES.values() if c.expect == "load"]))
def test_layers_on_odd_but_readable_file_exits_0_and_lists_it(case, runs):
    path, before, proc = runs[(case.name, "layers")]
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip() == "", proc.stderr
    assert proc.stdout.strip()
    assert tree_state(path) == before
    path, before, proc = runs[(case.name, "json")]
    assert proc.returncode == 0, proc.stderr
    listed = json.loads(proc.stdout)
    assert listed and all({"name", "geometry_type", "feature_count", "crs", "bounds"} <= set(d) for d in listed)
    assert tree_state(path) == before


def test_hostile_layer_name_is_printed_verbatim_in_json(runs):
    _path, _before, proc = runs[("hostile", "json")]
    assert json.loads(proc.stdout)[0]["name"] == HOSTILE_LAYER


def test_layer_name_with_tab_or_newline_stays_on_one_line_per_layer(tmp_path):
    from badfiles import _points, rename_layer, write_gpkg

    path = write_gpkg(tmp_path / "tabs.gpkg", _points(2), "plain", SPATIAL_INDEX="NO")
    rename_layer(path, "plain", "two\nlines\tand tab")
    proc = _run(["layers", str(path)])
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.strip().splitlines()) == 1, proc.stdout


def test_terminal_escapes_and_direction_overrides_in_a_layer_name_are_shown_as_escapes(tmp_path):
    from badfiles import _points, rename_layer, write_gpkg

    path = write_gpkg(tmp_path / "escapes.gpkg", _points(2), "plain", SPATIAL_INDEX="NO")
    # ESC [ 2J clears a terminal; C1 CSI (U+009B) does the same in one
    # character; U+202E shows what follows right to left.
    rename_layer(path, "plain", "a\x1b[2Jb\u009b31mc\u202ed")
    proc = _run(["layers", str(path)])
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert not any(ch in out for ch in ("\x1b", "\u009b", "\u202e"))
    assert "a\\x1b[2Jb\\x9b31mc\\u202ed" in out


def test_a_crs_description_with_escapes_and_tabs_keeps_the_columns(tmp_path):
    import sqlite3

    from badfiles import _points, write_gpkg

    path = write_gpkg(tmp_path / "crs.gpkg", _points(2), "plain", SPATIAL_INDEX="NO")
    con = sqlite3.connect(path)
    wkt = 'GEOGCS["\x1b[2J\x1b[31mPWN\tTAB\nline",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],' \
          'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]'
    con.execute("INSERT INTO gpkg_spatial_ref_sys VALUES ('odd', 990001, 'NONE', 990001, ?, 'odd')", (wkt,))
    con.execute("UPDATE gpkg_contents SET srs_id = 990001")
    con.execute("UPDATE gpkg_geometry_columns SET srs_id = 990001")
    con.commit()
    con.close()
    proc = _run(["layers", str(path)])
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].count("\t") == 4 and "\x1b" not in proc.stdout, proc.stdout


def test_missing_file_with_newline_in_its_name_is_one_stderr_line(tmp_path):
    proc = _run(["layers", str(tmp_path / "two\nlines.gpkg")])
    assert proc.returncode == 3
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "two\\nlines.gpkg" in proc.stderr


def test_what_is_wrong_with_a_source_is_said_for_links_pipes_and_folders(tmp_path):
    (tmp_path / "loop1.gpkg").symlink_to(tmp_path / "loop2.gpkg")
    (tmp_path / "loop2.gpkg").symlink_to(tmp_path / "loop1.gpkg")
    proc = _run(["layers", str(tmp_path / "loop1.gpkg")])
    assert proc.returncode == 3 and "is a link that leads nowhere (broken, or a loop of links)" in proc.stderr
    os.mkfifo(tmp_path / "pipe")
    project = tmp_path / "p.hgmap"
    project.write_text(json.dumps({"format": "hegang-map-project", "format_version": 1,
                                   "layers": [{"source": "pipe", "layer": "x"}, {"source": ".", "layer": "y"}]}))
    proc = _run(["export", str(project), "--out", str(tmp_path / "o.png"), "--size", "300x200px"])
    assert proc.returncode == 3
    assert "is not a regular file (a device or a pipe)" in proc.stderr and "is a folder, not a data file" in proc.stderr
    assert "not found" not in proc.stderr


def test_a_usage_error_naming_a_hostile_path_stays_one_escaped_line(tmp_path):
    proc = _run(["export", str(tmp_path / "none.gpkg"), "--out", str(tmp_path / "nope\x1b[2J\n" / "x.png")])
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "\x1b" not in proc.stderr and "\\x1b[2J\\n" in proc.stderr


def test_a_control_character_in_a_legend_costs_no_warning_line(tmp_path):
    from badfiles import _points, rename_layer, write_gpkg

    path = write_gpkg(tmp_path / "c1.gpkg", _points(2), "plain", SPATIAL_INDEX="NO")
    rename_layer(path, "plain", "a\u009bb")
    out = tmp_path / "x.png"
    proc = _run(["export", str(path), "--out", str(out), "--size", "300x200px"])
    assert proc.returncode == 0 and out.exists()
    ours = [line for line in proc.stderr.splitlines() if "Warning" in line or "warn" in line]
    assert ours == [], proc.stderr


def test_export_says_which_features_it_could_not_draw(tmp_path, capsys):
    import struct

    import geopandas as gpd
    from shapely.geometry import Point

    from hegang_map.cli import main

    path = tmp_path / "big.shp"
    gpd.GeoDataFrame({"n": [1, 2]}, geometry=[Point(130, 47), Point(130.1, 47.1)], crs=4326).to_file(path)
    data = bytearray(path.read_bytes())
    struct.pack_into("<i", data, 108, 8)  # the first record: a multipoint ...
    struct.pack_into("<i", data, 144, 2 ** 30)  # ... that claims a thousand million points
    path.write_bytes(bytes(data))
    assert main(["export", str(path), "--out", str(tmp_path / "m.png"), "--dpi", "50"]) == 0
    err = capsys.readouterr().err
    assert "1 feature(s) without geometry are not drawn" in err and err.count("\n") == 1
