"""One PyQGIS frame of the large-layer benchmark's data, for its ratios.

Run with Debian's system Python, not the project's venv::

    apt-get install --no-install-recommends qgis python3-qgis
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 benchmarks/qgis_frame.py [GPKG ...]
    QT_QPA_PLATFORM=offscreen /usr/bin/python3 benchmarks/qgis_frame.py --views JOB.json

(``--views``: the views of ``view_plan.plan``, which ``same_views.py`` writes;
its ``path`` may be a PostGIS table, ``postgresql://USER@HOST:PORT/DB#SCHEMA.TABLE``
with a ``geom`` column and a ``fid`` key, read through QGIS's PostGIS provider.)

It needs Debian's ``qgis`` and ``python3-qgis`` packages (PyQGIS is not on
PyPI and works only with the Python it was built for). Without GeoPackage
arguments it renders the six files that ``benchmarks/large_layers.py``
caches in ``$TMPDIR/hegang-map-bench`` (run that first to make them).

Each file is opened as a ``QgsVectorLayer`` and given a simple style (a
2 mm circle for points, a filled ring for polygons). A
``QgsMapRendererParallelJob`` then renders it into a 1920x1080 ``QImage``:
once at the layer's full extent ("first", the cold render), five more times
there (median), and five times at the full extent scaled by 1/4 around its
centre (median; the frame of a two-level zoom). Opening the layer is timed
apart and not counted in any render. Output: one table, then one JSON line
per file.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

try:
    from qgis.core import (
        Qgis,
        QgsApplication,
        QgsFillSymbol,
        QgsMapRendererParallelJob,
        QgsMapSettings,
        QgsMarkerSymbol,
        QgsVectorLayer,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor
except ImportError as exc:
    print(f"qgis_frame: PyQGIS not importable ({exc}); install Debian's qgis python3-qgis "
          "and run with /usr/bin/python3", file=sys.stderr)
    sys.exit(2)

SIZE = (1920, 1080)
REPEATS = 5
CACHE = Path(tempfile.gettempdir()) / "hegang-map-bench"
DEFAULT = [CACHE / f"{kind}_{n}.gpkg" for kind in ("points", "polygons") for n in (10_000, 100_000, 1_000_000)]


def _postgres_layer(address: str) -> QgsVectorLayer:
    """A PostGIS table named as the app names it (``postgresql://USER@HOST:PORT/DB#SCHEMA.TABLE``),
    through QGIS's own PostGIS provider; the password from ``PGPASSFILE``, as libpq finds it."""
    import urllib.parse

    from qgis.core import QgsDataSourceUri

    server, _, name = address.partition("#")
    parts = urllib.parse.urlsplit(server)
    schema, _, table = name.rpartition(".")
    uri = QgsDataSourceUri()
    uri.setConnection(parts.hostname or "", str(parts.port or 5432), parts.path.lstrip("/"), parts.username or "", "")
    uri.setDataSource(schema or "public", table, "geom", "", "fid")
    return QgsVectorLayer(uri.uri(False), table, "postgres")


def styled_layer(path: Path | str) -> QgsVectorLayer:
    """The file's first layer (or the PostGIS table), with a simple circle marker or fill symbol."""
    if str(path).startswith("postgresql://"):
        layer = _postgres_layer(str(path))
    else:
        layer = QgsVectorLayer(str(path), Path(path).stem, "ogr")
    if not layer.isValid():
        raise SystemExit(f"qgis_frame: cannot open {path}")
    if layer.geometryType() == QgsWkbTypes.PointGeometry:
        symbol = QgsMarkerSymbol.createSimple(
            {"name": "circle", "size": "2", "color": "49,130,189,200", "outline_color": "255,255,255", "outline_width": "0.2"})
    else:
        symbol = QgsFillSymbol.createSimple(
            {"color": "49,130,189,120", "outline_color": "8,81,156", "outline_width": "0.26"})
    layer.renderer().setSymbol(symbol)
    return layer


def render_ms(settings: QgsMapSettings) -> float:
    """Wall time of one full render of ``settings`` into an image, in ms."""
    t = time.perf_counter()
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    job.renderedImage()
    return (time.perf_counter() - t) * 1000


def opened(path: Path, crs=None) -> tuple:
    """(layer, feature count, ms to open it, map settings of 1920x1080 on white in ``crs``, else the layer's)."""
    t = time.perf_counter()
    layer = styled_layer(path)
    n = layer.featureCount()
    open_ms = (time.perf_counter() - t) * 1000
    settings = QgsMapSettings()
    settings.setOutputSize(QSize(*SIZE))
    settings.setBackgroundColor(QColor("white"))
    settings.setDestinationCrs(crs or layer.crs())
    settings.setLayers([layer])
    return layer, n, open_ms, settings


def measure(path: Path) -> dict:
    """Open, first render, median full-extent and zoomed renders of one file."""
    layer, n, open_ms, settings = opened(path)
    full = layer.extent()
    settings.setExtent(full)
    first = render_ms(settings)
    frame = statistics.median(render_ms(settings) for _ in range(REPEATS))
    zoomed = full.scaled(0.25)
    settings.setExtent(zoomed)
    zoom = statistics.median(render_ms(settings) for _ in range(REPEATS))
    return {"file": path.name, "features": n, "open_ms": round(open_ms), "first_ms": round(first),
            "frame_med_ms": round(frame), "zoom_med_ms": round(zoom)}


def measure_views(path: Path, steps: list[dict]) -> dict:
    """Render ``path`` at each timed view of ``steps`` (``view_plan.plan``) in Web Mercator.

    Each render is from scratch (no render cache), to the final image: what
    the screen shows once the view has settled. The first render, at the
    plan's first view, is the cold one.
    """
    from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle

    from view_plan import VIEW, mercator_extent

    assert tuple(VIEW) == SIZE
    _layer, n, open_ms, settings = opened(path, QgsCoordinateReferenceSystem("EPSG:3857"))

    def at(step):
        settings.setExtent(QgsRectangle(*mercator_extent(step["lat"], step["lng"], step["zoom"])))
        return render_ms(settings)

    first = at(steps[0])
    ops: dict[str, list[float]] = {}
    for step in steps:
        if step["timed"]:
            ops.setdefault(step["op"], []).append(round(at(step), 1))
    return {"file": getattr(path, "name", path), "features": n, "open_ms": round(open_ms), "first_ms": round(first),
            "ops": ops}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--views"]:
        # One file through the plan's views: {"path": ..., "steps": [...]}; one JSON line out.
        job = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
        app = QgsApplication([], False)
        app.initQgis()
        path = job["path"] if job["path"].startswith("postgresql://") else Path(job["path"])
        print(json.dumps({"qgis": Qgis.version(), **measure_views(path, job["steps"])}), flush=True)
        app.exitQgis()
        return 0
    paths = [Path(a) for a in argv] or DEFAULT
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print("qgis_frame: missing " + ", ".join(missing) + " (benchmarks/large_layers.py makes them)", file=sys.stderr)
        return 1
    app = QgsApplication([], False)
    app.initQgis()
    print(f"QGIS {Qgis.version()}, {SIZE[0]}x{SIZE[1]}, QgsMapRendererParallelJob, "
          f"{os.cpu_count()} cores; medians of {REPEATS}\n")
    head = f"{'file':<22} {'features':>9} {'open ms':>8} {'first ms':>9} {'frame med':>10} {'zoom med':>9}"
    print(head)
    print("-" * len(head))
    rows = []
    for path in paths:
        r = measure(path)
        rows.append(r)
        print(f"{r['file']:<22} {r['features']:>9,} {r['open_ms']:>8} {r['first_ms']:>9} "
              f"{r['frame_med_ms']:>10} {r['zoom_med_ms']:>9}", flush=True)
    print()
    for r in rows:
        print(json.dumps({"qgis": Qgis.version(), **r}))
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
