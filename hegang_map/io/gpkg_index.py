"""The boxes a GeoPackage's own spatial index holds, read without the shapes.

A GeoPackage keeps an SQLite R*Tree per geometry column
(``rtree_<table>_<column>``: id, minx, maxx, miny, maxy), which GDAL fills
as features are written. Its leaves hold every feature's box: a million
boxes come out of its node table in a twentieth of a second, where decoding
the million shapes behind them takes seconds. The map draws those boxes
first (:mod:`hegang_map.render.viewport`) while the shapes are decoded.

The nodes are read as SQLite lays them out (``ext/rtree/rtree.c``): a node
is a big-endian 16-bit depth, a 16-bit cell count, then its cells, each a
64-bit id and four 32-bit floats (the float rounded outward, so a box holds
its feature). Leaves are the nodes no other node names as its parent. The
database is opened read-only and immutable, within a bound of work; anything
unexpected (another layout, a count beyond the node, a box that is not a
box, an id twice) gives ``None``, and the reader decodes the shapes as for
any other file.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import numpy as np

#: SQLite instructions the index may take to read, per byte of the file; past
#: them the shapes are read as usual. A million polygons' boxes take under 0.001
#: per byte (some five per feature).
#: Counted in work, not seconds: a slow or cold disk, read by the stream beside
#: it, must not cost the layer its early draw.
MAX_STEPS_PER_BYTE = 10
_STEPS_PER_CALL = 10_000

_CELL = np.dtype([("id", ">i8"), ("minx", ">f4"), ("maxx", ">f4"), ("miny", ">f4"), ("maxy", ">f4")])
#: Ids spread over at most this many times their count are placed by value, not sorted.
_DENSE = 4
_DECLARATION = re.compile(r"using\s+rtree\s*\(\s*\"?id\"?\s*,\s*\"?minx\"?\s*,\s*\"?maxx\"?\s*,\s*\"?miny\"?\s*,"
                          r"\s*\"?maxy\"?\s*\)\s*$", re.IGNORECASE)


def geopackage_boxes(path: str | Path, layer: str) -> tuple[np.ndarray, np.ndarray] | None:
    """The feature ids and boxes in ``layer``'s spatial index, or ``None``.

    Parameters
    ----------
    path : path-like
        A GeoPackage.
    layer : str
        A feature table of it.

    Returns
    -------
    (ids, boxes) or None
        ``ids`` (int64, the features' fids, ascending) and ``boxes`` (an (n, 4) float64
        array of minx, miny, maxx, maxy in the layer's CRS), one per feature
        with a non-empty geometry; ``None`` when the layer has no spatial
        index this module can read. An index is only as true as its file:
        whoever draws these boxes checks them against the shapes once decoded.
    """
    con = _connect(path)
    if con is None:
        return None
    try:
        calls_left = [max(1, MAX_STEPS_PER_BYTE * Path(path).stat().st_size // _STEPS_PER_CALL)]
    except OSError:
        con.close()
        return None

    def spent() -> int:
        calls_left[0] -= 1
        return int(calls_left[0] < 0)

    con.set_progress_handler(spent, _STEPS_PER_CALL)
    try:
        return _read(con, layer)
    except Exception:  # noqa: BLE001 - a damaged or unusual index: read the shapes instead
        return None
    finally:
        con.close()


def dense_first_fid(path: str | Path, layer: str) -> int | None:
    """The first fid of ``layer`` when its fids run without a gap (the n-th
    feature read has fid ``first + n``), else ``None``.

    Read from what the file states (GDAL's feature count, the table's
    smallest and largest rowid), without scanning the table. A wrong count
    gives wrong places; whoever uses them checks them once the features are read.
    """
    con = _connect(path)
    if con is None:
        return None
    try:
        row = con.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE lower(table_name) = lower(?)",
                          (layer,)).fetchone()
        quoted = layer.replace('"', '""')
        # One aggregate per query: SQLite answers each from the table's b-tree
        # ends; both in one query scan the whole table.
        low = con.execute(f'SELECT min(rowid) FROM "{quoted}"').fetchone()[0]
        high = con.execute(f'SELECT max(rowid) FROM "{quoted}"').fetchone()[0]
    except Exception:  # noqa: BLE001 - no such table (GDAL's own), a damaged file
        return None
    finally:
        con.close()
    if row is None or not all(isinstance(v, int) for v in (row[0], low, high)):
        return None
    return low if high - low + 1 == row[0] else None


def _connect(path: str | Path) -> sqlite3.Connection | None:
    """The GeoPackage opened read-only and immutable, or ``None`` (the reader then explains)."""
    from .read import _uri_path  # the one way this package names a file to SQLite

    try:
        return sqlite3.connect("file:" + _uri_path(Path(path)) + "?mode=ro&immutable=1", uri=True, timeout=1.0)
    except Exception:  # noqa: BLE001 - sqlite3.Error, or an undecodable message
        return None


def _read(con: sqlite3.Connection, layer: str) -> tuple[np.ndarray, np.ndarray] | None:
    row = con.execute("SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)).fetchone()
    if row is None or not isinstance(row[0], str):
        return None
    index = f"rtree_{layer}_{row[0]}"
    found = con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (index,)).fetchone()
    if found is None or not isinstance(found[0], str) or not _DECLARATION.search(found[0].strip()):
        return None
    quoted = index.replace('"', '""')
    blobs = con.execute(f'SELECT data FROM "{quoted}_node" WHERE nodeno NOT IN '
                        f'(SELECT parentnode FROM "{quoted}_parent")').fetchall()
    cells = []
    for (blob,) in blobs:
        if not isinstance(blob, bytes) or len(blob) < 4:
            return None
        count = int.from_bytes(blob[2:4], "big")
        if 4 + count * _CELL.itemsize > len(blob):
            return None
        cells.append(blob[4:4 + count * _CELL.itemsize])
    cell = np.frombuffer(b"".join(cells), dtype=np.uint8).reshape(-1, _CELL.itemsize)
    ids = np.ascontiguousarray(cell[:, :8]).view(">i8").ravel().astype(np.int64)
    # minx, maxx, miny, maxy as stored; west, south, east, north as returned
    boxes = np.ascontiguousarray(cell[:, 8:]).view(">f4").astype(np.float64)[:, [0, 2, 1, 3]]
    order = _ascending(ids)  # leaves come in the tree's order, which is by place
    if order is None:
        return None
    ids, boxes = ids[order], boxes[order]
    ok = np.isfinite(boxes).all(axis=1) & (boxes[:, 0] <= boxes[:, 2]) & (boxes[:, 1] <= boxes[:, 3])
    if not ok.all():
        return None  # not the index GDAL keeps: the shapes say what is there
    return ids, boxes


def _ascending(ids: np.ndarray) -> np.ndarray | None:
    """The order that sorts ``ids``, or ``None`` when an id comes twice.

    Fids are mostly 1..n with a few gaps: placing each by its value is a
    tenth of the time of a sort.
    """
    if not len(ids):
        return np.empty(0, dtype=np.intp)
    low, high = int(ids.min()), int(ids.max())
    if high - low < _DENSE * len(ids):
        slot = np.full(high - low + 1, -1, dtype=np.intp)
        slot[ids - low] = np.arange(len(ids))
        order = slot[slot >= 0]
        return order if len(order) == len(ids) else None
    order = np.argsort(ids)
    return order if (np.diff(ids[order]) > 0).all() else None
