"""A file that holds less than it says, or a path GDAL cannot take, is said so in words."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point

from hegang_map.io import DataError, read_layer


def test_a_shapefile_whose_table_lists_fewer_records_than_its_shapes_says_so(tmp_path):
    path = tmp_path / "three.shp"
    gpd.GeoDataFrame({"n": [1, 2, 3]}, geometry=[Point(130, 47), Point(130.1, 47.1), Point(130.2, 47.2)],
                     crs=4326).to_file(path)
    one = tmp_path / "one.shp"
    gpd.GeoDataFrame({"n": [1]}, geometry=[Point(130, 47)], crs=4326).to_file(one)
    path.with_suffix(".dbf").write_bytes(one.with_suffix(".dbf").read_bytes())  # the table of one record
    data = read_layer(path)
    assert len(data) == 1
    assert any("states 3 features but only 1 could be read" in n for n in data.attrs["hegang_map_warnings"])


def test_a_shapefile_whose_table_is_a_link_to_another_files_says_so(tmp_path):
    import os

    path = tmp_path / "mine.shp"
    gpd.GeoDataFrame({"n": [1, 2]}, geometry=[Point(130, 47), Point(130.1, 47.1)], crs=4326).to_file(path)
    other = tmp_path / "elsewhere"
    other.mkdir()
    theirs = other / "theirs.shp"
    gpd.GeoDataFrame({"secret": ["a", "b"]}, geometry=[Point(1, 1), Point(2, 2)], crs=4326).to_file(theirs)
    path.with_suffix(".dbf").unlink()
    os.symlink(theirs.with_suffix(".dbf"), path.with_suffix(".dbf"))
    data = read_layer(path)
    assert list(data["secret"]) == ["a", "b"]
    notes = data.attrs["hegang_map_warnings"]
    assert any("mine.dbf is a link to" in n and "theirs.dbf" in n for n in notes), notes
    # A link to its own folder's same-named file (a copy kept elsewhere by name) is no news.
    assert not [n for n in read_layer(theirs).attrs["hegang_map_warnings"] if "link" in n]


@pytest.mark.parametrize("name", ["a\nb.geojson", "tab\t.geojson"])
def test_a_path_with_a_control_character_is_refused_for_what_it_is(tmp_path, name):
    path = tmp_path / name
    path.write_text('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},'
                    '"geometry":{"type":"Point","coordinates":[130.3,47.3]}}]}')
    with pytest.raises(DataError, match="control character"):
        read_layer(path)


def test_a_layer_computing_a_column_with_an_unknown_function_is_not_called_damaged(tmp_path):
    import sqlite3

    path = tmp_path / "gen.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(130, 47)], crs=4326).to_file(path, layer="pts")
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TABLE g2 (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom POINT, name TEXT,
                         x TEXT GENERATED ALWAYS AS (upper(name)) VIRTUAL);
        INSERT INTO g2(geom, name) SELECT geom, name FROM pts;
        INSERT INTO gpkg_contents(table_name, data_type, identifier, srs_id) VALUES ('g2', 'features', 'g2', 4326);
        INSERT INTO gpkg_geometry_columns VALUES ('g2', 'geom', 'POINT', 4326, 0, 0);
        PRAGMA writable_schema=ON;
        UPDATE sqlite_master SET sql = replace(sql, 'upper(name)', 'ogr_version()') WHERE name = 'g2';
        PRAGMA writable_schema=OFF;""")
    con.commit()
    con.close()
    assert len(read_layer(path, "pts")) == 1  # the sound layer reads
    with pytest.raises(DataError) as err:
        read_layer(path, "g2")
    assert "ogr_version" in str(err.value) and "damaged" not in str(err.value)
