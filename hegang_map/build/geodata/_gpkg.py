"""Deterministic writing and reading of multi-layer GeoPackages.

The build must give the same content every time, so everything that could
vary between runs is pinned here: row order is decided by the callers,
coordinates are rounded to a fixed number of decimals, column order is kept,
and GDAL's own timestamps are frozen.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import geopandas as gpd
import pyogrio
import shapely

#: Decimals kept for thematic coordinates: 1e-6 degrees is about 0.1 m,
#: finer than any source here.
THEMATIC_DECIMALS = 6
#: Decimals kept for the Natural Earth basemap (1:10 million; 1e-5 deg ~ 1 m).
BASEMAP_DECIMALS = 5

# GDAL writes the current time into gpkg_contents.last_change; freezing it
# makes the files byte-identical between builds on the same GDAL version.
_FROZEN_DATE = "2000-01-01T00:00:00.000Z"


def round_geometries(geoms: gpd.GeoSeries, decimals: int) -> gpd.GeoSeries:
    """Return ``geoms`` with every coordinate rounded to ``decimals``.

    Parameters
    ----------
    geoms : geopandas.GeoSeries
        Geometries in degrees.
    decimals : int
        Decimal places to keep.

    Returns
    -------
    geopandas.GeoSeries
        Same index and CRS, rounded coordinates.
    """
    values = shapely.transform(np.asarray(geoms.values, dtype=object), lambda xy: np.round(xy, decimals))
    return gpd.GeoSeries(values, index=geoms.index, crs=geoms.crs)


def point_series(lon, lat, decimals: int = THEMATIC_DECIMALS, index=None) -> gpd.GeoSeries:
    """Build EPSG:4326 points from longitude and latitude arrays, rounded.

    Parameters
    ----------
    lon, lat : array-like of float
        WGS 84 longitude and latitude in degrees.
    decimals : int, optional
        Decimal places to keep.
    index : pandas.Index, optional
        Index of the returned series.

    Returns
    -------
    geopandas.GeoSeries
    """
    lon = np.round(np.asarray(lon, dtype=float), decimals)
    lat = np.round(np.asarray(lat, dtype=float), decimals)
    return gpd.GeoSeries(gpd.points_from_xy(lon, lat), index=index, crs="EPSG:4326")


def write_gpkg(
    path: Path,
    layers: Mapping[str, pd.DataFrame],
    descriptions: Mapping[str, str] | None = None,
) -> Path:
    """Write ``layers`` into a new GeoPackage at ``path``, replacing it.

    Parameters
    ----------
    path : pathlib.Path
        Target ``.gpkg`` file; an existing file is removed first.
    layers : mapping of str to DataFrame
        Layer name to data, written in the mapping's order. A GeoDataFrame
        becomes a feature layer (its CRS must be EPSG:4326); a plain
        DataFrame becomes an attribute-only table.
    descriptions : mapping of str to str, optional
        Layer name to a one-line description stored in ``gpkg_contents``.

    Returns
    -------
    pathlib.Path
        ``path``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    descriptions = descriptions or {}
    previous = os.environ.get("OGR_CURRENT_DATE")
    pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": _FROZEN_DATE})
    try:
        for name, frame in layers.items():
            options = {"IDENTIFIER": name}
            if name in descriptions:
                options["DESCRIPTION"] = descriptions[name]
            if isinstance(frame, gpd.GeoDataFrame):
                if frame.crs is None or frame.crs.to_epsg() != 4326:
                    raise ValueError(f"layer {name!r} must be in EPSG:4326, not {frame.crs}")
            pyogrio.write_dataframe(
                frame.reset_index(drop=True),
                path,
                layer=name,
                driver="GPKG",
                layer_options=options,
            )
    finally:
        pyogrio.set_gdal_config_options({"OGR_CURRENT_DATE": previous})
    return path


def read_gpkg(path: Path) -> dict[str, pd.DataFrame]:
    """Read every layer of a GeoPackage.

    Parameters
    ----------
    path : pathlib.Path
        A ``.gpkg`` file.

    Returns
    -------
    dict of str to DataFrame
        Layer name to data (GeoDataFrame for feature layers), in file order.
    """
    out: dict[str, pd.DataFrame] = {}
    for name, _geom_type in pyogrio.list_layers(path):
        out[str(name)] = pyogrio.read_dataframe(path, layer=str(name))
    return out
