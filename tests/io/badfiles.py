"""Builders of bad and hostile input files, one per case of docs/bad-input.md.

Importable helpers (no pytest fixtures of their own), so io, CLI and GUI tests
share one catalogue::

    from badfiles import CASES, build, sha256

    case = CASES["text_as_gpkg"]
    path = case.build(tmp_path)

Each :class:`Case` says what the program must do with the file: ``"error"``
(a :class:`~hegang_map.io.DataError` whose message contains every string in
``message``; the CLI exits 3) or ``"load"`` (every layer reads; the layer's
warnings contain every string in ``warning``; the CLI exits 0).

The files are written with pyogrio and, where GDAL would refuse to write
something broken, patched with the standard ``sqlite3`` module.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import struct
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

#: Hostile strings: HTML, script, template and URL payloads. Each one, if it
#: ran, would set ``window.__pwned`` in the page.
HOSTILE = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "</script><script>window.__pwned=3</script>",
    '<svg onload="window.__pwned=4"></svg>',
    '<a href="javascript:window.__pwned=5">click</a>',
    "javascript:window.__pwned=6",
    "`${window.__pwned=7}`",
    "${window.__pwned=8}",
    "{{constructor.constructor('window.__pwned=9')()}}",
    "<b>bold</b> &amp; <i>it</i>",
]

HOSTILE_LAYER = "<img src=x onerror=\"window.__pwned='layer'\">"
HOSTILE_TITLE = "<script>window.__pwned='title'</script>"
HOSTILE_DESCRIPTION = "<svg onload=\"window.__pwned='description'\"></svg> ${x} {{y}} `z`"

ODD_COLUMNS = ["with space", 'double"quote', "single'quote", "__proto__", "constructor", "名称", "toString"]

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@dataclass(frozen=True)
class Case:
    """One bad-input case.

    Attributes
    ----------
    name : str
        A short id, used as the pytest parameter id.
    build : callable
        ``build(folder) -> Path`` writes the file in ``folder`` and returns its path.
    expect : str
        ``"error"`` or ``"load"``.
    message : tuple of str
        For errors: parts the message must contain (case-insensitive).
    warning : tuple of str
        For loads: parts that some layer warning must contain (case-insensitive).
    skip : str or None
        A reason to skip the case in this environment.
    what : str
        A line for the documentation table.
    """

    name: str
    build: Callable[[Path], Path]
    expect: str
    message: tuple[str, ...] = ()
    warning: tuple[str, ...] = ()
    skip: str | None = None
    what: str = ""
    tags: frozenset[str] = field(default_factory=frozenset)


def sha256(path: Path) -> str | None:
    """The file's SHA-256 (``None`` for something that is not a readable file)."""
    p = Path(path)
    if not p.is_file() or not os.access(p, os.R_OK) and not IS_ROOT:
        return None
    try:
        return hashlib.sha256(p.read_bytes()).hexdigest()
    except OSError:
        return None


def tree_state(path: Path) -> dict:
    """Hash of the file and the names next to it (nothing may be added or changed)."""
    p = Path(path)
    folder = p.parent if p.parent.exists() else None
    return {"hash": sha256(p), "siblings": sorted(x.name for x in folder.iterdir()) if folder else []}


# ---------------------------------------------------------------- building blocks
def _points(n: int = 3) -> gpd.GeoDataFrame:
    lon = np.linspace(125.0, 131.0, n)
    lat = np.linspace(44.0, 47.5, n)
    return gpd.GeoDataFrame(
        {"name": [f"p{i}" for i in range(n)], "value": np.arange(n, dtype="int64")},
        geometry=[Point(x, y) for x, y in zip(lon, lat)],
        crs="EPSG:4326",
    )


def write_gpkg(path: Path, frame: gpd.GeoDataFrame, layer: str | None = None, **options) -> Path:
    """Write ``frame`` as a GeoPackage layer (appending when the file exists)."""
    kwargs = {"driver": "GPKG", "layer": layer or path.stem}
    if path.exists():
        kwargs["mode"] = "a"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "'crs' was not provided" is the point of some cases
        frame.to_file(path, **kwargs, **options)
    return path


def valid_gpkg(path: Path) -> Path:
    """A small, valid GeoPackage: points, lines and polygons (used by fuzzing too)."""
    write_gpkg(path, _points(5), "points")
    lines = gpd.GeoDataFrame(
        {"kind": ["road", "river"]},
        geometry=[LineString([(130.1, 47.2), (130.4, 47.4)]), LineString([(130.0, 47.0), (130.5, 47.5), (130.9, 47.3)])],
        crs="EPSG:4326",
    )
    write_gpkg(path, lines, "lines")
    polys = gpd.GeoDataFrame(
        {"zone": ["a", "b"], "area": [1.5, 2.5]},
        geometry=[Polygon([(130, 47), (130.3, 47), (130.3, 47.3), (130, 47.3)]),
                  Polygon([(130.5, 47), (130.8, 47), (130.8, 47.3)])],
        crs="EPSG:32652",
    ).set_crs("EPSG:4326", allow_override=True).to_crs("EPSG:32652")
    write_gpkg(path, polys, "polygons")
    return path


def valid_geojson(path: Path) -> Path:
    """A small GeoJSON file (JSON text, fuzzed like a project file)."""
    frame = _points(4)
    frame["note"] = ["a", "b", "鹤岗", None]
    frame.to_file(path, driver="GeoJSON")
    return path


def _gpkg_blob(geom, srs_id: int = 4326, dims: int = 2) -> bytes:
    """A GeoPackage geometry blob (no envelope, little-endian ISO WKB)."""
    wkb = shapely.to_wkb(geom, flavor="iso", byte_order=1, output_dimension=dims)
    return b"GP" + bytes([0, 1]) + struct.pack("<i", srs_id) + wkb


def _sql(path: Path, *statements: tuple) -> None:
    con = sqlite3.connect(path)
    try:
        for st in statements:
            con.execute(*st) if isinstance(st, tuple) else con.execute(st)
        con.commit()
    finally:
        con.close()


# ---------------------------------------------------------------- the cases
def _missing(folder: Path) -> Path:
    return folder / "does-not-exist.gpkg"


def _directory(folder: Path) -> Path:
    d = folder / "a-folder.gpkg"
    d.mkdir()
    return d


def _permission(folder: Path) -> Path:
    p = valid_gpkg(folder / "locked.gpkg")
    p.chmod(0)
    return p


def _empty(folder: Path) -> Path:
    p = folder / "empty.gpkg"
    p.write_bytes(b"")
    return p


def _text_as_gpkg(folder: Path) -> Path:
    p = folder / "notes.gpkg"
    p.write_text("These are meeting notes, not a map.\n" * 20, encoding="utf-8")
    return p


def _png_as_gpkg(folder: Path) -> Path:
    p = folder / "picture.gpkg"
    p.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    return p


def _truncated(folder: Path) -> Path:
    p = valid_gpkg(folder / "truncated.gpkg")
    data = p.read_bytes()
    p.write_bytes(data[: len(data) // 3])
    return p


def _truncated_header(folder: Path) -> Path:
    p = valid_gpkg(folder / "cut.gpkg")
    p.write_bytes(p.read_bytes()[:100])
    return p


def _corrupted(folder: Path) -> Path:
    p = valid_gpkg(folder / "corrupted.gpkg")
    data = bytearray(p.read_bytes())
    rng = np.random.default_rng(8)
    page = 4096
    # Scramble the sqlite_master page and a few pages after it.
    for pos in rng.integers(100, min(len(data), 6 * page), 600):
        data[int(pos)] = int(rng.integers(0, 256))
    p.write_bytes(bytes(data))
    return p


def _plain_sqlite(folder: Path) -> Path:
    p = folder / "accounts.gpkg"
    _sql(p, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT, balance REAL)",
         ("INSERT INTO accounts (owner, balance) VALUES (?, ?)", ("Li", 10.5)))
    return p


def _plain_sqlite_suffix(folder: Path) -> Path:
    p = folder / "accounts.sqlite"
    _sql(p, "CREATE TABLE accounts (id INTEGER PRIMARY KEY, owner TEXT, balance REAL)")
    return p


def _no_layers(folder: Path) -> Path:
    p = write_gpkg(folder / "nolayers.gpkg", _points(1), "gone", SPATIAL_INDEX="NO")
    _sql(p, "DROP TABLE gone", "DELETE FROM gpkg_contents", "DELETE FROM gpkg_geometry_columns",
         "DELETE FROM gpkg_extensions WHERE table_name = 'gone'" if _has_table(p, "gpkg_extensions") else "SELECT 1",
         "DELETE FROM gpkg_ogr_contents" if _has_table(p, "gpkg_ogr_contents") else "SELECT 1")
    return p


def _has_table(p: Path, name: str) -> bool:
    con = sqlite3.connect(p)
    try:
        return con.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None
    finally:
        con.close()


def _empty_layer(folder: Path) -> Path:
    frame = gpd.GeoDataFrame({"name": []}, geometry=gpd.GeoSeries([], crs="EPSG:4326"), crs="EPSG:4326")
    return write_gpkg(folder / "emptylayer.gpkg", frame, "nothing", geometry_type="Point")


def _no_crs(folder: Path) -> Path:
    frame = _points(3).set_crs(None, allow_override=True)
    return write_gpkg(folder / "nocrs.gpkg", frame, "nocrs")


def _no_crs_projected(folder: Path) -> Path:
    frame = _points(3).to_crs("EPSG:32652").set_crs(None, allow_override=True)
    return write_gpkg(folder / "nocrs_metres.gpkg", frame, "metres")


def _custom_crs(folder: Path) -> Path:
    custom = "+proj=tmerc +lat_0=0 +lon_0=130.5 +k=1 +x_0=500000 +y_0=0 +ellps=krass +units=m +no_defs"
    frame = _points(3).to_crs(custom)
    return write_gpkg(folder / "customcrs.gpkg", frame, "local_grid")


def _unknown_crs(folder: Path) -> Path:
    p = write_gpkg(folder / "unknowncrs.gpkg", _points(3), "mystery", SPATIAL_INDEX="NO")
    _sql(
        p,
        ("INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition) "
         "VALUES (?, ?, ?, ?, ?)", ("Hegang mine grid", 990001, "MINE", 1, "this is not a CRS definition")),
        "UPDATE gpkg_geometry_columns SET srs_id = 990001",
        "UPDATE gpkg_contents SET srs_id = 990001",
    )
    return p


def _engineering_crs(folder: Path) -> Path:
    p = write_gpkg(folder / "localcrs.gpkg", _points(3).to_crs("EPSG:32652"), "site", SPATIAL_INDEX="NO")
    wkt = ('LOCAL_CS["Mine site grid",LOCAL_DATUM["Mine datum",0],UNIT["metre",1],'
           'AXIS["Easting",EAST],AXIS["Northing",NORTH]]')
    _sql(
        p,
        ("INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition) "
         "VALUES (?, ?, ?, ?, ?)", ("Mine site grid", 990002, "NONE", 990002, wkt)),
        "UPDATE gpkg_geometry_columns SET srs_id = 990002",
        "UPDATE gpkg_contents SET srs_id = 990002",
    )
    return p


def _self_intersecting(folder: Path) -> Path:
    bowtie = Polygon([(130, 47), (130.5, 47.5), (130.5, 47), (130, 47.5), (130, 47)])
    ok = Polygon([(131, 47), (131.2, 47), (131.2, 47.2), (131, 47.2)])
    frame = gpd.GeoDataFrame({"name": ["bowtie", "square"]}, geometry=[bowtie, ok], crs="EPSG:4326")
    return write_gpkg(folder / "bowtie.gpkg", frame, "bowtie")


def _null_empty(folder: Path) -> Path:
    frame = gpd.GeoDataFrame(
        {"name": ["ok", "null", "empty point", "empty polygon"]},
        geometry=[Point(130, 47), None, Point(), Polygon()],
        crs="EPSG:4326",
    )
    return write_gpkg(folder / "nullgeom.gpkg", frame, "holes")


def _mixed(folder: Path) -> Path:
    p = write_gpkg(folder / "mixed.gpkg", _points(5), "mixed", SPATIAL_INDEX="NO")
    geoms = [
        Point(130, 47),
        LineString([(130, 47), (130.5, 47.5)]),
        Polygon([(130, 47), (130.2, 47), (130.2, 47.2)]),
        MultiPolygon([Polygon([(131, 47), (131.2, 47), (131.2, 47.2)])]),
        shapely.GeometryCollection([Point(130.7, 47.1), LineString([(130.6, 47.0), (130.8, 47.2)])]),
    ]
    _sql(p, *[("UPDATE mixed SET geom = ? WHERE fid = ?", (_gpkg_blob(g), i + 1)) for i, g in enumerate(geoms)],
         "UPDATE gpkg_geometry_columns SET geometry_type_name = 'GEOMETRY'")
    return p


def _z_and_m(folder: Path) -> Path:
    p = write_gpkg(folder / "zm.gpkg", _points(3), "zm", SPATIAL_INDEX="NO")
    geoms = [("POINT Z (130 47 120.5)", 3), ("POINT M (130.5 47.2 7)", 4), ("POINT ZM (131 47.4 80 9)", 4)]
    _sql(p, *[("UPDATE zm SET geom = ? WHERE fid = ?", (_gpkg_blob(shapely.from_wkt(w), dims=d), i + 1))
              for i, (w, d) in enumerate(geoms)],
         "UPDATE gpkg_geometry_columns SET z = 2, m = 2")
    return p


def _measured(folder: Path) -> Path:
    p = write_gpkg(folder / "measured.gpkg", gpd.GeoDataFrame(
        {"route": ["A"]}, geometry=[LineString([(130, 47), (130.4, 47.3)])], crs="EPSG:4326"),
        "route", SPATIAL_INDEX="NO")
    g = shapely.from_wkt("LINESTRING M (130 47 0, 130.4 47.3 12.5)")
    _sql(p, ("UPDATE route SET geom = ?", (_gpkg_blob(g, dims=4),)),
         "UPDATE gpkg_geometry_columns SET m = 1")
    return p


def _out_of_range(folder: Path) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # NaN vertex
        nan_line = LineString([(130, 47), (float("nan"), float("nan")), (131, 48)])
    frame = gpd.GeoDataFrame(
        {"name": ["ok", "latitude 95", "longitude 400", "nan vertex"]},
        geometry=[Point(130, 47), Point(130, 95), Point(400, 40),
                  nan_line],
        crs="EPSG:4326",
    )
    return write_gpkg(folder / "range.gpkg", frame, "range")


def _nan_point(folder: Path) -> Path:
    p = write_gpkg(folder / "nanpoint.gpkg", _points(2), "nanpoint", SPATIAL_INDEX="NO")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nan_line = LineString([(float("nan"), 47.0), (130.0, float("nan"))])
    _sql(p, ("UPDATE nanpoint SET geom = ? WHERE fid = 2", (_gpkg_blob(nan_line),)),
         "UPDATE gpkg_geometry_columns SET geometry_type_name = 'GEOMETRY'")
    return p


def _huge_text(folder: Path) -> Path:
    frame = _points(2)
    frame["essay"] = ["短" * 10 + "x" * (10 * 1024 * 1024), "short"]
    return write_gpkg(folder / "huge.gpkg", frame, "huge")


def _non_utf8(folder: Path) -> Path:
    p = write_gpkg(folder / "latin.gpkg", _points(3), "latin", SPATIAL_INDEX="NO")
    _sql(p, ("UPDATE latin SET name = CAST(? AS TEXT) WHERE fid = 1", (b"caf\xe9 \xff\xfe broken \xc3(",)),
         ("UPDATE latin SET name = CAST(? AS TEXT) WHERE fid = 2", ("鹤岗 fine".encode("gbk"),)))
    return p


def _many_columns(folder: Path) -> Path:
    frame = _points(3)
    extra = {f"col_{i:03d}": np.arange(3) * i for i in range(500)}
    frame = gpd.GeoDataFrame({**extra, **{c: frame[c] for c in frame.columns}}, crs=frame.crs)
    return write_gpkg(folder / "wide.gpkg", frame, "wide")


def _odd_columns(folder: Path) -> Path:
    frame = _points(3)
    for i, col in enumerate(ODD_COLUMNS):
        frame[col] = [f"{col} {j}" for j in range(3)] if i % 2 else np.arange(3) + i
    return write_gpkg(folder / "oddcols.gpkg", frame, "odd columns 名称")


def hostile_frame() -> gpd.GeoDataFrame:
    """One feature per hostile string, every field hostile too, near Hegang."""
    n = len(HOSTILE)
    cols = {"name": HOSTILE}
    for i, h in enumerate(HOSTILE[:6]):
        cols[f"f{i} {h}"] = list(reversed(HOSTILE))
    return gpd.GeoDataFrame(
        cols,
        geometry=[Point(130.0 + 0.05 * i, 47.0 + 0.03 * i) for i in range(n)],
        crs="EPSG:4326",
    )


def rename_layer(path: Path, old: str, new: str) -> None:
    """Rename a layer with SQL (GDAL refuses names with special characters).

    The layer must have been written with ``SPATIAL_INDEX="NO"``.
    """
    statements = [f'ALTER TABLE "{old}" RENAME TO "{new.replace(chr(34), chr(34) * 2)}"']
    for table in ("gpkg_contents", "gpkg_geometry_columns", "gpkg_ogr_contents", "gpkg_extensions"):
        if _has_table(path, table):
            statements.append((f"UPDATE {table} SET table_name = ? WHERE table_name = ?", (new, old)))
    _sql(path, *statements)


def _hostile(folder: Path) -> Path:
    p = write_gpkg(folder / "hostile.gpkg", hostile_frame(), "hostile", SPATIAL_INDEX="NO")
    rename_layer(p, "hostile", HOSTILE_LAYER)
    _sql(p, ("UPDATE gpkg_contents SET identifier = ?, description = ?", (HOSTILE_TITLE, HOSTILE_DESCRIPTION)))
    return p


def _hostile_filename(folder: Path) -> Path:
    p = folder / "<img src=x onerror=alert(1)> ${x}.gpkg"
    return write_gpkg(p, _points(2), "ok")


CASES: dict[str, Case] = {
    c.name: c
    for c in [
        Case("missing", _missing, "error", ("no such file", "does-not-exist.gpkg"), what="A path that does not exist"),
        Case("directory", _directory, "error", ("folder",), what="A folder"),
        Case("permission_denied", _permission, "error", ("permission denied",),
             skip="running as root: chmod 000 does not stop root from reading" if IS_ROOT else None,
             what="A file without read permission"),
        Case("empty_file", _empty, "error", ("empty", "0 bytes"), what="An empty (0-byte) file"),
        Case("text_as_gpkg", _text_as_gpkg, "error", ("not a geopackage", "text"),
             what="A text file renamed .gpkg"),
        Case("png_as_gpkg", _png_as_gpkg, "error", ("not a geopackage", "png"), what="A PNG image renamed .gpkg"),
        Case("truncated", _truncated, "error", ("damaged",), what="A GeoPackage cut to a third of its size"),
        Case("truncated_header", _truncated_header, "error", ("damaged",),
             what="A GeoPackage cut after 100 bytes (SQLite header only)"),
        Case("corrupted", _corrupted, "error", ("damaged",), what="A GeoPackage with scrambled bytes in its first pages"),
        Case("plain_sqlite", _plain_sqlite, "error", ("not a geopackage", "sqlite"),
             what="A plain SQLite database (no GeoPackage tables) named .gpkg"),
        Case("plain_sqlite_suffix", _plain_sqlite_suffix, "error", ("not a geopackage", "sqlite"),
             what="A plain SQLite database named .sqlite, tables without geometry"),
        Case("no_layers", _no_layers, "error", ("no layers",), what="A GeoPackage with no layers"),
        Case("empty_layer", _empty_layer, "load", ("no features",), what="A layer with no features"),
        Case("no_crs", _no_crs, "load", ("no crs", "assumed epsg:4326"),
             what="A layer with no CRS, coordinates in longitude/latitude range"),
        Case("no_crs_projected", _no_crs_projected, "load", ("no crs", "not drawn"),
             what="A layer with no CRS, coordinates in metres"),
        Case("custom_crs", _custom_crs, "load", (), what="A custom CRS (PROJ string, no EPSG code)"),
        Case("unknown_crs", _unknown_crs, "load", ("crs",),
             what="An unknown CRS: a definition GDAL cannot parse"),
        Case("engineering_crs", _engineering_crs, "load", ("cannot be converted", "not drawn"),
             what="A local engineering CRS that cannot be converted to longitude/latitude"),
        Case("self_intersecting", _self_intersecting, "load", ("invalid",),
             what="Self-intersecting (invalid) polygons"),
        Case("null_empty_geometry", _null_empty, "load", ("without geometry",),
             what="Null and empty geometries"),
        Case("mixed_types", _mixed, "load", ("mixed geometry types",),
             what="Points, lines, polygons and a geometry collection in one layer"),
        Case("z_and_m", _z_and_m, "load", ("3d",), what="3D (Z), measured (M) and ZM points"),
        Case("measured", _measured, "load", ("measure",), what="A measured (M) line layer"),
        Case("out_of_range", _out_of_range, "load", ("outside longitude/latitude range",),
             what="Latitude 95, longitude 400 and a NaN vertex in EPSG:4326"),
        Case("nan_coordinates", _nan_point, "load", ("nan",), what="A geometry whose coordinates are all NaN"),
        Case("huge_text", _huge_text, "load", (), what="A 10 MB text in one cell"),
        Case("non_utf8", _non_utf8, "load", ("utf-8",), what="Non-UTF-8 bytes (Latin-1, GBK) in text fields"),
        Case("many_columns", _many_columns, "load", (), what="500 columns"),
        Case("odd_columns", _odd_columns, "load", (),
             what="Column names with spaces, quotes, __proto__, constructor, Chinese"),
        Case("hostile", _hostile, "load", (),
             what="HTML/script in values, field names, layer name, gpkg_contents title and description"),
        Case("hostile_filename", _hostile_filename, "load", (), what="HTML and ${...} in the file name"),
    ]
}

ERROR_CASES = [c for c in CASES.values() if c.expect == "error"]
LOAD_CASES = [c for c in CASES.values() if c.expect == "load"]


def build(name: str, folder: Path) -> Path:
    """Write case ``name`` in ``folder`` and return its path."""
    return CASES[name].build(Path(folder))


def params(cases=None):
    """``pytest.param`` objects for ``cases`` (all by default), skipping as each case says."""
    import pytest

    out = []
    for c in (cases if cases is not None else CASES.values()):
        marks = [pytest.mark.skip(reason=c.skip)] if c.skip else []
        out.append(pytest.param(c, id=c.name, marks=marks))
    return out
