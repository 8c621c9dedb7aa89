"""Tiles of the user's basemap files, served to the page through ``hgmap://app/tiles/``.

A tile is read (and drawn, for vector tiles and GeoTIFFs) on a small pool
of worker threads, never on the GUI thread; the answer goes back to the
page's request on the GUI thread, unless the page dropped the request
meanwhile (a tile panned out of view). Pictures are kept in a bounded
cache. The server owns its threads: :meth:`TileServer.close` stops them and
waits, before the window goes.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestJob


#: Where the page asks for tiles: ``TILE_URL + "<key>/{z}/{x}/{y}"``.
TILE_URL = "hgmap://app/tiles/"
#: Bytes of tiles kept for the page.
CACHE_BYTES = 64 * 1024 * 1024
_log = logging.getLogger(__name__)


#: A transparent pixel: the answer where a basemap has no tile.
EMPTY_PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15"
             b"\xc4\x89\x00\x00\x00\rIDATx\x9cc````\x00\x00\x00\x05\x00\x01\xa5\xf6E@\x00\x00\x00\x00IEND\xaeB`\x82")


class TileServer(QObject):
    """Opened basemap files by key, and the page's tile requests answered from them.

    Signals
    -------
    served(str)
        A tile of the basemap with this key reached the page (tests, status).
    tooCoarse(str)
        The basemap with this key (a GeoTIFF without overviews) left a tile
        blank rather than read too much; said once per basemap.
    """

    served = Signal(str)
    tooCoarse = Signal(str)
    _done = Signal(object, object, str)  # job, (bytes, mime) or None, key

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources: dict = {}  # key -> UserBasemap
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="hegang-tiles")
        self._cache: OrderedDict[tuple, tuple[bytes, str]] = OrderedDict()
        self._cached_bytes = 0
        self._lock = threading.Lock()
        self._waiting: dict[int, QWebEngineUrlRequestJob] = {}
        self._closed = False
        self._said_coarse: set[str] = set()
        self._done.connect(self._answer)

    def add(self, key: str, source) -> None:
        """Serve ``source`` under ``key``."""
        self._sources[key] = source

    def remove(self, key: str) -> None:
        """Stop serving ``key`` and close its file (once no tile of it is being read)."""
        source = self._sources.pop(key, None)
        with self._lock:
            for k in [k for k in self._cache if k[0] == key]:
                self._cached_bytes -= len(self._cache.pop(k)[0])
        if source is not None and not self._closed:
            # Reads of it already queued finish first: the pool runs them in order.
            self._pool.submit(source.close)

    def serve(self, job: QWebEngineUrlRequestJob, path: str) -> None:
        """Answer ``job`` for ``<key>/<z>/<x>/<y>`` (called by the scheme handler)."""
        parts = path.split("/")
        source = self._sources.get(parts[0]) if len(parts) == 4 else None
        try:
            z, x, y = (int(p) for p in parts[1:]) if source is not None else (-1, 0, 0)
        except ValueError:
            z = -1
        if source is None or not 0 <= z <= 30 or self._closed:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        key = (parts[0], z, x, y)
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
        if hit is not None:
            self._reply(job, hit, parts[0])
            return
        self._waiting[id(job)] = job
        job.destroyed.connect(lambda *_a, k=id(job): self._waiting.pop(k, None))
        self._pool.submit(self._read, job, source, key)

    def _read(self, job, source, key: tuple) -> None:
        try:
            found = source.tile(*key[1:])
        except Exception:  # a damaged tile is no tile; the map shows the others
            _log.exception("tile %s could not be drawn", key)
            found = None
        if found is not None:
            with self._lock:
                if key in self._cache:
                    self._cached_bytes -= len(self._cache[key][0])
                self._cache[key] = found
                self._cached_bytes += len(found[0])
                while self._cached_bytes > CACHE_BYTES and self._cache:
                    self._cached_bytes -= len(self._cache.popitem(last=False)[1][0])
        if not self._closed:
            self._done.emit(job, found, key[0])
            if source.too_coarse and key[0] not in self._said_coarse:
                self._said_coarse.add(key[0])
                self.tooCoarse.emit(key[0])

    def _answer(self, job, found, key: str) -> None:
        # Only a request the page still waits for: a dropped one is deleted by the engine.
        if self._waiting.pop(id(job), None) is not job:
            return
        self._reply(job, found, key)

    def _reply(self, job: QWebEngineUrlRequestJob, found, key: str) -> None:
        data, mime = found if found is not None else (EMPTY_PNG, "image/png")
        buf = QBuffer(job)
        buf.setData(QByteArray(data))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(mime.encode(), buf)
        if found is not None:
            self.served.emit(key)

    def close(self) -> None:
        """Stop the workers, wait for them, and close every file."""
        self._closed = True
        self._pool.shutdown(wait=True, cancel_futures=True)
        for source in self._sources.values():
            source.close()
        self._sources.clear()
        self._waiting.clear()
