"""A GeoPackage left with changes beside it (a -wal or a hot -journal from a
writer that crashed or is still writing) is read without touching it."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

from badfiles import tree_state
from hegang_map.io import DataError, list_layers, read_layer
from hegang_map.io.formats import WAL_NOTE
from hegang_map.io.read import READ_WARNINGS


def _base(path: Path) -> Path:
    pts = gpd.GeoDataFrame({"name": ["a", "b", "c"]}, geometry=[Point(130, 47), Point(131, 46), Point(129, 45)],
                           crs="EPSG:4326")
    pts.to_file(path, layer="ok", driver="GPKG", SPATIAL_INDEX="NO")
    return path


def _crashed_writer(folder: Path) -> Path:
    """Three committed rows still in the -wal of a writer that never closed."""
    live = _base(folder / "live.gpkg")
    con = sqlite3.connect(live)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("INSERT INTO ok (name, geom) SELECT name || '2', geom FROM ok")
    con.commit()
    (folder / "copy").mkdir()
    left = folder / "copy" / "left.gpkg"
    shutil.copyfile(live, left)  # as a crash leaves them: the database and its -wal
    shutil.copyfile(str(live) + "-wal", str(left) + "-wal")
    con.close()
    return left


def _snapshots() -> list[str]:
    return sorted(p.name for p in Path(tempfile.gettempdir()).glob("hegang-map-snapshot-*"))


def test_a_leftover_wal_is_read_from_a_copy_and_left_as_it_was(tmp_path):
    left = _crashed_writer(tmp_path)
    before = tree_state(left) | {"wal": tree_state(Path(str(left) + "-wal"))["hash"]}
    known = _snapshots()
    assert [(i.name, i.feature_count) for i in list_layers(left)] == [("ok", 6)]
    frame = read_layer(left, "ok")
    assert len(frame) == 6  # the -wal's rows too
    assert frame.attrs[READ_WARNINGS][0] == WAL_NOTE
    assert tree_state(left) | {"wal": tree_state(Path(str(left) + "-wal"))["hash"]} == before
    assert _snapshots() == known  # the private copies are gone


def test_a_hot_journal_is_not_rolled_back_by_reading(tmp_path):
    path = _base(tmp_path / "a.gpkg")
    (tmp_path / "a.gpkg-journal").write_bytes(b"\xd9\xd5\x05\xf9\x20\xa1\x63\xd7" + b"\x00" * 504)
    before = tree_state(path)
    assert len(read_layer(path, "ok")) == 3
    assert tree_state(path) == before


def test_a_shapefile_with_a_huge_prj_is_refused_with_what_to_do(tmp_path):
    pts = gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(130, 47)], crs="EPSG:4326")
    shp = tmp_path / "pts.shp"
    pts.to_file(shp)
    prj = tmp_path / "pts.prj"
    prj.write_text('GEOGCS["' + "x" * (2 << 20) + '"]')
    with pytest.raises(DataError, match=r"its pts\.prj is 2 MB, and a CRS definition is a few hundred bytes"):
        list_layers(shp)


def test_a_flatgeobuf_whose_header_lies_about_its_count_is_named_as_such(tmp_path):
    import struct

    pts = gpd.GeoDataFrame({"name": ["a", "b", "c"]}, geometry=[Point(130, 47), Point(131, 46), Point(129, 45)],
                           crs="EPSG:4326")
    path = tmp_path / "lying.fgb"
    pts.to_file(path, driver="FlatGeobuf")
    raw = bytearray(path.read_bytes())
    # The header (a FlatBuffer after the 8-byte magic and its 4-byte length) holds features_count as a uint64;
    # find the 3 and make it 0, as a truncated or hostile writer would.
    at = raw.find(struct.pack("<Q", 3), 12)
    assert at > 0
    raw[at:at + 8] = struct.pack("<Q", 0)
    path.write_bytes(bytes(raw))
    with pytest.raises(DataError, match=r"GDAL finds no layer in this FlatGeobuf file: its header is damaged"):
        list_layers(path)
