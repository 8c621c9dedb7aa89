"""Hostile text shows as text everywhere, and nothing in it runs.

A layer whose values, field names, layer name and GeoPackage title hold HTML,
script, template and URL payloads is opened; the identify panel, attribute
table, layer panel, page tooltips (through the real hover path) and page
name/attribution/hint show them literally. Each payload would set
``window.__pwned`` if it ran. The web-channel bridge ignores junk arguments.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
from badfiles import HOSTILE, HOSTILE_LAYER, HOSTILE_TITLE, build  # noqa: E402

from hegang_map.model import Selection  # noqa: E402
from pagetools import hover_map  # noqa: E402

pytestmark = pytest.mark.timeout(120)


def _pwned(js, view):
    return js(view, "String(window.__pwned)")


@pytest.fixture
def hostile_window(open_window, tmp_path, js):
    win = open_window([build("hostile", tmp_path)])
    js(win.map_view, "window.__pwned = undefined; window.__imgs0 = document.images.length; 0")
    return win


def test_layer_name_is_literal_in_panel_and_page(hostile_window, qtbot, js):
    win = hostile_window
    model = win.layer_panel.model
    # The panel shows the title the file gives the layer (gpkg_contents.identifier), as literal text.
    assert model.index(0).data() == HOSTILE_TITLE
    assert win.state.layers[0].name == HOSTILE_LAYER
    tip = model.index(0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip  # escaped inside a plain-text tooltip
    names = [lyr["name"] for lyr in json.loads(js(win.map_view, "JSON.stringify(hgmapProbe.info())"))["layers"]]
    assert HOSTILE_LAYER in names
    assert _pwned(js, win.map_view) == "undefined"


def test_identify_panel_shows_every_hostile_value_as_text(hostile_window, qtbot, js):
    win = hostile_window
    layer = win.state.layers[0]
    for row, value in enumerate(HOSTILE):
        win.state.selection = Selection(layer.id, row)
        rows = dict(win.identify.rows())
        assert rows["name"] == value
        assert rows[next(c for c in rows if c.startswith("f1 <img"))] == HOSTILE[::-1][row]
        assert win.identify.title.textFormat() == Qt.TextFormat.PlainText
        assert value in win.identify.title.text()
        tip = win.identify.tree.topLevelItem(0).toolTip(1)
        assert "<script" not in tip and "<img" not in tip and "<svg" not in tip
    assert _pwned(js, win.map_view) == "undefined"


def test_attribute_table_shows_hostile_values_and_field_names_as_text(hostile_window):
    win = hostile_window
    layer = win.state.layers[0]
    win.show_table()
    win.table.show_layer(layer.id)
    model = win.table.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [c for c in layer.data.columns if c != layer.data.geometry.name]
    col = model.columns.index("name")
    assert [model.index(r, col).data() for r in range(model.rowCount())] == HOSTILE
    for r in range(model.rowCount()):
        tip = model.index(r, col).data(Qt.ItemDataRole.ToolTipRole)
        assert "<script" not in tip and "<img" not in tip
    win.table.filter.setText("<script>")
    assert model.rowCount() >= 1


def test_hover_tooltips_show_payloads_literally_and_nothing_runs(hostile_window, qtbot, js):
    win = hostile_window
    view = win.map_view
    layer = win.state.layers[0]
    view.call("setView", 47.1, 130.2, 9, False)
    qtbot.waitUntil(lambda: abs(win.state.view.zoom - 9) < 1e-6)
    for row, value in enumerate(HOSTILE):
        lon, lat = 130.0 + 0.05 * row, 47.0 + 0.03 * row
        hover_map(qtbot, view, lat, lon)
        qtbot.waitUntil(lambda v=value: js(view, "(document.querySelector('.hg-tooltip') || {}).textContent")
                        == v, timeout=10_000)
        assert js(view, "document.querySelector('.hg-tooltip').children.length") == 0
    # And directly through the page API, with each payload as the text.
    for value in HOSTILE:
        js(view, f"hgmap.showTooltip({json.dumps(value)}, 47.1, 130.2); 0")
        assert js(view, "document.querySelector('.hg-tooltip').textContent") == value
    assert js(view, "document.querySelectorAll('.hg-tooltip *').length") == 0
    assert js(view, "document.images.length") == js(view, "window.__imgs0")
    assert js(view, "document.querySelectorAll('svg[onload], img[onerror]').length") == 0
    assert _pwned(js, view) == "undefined"
    assert layer.name == HOSTILE_LAYER


def test_rename_attribution_and_hint_take_hostile_text_literally(hostile_window, qtbot, js):
    win = hostile_window
    view = win.map_view
    layer = win.state.layers[0]
    for value in HOSTILE:
        layer.name = value
        qtbot.waitUntil(lambda v=value: json.loads(js(view, "JSON.stringify(hgmapProbe.info())"))["layers"][-1]["name"] == v)
        view.call("setAttribution", value)
        view.call("setHint", value)
        qtbot.waitUntil(lambda v=value: js(view, "document.getElementById('hg-attribution').textContent") == v)
        qtbot.waitUntil(lambda v=value: js(view, "document.getElementById('hg-hint').textContent") == v)
        assert js(view, "document.getElementById('hg-hint').children.length") == 0
    assert win.layer_panel.model.index(0).data() == HOSTILE[-1]
    assert _pwned(js, view) == "undefined"


def test_no_request_leaves_the_app_for_hostile_text(hostile_window, qtbot, js):
    win = hostile_window
    view = win.map_view
    seen = len(view.guard.blocked)
    for value in HOSTILE:
        js(view, f"hgmap.showTooltip({json.dumps(value)}, 47.1, 130.2); 0")
    # A deliberate remote fetch fails (content policy, then the request guard).
    js(view, "window.__fetch = 'pending'; fetch('https://example.com/x')"
             ".then(() => { window.__fetch = 'reached'; }, () => { window.__fetch = 'blocked'; }); 0")
    qtbot.waitUntil(lambda: js(view, "window.__fetch") == "blocked")
    # No hostile src (img src=x) made the page ask for anything.
    assert not any(u.rstrip("/").endswith("/x") and "example.com" not in u for u in view.guard.blocked[seen:])
    assert _pwned(js, view) == "undefined"


# ---------------------------------------------------------------- the web-channel bridge
JUNK = [float("nan"), float("inf"), -float("inf"), 1e308, -1e308, 91.0, -1000.0, 0.0]


def test_bridge_slots_ignore_junk_without_emitting_or_raising(open_window, qtbot):
    win = open_window()
    bridge = win.map_view.bridge
    emitted = []
    for name in ("pageReady", "clicked", "hovered", "mouseMoved", "viewChanged", "layerLoaded", "layerFailed", "drawn"):
        getattr(bridge, name).connect(lambda *a, n=name: emitted.append((n, a)))
    bad_text = ["", "x" * 100_000, None, 12, {"a": 1}, ["x"], "<script>window.__pwned=1</script>" * 10]
    bad_num = [float("nan"), float("inf"), -float("inf"), None, "1", [], {}, True, 1e400]
    for lat in bad_num + [91.0, -90.5]:
        bridge.hover("L1", 0, lat, 130.0)
        bridge.mouseMove(lat, 130.0)
        bridge.viewChange(lat, 130.0, 5.0, 0.0, 0.0, 1.0, 1.0)
    for row in bad_num + [-2, 1.5]:
        bridge.click("L1", row)
        bridge.hover("L1", row, 47.0, 130.0)
    bridge.click("L1", -1)  # "nothing picked" comes with no layer
    for zoom in bad_num:
        bridge.viewChange(47.0, 130.0, zoom, 0.0, 0.0, 1.0, 1.0)
        bridge.viewChange(47.0, 130.0, 5.0, zoom, 0.0, 1.0, 1.0)
    for text in bad_text:
        bridge.ready(text, 47.0, 130.0, 5.0)
        bridge.layerLoad(text, 3)
        bridge.layerFail(text, "boom")
        bridge.click(text, 0)
        bridge.hover(text, 0, 47.0, 130.0)
    for count in [-1, None, "3", 1.5, float("nan")]:
        bridge.layerLoad("L1", count)
    for frame in [None, "1", 1.5, float("nan")]:
        bridge.frameDrawn(frame)
    assert [e for e in emitted if e[0] != "drawn"] == [], emitted
    # The window still works after the junk: a real click still selects.
    assert win.isVisible()
    assert all(math.isfinite(v) for v in (win.state.view.lat, win.state.view.lon, win.state.view.zoom))


def test_bridge_still_accepts_good_calls_after_junk(open_window, qtbot):
    win = open_window()
    bridge = win.map_view.bridge
    bridge.click("L1", float("nan"))
    with qtbot.waitSignal(bridge.clicked, timeout=2000):
        bridge.click("L1", 0)
