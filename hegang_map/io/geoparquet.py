"""GeoParquet files: read with pyarrow (no GDAL), one layer per file.

A file's own metadata says how large it is before any row is read: more
than :data:`MAX_UNPACKED_BYTES` of data unpacked, or a ``geo`` record that
is no GeoParquet one, is refused with a message. Given a box, :func:`read`
reads only the row groups its bounding-box covering (``bbox`` column)
touches; a whole read hands that covering out as a large layer's first
boxes, before any shape is decoded.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from . import memory
from .errors import DataError, ReadCancelled
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


def read(path: str | os.PathLike, bbox=None, progress=None, cancelled=None, points_read=None, boxes_read=None,
         boxes_from: int = 0):
    """Read the file into a GeoDataFrame in its own CRS (rows touching ``bbox`` only, when given).

    A whole read of WKB geometry goes batch by batch, with ``progress(done,
    total)`` and ``cancelled()`` as :func:`~hegang_map.io.read.read_layer`
    says, and hands out a large layer early: plain points' coordinates
    (``points_read``), lines' and polygons' boxes from the file's bbox
    covering (``boxes_read``, from ``boxes_from`` rows).
    """
    import geopandas as gpd

    path = Path(path)
    meta, geo = _meta(path)
    column = geo.get("primary_column") or next(iter(geo["columns"]))
    spec = geo["columns"].get(column) or {}
    if bbox is None:
        kinds = [str(k) for k in spec.get("geometry_types") or []]
        memory.check_fits(str(path), int(meta.num_rows), kinds[0] if len(kinds) == 1 else None,
                          lambda: _column_bytes(meta, column))
    try:
        if bbox is not None or str(spec.get("encoding", "WKB")).upper() != "WKB":
            data = gpd.read_parquet(path, bbox=bbox) if bbox is not None else gpd.read_parquet(path)
        else:
            data = _read_wkb(path, meta, geo, column, spec, progress, cancelled, points_read, boxes_read, boxes_from)
    except ReadCancelled:
        raise
    except (ValueError, OSError, TypeError, KeyError) as exc:
        raise DataError(translate("Messages", "{path}: its GeoParquet data cannot be read ({reason}).").format(
            path=path, reason=" ".join(str(exc).split())[:200])) from None
    if "bbox" in data.columns and data["bbox"].dtype == object:
        data = data.drop(columns=["bbox"])  # the covering: not an attribute
    return data


def _column_bytes(meta, column: str) -> int | None:
    """The stored size of ``column`` (uncompressed), summed over the file's row groups."""
    total = 0
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        total += sum(group.column(i).total_uncompressed_size for i in range(group.num_columns)
                     if group.column(i).path_in_schema == column)
    return total or None


def _read_wkb(path: Path, meta, geo: dict, column: str, spec: dict, progress, cancelled, points_read, boxes_read,
              boxes_from: int):
    import geopandas as gpd
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .read import _CHUNK, READ_WARNINGS, shapes_read

    total = int(meta.num_rows)
    kinds = [str(k) for k in spec.get("geometry_types") or []]
    geometry_type = kinds[0] if len(kinds) == 1 else "Unknown"
    covering = ((spec.get("covering") or {}).get("bbox") or {}) if isinstance(spec.get("covering"), dict) else {}
    edges = [covering.get(k) for k in ("xmin", "ymin", "xmax", "ymax")]
    box_column = edges[0][0] if all(isinstance(e, list) and len(e) == 2 for e in edges) else None
    early_boxes = (boxes_read is not None and total >= boxes_from and box_column is not None
                   and geometry_type.removeprefix("Multi") in ("Polygon", "LineString")
                   and all(e[0] == box_column for e in edges))
    batches, done = [], 0
    source = pq.ParquetFile(path)
    for batch in source.iter_batches(batch_size=_CHUNK):
        if cancelled is not None and cancelled():
            raise ReadCancelled(str(path))
        batches.append(batch)
        done += batch.num_rows
        if progress is not None:
            # Decoding the shapes afterwards takes as long again.
            progress(done // 2 if early_boxes else done, max(total, done))
    table = pa.Table.from_batches(batches, schema=source.schema_arrow)
    del batches
    boxes = None
    if early_boxes and box_column in table.column_names:
        struct = table.column(box_column).combine_chunks()
        boxes = np.column_stack([struct.field(e[1]).to_numpy(zero_copy_only=False).astype(float) for e in edges])
        valid = struct.is_valid().to_numpy(zero_copy_only=False)
        boxes[~valid] = np.nan
    wkbs = table.column(column).chunks
    dropped = [c for c in (column, box_column) if c is not None and c in table.column_names]
    frame = table.drop_columns(dropped).to_pandas()
    del table
    crs = spec["crs"] if "crs" in spec else "OGC:CRS84"  # GeoParquet's default, as geopandas reads it
    shapes, notes = shapes_read(wkbs, frame, crs, geometry_type, str(path), boxes=boxes, points_read=points_read,
                                boxes_read=boxes_read, progress=progress if early_boxes else None,
                                cancelled=cancelled, total=max(total, len(frame)))
    data = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(shapes, crs=crs, index=frame.index), crs=crs)
    data = data.rename_geometry(column) if column != "geometry" and column not in frame.columns else data
    data.attrs[READ_WARNINGS] = notes
    return data
