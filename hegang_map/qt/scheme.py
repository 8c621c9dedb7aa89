"""The app's own URL scheme and the guard that blocks everything else.

``hgmap://app/`` serves the page, Leaflet (from the xstatic-leaflet package),
our script and style, the CJK font, layer payloads, and the tiles of the
user's basemap files (:mod:`hegang_map.qt.tile_server`). Any other request
(http, https, file, ...) is blocked and recorded, so the map works offline
and a hostile attribute cannot make the page reach out.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from ..bundled.fonts import cjk_font_path
from ..bundled.paths import PAGE_SCRIPT, page_script, resources_dir
from .tile_server import TileServer

SCHEME = b"hgmap"
#: Where :meth:`SchemeHandler.put` serves data.
DATA_URL = "hgmap://app/data/"
_ALLOWED_SCHEMES = {"hgmap", "qrc", "data", "blob", "about"}
_log = logging.getLogger(__name__)


def register_scheme() -> None:
    """Declare ``hgmap://``; must run before the QApplication exists."""
    if QWebEngineUrlScheme.schemeByName(SCHEME).name() == SCHEME:
        return
    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
        | QWebEngineUrlScheme.Flag.CorsEnabled
        | QWebEngineUrlScheme.Flag.FetchApiAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)


def _leaflet_dir() -> Path:
    import xstatic.pkg.leaflet as xleaflet

    return Path(xleaflet.BASE_DIR)


def data_name(url: str) -> str:
    """The name under which :meth:`SchemeHandler.put` serves ``url`` (a URL it returned)."""
    return url[len(DATA_URL):]


class SchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves ``hgmap://app/...`` from memory and from the app's own folders.

    Parameters
    ----------
    page_html : callable
        Returns the HTML of the map page (built once per view).
    """

    def __init__(self, page_html: Callable[[], str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._page_html = page_html
        self._blobs: dict[str, bytes] = {}
        self._page_script: bytes | None = None
        self._folders = {
            "static": resources_dir() / "web",
            "leaflet": _leaflet_dir(),
        }
        #: The tiles of basemap files, answered off the GUI thread.
        self.tiles = TileServer(self)

    def put(self, name: str, data: bytes) -> str:
        """Keep ``data`` to serve at ``hgmap://app/data/<name>``; returns that URL."""
        self._blobs[name] = data
        return DATA_URL + name

    def served(self, url: str | None) -> bytes | None:
        """The data served at ``url`` (from :meth:`put`), if it still is."""
        return self._blobs.get(data_name(url)) if url and url.startswith(DATA_URL) else None

    def drop(self, prefix: str) -> None:
        """Forget every blob whose name starts with ``prefix``."""
        for key in [k for k in self._blobs if k.startswith(prefix)]:
            del self._blobs[key]

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt API)
        url = job.requestUrl()
        if url.host() != "app":
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        path = url.path().lstrip("/")
        if path.startswith("tiles/"):
            self.tiles.serve(job, path[len("tiles/"):])
            return
        found = self._lookup(path)
        if found is None:
            _log.info("not found: %s", url.toString())
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        data, mime = found
        buf = QBuffer(job)
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime.encode(), buf)

    def _lookup(self, path: str) -> tuple[bytes, str] | None:
        if path in ("", "index.html"):
            return self._page_html().encode("utf-8"), "text/html"
        if path.startswith("data/"):
            blob = self._blobs.get(path[5:])
            return (blob, "application/octet-stream") if blob is not None else None
        if path == "static/" + PAGE_SCRIPT:
            if self._page_script is None:
                self._page_script = page_script().encode("utf-8")
            return self._page_script, "text/javascript"
        if path == "font/cjk.otf":
            font = cjk_font_path()
            return (font.read_bytes(), "font/otf") if font else None
        folder, _, rest = path.partition("/")
        base = self._folders.get(folder)
        if base is None or not rest:
            return None
        target = (base / rest).resolve()
        # Never serve anything outside the folder (no '..' escapes).
        if base.resolve() not in target.parents or not target.is_file():
            return None
        mime = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return target.read_bytes(), mime


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Blocks and records every request that is not the app's own.

    ``blocked`` holds each refused URL; the ``blockedRequest`` signal fires
    with it too.
    """

    blockedRequest = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt API)
        url: QUrl = info.requestUrl()
        if url.scheme() in _ALLOWED_SCHEMES and (url.scheme() != "hgmap" or url.host() == "app"):
            return
        info.block(True)
        text = url.toString()
        self.blocked.append(text)
        _log.warning("blocked request: %s", text)
        self.blockedRequest.emit(text)
