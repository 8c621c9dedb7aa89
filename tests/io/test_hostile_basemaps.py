"""Basemap files made to hang, to eat memory or time, or to be written over: each bounded or refused."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import time

import basemap_samples as samples
import pytest

from hegang_map.cli import main
from hegang_map.export.tile_basemaps import UserBasemap
from hegang_map.io import DataError
from hegang_map.io import tiles as tile_io

SITES = __import__("hegang_map.bundled.paths", fromlist=["x"]).geodata_dir() / "hegang_redevelopment.gpkg"


def test_a_pipe_named_like_a_basemap_is_refused_at_once(tmp_path, capsys):
    fifo = tmp_path / "fifo.mbtiles"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert main(["export", str(SITES), "--basemap", str(fifo), "--out", str(tmp_path / "m.png")]) == 3
    assert time.monotonic() - started < 30 and "not a file or a folder" in capsys.readouterr().err


def test_an_output_inside_a_folder_of_tiles_is_refused(tmp_path, capsys):
    folder = samples.tile_folder(tmp_path / "tiles", zooms=[0, 1])
    tile = folder / "1" / "1" / "1.png"
    before = tile.read_bytes()
    assert main(["export", str(SITES), "--basemap", str(folder), "--out", str(tile)]) == 2
    project = tmp_path / "p.hgmap"
    project.write_text(json.dumps({"format": "hegang-map-project", "format_version": 1,
                                   "layers": [{"source": str(SITES), "layer": "redevelopment_sites"}],
                                   "basemap_files": ["tiles"]}), "utf-8")
    assert main(["export", str(project), "--out", str(tile)]) == 2
    assert "basemap file" in capsys.readouterr().err and tile.read_bytes() == before


def test_a_screenshot_may_not_replace_a_basemap_file_a_project_names(tmp_path, capsys):
    archive = samples.pmtiles(tmp_path / "base.png")  # known by its content, whatever its name
    before = archive.read_bytes()
    project = tmp_path / "p.hgmap"
    project.write_text(json.dumps({"format": "hegang-map-project", "format_version": 1,
                                   "layers": [{"source": str(SITES), "layer": "redevelopment_sites"}],
                                   "basemap_files": ["base.png"]}), "utf-8")
    assert main([str(project), "--screenshot", str(archive), "--size", "900x600"]) == 2
    assert archive.read_bytes() == before


def test_a_directory_of_two_gzip_members_is_refused(tmp_path):
    path = samples.pmtiles(tmp_path / "a.pmtiles")
    data = bytearray(path.read_bytes())
    root, length = int.from_bytes(data[8:16], "little"), int.from_bytes(data[16:24], "little")
    bomb = bytes(data[root:root + length]) + gzip.compress(b"\x00" * 1_000_000)
    data[root:root + length] = bomb
    data[16:24] = len(bomb).to_bytes(8, "little")
    for field in (24, 40, 56):  # what comes after the root moved along
        data[field:field + 8] = (int.from_bytes(data[field:field + 8], "little") + len(bomb) - length).to_bytes(
            8, "little")
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="data after the compressed stream"):
        UserBasemap(path)


def test_pmtiles_directories_read_again_and_again_stop_at_a_budget(tmp_path, monkeypatch):
    archive = UserBasemap(samples.pmtiles(tmp_path / "a.pmtiles", zooms=range(0, 5)))
    source = archive._tiles
    monkeypatch.setattr(tile_io, "DIRECTORY_BUDGET", 0)
    source._dirs.clear()  # every directory has to be read again, and the budget is spent
    source._parsed = 1
    assert source.tile(3, 1, 1) is None and archive.exhausted


def test_an_mbtiles_view_slow_on_every_tile_stops_at_a_budget(tmp_path, monkeypatch):
    path = tmp_path / "slow.mbtiles"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.executemany("INSERT INTO metadata VALUES (?, ?)", [("format", "png"), ("minzoom", "0"), ("maxzoom", "6")])
    # The first row comes at once; a lookup of any tile walks an endless recursion until cut off.
    db.execute("CREATE VIEW tiles AS WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c) "
               f"SELECT i * 0 AS zoom_level, i * 0 AS tile_column, i * 0 AS tile_row, "
               f"X'{samples.png((1, 2, 3)).hex()}' AS tile_data FROM c")
    db.commit()
    db.close()
    monkeypatch.setattr(tile_io, "QUERY_SECONDS", 0.05)
    monkeypatch.setattr(tile_io, "QUERY_BUDGET_SECONDS", 0.3)
    archive = UserBasemap(path)
    started = time.monotonic()
    for x in range(16):
        archive.tile(4, x, 5)
    assert time.monotonic() - started < 3 and archive.exhausted


def test_an_mbtiles_value_larger_than_any_tile_is_never_fetched(tmp_path):
    path = tmp_path / "blob.mbtiles"
    db = sqlite3.connect(path)
    db.execute("CREATE VIEW metadata AS SELECT 'name' AS name, zeroblob(500000000) AS value")
    db.execute("CREATE TABLE tiles (zoom_level, tile_column, tile_row, tile_data)")
    db.commit()
    db.close()
    with pytest.raises(DataError, match="too big"):
        UserBasemap(path)


def test_a_geotiff_of_enormous_blocks_is_refused_when_opened(tmp_path):
    import numpy as np
    import rasterio
    from affine import Affine

    path = tmp_path / "huge.tif"
    with rasterio.open(path, "w", driver="GTiff", width=20000, height=20000, count=3, dtype="uint8",
                       crs="EPSG:4326", transform=Affine(1e-5, 0, 130, 0, -1e-5, 47.5), tiled=True,
                       blockxsize=16384, blockysize=16384, compress="deflate", sparse_ok=True) as ds:
        ds.write(np.zeros((3, 16, 16), "uint8"), window=((0, 16), (0, 16)))
    with pytest.raises(DataError, match="blocks are 16384 × 16384 pixels"):
        UserBasemap(path)


@pytest.mark.parametrize("names", [["²"], ["١"], ["05"], ["１"]])
def test_tile_folders_are_numbered_in_plain_digits(tmp_path, names):
    folder = tmp_path / "tiles"
    for name in names:
        (folder / name / "0").mkdir(parents=True)
        (folder / name / "0" / "0.png").write_bytes(samples.png((1, 2, 3)))
    with pytest.raises(DataError, match="nor a folder of z/x/y tiles"):
        UserBasemap(folder)


def test_metadata_nested_too_deep_is_only_a_name_lost(tmp_path):
    folder = samples.tile_folder(tmp_path / "tiles", zooms=[0])
    (folder / "metadata.json").write_text("[" * 100_000 + "]" * 100_000)
    assert UserBasemap(folder).info.name == "tiles"
