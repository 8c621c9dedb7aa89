"""The reproducibility record of an export (``map.png.json``), written in this one place.

A sidecar records what is needed to make the same figure again: the project
snapshot, a SHA-256 of every data file, the class breaks, the extent, the
export settings and the software versions. ``hegang-map export
map.png.json`` reads it back (:mod:`hegang_map.export.inputs`) and redraws
the figure.
"""

from __future__ import annotations

import hashlib
import json
import platform
from pathlib import Path
from typing import Any

from ..util.atomic import write_text
from ..io.project import Project, _relative, project_from_state, to_dict
from ..model.map_state import MapState

SIDECAR_FORMAT = "hegang-map-export"
SIDECAR_VERSION = 1


def sidecar_path(out: Path) -> Path:
    """``map.png`` -> ``map.png.json``."""
    return Path(str(out) + ".json")


def is_sidecar(path: Path) -> bool:
    """Whether ``path`` looks like an export sidecar (a ``.json`` with our format key)."""
    if Path(path).suffix.lower() != ".json" or not Path(path).is_file():  # never open a pipe or a device
        return False
    try:
        with open(path, encoding="utf-8") as fh:
            head = fh.read(400)
    except (OSError, UnicodeDecodeError):
        return False
    return SIDECAR_FORMAT in head


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, hex."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def software_versions() -> dict[str, str]:
    """Versions of everything that shapes the figure."""
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version(), "platform": platform.platform()}
    for name in ("hegang-map", "matplotlib", "geopandas", "shapely", "pyproj", "pyogrio", "mapclassify",
                 "numpy", "pandas", "folium", "xstatic-leaflet", "mplfonts"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "not installed"
    try:
        import pyogrio
        import pyproj

        out["GDAL"] = pyogrio.__gdal_version_string__
        out["PROJ"] = pyproj.proj_version_str
    except (ImportError, AttributeError):
        pass
    return out


def sidecar(state: MapState, out: Path, title: str, size: str, dpi, info, project: Project | None = None) -> dict:
    """The reproducibility record of one export (see the module docstring)."""
    snap = project_from_state(state, title=title, scenes=project.scenes if project else None)
    base = Path(out).resolve().parent
    data, seen = [], set()
    for lyr in state.layers:
        p = lyr.source.path
        if p is None or p in seen:
            continue
        seen.add(p)
        if not isinstance(p, Path):  # a database table: its address; its rows may change, no digest says so
            data.append({"source": str(p)})
            continue
        data.append({"source": _relative(p, base), "sha256": file_sha256(p), "bytes": p.stat().st_size})
    doc: dict[str, Any] = {
        "format": SIDECAR_FORMAT,
        "format_version": SIDECAR_VERSION,
        "output": {"file": Path(out).name, "sha256": file_sha256(out)},
        "export": {"size": size, "dpi": dpi, "title": title,
                   "extent": list(info.requested_extent) if info and info.requested_extent else None},
        "project": to_dict(snap, base),
        "data": data,
    }
    if info is not None:
        doc["output"].update(pixels=list(info.pixels), frame_extent=list(info.extent), crs=info.crs,
                             crs_note=info.crs_note, scale_bar_m=info.scale_bar_m, credits=info.credits)
        doc["classes"] = info.classifications
    doc["software"] = software_versions()
    return doc


def write_sidecar(doc: dict, out: Path) -> Path:
    """Write ``doc`` beside ``out`` (atomically); returns its path."""
    path = sidecar_path(out)
    write_text(path, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    return path
