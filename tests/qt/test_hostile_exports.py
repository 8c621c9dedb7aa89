"""Hostile text in the legend (page and layer panel), map labels, exported SVG
and exported HTML, and the checklist dialog: shown literally, nothing runs.

The layer is classed by its hostile ``name`` field (so every payload is a
legend entry), labelled by it, and its legend title, unit and note are
hostile too. Each payload would set ``window.__pwned`` if it ran.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
from badfiles import HOSTILE, HOSTILE_DESCRIPTION, HOSTILE_LAYER, HOSTILE_TITLE, build, hostile_frame, write_gpkg  # noqa: E402

from hegang_map.model.style import LabelSpec  # noqa: E402

pytestmark = pytest.mark.timeout(120)

#: Two dollar signs would make matplotlib read TeX math; it must stay text.
MATH = "$\\alpha$ cost $x^2$ <script>window.__pwned='math'</script>"
VALUES = HOSTILE + [MATH]


def _hostile_style(layer):
    return layer.style.evolve(renderer="categorized", field="name", title=HOSTILE_TITLE, unit="<i>u</i>",
                              note=HOSTILE_DESCRIPTION, label=LabelSpec(field="name"))


@pytest.fixture
def hostile_path(tmp_path):
    frame = hostile_frame()
    extra = frame.iloc[[0]].copy()
    extra["name"] = MATH
    extra.geometry = extra.geometry.translate(0.2, 0.2)
    import pandas as pd

    frame = pd.concat([frame, extra], ignore_index=True)
    folder = tmp_path / "in"
    folder.mkdir()
    return write_gpkg(folder / "hostile_labels.gpkg", frame, "hostile")


@pytest.fixture
def hostile_state(hostile_path):
    from hegang_map.io.project import load_layer
    from hegang_map.model import MapState

    state = MapState()
    layer = load_layer(hostile_path, "hostile", name=HOSTILE_LAYER)
    layer.style = _hostile_style(layer)
    state.layers.append_top(layer)
    state.basemap = "none"
    return state


def _pwned(js, view):
    return js(view, "String(window.__pwned)")


def test_exported_svg_keeps_hostile_text_as_escaped_text(hostile_state, tmp_path):
    from hegang_map.render.static import ExportOptions, export_map

    out = tmp_path / "map.svg"
    export_map(hostile_state, out, ExportOptions(size="800x600px", dpi=72, title=HOSTILE_TITLE, basemap=False))
    raw = out.read_text(encoding="utf-8")
    root = ET.fromstring(raw)  # well-formed: no payload broke out of its text node
    ns = "{http://www.w3.org/2000/svg}"
    assert not root.findall(f".//{ns}script") and not root.findall(".//script")
    assert not root.findall(f".//{ns}foreignObject")
    for el in root.iter():
        assert not any(a.lower().startswith("on") for a in el.attrib), (el.tag, el.attrib)
        assert not any("javascript:" in str(v).lower() for v in el.attrib.values())
    assert "<script" not in raw.lower() and "<img" not in raw.lower() and "<svg onload" not in raw.lower()
    texts = ["".join(el.itertext()) for el in root.iter(f"{ns}text")]
    shown = "\n".join(texts)
    assert HOSTILE_TITLE in shown  # the title, literally
    for value in HOSTILE[:6]:  # legend entries and labels keep the payload as visible text
        assert value in shown, value
    assert MATH in shown  # not turned into TeX math


def test_exported_svg_and_png_of_math_like_text_do_not_fail(hostile_state, tmp_path):
    from hegang_map.render.static import ExportOptions, export_map

    for suffix in (".png", ".pdf"):
        export_map(hostile_state, tmp_path / f"m{suffix}", ExportOptions(size="600x400px", dpi=72, title=MATH))
        assert (tmp_path / f"m{suffix}").stat().st_size > 1000


def test_exported_html_runs_no_payload_in_a_guarded_view(hostile_state, tmp_path, qtbot, qapp, js):
    from PySide6.QtCore import QUrl

    from hegang_map.render.webmap import export_webmap

    out = export_webmap(hostile_state, tmp_path / "web.html", title=HOSTILE_TITLE)
    html = out.read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html and "<img src=x onerror" not in html  # data is JSON-escaped
    assert "<!--" not in html.split('id="hg-standalone"', 1)[1].split("</script>", 1)[0]
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
    from PySide6.QtWebEngineWidgets import QWebEngineView

    from hegang_map.qt.scheme import RequestGuard

    class FileGuard(RequestGuard):
        """The app's request guard, letting through only the exported file itself."""

        def interceptRequest(self, info):  # noqa: N802 (Qt API)
            if info.requestUrl() == QUrl.fromLocalFile(str(out)):
                return
            super().interceptRequest(info)

    profile = QWebEngineProfile(qapp)  # off the record: nothing shared with the app's pages
    guard = FileGuard(profile)
    profile.setUrlRequestInterceptor(guard)
    view = QWebEngineView()
    qtbot.addWidget(view)
    page = QWebEnginePage(profile, view)
    view.setPage(page)
    view.guard = guard
    view.resize(900, 700)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=30_000):
        view.load(QUrl.fromLocalFile(str(out)))
    # A categorized legend lists its entries for the focused layer (the page focuses none by itself).
    qtbot.waitUntil(lambda: js(view, "window.hgmap ? (hgmapProbe.info().order.forEach(id => hgmap.setLegendFocus(id)), "
                                     "document.querySelectorAll('.hg-legend-entry').length) : 0") >= len(VALUES),
                    timeout=30_000)
    legend = json.loads(js(view, "JSON.stringify(hgmapProbe.legendInfo())"))
    entries = "\n".join(e for lyr in legend["layers"] for e in lyr["entries"])
    for value in VALUES:
        assert value in entries, value
    assert js(view, "document.querySelector('.hg-standalone-title').textContent") == HOSTILE_TITLE
    assert js(view, "document.title") == HOSTILE_TITLE
    assert js(view, "document.querySelectorAll('#hg-legend script, #hg-legend img, #hg-legend svg[onload]').length") == 0
    assert js(view, "document.querySelectorAll('img[onerror], svg[onload], a[href^=\"javascript\"]').length") == 0
    # Hover tooltips through the page's own API: text, nothing runs.
    for value in VALUES:
        js(view, f"hgmap.showTooltip({json.dumps(value)}, 47.1, 130.2); 0")
        assert js(view, "document.querySelector('.hg-tooltip').textContent") == value
    assert _pwned(js, view) == "undefined"
    assert guard.blocked == []  # no payload (img src=x, javascript: links) made the page ask for anything
    view.setPage(None)
    view.close()


def test_legend_in_page_and_panel_and_labels_show_hostile_text_literally(hostile_path, open_window, qtbot, js):
    win = open_window([hostile_path], size=(1600, 1000))  # large enough for the legend to open
    view = win.map_view
    js(view, "window.__pwned = undefined; 0")
    layer = win.state.layers[0]
    layer.name = HOSTILE_LAYER
    win.state.active_layer_id = layer.id
    layer.style = _hostile_style(layer)
    qtbot.waitUntil(lambda: js(view, "document.querySelectorAll('.hg-legend-entry').length") >= len(VALUES),
                    timeout=20_000)
    legend = json.loads(js(view, "JSON.stringify(hgmapProbe.legendInfo())"))
    page = legend["layers"][0]
    assert HOSTILE_TITLE in page["title"]
    for value in VALUES:
        assert any(value in e for e in page["entries"]), value
    assert js(view, "document.querySelectorAll('#hg-legend script, #hg-legend img, #hg-legend a, "
                    "#hg-legend b, #hg-legend [onload], #hg-legend [onerror]').length") == 0
    # The layer panel's legend view: plain text labels and list items.
    lv = win.legend_view
    qtbot.waitUntil(lambda: lv.entries.count() >= len(VALUES))
    assert lv.title.textFormat() == Qt.TextFormat.PlainText and HOSTILE_TITLE in lv.title.text()
    items = [lv.entries.item(i).text() for i in range(lv.entries.count())]
    for value in VALUES:
        assert any(value in t for t in items), value
    assert lv.notes.textFormat() == Qt.TextFormat.PlainText
    # Labels: drawn on the canvas with fillText, so no DOM node carries them.
    view.call("setView", 47.1, 130.2, 10, False)
    qtbot.waitUntil(lambda: abs(win.state.view.zoom - 10) < 1e-6)
    assert js(view, "document.querySelectorAll('.leaflet-pane img, .leaflet-pane [onerror], .leaflet-pane b').length") == 0
    assert js(view, "Array.from(document.body.querySelectorAll('*')).filter(e => /__pwned/.test(e.getAttribute('onerror') "
                    "|| e.getAttribute('onload') || '')).length") == 0
    assert _pwned(js, view) == "undefined"
    # Layer panel: the name as text.
    assert win.layer_panel.model.index(0).data() == HOSTILE_LAYER


def test_checklist_dialog_shows_hostile_layer_names_and_titles_as_text(tmp_path, qtbot, qapp):
    from hegang_map.io import list_layers
    from hegang_map.qt.open_dialog import LayerChoiceDialog

    path = build("hostile", tmp_path)
    write_gpkg(path, hostile_frame().iloc[:2], "second")  # several layers: the checklist is offered
    infos = list_layers(path)
    dialog = LayerChoiceDialog(path, infos, None)
    qtbot.addWidget(dialog)
    dialog.open()
    names = [dialog.tree.topLevelItem(i).text(0) for i in range(dialog.tree.topLevelItemCount())]
    assert HOSTILE_LAYER in names
    item = dialog.tree.topLevelItem(names.index(HOSTILE_LAYER))
    tip = item.toolTip(0)
    assert "<img" not in tip and "<script" not in tip and "<svg" not in tip
    assert "&lt;script&gt;window.__pwned=&#x27;title&#x27;&lt;/script&gt;" in tip  # the title, escaped
    assert "${x} {{y}} `z`" in tip  # the description, literally
    assert HOSTILE_LAYER in dialog.chosen()
    assert HOSTILE_TITLE and HOSTILE_DESCRIPTION
