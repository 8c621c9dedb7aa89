"""Tile basemaps a user adds: MBTiles, PMTiles and folders of ``{z}/{x}/{y}`` tiles.

Each is recognised by its content (an SQLite database with a ``tiles``
table, a PMTiles v3 header, a folder of numbered folders), opened read-only
(an MBTiles file as an immutable database: no lock, no journal, nothing
written) and read with bounds: a tile's stored and unpacked size, a
directory's size and depth, a query's time. A damaged or hostile file gets
a :class:`~hegang_map.io.errors.DataError` when it is opened, and a tile
that cannot be read is no tile (the map shows what it can).

Tiles are addressed as Leaflet and every web map asks for them: zoom,
column, row from the north (XYZ); the MBTiles rows from the south (TMS) are
turned over here.
"""

from __future__ import annotations

import gzip
import html
import json
import math
import os
import re
import sqlite3
import stat
import threading
import time
import urllib.parse
import zlib
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError
from .formats import SQLITE_MAGIC
from ..util.i18n import translate

#: The largest tile read (stored), and the largest a compressed tile may unpack to.
MAX_TILE_BYTES = 8 * 1024 * 1024
MAX_UNPACKED_BYTES = 32 * 1024 * 1024
#: The largest PMTiles directory (unpacked) and metadata document read.
MAX_DIRECTORY_BYTES = 2 * 1024 * 1024
MAX_METADATA_BYTES = 1024 * 1024
#: PMTiles directory bytes one opened archive parses in all (then it gives no more tiles):
#: directories crafted to be parsed again and again cost seconds each.
DIRECTORY_BUDGET = 32 * 1024 * 1024
#: How long one MBTiles query may run (a ``tiles`` view can be made to run forever), and
#: all of one opened file's queries together (then it gives no more tiles).
QUERY_SECONDS = 1.0
QUERY_BUDGET_SECONDS = 15.0
#: Zoom levels a tile source may claim.
MAX_ZOOM = 24

PMTILES_MAGIC = b"PMTiles"
_IMAGE_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))
_FORMATS = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "webp": "webp", "pbf": "pbf", "mvt": "pbf"}
_PMTILES_TYPES = {1: "pbf", 2: "png", 3: "jpg", 4: "webp"}
#: Web Mercator's latitude limit.
MERCATOR_LAT = 85.0511287798


@dataclass(frozen=True)
class TileInfo:
    """What a tile source says of itself, checked.

    Attributes
    ----------
    path : Path
        The file or folder.
    container : str
        ``mbtiles``, ``pmtiles`` or ``folder``.
    format : str
        ``png``, ``jpg``, ``webp`` (raster tiles) or ``pbf`` (Mapbox vector tiles).
    minzoom, maxzoom : int
        The zoom levels it holds (the map scales the nearest beyond them).
    bounds : tuple of float
        West, south, east, north in degrees (the world where the file does not say).
    name : str
        Its own name, or the file's.
    attribution : str or None
        Its credit, as plain text (the map shows it as text, never as HTML).
    """

    path: Path
    container: str
    format: str
    minzoom: int
    maxzoom: int
    bounds: tuple[float, float, float, float]
    name: str
    attribution: str | None

    @property
    def vector(self) -> bool:
        """Whether the tiles are vector tiles (drawn by the app) rather than pictures."""
        return self.format == "pbf"


def tile_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """West, south, east, north (degrees) of XYZ tile ``z/x/y``."""
    n = 2 ** z

    def lat(row: float) -> float:
        return math.degrees(math.atan(math.sinh(math.pi * (1 - 2 * row / n))))

    return x / n * 360 - 180, lat(y + 1), (x + 1) / n * 360 - 180, lat(y)


def image_format(data: bytes) -> str | None:
    """``png``, ``jpg`` or ``webp`` from a picture's first bytes; ``None`` for anything else."""
    for magic, name in _IMAGE_MAGIC:
        if data.startswith(magic):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def unpack(data: bytes) -> bytes:
    """``data`` with gzip or zlib compression undone, at most :data:`MAX_UNPACKED_BYTES`.

    Raises
    ------
    ValueError
        Damaged compressed data, or more than the limit unpacked.
    """
    if data[:2] == b"\x1f\x8b":
        wbits = 16 + zlib.MAX_WBITS
    elif data[:1] == b"\x78" and len(data) > 1 and (data[0] * 256 + data[1]) % 31 == 0:
        wbits = zlib.MAX_WBITS
    else:
        return data
    unpacker = zlib.decompressobj(wbits)
    try:
        out = unpacker.decompress(data, MAX_UNPACKED_BYTES)
    except zlib.error as exc:
        raise ValueError(f"damaged compressed data: {exc}") from None
    if unpacker.unconsumed_tail:
        raise ValueError("unpacks to more than the limit")
    if unpacker.unused_data.strip(b"\x00"):
        # A second gzip member (or anything else) after the first: other readers would unpack it too.
        raise ValueError("data after the compressed stream")
    return out


def _refuse(path: Path, reason: str) -> DataError:
    shown = str(path) if len(str(path)) <= 300 else str(path)[:150] + "…" + str(path)[-100:]
    reason = reason if reason[-1:] in ".!?)" else reason + "."
    return DataError(translate("Messages", "{path} cannot be used as a basemap: {reason}").format(
        path=shown, reason=reason))


def open_tiles(path: str | os.PathLike) -> "TileSource":
    """Open the tile basemap at ``path``, recognised by its content.

    Raises
    ------
    DataError
        A readable message: missing, not a tile file, damaged, or one that
        claims what it cannot hold.
    """
    path = Path(path)
    try:
        st = path.stat()
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc)) from None
    if stat.S_ISDIR(st.st_mode):
        return FolderTiles(path)
    if not stat.S_ISREG(st.st_mode):
        raise _refuse(path, translate("Messages", "it is not a file or a folder"))
    try:
        with open(path, "rb") as f:
            head = f.read(128)
    except OSError as exc:
        raise _refuse(path, exc.strerror or str(exc)) from None
    if head.startswith(SQLITE_MAGIC):
        return MBTiles(path)
    if head.startswith(PMTILES_MAGIC):
        return PMTiles(path, head)
    raise _refuse(path, translate(
        "Messages", "it is not an MBTiles, PMTiles or GeoTIFF file, nor a folder of z/x/y tiles"))


class TileSource:
    """A tile basemap opened for reading: :attr:`info` and :meth:`tile`.

    Safe to use from several threads. Subclasses read the stored bytes of a
    tile; this class checks and unpacks them.
    """

    info: TileInfo
    #: Set once the source stopped giving tiles because it cost too much (see the budgets above).
    exhausted = False

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        """The tile ``z/x/y`` (XYZ), unpacked: a picture or a vector tile; ``None``
        where the source has none or it cannot be read."""
        if not (self.info.minzoom <= z <= self.info.maxzoom) or not (0 <= x < 2 ** z and 0 <= y < 2 ** z):
            return None
        try:
            data = self._stored(z, x, y)
            if data is None or len(data) > MAX_TILE_BYTES:
                return None
            if self.info.vector:
                return unpack(bytes(data))
            # Only a picture goes to the page as one (never, say, an SVG that links elsewhere).
            return bytes(data) if image_format(data) is not None else None
        except (OSError, ValueError, sqlite3.Error, EOFError, OverflowError, RecursionError, MemoryError):
            return None

    def _stored(self, z: int, x: int, y: int) -> bytes | None:
        raise NotImplementedError

    def close(self) -> None:
        """Let go of the file."""


def _number(value, field: str, path: Path, low: float, high: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not (math.isfinite(number) and low <= number <= high):
        raise _refuse(path, translate("Messages", "its {field} must be a number from {low} to {high}, not {value}")
                      .format(field=field, low=low, high=high, value=str(value)[:40]))
    return number


def _checked_bounds(values, path: Path) -> tuple[float, float, float, float]:
    west = _number(values[0], translate("Messages", "west bound"), path, -180, 180)
    south = _number(values[1], translate("Messages", "south bound"), path, -90, 90)
    east = _number(values[2], translate("Messages", "east bound"), path, -180, 180)
    north = _number(values[3], translate("Messages", "north bound"), path, -90, 90)
    if south >= north or west == east:
        raise _refuse(path, translate("Messages", "its bounds enclose nothing"))
    if west > east:  # across the antimeridian: the map asks for tiles of every longitude
        west, east = -180.0, 180.0
    return west, max(south, -MERCATOR_LAT), east, min(north, MERCATOR_LAT)


def _zooms(low, high, path: Path) -> tuple[int, int]:
    minzoom = int(_number(low, "minzoom", path, 0, MAX_ZOOM))
    maxzoom = int(_number(high, "maxzoom", path, 0, MAX_ZOOM))
    if minzoom > maxzoom:
        raise _refuse(path, translate("Messages", "its minzoom is above its maxzoom"))
    return minzoom, maxzoom


def _text(value, limit: int = 2000) -> str | None:
    if value is None:
        return None
    # Credits are often HTML links: keep their words, as text.
    text = html.unescape(re.sub(r"<[^>]*>", "", str(value)))
    text = " ".join(text.split())[:limit]
    return text or None


WORLD = (-180.0, -MERCATOR_LAT, 180.0, MERCATOR_LAT)


class MBTiles(TileSource):
    """An MBTiles file (SQLite): raster or vector tiles, TMS rows."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        uri = "file:" + urllib.parse.quote(str(path.resolve())) + "?mode=ro&immutable=1"
        try:
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        except sqlite3.Error as exc:
            raise _refuse(path, str(exc)) from None
        self._deadline = 0.0
        self._spent = 0.0
        self._db.set_progress_handler(lambda: 1 if time.monotonic() > self._deadline else 0, 10000)
        # No value larger than a tile may have is ever brought into memory (a view can make gigabytes).
        self._db.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, 2 * MAX_TILE_BYTES)
        try:
            self._query("PRAGMA trusted_schema=OFF")
            self._query("PRAGMA query_only=ON")
            meta = dict(self._query("SELECT name, value FROM metadata LIMIT 1000"))
            first = self._query("SELECT zoom_level, tile_data FROM tiles LIMIT 1")
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise _refuse(path, translate("Messages", "it is not a complete MBTiles file ({reason})").format(
                reason=str(exc))) from None
        if not first:
            self._db.close()
            raise _refuse(path, translate("Messages", "it holds no tiles"))
        fmt = _FORMATS.get(str(meta.get("format", "")).lower())
        sample = first[0][1] if isinstance(first[0][1], bytes) else b""
        if fmt is None:
            fmt = image_format(sample) or ("pbf" if sample[:2] == b"\x1f\x8b" else None)
        if fmt is None:
            self._db.close()
            raise _refuse(path, translate("Messages", "its tiles are neither PNG, JPEG, WebP nor vector tiles"))
        try:
            if "minzoom" in meta and "maxzoom" in meta:
                minzoom, maxzoom = _zooms(meta["minzoom"], meta["maxzoom"], path)
            else:
                try:
                    low, high = self._query("SELECT min(zoom_level), max(zoom_level) FROM tiles")[0]
                except sqlite3.Error as exc:
                    raise _refuse(path, translate("Messages", "it is not a complete MBTiles file ({reason})").format(
                        reason=str(exc))) from None
                minzoom, maxzoom = _zooms(low, high, path)
            bounds = WORLD
            if meta.get("bounds"):
                parts = str(meta["bounds"]).split(",")
                if len(parts) != 4:
                    raise _refuse(path, translate("Messages", "its bounds must be four numbers"))
                bounds = _checked_bounds(parts, path)
        except DataError:
            self._db.close()
            raise
        self.info = TileInfo(path, "mbtiles", fmt, minzoom, maxzoom, bounds,
                             _text(meta.get("name"), 200) or path.stem, _text(meta.get("attribution")))

    def _query(self, sql: str, args: tuple = ()) -> list:
        with self._lock:
            if self._spent > QUERY_BUDGET_SECONDS:
                self.exhausted = True
                raise sqlite3.OperationalError("the file's queries took too long in all")
            started = time.monotonic()
            self._deadline = started + QUERY_SECONDS
            try:
                return self._db.execute(sql, args).fetchall()
            finally:
                self._spent += time.monotonic() - started

    def _stored(self, z: int, x: int, y: int) -> bytes | None:
        rows = self._query("SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                           (z, x, 2 ** z - 1 - y))
        data = rows[0][0] if rows else None
        return data if isinstance(data, bytes) else None

    def close(self) -> None:
        with self._lock:
            self._db.close()


class PMTiles(TileSource):
    """A PMTiles v3 archive: raster or vector tiles, directories read on demand."""

    def __init__(self, path: Path, head: bytes) -> None:
        from pmtiles.tile import Compression, deserialize_header

        try:
            self._fd = os.open(path, os.O_RDONLY)
        except OSError as exc:
            raise _refuse(path, exc.strerror or str(exc)) from None
        self._size = os.fstat(self._fd).st_size
        self._dirs: OrderedDict[int, tuple[int, list]] = OrderedDict()  # offset -> (unpacked bytes, entries)
        self._parsed = 0  # directory bytes parsed in all (DIRECTORY_BUDGET)
        self._lock = threading.Lock()
        try:
            try:
                h = deserialize_header(head[:127]) if len(head) >= 127 else None
            except Exception:  # the library's own exceptions and ValueError for unknown codes
                h = None
            if h is None:
                raise _refuse(path, translate("Messages", "it is not a PMTiles version 3 archive, or its header is damaged"))
            self._header = h
            for start, length in (("root_offset", "root_length"), ("metadata_offset", "metadata_length"),
                                  ("leaf_directory_offset", "leaf_directory_length"),
                                  ("tile_data_offset", "tile_data_length")):
                if h[start] + h[length] > self._size:
                    raise _refuse(path, translate("Messages", "it is cut short: its header points past its end"))
            if h["internal_compression"] not in (Compression.NONE, Compression.GZIP):
                raise _refuse(path, translate("Messages", "its directories use a compression the app cannot read"))
            fmt = _PMTILES_TYPES.get(int(h["tile_type"].value))
            if fmt is None:
                raise _refuse(path, translate("Messages", "its tiles are neither PNG, JPEG, WebP nor vector tiles"))
            if h["tile_compression"] not in (Compression.NONE, Compression.GZIP, Compression.UNKNOWN):
                raise _refuse(path, translate("Messages", "its tiles use a compression the app cannot read"))
            minzoom, maxzoom = _zooms(h["min_zoom"], h["max_zoom"], path)
            bounds = _checked_bounds([h["min_lon_e7"] / 1e7, h["min_lat_e7"] / 1e7,
                                      h["max_lon_e7"] / 1e7, h["max_lat_e7"] / 1e7], path)
            meta = {}
            if 0 < h["metadata_length"] <= MAX_METADATA_BYTES:
                try:
                    raw = self._read(h["metadata_offset"], h["metadata_length"])
                    if h["internal_compression"] == Compression.GZIP:
                        raw = unpack(raw)
                    meta = json.loads(raw)
                except (ValueError, OSError, RecursionError):  # deep nesting too: it is only the name and credit
                    meta = {}
            meta = meta if isinstance(meta, dict) else {}
            self._directory(h["root_offset"], h["root_length"])  # a damaged root is refused now
        except DataError:
            os.close(self._fd)
            raise
        except (ValueError, OSError, EOFError, OverflowError, RecursionError) as exc:
            os.close(self._fd)
            raise _refuse(path, translate("Messages", "its directory is damaged ({reason})").format(
                reason=str(exc))) from None
        self.info = TileInfo(path, "pmtiles", fmt, minzoom, maxzoom, bounds,
                             _text(meta.get("name"), 200) or path.stem, _text(meta.get("attribution")))

    def _read(self, offset: int, length: int) -> bytes:
        data = os.pread(self._fd, length, offset)
        if len(data) != length:
            raise EOFError("cut short")
        return data

    def _directory(self, offset: int, length: int) -> list:
        from pmtiles.tile import Compression, deserialize_directory

        # By offset: a directory read again with another length is the same directory.
        with self._lock:
            if offset in self._dirs:
                self._dirs.move_to_end(offset)
                return self._dirs[offset][1]
            if self._parsed > DIRECTORY_BUDGET:
                self.exhausted = True
                raise ValueError("the archive's directories cost too much to read")
        if length > MAX_DIRECTORY_BYTES:
            raise ValueError("directory too large")
        raw = self._read(offset, length)
        # Unpacked here, bounded and one gzip member only, then handed over as one plain member.
        if self._header["internal_compression"] == Compression.GZIP:
            if raw[:2] != b"\x1f\x8b":
                raise ValueError("a directory that should be gzip data is not")
            raw = unpack(raw)
        if len(raw) > MAX_DIRECTORY_BYTES:
            raise ValueError("directory too large")
        entries = deserialize_directory(gzip.compress(raw, compresslevel=1))
        with self._lock:
            self._parsed += len(raw)
            self._dirs[offset] = (len(raw), entries)
            while sum(size for size, _e in self._dirs.values()) > 4 * MAX_DIRECTORY_BYTES and len(self._dirs) > 1:
                self._dirs.popitem(last=False)
        return entries

    def _stored(self, z: int, x: int, y: int) -> bytes | None:
        from pmtiles.tile import find_tile, zxy_to_tileid

        h = self._header
        tile_id = zxy_to_tileid(z, x, y)
        offset, length = h["root_offset"], h["root_length"]
        for _depth in range(4):  # the format's limit: a loop of directories ends here
            entry = find_tile(self._directory(offset, length), tile_id)
            if entry is None:
                return None
            if entry.run_length:
                return self._read(h["tile_data_offset"] + entry.offset, min(entry.length, MAX_TILE_BYTES + 1))
            offset, length = h["leaf_directory_offset"] + entry.offset, entry.length
        return None

    def close(self) -> None:
        try:
            os.close(self._fd)
        except OSError:
            pass


def _number_name(name: str) -> bool:
    """Whether a folder or file name is a tile number as written: ASCII digits, no leading zero."""
    return name.isascii() and name.isdigit() and len(name) <= 9 and str(int(name)) == name


class FolderTiles(TileSource):
    """A folder of ``{z}/{x}/{y}.png|jpg|webp|pbf`` tiles (XYZ rows; TMS when
    a ``tilemapresource.xml`` or a ``metadata.json`` saying so is beside them,
    as gdal2tiles writes)."""

    def __init__(self, path: Path) -> None:
        self._root = path.resolve()
        try:
            zooms = sorted(int(p.name) for p in self._root.iterdir() if _number_name(p.name) and p.is_dir())
        except OSError as exc:
            raise _refuse(path, exc.strerror or str(exc)) from None
        zooms = [z for z in zooms if z <= MAX_ZOOM]
        if not zooms:
            raise _refuse(path, translate("Messages", "it is not an MBTiles, PMTiles or GeoTIFF file, "
                                                      "nor a folder of z/x/y tiles"))
        meta = {}
        meta_file = self._root / "metadata.json"
        try:
            if meta_file.is_file() and meta_file.stat().st_size <= MAX_METADATA_BYTES:
                meta = json.loads(meta_file.read_text("utf-8"))
        except (OSError, ValueError, RecursionError):
            meta = {}
        meta = meta if isinstance(meta, dict) else {}
        self._tms = (self._root / "tilemapresource.xml").is_file() or str(meta.get("scheme", "")).lower() == "tms"
        fmt = _FORMATS.get(str(meta.get("format", "")).lower())
        self._ext = None
        sample = self._first_tile(zooms[0])
        if sample is None:
            raise _refuse(path, translate("Messages", "it holds no tiles"))
        self._ext = sample.suffix
        fmt = fmt or _FORMATS.get(sample.suffix.lstrip(".").lower())
        if fmt is None:
            raise _refuse(path, translate("Messages", "its tiles are neither PNG, JPEG, WebP nor vector tiles"))
        bounds = WORLD
        if isinstance(meta.get("bounds"), (list, str)):
            parts = meta["bounds"].split(",") if isinstance(meta["bounds"], str) else meta["bounds"]
            if len(parts) == 4:
                bounds = _checked_bounds(parts, path)
        self.info = TileInfo(path, "folder", fmt, zooms[0], zooms[-1], bounds,
                             _text(meta.get("name"), 200) or path.name, _text(meta.get("attribution")))

    def _first_tile(self, z: int) -> Path | None:
        # A few entries are enough to learn the extension: never walk a whole pyramid.
        for column in sorted(self._root.joinpath(str(z)).iterdir())[:16]:
            if column.is_dir() and _number_name(column.name):
                for tile in sorted(column.iterdir())[:16]:
                    if _number_name(tile.stem) and tile.is_file():
                        return tile
        return None

    def _stored(self, z: int, x: int, y: int) -> bytes | None:
        row = 2 ** z - 1 - y if self._tms else y
        target = (self._root / str(z) / str(x) / f"{row}{self._ext}").resolve()
        # A link inside the folder may not lead out of it.
        if self._root not in target.parents or not target.is_file():
            return None
        if target.stat().st_size > MAX_TILE_BYTES:
            return None
        return target.read_bytes()
