"""Which format a data file is, from its content: the four the app reads, or a refusal.

GDAL would open many more formats, some of which follow what the file says
(a virtual dataset reads other files and URLs, GML fetches its schema). The
app opens GeoPackage, GeoJSON, Shapefile and FlatGeobuf, each recognised by
its first bytes, not by its name; anything else gets a clear refusal before
GDAL sees it. See :mod:`hegang_map.io.gdal` for the rest of the guard.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import DataError
from ..util.i18n import QT_TRANSLATE_NOOP, translate

#: How many bytes of a file the check reads.
HEAD_BYTES = 512

#: The first 16 bytes of every SQLite database (GeoPackages are SQLite).
SQLITE_MAGIC = b"SQLite format 3\x00"
#: GeoPackage ``application_id`` values (1.2 and later, 1.0, 1.1), at byte 68 of the SQLite header.
_GPKG_IDS = (b"GPKG", b"GP10", b"GP11")

_CONVERT = QT_TRANSLATE_NOOP(
    "Messages", "hegang-map opens GeoPackage (.gpkg), GeoJSON, Shapefile (.shp), FlatGeobuf (.fgb) and "
    "GeoParquet, recognised by their content; convert the file to GeoPackage (with QGIS or ogr2ogr) and open that.")


@dataclass(frozen=True)
class Format:
    """A format the app reads: its name for people, its GDAL driver and open options.

    ``note`` is a warning about this particular file that every read of it
    passes on to the user; ``snapshot`` asks for the file to be read from a
    private copy (a GeoPackage with unmerged changes beside it); ``decode``
    is the codec of text that GDAL hands over byte for byte (a Shapefile's,
    see :mod:`hegang_map.io.dbf`).
    """

    name: str
    driver: str
    open_options: dict = field(default_factory=dict)
    note: str | None = None
    snapshot: bool = False
    decode: str | None = None


#: Read as an immutable database: SQLite then takes no lock and writes nothing.
GEOPACKAGE = Format("GeoPackage", "GPKG", {"IMMUTABLE": "YES"})
GEOJSON = Format("GeoJSON", "GeoJSON")
SHAPEFILE = Format("Shapefile", "ESRI Shapefile")
FLATGEOBUF = Format("FlatGeobuf", "FlatGeobuf")
#: Read by pyarrow, not GDAL (:mod:`hegang_map.io.geoparquet`).
GEOPARQUET = Format("GeoParquet", "")


def sniff(path: Path, head: bytes) -> Format:
    """The format of the file at ``path`` whose first bytes are ``head``.

    Raises
    ------
    DataError
        When the content is none of the four formats, saying what it looks like.
    """
    suffix = path.suffix.lower()
    if head.startswith(SQLITE_MAGIC):
        # Early GeoPackages carry no application_id: a .gpkg name is enough,
        # and a plain SQLite file so named is then refused by the GeoPackage
        # driver itself, which says why.
        if head[68:72] in _GPKG_IDS or suffix == ".gpkg":
            return _geopackage(path)
        raise DataError(translate(
            "Messages", "{path}: an SQLite database that is not a GeoPackage (SpatiaLite and plain SQLite "
            "are not opened). {value}").format(path=path, value=translate("Messages", _CONVERT)))
    if head[:4] == b"PAR1":
        return GEOPARQUET
    if head[:3] == b"fgb" and len(head) >= 8 and head[3] == 3 and head[4:7] == b"fgb":
        return FLATGEOBUF
    if len(head) >= 100 and struct.unpack(">i", head[:4])[0] == 9994 and struct.unpack("<i", head[28:32])[0] == 1000:
        if suffix == ".shp":
            return SHAPEFILE
        # A .shx has the same header; a Shapefile is opened by its .shp.
        raise DataError(translate(
            "Messages", "{path}: part of a Shapefile (its index). Open the .shp file beside it.").format(path=path))
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text[:1] == b"{" and b"gdal_streamed_alg" not in text:
        return GEOJSON
    raise DataError(translate(
        "Messages", "{path}: not a format hegang-map opens: it is {kind}. {advice}").format(
        path=path, kind=translate("Formats", _what(path, head)), advice=translate("Messages", _CONVERT)))


#: What a reader is told when a GeoPackage's -wal file holds changes.
WAL_NOTE = QT_TRANSLATE_NOOP(
    "Messages", "The file has changes not yet merged into it, in the -wal file beside it (another program is "
    "writing it, or it was not closed properly). A private copy of both was read, so the file is left "
    "as it is; changes made since are not shown.")


def _geopackage(path: Path) -> Format:
    # Read as an immutable database: SQLite then takes no lock and writes
    # nothing. With changes in a -wal file, GDAL (even when told the file
    # is immutable) merges the -wal into the database when it closes it and
    # deletes it: a write the user never asked for. Such a file is read from
    # a private copy of both.
    wal = Path(str(path) + "-wal")
    try:
        if wal.is_symlink() or (wal.exists() and not wal.is_file()):
            # SQLite would open it as the file's log (a link: whatever it points at), and GDAL delete it on closing.
            raise DataError(translate(
                "Messages", "{path}: the {name} beside it is not a plain file (a link, folder, device, pipe or socket), so "
                "the GeoPackage is not opened. Move it away and open the file again.").format(
                path=path, name=wal.name))
        pending = wal.is_file() and wal.stat().st_size > 0
    except OSError:
        pending = False
    if pending:
        return replace(GEOPACKAGE, open_options={}, note=WAL_NOTE, snapshot=True)
    return GEOPACKAGE


_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", QT_TRANSLATE_NOOP("Formats", "a PNG image")),
    (b"\xff\xd8\xff", QT_TRANSLATE_NOOP("Formats", "a JPEG image")),
    (b"GIF8", QT_TRANSLATE_NOOP("Formats", "a GIF image")),
    (b"%PDF", QT_TRANSLATE_NOOP("Formats", "a PDF document")),
    (b"PK\x03\x04", QT_TRANSLATE_NOOP("Formats", "a ZIP archive (perhaps a zipped Shapefile or an Office document; unzip it first)")),
    (b"\x1f\x8b", QT_TRANSLATE_NOOP("Formats", "a gzip archive")),
    (b"II*\x00", QT_TRANSLATE_NOOP("Formats", "a TIFF image")),
    (b"MM\x00*", QT_TRANSLATE_NOOP("Formats", "a TIFF image")),
    (b"\xd0\xcf\x11\xe0", QT_TRANSLATE_NOOP("Formats", "an old Office document")),
]


def _what(path: Path, head: bytes) -> str:
    """What a file looks like, for a refusal (``describe`` with XML made specific)."""
    kind = describe(head)
    if b"gdal_streamed_alg" in head:
        return QT_TRANSLATE_NOOP("Formats", "a GDAL pipeline (.gdalg), which runs GDAL commands that may read other files or the network")
    if kind == "XML or HTML text":
        low = head.lower()
        if b"<ogrvrtdatasource" in low or b"<vrtdataset" in low:
            return QT_TRANSLATE_NOOP("Formats", "a GDAL virtual dataset (VRT), which reads other files and may reach the network")
        if b"gml" in low or b"wfs" in low:
            return QT_TRANSLATE_NOOP("Formats", "GML, whose schema GDAL would download")
        if b"<kml" in low:
            return QT_TRANSLATE_NOOP("Formats", "KML")
    return kind


def describe(head: bytes) -> str:
    """What a file whose first bytes are ``head`` looks like ("a PNG image", "JSON text" ...)."""
    for magic, name in _MAGIC:
        if head.startswith(magic):
            return name
    if head.startswith(SQLITE_MAGIC):
        return QT_TRANSLATE_NOOP("Formats", "an SQLite database")
    sample = head[:HEAD_BYTES]
    if sample and b"\x00" not in sample:
        try:
            text = sample.decode("utf-8")
        except UnicodeDecodeError:
            text = None
        if text is not None:
            stripped = text.lstrip("\ufeff \t\r\n")
            if stripped.startswith("{") or stripped.startswith("["):
                return QT_TRANSLATE_NOOP("Formats", "JSON text")
            if stripped.startswith("<"):
                return QT_TRANSLATE_NOOP("Formats", "XML or HTML text")
            return QT_TRANSLATE_NOOP("Formats", "a text file")
    return QT_TRANSLATE_NOOP("Formats", "an unknown binary file")
