"""Layer › Export Layer To…: a layer's rows into a new file or a new PostGIS table.

Files (GeoPackage, GeoParquet with its bounding-box covering, GeoJSON,
FlatGeobuf) are written whole or not at all, through a temp file beside
them. A PostGIS table is made in one transaction with its CRS, a spatial
index and its attributes' types: a fault leaves nothing behind, and an
existing table is replaced only when asked (:class:`TableExists` otherwise).
"""

from __future__ import annotations

from pathlib import Path

from ..model.sources import PgTable, quote_ident
from ..util.atomic import replacing
from ..util.i18n import translate
from .errors import DataError

#: File endings Export Layer To writes, and what they are.
FILE_KINDS = {".gpkg": "GeoPackage", ".parquet": "GeoParquet", ".geoparquet": "GeoParquet",
              ".geojson": "GeoJSON", ".fgb": "FlatGeobuf"}


class TableExists(DataError):
    """The PostGIS table is there already; it is replaced only when asked."""


def export_layer(data, target: Path | PgTable, name: str, replace: bool = False) -> str:
    """Write ``data`` (a GeoDataFrame) to ``target`` under layer or table ``name``;
    returns where it went, for people.

    Raises
    ------
    TableExists
        A PostGIS table of that name is there and ``replace`` is False.
    DataError
        The file or table cannot be written (nothing is left half-written).
    """
    data = data.copy(deep=False)
    data.attrs = {}  # what the app noted while reading is not the data's
    if isinstance(target, PgTable):
        return _to_postgis(data, target, replace)
    out = Path(target)
    suffix = out.suffix.lower()
    if suffix not in FILE_KINDS:
        raise DataError(translate("Messages", "{name}: Export Layer To writes {kinds}").format(
            name=out.name, kinds=", ".join(sorted(set(FILE_KINDS)))))
    try:
        if FILE_KINDS[suffix] == "GeoParquet":
            with replacing(out) as tmp:
                data.to_parquet(tmp, write_covering_bbox=True)
        else:
            from .convert import WRITERS, _write_files

            _write_files([(name, data)], out, WRITERS.get(suffix, "GPKG"))
    except OSError as exc:
        raise DataError(translate("Messages", "{path} could not be written ({reason}); nothing was changed.").format(
            path=out, reason=exc.strerror or exc)) from None
    return str(out)


def _geometry_type(data) -> str:
    kinds = set(data.geometry.dropna().geom_type)
    return kinds.pop() if len(kinds) == 1 else "Geometry"


def _to_postgis(data, table: PgTable, replace: bool) -> str:
    import pyarrow as pa
    import shapely

    from . import postgis

    srid = (data.crs.to_epsg() or 0) if data.crs is not None else 0
    geometry = data.geometry.name
    attributes = data.drop(columns=[geometry])
    # Text where pandas holds objects (mixed values): Arrow takes every column then.
    for column in attributes.columns:
        if attributes[column].dtype == object:
            attributes[column] = attributes[column].map(lambda v: None if v is None else str(v))
    arrow = pa.Table.from_pandas(attributes, preserve_index=False)
    wkb = shapely.to_wkb(data.geometry.values, hex=False)
    arrow = arrow.append_column("__hg_wkb", pa.array(list(wkb), type=pa.binary()))
    where = f"{table.schema}.{table.table}"
    with postgis.connect(table.conninfo, write=True) as conn:
        cur = conn.cursor()
        try:
            cur.execute("SELECT to_regclass($1) IS NOT NULL", (table.qualified,))
            if cur.fetchone()[0]:
                if not replace:
                    raise TableExists(translate(
                        "Messages", "{table} is already on {server}: choose another name, or replace it.").format(
                        table=where, server=table.server))
                cur.execute(f"DROP TABLE {table.qualified}")
            cur.adbc_ingest(table.table, arrow, mode="create", db_schema_name=table.schema)
            column = quote_ident("geom" if "geom" not in attributes.columns else "geometry")
            cur.execute(f"ALTER TABLE {table.qualified} ADD COLUMN {column} "
                        f"geometry({_geometry_type(data)}, {int(srid)})")
            cur.execute(f"UPDATE {table.qualified} SET {column} = ST_SetSRID(ST_GeomFromWKB(\"__hg_wkb\"), "
                        f"{int(srid)})")
            cur.execute(f"ALTER TABLE {table.qualified} DROP COLUMN \"__hg_wkb\"")
            cur.execute(f"CREATE INDEX ON {table.qualified} USING GIST ({column})")
            # Its statistics: the row estimate a listing shows, the planner's choices.
            cur.execute(f"ANALYZE {table.qualified}")
            conn.commit()
        except DataError:
            conn.rollback()
            raise
        except Exception as exc:  # the server's and the driver's faults: nothing was committed
            conn.rollback()
            raise postgis._fault(exc, table.conninfo, translate("Messages", "Writing {table}").format(
                table=where)) from None
        finally:
            cur.close()
    return table.uri
