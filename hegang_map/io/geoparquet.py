"""GeoParquet files: read with pyarrow (no GDAL), one layer per file.

A file's own metadata says how large it is before any row is read: more
than :data:`MAX_UNPACKED_BYTES` of data unpacked, or a ``geo`` record that
is no GeoParquet one, is refused with a message. A view of the map reads
only the row groups its bounding-box covering (``bbox`` column) touches.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from .errors import DataError
from ..util.i18n import translate

PARQUET_MAGIC = b"PAR1"
#: Most data a file may unpack to (its metadata says, before reading).
MAX_UNPACKED_BYTES = 8 * 1024 ** 3


def _meta(path: Path):
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path).metadata
    except Exception as exc:  # pyarrow's own errors for a damaged file
        raise DataError(translate("Messages", "{path}: not a complete Parquet file ({reason}).").format(
            path=path, reason=" ".join(str(exc).split())[:200])) from None
    unpacked = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if unpacked > MAX_UNPACKED_BYTES:
        raise DataError(translate(
            "Messages", "{path}: its data unpack to {size} GB; hegang-map reads GeoParquet files of at most {most} GB. "
            "Write the area or the columns you need to a smaller file.").format(
            path=path, size=format(unpacked / 1024 ** 3, ",.1f"), most=MAX_UNPACKED_BYTES // 1024 ** 3))
    raw = (meta.metadata or {}).get(b"geo")
    try:
        geo = json.loads(raw) if raw else None
    except ValueError:
        geo = None
    if not isinstance(geo, dict) or not isinstance(geo.get("columns"), dict) or not geo["columns"]:
        raise DataError(translate(
            "Messages", "{path}: a Parquet file without GeoParquet metadata (no geometry column is named). "
            "Write it with geopandas or GDAL as GeoParquet.").format(path=path))
    return meta, geo


def describe(path: str | os.PathLike):
    """The one layer of a GeoParquet file, as :class:`~hegang_map.io.read.LayerInfo`."""
    from .read import LayerInfo

    path = Path(path)
    meta, geo = _meta(path)
    column = geo.get("primary_column") or next(iter(geo["columns"]))
    spec = geo["columns"].get(column) or {}
    kinds = spec.get("geometry_types") or []
    bbox = spec.get("bbox")
    bounds = tuple(float(v) for v in bbox[:4]) if isinstance(bbox, list) and len(bbox) >= 4 else None
    crs = spec.get("crs")
    crs_text = "EPSG:4326" if "crs" not in spec else (None if crs is None else _crs_name(crs))
    schema = meta.schema.to_arrow_schema()
    fields = tuple((f.name, str(f.type)) for f in schema if f.name not in geo["columns"] and f.name != "bbox")
    return [LayerInfo(path.stem, kinds[0] if len(kinds) == 1 else ("Unknown" if kinds else "Unknown"),
                      int(meta.num_rows), crs_text, bounds, fields=fields)]


def _crs_name(crs) -> str | None:
    from pyproj import CRS

    try:
        c = CRS.from_user_input(crs)
    except Exception:  # a CRS PROJ cannot take: said when drawing
        return None
    code = c.to_epsg()
    return f"EPSG:{code}" if code else c.name


def read(path: str | os.PathLike, bbox=None):
    """Read the file into a GeoDataFrame in its own CRS (rows touching ``bbox`` only, when given)."""
    import geopandas as gpd

    path = Path(path)
    _meta(path)
    try:
        data = gpd.read_parquet(path, bbox=bbox) if bbox is not None else gpd.read_parquet(path)
    except (ValueError, OSError, TypeError) as exc:
        raise DataError(translate("Messages", "{path}: its GeoParquet data cannot be read ({reason}).").format(
            path=path, reason=" ".join(str(exc).split())[:200])) from None
    if "bbox" in data.columns and data["bbox"].dtype == object:
        data = data.drop(columns=["bbox"])  # the covering: not an attribute
    return data
