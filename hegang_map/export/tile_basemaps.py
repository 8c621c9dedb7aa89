"""User basemaps opened for drawing, in the window (tiles) and in exports (pictures).

:class:`UserBasemap` recognises the file by its content: a GeoTIFF, or a
tile source (:mod:`hegang_map.io.tiles`). The window asks a
:class:`UserBasemap` for Web Mercator tiles as PNG or as the stored picture
(:meth:`UserBasemap.tile`); an export asks it for a picture of the figure's
own grid (:meth:`UserBasemap.picture`), at the export's resolution.
"""

from __future__ import annotations

import os
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import numpy as np
from pyproj import CRS

from ..io.errors import DataError
from ..io.geotiff import GeoTiff, is_tiff
from ..io.tiles import TileInfo, open_tiles
from ..render.tiles import (
    PictureLayer,
    decode_picture,
    mercator_bounds,
    png_bytes,
    tile_range,
    vector_tile_picture,
    warp_mosaic,
    zoom_for,
)
from ..util.projection import transformer
from ..util.i18n import translate  # kept last: after any other name, lupdate hands the "#:" below to a message

#: The most tiles an export puts together for one basemap (then it takes a coarser zoom).
MAX_EXPORT_TILES = 400
_MIME = {"png": "image/png", "jpg": "image/jpeg", "webp": "image/webp"}


class UserBasemap:
    """A basemap file opened for drawing.

    Parameters
    ----------
    path : path-like
        An MBTiles, PMTiles or GeoTIFF file, or a folder of ``z/x/y`` tiles.

    Raises
    ------
    DataError
        From opening: a readable message.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        path = Path(path)
        head = b""
        try:
            # Only a regular file is opened to look at: a pipe would block for ever (open_tiles refuses it).
            if stat.S_ISREG(path.stat().st_mode):
                with open(path, "rb") as f:
                    head = f.read(8)
        except OSError:  # open_tiles words the error
            head = b""
        if is_tiff(head):
            self._tiff: GeoTiff | None = GeoTiff(path)
            self._tiles = None
            self.info: TileInfo = self._tiff.info
        else:
            self._tiff = None
            self._tiles = open_tiles(path)
            self.info = self._tiles.info

    @property
    def exhausted(self) -> bool:
        """Whether the file stopped giving tiles because reading it cost too much (crafted or damaged)."""
        return bool(self._tiles is not None and self._tiles.exhausted)

    @property
    def too_coarse(self) -> bool:
        """Whether a view was left blank because the image has no overview small enough."""
        return bool(self._tiff and self._tiff.too_coarse)

    def tile(self, z: int, x: int, y: int, size: int = 256) -> tuple[bytes, str] | None:
        """Tile ``z/x/y`` (XYZ) for the window: picture bytes and their MIME type, or ``None``."""
        if self._tiff is not None:
            left, bottom, right, top = mercator_bounds(z, x, y)
            picture = self._tiff.picture("EPSG:3857", _grid(left, top, (right - left) / size, (top - bottom) / size),
                                         size, size)
            if picture is None or not picture[..., 3].any():
                return None
            return png_bytes(picture), "image/png"
        data = self._tiles.tile(z, x, y)
        if data is None:
            return None
        if self.info.vector:
            picture = vector_tile_picture(data, size)
            return (png_bytes(picture), "image/png") if picture is not None else None
        return data, _MIME[self.info.format]

    def picture(self, crs: CRS, xlim, ylim, width: int, height: int) -> np.ndarray | None:
        """The basemap drawn into the figure's grid: ``width`` × ``height`` pixels
        spanning ``xlim`` × ``ylim`` of ``crs``; RGBA, or ``None`` where nothing shows."""
        if self._tiff is not None:
            transform = _grid(xlim[0], ylim[1], (xlim[1] - xlim[0]) / width, (ylim[1] - ylim[0]) / height)
            return self._tiff.picture(crs.to_wkt(), transform, width, height)
        to_merc = transformer(crs, 3857)
        corners = to_merc.transform(np.array([xlim[0], xlim[1], xlim[0], xlim[1], (xlim[0] + xlim[1]) / 2]),
                                    np.array([ylim[0], ylim[0], ylim[1], ylim[1], (ylim[0] + ylim[1]) / 2]))
        mx, my = np.asarray(corners[0]), np.asarray(corners[1])
        if not (np.isfinite(mx).all() and np.isfinite(my).all()):
            return None
        bounds = (mx.min(), my.min(), mx.max(), my.max())
        z = min(max(zoom_for((bounds[2] - bounds[0]) / width), self.info.minzoom), self.info.maxzoom)
        while True:
            x0, x1, y0, y1 = tile_range(bounds, z)
            if (x1 - x0 + 1) * (y1 - y0 + 1) <= MAX_EXPORT_TILES or z <= self.info.minzoom:
                break
            z -= 1
        if (x1 - x0 + 1) * (y1 - y0 + 1) > MAX_EXPORT_TILES:
            return None
        size = 512 if self.info.vector else 256
        mosaic = np.zeros(((y1 - y0 + 1) * size, (x1 - x0 + 1) * size, 4), np.uint8)
        drawn = False
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                data = self._tiles.tile(z, x, y)
                if data is None:
                    continue
                picture = vector_tile_picture(data, size) if self.info.vector else decode_picture(data)
                if picture is None:
                    continue
                if picture.shape[:2] != (size, size):
                    from PIL import Image

                    picture = np.asarray(Image.fromarray(picture).resize((size, size), Image.BILINEAR))
                mosaic[(y - y0) * size:(y - y0 + 1) * size, (x - x0) * size:(x - x0 + 1) * size] = picture
                drawn = True
        if not drawn:
            return None
        left = mercator_bounds(z, x0, y1)[0], mercator_bounds(z, x0, y1)[1]
        right = mercator_bounds(z, x1, y0)[2], mercator_bounds(z, x1, y0)[3]
        return warp_mosaic(mosaic, (left[0], left[1], right[0], right[1]), to_merc.transform,
                           xlim, ylim, width, height)

    def credit(self) -> str:
        """The credit line: the file's own attribution, or its name."""
        return self.info.attribution or translate("Export", "Basemap: {name}").format(name=self.info.name)

    def close(self) -> None:
        """Let go of the file."""
        if self._tiff is not None:
            self._tiff.close()
        else:
            self._tiles.close()


def _grid(left: float, top: float, xres: float, yres: float):
    """The affine transform of a north-up grid whose top-left corner is (left, top)."""
    from affine import Affine

    return Affine(xres, 0.0, left, 0.0, -yres, top)


@contextmanager
def basemap_pictures(state, allow_missing: bool = False,
                     warnings: list[str] | None = None) -> Iterator[tuple[PictureLayer, ...]]:
    """The visible basemap files of ``state`` opened as figure pictures, bottom
    first; closed when the block ends.

    A file that cannot be read raises :class:`DataError`, or with
    ``allow_missing`` is left out and said in ``warnings``.
    """
    opened: list[UserBasemap] = []
    pictures = []
    try:
        for entry in state.basemap_files:
            if not entry.visible:
                continue
            try:
                source = UserBasemap(entry.path)
            except DataError as exc:
                if not allow_missing:
                    raise DataError(translate("Messages", "{reason} Nothing was written (--allow-missing draws "
                                                          "the map without it).").format(reason=exc)) from None
                if warnings is not None:
                    warnings.append(str(exc))
                continue
            opened.append(source)
            pictures.append(PictureLayer(source.picture, entry.opacity, source.credit()))
        yield tuple(pictures)
        if warnings is not None:
            warnings += [translate("Messages", "{name} has no overviews small enough for this figure: it was "
                                               "left blank. Build overviews (gdaladdo) or export a smaller area.")
                         .format(name=s.info.name) for s in opened if s.too_coarse]
            warnings += [translate("Messages", "{name} cost too much to read (its directories or queries are "
                                               "damaged or made to be slow): parts of it were left blank.")
                         .format(name=s.info.name) for s in opened if s.exhausted]
    finally:
        for source in opened:
            source.close()



