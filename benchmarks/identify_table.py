"""Identify and the attribute table: the app beside QGIS, on the same files or PostGIS tables.

Run (headless)::

    QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 python benchmarks/identify_table.py \
        [--sizes 1000000] [--kinds points,polygons] [--clicks 9] [--postgres URL] [--no-qgis]

For each dataset (``large_layers``' synthetic files, or with ``--postgres``
the same data as tables of that database, written once as
``same_views.py`` writes them), one process of the app:

- opens it and waits for the map to settle;
- *identify*: for ``--clicks`` features picked at random (a fixed seed), the
  map is set at zoom 16 on a point of the feature and left to settle; then
  a real mouse click there, timed until the Identify dock lists a feature's
  attributes (the dock repaints in the same turn of the event loop);
- *attribute table*: View › Attribute Table (``show_table``), timed until the
  table holds its rows and its viewport has painted the first page.

QGIS 3.22 (``qgis_identify.py``, the system Python) opens the same source
and runs, for the same points, what its Identify tool asks of the layer:
the features meeting a square of its search radius (2 mm at 96 dpi, at
zoom 16) around the click, attributes read; then fills the attribute
table's model (a feature cache and ``QgsAttributeTableModel.loadLayer``),
which its attribute table dialog does before its first page. Medians and
p95 in milliseconds, with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import large_layers as ll  # noqa: E402 - beside this script

#: Zoom of the identify clicks, and QGIS's search radius there (2 mm at 96 dpi, in degrees of longitude).
CLICK_ZOOM = 16
QGIS_RADIUS = 2.0 / 25.4 * 96 * 360.0 / (256 * 2**CLICK_ZOOM)


def targets(path: str, clicks: int) -> list[tuple[int, float, float]]:
    """(row, lon, lat) of ``clicks`` features picked with a fixed seed: a point on each."""
    import numpy as np
    import shapely

    from hegang_map.io.read import read_layer

    frame = read_layer(path)
    rows = np.random.default_rng(7).choice(len(frame), size=min(clicks, len(frame)), replace=False)
    on = shapely.point_on_surface(np.asarray(frame.geometry.values)[rows])
    return [(int(r), float(p.x), float(p.y)) for r, p in zip(rows, on)]


def run_app(path: str, points: list, cap_gb: float) -> dict:
    from PySide6.QtCore import QEvent, QObject, QPoint, Qt
    from PySide6.QtTest import QTest

    from hegang_map.qt.app import create_app
    from hegang_map.qt.main_window import MainWindow

    watch = ll.MemoryWatch(cap_gb)
    create_app()
    win = MainWindow(files=None, bundled=False)
    win.state.basemap = "none"
    ll._size_map(win, win.map_view)
    px = ll.Pixels(win.map_view)
    idle = []
    win.when_idle(lambda: idle.append(1))
    px.wait(lambda: bool(idle))
    t = time.perf_counter()
    win.open_paths([path], ask=False)
    px.wait(lambda: win.is_idle() and len(win.state.layers) == 1, timeout=600)
    opened = time.perf_counter() - t

    identify, hits = [], 0
    for row, lon, lat in points:
        win.state.selection = None
        win.map_view.call("setView", lat, lon, CLICK_ZOOM, False)
        px.spin(50)
        px.wait(win.is_idle, timeout=120)
        px.spin(300)  # the page's own redraw after the move
        at = ll._page(px, win.map_view, f"JSON.stringify(hgmap.leafletMap().latLngToContainerPoint([{lat!r}, {lon!r}]))")
        pos = QPoint(round(at["x"]), round(at["y"]))
        t = time.perf_counter()
        QTest.mouseClick(win.map_view.focusProxy(), Qt.MouseButton.LeftButton, pos=pos)
        px.wait(lambda: bool(win.identify.rows()), timeout=30)
        identify.append(time.perf_counter() - t)
        hits += win.state.selection is not None and win.state.selection.row == row

    painted = []

    class Painted(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and win.table.model.rowCount() > 0 and not painted:
                painted.append(time.perf_counter())
            return False

    spy = Painted()
    win.table.table.viewport().installEventFilter(spy)
    t = time.perf_counter()
    win.show_table()
    px.wait(lambda: bool(painted), timeout=120)
    return {"open": opened, "identify": identify, "hits": hits, "table": painted[0] - t,
            "table_rows": win.table.model.rowCount(), "mem": watch.peak_gb()}


def child(args) -> None:
    load = os.getloadavg()[0]
    try:
        out = run_app(args.path, json.loads(args.points), args.cap_gb)
    except Exception as exc:  # noqa: BLE001 - a failed run is a table row
        import traceback

        where = traceback.extract_tb(exc.__traceback__)[1]
        out = {"error": f"{type(exc).__name__}: {exc} (line {where.lineno}: {where.line})"[:200]}
    out["load"] = load
    print(json.dumps(out), flush=True)
    os._exit(0)


def run_child(path: str, points: list, cap_gb: float) -> dict:
    cmd = [sys.executable, __file__, "--child", "--path", path, "--points", json.dumps([p[:3] for p in points]),
           "--cap-gb", str(cap_gb)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"error": f"exit {proc.returncode}: " + (proc.stderr.strip().splitlines() or ["no output"])[-1][:150]}
    return json.loads(lines[-1])


def run_qgis(python: str, path: str, points: list) -> dict:
    r, load = ll.qgis_job(python, "qgis_identify.py", {"path": path, "points": [[lon, lat] for _row, lon, lat in points],
                                                      "radius": QGIS_RADIUS})
    if "error" in r:
        return r
    return {"open": r["open_ms"] / 1000, "identify": [t / 1000 for t in r["identify_ms"]],
            "hits": sum(h > 0 for h in r["hits"]), "table": r["table_ms"] / 1000, "table_rows": r["table_rows"],
            "load": load}


def _ms(values, q: float = 0.5) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    at = ordered[min(len(ordered) - 1, int(q * len(ordered)))] if q != 0.5 else statistics.median(ordered)
    return f"{at * 1000:.0f}"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="1000000")
    p.add_argument("--kinds", default="points,polygons")
    p.add_argument("--clicks", type=int, default=9)
    p.add_argument("--postgres", default=None, metavar="URL",
                   help="the same data as tables of this PostGIS database (postgresql://USER@HOST:PORT/DB)")
    p.add_argument("--no-qgis", action="store_true", help="the app alone")
    p.add_argument("--cap-gb", type=float, default=12.0)
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--path", default=None, help=argparse.SUPPRESS)
    p.add_argument("--points", default="[]", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child(args)
        return 0
    from same_views import pg_dataset

    qgis = None if args.no_qgis else ll._qgis_python()
    print(f"{'PostGIS tables' if args.postgres else 'GeoPackage files'}; {args.clicks} clicks at zoom "
          f"{CLICK_ZOOM}; QGIS: {qgis or 'not run'}\n")
    print(f"{'N':>9} {'kind':<8} {'tool':<10} {'open s':>7} {'identify med':>12} {'p95':>5} {'hits':>5} "
          f"{'table first page':>16} {'rows':>9} {'load':>5}")
    for n in (int(s) for s in args.sizes.split(",")):
        for kind in args.kinds.split(","):
            path = pg_dataset(args.postgres, n, kind) if args.postgres else str(ll.dataset(n, kind))
            points = targets(path, args.clicks)
            rows = {"hegang-map": run_child(path, points, args.cap_gb)}
            if qgis:
                rows["QGIS"] = run_qgis(qgis, path, points)
            for tool, r in rows.items():
                if "error" in r:
                    print(f"{n:>9,} {kind:<8} {tool:<10} {r['error']}")
                    continue
                print(f"{n:>9,} {kind:<8} {tool:<10} {r['open']:7.2f} {_ms(r['identify']):>12} "
                      f"{_ms(r['identify'], 0.95):>5} {r['hits']:>2}/{len(points):<2} {_ms([r['table']]):>16} "
                      f"{r['table_rows']:>9,} {r['load']:5.1f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
