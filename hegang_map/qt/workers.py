"""Background work of one window, which the window stops and joins before it goes.

Reading, packing levels of detail, viewport detail, validity checks and
exports run on plain Python threads (PROJ crashed in QThreadPool threads).
None of them emits a Qt signal itself: each reports through
:meth:`Workers.report`, which hands the call to the GUI thread through this
object's queued signal, and only while the window is open. :meth:`close`
(the window's close, or its destruction, whichever comes first) shuts the
gate, asks every worker to stop and joins it, so no report can reach a
deleted object and no thread outlives its window.
"""

from __future__ import annotations

import logging
import threading
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal

_log = logging.getLogger(__name__)


class _Gate:
    """The part of :class:`Workers` that is plain Python, so it can close from
    the window's ``destroyed`` signal, when the Qt object may already be going."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.closed = False
        self.threads: set[threading.Thread] = set()
        self.stops: list[Callable[[], None]] = []

    def close(self, *_args) -> None:
        with self.lock:
            if self.closed:
                return
            self.closed = True
            stops, threads = list(self.stops), list(self.threads)
        for stop in stops:
            try:
                stop()
            except Exception:  # noqa: BLE001 - every worker must still be joined
                _log.exception("stopping a worker failed")
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join()


class Workers(QObject):
    """The threads of one window.

    Parameters
    ----------
    parent : QWidget
        The window; its ``destroyed`` signal closes the workers too, for a
        window deleted without being closed.
    """

    _report = Signal(object, object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._gate = _Gate()
        self._report.connect(self._deliver)
        parent.destroyed.connect(self._gate.close)

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` has run (nothing starts or reports any more)."""
        return self._gate.closed

    def run(self, name: str, work: Callable[[], Any], done: Callable[[Any], None] | None = None) -> bool:
        """Run ``work()`` on a thread of its own; ``done(result)`` on the GUI thread after.

        ``work`` says what went wrong in its result; an exception it lets out is
        logged and ``done`` is not called. Returns False once closed (nothing runs).
        """
        gate = self._gate

        def main() -> None:
            try:
                result = work()
            except Exception:  # noqa: BLE001 - a worker must never take the app down
                _log.exception("background work %s failed", name)
            else:
                if done is not None:
                    self.report(done, result)
            finally:
                with gate.lock:
                    gate.threads.discard(threading.current_thread())

        with gate.lock:
            if gate.closed:
                return False
            thread = threading.Thread(target=main, name=f"hegang-map-{name}", daemon=True)
            gate.threads.add(thread)
            thread.start()
        return True

    def report(self, callback: Callable[..., None], *args: Any) -> None:
        """Call ``callback(*args)`` on the GUI thread, unless the workers are closed by then (any thread)."""
        with self._gate.lock:
            if not self._gate.closed:
                self._report.emit(callback, args)

    def on_close(self, stop: Callable[[], None]) -> None:
        """Call ``stop()`` when closing, before the threads are joined (to end a long-lived worker)."""
        self._gate.stops.append(stop)

    def close(self) -> None:
        """Stop reporting, ask every worker to stop, and join them all."""
        self._gate.close()

    def alive(self) -> int:
        """How many worker threads are running."""
        with self._gate.lock:
            return sum(1 for t in self._gate.threads if t.is_alive())

    def _deliver(self, callback: Callable[..., None], args: tuple) -> None:
        if not self._gate.closed:
            callback(*args)
