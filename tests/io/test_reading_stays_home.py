"""Reading a file never reaches out and never writes: each hostile file is
refused in one clear line or read as the plain data it holds, a loopback
listener hears nothing, and the file's folder is byte for byte unchanged."""

from __future__ import annotations

import pytest
from hostile_gdal import CASES, Listener, folder_state

from hegang_map.io import DataError, list_layers, read_layer
from hegang_map.io import gdal as hardening


@pytest.fixture(scope="module")
def listener():
    heard = Listener()
    yield heard
    heard.close()


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_a_hostile_file_is_refused_or_read_without_a_request_or_a_write(case, listener, tmp_path):
    path = case.build(tmp_path, listener.url)
    before = folder_state(tmp_path)
    if case.refused:
        with pytest.raises(DataError) as err:
            read_layer(path)
        message = str(err.value)
        assert "\n" not in message and path.name in message
        assert all(word.lower() in message.lower() for word in case.refused), message
        assert "root:" not in message  # nothing of /etc/passwd
    else:
        names = [info.name for info in list_layers(path)]
        frame = read_layer(path, names[0])
        assert len(frame) == 1 and "from the network" not in frame.to_string()
    assert listener.heard == []
    assert folder_state(tmp_path) == before


def test_only_the_four_formats_have_a_driver():
    assert hardening.harden() == ("ESRI Shapefile", "FlatGeobuf", "GPKG", "GeoJSON")
    assert hardening.guarded()


def test_what_gdal_asks_of_the_network_is_refused_before_a_socket(listener, tmp_path):
    path = CASES["crs_link"].build(tmp_path, listener.url)
    del hardening.refused_urls[:]
    read_layer(path)
    # GDAL did ask for the CRS link (so the guard is what stopped it), and nothing was heard.
    assert any(listener.url in url for url in hardening.refused_urls), hardening.refused_urls
    assert listener.heard == []


def test_network_file_names_are_refused(listener):
    import pyogrio

    for name in (f"/vsicurl/{listener.url}/x.geojson", f"{listener.url}/x.geojson"):
        with pytest.raises(Exception):  # noqa: B017 - GDAL's own error types vary; it must fail
            pyogrio.list_layers(name)
    assert listener.heard == []


def test_a_file_of_thousands_of_layers_is_refused_before_any_is_opened(tmp_path):
    import sqlite3

    import geopandas as gpd
    from shapely.geometry import Point

    path = tmp_path / "many.gpkg"
    gpd.GeoDataFrame({"v": [1]}, geometry=[Point(130, 47)], crs=4326).to_file(path, layer="real", driver="GPKG")
    con = sqlite3.connect(path)
    with con:  # 5,000 entries in the table of contents (opening each would take minutes)
        con.executemany("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
                        "VALUES (?, 'features', ?, 4326)", [(f"t{i}", f"t{i}") for i in range(5000)])
    con.close()
    with pytest.raises(DataError, match="holds 5,001 layers; hegang-map opens files of at most 1,000"):
        list_layers(path)
