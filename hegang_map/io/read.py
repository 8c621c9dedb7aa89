"""Read vector files with pyogrio, read-only, with readable errors.

Nothing here writes to the user's files: GDAL opens every data source in
read-only mode.
"""

from __future__ import annotations

import math
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import geopandas as gpd
import pandas as pd
import pyogrio

from .errors import DataError

#: File endings the Open dialog offers.
VECTOR_SUFFIXES = (".gpkg", ".geojson", ".json", ".shp", ".fgb", ".gml", ".kml", ".sqlite")

_SQLITE_MAGIC = b"SQLite format 3\x00"
_CHUNK = 100_000


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

    def to_dict(self) -> dict:
        """Return the keys the CLI prints with ``--json``."""
        return {
            "name": self.name,
            "geometry_type": self.geometry_type,
            "feature_count": self.feature_count,
            "crs": self.crs,
            "bounds": list(self.bounds) if self.bounds else None,
        }


def check_readable(path: str | os.PathLike) -> Path:
    """Raise :class:`DataError` unless ``path`` is a readable, non-empty file.

    Returns the path as a :class:`~pathlib.Path`.
    """
    p = Path(path)
    if not p.exists():
        raise DataError(f"{p}: no such file. Check the path, or open the file from its new place.")
    if p.is_dir():
        raise DataError(f"{p}: this is a folder, not a data file. Open a .gpkg, .geojson, .shp or .fgb file inside it.")
    if not os.access(p, os.R_OK):
        raise DataError(f"{p}: permission denied. Ask for read access to the file or copy it somewhere readable.")
    try:
        size = p.stat().st_size
        with open(p, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise DataError(f"{p}: cannot be read ({exc.strerror or exc}).") from None
    if size == 0:
        raise DataError(f"{p}: the file is empty (0 bytes). It may have been cut off while copying.")
    if p.suffix.lower() == ".gpkg" and head != _SQLITE_MAGIC:
        raise DataError(
            f"{p}: not a GeoPackage (it is not an SQLite database). "
            "The file may be another format renamed to .gpkg."
        )
    return p


def list_layers(path: str | os.PathLike) -> list[LayerInfo]:
    """Describe every layer of a data file.

    Raises
    ------
    DataError
        When the file cannot be opened or is not a vector data source.
    """
    p = check_readable(path)
    try:
        names = pyogrio.list_layers(p)
    except Exception as exc:  # GDAL raises several types; all mean "unreadable"
        raise DataError(_explain(p, exc)) from None
    if len(names) == 0:
        raise DataError(f"{p}: the file holds no layers. If it is a GeoPackage, it may be an empty template.")
    infos = []
    for name, _gtype in names:
        infos.append(_layer_info(p, str(name)))
    return infos


def _layer_info(p: Path, name: str) -> LayerInfo:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            info = pyogrio.read_info(p, layer=name, force_feature_count=True, force_total_bounds=True)
    except Exception as exc:
        raise DataError(_explain(p, exc, name)) from None
    bounds = info.get("total_bounds")
    if bounds is not None:
        bounds = tuple(float(b) for b in bounds)
        if not all(math.isfinite(b) for b in bounds):
            bounds = None
    return LayerInfo(
        name=name,
        geometry_type=info.get("geometry_type"),
        feature_count=int(info.get("features") or 0),
        crs=info.get("crs"),
        bounds=bounds,
    )


def read_layer(
    path: str | os.PathLike,
    layer: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> gpd.GeoDataFrame:
    """Read one layer in chunks, reporting progress and honouring cancel.

    Parameters
    ----------
    path : path-like
    layer : str, optional
        The layer name; the first layer when omitted.
    progress : callable, optional
        Called as ``progress(done, total)`` after each chunk.
    cancelled : callable, optional
        Polled between chunks; when it returns true, :class:`ReadCancelled`
        is raised.

    Returns
    -------
    geopandas.GeoDataFrame
        In the layer's own CRS, untouched.
    """
    p = check_readable(path)
    if layer is None:
        infos = list_layers(p)
        layer = infos[0].name
        total = infos[0].feature_count
    else:
        total = _layer_info(p, layer).feature_count
    parts = []
    done = 0
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            while True:
                if cancelled is not None and cancelled():
                    raise ReadCancelled(f"{p}:{layer}")
                part = pyogrio.read_dataframe(p, layer=layer, skip_features=done, max_features=_CHUNK)
                parts.append(part)
                done += len(part)
                if progress is not None:
                    progress(done, max(total, done))
                if len(part) < _CHUNK or done >= total:
                    break
    except (ReadCancelled, DataError):
        raise
    except Exception as exc:
        raise DataError(_explain(p, exc, layer)) from None
    frame = parts[0] if len(parts) == 1 else gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=parts[0].crs)
    if not isinstance(frame, gpd.GeoDataFrame) or frame.geometry is None:
        raise DataError(f"{p}:{layer} is a table without geometry; it cannot be drawn on the map.")
    return frame


class ReadCancelled(Exception):
    """The user cancelled a read; not an error to report."""


def _explain(p: Path, exc: Exception, layer: str | None = None) -> str:
    where = f"{p}:{layer}" if layer else str(p)
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    lowered = text.lower()
    if "not recognized as" in lowered or "not a supported" in lowered or "unsupported" in lowered:
        return f"{where}: not a vector data file GDAL can read. Open a GeoPackage, GeoJSON, Shapefile or FlatGeobuf."
    if "malformed" in lowered or "corrupt" in lowered or "not a database" in lowered or "disk image" in lowered:
        return f"{where}: the file is damaged (corrupt or cut off). Restore it from a backup or copy it again."
    return f"{where}: could not be read ({text})."
