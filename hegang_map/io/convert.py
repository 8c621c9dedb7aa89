"""Convert a vector file's coordinates between WGS 84, GCJ-02 and BD-09.

``hegang-map convert`` reads a file the app reads (every layer of a
GeoPackage, or the layers asked for), shifts every vertex with
:mod:`hegang_map.util.chinese_coords` and writes a new file with the same
attributes, CRS and layer names. The input is never written; the output
is written whole or not at all.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..util.atomic import TEMP_SUFFIX, replacing
from ..util.chinese_coords import convert_geometries
from ..util.i18n import translate
from .errors import DataError

#: Output endings and the GDAL driver that writes each.
WRITERS = {".gpkg": "GPKG", ".geojson": "GeoJSON", ".json": "GeoJSON", ".fgb": "FlatGeobuf", ".shp": "ESRI Shapefile"}
#: The files of a Shapefile that the writer makes.
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


@dataclass
class Converted:
    """What :func:`convert_file` wrote.

    Attributes
    ----------
    out : Path
    layers : list of (str, int)
        Each layer written and its feature count.
    warnings : list of str
        What the reads assumed (a CRS taken as longitude/latitude, text repaired ...).
    """

    out: Path
    layers: list[tuple[str, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def convert_file(inp: Path, out: Path, source: str, target: str, layers: list[str] | None = None,
                 encoding: str | None = None) -> Converted:
    """Write the layers of ``inp`` to ``out`` with their coordinates moved from ``source`` to ``target``.

    Parameters
    ----------
    inp, out : Path
        A file the app reads; a ``.gpkg``, ``.geojson``, ``.fgb`` or ``.shp``
        to write (only a GeoPackage takes several layers).
    source, target : str
        Coordinate frames (:data:`~hegang_map.util.chinese_coords.FRAMES`).
    layers : list of str, optional
        The layers to convert; every layer with geometry when omitted.
    encoding : str, optional
        The text encoding of a Shapefile input (decided from the file when omitted).

    Raises
    ------
    DataError
        For an input that cannot be read, or layers that cannot be converted.
    ValueError
        For an output this cannot write (its ending, several layers into one that holds one).
    """
    from .read import READ_WARNINGS, list_layers, read_layer

    driver = WRITERS.get(out.suffix.lower())
    if driver is None:
        raise ValueError(translate("Messages", "convert writes .gpkg, .geojson, .fgb or .shp, not {name}").format(
            name=out.name))
    infos = list_layers(inp, encoding)
    names = [i.name for i in infos if i.geometry_type]
    if layers:
        unknown = [n for n in layers if n not in {i.name for i in infos}]
        if unknown:
            raise DataError(translate("Messages", "{path} has no layer {layer} (it has: {names})").format(
                path=inp, layer=", ".join(unknown), names=", ".join(i.name for i in infos)))
        names = list(dict.fromkeys(layers))
    if not names:
        raise DataError(translate("Messages", "{path} holds no layer with geometry to convert.").format(path=inp))
    if len(names) > 1 and driver != "GPKG":
        raise ValueError(translate(
            "Messages", "{path} holds {n} layers and {name} holds one: choose one with --layer, or write a "
            ".gpkg").format(path=inp.name, n=len(names), name=out.name))
    done = Converted(out)
    frames = []
    for name in names:
        data = read_layer(inp, name, encoding=encoding)
        done.warnings += [f"{name}: {w}" for w in data.attrs.get(READ_WARNINGS, [])]
        frames.append((name, _shifted(data, source, target, f"{inp.name}:{name}", done.warnings)))
        done.layers.append((name, len(data)))
    try:
        _write_files(frames, out, driver)
    except OSError:
        raise
    except Exception as exc:  # noqa: BLE001 - GDAL's refusals (a Shapefile of mixed types ...)
        raise DataError(translate("Messages", "{path}: could not be written ({reason}).").format(
            path=out, reason=exc)) from None
    return done


def _shifted(data, source: str, target: str, where: str, notes: list[str]):
    """``data`` with its geometries moved from frame ``source`` to ``target`` (in its own CRS)."""
    from pyproj import CRS

    crs = data.crs
    lonlat = None
    if crs is None:
        b = data.total_bounds
        if not (len(data) == 0 or (-180 <= b[0] <= b[2] <= 180 and -90 <= b[1] <= b[3] <= 90)):
            raise DataError(translate(
                "Messages", "{where}: no CRS in the file and the coordinates are not longitude/latitude; "
                "assign its CRS first.").format(where=where))
        notes.append(translate("Messages", "{where}: no CRS in the file: taken as longitude/latitude.").format(
            where=where))
    elif not CRS(crs).equals("EPSG:4326", ignore_axis_order=True):
        lonlat = "EPSG:4326"
    out = data.copy()
    geoms = out.geometry.to_crs(lonlat) if lonlat else out.geometry
    moved = convert_geometries(geoms.values, source, target)
    series = type(out.geometry)(moved, crs=lonlat or crs, index=out.index)
    out[out.geometry.name] = series.to_crs(crs) if lonlat else series
    return out


def _write_files(frames, out: Path, driver: str) -> None:
    """Write the layers into a temp folder beside ``out`` under its own name (GDAL
    chooses by the name's ending: a FlatGeobuf not named .fgb becomes a folder),
    then move each file made over its name, atomically."""
    import pyogrio

    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.{os.getpid()}.", suffix=TEMP_SUFFIX, dir=out.parent))
    try:
        tmp = folder / out.name
        for name, data in frames:
            options = {"layer": name, "append": tmp.exists()} if driver == "GPKG" else {}
            if driver == "ESRI Shapefile":
                options["encoding"] = "UTF-8"
            pyogrio.write_dataframe(data, tmp, driver=driver, **options)
        parts = [tmp.with_suffix(p) for p in _SHAPEFILE_PARTS] if driver == "ESRI Shapefile" else [tmp]
        for made in parts:
            if made.exists():
                with replacing(out.with_suffix(made.suffix)) as dest:
                    os.replace(made, dest)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
