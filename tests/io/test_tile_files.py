"""Reading basemap files: every kind, and damaged or hostile ones bounded and refused."""

from __future__ import annotations

import gzip
import os
import sqlite3
import time

import basemap_samples as samples
import numpy as np
import pytest

from hegang_map.export.tile_basemaps import UserBasemap
from hegang_map.io.errors import DataError
from hegang_map.io.tiles import MAX_UNPACKED_BYTES, open_tiles, tile_bounds
from hegang_map.render.tiles import decode_picture


def colour(data: bytes):
    return tuple(decode_picture(data)[128, 128, :3])


def test_mbtiles_rows_are_turned_over_from_tms(tmp_path):
    # Tile 1/0/0 (XYZ, the north-west) is stored as row 1 (TMS).
    path = samples.mbtiles(tmp_path / "a.mbtiles", zooms=[1], tiles={
        (1, 0, 0): samples.png((1, 2, 3)), (1, 0, 1): samples.png((4, 5, 6))})
    source = open_tiles(path)
    assert colour(source.tile(1, 0, 0)) == (1, 2, 3)
    assert colour(source.tile(1, 0, 1)) == (4, 5, 6)
    assert source.tile(1, 1, 0) is None and source.tile(5, 0, 0) is None and source.tile(1, 7, 0) is None
    assert source.info.attribution == "Sample tiles © test"  # the link's words, not its markup


def test_tms_and_xyz_folders_give_the_same_tile(tmp_path):
    xyz = open_tiles(samples.tile_folder(tmp_path / "xyz"))
    tms = open_tiles(samples.tile_folder(tmp_path / "tms", tms=True))
    assert xyz.info.container == tms.info.container == "folder" and xyz.info.maxzoom == 2
    # The TMS sample colours each tile by zoom plus its XYZ row: row 1 of zoom 2 is colour 3.
    assert colour(tms.tile(2, 0, 1)) == samples.COLORS[3]


def test_pmtiles_vector_tiles_are_unpacked(tmp_path):
    source = open_tiles(samples.pmtiles(tmp_path / "v.pmtiles", vector=True))
    assert source.info.vector and source.info.format == "pbf"
    assert source.tile(2, 1, 1) == samples.vector_tile()


def test_a_vector_tile_draws_water_and_roads():
    from hegang_map.render.tiles import vector_tile_picture

    picture = vector_tile_picture(samples.vector_tile(), 256)
    assert tuple(picture[64, 64, :3]) == (0xcf, 0xe0, 0xec)  # inside the lake
    assert picture[5, 5, 3] == 0  # outside everything: transparent
    assert tuple(picture[128, 5, :3]) == (255, 255, 255)  # the road across the middle
    assert vector_tile_picture(b"\x00\xffnot a tile") is None


def test_tile_bounds_of_the_world_and_a_quarter():
    assert tile_bounds(0, 0, 0) == pytest.approx((-180, -85.0511, 180, 85.0511), abs=1e-4)
    assert tile_bounds(1, 1, 0) == pytest.approx((0, 0, 180, 85.0511), abs=1e-4)


@pytest.mark.parametrize("meta, words", [
    ({"minzoom": "3", "maxzoom": "1"}, "minzoom is above"),
    ({"maxzoom": "99"}, "maxzoom must be a number from 0 to 24"),
    ({"bounds": "nan,0,10,10"}, "west bound"),
    ({"bounds": "0,10,5,0"}, "enclose nothing"),
    ({"bounds": "170,-10,-170,10"}, None),  # across the antimeridian: drawn over every longitude
    ({"bounds": "1,2,3"}, "four numbers"),
    ({"format": "tiff"}, None),  # an unknown format name: the tiles themselves say PNG
])
def test_mbtiles_metadata_is_checked(tmp_path, meta, words):
    path = samples.mbtiles(tmp_path / "m.mbtiles", metadata=meta)
    if words is None:
        info = open_tiles(path).info
        assert info.format == "png" and info.bounds[0] < info.bounds[2]
        return
    with pytest.raises(DataError, match=words) as err:
        open_tiles(path)
    assert "m.mbtiles" in str(err.value)


def test_an_mbtiles_tiles_view_that_never_ends_is_cut_off(tmp_path):
    path = tmp_path / "loop.mbtiles"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute("INSERT INTO metadata VALUES ('format', 'png')")
    db.execute("CREATE VIEW tiles AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) "
               "SELECT 0 AS zoom_level, 0 AS tile_column, 0 AS tile_row, x'89504e47' AS tile_data FROM n "
               "WHERE i < 0")
    db.commit()
    db.close()
    started = time.monotonic()
    with pytest.raises(DataError, match="not a complete MBTiles file"):
        open_tiles(path)
    assert time.monotonic() - started < 10


def test_a_tile_that_unpacks_to_gigabytes_is_no_tile(tmp_path):
    bomb = gzip.compress(b"\x00" * (MAX_UNPACKED_BYTES + 1024))
    path = samples.mbtiles(tmp_path / "bomb.mbtiles", zooms=[0], fmt="pbf", tiles={(0, 0, 0): bomb})
    assert open_tiles(path).tile(0, 0, 0) is None


def test_a_tile_folder_link_cannot_lead_out_of_the_folder(tmp_path):
    folder = samples.tile_folder(tmp_path / "tiles", zooms=[0, 1])
    secret = tmp_path / "secret.png"
    secret.write_bytes(samples.png((9, 9, 9)))
    (folder / "1" / "0" / "0.png").unlink()
    os.symlink(secret, folder / "1" / "0" / "0.png")
    source = open_tiles(folder)
    assert source.tile(1, 0, 0) is None and source.tile(1, 1, 1) is not None


def test_pmtiles_header_pointing_past_the_end_is_refused(tmp_path):
    path = samples.pmtiles(tmp_path / "a.pmtiles")
    data = bytearray(path.read_bytes())
    data[8:16] = (len(data) * 4).to_bytes(8, "little")  # root directory offset
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="cut short"):
        open_tiles(path)


def test_pmtiles_with_a_damaged_root_directory_is_refused(tmp_path):
    path = samples.pmtiles(tmp_path / "a.pmtiles")
    data = bytearray(path.read_bytes())
    root = int.from_bytes(data[8:16], "little")
    data[root:root + 4] = b"\x00\x00\x00\x00"
    path.write_bytes(bytes(data))
    with pytest.raises(DataError, match="directory is damaged"):
        open_tiles(path)


@pytest.mark.parametrize("content, words", [
    (b"", "not an MBTiles, PMTiles or GeoTIFF"),
    (b'{"type": "FeatureCollection"}', "not an MBTiles, PMTiles or GeoTIFF"),
    (b"<VRTDataset rasterXSize='1' rasterYSize='1'></VRTDataset>", "not an MBTiles, PMTiles or GeoTIFF"),
    (b"II*\x00" + b"\x00" * 64, "not a complete GeoTIFF"),
])
def test_files_of_other_kinds_are_refused_by_content(tmp_path, content, words):
    path = tmp_path / "map.tif"
    path.write_bytes(content)
    with pytest.raises(DataError, match=words):
        UserBasemap(path)


def test_a_tiff_without_map_coordinates_is_refused(tmp_path):
    from PIL import Image

    path = tmp_path / "scan.tif"
    Image.new("RGB", (50, 40), (10, 20, 30)).save(path)
    with pytest.raises(DataError, match="georeference it first"):
        UserBasemap(path)


def test_geotiff_in_utm_is_drawn_into_web_mercator_tiles(tmp_path):
    basemap = UserBasemap(samples.geotiff(tmp_path / "utm.tif", crs="EPSG:32652",
                                          bounds=(590000, 5220000, 620000, 5250000)))
    west, south, east, north = basemap.info.bounds
    assert 130.0 < west < east < 130.6 and 47.0 < south < north < 47.5
    # A zoom-12 tile at the image's middle: the blue of the sample, opaque.
    lon, lat = (west + east) / 2, (south + north) / 2
    n = 2 ** 12
    x = int((lon + 180) / 360 * n)
    y = int((1 - np.arcsinh(np.tan(np.radians(lat))) / np.pi) / 2 * n)
    data, mime = basemap.tile(12, x, y)
    picture = decode_picture(data)
    assert mime == "image/png" and (picture[..., 3] == 255).mean() > 0.9
    assert tuple(np.median(picture[..., :3].reshape(-1, 3), axis=0)) == (30, 120, 200)
    assert basemap.tile(12, 0, 0) is None  # far away: nothing


def test_a_large_geotiff_without_overviews_is_not_read_whole(tmp_path, monkeypatch):
    import hegang_map.io.geotiff as geotiff

    monkeypatch.setattr(geotiff, "MAX_READ_PIXELS", 10_000)
    basemap = UserBasemap(samples.geotiff(tmp_path / "big.tif", size=(400, 300), overviews=()))
    assert basemap.tile(3, 6, 2) is None  # the tile of Hegang at zoom 3 would read the whole image
    assert basemap.too_coarse


def test_reading_basemap_files_writes_nothing_beside_them(tmp_path):
    files = [samples.mbtiles(tmp_path / "a.mbtiles"), samples.pmtiles(tmp_path / "b.pmtiles"),
             samples.geotiff(tmp_path / "c.tif")]
    before = {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in tmp_path.iterdir()}
    for path in files:
        basemap = UserBasemap(path)
        basemap.tile(2, 3, 1)
        from pyproj import CRS

        basemap.picture(CRS.from_epsg(32652), (550000, 650000), (5200000, 5300000), 64, 64)
        basemap.close()
    assert {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in tmp_path.iterdir()} == before


def test_rasterio_opens_geotiff_only_even_after_warping(tmp_path):
    from hegang_map.io.gdal import harden_raster

    assert harden_raster()
    import rasterio
    from rasterio.errors import RasterioIOError

    UserBasemap(samples.geotiff(tmp_path / "ok.tif")).tile(10, 882, 359)  # warping registers GDAL's VRT classes
    with rasterio.Env() as env:
        assert set(env.drivers()) <= {"GTiff", "VRT"}
    vrt = tmp_path / "passwd.tif"
    vrt.write_text("<VRTDataset rasterXSize='10' rasterYSize='10'><VRTRasterBand dataType='Byte' band='1'>"
                   "<SimpleSource><SourceFilename>/etc/passwd</SourceFilename></SimpleSource>"
                   "</VRTRasterBand></VRTDataset>")
    with pytest.raises(DataError, match="not an MBTiles, PMTiles or GeoTIFF"):
        UserBasemap(vrt)
    with pytest.raises(RasterioIOError):  # and the driver list alone refuses it too
        rasterio.open(vrt, driver="GTiff")
