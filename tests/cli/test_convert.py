"""``hegang-map convert``: a file's coordinates from one Chinese web map frame to another, attributes kept."""

from __future__ import annotations

import hashlib

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Geod
from shapely.geometry import LineString, Point, Polygon

from hegang_map.cli import main

_GEOD = Geod(ellps="WGS84")
# Hegang station and a block of the city as Amap gives them (GCJ-02), and Paris (no shift outside China).
AMAP = [Point(130.2980, 47.3501), Polygon([(130.27, 47.33), (130.31, 47.33), (130.31, 47.36), (130.27, 47.33)]),
        LineString([(130.26, 47.34), (130.32, 47.35)]), Point(2.35, 48.86)]


@pytest.fixture
def amap_gpkg(tmp_path):
    """Two layers of Amap coordinates: one in longitude/latitude, one the same in UTM 52N."""
    path = tmp_path / "amap.gpkg"
    data = gpd.GeoDataFrame({"名称": ["鹤岗站", "街区", "道路", "巴黎"], "年份": [1945, 2010, 2015, 1900]},
                            geometry=AMAP, crs="EPSG:4326")
    data.to_file(path, layer="places")
    data.iloc[:3].to_crs("EPSG:32652").to_file(path, layer="places_utm")
    return path


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _reference_wgs84(geoms):
    """WGS 84 of GCJ-02 geometries by prcoords, an independent implementation (inside China only)."""
    import prcoords

    def one(xy):
        out = []
        for x, y in xy:
            c = prcoords.gcj_wgs_bored(prcoords.Coords(y, x)) if 72 < x < 138 else prcoords.Coords(y, x)
            out.append((c.lon, c.lat))
        return np.array(out)

    return shapely.transform(geoms, one)


def test_a_geopackage_is_converted_layer_by_layer_with_its_attributes_and_crs(amap_gpkg, tmp_path, capsys):
    before = _sha(amap_gpkg)
    out = tmp_path / "wgs.gpkg"
    assert main(["convert", str(amap_gpkg), "--from", "gcj02", "--to", "wgs84", "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "places: 4 features" in printed and "places_utm: 3 features" in printed
    assert _sha(amap_gpkg) == before  # the input is never written
    got = gpd.read_file(out, layer="places")
    assert list(got["名称"]) == ["鹤岗站", "街区", "道路", "巴黎"] and list(got["年份"]) == [1945, 2010, 2015, 1900]
    ref = _reference_wgs84(np.asarray(AMAP, dtype=object))
    for mine, theirs in zip(got.geometry, ref):
        a, b = shapely.get_coordinates(mine), shapely.get_coordinates(theirs)
        assert a.shape == b.shape
        assert _GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])[2].max() < 0.01
    shift = _GEOD.inv(130.2980, 47.3501, got.geometry[0].x, got.geometry[0].y)[2]
    assert 300 < shift < 800  # Amap's offset at Hegang, undone
    assert got.geometry[3].equals(Point(2.35, 48.86))  # Paris: outside China nothing moves
    # The projected layer stays projected, moved by the same shift.
    utm = gpd.read_file(out, layer="places_utm")
    assert utm.crs.to_epsg() == 32652
    assert utm.to_crs(4326).geometry[0].distance(got.geometry[0]) < 1e-7


def test_to_baidu_and_back_returns_the_same_file_within_a_centimetre(amap_gpkg, tmp_path):
    bd, back = tmp_path / "bd.geojson", tmp_path / "back.fgb"
    assert main(["convert", str(amap_gpkg), "--layer", "places", "--from", "gcj02", "--to", "bd09",
                 "--out", str(bd)]) == 0
    assert main(["convert", str(bd), "--from", "bd09", "--to", "gcj02", "--out", str(back)]) == 0
    # A FlatGeobuf's spatial index orders its features along a curve: match them by name.
    a = shapely.get_coordinates(gpd.read_file(amap_gpkg, layer="places").sort_values("名称").geometry.values)
    b = shapely.get_coordinates(gpd.read_file(back).sort_values("名称").geometry.values)
    assert _GEOD.inv(a[:, 0], a[:, 1], b[:, 0], b[:, 1])[2].max() < 0.01


def test_a_shapefile_is_written_in_utf8_with_its_chinese_fields(tmp_path):
    src = tmp_path / "stations.geojson"
    gpd.GeoDataFrame({"站名": ["鹤岗站"]}, geometry=[AMAP[0]], crs="EPSG:4326").to_file(src)
    out = tmp_path / "stations_wgs.shp"
    assert main(["convert", str(src), "--from", "gcj02", "--to", "wgs84", "--out", str(out)]) == 0
    assert out.with_suffix(".cpg").read_text().strip().upper() in ("UTF-8", "UTF8")
    assert list(gpd.read_file(out)["站名"]) == ["鹤岗站"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp folder left


def test_what_cannot_be_converted_is_one_line_and_writes_nothing(amap_gpkg, tmp_path, capsys):
    before = _sha(amap_gpkg)
    # The output is the input.
    assert main(["convert", str(amap_gpkg), "--from", "gcj02", "--to", "wgs84", "--out", str(amap_gpkg)]) == 2
    assert "that is the input" in capsys.readouterr().err
    # Two layers into a format of one.
    assert main(["convert", str(amap_gpkg), "--from", "gcj02", "--to", "wgs84",
                 "--out", str(tmp_path / "x.geojson")]) == 2
    assert "--layer" in capsys.readouterr().err
    # Points, lines and polygons into a Shapefile, which holds one kind.
    assert main(["convert", str(amap_gpkg), "--layer", "places", "--from", "gcj02", "--to", "wgs84",
                 "--out", str(tmp_path / "x.shp")]) == 3
    err = capsys.readouterr().err.strip()
    assert err.startswith("hegang-map: ") and "could not be written" in err and "\n" not in err
    # The same frame twice, an unknown frame.
    assert main(["convert", str(amap_gpkg), "--from", "wgs84", "--to", "wgs84", "--out", str(tmp_path / "y.gpkg")]) == 2
    assert main(["convert", str(amap_gpkg), "--from", "wgs", "--to", "gcj02", "--out", str(tmp_path / "y.gpkg")]) == 2
    capsys.readouterr()
    # A file that is not data.
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json")
    assert main(["convert", str(bad), "--from", "gcj02", "--to", "wgs84", "--out", str(tmp_path / "z.gpkg")]) == 3
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert _sha(amap_gpkg) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["amap.gpkg", "bad.geojson"]
