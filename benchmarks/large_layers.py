"""Large layers: hegang-map's path against geopandas ``explore()`` and the bare read.

Run (about 25 minutes; ``--runs 1`` about 12, ``--quick`` fewer sizes)::

    QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 python benchmarks/large_layers.py [--quick]

It generates its own synthetic GeoPackages (points and ~20-vertex polygons,
10k / 100k / 1M features, cached in ``$TMPDIR/hegang-map-bench``) and prints
one table. Every time is taken *to pixels*: after an action the map view is
grabbed repeatedly until the image has stopped changing, and the time is
that of the first grab that already equals the settled image. A page's own
"drawn" signal can fire long before anything is on screen; a grab cannot.

Each (size, kind, approach) runs in its own process, so that peak memory
(this process's max RSS plus the max RSS of every QtWebEngine process it
started) belongs to that approach alone, and so that a run that eats memory
can be stopped (``--cap-gb``, default 12) without taking the machine down.

Approaches:

- ``hegang-map``: the app's window (1920x1080 map view) opens the file
  through its worker thread; pan and zoom are ``setView`` calls in the page.
  The pan (a quarter view) stays inside the padding the page draws around the
  view, so it moves the last frame without a redraw; the zoom (two levels) is
  always a full redraw.
- ``explore()``: ``gdf.explore()`` (read included), rendered HTML with its CDN
  links pointed at the local Leaflet, loaded in a QWebEngineView of the same
  size in the same kind of process. Skipped above 100k features (it needs
  gigabytes there and gives a blank page), which the table says.
- ``pyogrio read``: ``pyogrio.read_dataframe(use_arrow=True)``, the I/O floor.
- ``QGIS frame``: where Debian's ``qgis`` and ``python3-qgis`` are installed,
  ``qgis_frame.py`` renders one 1920x1080 frame of each file headless (its
  own process, the system Python); otherwise the run says so.
- ``bundled``: the app as a user starts it, on the bundled layers, timed from
  process start to the first grab equal to the settled, fully drawn map.
  Each round runs in a config folder of its own, twice: the *first start*
  has nothing of its own kept (as after an install or an update) and draws
  the start the app ships, the *later start* draws what the first kept
  (``hegang_map.qt.start_cache``); both read the layers behind it.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

T_PROCESS = time.perf_counter()

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")
os.environ.setdefault("HEGANG_MAP_CONFIG_DIR", tempfile.mkdtemp(prefix="hgmap-bench-"))

VIEW = (1920, 1080)
EXPLORE_MAX = 100_000
CACHE = Path(tempfile.gettempdir()) / "hegang-map-bench"
EXTENT = (100.0, 22.0, 128.0, 48.0)  # west, south, east, north: eastern China


# ---------------------------------------------------------------- data
def dataset(n: int, kind: str) -> Path:
    """A cached GeoPackage of ``n`` synthetic points or ~20-vertex polygons."""
    import geopandas as gpd
    import numpy as np
    import shapely

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"{kind}_{n}.gpkg"
    if path.exists():
        return path
    rng = np.random.default_rng(n + (1 if kind == "polygons" else 0))
    w, s, e, nn = EXTENT
    # Clustered like real listings: most features around a few hundred "cities".
    centres = np.column_stack([rng.uniform(w, e, 300), rng.uniform(s, nn, 300)])
    pick = rng.integers(0, 300, n)
    spread = rng.exponential(0.4, n)
    ang = rng.uniform(0, 2 * np.pi, n)
    x = np.clip(centres[pick, 0] + spread * np.cos(ang), w, e)
    y = np.clip(centres[pick, 1] + spread * np.sin(ang), s, nn)
    if kind == "points":
        geom = shapely.points(x, y)
    else:
        k = 20  # vertices per ring (the 21st closes it)
        r = 0.25 * np.sqrt((e - w) * (nn - s) / n) * rng.uniform(0.3, 1.0, n)
        t = np.linspace(0, 2 * np.pi, k, endpoint=False)
        wobble = rng.uniform(0.75, 1.0, (n, k))
        rx = x[:, None] + (r[:, None] * wobble) * np.cos(t)[None, :]
        ry = y[:, None] + (r[:, None] * wobble) * np.sin(t)[None, :] * 0.8
        ring = np.stack([rx, ry], axis=-1)
        ring = np.concatenate([ring, ring[:, :1]], axis=1)
        geom = shapely.polygons(ring)
    gdf = gpd.GeoDataFrame({"value": rng.lognormal(8.8, 0.6, n).round(), "name": np.char.add("f", np.arange(n).astype(str))},
                           geometry=geom, crs="EPSG:4326")
    tmp = CACHE / "partial" / path.name  # same file name: the layer is named after it
    tmp.parent.mkdir(exist_ok=True)
    tmp.unlink(missing_ok=True)
    gdf.to_file(tmp, driver="GPKG", engine="pyogrio")
    tmp.rename(path)
    return path


# ---------------------------------------------------------------- memory
def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        for k in kids:
            out.append(int(k))
            todo.append(int(k))
    return out


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class MemoryWatch:
    """Peak memory of this process plus its web processes; stops the run above a cap."""

    def __init__(self, cap_gb: float) -> None:
        self.cap_kb = cap_gb * 1024 * 1024
        self.peak_children_kb = 0
        self.peak_total_kb = 0
        self.over = False
        threading.Thread(target=self._run, daemon=True).start()

    def sample(self) -> int:
        me = os.getpid()
        own = _status_kb(me, "VmRSS")
        kids = _descendants(me)
        child_rss = sum(_status_kb(k, "VmRSS") for k in kids)
        child_hwm = sum(_status_kb(k, "VmHWM") for k in kids)
        self.peak_children_kb = max(self.peak_children_kb, child_hwm)
        self.peak_total_kb = max(self.peak_total_kb, own + child_rss)
        return own + child_rss

    def _run(self) -> None:
        while True:
            if self.sample() > self.cap_kb:
                self.over = True
                print(json.dumps({"error": f"over the {self.cap_kb / 1024**2:.0f} GB cap, stopped"}), flush=True)
                for k in _descendants(os.getpid()):
                    try:
                        os.kill(k, 9)
                    except OSError:
                        pass
                os._exit(3)
            time.sleep(0.2)

    def peak_gb(self) -> float:
        self.sample()
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork+exec.
        own = _status_kb(os.getpid(), "VmHWM")
        return max(self.peak_total_kb, own + self.peak_children_kb) / 1024**2


# ---------------------------------------------------------------- to pixels
class Pixels:
    """Times an action to the first grab of ``widget`` that shows its settled result."""

    def __init__(self, widget, settle_ms: int = 400) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        self.widget = widget
        self.settle = settle_ms / 1000
        self._loop = QEventLoop
        self._timer = QTimer

    def spin(self, ms: int = 2) -> None:
        loop = self._loop()
        self._timer.singleShot(ms, loop.quit)
        loop.exec()

    def wait(self, cond, timeout: float = 120.0) -> None:
        end = time.perf_counter() + timeout
        while not cond():
            if time.perf_counter() > end:
                raise TimeoutError("condition not met in time")
            self.spin(2)

    def grab_hash(self) -> int:
        img = self.widget.grab().toImage()
        return zlib.crc32(img.constBits())  # no copy of the 8 MB

    def measure(self, action, ready=lambda: True, timeout: float = 300.0, expect_change: bool = True) -> float:
        """Run ``action``; return seconds until the first grab equal to the settled frame.

        With ``expect_change`` the settled frame must differ from the one before
        (a page busy for seconds shows the old frame all that time).
        """
        before = self.grab_hash()
        t0 = time.perf_counter()
        action()
        seen: list[tuple[float, int]] = []
        stable_since = None
        while True:
            self.spin(3)  # the GUI thread is Chromium's browser thread: leave it time to run
            h = self.grab_hash()
            now = time.perf_counter()
            seen.append((now, h))
            if now - t0 > timeout:
                raise TimeoutError("no settled frame")
            if len(seen) > 1 and h == seen[-2][1]:
                stable_since = stable_since or seen[-2][0]
            else:
                stable_since = None
            if stable_since and now - stable_since >= self.settle and h != before and ready():
                break
            if not expect_change and stable_since and now - stable_since >= max(self.settle, 1.0) and ready():
                break  # the action changed nothing on screen
        final = seen[-1][1]
        first = next(t for t, h in seen if h == final)
        return first - t0


# ---------------------------------------------------------------- one run per process
def run_hegang(path: Path, n: int, kind: str, ops: int, watch: MemoryWatch, drive=None, basemap: bool = True) -> dict:
    """The app's window opening ``path``, then pan and zoom (or ``drive(px, set_view,
    view, ready)``, whose dict of timings is returned with the first draw). ``basemap``:
    False draws the layer alone, as a QGIS render of the file alone does."""
    from PySide6.QtCore import QCoreApplication

    from hegang_map.qt.app import create_app
    from hegang_map.qt.main_window import MainWindow

    create_app()
    win = MainWindow(files=None, bundled=False)
    if not basemap:
        win.state.basemap = "none"
    _size_map(win, win.map_view)
    px = Pixels(win.map_view)
    idle = []
    win.when_idle(lambda: idle.append(1))
    px.wait(lambda: bool(idle))

    def is_idle():
        return win.is_idle() and len(win.state.layers) == 1

    first = px.measure(lambda: win.open_paths([path], ask=False), ready=is_idle)
    info = _page(px, win.map_view, "JSON.stringify(hgmapProbe.info())")
    user = [lyr for lyr in info["layers"] if not lyr["basemap"]]
    assert user and user[0]["features"] == n, user
    v = info["view"]
    # Settled only when idle: a large layer's viewport detail (asked for after
    # the move) is made and in the page.
    def set_view(lat, lng, z):
        win.map_view.call("setView", lat, lng, z, False)

    if drive is not None:
        return {"first": first, "mem": watch.peak_gb(), "view": v, **drive(px, set_view, v, win.is_idle)}
    pan, zoom, fresh = _pan_zoom(px, set_view, v, ops, ready=win.is_idle)
    QCoreApplication.processEvents()
    return {"first": first, "pan": pan, "zoom": zoom, "fresh": fresh, "mem": watch.peak_gb(), "view": v,
            "shown": user[0].get("shown")}


def run_bundled(watch: MemoryWatch) -> dict:
    from hegang_map.qt.app import create_app
    from hegang_map.qt.main_window import MainWindow

    create_app()
    t_window = time.perf_counter()
    win = MainWindow(bundled=True)
    _size_map(win, win.map_view)
    px = Pixels(win.map_view)
    seen = []
    idle = []
    win.when_idle(lambda: idle.append(1))
    # First grab equal to the settled, fully drawn frame.
    while True:
        px.spin(3)
        h = px.grab_hash()
        now = time.perf_counter()
        seen.append((now, h))
        if idle and len(seen) > 2 and seen[-1][1] == seen[-2][1] and now - seen[-2][0] > 0:
            settled_at = next(t for t, hh in reversed(seen) if hh != h) if any(hh != h for _, hh in seen) else seen[0][0]
            if now - settled_at > 0.4:
                break
        if now - t_window > 60:
            break
    final = seen[-1][1]
    first = next(t for t, h in seen if h == final)
    return {"first": first - T_PROCESS, "first_window": first - t_window, "mem": watch.peak_gb()}


def run_explore(path: Path, n: int, kind: str, ops: int, watch: MemoryWatch, drive=None) -> dict:
    """``gdf.explore()`` of ``path`` in a web view, then as :func:`run_hegang`."""
    import pyogrio
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from hegang_map.qt.app import create_app

    create_app()
    view = QWebEngineView()
    view.resize(*VIEW)
    view.show()
    px = Pixels(view, settle_ms=800)
    html_path = Path(tempfile.mkdtemp(prefix="hgmap-explore-")) / "explore.html"
    loaded = []
    view.loadFinished.connect(lambda ok: loaded.append(ok))

    def action():
        gdf = pyogrio.read_dataframe(path)
        m = gdf.explore(tiles=None)
        html_path.write_text(_offline(m.get_root().render()), encoding="utf-8")
        view.load(QUrl.fromLocalFile(str(html_path)))

    first = px.measure(action, ready=lambda: bool(loaded), timeout=600)
    mapvar = _page(px, view, "Object.keys(window).find(k => /^map_[0-9a-f]+$/.test(k))")
    c = _page(px, view, f"JSON.stringify({{c: {mapvar}.getCenter(), z: {mapvar}.getZoom()}})")
    v = {"lat": c["c"]["lat"], "lng": c["c"]["lng"], "zoom": c["z"]}

    def set_view(lat, lng, z):
        view.page().runJavaScript(f"{mapvar}.setView([{lat}, {lng}], {z}, {{animate: false}})")

    if drive is not None:
        return {"first": first, "mem": watch.peak_gb(), "view": v, **drive(px, set_view, v, lambda: True)}
    pan, zoom, fresh = _pan_zoom(px, set_view, v, ops)
    return {"first": first, "pan": pan, "zoom": zoom, "fresh": fresh, "mem": watch.peak_gb(),
            "html_mb": html_path.stat().st_size / 1e6}


def run_read(path: Path, watch: MemoryWatch) -> dict:
    import pyogrio

    t = time.perf_counter()
    gdf = pyogrio.read_dataframe(path, use_arrow=True)
    first = time.perf_counter() - t
    w, s, e, n = gdf.total_bounds
    cx, cy = (w + e) / 2, (s + n) / 2
    t = time.perf_counter()
    pyogrio.read_dataframe(path, bbox=(cx - 2, cy - 1, cx + 2, cy + 1))
    bbox = time.perf_counter() - t
    return {"first": first, "bbox": bbox, "mem": watch.peak_gb()}


def _qgis_python() -> str | None:
    """Debian's Python when it has PyQGIS (``qgis_frame.py`` runs there), else ``None``."""
    py = "/usr/bin/python3"
    try:
        ok = subprocess.run([py, "-c", "import qgis.core"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return None
    return py if ok else None


def qgis_job(python: str, script: str, job: dict, args: tuple[str, ...] = ()) -> tuple[dict, float]:
    """Run ``script`` (beside this file) under PyQGIS's ``python`` with ``job`` in a JSON
    file as its last argument: (its last JSON line, or ``{"error": ...}``; the load at its start)."""
    with tempfile.TemporaryDirectory(prefix="hegang-map-qgis-") as tmp:
        path = Path(tmp) / "job.json"
        path.write_text(json.dumps(job), encoding="utf-8")
        load = os.getloadavg()[0]
        proc = subprocess.run([python, str(Path(__file__).with_name(script)), *args, str(path)],
                              capture_output=True, text=True, timeout=3600,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        return {"error": (proc.stderr.strip().splitlines() or ["no output"])[-1][:150]}, load
    return json.loads(lines[-1]), load


def _run_qgis(python: str, paths: list[Path]) -> dict:
    """{(n, kind): qgis_frame.py's figures} for the cached files."""
    script = Path(__file__).with_name("qgis_frame.py")
    proc = subprocess.run([python, str(script), *map(str, paths)], capture_output=True, text=True, timeout=1800,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    out = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            r = json.loads(line)
            kind, n = Path(r["file"]).stem.rsplit("_", 1)
            out[(int(n), kind)] = r
    return out


def _offline(html: str) -> str:
    """Point explore()'s Leaflet links at the local copy; drop every other remote asset."""
    import xstatic.pkg.leaflet as xleaflet

    base = Path(xleaflet.BASE_DIR).as_uri()

    def script(m):
        return f'<script src="{base}/leaflet.js"></script>' if m.group(1).endswith("/leaflet.js") else ""

    def link(m):
        return f'<link rel="stylesheet" href="{base}/leaflet.css"/>' if m.group(1).endswith("/leaflet.css") else ""

    html = re.sub(r'<script src="(https?://[^"]+)"></script>', script, html)
    return re.sub(r'<link rel="stylesheet" href="(https?://[^"]+)"\s*/>', link, html)


def _size_map(win, mapview) -> None:
    win.resize(VIEW[0] + 400, VIEW[1] + 200)
    win.show()
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()
    dw, dh = VIEW[0] - mapview.width(), VIEW[1] - mapview.height()
    win.resize(win.width() + dw, win.height() + dh)
    QCoreApplication.processEvents()


def _page(px: Pixels, view, script: str):
    box = {}
    view.page().runJavaScript(script, 0, lambda r: box.setdefault("r", r))
    px.wait(lambda: "r" in box, 30)
    r = box["r"]
    try:
        return json.loads(r)
    except (TypeError, ValueError):
        return r


def _pan_zoom(px: Pixels, set_view, v: dict, ops: int, ready=lambda: True) -> tuple[list, list, list]:
    """Pans, zooms and zooms to new places, ``ops`` of each, timed to pixels.

    Pan: a quarter view east and back. Zoom: two levels in and back out at
    the same centre, so from the second one on the page may show frames it
    kept (the basemap keeps its last three). New place: two levels in at a
    centre not shown before (a grid of places half a view apart), which no
    kept frame covers; the way back out is not timed.
    """
    lat, lng, z = v["lat"], v["lng"], int(round(v["zoom"]))
    set_view(lat, lng, z)
    px.measure(lambda: None, ready=ready, expect_change=False)
    dlng = VIEW[0] / 4 * 360 / (256 * 2**z)
    pan, zoom, fresh = [], [], []
    for i in range(ops):
        target = lng + dlng if i % 2 == 0 else lng
        pan.append(px.measure(lambda t=target: set_view(lat, t, z), ready=ready))
    for i in range(ops):
        target = z + 2 if i % 2 == 0 else z
        zoom.append(px.measure(lambda t=target: set_view(lat, lng, t), ready=ready))
    for i in range(ops):
        plat, plng = lat + (i // 5 - 0.5) * dlng, lng + (i % 5 - 2) * 2 * dlng
        fresh.append(px.measure(lambda a=plat, b=plng: set_view(a, b, z + 2), ready=ready))
        px.measure(lambda: set_view(lat, lng, z), ready=ready)
    return pan, zoom, fresh


def child(args) -> None:
    watch = MemoryWatch(args.cap_gb)
    try:
        if args.approach == "bundled":
            out = run_bundled(watch)
        else:
            path = dataset(args.n, args.kind)
            if args.approach == "hegang-map":
                out = run_hegang(path, args.n, args.kind, args.ops, watch)
            elif args.approach == "explore()":
                out = run_explore(path, args.n, args.kind, args.ops, watch)
            else:
                out = run_read(path, watch)
    except Exception as exc:  # noqa: BLE001 - a failed approach is a table row
        out = {"error": f"{type(exc).__name__}: {exc}"[:160], "mem": watch.peak_gb()}
    print(json.dumps(out), flush=True)
    os._exit(0)  # skip QtWebEngine teardown: nothing to save, and it can be slow


# ---------------------------------------------------------------- driver
def run_child(approach: str, n: int, kind: str, ops: int, cap_gb: float, timeout: float,
              config_dir: str | None = None) -> dict:
    cmd = [sys.executable, __file__, "--child", approach, "--n", str(n), "--kind", kind, "--ops", str(ops),
           "--cap-gb", str(cap_gb)]
    env = dict(os.environ, HEGANG_MAP_CONFIG_DIR=config_dir) if config_dir else None
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    except subprocess.TimeoutExpired:
        return {"error": f"no result within {timeout:.0f} s"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        tail = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit {proc.returncode}: {tail}"[:160]}
    return json.loads(lines[-1])


def _median_run(runs: list[dict]) -> dict:
    """One row from several runs: median first draw and memory, pooled pan/zoom times."""
    ok = [r for r in runs if "first" in r]
    if not ok:
        return runs[0]
    out = dict(ok[0])
    out["first"] = statistics.median(r["first"] for r in ok)
    out["mem"] = statistics.median(r["mem"] for r in ok)
    for key in ("pan", "zoom", "fresh"):
        if all(key in r for r in ok):
            out[key] = [t for r in ok for t in r[key]]
    if "bbox" in out:
        out["bbox"] = statistics.median(r["bbox"] for r in ok)
    out["runs"] = len(ok)
    return out


def _ms(values) -> str:
    return f"{statistics.median(values) * 1000:7.0f}" if values else "      -"


def _p95(values) -> str:
    if not values:
        return "      -"
    s = sorted(values)
    return f"{s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))] * 1000:7.0f}"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--quick", action="store_true", help="10k and 100k only, 10 operations each")
    p.add_argument("--sizes", default=None, help="comma-separated sizes (default 10000,100000,1000000)")
    p.add_argument("--kinds", default="points,polygons")
    p.add_argument("--approaches", default="hegang-map,explore(),pyogrio read")
    p.add_argument("--ops", type=int, default=10)
    p.add_argument("--runs", type=int, default=3,
                   help="processes per hegang-map and read row (first draw: their median; pan/zoom: pooled)")
    p.add_argument("--cap-gb", type=float, default=12.0)
    p.add_argument("--child", default=None, help=argparse.SUPPRESS)
    p.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    p.add_argument("--kind", default="points", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        args.approach = args.child
        child(args)
        return 0

    sizes = [int(s) for s in (args.sizes or ("10000,100000" if args.quick else "10000,100000,1000000")).split(",")]
    kinds = args.kinds.split(",")
    approaches = args.approaches.split(",")
    qgis_python = _qgis_python()
    print(f"QGIS: PyQGIS frames through {qgis_python} (benchmarks/qgis_frame.py)" if qgis_python else
          "QGIS: not installed (no qgis.core for /usr/bin/python3); its rows are left out.")
    print(f"map view {VIEW[0]}x{VIEW[1]}, software canvas (--disable-gpu), {os.cpu_count()} cores; "
          f"explore() skipped above {EXPLORE_MAX:,} features; memory cap {args.cap_gb:.0f} GB per run\n")
    t_all = time.perf_counter()
    for n in sizes:
        for kind in kinds:
            dataset(n, kind)
    print(f"data ready in {time.perf_counter() - t_all:.0f} s ({CACHE})\n")

    head = (f"{'N':>9} {'kind':<8} {'approach':<13} {'first(ms)':>9} {'pan med':>7} {'pan p95':>7} "
            f"{'zoom med':>8} {'zoom p95':>8} {'new med':>7} {'new p95':>7} {'peak GB':>7}  note")
    print(head)
    print("-" * len(head))
    results = {}
    for n in sizes:
        for kind in kinds:
            for approach in approaches:
                if approach == "explore()" and n > EXPLORE_MAX:
                    r = {"skipped": f"skipped above {EXPLORE_MAX:,} (GBs of GeoJSON HTML; blank page)"}
                else:
                    timeout = 900 if approach == "explore()" else 300
                    runs = 1 if approach == "explore()" else args.runs  # explore(): minutes a run
                    r = _median_run([run_child(approach, n, kind, args.ops, args.cap_gb, timeout)
                                     for _ in range(runs)])
                results[(n, kind, approach)] = r
                note = r.get("error") or r.get("skipped") or ""
                if "bbox" in r:
                    note = f"bbox read of a 4x2 deg view {r['bbox'] * 1000:.0f} ms"
                if "html_mb" in r:
                    note = f"{r['html_mb']:.0f} MB of HTML"
                first = f"{r['first'] * 1000:9.0f}" if "first" in r else "        -"
                mem = f"{r['mem']:7.2f}" if r.get("mem") else "      -"
                print(f"{n:>9,} {kind:<8} {approach:<13} {first} {_ms(r.get('pan'))} {_p95(r.get('pan'))} "
                      f"{_ms(r.get('zoom'))} {_p95(r.get('zoom'))} {_ms(r.get('fresh'))} {_p95(r.get('fresh'))} "
                      f"{mem}  {note}", flush=True)
    qgis = _run_qgis(qgis_python, [dataset(n, kind) for n in sizes for kind in kinds]) if qgis_python else {}
    for (n, kind), q in sorted(qgis.items()):
        results[(n, kind, "QGIS frame")] = q
        print(f"{n:>9,} {kind:<8} {'QGIS frame':<13} {q['first_ms']:9.0f} {'':>7} {'':>7} {q['zoom_med_ms']:8.0f} "
              f"{'':>8} {'':>7} {'':>7} {'':>7}  one full frame {q['frame_med_ms']:.0f} ms (median of 5), zoom = 1/4 extent")
    # Each round in a config folder of its own: the first start there has none
    # of its own kept (as after an install; it draws the shipped one), the
    # second draws the first's.
    starts: dict[str, list[dict]] = {"first start": [], "later start": []}
    for _ in range(max(args.runs, 3)):
        with tempfile.TemporaryDirectory(prefix="hegang-map-bench-config-") as config:
            for which in starts:
                starts[which].append(run_child("bundled", 0, "-", 0, args.cap_gb, 300, config_dir=config))
    print()
    for which, runs in starts.items():
        ok = [b for b in runs if "first" in b]
        r = results[f"bundled {which}"] = ({"first": statistics.median(b["first"] for b in ok),
                                            "first_window": statistics.median(b["first_window"] for b in ok),
                                            "mem": max(b["mem"] for b in ok)} if ok else runs[0])
        if "first" in r:
            print(f"bundled layers, {which} (median of {len(ok)} runs): process start -> drawn "
                  f"{r['first'] * 1000:.0f} ms (window created -> drawn {r['first_window'] * 1000:.0f} ms), "
                  f"peak {r['mem']:.2f} GB")
        else:
            print(f"bundled layers, {which}: {r.get('error')}")

    print("\nratios (explore() / hegang-map, medians; > 1 means hegang-map is faster):")
    for n in sizes:
        for kind in kinds:
            h, e = results.get((n, kind, "hegang-map"), {}), results.get((n, kind, "explore()"), {})
            rd = results.get((n, kind, "pyogrio read"), {})
            parts = []
            if "first" in h and "first" in e:
                parts.append(f"first draw {e['first'] / h['first']:.0f}x")
                for key in ("pan", "zoom", "fresh"):
                    if h.get(key) and e.get(key):
                        parts.append(f"{key} {statistics.median(e[key]) / statistics.median(h[key]):.0f}x")
            elif "first" in h:
                parts.append(f"explore(): {e.get('error') or e.get('skipped') or 'not run'}")
            q = results.get((n, kind, "QGIS frame"))
            if q and h.get("zoom"):
                frame = q["frame_med_ms"] / 1000
                parts.append(f"one QGIS frame / hegang-map zoom {frame / statistics.median(h['zoom']):.1f}x, "
                             f"/ new-place zoom {frame / statistics.median(h['fresh']):.1f}x, "
                             f"/ pan {frame / statistics.median(h['pan']):.0f}x")
            if "first" in h and "first" in rd:
                parts.append(f"hegang-map first draw = {h['first'] / rd['first']:.1f}x the bare read")
            if parts:
                print(f"  {n:>9,} {kind:<8} " + "; ".join(parts))
    print(f"\ntotal {time.perf_counter() - t_all:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
