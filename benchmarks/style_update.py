"""Time a restyle of 10,000 features, from ``layer.style = ...`` to the new colours on screen.

"On screen" is taken as in ``large_layers.py``: the map view is grabbed until
the picture has settled, and the time is that of the first grab showing it.

Run: ``QT_QPA_PLATFORM=offscreen QTWEBENGINE_DISABLE_SANDBOX=1 python benchmarks/style_update.py``
Prints the median and spread of each step, not a pass/fail: a figure against its target (~100 ms).
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
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")
os.environ.setdefault("HEGANG_MAP_CONFIG_DIR", tempfile.mkdtemp(prefix="hgmap-bench-"))

sys.path.insert(0, str(Path(__file__).parent))
import geopandas as gpd  # noqa: E402
import numpy as np  # noqa: E402
from shapely import points  # noqa: E402

N = 10_000
RUNS = 15


def main() -> int:
    from PySide6.QtCore import QEventLoop, QTimer

    from hegang_map.model.style import LayerStyle
    from hegang_map.model.symbology import resolve
    from hegang_map.qt.app import create_app
    from hegang_map.qt.main_window import MainWindow
    from large_layers import Pixels

    rng = np.random.default_rng(0)
    lon, lat = rng.uniform(100, 125, N), rng.uniform(25, 45, N)
    data = gpd.GeoDataFrame({"price": rng.lognormal(8.8, 0.6, N).round(), "year": rng.integers(2015, 2025, N)},
                            geometry=points(np.column_stack([lon, lat])), crs="EPSG:4326")
    path = Path(tempfile.mkdtemp()) / "bench.gpkg"
    data.to_file(path, layer="bench", driver="GPKG")

    app = create_app()
    win = MainWindow(files=[path], bundled=False)
    win.resize(1400, 900)
    win.show()

    def wait(cond, timeout=30.0):
        end = time.perf_counter() + timeout
        loop = QEventLoop()
        while not cond():
            if time.perf_counter() > end:
                raise TimeoutError
            QTimer.singleShot(1, loop.quit)
            loop.exec()

    def js(script):
        box = {}
        win.map_view.page().runJavaScript(script, 0, lambda r: box.setdefault("r", r))
        wait(lambda: "r" in box)
        return box["r"]

    done = []
    win.when_idle(lambda: done.append(1))
    wait(lambda: bool(done), 120)
    layer = win.state.layers[0]
    if os.environ.get("BENCH_NO_PANELS"):
        win.controller.styled.disconnect(win.style_panel._styled)
        win.controller.styled.disconnect(win.legend_view._styled)
        win.controller.styled.disconnect(win.time_slider._styled)
    resolve_ms, set_ms, total_ms, draw_ms = [], [], [], []
    schemes = ["quantiles", "equal_interval", "natural_breaks", "head_tail_breaks"]
    px = Pixels(win.map_view)
    for i in range(RUNS):
        style = LayerStyle(renderer="graduated", field="price", scheme=schemes[i % 4], k=5,
                           ramp=["viridis", "YlOrRd", "Greys"][i % 3], reverse=bool(i % 2), point_size=3,
                           stroke_width=0, fill_opacity=1.0)
        t = time.perf_counter()
        resolve(layer.data, style)
        resolve_ms.append((time.perf_counter() - t) * 1000)

        def restyle(style=style):
            t0 = time.perf_counter()
            layer.style = style
            set_ms.append((time.perf_counter() - t0) * 1000)

        # To pixels: until a grab of the map shows the settled new colours.
        total_ms.append(px.measure(restyle) * 1000)
        want = [sym.color for sym in win.controller.symbology(layer.id).symbols]
        assert json.loads(js("JSON.stringify(hgmapProbe.styleState(%s))" % json.dumps(layer.id))) == \
            {"colors": want, "classed": True}
        draw_ms.append(js("(function(){const t=performance.now();hgmapProbe.redrawNow();return performance.now()-t;})()"))

    def row(name, values):
        print(f"{name:<44} {statistics.median(values):8.1f} {min(values):8.1f} {max(values):8.1f}")

    print(f"restyle of {N:,} points, {RUNS} runs (ms)            median      min      max")
    row("resolve (classify, colours, legend) in Python", resolve_ms)
    row("layer.style = ... (Python side: page message, panels)", set_ms)
    row("layer.style = ... until on screen (grabs)", total_ms)
    row("script time of a full redraw (all canvases)", draw_ms)
    win.close()
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
