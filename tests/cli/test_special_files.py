"""Pipes, devices, links and lying files as projects, sidecars, stories and
outputs: one line and an exit code, never a hang, a blown memory, or a
file replaced that was not the user's to replace."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

from hegang_map.bundled.paths import geodata_dir, resources_dir
from hegang_map.cli import main


_PROJECT = {"format": "hegang-map-project", "format_version": 1, "layers": []}


def _run(args, cwd, timeout=60):
    """The CLI in a child process, so a hang is a failure (timeout) and not a stuck test run."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "hegang_map", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=timeout)


@pytest.mark.parametrize("name", ["p.hgmap", "m.png.json", "story.hgmap"])
def test_a_pipe_as_project_sidecar_or_story_is_refused_at_once(tmp_path, name):
    os.mkfifo(tmp_path / name)
    args = ["export", name, "--all-scenes", "--out", "out"] if name == "story.hgmap" else ["export", name]
    if name == "p.hgmap":
        args += ["--out", "x.png"]
    done = _run(args, tmp_path)
    assert done.returncode == 3, done.stderr
    assert "device, pipe or socket" in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_a_project_that_is_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path):
    os.symlink("/dev/zero", tmp_path / "p.hgmap")
    done = _run(["export", "p.hgmap", "--out", "x.png"], tmp_path)
    assert done.returncode == 3 and "device, pipe or socket" in done.stderr


@pytest.mark.parametrize("data", [[{"sha256": "ab"}], 5, [{"source": ["x"], "sha256": "ab"}], [7]])
def test_a_sidecar_whose_data_list_is_malformed_gets_one_line(tmp_path, capsys, data):
    sidecar = tmp_path / "m.png.json"
    sidecar.write_text(json.dumps({"format": "hegang-map-export", "format_version": 1, "project": _PROJECT,
                                   "data": data, "output": {"file": "m.png"}, "export": {}}), encoding="utf-8")
    assert main(["export", str(sidecar)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "data list" in err and "Error" not in err


def test_a_sidecar_naming_its_output_with_an_object_gets_one_line(tmp_path, capsys):
    sidecar = tmp_path / "m.png.json"
    sidecar.write_text(json.dumps({"format": "hegang-map-export", "format_version": 1, "project": _PROJECT,
                                   "output": {"file": {"a": 1}}, "export": {}}), encoding="utf-8")
    assert main(["export", str(sidecar)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "output.file" in err and "PathLike" not in err


def test_handouts_never_write_through_a_link_onto_the_story(tmp_path, capsys):
    story = tmp_path / "story.hgmap"
    doc = json.loads((resources_dir() / "stories" / "hegang.hgmap").read_text(encoding="utf-8"))
    for layer in doc["layers"]:
        layer["source"] = str((geodata_dir() / Path(layer["source"]).name).resolve())
    for scene in doc["scenes"]:
        for layer in scene.get("layers", []):
            if "source" in layer:
                layer["source"] = str((geodata_dir() / Path(layer["source"]).name).resolve())
    story.write_text(json.dumps(doc), encoding="utf-8")
    before = story.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    first = doc["scenes"][0]["title"]["en"].lower().replace(" ", "-")
    (out / f"scene-01-{first}.png").symlink_to("../story.hgmap")
    code = main(["export", str(story), "--all-scenes", "--out", str(out), "--size", "600x400px", "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "the project the figures are made from" in err
    assert story.read_bytes() == before


@pytest.mark.parametrize("kind", ["fifo", "link to a device"])
def test_an_output_that_is_a_pipe_or_a_device_is_refused_and_left_alone(tmp_path, capsys, kind):
    data = tmp_path / "ok.gpkg"
    gpd.GeoDataFrame({"n": [1]}, geometry=[Point(130.3, 47.3)], crs=4326).to_file(data, engine="pyogrio")
    out = tmp_path / "out.png"
    if kind == "fifo":
        os.mkfifo(out)
    else:
        out.symlink_to("/dev/null")
    assert main(["export", str(data), "--out", str(out)]) == 2
    assert "device, pipe or socket" in capsys.readouterr().err
    assert Path("/dev/null").is_char_device() and (out.is_fifo() if kind == "fifo" else out.is_symlink())


def test_a_huge_sparse_wal_beside_a_geopackage_is_not_copied(tmp_path, capsys):
    data = tmp_path / "a.gpkg"
    gpd.GeoDataFrame({"n": [1]}, geometry=[Point(130.3, 47.3)], crs=4326).to_file(data, engine="pyogrio")
    with open(str(data) + "-wal", "wb") as fh:  # 3 GB that take no disk
        fh.truncate(3 << 30)
    assert main(["layers", str(data)]) == 3
    err = capsys.readouterr().err
    assert "unmerged changes" in err and "3,072 MB" in err


def test_a_layer_of_thousands_of_fields_is_refused_before_it_is_read(tmp_path, capsys):
    path = tmp_path / "wide.geojson"
    features = [{"type": "Feature", "properties": {f"k{i}_{j}": j for j in range(30)},
                 "geometry": {"type": "Point", "coordinates": [130 + i * 1e-4, 47]}} for i in range(100)]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    assert main(["export", str(path), "--out", str(tmp_path / "w.png")]) == 3
    err = capsys.readouterr().err
    assert "3,000 fields" in err and err.count("\n") == 1
    assert not (tmp_path / "w.png").exists()



def _one_line(capsys) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err


def test_a_geojson_whose_field_name_is_not_utf8_says_so(tmp_path, capsys):
    path = tmp_path / "a.geojson"
    path.write_bytes(b'{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"\xff\xfe":1},'
                     b'"geometry":{"type":"Point","coordinates":[130,47]}}]}')
    assert main(["layers", str(path)]) == 3
    err = _one_line(capsys)
    assert "not UTF-8" in err and "codec" not in err


_HEAD = '{"format": "hegang-map-project", "format_version": 1, '


@pytest.mark.parametrize("text, words", [
    (_HEAD + '"scenes": 5}', "scenes must be a list"),
    (_HEAD + '"title": ' + "1" * 5000 + "}", "more than 4,300 digits"),
])
def test_a_project_of_the_wrong_shape_is_named_in_words_not_pythons(tmp_path, capsys, text, words):
    path = tmp_path / "p.hgmap"
    path.write_text(text, encoding="utf-8")
    assert main(["export", str(path), "--out", str(tmp_path / "x.png")]) == 3
    err = _one_line(capsys)
    assert words in err and "Error" not in err and "object is not" not in err and "sys." not in err


def test_present_checks_its_numbers_before_anything_else(capsys):
    assert main(["present", "--autoplay", "nan"]) == 2
    assert "--autoplay" in _one_line(capsys)


def test_a_damaged_project_on_the_window_command_line_is_named_as_a_project(tmp_path, capsys):
    path = tmp_path / "p.hgmap"
    path.write_text('{"format": "hegang-map-project", "format_version": 1, "scenes": 5}', encoding="utf-8")
    assert main([str(path), "--screenshot", str(tmp_path / "x.png")]) == 3
    assert "scenes must be a list" in _one_line(capsys)


def test_a_shapefile_without_its_index_says_which_file_is_missing(tmp_path, capsys):
    gpd.GeoDataFrame({"n": [1]}, geometry=[Point(130.3, 47.3)], crs=4326).to_file(tmp_path / "a.shp")
    (tmp_path / "a.shx").unlink()
    assert main(["layers", str(tmp_path / "a.shp")]) == 3
    err = _one_line(capsys)
    assert ".shx" in err and "SHAPE_RESTORE_SHX" not in err


def _points_gpkg(path: Path) -> Path:
    gpd.GeoDataFrame({"n": [1]}, geometry=[Point(130.3, 47.3)], crs=4326).to_file(path, engine="pyogrio")
    return path


def test_an_svg_whose_title_holds_control_characters_is_still_xml(tmp_path):
    import xml.etree.ElementTree as ET

    data = _points_gpkg(tmp_path / "ok.gpkg")
    out = tmp_path / "t.svg"
    assert main(["export", str(data), "--out", str(out), "--title", "\x1b[31mT\a\b\v\f"]) == 0
    ET.parse(out)  # a terminal escape in a title would make the SVG unreadable


@pytest.mark.parametrize("part", [".dbf", ".cpg"])
def test_a_pipe_beside_a_shapefile_is_refused_at_once(tmp_path, part):
    gpd.GeoDataFrame({"n": [1]}, geometry=[Point(130.3, 47.3)], crs=4326).to_file(tmp_path / "s.shp")
    (tmp_path / f"s{part}").unlink(missing_ok=True)
    os.mkfifo(tmp_path / f"s{part}")
    done = _run(["layers", "s.shp"], tmp_path, timeout=30)
    assert done.returncode == 3 and f"s{part}" in done.stderr and "pipe" in done.stderr


@pytest.mark.parametrize("kind", ["pipe", "link"])
def test_a_wal_that_is_a_pipe_or_a_link_is_refused_and_left_where_it_is(tmp_path, capsys, kind):
    data = _points_gpkg(tmp_path / "t.gpkg")
    wal = Path(str(data) + "-wal")
    if kind == "pipe":
        os.mkfifo(wal)
    else:
        (tmp_path / "secret.txt").write_text("not a log", encoding="utf-8")
        wal.symlink_to(tmp_path / "secret.txt")  # would be followed, copied and read as the file's log
    assert main(["layers", str(data)]) == 3
    assert "t.gpkg-wal" in capsys.readouterr().err
    assert wal.is_fifo() if kind == "pipe" else wal.is_symlink()


def _metadata_tables(con) -> None:
    """The GeoPackage metadata extension's two tables, empty."""
    con.executescript("""
        CREATE TABLE gpkg_metadata (id INTEGER PRIMARY KEY, md_scope TEXT, md_standard_uri TEXT, mime_type TEXT,
                                    metadata TEXT);
        CREATE TABLE gpkg_metadata_reference (reference_scope TEXT, table_name TEXT, column_name TEXT,
                                              row_id_value INTEGER, timestamp TEXT, md_file_id INTEGER,
                                              md_parent_id INTEGER);""")


def test_metadata_records_gdal_would_read_hundreds_of_times_are_refused(tmp_path, capsys):
    import sqlite3

    data = _points_gpkg(tmp_path / "t.gpkg")
    con = sqlite3.connect(data)
    _metadata_tables(con)
    con.execute("INSERT INTO gpkg_metadata VALUES (1, 'dataset', 'x', 'text/plain', ?)", ("A" * (1 << 20),))
    con.executemany("INSERT INTO gpkg_metadata_reference (reference_scope, table_name, md_file_id) "
                    "VALUES ('table', 't', 1)", [()] * 70)  # 70 MB as referenced, from a 1 MB record
    con.commit()
    con.close()
    assert main(["layers", str(data)]) == 3
    assert "metadata records come to more than 64 MB" in capsys.readouterr().err


def test_leftovers_of_the_wrong_kind_in_the_config_folder_never_block_a_run(tmp_path, monkeypatch):
    config = tmp_path / "config"
    (config / "start-cache").mkdir(parents=True)
    os.mkfifo(config / "hegang-map.ini")
    os.mkfifo(config / "start-cache" / "start.bin")
    data = _points_gpkg(tmp_path / "ok.gpkg")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HEGANG_MAP_CONFIG_DIR": str(config)}
    done = subprocess.run([sys.executable, "-m", "hegang_map", "export", str(data), "--out", str(tmp_path / "x.png")],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    from hegang_map.qt.start_cache import load_start

    monkeypatch.setenv("HEGANG_MAP_CONFIG_DIR", str(config))
    kept = load_start()  # the pipe is not read: the shipped start is drawn instead
    assert kept is not None and kept.shipped


def test_a_sidecar_naming_its_output_with_control_characters_is_refused(tmp_path, capsys):
    sidecar = tmp_path / "m.png.json"
    sidecar.write_text(json.dumps({"format": "hegang-map-export", "format_version": 1, "project": _PROJECT,
                                   "output": {"file": "a\nb\x1b[31m.png"}, "export": {}}), encoding="utf-8")
    assert main(["export", str(sidecar)]) == 3
    assert "output.file" in _one_line(capsys)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.png.json"]


def test_the_language_option_may_come_before_the_command(tmp_path, capsys):
    data = _points_gpkg(tmp_path / "ok.gpkg")
    assert main(["--lang", "zh", "layers", str(data)]) == 0
    assert "1 个要素" in capsys.readouterr().out
    assert main(["--lang", "en", "layers", str(data), "--lang", "zh"]) == 0  # the last one wins, as argparse's
    assert "1 个要素" in capsys.readouterr().out


def test_a_project_naming_one_layer_hundreds_of_times_is_refused_before_reading(tmp_path, capsys):
    data = _points_gpkg(tmp_path / "ok.gpkg")
    layers = [{"source": str(data), "layer": "ok"} for _ in range(17)]
    project = tmp_path / "p.hgmap"
    project.write_text(json.dumps({**_PROJECT, "layers": layers}), encoding="utf-8")
    assert main(["export", str(project), "--out", str(tmp_path / "x.png")]) == 3
    assert "more than 16 times" in _one_line(capsys)


def test_a_lone_surrogate_in_a_files_titles_exports_as_a_replacement(tmp_path):
    import sqlite3
    import xml.etree.ElementTree as ET

    data = _points_gpkg(tmp_path / "ok.gpkg")
    con = sqlite3.connect(data)
    _metadata_tables(con)
    # JSON may escape a lone surrogate; json.loads then gives a str no UTF-8 writer or font takes.
    record = '{"title": {"en": "a\\udfffb", "zh": "a\\udfffb"}}'
    con.execute("INSERT INTO gpkg_metadata VALUES (1, 'dataset', 'urn:hegang-map:titles:1', 'application/json', ?)",
                (record,))
    con.execute("INSERT INTO gpkg_metadata_reference (reference_scope, table_name, md_file_id) VALUES ('table', 'ok', 1)")
    con.commit()
    con.close()
    for suffix in (".svg", ".html", ".png"):
        out = tmp_path / f"t{suffix}"
        assert main(["export", str(data), "--out", str(out)]) == 0, suffix
    ET.parse(tmp_path / "t.svg")


def test_an_output_name_longer_than_the_file_system_takes_is_one_usage_line(tmp_path, capsys):
    data = _points_gpkg(tmp_path / "ok.gpkg")
    assert main(["export", str(data), "--out", str(tmp_path / ("鹤" * 85 + ".png"))]) == 2
    assert "not a usable file name" in _one_line(capsys)
