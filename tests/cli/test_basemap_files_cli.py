"""Basemap files on the command line and in exports: ``--basemap`` on export,
handouts and screenshots; drawn at the figure's resolution and credited; a
bad one is one line and exit 3 with nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import basemap_samples as samples
import numpy as np
import pytest
from PIL import Image

from hegang_map.bundled.paths import geodata_dir
from hegang_map.cli import main

SITES = geodata_dir() / "hegang_redevelopment.gpkg"
SMALL = ["--size", "600x500px", "--dpi", "72"]
#: Inside the Hegang sites' extent, where the sample orthophoto lies.
HEGANG = (130.15, 47.2, 130.5, 47.45)


def share_of(path: Path, color) -> float:
    """The share of the image's pixels that are ``color`` (exactly)."""
    pixels = np.asarray(Image.open(path).convert("RGB")).reshape(-1, 3)
    return float((pixels == np.array(color)).all(axis=1).mean())


def test_export_draws_a_geotiff_basemap_under_the_layers_and_credits_it(tmp_path, capsys):
    ortho = samples.geotiff(tmp_path / "ortho.tif", bounds=HEGANG, size=(700, 500), color=(30, 120, 200))
    out = tmp_path / "map.png"
    assert main(["export", str(SITES), "--basemap", str(ortho), "--out", str(out), *SMALL, "--sidecar"]) == 0
    # The orthophoto's blue fills much of the map of Hegang.
    assert share_of(out, (30, 120, 200)) > 0.2
    doc = json.loads(Path(str(out) + ".json").read_text("utf-8"))
    assert doc["project"]["basemap_files"] == [{"path": "ortho.tif", "opacity": 1.0, "visible": True}]
    assert "Basemap: ortho" in doc["output"]["credits"]
    # Redrawn from the sidecar alone: the same picture.
    again = tmp_path / "again.png"
    assert main(["export", str(Path(str(out) + ".json")), "--out", str(again)]) == 0
    assert share_of(again, (30, 120, 200)) == pytest.approx(share_of(out, (30, 120, 200)), abs=0.01)


def test_export_to_svg_keeps_the_credit_as_text(tmp_path):
    tiles = samples.mbtiles(tmp_path / "city.mbtiles", zooms=range(0, 7))
    out = tmp_path / "map.svg"
    assert main(["export", str(SITES), "--basemap", str(tiles), "--out", str(out), *SMALL]) == 0
    svg = out.read_text("utf-8")
    assert "Sample tiles © test" in svg and "<image" in svg


def test_the_last_basemap_is_drawn_on_top(tmp_path):
    under = samples.geotiff(tmp_path / "under.tif", bounds=HEGANG, color=(200, 40, 40))
    over = samples.geotiff(tmp_path / "over.tif", bounds=HEGANG, color=(40, 160, 60))
    out = tmp_path / "map.png"
    assert main(["export", str(SITES), "--basemap", str(under), "--basemap", str(over), "--out", str(out),
                 *SMALL]) == 0
    assert share_of(out, (40, 160, 60)) > 0.2 and share_of(out, (200, 40, 40)) < 0.001


@pytest.mark.parametrize("content", [b"", b"SQLite format 3\x00garbage", b"II*\x00\x08\x00\x00\x00"])
def test_a_bad_basemap_is_one_line_and_exit_3_with_nothing_written(tmp_path, capsys, content):
    bad = tmp_path / "bad.mbtiles"
    bad.write_bytes(content)
    out = tmp_path / "map.png"
    assert main(["export", str(SITES), "--basemap", str(bad), "--out", str(out)]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.mbtiles" in err
    assert not out.exists() and bad.read_bytes() == content


def test_a_project_whose_basemap_file_is_gone_draws_with_allow_missing(tmp_path, capsys):
    project = tmp_path / "p.hgmap"
    project.write_text(json.dumps({
        "format": "hegang-map-project", "format_version": 1,
        "layers": [{"source": str(SITES), "layer": "redevelopment_sites", "name": "Sites"}],
        "basemap_files": [{"path": "gone.pmtiles"}]}), "utf-8")
    out = tmp_path / "map.png"
    assert main(["export", str(project), "--out", str(out), *SMALL]) == 3
    assert not out.exists() and "gone.pmtiles" in capsys.readouterr().err
    assert main(["export", str(project), "--out", str(out), *SMALL, "--allow-missing"]) == 0
    assert out.exists() and "gone.pmtiles" in capsys.readouterr().err


def test_an_export_may_not_replace_a_basemap_file(tmp_path, capsys):
    # A GeoTIFF is known by its content, whatever its name: here it is called .png.
    ortho = samples.geotiff(tmp_path / "ortho.png", bounds=HEGANG)
    before = ortho.read_bytes()
    assert main(["export", str(SITES), "--basemap", str(ortho), "--out", str(ortho)]) == 2
    assert "input" in capsys.readouterr().err
    project = tmp_path / "p.hgmap"
    project.write_text(json.dumps({"format": "hegang-map-project", "format_version": 1,
                                   "layers": [{"source": str(SITES), "layer": "redevelopment_sites"}],
                                   "basemap_files": ["ortho.png"]}), "utf-8")
    assert main(["export", str(project), "--out", str(ortho)]) == 2
    assert "basemap file" in capsys.readouterr().err and ortho.read_bytes() == before


def test_handouts_draw_and_credit_a_basemap_given_on_the_command_line(tmp_path):
    tiles = samples.mbtiles(tmp_path / "world.mbtiles", zooms=range(0, 7))
    from hegang_map.bundled.stories import bundled_story

    story = bundled_story()
    out = tmp_path / "handouts"
    assert main(["export", str(story), "--all-scenes", "--out", str(out), "--basemap", str(tiles),
                 "--size", "800x600px", "--dpi", "50"]) == 0
    first = sorted(out.glob("*.png"))[0]
    # Every tile colour of the sample is one of COLORS: some of them show on the page.
    assert sum(share_of(first, c) for c in samples.COLORS) > 0.05


def test_a_geotiffs_overview_file_beside_it_is_not_read(tmp_path):
    from hegang_map.export.tile_basemaps import UserBasemap

    ortho = samples.geotiff(tmp_path / "ortho.tif", bounds=HEGANG, overviews=(), size=(800, 600))
    # An external overview of another colour, as gdaladdo -ro writes (or an attacker's file).
    samples.geotiff(tmp_path / "ovr.tif", bounds=HEGANG, overviews=(), size=(100, 75), color=(250, 0, 0))
    os.replace(tmp_path / "ovr.tif", tmp_path / "ortho.tif.ovr")
    from hegang_map.render.tiles import decode_picture

    data, _mime = UserBasemap(ortho).tile(8, 220, 89)
    picture = decode_picture(data)
    assert not ((picture[..., 0] == 250) & (picture[..., 3] > 0)).any()


def test_screenshot_waits_for_the_tiles_of_a_basemap_file(tmp_path):
    ortho = samples.geotiff(tmp_path / "ortho.tif", bounds=HEGANG, size=(700, 500), color=(30, 120, 200))
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HEGANG_MAP_CONFIG_DIR=str(tmp_path / "config"))
    proc = subprocess.run([sys.executable, "-m", "hegang_map", str(SITES), "--basemap", str(ortho),
                           "--screenshot", str(out), "--size", "1000x700"], capture_output=True, text=True,
                          timeout=240, env=env)
    assert proc.returncode == 0, proc.stderr
    assert share_of(out, (30, 120, 200)) > 0.02
