"""Read layers off the GUI thread, with progress and cancel."""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal, Slot

from ..io import DataError, ReadCancelled
from ..model import Layer, LayerSource, LayerStyle
from ..model.layer import new_layer_id
from ..model.symbology import Symbology, resolve
from ..render.display import DisplayGeometry, points_lonlat, prepare
from ..render.payload import pack, pack_points
from ..render.viewport import first_payload, too_large

_log = logging.getLogger(__name__)


@dataclass
class Loaded:
    """A layer read and prepared for display, ready to insert into the map."""

    layer: Layer
    display: DisplayGeometry
    payload: bytes
    symbology: Symbology | None = None  # the layer's style resolved (classes, legend), if it could be
    early: bool = False  # ``payload`` was handed out before as :class:`Early`


#: Point layers from this size are drawn early (below it, point objects take
#: less time than the page's round trip the early draw waits for).
EARLY_POINTS = 50_000
#: Seconds the read waits, once its early payload is out, for the page to draw it.
EARLY_WAIT = 1.0


@dataclass
class Early:
    """The first payload of a layer of plain points, ready before its point
    objects are made (which takes a million points half a second): the page can
    draw it while the read finishes. ``payload`` is what :class:`Loaded` brings."""

    layer_id: str
    name: str
    payload: bytes
    symbology: Symbology
    bounds: tuple[float, float, float, float]  # west, south, east, north of what is drawn


class LoadJob(QObject):
    """One layer being read. Emits ``progress(done, total)``, perhaps ``early(Early)``,
    then exactly one of ``finished(Loaded)``, ``failed(str)`` or ``cancelled()``.
    The layer it makes has the id :attr:`layer_id`."""

    progress = Signal(int, int)
    early = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, path: Path, layer_name: str | None, style: LayerStyle | None, visible: bool,
                 levels: bool = False, draw_early: bool = False) -> None:
        super().__init__()
        self.levels = levels  # pack levels of detail now (a layer that is never replaced: the basemap)
        self.draw_early = draw_early  # emit ``early`` for large point layers (someone draws it and says so)
        self.path = Path(path)
        self.layer_name = layer_name
        self.style = style
        self.visible = visible
        self.layer_id = new_layer_id()
        self._cancel = False
        self._early: Early | None = None
        self._rows: np.ndarray | None = None  # the layer rows the early payload draws
        self._early_drawn = threading.Event()

    @property
    def label(self) -> str:
        """``file.gpkg:layer`` for the status bar."""
        return f"{self.path.name}:{self.layer_name}" if self.layer_name else self.path.name

    def cancel(self) -> None:
        """Ask the read to stop at its next chunk."""
        self._cancel = True
        self._early_drawn.set()

    def early_drawn(self) -> None:
        """The page has drawn the early payload: the read may go on."""
        self._early_drawn.set()

    @property
    def name(self) -> str:
        """The name the layer will have."""
        return self.layer_name or self.path.stem

    def run(self) -> None:
        """Read, reproject and pack (called on a worker thread)."""
        from ..io import read_layer  # geopandas is imported here, off the GUI thread, at the first read

        try:
            data = read_layer(self.path, self.layer_name, progress=self.progress.emit,
                              cancelled=lambda: self._cancel, points_read=self._points_read)
            layer = Layer(
                data, self.name, LayerSource(self.path.resolve(), self.layer_name),
                style=self.style, visible=self.visible, layer_id=self.layer_id,
            )
            display = prepare(layer)
            if self._cancel:
                raise ReadCancelled(self.label)
            early = self._early if self._early is not None and np.array_equal(self._rows, display.rows) else None
            large = too_large(display)
            if large:
                _ = display.tree  # the index of viewport requests, built off the GUI thread
            if early:
                payload = early.payload
            elif self.levels and not large:
                payload = pack(display)
            else:
                payload = first_payload(display)  # levels of detail come after the first draw
            symbology = early.symbology if early else _resolved(layer)
        except ReadCancelled:
            self.cancelled.emit()
        except DataError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # an unforeseen failure must still be one readable line
            _log.exception("loading %s failed", self.label)
            self.failed.emit(f"{self.label}: could not be loaded ({type(exc).__name__}: {exc}).")
        else:
            self.finished.emit(Loaded(layer, display, payload, symbology, early=early is not None))

    def _points_read(self, xy: np.ndarray, attributes, crs) -> None:
        """Coordinates of plain points are in: hand out the first payload now (worker thread)."""
        if not self.draw_early or len(xy) < EARLY_POINTS:
            return
        try:
            made = points_lonlat(xy, crs)
            if made is None or not len(made[1]):
                return
            lonlat, rows = made
            symbology = resolve(attributes, self.style, self.name)  # classes need attributes only
            payload = pack_points(lonlat, rows)
        except Exception:  # noqa: BLE001 - the layer is drawn once read, as any other
            return
        bounds = (*map(float, lonlat.min(axis=0)), *map(float, lonlat.max(axis=0)))
        self._rows = rows
        self._early = Early(self.layer_id, self.name, payload, symbology, bounds)
        self.early.emit(self._early)
        # Making the point objects holds the interpreter lock most of the time;
        # the page's fetch and first draw go through the GUI thread. The user
        # sees the points sooner when the page goes first (a while at most).
        self._early_drawn.wait(EARLY_WAIT)


def _resolved(layer: Layer) -> Symbology | None:
    """The layer's style resolved here, off the GUI thread (natural breaks of
    every period ...), or ``None``: the GUI thread then resolves it as for any
    restyle, and says what went wrong there."""
    try:
        return resolve(layer.data, layer.style, layer.name)
    except Exception:  # noqa: BLE001 - a style that cannot be resolved must not fail the load
        return None


class Loader(QObject):
    """Runs :class:`LoadJob` s one at a time on a worker thread.

    One worker, a plain Python thread: GDAL and PROJ come as two bundled
    copies (pyogrio's and pyproj's), and PROJ crashed in QThreadPool threads.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: queue.Queue[LoadJob | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._go = threading.Event()  # cleared while paused
        self._go.set()
        self.jobs: list[LoadJob] = []

    def start(self, path: Path, layer_name: str | None, style: LayerStyle | None = None, visible: bool = True,
              levels: bool = False, draw_early: bool = False) -> LoadJob:
        """Queue one layer to read; connect to the returned job's signals.

        ``levels``: pack levels of detail at once. ``draw_early``: a large
        point layer emits ``early``, and its read waits (a second at most)
        until :meth:`LoadJob.early_drawn` is called.
        """
        job = LoadJob(path, layer_name, style, visible, levels, draw_early)
        self.jobs.append(job)
        # Bound slots of this QObject run on the GUI thread (queued), whatever
        # thread the job emits from.
        job.finished.connect(self._job_done)
        job.failed.connect(self._job_done)
        job.cancelled.connect(self._job_done)
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._work, name="hegang-map-loader", daemon=True)
            self._thread.start()
        # Queue the job only once control is back in the event loop: the caller
        # connects to the job's signals after this returns, and a read that
        # fails at once (a missing or renamed file) would otherwise emit
        # ``failed`` before anyone listens, leaving the window "loading" forever.
        QTimer.singleShot(0, lambda: self._queue.put(job))
        return job

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            self._go.wait()
            job.run()

    def pause(self) -> None:
        """Start no read until :meth:`resume` (the one running goes on)."""
        self._go.clear()

    def resume(self) -> None:
        """Let queued reads run again."""
        self._go.set()

    def cancel_all(self) -> None:
        """Cancel every queued or running job."""
        for job in list(self.jobs):
            job.cancel()

    def wait(self, timeout: float | None = None) -> bool:
        """Stop the worker after the current job; True when it has ended."""
        if self._thread is None:
            return True
        self._go.set()  # a paused worker would never see the end
        self._queue.put(None)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    @Slot()
    def _job_done(self, *_args) -> None:
        job = self.sender()
        if job in self.jobs:
            self.jobs.remove(job)
