"""Time and peak memory of publication exports: A4 at 300 dpi, PNG and PDF, beside QGIS's layout export.

Each case runs in a fresh Python process, so its peak resident memory
(``ru_maxrss``) is its own and no cache is warm from a previous case. "read"
and "draw+write" cover reading the data, drawing and writing; "process" is
the wall time from launching the process to its end (imports included), the
figure to compare with QGIS's ("in proc": QGIS's own start, open and export,
without its exit, which takes half a minute with a million points loaded).
Where Debian's ``qgis`` and ``python3-qgis`` are installed, each case is
also exported by ``qgis_export.py`` (a QGIS layout of the same page, dpi,
CRS, layers and basemap layers), interleaved with the app's runs; the table
gives medians and the app/QGIS ratio of process times.

Cases: the bundled national and Hegang maps, and the cached synthetic
GeoPackages of 100k and 1M polygons and 1M points of ``large_layers.py``.

Usage::

    python benchmarks/export.py                 # one run per case
    python benchmarks/export.py --repeat 3      # medians of 3
    python benchmarks/export.py --cases large   # only the synthetic layers
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUNDLED = {
    "national (city_prices)": ["city_prices.gpkg"],
    "Hegang (welfare + redevelopment)": ["hegang_welfare.gpkg", "hegang_redevelopment.gpkg"],
}
LARGE = {"100k polygons": (100_000, "polygons"), "1M polygons": (1_000_000, "polygons"),
         "1M points": (1_000_000, "points")}
FORMATS = ("png", "pdf")

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from hegang_map.io.project import state_from_files
from hegang_map.bundled.paths import geodata_dir
from hegang_map.export import ExportRequest, export_state
t_import = time.perf_counter() - t0
files, out = json.loads(sys.argv[1]), Path(sys.argv[2])
t1 = time.perf_counter()
state = state_from_files([geodata_dir() / f for f in files])  # absolute paths stay as they are
t2 = time.perf_counter()
done = export_state(state, ExportRequest(out, size="A4", dpi=300, title="Benchmark"))  # the basemap read included
t3 = time.perf_counter()
rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
print(json.dumps({"read_s": t2 - t1, "draw_write_s": t3 - t2, "import_s": t_import,
                  "peak_mib": rss_kb / 1024, "bytes": out.stat().st_size, "pixels": done.info.pixels,
                  "crs": done.info.crs}))
"""


def run_case(files: list[str], fmt: str, folder: Path, warm: bool = False) -> dict:
    """One export in a fresh process; unless ``warm``, with an empty cache folder (no kept font subset)."""
    out = folder / f"bench.{fmt}"
    env = dict(os.environ)
    if not warm:
        env["HEGANG_MAP_CONFIG_DIR"] = tempfile.mkdtemp(dir=folder)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(files), str(out)],
                          capture_output=True, text=True, check=True, env=env)
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    r["process_s"] = time.perf_counter() - t0
    return r


def run_qgis(files: list[str], fmt: str, folder: Path, crs: str) -> dict | None:
    """``qgis_export.py``'s figures for the same files, page and CRS, or None without PyQGIS."""
    from hegang_map.bundled.paths import basemap_path, geodata_dir

    out = folder / f"qgis.{fmt}"
    script = Path(__file__).with_name("qgis_export.py")
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(["/usr/bin/python3", str(script), str(out), *[str(geodata_dir() / f) for f in files],
                               "--crs", crs, "--dpi", "300", "--basemap", str(basemap_path())], capture_output=True, text=True, timeout=1800,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0:
        return None
    r = json.loads(proc.stdout.strip().splitlines()[-1])
    r["process_s"] = time.perf_counter() - t0
    r["bytes"] = out.stat().st_size
    return r


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; medians are shown")
    parser.add_argument("--cases", choices=("all", "bundled", "large"), default="all")
    parser.add_argument("--no-qgis", action="store_true", help="the app alone")
    parser.add_argument("--warm", action="store_true",
                        help="keep the app's cache between runs (a PDF's CJK font subset made once)")
    args = parser.parse_args()
    cases: list[tuple[str, list[str], tuple[str, ...]]] = []
    if args.cases in ("all", "bundled"):
        cases += [(name, files, FORMATS) for name, files in BUNDLED.items()]
    if args.cases in ("all", "large"):
        sys.path.insert(0, str(Path(__file__).parent))
        from large_layers import dataset

        cases += [(name, [str(dataset(n, kind))], ("png",)) for name, (n, kind) in LARGE.items()]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, files, formats in cases:
            for fmt in formats:
                app, peer = [], []
                for _ in range(max(1, args.repeat)):  # interleaved: app, QGIS, app, QGIS...
                    app.append(run_case(files, fmt, Path(tmp), args.warm))
                    if not args.no_qgis:
                        q = run_qgis(files, fmt, Path(tmp), app[-1]["crs"])
                        if q is not None:
                            peer.append(q)
                rows.append((name, fmt.upper(), app, peer))
    med = statistics.median
    print(f"A4 portrait, 300 dpi; one fresh process per run, {'a shared' if args.warm else 'an empty'} cache; "
          f"medians of {max(1, args.repeat)}; "
          f"load average at the end {os.getloadavg()[0]:.1f}")
    head = (f"{'map':34} {'fmt':4} {'read s':>7} {'draw+write s':>13} {'process s':>10} {'peak MiB':>9} "
            f"{'file MB':>8} | {'QGIS s':>7} {'in proc':>8} {'QGIS MiB':>9} {'QGIS MB':>8} {'app/QGIS':>9}")
    print(head)
    print("-" * len(head))
    for name, fmt, app, peer in rows:
        proc_s = med(r["process_s"] for r in app)
        line = (f"{name:34} {fmt:4} {med(r['read_s'] for r in app):7.2f} {med(r['draw_write_s'] for r in app):13.2f} "
                f"{proc_s:10.2f} {med(r['peak_mib'] for r in app):9.0f} {med(r['bytes'] for r in app) / 1e6:8.2f} | ")
        if peer:
            q_s = med(r["process_s"] for r in peer)
            inside = med(r["start_s"] + r["open_s"] + r["export_s"] for r in peer)
            line += (f"{q_s:7.2f} {inside:8.2f} {med(r['peak_mib'] for r in peer):9.0f} "
                     f"{med(r['bytes'] for r in peer) / 1e6:8.2f} {proc_s / q_s:9.2f}")
        else:
            line += "(no QGIS)"
        print(line)


if __name__ == "__main__":
    main()
