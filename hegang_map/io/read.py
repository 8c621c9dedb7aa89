"""Read vector files with pyogrio, read-only, with readable errors.

Nothing here writes to the user's files: GDAL opens every data source in
read-only mode.
"""

from __future__ import annotations

import logging
import math
import os
import sqlite3
import stat
import time
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

try:
    import pyarrow as pa
except ImportError:  # without it every layer takes the plain, slower reader
    pa = None

from . import dbf, gdal, memory
from .errors import DataError, ReadCancelled, one_line
from ..model.sources import PgTable, is_postgres
from .formats import GEOJSON, GEOPARQUET, HEAD_BYTES, SQLITE_MAGIC, Format, describe, sniff
from ..model import checks
from ..model.titles import ANY, TITLES, TITLES_URI, Titles
from ..util.i18n import LANGUAGES, QT_TRANSLATE_NOOP, translate
from .wkb import MAX_NESTING, MIN_DEEP_BYTES, nests_too_deep

_log = logging.getLogger(__name__)

gdal.harden()

#: File endings the Open dialog offers (the content decides the format).
VECTOR_SUFFIXES = (".gpkg", ".geojson", ".json", ".shp", ".fgb", ".parquet", ".geoparquet")

#: The most layers a file may hold to be opened.
MAX_LAYERS = 1000
#: Seconds the views of one GeoPackage may take, together, to count their rows.
MAX_VIEW_SECONDS = 5.0
#: Seconds describing every layer of one file may take (GDAL opens the file
#: once per layer: about 0.2 s each for a GeoPackage of 1,000 layers).
MAX_DESCRIBE_SECONDS = 60.0
_SLOW_CONTENTS = ("its table of contents (gpkg_contents) did not finish within {s:.0f} s: it may be a view that "
                  "never ends, so the file is not opened. Export the layers you need to a new GeoPackage.")

_CHUNK = 100_000
_WKB_SLICE = 8_192

#: Key of ``GeoDataFrame.attrs`` under which :func:`read_layer` leaves what it
#: assumed or skipped; display code adds these to the layer's warnings.
READ_WARNINGS = "hegang_map_warnings"

@dataclass(frozen=True)
class LayerInfo:
    """What a file says about one of its layers, without reading features.

    ``bounds`` is (minx, miny, maxx, maxy) in the layer's own CRS, or ``None``.
    """

    name: str
    geometry_type: str | None
    feature_count: int
    crs: str | None
    bounds: tuple[float, float, float, float] | None
    #: ``gpkg_contents`` identifier and description (untrusted text), if any.
    title: str | None = None
    description: str | None = None
    #: (name, type) of each attribute field, as the layer is read.
    fields: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict:
        """Return the keys the CLI prints with ``--json``."""
        return {
            "name": self.name,
            "geometry_type": self.geometry_type,
            "feature_count": self.feature_count,
            "crs": self.crs,
            "bounds": list(self.bounds) if self.bounds else None,
            "fields": [{"name": n, "type": t} for n, t in self.fields],
        }


@dataclass(frozen=True)
class _Source:
    """A file checked for reading: its path, the name GDAL is given, its format
    (and for a Shapefile, how its text encoding was decided)."""

    path: Path
    gdal: str
    format: Format
    encoding: dbf.DbfEncoding | None = None

    def __str__(self) -> str:
        return str(self.path)


def why_absent(path: Path) -> str:
    """What is at ``path`` instead of a data file, in words that end a sentence."""
    try:
        if path.is_symlink() and not path.exists():
            return translate("Messages", "is a link that leads nowhere (broken, or a loop of links)")
        if path.is_dir():
            return translate("Messages", "is a folder, not a data file")
        if path.exists() and not path.is_file():
            return translate("Messages", "is not a regular file (a device or a pipe)")
    except OSError as exc:
        return translate("Messages", "cannot be looked up ({reason})").format(reason=_reason(exc))
    except ValueError:
        return translate("Messages", "is not a usable file name")
    return translate("Messages", "is not found")


def check_readable(path: str | os.PathLike) -> Path:
    """Raise :class:`DataError` unless ``path`` is a readable, non-empty file
    in a format the app reads (recognised by its content).

    Returns the path as a :class:`~pathlib.Path`. Only reads: the file is
    opened read-only and never changed.
    """
    return _source(path).path


def _source(path: str | os.PathLike, encoding: str | None = None) -> _Source:
    try:
        p = Path(path)
        exists = p.exists()
    except (ValueError, TypeError, OSError) as exc:  # NUL bytes, names too long ...
        raise DataError(translate(
            "Messages", "{path}: not a usable file name ({reason}). Check the path.").format(path=_show(path), reason=_reason(exc))) from None
    if not exists and p.is_symlink():
        raise DataError(translate(
            "Messages", "{path}: {why_absent}. Open the file the link was meant to point at.").format(path=p, why_absent=why_absent(p)))
    if not exists:
        where = (translate("Messages", "the folder does not exist either") if not p.parent.exists()
                 else translate("Messages", "the folder exists but the file is not there"))
        raise DataError(
            translate(
                "Messages", "{path}: no such file ({where}). Check the path, or open the file from its new "
                "place.").format(path=p, where=where)
        )
    if p.is_dir():
        raise DataError(
            translate(
                "Messages", "{path}: this is a folder, not a data file. Open a .gpkg, .geojson, .shp or .fgb "
                "file inside it.").format(path=p)
        )
    try:
        mode = p.stat().st_mode
    except OSError as exc:
        raise DataError(translate(
            "Messages", "{path}: cannot be read ({reason}). Check that the file is still there.").format(path=p, reason=_reason(exc))) from None
    if not stat.S_ISREG(mode):
        raise DataError(translate(
            "Messages", "{path}: not a regular file (a device, pipe or socket). Open a data file instead.").format(path=p))
    if not os.access(p, os.R_OK):
        raise DataError(
            translate(
                "Messages", "{path}: permission denied. Ask for read access to the file, or copy it "
                "somewhere readable.").format(path=p)
        )
    try:
        size = p.stat().st_size
        with open(p, "rb") as fh:
            head = fh.read(HEAD_BYTES)
    except PermissionError:
        raise DataError(
            translate(
                "Messages", "{path}: permission denied. Ask for read access to the file, or copy it "
                "somewhere readable.").format(path=p)
        ) from None
    except OSError as exc:
        raise DataError(translate(
            "Messages", "{path}: cannot be read ({reason}). Check the disk or copy the file again.").format(path=p, reason=_reason(exc))) from None
    if size == 0:
        raise DataError(
            translate(
                "Messages", "{path}: the file is empty (0 bytes). It may have been cut off while copying; "
                "copy it again.").format(path=p)
        )
    if p.suffix.lower() in (".gpkg", ".sqlite") and not head.startswith(SQLITE_MAGIC):
        kind = "GeoPackage" if p.suffix.lower() == ".gpkg" else "SQLite database"
        if SQLITE_MAGIC.startswith(head):
            raise DataError(
                translate(
                    "Messages", "{path}: the file is damaged (cut off after {size} bytes). Restore it from a "
                    "backup or copy it again.").format(path=p, size=size)
            )
        raise DataError(
            translate(
                "Messages", "{path}: not a {kind}: it is {describe}, not an SQLite database. It may be "
                "another file renamed to {suffix}; open the original file instead.").format(path=p, kind=kind, describe=translate("Formats", describe(head)), suffix=p.suffix)
        )
    fmt = sniff(p, head)
    text = None
    if fmt.driver == "ESRI Shapefile":
        _check_prj(p)
        try:
            text = dbf.decide(p, encoding)
        except LookupError:
            raise DataError(translate(
                "Messages", "{path}: {name} is not a text encoding hegang-map knows (for Chinese files: GB18030, "
                "GBK, Big5 or UTF-8).").format(path=p, name=repr(str(encoding)[:40]))) from None
        if text is not None:
            # GDAL hands the text over byte for byte; it is decoded here (dbf).
            fmt = replace(fmt, open_options={"ENCODING": "ISO-8859-1"}, decode=text.codec)
    src = _Source(p, _gdal_name(p), fmt, text)
    return _snapshot(src) if fmt.snapshot else src


#: Largest .prj a Shapefile may carry (a CRS definition is a few hundred bytes).
MAX_PRJ_BYTES = 1 << 20
#: The longest title or description of a layer or field that is kept.
MAX_TITLE = 2000
#: The most metadata (as referenced) a GeoPackage may hold for GDAL to read when it opens it.
MAX_METADATA_BYTES = 64 << 20
#: The longest title record (JSON) read from a GeoPackage's metadata.
MAX_TITLE_RECORD = 20_000
#: Fields a layer may have (SQLite, and so a GeoPackage, allows 2,000 columns).
MAX_FIELDS = 2000
#: The largest -wal beside a GeoPackage that is copied to read it (when larger than the file itself).
MAX_WAL_BYTES = 256 << 20


#: The files GDAL reads beside a .shp (each in either case).
_SHAPEFILE_PARTS = (".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx")


def _check_prj(p: Path) -> None:
    """Refuse a Shapefile whose files beside it are not regular files, or whose .prj is too large.

    GDAL reads the .dbf, .cpg, .prj ... by name: a pipe there would block
    the read for ever and a device never end it.
    """
    for part in (p.with_suffix(s) for suffix in _SHAPEFILE_PARTS for s in (suffix, suffix.upper())):
        try:
            special = part.exists() and not part.is_file()
        except OSError:
            special = False
        if special:
            raise DataError(translate(
                "Messages", "{path}: its {name} beside it is a device, pipe or socket, not a file, so the "
                "Shapefile is not opened. Put the real {name} there and open it again.").format(path=p, name=part.name))
    for prj in (p.with_suffix(".prj"), p.with_suffix(".PRJ")):
        try:
            size = prj.stat().st_size
        except OSError:
            continue
        if size > MAX_PRJ_BYTES:
            raise DataError(translate(
                "Messages", "{path}: its {name} is {value} MB, and a CRS definition is a few hundred bytes, "
                "so the Shapefile is not opened. Replace the .prj with the right one (or delete "
                "it) and open the file again.").format(path=p, name=prj.name, value=format(size / 2 ** 20, ',.0f')))


def _snapshot(src: _Source) -> _Source:
    """The same source, with GDAL pointed at a private copy of the file and its -wal.

    The copy lives as long as the returned source (one listing or one
    read); GDAL may merge and delete the copy's -wal, never the user's.
    """
    import shutil
    import tempfile
    import weakref

    try:
        size, wal = src.path.stat().st_size, Path(str(src.path) + "-wal").stat().st_size
    except OSError as exc:
        raise DataError(translate(
            "Messages", "{path}: cannot be read ({reason}).").format(path=src.path, reason=_reason(exc))) from None
    # A -wal larger than the file (a sparse one costs no disk) would be copied whole.
    if wal > max(MAX_WAL_BYTES, size):
        raise DataError(translate(
            "Messages", "{path}: the -wal file beside it holds {value} MB of unmerged changes, more than the "
            "file itself and more than hegang-map copies to read them ({value2} MB). Open it "
            "once the program writing it has merged them (closing it does), or move the -wal "
            "away if no program writes the file.").format(path=src.path, value=format(wal / 2 ** 20, ',.0f'), value2=MAX_WAL_BYTES // 2 ** 20))
    if shutil.disk_usage(tempfile.gettempdir()).free < size + wal + (64 << 20):
        raise DataError(translate(
            "Messages", "{path}: cannot be read: the file has unmerged changes beside it, and a private copy "
            "of both ({value} MB) does not fit in the free space of {value2}. Free some disk "
            "space, or open the file once the program writing it has closed it.").format(path=src.path, value=format((size + wal) / 2 ** 20, ',.0f'), value2=tempfile.gettempdir()))
    folder = Path(tempfile.mkdtemp(prefix="hegang-map-snapshot-"))
    copy = folder / "snapshot.gpkg"
    try:
        shutil.copyfile(src.path, copy)
        shutil.copyfile(str(src.path) + "-wal", str(copy) + "-wal")
    except OSError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        raise DataError(translate(
            "Messages", "{path}: cannot be read ({reason}): the file has unmerged changes beside it and no "
            "private copy of both could be made. Free some disk space, or open the file once the "
            "program writing it has closed it.").format(path=src.path, reason=_reason(exc))) from None
    snap = _Source(src.path, str(copy), src.format, src.encoding)
    weakref.finalize(snap, shutil.rmtree, folder, True)
    return snap


def _gdal_name(p: Path) -> str:
    """The absolute path as GDAL is to see it; refused when pyogrio would read it as something else."""
    from pyogrio.util import vsi_path

    name = str(p.absolute())
    if any(ord(c) < 0x20 or ord(c) == 0x7f for c in name):
        # pyogrio takes such a name for something else (and would say "archive").
        raise DataError(translate(
            "Messages", "{path}: the path holds a control character (a line break or a tab), which GDAL "
            "cannot open. Rename the file or its folder and open it again.").format(path=repr(str(p))))
    if vsi_path(name) != name:
        # pyogrio reads "a!b" and "x.zip" as paths into an archive: another file.
        raise DataError(translate(
            "Messages", "{path}: a '!' in the path (or a name ending in .zip) makes GDAL read it as a path "
            "inside an archive. Rename the file or its folder and open it again.").format(path=p))
    return name


def _show(path) -> str:
    try:
        text = os.fsdecode(path)
    except Exception:  # noqa: BLE001 - anything that is not a path
        text = repr(path)
    return text.replace("\x00", "\\0")[:300]


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def list_layers(path: str | os.PathLike, encoding: str | None = None) -> list[LayerInfo]:
    """Describe every layer of a data file.

    ``encoding``: the text encoding of a Shapefile, as the user names it
    (``GB18030``, ``GBK``, ``UTF-8`` ...); decided from the file when omitted
    (:mod:`hegang_map.io.dbf`).

    Raises
    ------
    DataError
        When the file cannot be opened, is not a vector data source, or holds
        no layer with geometry.
    """
    if is_postgres(path):  # a PostGIS database (its tables) or one table of it
        return _postgres_layers(path)
    src = _source(path, encoding)
    if src.format is GEOPARQUET:
        from . import geoparquet

        return geoparquet.describe(src.path)
    p = src.path
    deadline = time.monotonic() + MAX_DESCRIBE_SECONDS
    names = _names(src)
    infos = []
    for name, _gtype in names:
        if time.monotonic() > deadline:
            raise DataError(translate(
                "Messages", "{path}: describing its {value} layers took more than {max_describe_seconds} s "
                "({value2} done), so the file is not opened. Export the layers you need to a new "
                "GeoPackage.").format(path=p, value=format(len(names), ','), max_describe_seconds=format(MAX_DESCRIBE_SECONDS, '.0f'), value2=format(len(infos), ',')))
        infos.append(_layer_info(src, name))
    if not any(i.geometry_type for i in infos):
        tables = ", ".join(repr(i.name) for i in infos[:5]) + (" ..." if len(infos) > 5 else "")
        raise DataError(
            translate(
                "Messages", "{path}: no layer with geometry: its {value} table(s) ({tables}) hold no shapes, "
                "so there is nothing to draw. Open a file with map layers, or join the table to "
                "one.").format(path=p, value=len(infos), tables=tables)
        )
    return infos


def spatial_layer_names(path: str | os.PathLike) -> list[str]:
    """Names of the layers with geometry in a data file, in file order: what
    :func:`list_layers` finds, without counting features (for the start-up).

    Raises
    ------
    DataError
        As :func:`list_layers`, except that a file without any layer with
        geometry gives an empty list.
    """
    return [name for name, gtype in _names(_source(path)) if gtype]


def _names(src: _Source) -> list[tuple[str, str | None]]:
    """(name, geometry type or None) of every layer; DataError when there are none."""
    p = src.path
    try:
        if src.format.driver == "GPKG":
            # Our own immutable, time-bounded listing: pyogrio's takes no open
            # options, and GDAL's would wait for ever on an endless contents view.
            names = _geopackage_names(p)
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                names = pyogrio.list_layers(src.gdal)
    except DataError:
        raise
    except Exception as exc:  # GDAL raises several types; all mean "unreadable"
        raise DataError(_explain(p, exc)) from None
    if len(names) == 0:
        if src.format.driver != "GPKG":
            raise DataError(translate(
                "Messages", "{path}: GDAL finds no layer in this {name} file: its header is damaged or "
                "describes data the file does not hold (a feature count or index that does not "
                "match). Export it again from the program that made it.").format(path=p, name=src.format.name))
        raise DataError(_diagnose_sqlite(p) or f"{p}: the file holds no layers. "
                        "If it is a GeoPackage, it may be an empty template; open a file with data.")
    if len(names) > MAX_LAYERS:
        # Each would be opened and counted, and listed in the layer checklist.
        raise DataError(translate(
            "Messages", "{path}: the file holds {value} layers; hegang-map opens files of at most "
            "{max_layers}. Export the layers you need to a new GeoPackage.").format(path=p, value=format(len(names), ','), max_layers=format(MAX_LAYERS, ',')))
    if src.format.driver == "GPKG":
        _time_views(p, names)
    return [(str(name), str(gtype) if gtype else None) for name, gtype in names]


def _open_geopackage(p: Path) -> sqlite3.Connection:
    """The GeoPackage as a read-only, immutable SQLite database (reading never writes)."""
    return sqlite3.connect("file:" + _uri_path(p) + "?mode=ro&immutable=1", uri=True, timeout=1.0)


def _geopackage_names(p: Path) -> list[tuple[str, str | None]]:
    """(table, geometry type or None) of a GeoPackage's layers, read as an immutable database."""
    con = _open_geopackage(p)
    _bound(con, MAX_VIEW_SECONDS)
    try:
        rows = con.execute(
            "SELECT c.table_name, g.geometry_type_name FROM gpkg_contents c "
            "LEFT JOIN gpkg_geometry_columns g ON g.table_name = c.table_name "
            "WHERE c.data_type IN ('features', 'attributes') ORDER BY c.rowid").fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc).lower():
            raise DataError(f"{p}: " + _SLOW_CONTENTS.format(s=MAX_VIEW_SECONDS)) from None
        raise
    try:
        _check_metadata(con, p)
    finally:
        con.close()
    return [(str(name), str(gtype) if gtype else None) for name, gtype in rows]


def _check_metadata(con: sqlite3.Connection, p: Path) -> None:
    """Refuse a GeoPackage whose metadata records, as referenced, are more than GDAL should read.

    GDAL reads every referenced record when it opens a layer, once per
    reference: one 20 MB record referenced 300 times took 45 s and 6 GB.
    """
    try:
        total = con.execute(
            "SELECT SUM(length(CAST(m.metadata AS BLOB))) FROM gpkg_metadata_reference r "
            "JOIN gpkg_metadata m ON m.id = r.md_file_id").fetchone()[0] or 0
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc).lower():
            return  # no metadata tables (most files), or damaged ones GDAL will name
        total = MAX_METADATA_BYTES + 1
    except (sqlite3.Error, OverflowError):
        return
    if total > MAX_METADATA_BYTES:
        raise DataError(translate(
            "Messages", "{path}: its metadata records come to more than {limit} MB as the file references them, "
            "and GDAL reads them all on opening, so the file is not opened. Export the layers you need to a new "
            "GeoPackage.").format(path=p, limit=MAX_METADATA_BYTES >> 20))


def _geopackage_titles(p: Path, layer: str) -> Titles:
    """The titles a GeoPackage gives ``layer`` and its fields (:mod:`hegang_map.model.titles`).

    Read as an immutable database, within :data:`MAX_VIEW_SECONDS`; tables a
    file lacks, or holds damaged, give no titles rather than an error (the
    titles are a courtesy of the file, the data is what is read).
    """
    import json

    con = _open_geopackage(p)
    _bound(con, MAX_VIEW_SECONDS)
    layer_titles: dict = {}
    descriptions: dict = {}
    fields: dict = {}

    def rows(sql: str, *args):
        try:
            return con.execute(sql, args).fetchall()
        except (sqlite3.Error, OverflowError):
            return []

    def text(value) -> str | None:
        return checks.utf8(value.strip()[:MAX_TITLE]) if isinstance(value, str) and value.strip() else None

    try:
        # Bounded in the query itself (rows and lengths): a file may make
        # these tables endless views or join one huge record many times.
        for identifier, description in rows(
                "SELECT substr(identifier, 1, ?), substr(description, 1, ?) FROM gpkg_contents WHERE table_name=? "
                "LIMIT 1", MAX_TITLE, MAX_TITLE, layer):
            if text(identifier) and text(identifier) != layer:
                layer_titles[ANY] = text(identifier)
            if text(description):
                descriptions[ANY] = text(description)
        for column, title in rows("SELECT substr(column_name, 1, 1000), substr(title, 1, ?) FROM gpkg_data_columns "
                                  "WHERE table_name=? LIMIT ?", MAX_TITLE, layer, MAX_FIELDS):
            if isinstance(column, str) and text(title) and text(title) != column:
                fields.setdefault(column, {})[ANY] = text(title)
        for column, metadata in rows(
                "SELECT substr(r.column_name, 1, 1000), m.metadata FROM gpkg_metadata_reference r "
                "JOIN gpkg_metadata m ON m.id = r.md_file_id WHERE r.table_name=? AND m.md_standard_uri=? "
                "AND m.mime_type=? AND length(m.metadata) <= ? LIMIT ?",
                layer, TITLES_URI, "application/json", MAX_TITLE_RECORD, MAX_FIELDS + 1):
            try:
                doc = json.loads(metadata) if isinstance(metadata, str) else None
            except (ValueError, RecursionError):
                doc = None
            if not isinstance(doc, dict):
                continue
            for key, into in (("title", layer_titles if column is None else fields.setdefault(column, {})),
                              ("description", descriptions if column is None else {})):
                by_lang = doc.get(key)
                if isinstance(by_lang, dict):
                    into.update({lang: text(v) for lang, v in by_lang.items() if lang in LANGUAGES and text(v)})
    finally:
        con.close()
    return Titles(layer_titles, descriptions, {k: v for k, v in fields.items() if v})


def _bound(con: sqlite3.Connection, seconds: float) -> None:
    """Make every statement on ``con`` stop (OperationalError "interrupted") after ``seconds``."""
    deadline = time.monotonic() + seconds
    con.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)


def _time_views(p: Path, names: list) -> None:
    """Refuse a GeoPackage whose view layers do not finish counting within :data:`MAX_VIEW_SECONDS`.

    A layer may be a view, whose query can be made to run for ever (a
    recursive one that never stops, or a join of millions by millions):
    GDAL would count it and then read it, without end and beyond Cancel.
    Each view is counted here first, read-only, under one budget for the file.
    """
    con = _open_geopackage(p)
    try:
        found = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'view'")}
    except sqlite3.Error:
        con.close()
        return  # a damaged file: GDAL's reading says so
    views = [str(name) for name, _ in names if name in found]
    _bound(con, MAX_VIEW_SECONDS)
    try:
        for view in views:
            quoted = view.replace('"', '""')
            try:
                con.execute(f'SELECT COUNT(*) FROM "{quoted}"').fetchone()
            except sqlite3.Error as exc:
                if "interrupt" in str(exc).lower():
                    raise DataError(
                        translate(
                            "Messages", "{path}: the view {view} did not finish within {max_view_seconds} s "
                            "(its query may never end), so the file is not opened. Export the "
                            "layers you need to a new GeoPackage.").format(path=p, view=repr(view), max_view_seconds=format(MAX_VIEW_SECONDS, '.0f'))) from None
                # Anything else (a GDAL SQL function plain SQLite lacks) is GDAL's to judge.
    finally:
        con.close()


def _layer_info(src: _Source, name: str, notes: list[str] | None = None) -> LayerInfo:
    p = src.path
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            info = pyogrio.read_info(src.gdal, layer=name, force_feature_count=True, force_total_bounds=True,
                                     **src.format.open_options)
    except Exception as exc:
        raise DataError(_explain(p, exc, name)) from None
    if info.get("driver") != src.format.driver:
        # The content said one format and GDAL opened another: refuse what nobody checked.
        raise DataError(translate(
            "Messages", "{path}: GDAL read it as {value}, not as the {name} its content shows. Convert it to "
            "GeoPackage and open that.").format(path=p, value=str(info.get('driver')), name=src.format.name))
    if notes is not None:
        _collect(notes, caught)
        note = translate("Messages", src.format.note) if src.format.note else ""
        if note and note not in notes:
            notes.insert(0, note)
    fields = len(info.get("fields", ()) if info.get("fields") is not None else ())
    if fields > MAX_FIELDS:
        # Every feature is read as a row of every field: 6,000 GeoJSON features
        # of 50 keys each of their own are 300,000 fields and some 1.8 billion cells.
        raise DataError(translate(
            "Messages", "{path}:{layer}: the layer has {fields} fields; hegang-map reads layers of at most "
            "{max_fields} (a GeoPackage holds at most 2,000). Keep the fields you need (with "
            "QGIS or ogr2ogr -select) and open that.").format(path=p, layer=name, fields=format(fields, ','), max_fields=format(MAX_FIELDS, ',')))
    bounds = info.get("total_bounds")
    if bounds is not None:
        try:
            bounds = tuple(float(b) for b in bounds)
        except (TypeError, ValueError):
            bounds = None
        if bounds is not None and (len(bounds) != 4 or not all(math.isfinite(b) for b in bounds)):
            bounds = None
    meta = info.get("layer_metadata") or {}
    names = [str(n) for n in (info.get("fields") if info.get("fields") is not None else ())]
    if src.format.decode:
        names = [dbf.decode_name(n.encode("latin-1"), src.format.decode)[0] for n in names]
    types = [str(t) for t in (info.get("dtypes") if info.get("dtypes") is not None else ())]
    try:
        count = max(int(info.get("features") or 0), 0)
    except (TypeError, ValueError, OverflowError):
        count = 0
    return LayerInfo(
        name=name,
        geometry_type=info.get("geometry_type"),
        feature_count=count,
        crs=info.get("crs"),
        bounds=bounds,
        title=_text_or_none(meta.get("IDENTIFIER")),
        description=_text_or_none(meta.get("DESCRIPTION")),
        fields=tuple(zip(names, types)),
    )


def _text_or_none(value) -> str | None:
    return str(value) if value not in (None, "") else None


def read_layer(
    path: str | os.PathLike,
    layer: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    points_read: Callable[[np.ndarray, pd.DataFrame, object], None] | None = None,
    encoding: str | None = None,
    boxes_read: Callable[[BoxesRead], None] | None = None,
    boxes_from: int = 0,
) -> gpd.GeoDataFrame:
    """Read one layer in chunks, reporting progress and honouring cancel.

    Parameters
    ----------
    path : path-like
    layer : str, optional
        The layer name; the first layer with geometry when omitted.
    progress : callable, optional
        Called as ``progress(done, total)`` after each chunk.
    cancelled : callable, optional
        Polled between chunks; when it returns true, :class:`ReadCancelled`
        is raised.
    points_read : callable, optional
        For a layer of plain 2D points, called as ``points_read(xy, attributes, crs)``
        once coordinates and attributes are read and before the (slower) point
        objects are made: ``xy`` is an (n, 2) float array, NaN where a feature
        has no geometry, ``attributes`` the frame without geometry. Not
        called for other layers.
    encoding : str, optional
        The text encoding of a Shapefile as the user names it; decided from
        the file when omitted (:mod:`hegang_map.io.dbf`).
    boxes_read : callable, optional
        For a GeoPackage layer with a spatial index, a GeoParquet file with a
        bbox covering, or a PostGIS table, of lines or polygons with at least
        ``boxes_from`` features, called with
        a :class:`BoxesRead` once the attributes are read and before the
        (slower) shapes are decoded. Not called for other layers.
    boxes_from : int
        See ``boxes_read``.

    Returns
    -------
    geopandas.GeoDataFrame
        In the layer's own CRS, untouched. ``frame.attrs[READ_WARNINGS]``
        lists what was assumed or repaired while reading (undecodable text,
        dropped M values, an unreadable CRS definition ...).
    """
    if is_postgres(path):
        from . import postgis

        return postgis.read_table(path if isinstance(path, PgTable) else postgis.table_of(path), cancelled, progress,
                                  points_read=points_read, boxes_read=boxes_read, boxes_from=boxes_from)
    src = _source(path, encoding)
    if src.format is GEOPARQUET:
        from . import geoparquet

        return geoparquet.read(src.path, progress=progress, cancelled=cancelled, points_read=points_read,
                               boxes_read=boxes_read, boxes_from=boxes_from)
    p = src.path
    notes: list[str] = []
    if layer is None:
        infos = list_layers(p, encoding)
        spatial = [i for i in infos if i.geometry_type] or infos
        layer = spatial[0].name
    elif src.format.driver == "GPKG":
        # A project may name a layer of a file no listing has bounded.
        try:
            _geopackage_names(p)
            _time_views(p, [(layer, None)])
        except DataError:
            raise
        except Exception as exc:  # noqa: BLE001 - a damaged file: sqlite3's errors, worded below
            raise DataError(_explain(p, exc, layer)) from None
    info = _layer_info(src, layer, notes)
    total = info.feature_count
    memory.check_fits(f"{p}:{layer}", total, info.geometry_type, lambda: _stored_geometry_bytes(src, layer, total))
    index = None
    if (boxes_read is not None and src.format.driver == "GPKG" and total >= boxes_from
            and str(info.geometry_type or "").removeprefix("Multi").startswith(("Polygon", "LineString"))):
        # The index before the stream: beside it, it took four times as long
        # (two cores), and the boxes it hands out are the first frame.
        index = (_index_first(p, layer, str(info.geometry_type), info.crs, boxes_read), str(info.geometry_type))
    # One Arrow stream is several times faster than chunked reads; whatever it
    # cannot take (text that is not UTF-8, a damaged file) is read again the
    # plain way, whose messages and repairs are the ones users see.
    frame = _read_arrow_stream(src, layer, total, progress, cancelled, notes, points_read,
                               (index, boxes_read) if index is not None else None)
    try:
        if frame is None:
            frame = _read_chunks(src, layer, total, progress, cancelled, notes, encoding=None)
    except UnicodeDecodeError:
        # Text that is not UTF-8: read it byte for byte, then decode each value.
        frame = _read_chunks(src, layer, total, progress, cancelled, notes, encoding="latin-1")
        frame = _repair_text(frame, notes)
    _note_short_read(src, len(frame), total, notes)
    _note_linked_parts(src, notes)
    if src.format.decode and isinstance(frame, pd.DataFrame):
        frame = _decode_dbf_text(frame, src, notes)
        frame.attrs[dbf.TEXT_ENCODING] = (src.encoding.codec, src.encoding.source)
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry is None:
        raise DataError(translate(
            "Messages", "{path}:{layer} is a table without geometry; it cannot be drawn on the map. Open a "
            "layer with shapes instead.").format(path=p, layer=layer))
    frame.attrs[READ_WARNINGS] = notes
    if src.format.driver == "GPKG":
        frame.attrs[TITLES] = _geopackage_titles(p, layer)
    return frame


def _stored_geometry_bytes(src: _Source, layer: str, total: int) -> int | None:
    """About how many bytes the layer's geometry takes in its file, or ``None``
    where the file does not tell (a GeoPackage of several layers without
    OGR's feature counts)."""
    try:
        size = src.path.stat().st_size  # a Shapefile's .shp holds the shapes alone
    except OSError:
        return None
    if src.format is GEOJSON:
        return int(size * 0.4)  # coordinates as text: about 2.5 bytes for each byte they take decoded
    if src.format.driver != "GPKG":
        return size
    con = _open_geopackage(src.path)
    try:
        tables = con.execute("SELECT count(*) FROM gpkg_contents WHERE data_type = 'features'").fetchone()[0]
        if tables <= 1:
            return size
        counts = dict(con.execute("SELECT table_name, feature_count FROM gpkg_ogr_contents").fetchall())
    except sqlite3.Error:
        return None
    finally:
        con.close()
    known = [int(c) for c in counts.values() if c is not None and int(c) >= 0]
    if layer not in counts or len(known) < tables or not sum(known):
        return None
    return int(size * total / sum(known))


def _index_first(path: Path, layer: str, geometry_type: str, crs, boxes_read):
    """The layer's index boxes (:func:`~hegang_map.io.gpkg_index.geopackage_boxes`);
    when its fids run without a gap, handed out at once, before the features
    are read, as a :class:`BoxesRead` without attributes."""
    from .gpkg_index import dense_first_fid, geopackage_boxes

    found = geopackage_boxes(path, layer)
    if found is None or crs is None:
        return found
    first = dense_first_fid(path, layer)
    if first is not None:
        ids, boxes = found
        try:
            boxes_read(BoxesRead(boxes, ids - first, None, crs, geometry_type, None))
        except Exception:  # noqa: BLE001 - the boxes come again with the attributes
            _log.debug("early index boxes of %s:%s not handed out", path, layer, exc_info=True)
    return found


@dataclass(frozen=True)
class BoxesRead:
    """A layer whose attributes are read and whose shapes are not yet decoded,
    with the feature boxes its file's spatial index holds (or its database computed).

    Attributes
    ----------
    boxes : numpy.ndarray
        (n, 4) minx, miny, maxx, maxy in ``crs``, one per feature the index holds.
    rows : numpy.ndarray
        The position of each box's feature in ``attributes`` (ascending).
    attributes : pandas.DataFrame
        The layer without its geometry.
    crs : object
        The layer's CRS, as the read gives it.
    geometry_type : str
        The layer's geometry type as its file declares it ("MultiPolygon" ...).
    decode : callable
        ``decode(rows)``: the shapes (shapely, in ``crs``) of those positions.

    A GeoPackage whose fids run without a gap gives its index boxes twice:
    first from the index alone, while the features are still being read
    (``attributes`` and ``decode`` are ``None``, the rows are the fids'
    places, ``crs`` the layer's as its file names it), then as above.
    """

    boxes: np.ndarray
    rows: np.ndarray
    attributes: pd.DataFrame | None
    crs: object
    geometry_type: str
    decode: Callable[[np.ndarray], np.ndarray] | None


def _read_arrow_stream(src, layer, total, progress, cancelled, notes, points_read=None,
                       boxes=None) -> gpd.GeoDataFrame | None:
    """Read the layer as one Arrow stream, or ``None`` when the plain reader must.

    Plain 2D points are decoded straight from their WKB into coordinates
    (see :func:`_point_xy`) and made into points at the end; other geometry
    is decoded batch by batch, so progress and cancel stay as fine as in the
    chunked reader. ``boxes``: ((the layer's spatial index as
    :func:`~hegang_map.io.gpkg_index.geopackage_boxes` gives it, its declared
    geometry type), the ``boxes_read`` callback); the shapes are then decoded
    after the callback.
    """
    if pa is None:
        return None
    p = src.path
    batches, wkbs, xys, geoms, fids = [], [], [], [], []
    deferred = boxes is not None
    if deferred:
        xys = None  # not points: the index is of lines or polygons
    done = 0
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pyogrio.open_arrow(src.gdal, layer=layer, batch_size=_CHUNK, use_pyarrow=True,
                                    return_fids=deferred, **src.format.open_options) as (meta, reader):
                geom_name = meta["geometry_name"] or "wkb_geometry"
                fid_name = (meta.get("fid_column") or "OGC_FID") if deferred else None
                for batch in reader:
                    if cancelled is not None and cancelled():
                        raise ReadCancelled(f"{p}:{layer}")
                    names = batch.schema.names
                    if fid_name is not None and fid_name in names:
                        fids.append(batch.column(names.index(fid_name)))
                        batch = batch.drop_columns([fid_name])
                        names = batch.schema.names
                    elif fid_name is not None:  # no ids to match the index with: no early boxes
                        fid_name, fids = None, []
                    if geom_name in names:
                        column = batch.column(names.index(geom_name))
                        xy = _point_xy(column) if xys is not None else None
                        if deferred:
                            wkbs.append(column)
                        elif xy is not None:
                            xys.append(xy)
                            wkbs.append(column)  # for the rows without coordinates
                        else:
                            if xys is not None:  # not plain points after all: decode what was kept
                                xys = None
                                geoms.append(_from_wkb(wkbs))
                                wkbs = []
                            geoms.append(_from_wkb([column]))
                        batch = batch.drop_columns([geom_name])
                    batches.append(batch)
                    done += batch.num_rows
                    if progress is not None:
                        # Decoding the shapes afterwards takes as long again.
                        progress(done // 2 if deferred else done, max(total, done))
                schema = reader.schema
                if fid_name is not None and fid_name in schema.names:
                    schema = schema.remove(schema.get_field_index(fid_name))
            crs = meta["crs"]
            if geom_name not in schema.names:
                return None  # a table without geometry: the plain reader says so
            attributes = pa.Table.from_batches(batches, schema.remove(schema.get_field_index(geom_name)))
            del batches
            attributes.validate(full=True)  # text that is not UTF-8 fails here, not later in a view
            frame = attributes.to_pandas(self_destruct=True, date_as_object=False)
            del attributes
        xy = (np.concatenate(xys) if xys else np.empty((0, 2))) if xys is not None else None
        xys = None  # in xy now: the chunks would be a second copy while the points are made
        if xy is not None and points_read is not None:
            # Outside the warnings record: the callback may wait, and the
            # record (process-wide) would take the GUI thread's warnings meanwhile.
            points_read(xy, frame, crs)
        if deferred:
            wkb = pa.chunked_array(wkbs, type=wkbs[0].type) if wkbs else None
            index_read = _boxes_read(boxes, fids, frame, crs, wkb)
            if index_read is not None:
                boxes[1](index_read)
        with warnings.catch_warnings(record=True) as made:
            warnings.simplefilter("always")
            if xy is not None:
                geometry = _points(xy, wkbs, cancelled, f"{p}:{layer}")
            elif deferred:
                geometry = _decode_deferred(wkbs, cancelled, f"{p}:{layer}", progress, total)
            else:
                geometry = np.concatenate(geoms) if geoms else np.empty(0, dtype=object)
            frame = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometry, crs=crs), crs=crs)
    except ReadCancelled:
        raise
    except Exception:  # noqa: BLE001 - the plain reader reads it again and explains
        return None
    _collect(notes, list(caught) + list(made))
    return frame


def _boxes_read(boxes, fids: list, attributes: pd.DataFrame, crs, wkb) -> BoxesRead | None:
    """The :class:`BoxesRead` of a stream read with its spatial index, or
    ``None`` when the index does not name the rows read (then nothing is drawn early)."""
    (found, geometry_type), _callback = boxes
    if found is None or wkb is None or not fids:
        return None
    ids, index_boxes = found
    read = pa.chunked_array(fids).to_numpy().astype(np.int64, copy=False)
    if len(read) and (np.diff(read) <= 0).any():
        order = np.argsort(read)
        read_sorted = read[order]
    else:
        order, read_sorted = None, read
    at = np.searchsorted(read_sorted, ids)
    if not (at < len(read_sorted)).all() or not np.array_equal(read_sorted[at], ids):
        return None  # the index names features the read did not give: it is not this table's
    rows = at if order is None else order[at]
    sort = np.argsort(rows, kind="stable")

    return BoxesRead(index_boxes[sort], rows[sort], attributes, crs, geometry_type, _decoder(wkb))


def _decoder(wkb) -> Callable[[np.ndarray], np.ndarray]:
    """``decode(rows)`` of :class:`BoxesRead`: the shapes of those rows of a WKB chunked array."""

    def decode(positions: np.ndarray) -> np.ndarray:
        return _decode_wkb(wkb.take(pa.array(np.asarray(positions, dtype=np.int64))).combine_chunks())

    return decode


def shapes_read(wkbs: list, attributes: pd.DataFrame, crs, geometry_type: str, label: str, *,
                boxes: np.ndarray | None = None, points_read=None, boxes_read=None,
                progress=None, cancelled=None, total: int = 0) -> tuple[np.ndarray, list[str]]:
    """The shapes of WKB read whole (a database's stream), handing out early
    what can be drawn before they are made, as :func:`read_layer` does.

    Parameters
    ----------
    wkbs : list of pyarrow.Array
        WKB columns, one after the other: one WKB per row of ``attributes``.
    attributes : pandas.DataFrame
        The rows without their geometry.
    crs : object
        The rows' CRS.
    geometry_type : str
        The declared geometry type ("Point", "MultiPolygon" ...).
    label : str
        What is read, for :class:`ReadCancelled`.
    boxes : numpy.ndarray, optional
        (n, 4) minx, miny, maxx, maxy of each row (NaN for a row without a
        shape), as the source computed them: ``boxes_read`` is called with them
        before any shape is decoded.
    points_read, boxes_read, progress, cancelled
        As for :func:`read_layer`; progress goes on from half way when the
        shapes are decoded after ``boxes_read``.
    total : int
        The rows expected, for progress.

    Returns
    -------
    (numpy.ndarray, list of str)
        The shapes, and what decoding them warned of.
    """
    # The callbacks outside the warnings record: they may wait, and the record
    # (process-wide) would take the GUI thread's warnings meanwhile.
    xys = [_point_xy(column) for column in wkbs] if geometry_type == "Point" else [None]
    xy = (np.concatenate(xys) if xys else np.empty((0, 2))) if all(x is not None for x in xys) else None
    del xys  # in xy now
    early = xy is None and boxes is not None and boxes_read is not None and bool(wkbs)
    if xy is not None and points_read is not None:
        points_read(xy, attributes, crs)
    elif early:
        rows = np.flatnonzero(~np.isnan(boxes).any(axis=1))
        boxes_read(BoxesRead(boxes[rows], rows, attributes, crs, geometry_type,
                             _decoder(pa.chunked_array(wkbs, type=wkbs[0].type))))
    with warnings.catch_warnings(record=True) as made:
        warnings.simplefilter("always")
        if xy is not None:
            shapes = _points(xy, wkbs, cancelled, label)
        elif early:
            shapes = _decode_deferred(wkbs, cancelled, label, progress, total)
        else:
            shapes = _from_wkb(wkbs)
    notes: list[str] = []
    _collect(notes, made)
    return shapes, notes


def _decode_deferred(wkbs: list, cancelled, label: str, progress, total: int) -> np.ndarray:
    """Shapes of WKB columns kept whole while the stream was read, slice by slice
    (progress on from half way, cancel between slices)."""
    out, done = [], 0
    for column in wkbs:
        for start in range(0, len(column), _WKB_SLICE):
            if cancelled is not None and cancelled():
                raise ReadCancelled(label)
            part = column.slice(start, _WKB_SLICE)
            out.append(_decode_wkb(part))
            done += len(part)
            if progress is not None:
                progress((max(total, done) + done) // 2, max(total, done))
    return np.concatenate(out) if out else np.empty(0, dtype=object)


def _point_xy(column) -> np.ndarray | None:
    """The (n, 2) coordinates of a WKB column of plain 2D points, or ``None``.

    A little-endian 2D point is 21 bytes: byte order, type 1, x, y. Nulls
    become NaN (as an empty point's coordinates are in WKB). Anything else
    (another type, Z or M, big-endian) gives ``None``: decode it in full.
    """
    if isinstance(column, pa.ExtensionArray):  # geoarrow.wkb, where its extension type is registered
        column = column.storage
    if column.type not in (pa.binary(), pa.large_binary()):
        return None
    n = len(column)
    xy = np.full((n, 2), np.nan)
    if n == 0:
        return xy
    validity, offsets, data = column.buffers()
    wide = np.int64 if column.type == pa.large_binary() else np.int32
    off = np.frombuffer(offsets, dtype=wide)[column.offset : column.offset + n + 1]
    size = np.diff(off)
    valid = size > 0  # a null has no bytes
    if validity is not None:
        valid &= np.unpackbits(np.frombuffer(validity, dtype=np.uint8), bitorder="little")[
            column.offset : column.offset + n].astype(bool)
    if not np.all(size[valid] == 21):
        return None
    raw = np.frombuffer(data, dtype=np.uint8) if data is not None else np.empty(0, dtype=np.uint8)
    if off[-1] > len(raw):
        return None
    if valid.all():  # back to back: one reshape
        records = raw[off[0] : off[-1]].reshape(n, 21)
    else:
        records = raw[off[:-1][valid][:, None] + np.arange(21)]
    if not (np.all(records[:, 0] == 1) and np.all(records[:, 1:5] == (1, 0, 0, 0))):
        return None
    xy[valid] = np.ascontiguousarray(records[:, 5:21]).view("<f8")
    return xy


def _points(xy: np.ndarray, wkbs: list, cancelled, label: str) -> np.ndarray:
    """Point objects for decoded coordinates: ``None`` for nulls, empty points where WKB said so.

    ``wkbs`` (the WKB columns the coordinates came from) is emptied once the
    rows without coordinates are taken from it: 10 million points' WKB is
    a quarter of a GB the points do not need while they are made.
    """
    # NaN coordinates: a null geometry, or an empty point (WKB has no other way to say so).
    missing = np.flatnonzero(np.isnan(xy).any(axis=1))
    odd = pa.chunked_array(wkbs, type=wkbs[0].type).take(pa.array(missing)).combine_chunks() if len(missing) else None
    wkbs.clear()
    out = np.empty(len(xy), dtype=object)
    for start in range(0, len(xy), _CHUNK):
        if cancelled is not None and cancelled():
            raise ReadCancelled(label)
        out[start : start + _CHUNK] = shapely.points(xy[start : start + _CHUNK])
    if odd is not None:
        out[missing] = _from_wkb([odd])
    return out


def _from_wkb(columns: list) -> np.ndarray:
    """Geometries of Arrow WKB columns, one after the other (invalid ones warn and are None)."""
    # In slices: making Python objects holds the interpreter lock, and the GUI
    # thread waits on it (100,000 polygons at once froze the window 0.2 s).
    geoms = [_decode_wkb(column.slice(i, _WKB_SLICE)) for column in columns for i in range(0, len(column), _WKB_SLICE)]
    return np.concatenate(geoms) if geoms else np.empty(0, dtype=object)


def _decode_wkb(blobs) -> np.ndarray:
    """Geometries of WKB ``blobs`` (an Arrow binary array or a numpy array of bytes).

    Invalid ones warn and are None; so are those nested too deep for GEOS
    (:mod:`hegang_map.io.wkb`), which would crash the process.
    """
    if isinstance(blobs, np.ndarray):
        lengths = np.fromiter((len(b) if b is not None else 0 for b in blobs), dtype=np.int64, count=len(blobs))
    else:
        import pyarrow.compute as pc

        if isinstance(blobs, pa.ExtensionArray):  # geoarrow.wkb: its storage is the binary array
            blobs = blobs.storage
        lengths = pc.binary_length(blobs).fill_null(0).to_numpy(zero_copy_only=False)
        blobs = blobs.to_numpy(zero_copy_only=False)
    deep = [i for i in np.flatnonzero(lengths >= MIN_DEEP_BYTES) if nests_too_deep(blobs[i])]
    if deep:
        blobs = blobs.copy()
        blobs[deep] = None
        warnings.warn(f"{len(deep)} geometries nested too deep (more than {MAX_NESTING} collections inside each "
                      "other)", stacklevel=2)
    return shapely.from_wkb(blobs, on_invalid="warn")


def _read_chunks(src, layer, total, progress, cancelled, notes, encoding) -> gpd.GeoDataFrame:
    p = src.path
    parts = []
    done = 0
    kwargs = {"encoding": encoding} if encoding else {}
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            while True:
                if cancelled is not None and cancelled():
                    raise ReadCancelled(f"{p}:{layer}")
                # Attributes and WKB apart, so the geometries are decoded by
                # _decode_wkb (which refuses what would crash GEOS).
                part = pyogrio.read_dataframe(
                    src.gdal, layer=layer, skip_features=done, max_features=_CHUNK, read_geometry=False, **kwargs,
                    **src.format.open_options,
                )
                meta, _fids, wkb, _fields = pyogrio.raw.read(
                    src.gdal, layer=layer, skip_features=done, max_features=_CHUNK, columns=[], **kwargs,
                    **src.format.open_options,
                )
                if wkb is not None:
                    part = gpd.GeoDataFrame(part, geometry=_decode_wkb(wkb), crs=meta["crs"])
                parts.append(part)
                done += len(part)
                if progress is not None:
                    progress(done, max(total, done))
                if len(part) < _CHUNK:  # the count the file states is not trusted to end the read
                    break
        _collect(notes, caught)
    except (ReadCancelled, DataError, UnicodeDecodeError):
        raise
    except MemoryError:
        raise DataError(translate(
            "Messages", "{path}:{layer}: too large to load into memory. Open a smaller extract of the layer.").format(path=p, layer=layer)) from None
    except Exception as exc:
        raise DataError(_explain(p, exc, layer)) from None
    if len(parts) == 1:
        return parts[0]
    first = parts[0]
    if isinstance(first, gpd.GeoDataFrame):
        return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry=first.geometry.name, crs=first.crs)
    return pd.concat(parts, ignore_index=True)


def _decode(raw: bytes) -> tuple[str, bool]:
    """Decode bytes of unknown encoding: UTF-8, else GB18030 (Chinese), else UTF-8 with U+FFFD."""
    try:
        return raw.decode("utf-8"), True
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), False
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace"), False


def _postgres_layers(path) -> list[LayerInfo]:
    from . import postgis
    from ..model.sources import parse_postgres

    if isinstance(path, PgTable):
        conninfo, table = path.conninfo, path
    else:
        try:
            conninfo, table, password = parse_postgres(str(path))
        except ValueError as exc:
            raise DataError(str(exc)) from None
        if password is not None:
            postgis.remember_password(conninfo, password)
    infos = postgis.list_tables(conninfo)
    if table is None:
        return infos
    mine = table.uri.partition("#")[2]
    found = [i for i in infos if i.name == mine]
    if not found:
        postgis.read_table(table)  # says why: no such table, or no geometry
    return found


def _note_linked_parts(src: _Source, notes: list[str]) -> None:
    """Say so when a file beside a Shapefile is a link to another one's: its
    attributes, index or CRS then come from that file, which is easily missed."""
    if src.format.driver != "ESRI Shapefile":
        return
    shp = src.path
    for part in (shp.with_suffix(s) for suffix in (".dbf", ".shx", ".prj", ".cpg") for s in (suffix, suffix.upper())):
        try:
            if not part.is_symlink():
                continue
            target = part.resolve()
        except (OSError, RuntimeError):
            continue
        if target.stem != shp.resolve().stem or target.parent != shp.resolve().parent:
            notes.append(translate(
                "Messages", "Its {name} is a link to {target}: what it holds comes from that file.").format(
                name=part.name, target=one_line(str(target))))


def _note_short_read(src: _Source, read: int, stated: int, notes: list[str]) -> None:
    """Say so when fewer features were read than the file states (a file cut off, a Shapefile
    whose .dbf lists fewer records than its .shx indexes)."""
    if src.format.driver == "ESRI Shapefile":
        try:
            shx = src.path.with_suffix(".shx") if src.path.with_suffix(".shx").is_file() else src.path.with_suffix(".SHX")
            stated = max(stated, (shx.stat().st_size - 100) // 8)
        except OSError:
            pass
    if 0 <= read < stated:
        notes.append(translate(
            "Messages", "The file states {stated} features but only {read} could be read: it may be cut off or "
            "damaged. Copy it again from its source.").format(stated=format(stated, ","), read=format(read, ",")))


def _decode_dbf_text(frame: pd.DataFrame, src: _Source, notes: list[str]) -> pd.DataFrame:
    """Decode a Shapefile's text, handed over byte for byte, with the codec decided for it."""
    codec = src.format.decode
    if src.encoding is not None and src.encoding.source == "content" and codec != "utf-8":
        notes.append(translate(
            "Messages", "No .cpg file says how the Shapefile's text is encoded: it was read as {codec} "
            "(Chinese), which all of it fits. If names look wrong, open it again with another encoding "
            "(File › Open…, or --encoding).").format(codec=codec.upper()))
    frame, bad, cut = _redecode(frame, lambda raw: dbf.decode_value(raw, codec),
                                lambda raw: dbf.decode_name(raw, codec))
    for name in cut:
        notes.append(translate(
            "Messages", "The field name {name} was cut in the middle of a character by the Shapefile's "
            "10-byte limit: the broken byte is dropped.").format(name=repr(name)))
    if bad:
        notes.append(translate(
            "Messages", "{bad} text value(s) are not valid {codec}: the bytes that are not are shown as �. "
            "Open the file again with its encoding (File › Open…, or --encoding).").format(
            bad=bad, codec=codec.upper()))
    return frame


def _repair_text(frame: gpd.GeoDataFrame, notes: list[str]) -> gpd.GeoDataFrame:
    """Undo a Latin-1 read: decode every text value and field name properly."""
    frame, bad, wrong_names = _redecode(frame, _decode, _flag_undecodable)
    notes.append(
        translate(
            "Messages", "{bad} text value(s) or field name(s) were not valid UTF-8: decoded as Chinese "
            "GB18030 where that fits, otherwise unreadable bytes are shown as �. Save the file "
            "as UTF-8 to fix it.").format(bad=bad + len(wrong_names))
    )
    return frame


def _flag_undecodable(raw: bytes) -> tuple[str, bool]:
    text, ok = _decode(raw)
    return text, not ok


def _redecode(frame: pd.DataFrame, value: Callable[[bytes], tuple[str, bool]],
              name: Callable[[bytes], tuple[str, bool]]) -> tuple[pd.DataFrame, int, list[str]]:
    """Decode the text of ``frame`` that GDAL carried byte for byte (as Latin-1).

    ``value(raw)`` gives (text, decoded cleanly); ``name(raw)`` gives (text,
    flagged). Returns the frame, how many values did not decode cleanly and
    the field names flagged. Text not carried that way is kept as it is.
    """
    geom = frame.geometry.name if isinstance(frame, gpd.GeoDataFrame) else None
    bad = 0

    def one(text):
        nonlocal bad
        if not isinstance(text, str):
            return text
        try:
            raw = text.encode("latin-1")
        except UnicodeEncodeError:  # not carried byte for byte: keep it
            return text
        out, ok = value(raw)
        bad += not ok
        return out

    for col in frame.columns:
        if col != geom and (frame[col].dtype == object or pd.api.types.is_string_dtype(frame[col].dtype)):
            frame[col] = frame[col].map(one, na_action="ignore").astype(object)
    renamed, flagged = {}, []
    for col in frame.columns:
        if col == geom or not isinstance(col, str):
            continue
        try:
            renamed[col], flag = name(col.encode("latin-1"))
        except UnicodeEncodeError:
            continue
        if flag:
            flagged.append(renamed[col])
    return frame.rename(columns=renamed), bad, flagged


# GDAL's own warnings, in words for the layer panel (first match wins).
_GDAL_NOTES = [
    ("measured (m) geometry", QT_TRANSLATE_NOOP("Messages", "Measured (M) values are ignored on the map.")),
    ("unable to parse srs", QT_TRANSLATE_NOOP(
        "Messages", "The file's CRS definition cannot be read, so the layer is treated as having no CRS.")),
    ("invalid wkb", QT_TRANSLATE_NOOP(
        "Messages", "Some geometries are damaged and cannot be read; they are left out of the map.")),
    ("nested too deep", QT_TRANSLATE_NOOP(
        "Messages", "Some geometries hold collections inside collections more than 500 deep, too deep to read "
        "safely; they are left out of the map.")),
    ("not consistent with type in gpkg_geometry_columns", QT_TRANSLATE_NOOP(
        "Messages", "The layer's declared geometry type does not match all of its features.")),
    ("invalid value encountered", ""),  # numpy noise about NaN coordinates; display reports those
    ("geometry", None),  # any other geometry warning: shown as GDAL says it
]


def _collect(notes: list[str], caught) -> None:
    for w in caught:
        text = str(w.message).strip().splitlines()[0][:300] if str(w.message).strip() else ""
        if not text:
            continue
        lowered = text.lower()
        note = translate("Messages", "While reading: {detail}").format(detail=text)
        for key, friendly in _GDAL_NOTES:
            if key in lowered:
                note = note if friendly is None else translate("Messages", friendly) if friendly else ""
                break
        if note and note not in notes and len(notes) < 20:
            notes.append(note)


def _diagnose_sqlite(p: Path) -> str | None:
    """Say what is wrong with an SQLite file GDAL would not open, or ``None``.

    Opens it read-only and immutable, so nothing (not even a journal) is written.
    """
    try:
        with open(p, "rb") as fh:
            if fh.read(16) != SQLITE_MAGIC:
                return None
    except OSError:
        return None
    uri = "file:" + _uri_path(p) + "?mode=ro&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True, timeout=1.0)
    except Exception:  # noqa: BLE001 - sqlite3.Error, or an undecodable error message
        return translate(
            "Messages", "{path}: the file is damaged (corrupt or cut off). Restore it from a backup or copy "
            "it again.").format(path=p)
    con.text_factory = bytes  # names in a damaged file need not be UTF-8
    _bound(con, MAX_VIEW_SECONDS)
    try:
        check = con.execute("PRAGMA quick_check(1)").fetchone()
        if not check or check[0] != b"ok":
            return translate(
                "Messages", "{path}: the file is damaged (corrupt or cut off). Restore it from a backup or "
                "copy it again.").format(path=p)
        tables = {bytes(r[0] or b"").decode("utf-8", "replace")
                  for r in con.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if "gpkg_contents" not in tables:
            if p.suffix.lower() == ".gpkg":
                return (
                    translate(
                        "Messages", "{path}: an SQLite database but not a GeoPackage (it has no "
                        "gpkg_contents table, only {value} plain table(s)). Export it as a "
                        "GeoPackage from the program that made it.").format(path=p, value=len(tables))
                )
            return None
        rows = con.execute(
            "SELECT COUNT(*) FROM gpkg_contents WHERE data_type IN ('features', 'attributes')"
        ).fetchone()
        if rows and rows[0] == 0:
            return (
                translate(
                    "Messages", "{path}: the GeoPackage holds no layers (it may be an empty template). Open "
                    "a GeoPackage that contains data.").format(path=p)
            )
    except Exception as exc:  # noqa: BLE001 - sqlite3 errors, or UnicodeDecodeError from their messages
        if isinstance(exc, sqlite3.OperationalError) and "interrupt" in str(exc).lower():
            return f"{p}: " + _SLOW_CONTENTS.format(s=MAX_VIEW_SECONDS)
        if isinstance(exc, sqlite3.Error) and "function" in str(exc).lower():
            return None  # a sound file using a function plain SQLite lacks: GDAL's own error says which
        return translate(
            "Messages", "{path}: the file is damaged (corrupt or cut off). Restore it from a backup or copy "
            "it again.").format(path=p)
    finally:
        con.close()
    return None


def _uri_path(p: Path) -> str:
    from urllib.parse import quote

    return quote(str(p.resolve()), safe="/")


def _explain(p: Path, exc: Exception, layer: str | None = None) -> str:
    where = f"{p}:{layer}" if layer else str(p)
    text = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
    lowered = text.lower()
    found = _diagnose_sqlite(p)
    if found:
        return found
    if "steal data" in lowered:
        return (translate(
            "Messages", "{where}: a view or trigger in the file calls GDAL functions that could read other "
            "files or the network without your consent (they could be used to steal data), so it "
            "is not opened. Export the layers you need to a new GeoPackage.").format(where=where))
    if "unknown function" in lowered or "no such function" in lowered:
        return (translate(
            "Messages", "{where}: a table or view of the layer computes a column with a function this reader "
            "does not have ({detail}), so the layer cannot be read; the file itself is sound. Export the "
            "layer to a new GeoPackage without that column.").format(where=where, detail=text))
    if "not a geopackage" in lowered or "required geopackage tables" in lowered:
        return (translate(
            "Messages", "{where}: not a valid GeoPackage ({detail}). Export it as a GeoPackage again from "
            "the program that made it.").format(where=where, detail=text))
    if "not recognized as" in lowered or "not a supported" in lowered or "unsupported" in lowered:
        return (translate(
            "Messages", "{where}: not a vector data file GDAL can read. Open a GeoPackage, GeoJSON, "
            "Shapefile or FlatGeobuf.").format(where=where))
    if "codec can't decode" in lowered:
        return (translate(
            "Messages", "{where}: its text is not UTF-8 (GeoJSON must be), so it cannot be read. Save it as "
            "UTF-8 (in QGIS: Export › Save Features As…, encoding UTF-8) and open it again.").format(where=where))
    if "shape_restore_shx" in lowered or ".shx" in lowered:
        return (translate(
            "Messages", "{where}: the Shapefile's .shx index is missing or damaged, and the .shp cannot be "
            "read without it. A Shapefile is several files: copy its .shx and .dbf beside the "
            ".shp and open it again.").format(where=where))
    if "too complex/large" in lowered:
        # GDAL parses a GeoJSON object whole, up to a fixed memory limit.
        return (translate(
            "Messages", "{where}: one of its features is too large or complex for GDAL's GeoJSON reader. "
            "Convert the file to GeoPackage or FlatGeobuf (with QGIS or ogr2ogr) and open that.").format(where=where))
    if "geojson" in lowered and ("failed to read" in lowered or "parse" in lowered):
        return (translate(
            "Messages", "{where}: GDAL cannot read it as GeoJSON ({detail}). Check it with a JSON validator, "
            "or export it again from the program that made it.").format(where=where, detail=text))
    if ("malformed" in lowered or "corrupt" in lowered or "not a database" in lowered or "disk image" in lowered
            or "failed to read" in lowered or "truncated" in lowered):
        return translate(
            "Messages", "{where}: the file is damaged (corrupt or cut off). Restore it from a backup or copy "
            "it again.").format(where=where)
    if "permission" in lowered:
        return translate(
            "Messages", "{where}: permission denied. Ask for read access to the file, or copy it somewhere "
            "readable.").format(where=where)
    if "layer" in lowered and ("not found" in lowered or "does not exist" in lowered or "no such" in lowered):
        return translate(
            "Messages", "{where}: the file has no layer of that name (it may have changed). Open the file "
            "again.").format(where=where)
    return translate(
        "Messages", "{where}: could not be read ({detail}). Check that it is a complete vector data file.").format(where=where, detail=text)
