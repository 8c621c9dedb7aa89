"""The same views in hegang-map, ``explore()`` and QGIS, operation by operation.

Run (QGIS rows need Debian's ``qgis`` and ``python3-qgis``)::

    QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 python benchmarks/same_views.py \\
        [--sizes 1000000] [--kinds points,polygons] [--ops 5] [--runs 3] [--postgres URL]

For each file of ``large_layers.py`` (cached in ``$TMPDIR/hegang-map-bench``)
the app opens it in its window (1920x1080 map view) and frames it; that view
starts the plan of ``view_plan.py`` (pan, far pan, zoom in, deep zoom, zoom
out; new places inside the data's extent), which every tool then goes
through, each in a process of its own:

- ``hegang-map``: ``setView`` in the window's page, timed to the first grab
  equal to the settled frame once the window is idle (``large_layers.Pixels``);
- ``explore()`` (up to 100k features): the same, in a web view of its HTML;
- ``QGIS``: ``qgis_frame.py --views``, one ``QgsMapRendererParallelJob``
  render of each view's Web Mercator extent, from scratch, to the image.

A web map keeps frames it drew (the pan stays inside what was drawn around
the view; zooming out may show a kept frame); QGIS renders every view anew,
as its canvas does once a view settles. The table gives each operation
apart: medians, p95, and QGIS / hegang-map (> 1: the app is faster), with
the load average at each run's start. "first" is open → first frame to
pixels for the web maps, and QGIS's first (cold) render with the layer's
opening timed apart.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import large_layers as ll  # noqa: E402 - sets the Qt environment first
from view_plan import OPS, plan  # noqa: E402

EXPLORE_MAX = 100_000


def _drive(ops: int, start: tuple | None):
    """A ``drive`` for ``large_layers.run_*``: the plan from ``start`` (else the tool's own view)."""

    def drive(px, set_view, v, ready):
        lat, lng, zoom = start or (v["lat"], v["lng"], int(round(v["zoom"])))
        times: dict[str, list[float]] = {}
        for step in plan(lat, lng, zoom, ops, ll.EXTENT):
            act = (lambda s=step: set_view(s["lat"], s["lng"], s["zoom"]))
            if step["timed"]:
                times.setdefault(step["op"], []).append(px.measure(act, ready=ready, expect_change=False))
            else:
                px.measure(act, ready=ready, expect_change=False)
        return {"ops": times, "start": [lat, lng, zoom]}

    return drive


def pg_dataset(server: str, n: int, kind: str) -> str:
    """``large_layers``' file of ``n`` ``kind`` as a table of the PostGIS database
    ``server`` (written once by the app's Export Layer, with a GiST index and a
    ``fid`` key); its address."""
    import adbc_driver_postgresql.dbapi as pg

    from hegang_map.io.layer_export import export_layer
    from hegang_map.io.read import read_layer
    from hegang_map.model.sources import PgTable, parse_postgres

    conninfo = parse_postgres(server)[0]
    table = PgTable(conninfo, "public", f"bench_{kind}_{n}")
    with pg.connect(server) as conn:
        cur = conn.cursor()
        cur.execute("SELECT to_regclass($1) IS NOT NULL", (table.qualified,))
        there = cur.fetchone()[0]
        if there:
            cur.execute(f"SELECT count(*) FROM {table.qualified}")
            there = cur.fetchone()[0] == n
        cur.close()
    if not there:
        export_layer(read_layer(ll.dataset(n, kind)), table, table.table, replace=True)
        with pg.connect(server) as conn:
            cur = conn.cursor()
            cur.execute(f"ALTER TABLE {table.qualified} ADD COLUMN fid bigserial PRIMARY KEY")
            cur.execute(f"ANALYZE {table.qualified}")
            conn.commit()
            cur.close()
    return table.uri


def child(args) -> None:
    watch = ll.MemoryWatch(args.cap_gb)
    start = tuple(json.loads(args.start)) if args.start else None
    load = os.getloadavg()[0]
    try:
        path = pg_dataset(args.postgres, args.n, args.kind) if args.postgres else ll.dataset(args.n, args.kind)
        if args.child == "hegang-map":
            out = ll.run_hegang(path, args.n, args.kind, args.ops, watch, drive=_drive(args.ops, start),
                                basemap=not args.no_basemap)
        else:
            out = ll.run_explore(path, args.n, args.kind, args.ops, watch, drive=_drive(args.ops, start))
    except Exception as exc:  # noqa: BLE001 - a failed run is a table row
        out = {"error": f"{type(exc).__name__}: {exc}"[:160], "mem": watch.peak_gb()}
    out["load"] = load
    print(json.dumps(out), flush=True)
    os._exit(0)


def run_child(approach: str, n: int, kind: str, ops: int, cap_gb: float, start=None, postgres=None,
              no_basemap: bool = False) -> dict:
    cmd = [sys.executable, __file__, "--child", approach, "--n", str(n), "--kind", kind, "--ops", str(ops),
           "--cap-gb", str(cap_gb)] + (["--start", json.dumps(start)] if start else []) + (
           ["--postgres", postgres] if postgres else []) + (["--no-basemap"] if no_basemap else [])
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
    except subprocess.TimeoutExpired:
        return {"error": "no result within 1800 s"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"error": f"exit {proc.returncode}: " + (proc.stderr.strip().splitlines() or ["no output"])[-1][:150]}
    return json.loads(lines[-1])


def run_qgis(python: str, n: int, kind: str, ops: int, start, postgres=None) -> dict:
    source = pg_dataset(postgres, n, kind) if postgres else str(ll.dataset(n, kind))
    r, load = ll.qgis_job(python, "qgis_frame.py", {"path": source, "steps": plan(*start, ops, ll.EXTENT)},
                          ("--views",))
    if "error" in r:
        return r
    # Milliseconds from QGIS; seconds here, as the web maps' grabs give them.
    return {"first": r["first_ms"] / 1000, "open": r["open_ms"] / 1000, "load": load,
            "ops": {op: [t / 1000 for t in ts] for op, ts in r["ops"].items()}}


def _pool(runs: list[dict]) -> dict:
    ok = [r for r in runs if "ops" in r]
    if not ok:
        return runs[0] if runs else {}
    return {"first": statistics.median(r["first"] for r in ok), "loads": [round(r["load"], 1) for r in ok],
            "start": ok[0].get("start"),
            "ops": {op: [t for r in ok for t in r["ops"].get(op, [])] for op in OPS}, "runs": len(ok),
            "mem": max(r.get("mem") or 0 for r in ok)}


def _med(values) -> float | None:
    return statistics.median(values) if values else None


def _p95(values) -> float | None:
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))]


def _cell(values) -> str:
    m, p = _med(values), _p95(values)
    return f"{m * 1000:6.0f} / {p * 1000:<6.0f}" if m is not None else f"{'-':>6}   {'':<6}"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--sizes", default="100000,1000000")
    p.add_argument("--kinds", default="points,polygons")
    p.add_argument("--ops", type=int, default=5)
    p.add_argument("--runs", type=int, default=3, help="hegang-map processes per file (times pooled)")
    p.add_argument("--approaches", default="hegang-map,explore(),QGIS")
    p.add_argument("--cap-gb", type=float, default=12.0)
    p.add_argument("--no-basemap", action="store_true",
                   help="the app draws the layer alone, as QGIS does (by default under its Natural Earth basemap)")
    p.add_argument("--child", default=None, help=argparse.SUPPRESS)
    p.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--kind", default="points", help=argparse.SUPPRESS)
    p.add_argument("--start", default=None, help=argparse.SUPPRESS)
    p.add_argument("--postgres", default=None, metavar="URL",
                   help="read each dataset from this PostGIS database (postgresql://USER@HOST:PORT/DB; the "
                        "password from PGPASSFILE) instead of its GeoPackage; QGIS through its PostGIS provider")
    args = p.parse_args(argv)
    if args.child:
        child(args)
        return 0
    approaches = args.approaches.split(",")
    qgis = ll._qgis_python() if "QGIS" in approaches else None
    print(f"{'PostGIS tables' if args.postgres else 'GeoPackage files'}; "
          f"map view 1920x1080 Web Mercator, {os.cpu_count()} cores; {args.ops} of each operation; "
          f"hegang-map: {args.runs} processes pooled, {'no basemap' if args.no_basemap else 'over its basemap'}; "
          f"QGIS: {'through ' + qgis if qgis else 'not installed'}\n")
    for n in [int(s) for s in args.sizes.split(",")]:
        for kind in args.kinds.split(","):
            if args.postgres:
                pg_dataset(args.postgres, n, kind)  # written before any run is timed
            rows = {"hegang-map": _pool([run_child("hegang-map", n, kind, args.ops, args.cap_gb,
                                                   postgres=args.postgres, no_basemap=args.no_basemap)
                                         for _ in range(args.runs)])}
            if "ops" not in rows["hegang-map"]:
                print(f"{n:,} {kind}: hegang-map failed: {rows['hegang-map'].get('error')}")
                continue
            view = rows["hegang-map"]["start"]  # the app's own framed view starts every tool's plan
            if "explore()" in approaches and n <= EXPLORE_MAX and not args.postgres:
                rows["explore()"] = _pool([run_child("explore()", n, kind, args.ops, args.cap_gb, start=view)])
            if qgis:
                rows["QGIS"] = _pool([run_qgis(qgis, n, kind, args.ops, view, args.postgres)])
            _print(n, kind, view, rows)
    return 0


def _print(n: int, kind: str, view: list, rows: dict) -> None:
    names = list(rows)
    print(f"{n:,} {kind}, start view lat {view[0]:.3f} lng {view[1]:.3f} zoom {view[2]}; "
          + "; ".join(f"{k} load {r.get('loads')}" for k, r in rows.items()))
    head = f"{'operation':<10} " + " ".join(f"{k + ' med / p95 ms':>20}" for k in names) + "   QGIS / hegang-map"
    print(head)
    print("-" * len(head))
    firsts = [f"{rows[k]['first'] * 1000:>11.0f}{'':9}" if "first" in rows[k] else f"{'-':>20}" for k in names]
    ratio = ""
    if "QGIS" in rows and "first" in rows["QGIS"] and "first" in rows["hegang-map"]:
        ratio = f"{rows['QGIS']['first'] / rows['hegang-map']['first']:.2f}x"
    print(f"{'first':<10} " + " ".join(firsts) + f"   {ratio}")
    for op in OPS:
        cells = [f"{_cell(rows[k].get('ops', {}).get(op)):>20}" for k in names]
        h, q = _med(rows["hegang-map"]["ops"].get(op)), _med(rows.get("QGIS", {}).get("ops", {}).get(op))
        print(f"{op:<10} " + " ".join(cells) + (f"   {q / h:.2f}x" if h and q else ""))
    print(flush=True)


if __name__ == "__main__":
    sys.exit(main())
