"""Small basemap files for the tests: MBTiles, PMTiles, tile folders, GeoTIFFs.

Each raster tile is one flat colour (its zoom's), so a test can ask a
picture which tile it shows; the vector tiles hold a lake and a road.
"""

from __future__ import annotations

import gzip
import io
import sqlite3
from pathlib import Path

import numpy as np
from PIL import Image

#: Colour of every raster tile at zoom z: RED[z % len].
COLORS = [(200, 40, 40), (40, 160, 60), (40, 80, 200), (220, 160, 20), (140, 60, 170), (20, 150, 150)]


def png(color, size: int = 256, fmt: str = "PNG") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), color).save(out, format=fmt)
    return out.getvalue()


def vector_tile() -> bytes:
    import mapbox_vector_tile

    return mapbox_vector_tile.encode([
        {"name": "water", "features": [
            {"geometry": "POLYGON((500 500,500 3500,3500 3500,3500 500,500 500))", "properties": {"class": "lake"}}]},
        {"name": "transportation", "features": [
            {"geometry": "LINESTRING(0 2048,4096 2048)", "properties": {"class": "primary"}}]},
    ], default_options={"y_coord_down": True})


def mbtiles(path: Path, zooms=range(0, 4), fmt: str = "png", metadata: dict | None = None,
            tiles: dict | None = None) -> Path:
    """An MBTiles file with every tile of ``zooms`` (TMS rows), or the ``tiles`` given."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
    db.execute("CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB)")
    meta = {"name": "Sample tiles", "format": fmt, "minzoom": str(min(zooms)), "maxzoom": str(max(zooms)),
            "attribution": "Sample <a href='http://example.invalid'>tiles</a> © test"}
    meta.update(metadata or {})
    db.executemany("INSERT INTO metadata VALUES (?, ?)", [(k, v) for k, v in meta.items() if v is not None])
    if tiles is None:
        tiles = {}
        for z in zooms:
            data = gzip.compress(vector_tile()) if fmt == "pbf" else png(COLORS[z % len(COLORS)],
                                                                          fmt="JPEG" if fmt == "jpg" else "PNG")
            for x in range(2 ** z):
                for y in range(2 ** z):
                    tiles[(z, x, y)] = data
    db.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)",
                   [(z, x, 2 ** z - 1 - y, data) for (z, x, y), data in tiles.items()])
    db.execute("CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row)")  # as the spec has it
    db.commit()
    db.close()
    return path


def pmtiles(path: Path, zooms=range(0, 4), vector: bool = False) -> Path:
    """A PMTiles v3 archive with every tile of ``zooms``."""
    from pmtiles.tile import Compression, TileType, zxy_to_tileid
    from pmtiles.writer import Writer

    with open(path, "wb") as f:
        writer = Writer(f)
        for z in zooms:
            data = gzip.compress(vector_tile()) if vector else png(COLORS[z % len(COLORS)])
            for x in range(2 ** z):
                for y in range(2 ** z):
                    writer.write_tile(zxy_to_tileid(z, x, y), data)
        writer.finalize({
            "tile_type": TileType.MVT if vector else TileType.PNG,
            "tile_compression": Compression.GZIP if vector else Compression.NONE,
            "min_zoom": min(zooms), "max_zoom": max(zooms),
            "min_lon_e7": -1800000000, "min_lat_e7": -850000000, "max_lon_e7": 1800000000, "max_lat_e7": 850000000,
            "center_zoom": 0, "center_lon_e7": 0, "center_lat_e7": 0,
        }, {"name": "Sample archive", "attribution": "Sample archive © test"})
    return path


def tile_folder(path: Path, zooms=range(0, 3), tms: bool = False, fmt: str = "png") -> Path:
    """A folder of ``z/x/y.png`` tiles (``fmt``: png or webp; TMS rows and a tilemapresource.xml with ``tms``)."""
    for z in zooms:
        for x in range(2 ** z):
            (path / str(z) / str(x)).mkdir(parents=True, exist_ok=True)
            for y in range(2 ** z):
                row = 2 ** z - 1 - y if tms else y
                (path / str(z) / str(x) / f"{row}.{fmt}").write_bytes(
                    png(COLORS[(z + (y if tms else 0)) % len(COLORS)], fmt="WEBP" if fmt == "webp" else "PNG"))
    if tms:
        (path / "tilemapresource.xml").write_text("<TileMap/>")
    return path


def geotiff(path: Path, bounds=(130.2, 47.2, 130.5, 47.45), crs: str = "EPSG:4326", size=(600, 500),
            overviews=(2, 4, 8), color=(30, 120, 200), dtype="uint8", bands: int = 3) -> Path:
    """A GeoTIFF of one colour with a white cross through its middle, over ``bounds`` (in ``crs``)."""
    import rasterio
    from affine import Affine

    w, h = size
    data = np.empty((bands, h, w), dtype)
    for i in range(bands):
        data[i] = color[i % len(color)]
    data[:, h // 2 - 3:h // 2 + 3, :] = 255
    data[:, :, w // 2 - 3:w // 2 + 3] = 255
    with rasterio.open(path, "w", driver="GTiff", width=w, height=h, count=bands, dtype=dtype, crs=crs,
                       transform=Affine((bounds[2] - bounds[0]) / w, 0, bounds[0], 0, -(bounds[3] - bounds[1]) / h, bounds[3]), tiled=True, blockxsize=256, blockysize=256) as ds:
        ds.write(data)
        if overviews:
            ds.build_overviews(list(overviews))
    return path
