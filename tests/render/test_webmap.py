"""The self-contained web map: nothing from the network, and it draws its layers offline."""

from __future__ import annotations

import json

import pytest

from hegang_map.io.project import state_from_files
from hegang_map.bundled.paths import geodata_dir
from hegang_map.export.basemap import bundled_basemap
from hegang_map.render.webmap import export_webmap, offline_problems


@pytest.fixture(scope="module")
def webmap(tmp_path_factory):
    state = state_from_files([geodata_dir() / "hegang_welfare.gpkg"])
    out = tmp_path_factory.mktemp("web") / "hegang.html"
    export_webmap(state, out, title="Hegang 鹤岗 <welfare>", basemap=bundled_basemap())
    return out, state


def test_web_map_inlines_every_asset(webmap):
    html = webmap[0].read_text(encoding="utf-8")
    assert offline_problems(html) == []
    assert "hgmap://" not in html and "<link" not in html
    assert "<title>Hegang 鹤岗 &lt;welfare&gt;</title>" in html


def test_offline_problems_finds_network_urls():
    html = '<img src="https://x.org/a.png"><a href="//cdn.x/y">y</a><style>a{background:url(http://x/y)}</style>'
    assert len(offline_problems(html)) == 3


def test_web_map_draws_its_layers_in_qtwebengine_with_network_blocked(webmap, qtbot, qapp):
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineUrlRequestInterceptor
    from PySide6.QtWebEngineWidgets import QWebEngineView

    class Offline(QWebEngineUrlRequestInterceptor):
        """Only the file itself and data: URLs; everything else is blocked and recorded."""

        def __init__(self, parent):
            super().__init__(parent)
            self.blocked = []

        def interceptRequest(self, info):  # noqa: N802 (Qt API)
            url = info.requestUrl()
            if url.scheme() in ("data", "blob", "about") or url == QUrl.fromLocalFile(str(webmap[0])):
                return
            self.blocked.append(url.toString())
            info.block(True)

    profile = QWebEngineProfile(qapp)
    guard = Offline(profile)
    profile.setUrlRequestInterceptor(guard)
    view = QWebEngineView()
    qtbot.addWidget(view)
    view.setPage(QWebEnginePage(profile, view))
    view.resize(900, 700)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=30_000):
        view.load(QUrl.fromLocalFile(str(webmap[0])))

    def info():
        box = {}
        view.page().runJavaScript("window.hgmap ? JSON.stringify(hgmapProbe.info()) : null", 0,
                                  lambda r: box.setdefault("r", r))
        qtbot.waitUntil(lambda: "r" in box, timeout=10_000)
        return json.loads(box["r"]) if box["r"] else None

    state = webmap[1]
    want = {lyr.display_name for lyr in state.layers if lyr.visible}  # as the page names them

    def drawn():
        i = info()
        return i and want <= {lyr["name"] for lyr in i["layers"] if lyr["loaded"] and lyr["shown"] > 0}

    qtbot.waitUntil(drawn, timeout=30_000)
    names = {lyr["name"]: lyr for lyr in info()["layers"]}
    assert any(lyr["basemap"] and lyr["loaded"] for lyr in names.values())
    assert guard.blocked == []  # it never asked for the network, nor for any other file
    view.setPage(None)
    view.close()
