"""The map widget: a QWebEngineView on the app's own, offline page."""

from __future__ import annotations

import json
import re
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings
from PySide6.QtWebEngineWidgets import QWebEngineView

from .start_cache import page_html
from .bridge import Bridge
from .scheme import SCHEME, RequestGuard, SchemeHandler

_METHOD = re.compile(r"[A-Za-z][A-Za-z0-9]*")
_shared: dict[str, Any] = {}


def shared_profile() -> tuple[QWebEngineProfile, SchemeHandler, RequestGuard]:
    """The app's one off-the-record profile, with its scheme handler and guard.

    It is parented to the application so that it outlives every page.
    """
    if not _shared:
        app = QCoreApplication.instance()
        profile = QWebEngineProfile(app)  # no storage name: nothing is written to disk
        guard = RequestGuard(profile)
        handler = SchemeHandler(page_html, profile)
        profile.setUrlRequestInterceptor(guard)
        profile.installUrlSchemeHandler(SCHEME, handler)
        _shared.update(profile=profile, handler=handler, guard=guard)
    return _shared["profile"], _shared["handler"], _shared["guard"]


def release_shared_profile() -> None:
    """Delete every map page, then the shared profile (call once, at exit).

    QtWebEngine crashes at interpreter exit when a profile outlives Python
    objects of its pages, so both go while Qt is still whole.
    """
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    handler = _shared.get("handler")
    if handler is not None:
        handler.tiles.close()  # its worker threads end before Qt does
    profile = _shared.pop("profile", None)
    _shared.clear()
    if profile is not None:
        profile.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


class MapView(QWebEngineView):
    """Shows the map page and runs page functions with JSON arguments.

    Calls made before the page has loaded are queued and sent in order once
    it has (its script is running then; what it reports before its bridge is
    up it sends once the bridge reports ready). ``load_count`` counts page
    loads: it stays 1 for the life of the view, since layers never reload the page.

    Signals
    -------
    ready(str)
        The page is up; its instance id.
    crashed(int)
        The page's renderer process stopped abnormally (its exit code): out of
        memory, or killed. The map shows nothing more until the window is reopened.
    """

    ready = Signal(str)
    crashed = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        profile, self.scheme, self.guard = shared_profile()
        page = QWebEnginePage(profile, self)
        settings = page.settings()
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessRemoteUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.LocalContentCanAccessFileUrls, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.JavascriptCanOpenWindows, False)
        settings.setAttribute(QWebEngineSettings.WebAttribute.ErrorPageEnabled, False)
        self.setPage(page)
        self.bridge = Bridge(self)
        channel = QWebChannel(page)
        channel.registerObject("bridge", self.bridge)
        page.setWebChannel(channel)
        self.setContextMenuPolicy(self.contextMenuPolicy().NoContextMenu)
        self.load_count = 0
        self.instance: str | None = None
        self._queue: list[str] | None = []  # None once sent
        page.loadFinished.connect(self._count_load)
        page.renderProcessTerminated.connect(self._on_terminated)
        self.bridge.pageReady.connect(self._on_ready)
        self.setUrl(QUrl("hgmap://app/index.html"))

    def _on_terminated(self, status, code: int) -> None:
        if status != QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            self.crashed.emit(int(code))

    @property
    def is_ready(self) -> bool:
        """Whether the page has reported ready."""
        return self.instance is not None

    def call(self, method: str, *args: Any, callback: Callable[[Any], None] | None = None) -> None:
        """Run ``hgmap.<method>(*args)`` in the page; arguments go as JSON.

        ``method`` is a name from our own code, never from data; the result, if
        wanted, arrives later in ``callback`` (this never blocks).
        """
        if not _METHOD.fullmatch(method):
            raise ValueError(f"not a page method name: {method!r}")
        script = f"hgmap.{method}({', '.join(json.dumps(a, allow_nan=False) for a in args)})"
        if callback is not None:
            if not self.is_ready:
                raise RuntimeError("the page is not ready; connect to MapView.ready first")
            self.page().runJavaScript(script, 0, callback)
        elif self._queue is None:
            self.page().runJavaScript(script, 0)
        else:
            self._queue.append(script)

    def _count_load(self, ok: bool) -> None:
        self.load_count += 1
        if ok:
            self._send_queued()

    def _send_queued(self) -> None:
        # Not waiting for the bridge saves its round trip (~0.1 s) at start.
        if self._queue is not None:
            queued, self._queue = self._queue, None
            for script in queued:
                self.page().runJavaScript(script, 0)

    def _on_ready(self, instance: str, lat: float, lng: float, zoom: float) -> None:
        if self.instance is not None:
            return  # a second ready would mean a reload; keep the first
        self.instance = instance
        self._send_queued()
        self.ready.emit(instance)
