"""Time and peak memory of publication exports: A4 at 300 dpi, PNG and PDF.

Each case runs in a fresh Python process, so its peak resident memory
(``ru_maxrss``) is its own and no cache is warm from a previous case. The
time covers reading the data, drawing and writing (not interpreter start).

Usage::

    python benchmarks/export.py            # prints a table
    python benchmarks/export.py --repeat 3 # best of 3 per case
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

CASES = {
    "national (city_prices)": ["city_prices.gpkg"],
    "Hegang (welfare + redevelopment)": ["hegang_welfare.gpkg", "hegang_redevelopment.gpkg"],
}
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
state = state_from_files([geodata_dir() / f for f in files])
t2 = time.perf_counter()
done = export_state(state, ExportRequest(out, size="A4", dpi=300, title="Benchmark"))  # the basemap read included
t3 = time.perf_counter()
rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
print(json.dumps({"read_s": t2 - t1, "draw_write_s": t3 - t2, "import_s": t_import,
                  "peak_mib": rss_kb / 1024, "bytes": out.stat().st_size, "pixels": done.info.pixels}))
"""


def run_case(files: list[str], fmt: str, folder: Path) -> dict:
    out = folder / f"bench.{fmt}"
    proc = subprocess.run([sys.executable, "-c", _CHILD, json.dumps(files), str(out)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; the fastest is shown")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, files in CASES.items():
            for fmt in FORMATS:
                runs = [run_case(files, fmt, Path(tmp)) for _ in range(max(1, args.repeat))]
                best = min(runs, key=lambda r: r["read_s"] + r["draw_write_s"])
                rows.append((name, fmt.upper(), best))
    head = f"{'map':34} {'fmt':4} {'read s':>7} {'draw+write s':>13} {'total s':>8} {'peak MiB':>9} {'file MB':>8}  pixels"
    print("A4 portrait, 300 dpi, bundled basemap; one fresh process per case")
    print(head)
    print("-" * len(head))
    for name, fmt, r in rows:
        total = r["read_s"] + r["draw_write_s"]
        print(f"{name:34} {fmt:4} {r['read_s']:7.2f} {r['draw_write_s']:13.2f} {total:8.2f} "
              f"{r['peak_mib']:9.0f} {r['bytes'] / 1e6:8.2f}  {r['pixels'][0]}x{r['pixels'][1]}")


if __name__ == "__main__":
    main()
