"""Read layers off the GUI thread, with progress and cancel.

Every read is asked for with a :class:`~hegang_map.model.request.LayerRequest`
(what, why, how it is shown); the one worker thread reads them in turn and
reports through the window's :class:`~hegang_map.qt.workers.Workers`, so
nothing it says reaches a window that has gone.
"""

from __future__ import annotations

import logging
import queue
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot

from ..io import DataError, ReadCancelled
from ..model import Layer
from ..model.layer import new_layer_id
from ..model.sources import is_postgres
from ..model.request import LayerRequest
from ..model.symbology import Symbology, resolve
from ..render import viewport
from ..render.display import DisplayGeometry, boxes_lonlat, points_lonlat, prepare, prepare_geometries
from ..render.payload import pack, pack_boxes, pack_points
from ..render.viewport import DetailRequest, detail, first_payload, too_large
from ..util.lazy import lazy_module
from .workers import Workers

_log = logging.getLogger(__name__)
shapely = lazy_module("shapely")
pd = lazy_module("pandas")


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
    """The first payload of a layer, ready before its shapes are made: plain
    points from their coordinates (making a million point objects takes half a
    second), a large layer of lines or polygons as the boxes its file's spatial
    index holds (decoding a million polygons takes seconds). The page can draw
    it while the read finishes. ``payload`` is what :class:`Loaded` brings,
    once the shapes are found to have those boxes."""

    layer_id: str
    name: str
    payload: bytes
    symbology: Symbology
    bounds: tuple[float, float, float, float]  # west, south, east, north of what is drawn


@dataclass
class EarlyDetail:
    """The true shapes of the view a large layer drawn early was drawn in,
    decoded before the rest of the layer (see :mod:`hegang_map.render.viewport`)."""

    layer_id: str
    request: DetailRequest
    payload: bytes


class LoadJob(QObject):
    """One layer being read. Emits ``progress(done, total)``, perhaps ``early(Early)``,
    then exactly one of ``finished(Loaded)``, ``failed(str)`` or ``cancelled()``,
    all on the GUI thread. The layer it makes has the id :attr:`layer_id`.

    Parameters
    ----------
    request : LayerRequest
        What to read and how the layer is shown.
    report : callable
        ``report(callback, *args)``: calls back on the GUI thread while the window is open.
    levels : bool
        Pack levels of detail at once (a layer that is never replaced: the basemap).
    draw_early : bool
        Emit ``early`` for large point layers (someone draws it and says so).
    map_frame : str
        The map's coordinate frame, which the layer is drawn in.
    """

    progress = Signal(int, int)
    early = Signal(object)
    early_detail = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, request: LayerRequest, report, levels: bool = False, draw_early: bool = False,
                 map_frame: str = "wgs84") -> None:
        super().__init__()
        self.request = request
        self.map_frame = map_frame
        self._report = report
        self.levels = levels
        self.draw_early = draw_early
        self.layer_id = new_layer_id()
        self._cancel = False
        self._early: Early | None = None
        self._rows: np.ndarray | None = None  # the layer rows the early payload draws
        self._boxes: np.ndarray | None = None  # their boxes, when it draws boxes
        self._box_types: tuple[int, ...] = ()  # the shapely types those boxes stand for
        self._view: tuple | None = None  # (bounds, zoom) the early payload was drawn in
        self._early_drawn = threading.Event()

    @property
    def path(self):
        """The data file (a ``Path``), or the database table (a :class:`~hegang_map.model.sources.PgTable`)."""
        return self.request.path if is_postgres(self.request.path) else Path(self.request.path)

    @property
    def layer_name(self) -> str | None:
        """The layer inside the file."""
        return self.request.layer

    @property
    def style(self):
        """The style the layer will have."""
        return self.request.style

    @property
    def visible(self) -> bool:
        """Whether the layer will be shown."""
        return self.request.visible

    @property
    def label(self) -> str:
        """``file.gpkg:layer`` for the status bar."""
        return self.request.label

    def cancel(self) -> None:
        """Ask the read to stop at its next chunk."""
        self._cancel = True
        self._early_drawn.set()

    @property
    def is_cancelled(self) -> bool:
        """Whether :meth:`cancel` was called."""
        return self._cancel

    def early_drawn(self, view: tuple | None = None) -> None:
        """The page has drawn the early payload, in ``view`` ((bounds, zoom) or
        None): the read may go on."""
        self._view = view
        self._early_drawn.set()

    @property
    def name(self) -> str:
        """The name the layer will have."""
        return self.request.display_name

    def run(self) -> None:
        """Read, reproject and pack (called on the worker thread)."""
        from ..io import read_layer  # geopandas is imported here, off the GUI thread, at the first read

        report = self._report
        try:
            data = read_layer(self.path, self.layer_name, progress=lambda *a: report(self.progress.emit, *a),
                              cancelled=lambda: self._cancel, points_read=self._points_read,
                              encoding=self.request.encoding, boxes_read=self._boxes_read,
                              boxes_from=viewport.VIEWPORT_FEATURES)
            layer = self.request.make(data, self.layer_id)
            display = prepare(layer, self.map_frame)
            if self._cancel:
                raise ReadCancelled(self.label)
            large = too_large(display)
            early = self._early if self._early is not None and self._early_holds(display, large) else None
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
            report(self.cancelled.emit)
        except DataError as exc:
            report(self.failed.emit, str(exc))
        except Exception as exc:  # an unforeseen failure must still be one readable line
            _log.exception("loading %s failed", self.label)
            report(self.failed.emit, QCoreApplication.translate("Messages", "{layer}: could not be loaded ({reason}).").format(
                layer=self.label, reason=f"{type(exc).__name__}: {exc}"))
        else:
            report(self.finished.emit, Loaded(layer, display, payload, symbology, early=early is not None))

    def _points_read(self, xy: np.ndarray, attributes, crs) -> None:
        """Coordinates of plain points are in: hand out the first payload now (worker thread)."""
        if not self.draw_early or len(xy) < EARLY_POINTS:
            return
        try:
            made = points_lonlat(xy, crs, (self.request.frame, self.map_frame))
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
        self._report(self.early.emit, self._early)
        # Making the point objects holds the interpreter lock most of the time;
        # the page's fetch and first draw go through the GUI thread. The user
        # sees the points sooner when the page goes first (a while at most).
        self._early_drawn.wait(EARLY_WAIT)

    def _early_holds(self, display: DisplayGeometry, large: bool) -> bool:
        """Whether the early payload is what the layer's display gives (its
        overview, for boxes: a spatial index may be out of date)."""
        if not np.array_equal(self._rows, display.rows):
            return False
        if self._boxes is None:
            return True
        if not large or not np.isin(shapely.get_type_id(display.geoms), self._box_types).all():
            return False
        # The index keeps 32-bit floats rounded outward.
        return bool(np.allclose(self._boxes, shapely.bounds(display.geoms), rtol=1e-6, atol=1e-9))

    def _boxes_read(self, read) -> None:
        """A large layer's boxes are in: hand out its overview now, then (once
        its attributes are in too) the view's true shapes (worker thread). A
        GeoPackage may call first with its index alone (no attributes), before
        its features are read."""
        if not self.draw_early:
            return
        kind = "line" if "LineString" in read.geometry_type else "polygon"
        if read.attributes is None:
            # Before the attributes: only a style that does not look at them can draw.
            if self._early is None and _needs_no_attributes(self.style) and len(read.rows):
                attributes = pd.DataFrame(index=pd.RangeIndex(int(read.rows[-1]) + 1))
                if self._hand_out_boxes(read, resolve(attributes, self.style, self.name, kind), kind):
                    # The page's fetch and draw go through the GUI thread, which
                    # the read would slow: the user sees the boxes sooner when it waits.
                    self._early_drawn.wait(EARLY_WAIT)
            return
        try:
            symbology = resolve(read.attributes, self.style, self.name, kind)
        except Exception:  # noqa: BLE001 - the layer is drawn once read, as any other
            return
        if self._early is not None:
            self._early.symbology = symbology  # every row's class, now that every row is known
        elif not self._hand_out_boxes(read, symbology, kind):
            return
        self._early_drawn.wait(EARLY_WAIT)
        if self._view is not None and not self._cancel:
            self._view_detail(read, self._boxes, self._rows)

    def _hand_out_boxes(self, read, symbology: Symbology, kind: str) -> bool:
        """Pack the boxes of ``read`` and emit them as :class:`Early`; whether it was."""
        try:
            made = boxes_lonlat(read.boxes, read.rows, read.crs, (self.request.frame, self.map_frame))
            if made is None or not len(made[1]):
                return False
            boxes, rows = made
            payload = pack_boxes(boxes, rows, kind == "polygon")
        except Exception:  # noqa: BLE001 - the layer is drawn once read, as any other
            return False
        bounds = (float(boxes[:, 0].min()), float(boxes[:, 1].min()), float(boxes[:, 2].max()),
                  float(boxes[:, 3].max()))
        self._rows, self._boxes = rows, boxes
        self._box_types = (3, 6) if kind == "polygon" else (1, 5)
        self._early = Early(self.layer_id, self.name, payload, symbology, bounds)
        self._report(self.early.emit, self._early)
        return True

    def _view_detail(self, read, boxes: np.ndarray, rows: np.ndarray) -> None:
        """Decode, simplify and hand out the shapes of the view the overview was
        drawn in, before the rest of the layer (worker thread)."""
        bounds, zoom = self._view
        request = DetailRequest.for_view(bounds, zoom)
        w, s, e, n = request.bounds
        inside = np.flatnonzero((boxes[:, 0] <= e) & (boxes[:, 2] >= w) & (boxes[:, 1] <= n) & (boxes[:, 3] >= s))
        if not 0 < len(inside) <= viewport.DETAIL_CAP:
            return
        try:
            wanted = rows[inside]
            part = prepare_geometries(read.decode(wanted), read.crs, (self.request.frame, self.map_frame))
            part.rows = wanted[part.rows]
            shown = detail(part, request)
            if shown is None:
                return
            payload = pack(shown, lod=False)
        except Exception:  # noqa: BLE001 - the layer asks for its detail once read, as any other
            return
        self._report(self.early_detail.emit, EarlyDetail(self.layer_id, request, payload))


def _needs_no_attributes(style) -> bool:
    """Whether ``style`` draws every feature alike, whatever its attributes say."""
    return (style.renderer == "single" and style.label is None and style.time is None and not style.filter
            and not style.hollow_where)


def _resolved(layer: Layer) -> Symbology | None:
    """The layer's style resolved here, off the GUI thread (natural breaks of
    every period ...), or ``None``: the GUI thread then resolves it as for any
    restyle, and says what went wrong there."""
    try:
        return resolve(layer.data, layer.style, layer.display_name)
    except Exception:  # noqa: BLE001 - a style that cannot be resolved must not fail the load
        return None


class Loader(QObject):
    """Runs :class:`LoadJob` s one at a time on a worker thread.

    One worker, a plain Python thread: GDAL and PROJ come as two bundled
    copies (pyogrio's and pyproj's), and PROJ crashed in QThreadPool threads.
    It belongs to the window's :class:`Workers`: closing them cancels every
    job and ends the thread.
    """

    def __init__(self, workers: Workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self._queue: queue.Queue[LoadJob | None] = queue.Queue()
        self._running = False
        self._go = threading.Event()  # cleared while paused
        self._go.set()
        self.jobs: list[LoadJob] = []
        #: The map's coordinate frame, given to each job started.
        self.map_frame = "wgs84"
        workers.on_close(self._stop)

    def start(self, request: LayerRequest, levels: bool = False, draw_early: bool = False) -> LoadJob:
        """Queue one layer to read; connect to the returned job's signals.

        ``levels``: pack levels of detail at once. ``draw_early``: a large
        point layer emits ``early``, and its read waits (a second at most)
        until :meth:`LoadJob.early_drawn` is called.
        """
        job = LoadJob(request, self._workers.report, levels, draw_early, self.map_frame)
        self.jobs.append(job)
        job.finished.connect(self._job_done)
        job.failed.connect(self._job_done)
        job.cancelled.connect(self._job_done)
        if not self._running:
            self._running = self._workers.run("loader", self._work)
        # Queue the job only once control is back in the event loop: the caller
        # connects to the job's signals after this returns.
        QTimer.singleShot(0, lambda: self._queue.put(job))
        return job

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            self._go.wait()
            if job.is_cancelled:  # cancelled while queued: nothing to open
                self._workers.report(job.cancelled.emit)
                continue
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

    def _stop(self) -> None:
        """The window closes: cancel everything and let the thread end (the workers join it)."""
        self.cancel_all()
        self._go.set()  # a paused worker would never see the end
        self._queue.put(None)

    @Slot()
    def _job_done(self, *_args) -> None:
        job = self.sender()
        if job in self.jobs:
            self.jobs.remove(job)


def describe_file(path: Path, encoding: str | None = None):
    """The layers of a data file, or the :class:`DataError` that says why it cannot
    be read (for a worker: opening and counting a large file takes a while)."""
    from ..io import list_layers

    try:
        return list_layers(path, encoding)
    except DataError as exc:
        return exc
    except Exception as exc:  # noqa: BLE001 - an unforeseen failure: one message, and the window not left busy
        _log.exception("describing %s failed", path)
        return DataError(QCoreApplication.translate("Messages", "{layer}: could not be loaded ({reason}).").format(
            layer=Path(path).name, reason=f"{type(exc).__name__}: {exc}"))
