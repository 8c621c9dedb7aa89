"""The bundled basemap's frame time, to pixels, at zoom 4, 7 and 10 and beyond China.

Run (about 4 minutes)::

    QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 python benchmarks/basemap_frames.py \\
        [--against OLD_BASEMAP.gpkg] [--runs 3]

Each run is its own process: the app's window with no layers but the
basemap (a 1920x1080 map view), then a cycle of views, each timed from
``setView`` to the first grab equal to the settled frame (as
``large_layers.py`` times). The views differ from one another and the page
keeps only three basemap frames, so no view is a blit of a kept frame.
``--against`` runs another basemap file interleaved with the bundled one
(for instance the one of an earlier commit: ``git show REV:geodata/basemap.gpkg``)
and prints the ratio. Medians over the runs and the cycles.
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

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")

sys.path.insert(0, str(Path(__file__).parent))

#: (name, lat, lon, zoom): China, Heilongjiang, Hegang, and places outside the detailed box.
VIEWS = [
    ("China z4", 36.0, 104.0, 4),
    ("Heilongjiang z7", 47.0, 129.0, 7),
    ("Hegang z10", 47.33, 130.3, 10),
    ("Eurasia z3", 50.0, 80.0, 3),
    ("Japan z7", 36.5, 139.5, 7),
    ("Siberia z5", 60.0, 115.0, 5),
]
CYCLES = 3


def child(basemap: str) -> None:
    from hegang_map.bundled import paths
    from hegang_map.qt import main_window
    from hegang_map.qt.app import create_app

    main_window.basemap_path = paths.basemap_path = lambda: Path(basemap)
    from large_layers import Pixels, _size_map

    create_app()
    win = main_window.MainWindow(files=None, bundled=False, autosave=False)
    _size_map(win, win.map_view)
    px = Pixels(win.map_view)
    idle = []
    win.when_idle(lambda: idle.append(1))
    px.wait(lambda: bool(idle), 120)
    # Away from the window's first view (China at zoom 4, the first of the cycle).
    px.measure(lambda: win.map_view.call("setView", 30.0, 90.0, 6, False))
    times: dict[str, list[float]] = {name: [] for name, *_ in VIEWS}
    for _cycle in range(CYCLES):
        for name, lat, lon, zoom in VIEWS:
            times[name].append(px.measure(lambda a=lat, b=lon, z=zoom: win.map_view.call("setView", a, b, z, False)))
    print(json.dumps(times), flush=True)
    os._exit(0)


def run(basemap: Path) -> dict:
    env = dict(os.environ, HEGANG_MAP_CONFIG_DIR=tempfile.mkdtemp(prefix="hgmap-bm-"))
    proc = subprocess.run([sys.executable, __file__, "--child", str(basemap)], capture_output=True, text=True,
                          timeout=600, env=env)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise RuntimeError((proc.stderr.strip().splitlines() or ["no output"])[-1])
    return json.loads(lines[-1])


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--against", type=Path, help="another basemap.gpkg, run interleaved")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--child", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child(args.child)
        return 0
    from hegang_map.bundled.paths import basemap_path

    files = {"bundled": basemap_path()}
    if args.against:
        files["against"] = args.against.resolve()
    pooled: dict[str, dict[str, list[float]]] = {k: {name: [] for name, *_ in VIEWS} for k in files}
    t0 = time.perf_counter()
    for _ in range(args.runs):
        for key, path in files.items():
            for name, values in run(path).items():
                pooled[key][name] += values
    head = "| view | bundled ms |" + (" against ms | bundled / against |" if args.against else "")
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for name, *_ in VIEWS:
        ours = statistics.median(pooled["bundled"][name]) * 1000
        row = f"| {name} | {ours:.0f} |"
        if args.against:
            theirs = statistics.median(pooled["against"][name]) * 1000
            row += f" {theirs:.0f} | {ours / theirs:.2f} |"
        print(row)
    print(f"({args.runs} runs x {CYCLES} cycles per view, {time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
