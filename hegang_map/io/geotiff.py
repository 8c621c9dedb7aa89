"""GeoTIFF basemaps: orthophotos and scanned, georeferenced plans, in any CRS.

Read with rasterio (its own GDAL, set up by
:func:`hegang_map.io.gdal.harden_raster`: the GeoTIFF driver only, no
network, no side files written) and reprojected on the fly into whatever
grid is asked: a Web Mercator tile for the window, the figure's projected
grid for an export. Each request reads from the overview nearest its
resolution; one that would need more than :data:`MAX_READ_PIXELS` source
pixels (a large image with no overviews, seen whole) draws nothing and says
so through :attr:`GeoTiff.too_coarse`, instead of reading gigabytes.
"""

from __future__ import annotations

import math
import os
import threading
import warnings
from pathlib import Path

import numpy as np

from .errors import DataError
from .gdal import harden_raster
from .tiles import MERCATOR_LAT, TileInfo, _refuse
from ..util.i18n import translate

#: TIFF and BigTIFF, either byte order.
TIFF_MAGIC = (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")
#: The most source pixels one request reads (about 200 MB of RGBA).
MAX_READ_PIXELS = 48_000_000
#: The largest image accepted, per side.
MAX_SIDE = 4_000_000
#: The largest block (tile or strip) GDAL would unpack whole to read any pixel of it.
MAX_BLOCK_BYTES = 256 * 1024 * 1024


def is_tiff(head: bytes) -> bool:
    """Whether ``head`` (a file's first bytes) starts a TIFF or BigTIFF file."""
    return head[:4] in TIFF_MAGIC


class GeoTiff:
    """A georeferenced picture opened for drawing.

    Attributes
    ----------
    info : TileInfo
        Its name, bounds in degrees and the zoom levels it is drawn at
        (``format`` is ``tiff``; ``maxzoom``: about one screen pixel per image pixel).
    too_coarse : bool
        Set once a request was refused because it would read too much (see module).
    """

    def __init__(self, path: str | os.PathLike) -> None:
        import rasterio
        from rasterio.errors import NotGeoreferencedWarning, RasterioError
        from rasterio.warp import transform_bounds

        harden_raster()
        path = Path(path)
        try:
            with open(path, "rb") as f:
                head = f.read(8)
        except OSError as exc:
            raise _refuse(path, exc.strerror or str(exc)) from None
        if not is_tiff(head):
            raise _refuse(path, translate("Messages", "it is not a GeoTIFF file"))
        self._path = path
        self._lock = threading.Lock()
        self._levels: dict[int, object] = {}
        self.too_coarse = False
        try:
            with warnings.catch_warnings():  # no map coordinates is said below, in the app's words
                warnings.simplefilter("ignore", NotGeoreferencedWarning)
                ds = rasterio.open(path, driver="GTiff")
        except (RasterioError, OSError, ValueError) as exc:
            raise _refuse(path, translate("Messages", "it is not a complete GeoTIFF file ({reason})").format(
                reason=str(exc))) from None
        self._levels[-1] = ds
        try:
            if ds.crs is None or ds.transform.is_identity:
                raise _refuse(path, translate(
                    "Messages", "it has no map coordinates: georeference it first (in QGIS: Raster › Georeferencer)"))
            if ds.width > MAX_SIDE or ds.height > MAX_SIDE:
                raise _refuse(path, translate("Messages", "it claims an image of {w} × {h} pixels").format(
                    w=ds.width, h=ds.height))
            block_h, block_w = ds.block_shapes[0]
            block = block_h * block_w * ds.count * max(np.dtype(d).itemsize for d in ds.dtypes)
            if block > MAX_BLOCK_BYTES:
                raise _refuse(path, translate(
                    "Messages", "its blocks are {w} × {h} pixels ({size} MB each to unpack): rewrite it tiled "
                    "(gdal_translate -co TILED=YES) with overviews").format(
                    w=block_w, h=block_h, size=format(block / 2 ** 20, ",.0f")))
            if ds.count not in (1, 2, 3, 4) or any(d not in ("uint8", "uint16", "int16", "float32", "float64")
                                                    for d in ds.dtypes):
                raise _refuse(path, translate("Messages", "it has {n} bands of {kind}: the app draws grey, "
                                                          "palette, RGB and RGBA pictures").format(
                    n=ds.count, kind=ds.dtypes[0]))
            try:
                west, south, east, north = transform_bounds(ds.crs, "EPSG:4326", *ds.bounds, densify_pts=21)
            except Exception as exc:  # PROJ's own errors for a CRS it cannot invert
                raise _refuse(path, translate("Messages", "its coordinates cannot be turned into longitude "
                                                          "and latitude ({reason})").format(reason=str(exc))) from None
            if not all(map(math.isfinite, (west, south, east, north))) or west >= east or south >= north:
                raise _refuse(path, translate("Messages", "its bounds enclose nothing"))
            self._overviews = sorted(set(ds.overviews(1)))
            self._scale = self._value_scale(ds)
            # The zoom at which one image pixel is about one screen pixel at its centre latitude.
            lat = (south + north) / 2
            metres = abs(ds.res[0]) * _metres_per_unit(ds.crs, lat)
            maxzoom = int(np.clip(math.ceil(math.log2(156543.03 * math.cos(math.radians(lat)) / max(metres, 1e-3))),
                                  0, 24))
        except DataError:
            ds.close()
            raise
        self.info = TileInfo(path, "geotiff", "tiff", 0, maxzoom,
                             (max(west, -180.0), max(south, -MERCATOR_LAT), min(east, 180.0), min(north, MERCATOR_LAT)),
                             path.stem, None)

    def _value_scale(self, ds) -> tuple[float, float] | None:
        # Pictures of 8-bit values are shown as they are; others are stretched
        # over 2-98% of the values of the smallest overview (a bounded read).
        if all(d == "uint8" for d in ds.dtypes):
            return None
        level = self._open_level(len(ds.overviews(1)) - 1) if ds.overviews(1) else ds
        if level.width * level.height > MAX_READ_PIXELS // 8:
            return (0.0, 255.0 if ds.dtypes[0] == "uint8" else 65535.0)
        data = level.read(1, masked=True).compressed()
        data = data[np.isfinite(data)]
        if data.size == 0:
            return (0.0, 1.0)
        low, high = np.percentile(data, [2, 98])
        return float(low), float(max(high, low + 1e-9))

    def _open_level(self, level: int):
        import rasterio

        if level not in self._levels:
            self._levels[level] = rasterio.open(self._path, driver="GTiff", overview_level=level)
        return self._levels[level]

    def picture(self, crs, transform, width: int, height: int) -> np.ndarray | None:
        """The image drawn into a ``height`` × ``width`` grid of ``crs`` (any
        rasterio/pyproj CRS) placed by the affine ``transform``: RGBA ``uint8``,
        transparent outside the image; ``None`` when it would read too much."""
        from rasterio.enums import ColorInterp, Resampling
        from rasterio.errors import RasterioError
        from rasterio.vrt import WarpedVRT
        from rasterio.warp import transform_bounds

        with self._lock:
            base = self._levels[-1]
            try:
                x0, x1 = transform.c, transform.c + transform.a * width
                y1, y0 = transform.f, transform.f + transform.e * height
                sx0, sy0, sx1, sy1 = transform_bounds(crs, base.crs, x0, y0, x1, y1, densify_pts=11)
            except Exception:
                return None
            if not all(map(math.isfinite, (sx0, sy0, sx1, sy1))):
                return None
            # Image pixels per output pixel: read from the largest overview not coarser than that.
            factor = max((sx1 - sx0) / abs(base.res[0]) / width, (sy1 - sy0) / abs(base.res[1]) / height, 1.0)
            level = max((i for i, f in enumerate(self._overviews) if f <= factor * 1.01), default=-1)
            decimation = self._overviews[level] if level >= 0 else 1
            left, bottom, right, top = base.bounds
            wide = (min(sx1, right) - max(sx0, left)) / abs(base.res[0]) / decimation
            tall = (min(sy1, top) - max(sy0, bottom)) / abs(base.res[1]) / decimation
            if wide <= 0 or tall <= 0:
                return np.zeros((height, width, 4), np.uint8)
            if wide * tall > MAX_READ_PIXELS:
                self.too_coarse = True
                return None
            try:
                src = self._open_level(level) if level >= 0 else base
                # The image's own alpha band, or one the warp adds (from its nodata or mask): last either way.
                own_alpha = ColorInterp.alpha in base.colorinterp
                with WarpedVRT(src, crs=crs, transform=transform, width=width, height=height,
                               resampling=Resampling.bilinear, add_alpha=not own_alpha) as vrt:
                    data = vrt.read()
                colormap = None
                if base.count == 1 and base.colorinterp[0] == ColorInterp.palette:
                    colormap = base.colormap(1)
            except (RasterioError, OSError, ValueError):
                return None
        return _rgba(data, self._scale, colormap)

    def close(self) -> None:
        """Let go of the file."""
        with self._lock:
            for ds in self._levels.values():
                ds.close()
            self._levels.clear()


def _metres_per_unit(crs, lat: float) -> float:
    if crs.is_geographic:
        return 111_320.0 * max(math.cos(math.radians(lat)), 0.01)
    return float(crs.linear_units_factor[1]) if crs.linear_units_factor else 1.0


def _rgba(data: np.ndarray, scale, colormap) -> np.ndarray:
    """Bands, the alpha band last, as an RGBA picture."""
    bands = data[:-1]
    # 0/255 for 8-bit pictures, 0/65535 for 16-bit: opaque is anything above 0.
    alpha = np.where(data[-1] > 0, 255, 0).astype(np.uint8)
    if scale is not None:
        low, high = scale
        bands = np.clip((bands.astype(np.float64) - low) / (high - low) * 255, 0, 255)
    bands = bands.astype(np.uint8)
    h, w = alpha.shape
    out = np.empty((h, w, 4), np.uint8)
    if colormap is not None:
        table = np.zeros((256, 4), np.uint8)
        for value, rgba in colormap.items():
            if 0 <= value < 256:
                table[value] = rgba
        out[:] = table[bands[0]]
        out[..., 3] = np.minimum(out[..., 3], alpha)
        return out
    if len(bands) < 3:
        out[..., :3] = bands[0][..., None]
    else:
        out[..., :3] = np.moveaxis(bands[:3], 0, -1)
    out[..., 3] = alpha
    return out
