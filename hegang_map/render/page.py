"""Build the map page once: a folium map wired to offline assets and our script.

The page holds no layer data; layers arrive later through the ``hgmap``
scheme. Every asset URL points at the app's own scheme, never a CDN.
"""

from __future__ import annotations

import json

import folium
from branca.element import Element

from ..bundled.paths import PAGE_SCRIPT
from ..model.map_state import View

#: Base URL that the Qt scheme handler serves (see ``qt/scheme.py``).
APP_BASE = "hgmap://app/"

_JS = [
    ("leaflet", APP_BASE + "leaflet/leaflet.js"),
    ("qwebchannel", "qrc:///qtwebchannel/qwebchannel.js"),
]
_CSS = [
    ("leaflet_css", APP_BASE + "leaflet/leaflet.css"),
    ("hgmap_css", APP_BASE + "static/app.css"),
]


class _OfflineMap(folium.Map):
    # folium's defaults pull Leaflet, jQuery and Bootstrap from CDNs; the
    # app ships Leaflet itself and needs nothing else.
    default_js = _JS
    default_css = _CSS


def build_page(view: View | None = None, base: str = APP_BASE, bridge: bool = True) -> str:
    """Return the HTML of the map page.

    Parameters
    ----------
    view : View, optional
        The initial view (China when omitted).
    base : str
        Where ``leaflet/``, ``static/`` and ``font/`` are served from.
    bridge : bool
        Whether to load Qt's web channel (False for a stand-alone page).
    """
    view = view or View()
    fmap = _OfflineMap(
        location=[view.lat, view.lon],
        zoom_start=view.zoom,
        tiles=None,
        prefer_canvas=True,
        control_scale=True,
        zoom_control=True,
        attribution_control=False,
        # Tiles of basemap files appear at once: no fade-in that a screenshot or export would catch half-way.
        fade_animation=False,
    )
    fmap.default_js = [(n, u.replace(APP_BASE, base)) for n, u in _JS if bridge or n != "qwebchannel"]
    fmap.default_css = [(n, u.replace(APP_BASE, base)) for n, u in _CSS]
    config = {"mapVar": fmap.get_name(), "base": base, "bridge": bridge}
    root = fmap.get_root()
    root.header.add_child(Element(f'<meta http-equiv="Content-Security-Policy" content="{_csp(base)}">'), name="csp")
    root.html.add_child(Element('<div id="hg-attribution" class="hg-attribution"></div>'))
    # The config is JSON, parsed by the script: no value is spliced into code.
    root.html.add_child(
        Element('<script type="application/json" id="hg-config">' + _json_for_script(config) + "</script>")
    )
    # In the body, so Leaflet (in the head) is defined when they run.
    root.html.add_child(Element(script_tag(base, PAGE_SCRIPT)), name="hgmap_js")
    return root.render()


def script_tag(base: str, name: str) -> str:
    """The ``<script>`` element that loads the page script ``name`` from ``base``."""
    return f'<script src="{base}static/{name}"></script>'


def _csp(base: str) -> str:
    own = base.split("/")[0] + "//" + base.split("/")[2] if "://" in base else "'self'"
    src = f"{own} qrc: 'unsafe-inline' data: blob:"
    return f"default-src {src}; img-src {src}; connect-src {own} data: blob:; font-src {own} data:"


def _json_for_script(value) -> str:
    # '</' would end the script block and '<!--' would change how the HTML
    # parser reads the rest of it, so no '<' (nor '>', '&') is left as is;
    # JSON.parse reads the escapes back. U+2028/2029 break old JS parsers.
    return (
        json.dumps(value, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
