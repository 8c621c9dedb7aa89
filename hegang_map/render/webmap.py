"""A self-contained web map: one HTML file that opens in a browser with no network.

The page is the app's own page (:func:`hegang_map.render.page.build_page`)
with every asset inlined: Leaflet's script and stylesheet from the
xstatic-leaflet package (its images as ``data:`` URIs), the page's scripts
and ``webmap.js`` (which loads the layers and opens popups), ``app.css``,
and each layer's binary payload and class array as base64 ``data:`` URLs, which the page fetches exactly as it fetches ``hgmap://``
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
from ..bundled.paths import PAGE_SCRIPT, WEBMAP_SCRIPT, page_script, web_file
from .basemap import Basemap, basemap_style
from ..util.atomic import write_text
from .display import prepare
from .page import _json_for_script, build_page, script_tag
from .page_words import page_texts
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


def _web_text(name: str) -> str:
    return web_file(name).read_text(encoding="utf-8")


def _style(text: str) -> str:
    return "<style>" + text.replace("</style", "<\\/style") + "</style>"


def _app_css(text: str = "") -> str:
    css = _web_text("app.css")
    from .static import font_subset

    font = font_subset(text)
    src = f'url({_data_url(font, "font/otf")}) format("opentype")' if font else 'local("Noto Sans CJK SC")'
    return re.sub(r"url\(\s*['\"]?hgmap://[^)]*\)\s*format\(['\"]?\w+['\"]?\)", lambda _m: src, css)


def _layer_spec(layer_id: str, layer: Layer, style_msg: dict | None = None, basemap: bool = False,
                frame: str = "wgs84") -> dict | None:
    display = prepare(layer, frame)
    if not display.drawable or not len(display.geoms):
        return None
    if style_msg is None:
        sym = resolve(layer.data, layer.style, layer.display_name)
        url = _data_url(sym.class_array().tobytes()) if needs_classes(sym) else None
        style_msg = page_message(sym, layer.style, url)
    spec = {"id": layer_id, "name": layer.display_name, "url": _data_url(pack(display)), "style": style_msg,
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
    # Fields by the titles the file gives them, in the export's language.
    return {"fields": [layer.field_title(str(f)) for f in fields], "rows": rows}


def _basemap_specs(basemap: Basemap, frame: str) -> list[dict]:
    specs = []
    for name, data in basemap.layers:
        spec = _layer_spec(f"basemap-{name}", Layer(data, name, LayerSource(None, name)), basemap_style(name),
                           basemap=True, frame=frame)
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
    html = html.replace(script_tag(_BASE, PAGE_SCRIPT), _script(page_script()))

    specs: list[dict] = []
    bm_credit = None
    if basemap and state.basemap != "none":
        specs, bm_credit = _basemap_specs(basemap, state.frame), basemap.credit
    for lyr in state.layers.draw_order():
        spec = _layer_spec(lyr.id, lyr, frame=state.frame)
        if spec:
            specs.append(spec)
    visible = [lyr for lyr in state.layers if lyr.visible]
    boot = {
        "layers": specs,
        "order": [s["id"] for s in specs],
        "attribution": credits_line(visible, [bm_credit] if bm_credit else []),
        "title": title,
        "texts": page_texts(),
        "fit": _union([s["bounds"] for s in specs if not s["basemap"] and s["visible"] and s["bounds"]]),
    }
    for s in specs:
        s.pop("bounds", None)
    # Data travels as JSON in a non-executed block, parsed by the loader: no
    # value is spliced into code (a GeoPackage is untrusted input).
    loader = (
        '<script type="application/json" id="hg-standalone">' + _json_for_script(boot) + "</script>"
        + _script(_web_text(WEBMAP_SCRIPT))
    )
    html = html.replace("</body>", loader + "\n</body>", 1)
    # The font subset needs every text the page shows: names, legends, labels, title.
    page_text = json.dumps(boot, ensure_ascii=False) + title
    html = re.sub(rf'<link rel="stylesheet" href="{re.escape(_BASE)}static/app.css"\s*/?>',
                  lambda _m: _style(_app_css(page_text)), html)
    if title:
        # Escaped, and without control characters (an HTML title may hold none).
        esc = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", "\ufffd", title)
        esc = esc.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        html = html.replace("<head>", f"<head>\n<title>{esc}</title>", 1)
    return html


def _union(boxes):
    if not boxes:
        return None
    return [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]



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
