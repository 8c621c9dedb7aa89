"""The command line as a user types it: output, exit codes, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from hegang_map.cli import main


def _run(*args, timeout=180):
    env = dict(os.environ)
    return subprocess.run([sys.executable, "-m", "hegang_map", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=os.path.expanduser("~"))


def test_layers_prints_each_layer(capsys, two_layer_gpkg):
    assert main(["layers", str(two_layer_gpkg)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert any(line.startswith("cities\tPoint\t3 features") for line in out)


def test_layers_json_has_exactly_the_documented_keys(capsys, two_layer_gpkg):
    assert main(["layers", str(two_layer_gpkg), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [set(d) for d in data] == [{"name", "geometry_type", "feature_count", "crs", "bounds", "fields"}] * 2
    cities = next(d for d in data if d["name"] == "cities")
    assert cities["fields"] == [{"name": "name", "type": "object"}, {"name": "value", "type": "int64"}]
    assert cities["feature_count"] == 3 and cities["geometry_type"] == "Point"
    assert cities["bounds"] == pytest.approx([114.2862, 35.7323, 130.2903, 47.3473])


@pytest.mark.parametrize("case", ["missing", "text_as_gpkg"])
def test_layers_on_unreadable_input_exits_3_with_one_line(case, tmp_path):
    path = tmp_path / "data.gpkg"
    if case == "text_as_gpkg":
        path.write_text("just some notes\n")
    proc = _run("layers", path)
    assert proc.returncode == 3
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and "Traceback" not in proc.stderr


def test_usage_error_exits_2_with_one_line():
    proc = _run("layers")
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert capsys.readouterr().out.startswith("hegang-map ")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "layers" in capsys.readouterr().out


def test_screenshot_writes_a_png_of_the_requested_size_that_is_not_blank(tmp_path, two_layer_gpkg):
    from PIL import Image

    out = tmp_path / "shot.png"
    proc = _run(two_layer_gpkg, "--screenshot", out, "--size", "900x600")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "blocked request:" not in proc.stderr
    with Image.open(out) as img:
        assert img.size == (900, 600)
        colours = img.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50  # a drawn map, not a blank window


def test_a_screenshot_smaller_than_the_window_can_be_is_refused_not_enlarged(tmp_path, two_layer_gpkg):
    out = tmp_path / "shot.png"
    proc = _run(two_layer_gpkg, "--screenshot", out, "--size", "300x200")
    assert proc.returncode == 2 and not out.exists()
    lines = [line for line in proc.stderr.splitlines() if line.startswith("hegang-map")]
    assert len(lines) == 1 and "--size 300x200" in lines[0] and "cannot be smaller than" in lines[0]


def test_screenshot_of_unreadable_file_exits_3_without_a_window(tmp_path):
    bad = tmp_path / "fake.gpkg"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    proc = _run(bad, "--screenshot", tmp_path / "x.png")
    assert proc.returncode == 3
    assert not (tmp_path / "x.png").exists()
    assert "Traceback" not in proc.stderr and "not a GeoPackage" in proc.stderr
