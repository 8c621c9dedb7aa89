"""PostGIS tables read over Arrow, into the same layers files become.

The ADBC PostgreSQL driver (libpq inside its wheel; the GDAL of the pyogrio
wheel has no PostgreSQL driver) brings a query's rows as Arrow. Names are
always quoted as identifiers and values passed as parameters, so a table
named with quotes, semicolons or HTML is just a name. The password comes
from libpq's own places (``~/.pgpass``, ``PGPASSFILE``, ``PGPASSWORD``, a
service file) or from :func:`remember_password` (the window asks once), and
is kept in this process only: never in a project, a message or a log.

Every connection sets a connect timeout and a statement timeout, so a
server that is down or a query that never ends is a message, not a hang.
"""

from __future__ import annotations

import re
import threading
import urllib.parse
from contextlib import contextmanager

import numpy as np

from ..model.sources import PgTable, parse_postgres, quote_ident
from ..util.i18n import translate
from . import memory
from .errors import DataError, ReadCancelled, one_line

#: Seconds to reach the server, and to run one statement.
CONNECT_SECONDS = 5
STATEMENT_SECONDS = 120
#: Most rows a table may have to be read whole (an estimate from the server's statistics).
MAX_ROWS = 5_000_000
#: Most geometry tables a database lists.
MAX_TABLES = 1000

_passwords: dict[str, str] = {}
_lock = threading.Lock()

#: Column types read as they are; any other is read as its text.
_PLAIN_TYPES = {"smallint", "integer", "bigint", "real", "double precision", "numeric", "boolean", "text",
                "character varying", "character", "date", "timestamp without time zone",
                "timestamp with time zone", "uuid"}


class PasswordNeeded(DataError):
    """The server wants a password the app does not have (or refused the one given)."""


def remember_password(conninfo: str, password: str) -> None:
    """Use ``password`` for ``conninfo`` for the rest of this session (never written)."""
    with _lock:
        _passwords[conninfo] = password


def forget_password(conninfo: str) -> None:
    """Drop the session's password for ``conninfo``."""
    with _lock:
        _passwords.pop(conninfo, None)


def where(conninfo: str) -> str:
    """The connection as people name it in messages: ``user@host:port/db`` or ``service NAME``."""
    return PgTable(conninfo).server


def _secret_free(text: str, conninfo: str) -> str:
    """``text`` with any password taken out (libpq echoes what it was given)."""
    text = re.sub(r"(password\s*=\s*)\S+", r"\1***", text, flags=re.IGNORECASE)
    text = re.sub(r"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)
    secret = _passwords.get(conninfo)
    if secret:
        text = text.replace(secret, "***")
    return one_line(" ".join(text.split()))[:300]


def _reason(exc: BaseException, conninfo: str) -> str:
    text = str(exc)
    # ADBC puts the server's own message after a code: keep the words people read.
    text = re.sub(r"^(?:[A-Z_]+:\s*)?\[libpq\]\s*(?:Failed to connect:\s*)?", "", text)
    # libpq repeats its message once per address it tried: once is enough.
    first = re.split(r"\s+(?=connection to server at)", text)
    text = first[0] if first else text
    text = re.sub(r"\s*(SQLSTATE|sqlstate).*$", "", text, flags=re.S)
    return _secret_free(text, conninfo)


@contextmanager
def connect(conninfo: str, write: bool = False):
    """A connection to ``conninfo`` (see module), closed after the block; read-only
    unless ``write`` (Layer › Export Layer To…, in one transaction).

    Raises
    ------
    PasswordNeeded
        The server asked for a password the app does not have, or refused it.
    DataError
        The server cannot be reached, or refused the connection; the message names it.
    """
    import adbc_driver_postgresql.dbapi as pg

    parts = urllib.parse.urlsplit(conninfo)
    query = urllib.parse.parse_qsl(parts.query)
    options = f"-c statement_timeout={STATEMENT_SECONDS * 1000}"
    if not write:
        options += " -c default_transaction_read_only=on"
    query += [("connect_timeout", str(CONNECT_SECONDS)), ("application_name", "hegang-map"), ("options", options)]
    netloc = parts.netloc
    with _lock:
        password = _passwords.get(conninfo)
    if password is not None:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user}:{urllib.parse.quote(password, safe='')}@{host}" if user else netloc
        if not user:
            query.append(("password", password))
    # libpq reads %20 as a space, not +.
    uri = f"postgresql://{netloc}{parts.path or '/'}?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote)
    try:
        conn = pg.connect(uri)
    except Exception as exc:  # the driver's own errors: words for people below
        reason = _reason(exc, conninfo)
        if re.search(r"password authentication failed|no password supplied|fe_sendauth", reason, re.I):
            raise PasswordNeeded(translate(
                "Messages", "The PostGIS server {where} wants a password (or refused the one given): {reason}").format(
                where=where(conninfo), reason=reason)) from None
        raise DataError(translate(
            "Messages", "The PostGIS server {where} cannot be reached: {reason}. Check that it is running and "
            "that the address is right.").format(where=where(conninfo), reason=reason)) from None
    try:
        yield conn
    finally:
        try:
            conn.close()
        except Exception:  # a connection the server already dropped
            pass


def _fault(exc: BaseException, conninfo: str, what: str) -> DataError:
    reason = _reason(exc, conninfo)
    if re.search(r"statement timeout|canceling statement", reason, re.I):
        return DataError(translate(
            "Messages", "{what} on {where} took more than {seconds} s and was stopped.").format(
            what=what, where=where(conninfo), seconds=STATEMENT_SECONDS))
    if re.search(r"does not exist", reason, re.I):
        return DataError(translate(
            "Messages", "{what} on {where}: it is no longer there ({reason}). It may have been dropped or "
            "renamed.").format(what=what, where=where(conninfo), reason=reason))
    return DataError(translate("Messages", "{what} on {where} failed: {reason}").format(
        what=what, where=where(conninfo), reason=reason))


def _rows(conn, sql: str, args: tuple = ()) -> list:
    cur = conn.cursor()
    try:
        cur.execute(sql, args or None)
        return cur.fetchall()
    finally:
        cur.close()


def list_tables(conninfo: str) -> list:
    """The geometry tables and views of the database (``geometry_columns``), as
    :class:`~hegang_map.io.read.LayerInfo`: name ``schema.table``, geometry type,
    SRID as ``EPSG:n``, the server's row estimate, the fields.

    Raises
    ------
    DataError
        Not reachable, no PostGIS, or more than :data:`MAX_TABLES` tables.
    """
    from .read import LayerInfo

    with connect(conninfo) as conn:
        try:
            rows = _rows(conn, """
                SELECT g.f_table_schema, g.f_table_name, g.f_geometry_column, g.type, g.srid,
                       COALESCE(GREATEST(c.reltuples, 0), 0)::bigint
                FROM geometry_columns g
                LEFT JOIN pg_namespace n ON n.nspname = g.f_table_schema
                LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = g.f_table_name
                ORDER BY 1, 2, 3 LIMIT $1""", (MAX_TABLES + 1,))
        except Exception as exc:  # no PostGIS (geometry_columns missing), or the server's faults
            raise _fault(exc, conninfo, translate("Messages", "Listing the geometry tables")) from None
        if len(rows) > MAX_TABLES:
            raise DataError(translate(
                "Messages", "{where} lists more than {most} geometry tables; name the table to open "
                "(postgresql://…/DB#SCHEMA.TABLE).").format(where=where(conninfo), most=MAX_TABLES))
        out = []
        for schema, table, column, gtype, srid, estimate in rows:
            fields = tuple((name, kind) for name, kind in _columns(conn, PgTable(conninfo, schema, table))
                           if name != column and kind not in ("geometry", "geography"))
            out.append(LayerInfo(PgTable(conninfo, schema, table).uri.partition("#")[2], _geometry_name(gtype),
                                 int(estimate), f"EPSG:{srid}" if srid and srid > 0 else None, None,
                                 fields=fields))
        return out


def _geometry_name(gtype) -> str:
    names = {"POINT": "Point", "MULTIPOINT": "MultiPoint", "LINESTRING": "LineString",
             "MULTILINESTRING": "MultiLineString", "POLYGON": "Polygon", "MULTIPOLYGON": "MultiPolygon",
             "GEOMETRYCOLLECTION": "GeometryCollection"}
    return names.get(str(gtype or "").upper().rstrip("MZ"), "Unknown")


def _columns(conn, table: PgTable) -> list[tuple[str, str]]:
    return [(str(n), str(t)) for n, t in _rows(conn, """
        SELECT a.attname, format_type(a.atttypid, NULL)
        FROM pg_attribute a
        WHERE a.attrelid = to_regclass($1)::oid AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum""", (table.qualified,))]


def _row_order(conn, table: PgTable) -> str:
    """The ``ORDER BY`` that gives a table's rows in the same order at every read.

    A layer names its features by their position (a selection, a scene's
    highlighted rows, a sidecar's), and a plain scan does not keep it: the
    server starts a scan of a large table where another scan of it is
    (``synchronize_seqscans``). Rows go by the primary key; a table without
    one by where its rows lie (``ctid``, kept until they are updated); a
    view as it gives them.
    """
    key = [str(n) for (n,) in _rows(conn, """
        SELECT a.attname FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
        WHERE i.indrelid = to_regclass($1)::oid AND i.indisprimary
        ORDER BY array_position(i.indkey::int2[], a.attnum)""", (table.qualified,))]
    if key:
        return " ORDER BY " + ", ".join(quote_ident(n) for n in key)
    kind = _rows(conn, "SELECT relkind::text FROM pg_class WHERE oid = to_regclass($1)::oid", (table.qualified,))
    return " ORDER BY ctid" if kind and kind[0][0] in ("r", "m") else ""


def _table_bytes(conn, table: PgTable) -> int | None:
    """The table's size on disk (with its long values kept apart): it stands for its geometry's."""
    size = _rows(conn, "SELECT pg_table_size(to_regclass($1))", (table.qualified,))
    return int(size[0][0]) if size and size[0][0] is not None else None


def table_of(text: str) -> PgTable:
    """The table an address names; its password (if any) is remembered for the session.

    Raises
    ------
    DataError
        An address that is no table's.
    """
    try:
        conninfo, table, password = parse_postgres(text)
    except ValueError as exc:
        raise DataError(translate("Messages", "{text}: {reason}").format(text=_secret_free(text, ""), reason=exc)) from None
    if password is not None:
        remember_password(conninfo, password)
    if table is None:
        raise DataError(translate(
            "Messages", "{text} names a database, not a table: add #SCHEMA.TABLE (hegang-map layers {text} lists "
            "them).").format(text=conninfo))
    return table


def read_table(table: PgTable, cancelled=None, progress=None, points_read=None, boxes_read=None,
               boxes_from: int = 0):
    """Read a PostGIS table or view whole into a GeoDataFrame in its own CRS.

    ``progress(rows, estimate)`` is called as batches of rows arrive, and
    ``cancelled()`` asked between them (a cancelled read stops the query).
    ``points_read`` and ``boxes_read`` hand out a large layer early, as
    :func:`~hegang_map.io.read.read_layer` says: for lines and polygons the
    server computes each row's box in the same query, so the boxes are those
    of the rows read.

    Raises
    ------
    DataError
        Unreachable server, wrong password (:class:`PasswordNeeded`), no such
        table, no geometry column, too many rows, a statement timeout.
    """
    import geopandas as gpd
    import pyarrow as pa

    from .read import READ_WARNINGS, shapes_read

    conninfo = table.conninfo
    name = f"{table.schema}.{table.table}"
    what = translate("Messages", "Reading {table}").format(table=name)
    with connect(conninfo) as conn:
        try:
            geo = _rows(conn, """
                SELECT f_geometry_column, srid, type FROM geometry_columns
                WHERE f_table_schema = $1 AND f_table_name = $2 ORDER BY 1 LIMIT 1""", (table.schema, table.table))
            if not geo:
                if not _rows(conn, "SELECT to_regclass($1) IS NOT NULL", (table.qualified,))[0][0]:
                    raise DataError(translate(
                        "Messages", "{where} has no table {table}; hegang-map layers {conninfo} lists the tables it "
                        "has.").format(where=where(conninfo), table=name, conninfo=conninfo))
                raise DataError(translate(
                    "Messages", "{table} on {where} has no geometry column: it cannot be drawn on the map.").format(
                    table=name, where=where(conninfo)))
            column, srid, gtype = geo[0]
            geometry_type = _geometry_name(gtype)
            # A view, or a table never analyzed, has no estimate (-1).
            estimate = _rows(conn, "SELECT CASE WHEN relkind IN ('r', 'p', 'm') THEN reltuples ELSE -1 END::bigint "
                                   "FROM pg_class WHERE oid = to_regclass($1)::oid", (table.qualified,))
            total = max(int(estimate[0][0]), 0) if estimate else 0
            known = bool(estimate) and int(estimate[0][0]) >= 0
            if total > MAX_ROWS:
                raise DataError(translate(
                    "Messages", "{table} on {where} holds about {rows} rows; hegang-map reads tables of at most "
                    "{most} whole. Make a view of the area or the rows you need and open that.").format(
                    table=name, where=where(conninfo), rows=format(total, ","), most=format(MAX_ROWS, ",")))
            memory.check_fits(f"{name} ({where(conninfo)})", total, geometry_type, lambda: _table_bytes(conn, table))
            crs = _crs(conn, srid)
            fields = [(n, t) for n, t in _columns(conn, table) if n != column and t not in ("geometry", "geography")]
            select = [quote_ident(n) if t in _PLAIN_TYPES else f"{quote_ident(n)}::text AS {quote_ident(n)}"
                      for n, t in fields]
            geom = quote_ident(column)
            select.append(f"ST_AsBinary({geom}) AS {quote_ident('__hg_geometry')}")
            early_boxes = (boxes_read is not None and (total >= boxes_from or not known)
                           and geometry_type.removeprefix("Multi") in ("Polygon", "LineString"))
            if early_boxes:
                # Beside the shapes, in the same query: the boxes are the rows'
                # own, whatever order a view gives them in.
                select += [f"ST_{edge}({geom}) AS {quote_ident(f'__hg_{edge}')}"
                           for edge in ("XMin", "YMin", "XMax", "YMax")]
            sql = f"SELECT {', '.join(select)} FROM {table.qualified}{_row_order(conn, table)} LIMIT {MAX_ROWS + 1}"
            cur = conn.cursor()
            try:
                cur.execute(sql)
                batches, rows = [], 0
                reader = cur.fetch_record_batch()
                for batch in reader:
                    batches.append(batch)
                    rows += batch.num_rows
                    if progress is not None:
                        # Decoding the shapes afterwards takes as long again.
                        progress(rows // 2 if early_boxes else rows, max(total, rows))
                    if cancelled is not None and cancelled():
                        raise ReadCancelled()
                arrow = pa.Table.from_batches(batches, schema=reader.schema)
                del batches
            finally:
                cur.close()
        except (DataError, ReadCancelled):
            raise
        except Exception as exc:  # the driver's and the server's faults
            raise _fault(exc, conninfo, what) from None
    if cancelled is not None and cancelled():
        raise ReadCancelled()
    if arrow.num_rows > MAX_ROWS:
        raise DataError(translate(
            "Messages", "{table} on {where} holds more than {most} rows; make a view of the rows you need and "
            "open that.").format(table=name, where=where(conninfo), most=format(MAX_ROWS, ",")))
    boxes = None
    if early_boxes:
        edges = [f"__hg_{edge}" for edge in ("XMin", "YMin", "XMax", "YMax")]
        boxes = np.column_stack([arrow.column(e).to_numpy(zero_copy_only=False).astype(float) for e in edges])
        arrow = arrow.drop_columns(edges)
        if arrow.num_rows < boxes_from:  # a view, or a table its estimate overstated
            boxes = None
    # Chunks as they came: one binary array holds at most 2 GB.
    wkbs = arrow.column("__hg_geometry").chunks
    frame = arrow.drop_columns(["__hg_geometry"]).to_pandas(types_mapper={pa.string(): None}.get)
    del arrow
    # A geometry GEOS cannot take is none: the layer panel says how many are not drawn.
    shapes, notes = shapes_read(wkbs, frame, crs, geometry_type, name, boxes=boxes, points_read=points_read,
                                boxes_read=boxes_read, progress=progress, cancelled=cancelled,
                                total=max(total, len(frame)))
    data = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(shapes, crs=crs), crs=crs)
    data.attrs[READ_WARNINGS] = notes
    return data


def _crs(conn, srid):
    """The CRS of a PostGIS SRID, as its ``spatial_ref_sys`` row defines it (``None`` for none)."""
    from pyproj import CRS

    if not srid or srid <= 0:
        return None
    found = _rows(conn, "SELECT auth_name, auth_srid, srtext FROM spatial_ref_sys WHERE srid = $1", (int(srid),))
    if not found:
        return None
    auth, code, wkt = found[0]
    try:
        return CRS.from_authority(auth, code) if auth and code else CRS.from_wkt(wkt)
    except Exception:  # PROJ's errors for a definition it cannot take
        return CRS.from_wkt(wkt) if wkt else None
