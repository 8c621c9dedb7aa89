"""A self-contained web map: one HTML file that opens in a browser with no network.

The page is the app's own page (:func:`hegang_map.render.page.build_page`)
with every asset inlined: Leaflet's script and stylesheet from the
xstatic-leaflet package (its images as ``data:`` URIs), our ``app.js`` and
``app.css``, and each layer's binary payload and class array as base64
``data:`` URLs, which ``app.js`` fetches exactly as it fetches ``hgmap://``
URLs in the window. No ``src`` or ``href`` points at http(s).

The 16 MB CJK font is not inlined whole: it is subset (fontTools, which
matplotlib already depends on) to the characters the page's text uses, so
Chinese names render on a machine without any CJK font for a few kB.
"""

from __future__ import annotations

import base64
import json
import mimetypes
import os
import re
from pathlib import Path

from ..model.credits import credits_line
from ..model.layer import Layer, LayerSource
from ..model.map_state import MapState
from ..model.symbology import resolve
from ..bundled.paths import resources_dir
from .basemap import Basemap, basemap_style
from ..util.atomic import write_text
from .display import prepare
from .page import _json_for_script, build_page
from .payload import pack
from .symbols import needs_classes, page_message

_BASE = "hgassets/"  # placeholder base, every use of it is replaced by inline content


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as xleaflet

    return Path(xleaflet.BASE_DIR)


def _data_url(data: bytes, mime: str = "application/octet-stream") -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def _leaflet_css() -> str:
    folder = _leaflet_dir()
    css = (folder / "leaflet.css").read_text(encoding="utf-8")

    def inline(m: re.Match) -> str:
        path = folder / m.group(1)
        if not path.is_file():
            return "none"
        mime = mimetypes.guess_type(path.name)[0] or "image/png"
        return f"url({_data_url(path.read_bytes(), mime)})"

    return re.sub(r"url\(\s*['\"]?(images/[^)'\"]+)['\"]?\s*\)", inline, css)


def _script(text: str) -> str:
    # Source map comments would make a browser's developer tools ask for a file.
    text = re.sub(r"^//# sourceMappingURL=.*$", "", text, flags=re.M)
    return "<script>" + text.replace("</script", "<\\/script") + "</script>"


def _style(text: str) -> str:
    return "<style>" + text.replace("</style", "<\\/style") + "</style>"


def _app_css(text: str = "") -> str:
    css = (resources_dir() / "web" / "app.css").read_text(encoding="utf-8")
    from .static import font_subset

    font = font_subset(text)
    src = f'url({_data_url(font, "font/otf")}) format("opentype")' if font else 'local("Noto Sans CJK SC")'
    return re.sub(r"url\(\s*['\"]?hgmap://[^)]*\)\s*format\(['\"]?\w+['\"]?\)", lambda _m: src, css)


def _layer_spec(layer_id: str, layer: Layer, style_msg: dict | None = None, basemap: bool = False) -> dict | None:
    display = prepare(layer)
    if not display.drawable or not len(display.geoms):
        return None
    if style_msg is None:
        sym = resolve(layer.data, layer.style, layer.name)
        url = _data_url(sym.class_array().tobytes()) if needs_classes(sym) else None
        style_msg = page_message(sym, layer.style, url)
    spec = {"id": layer_id, "name": layer.name, "url": _data_url(pack(display)), "style": style_msg,
            "visible": bool(layer.visible), "opacity": float(layer.opacity), "basemap": basemap,
            "bounds": display.bounds}
    if not basemap:
        spec["attrs"] = attribute_table(layer)
    return spec


def _cell(value):
    """One attribute value as JSON: numbers and booleans stay, missing is null, the rest is text."""
    import math

    import numpy as np

    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if not math.isfinite(float(value)) else float(value)
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return str(value)


def attribute_table(layer: Layer) -> dict:
    """The layer's attributes for the web map's popups: field names and one list per data row.

    Rows are in data order (the payload's ``rows`` index them); geometry is left out.
    The page shows every value with ``textContent``: attribute text is untrusted.
    """
    data = layer.data
    geom = getattr(data, "_geometry_column_name", None)
    fields = [c for c in data.columns if c != geom]
    rows = [[_cell(v) for v in rec] for rec in data[fields].itertuples(index=False, name=None)]
    return {"fields": [str(f) for f in fields], "rows": rows}


def _basemap_specs(basemap: Basemap) -> list[dict]:
    specs = []
    for name, data in basemap.layers:
        spec = _layer_spec(f"basemap-{name}", Layer(data, name, LayerSource(None, name)), basemap_style(name),
                           basemap=True)
        if spec:
            specs.append(spec)
    return specs


def build_webmap(state: MapState, title: str = "", basemap: Basemap | None = None) -> str:
    """Return the HTML text of a self-contained web map of ``state``.

    Parameters
    ----------
    state : MapState
        Layers (with their styles, visibility and opacity), view and basemap.
    title : str
        The page title and a heading over the map.
    basemap : Basemap, optional
        Drawn under the layers (when ``state.basemap`` is not ``none``).
    """
    html = build_page(state.view, base=_BASE, bridge=False)
    leaflet = _leaflet_dir()
    html = html.replace(f'<script src="{_BASE}leaflet/leaflet.js"></script>',
                        _script((leaflet / "leaflet.js").read_text(encoding="utf-8")))
    html = re.sub(rf'<link rel="stylesheet" href="{re.escape(_BASE)}leaflet/leaflet.css"\s*/?>',
                  lambda _m: _style(_leaflet_css()), html)
    app_js = (resources_dir() / "web" / "app.js").read_text(encoding="utf-8")
    html = html.replace(f'<script src="{_BASE}static/app.js"></script>', _script(app_js))

    specs: list[dict] = []
    bm_credit = None
    if basemap and state.basemap != "none":
        specs, bm_credit = _basemap_specs(basemap), basemap.credit
    for lyr in state.layers.draw_order():
        spec = _layer_spec(lyr.id, lyr)
        if spec:
            specs.append(spec)
    visible = [lyr for lyr in state.layers if lyr.visible]
    boot = {
        "layers": specs,
        "order": [s["id"] for s in specs],
        "attribution": credits_line(visible, [bm_credit] if bm_credit else []),
        "title": title,
        "fit": _union([s["bounds"] for s in specs if not s["basemap"] and s["visible"] and s["bounds"]]),
    }
    for s in specs:
        s.pop("bounds", None)
    # Data travels as JSON in a non-executed block, parsed by the loader: no
    # value is spliced into code (a GeoPackage is untrusted input).
    loader = (
        '<script type="application/json" id="hg-standalone">' + _json_for_script(boot) + "</script>"
        + _script(_LOADER)
    )
    loader += _script(_POPUPS)
    html = html.replace("</body>", loader + "\n</body>", 1)
    # The font subset needs every text the page shows: names, legends, labels, title.
    page_text = json.dumps(boot, ensure_ascii=False) + title
    html = re.sub(rf'<link rel="stylesheet" href="{re.escape(_BASE)}static/app.css"\s*/?>',
                  lambda _m: _style(_app_css(page_text)), html)
    if title:
        esc = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        html = html.replace("<head>", f"<head>\n<title>{esc}</title>", 1)
    return html


def _union(boxes):
    if not boxes:
        return None
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]


_LOADER = """
document.addEventListener("DOMContentLoaded", function () {
  var boot = JSON.parse(document.getElementById("hg-standalone").textContent);
  var api = window.hgmap;
  if (!api) return;
  var go = function () {
    boot.layers.forEach(function (spec) { api.addLayer(spec); });
    api.setOrder(boot.order);
    api.setAttribution(boot.attribution);
    if (api.setLegendVisible) api.setLegendVisible(true);
    if (boot.fit) api.fitBounds(boot.fit, 12);
    if (boot.title) {
      var h = document.createElement("div");
      h.className = "hg-standalone-title";
      h.textContent = boot.title;
      h.style.cssText = "position:absolute;top:8px;left:56px;z-index:1000;background:rgba(255,255,255,.85);" +
        "padding:4px 10px;font:600 16px 'DejaVu Sans','HG Sans',sans-serif;border-radius:4px";
      document.body.appendChild(h);
    }
  };
  // Canvas labels do not wait for web fonts: load the inlined CJK font first.
  if (document.fonts && document.fonts.load) {
    document.fonts.load("12px 'HG Sans'", "\u9e64").then(go, go);
  } else {
    go();
  }
});
"""


# Click a feature: a popup lists its attributes. Only in the exported page
# (the window has its own Identify panel). The hit test runs on the page's
# own packed geometry: points by pixel distance, lines by distance to their
# segments, polygons by point-in-polygon (even-odd over all rings). All text
# goes in with textContent.
_POPUPS = r"""
(function () {
  "use strict";
  var HIDDEN = 65535, SLOP = 3;
  var boot = JSON.parse(document.getElementById("hg-standalone").textContent);
  var attrs = {};
  boot.layers.forEach(function (s) { if (s.attrs) attrs[s.id] = { name: s.name, table: s.attrs }; });

  function shownClass(pd, row) {
    var c = pd.classOf ? pd.classOf[row] : 0;
    if (c === HIDDEN || c >= pd.symbols.length) return -1;
    return c;
  }
  function segDist2(px, py, ax, ay, bx, by) {
    var dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy;
    var t = len ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0;
    var x = ax + t * dx - px, y = ay + t * dy - py;
    return x * x + y * y;
  }
  function inRings(g, f, px, py) {
    var c = g.coords, inside = false;
    for (var p = g.parts[f]; p < g.parts[f + 1]; p++) {
      var v0 = g.paths[p], v1 = g.paths[p + 1];
      for (var v = v0, w = v1 - 1; v < v1; w = v++) {
        var xi = c[2 * v], yi = c[2 * v + 1], xj = c[2 * w], yj = c[2 * w + 1];
        if ((yi > py) !== (yj > py) && px < (xj - xi) * (py - yi) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  }
  function nearLine(g, f, px, py, tol) {
    var c = g.coords, t2 = tol * tol;
    for (var p = g.parts[f]; p < g.parts[f + 1]; p++) {
      for (var v = g.paths[p]; v < g.paths[p + 1] - 1; v++) {
        if (segDist2(px, py, c[2 * v], c[2 * v + 1], c[2 * v + 2], c[2 * v + 3]) <= t2) return true;
      }
    }
    return false;
  }
  // The top-most drawn feature under (lat, lng): {id, row, name} or null.
  function hitTest(lat, lng) {
    var map = window.hgmap.leafletMap();
    var world = map.project([lat, lng], 0), scale = Math.pow(2, map.getZoom());
    var ids = boot.order.slice().reverse();
    for (var k = 0; k < ids.length; k++) {
      var id = ids[k];
      if (!attrs[id]) continue;
      var pd = window.hgmap.pickData(id);
      if (!pd || !pd.visible || pd.basemap) continue;
      var px = world.x - pd.data.origin[0], py = world.y - pd.data.origin[1];
      var g = pd.data.groups.points, best = null, bestD = Infinity, i, c, d;
      if (g) {
        for (i = 0; i < g.rows.length; i++) {
          c = shownClass(pd, g.rows[i]);
          if (c < 0) continue;
          d = Math.hypot(g.coords[2 * i] - px, g.coords[2 * i + 1] - py) * scale;
          if (d <= (pd.symbols[c].radius || 4) + SLOP && d < bestD) { bestD = d; best = g.rows[i]; }
        }
        if (best !== null) return { id: id, row: best, name: pd.name };
      }
      g = pd.data.groups.lines;
      if (g) {
        for (i = 0; i < g.rows.length; i++) {
          c = shownClass(pd, g.rows[i]);
          if (c < 0) continue;
          if (nearLine(g, i, px, py, ((pd.symbols[c].strokeWidth || 1) / 2 + SLOP) / scale)) {
            return { id: id, row: g.rows[i], name: pd.name };
          }
        }
      }
      g = pd.data.groups.polygons;
      if (g) {
        for (i = g.rows.length - 1; i >= 0; i--) {
          if (shownClass(pd, g.rows[i]) < 0) continue;
          if (inRings(g, i, px, py)) return { id: id, row: g.rows[i], name: pd.name };
        }
      }
    }
    return null;
  }
  function text(v) { return v === null || v === undefined ? "" : String(v); }
  function content(hit) {
    var a = attrs[hit.id], values = a.table.rows[hit.row] || [];
    var box = document.createElement("div");
    box.className = "hg-popup";
    var head = document.createElement("div");
    head.className = "hg-popup-title";
    head.style.cssText = "font-weight:600;margin-bottom:4px;";
    head.textContent = text(a.name);
    box.appendChild(head);
    var table = document.createElement("table");
    table.style.cssText = "border-collapse:collapse;font-size:12px;";
    a.table.fields.forEach(function (f, j) {
      var tr = document.createElement("tr");
      var th = document.createElement("th"), td = document.createElement("td");
      th.style.cssText = "text-align:left;padding:1px 8px 1px 0;color:#555;font-weight:normal;vertical-align:top;";
      td.style.cssText = "padding:1px 0;word-break:break-word;";
      th.textContent = text(f);
      td.textContent = values[j] === null || values[j] === undefined ? "\u2014" : text(values[j]);
      tr.appendChild(th); tr.appendChild(td); table.appendChild(tr);
    });
    box.appendChild(table);
    return box;
  }
  var popup = null;
  // Open the popup of the feature at (lat, lng); returns what it shows (tests use this too).
  function popupAt(lat, lng) {
    var map = window.hgmap.leafletMap();
    var hit = hitTest(lat, lng);
    if (!hit) { if (popup) map.closePopup(popup); return null; }
    var node = content(hit);
    popup = L.popup({ maxWidth: 360, maxHeight: 320, autoPan: false }).setLatLng([lat, lng]).setContent(node).openOn(map);
    return { id: hit.id, row: hit.row, text: node.textContent };
  }
  window.hgWebmap = { hitTest: hitTest, popupAt: popupAt };
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.hgmap || !window.hgmap.leafletMap) return;
    window.hgmap.leafletMap().on("click", function (e) { popupAt(e.latlng.lat, e.latlng.lng); });
  });
})();
"""


def export_webmap(state: MapState, out: str | os.PathLike, title: str = "", basemap: Basemap | None = None) -> Path:
    """Write :func:`build_webmap` to ``out`` atomically (temp file, fsync, rename)."""
    out = Path(out)
    html = build_webmap(state, title, basemap)
    write_text(out, html)
    return out


def offline_problems(html: str) -> list[str]:
    """Every ``src``/``href`` of an element and CSS ``url()`` that would reach the network.

    Used by tests and by the exporter's own check; inline script text is not
    markup, so strings inside it are not counted.
    """
    from html.parser import HTMLParser

    found: list[str] = []

    class _P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for key, value in attrs:
                if key in ("src", "href") and value and re.match(r"\s*(https?:)?//", value, re.I):
                    found.append(f"<{tag} {key}={value}>")

    _P().feed(html)
    for m in re.finditer(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", html, re.I):
        found.append(f"url({m.group(1)})")
    return found


def to_json(value) -> str:
    """Compact JSON (for sidecars and tests)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
