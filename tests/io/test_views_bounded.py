"""A GeoPackage view whose query never ends is refused within a stated time,
from every entry point, and the file is left as it was."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

import geopandas as gpd
import pytest
from shapely.geometry import Point

from badfiles import tree_state
from hegang_map.io import DataError, list_layers, read_layer
from hegang_map.io.read import MAX_VIEW_SECONDS


def _with_view(path, query):
    pts = gpd.GeoDataFrame({"name": ["a", "b"]}, geometry=[Point(130, 47), Point(131, 46)], crs="EPSG:4326")
    pts.to_file(path, layer="pts", driver="GPKG")
    con = sqlite3.connect(path)
    con.execute(f"CREATE VIEW v AS {query}")
    con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES ('v', 'features', 'v', 4326)")
    con.execute("INSERT INTO gpkg_geometry_columns VALUES ('v', 'geom', 'POINT', 4326, 0, 0)")
    con.commit()
    con.close()
    return path


NEVER = "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c) SELECT c.i AS fid, p.geom, p.name FROM c, pts p"


@pytest.fixture
def never(tmp_path):
    return _with_view(tmp_path / "never ends.gpkg", NEVER)


def test_listing_a_file_with_an_endless_view_stops_with_a_message(never):
    before = tree_state(never)
    start = time.monotonic()
    with pytest.raises(DataError) as err:
        list_layers(never)
    assert time.monotonic() - start < MAX_VIEW_SECONDS + 5
    assert "'v' did not finish within 5 s" in str(err.value) and str(never) in str(err.value)
    assert tree_state(never) == before


def test_reading_the_view_by_name_stops_too_and_other_layers_still_read(never):
    start = time.monotonic()
    with pytest.raises(DataError, match="may never end"):
        read_layer(never, "v")
    assert time.monotonic() - start < MAX_VIEW_SECONDS + 5
    assert len(read_layer(never, "pts")) == 2


def test_a_quick_view_is_a_layer_like_any_other(tmp_path):
    path = _with_view(tmp_path / "quick.gpkg", "SELECT fid, geom, name FROM pts WHERE name = 'a'")
    assert {i.name: i.feature_count for i in list_layers(path)} == {"pts": 2, "v": 1}


def test_the_command_line_says_it_in_one_line(never):
    out = subprocess.run([sys.executable, "-m", "hegang_map", "layers", str(never)], capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 3
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "did not finish within 5 s" in lines[0] and "Traceback" not in out.stderr


def test_an_endless_table_of_contents_is_refused_too(tmp_path):
    path = _with_view(tmp_path / "contents.gpkg", "SELECT fid, geom, name FROM pts")
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE gpkg_contents RENAME TO g")
    con.execute("CREATE VIEW gpkg_contents AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                "SELECT g.* FROM g, c")
    con.commit()
    con.close()
    for attempt in (lambda: list_layers(path), lambda: read_layer(path, "pts")):
        start = time.monotonic()
        with pytest.raises(DataError, match=r"table of contents \(gpkg_contents\) did not finish within 5 s"):
            attempt()
        assert time.monotonic() - start < MAX_VIEW_SECONDS + 5


def test_describing_many_layers_stops_at_its_budget(tmp_path, monkeypatch):
    from hegang_map.io import read

    path = _with_view(tmp_path / "many.gpkg", "SELECT fid, geom, name FROM pts")
    con = sqlite3.connect(path)
    for i in range(30):
        con.execute(f"CREATE VIEW w{i} AS SELECT fid, geom, name FROM pts")
        con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) VALUES (?, 'features', ?, 4326)",
                    (f"w{i}", f"w{i}"))
        con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', 4326, 0, 0)", (f"w{i}",))
    con.commit()
    con.close()
    assert len(list_layers(path)) == 32
    monkeypatch.setattr(read, "MAX_DESCRIBE_SECONDS", 0.0)
    with pytest.raises(DataError, match=r"describing its 32 layers took more than 0 s \(0 done\)"):
        list_layers(path)
