"""PostGIS layers on the command line: ``layers``, ``export`` and ``--screenshot`` take
``postgresql://USER@HOST:PORT/DB#SCHEMA.TABLE`` as they take files."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hegang_map.cli import main


def test_layers_lists_the_databases_geometry_tables(postgis_url, capsys):
    assert main(["layers", postgis_url]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("public.cities\tPoint\t3 features\tEPSG:4326") for line in lines), lines
    assert main(["layers", postgis_url + "#planning.parcels", "--json"]) == 0
    (parcels,) = json.loads(capsys.readouterr().out)
    assert parcels["name"] == "planning.parcels" and parcels["crs"] == "EPSG:32652"


def test_export_draws_a_table_and_the_sidecar_names_it_without_a_password(postgis_url, tmp_path):
    out = tmp_path / "cities.png"
    assert main(["export", postgis_url + "#cities", "--out", str(out), "--dpi", "50", "--sidecar"]) == 0
    doc = json.loads((tmp_path / "cities.png.json").read_text("utf-8"))
    assert doc["project"]["layers"][0]["source"] == postgis_url + "#public.cities"
    assert doc["data"] == [{"source": postgis_url + "#public.cities"}]
    # The sidecar redraws the figure from the database.
    again = tmp_path / "again.png"
    assert main(["export", str(tmp_path / "cities.png.json"), "--out", str(again)]) == 0 and again.exists()


def test_a_project_of_postgis_layers_exports_from_another_folder(postgis_url, tmp_path, monkeypatch):
    project = tmp_path / "team.hgmap"
    project.write_text(json.dumps({"format": "hegang-map-project", "format_version": 1, "layers": [
        {"source": postgis_url + "#planning.parcels", "layer": "parcels", "name": "Parcels"},
        {"source": postgis_url + "#cities", "layer": "cities", "name": "Cities"}]}), "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["export", "../team.hgmap", "--out", "m.pdf"]) == 0 and (elsewhere / "m.pdf").exists()


def test_a_bad_address_or_table_is_one_line_and_exit_3(postgis_url, tmp_path, capsys):
    for address in (postgis_url + "#nowhere", "postgresql://bob@127.0.0.1:9/db#t", "postgresql://h#t"):
        assert main(["export", address, "--out", str(tmp_path / "x.png")]) == 3
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "x.png").exists()


def test_screenshot_of_a_postgis_table(postgis_url, tmp_path):
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HEGANG_MAP_CONFIG_DIR=str(tmp_path / "config"))
    proc = subprocess.run([sys.executable, "-m", "hegang_map", postgis_url + "#cities", "--screenshot", str(out),
                           "--size", "900x600"], capture_output=True, text=True, timeout=240, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert out.exists()
