"""Nothing lost: autosave of the open map to a recovery file, and the offer to restore it after a crash.

Attached to a :class:`~hegang_map.qt.main_window.MainWindow` by one line
(after its :class:`~hegang_map.qt.project_actions.ProjectActions`).

* **Where**: ``<config>/recovery/`` (``$HEGANG_MAP_CONFIG_DIR`` or the
  platform's config folder + ``hegang-map``), never beside or over the
  user's files. One file per window: ``autosave-<pid>-<n>.hgmap``, a normal
  project file with absolute data paths and a ``recovery`` record (the
  user's own project path, when it has one).
* **When**: every :data:`DEFAULT_INTERVAL_MS` (``$HEGANG_MAP_AUTOSAVE_MS``
  overrides it) when something changed, and :data:`DEFAULT_DEBOUNCE_MS` after
  each change of layers (added, removed, reordered, renamed, shown or hidden,
  restyled). Only a map worth recovering is written: one with unsaved
  changes, or an untitled map of the user's own files (not the untouched
  bundled start). After a save to the project, the recovery file is removed.
* **How**: :func:`hegang_map.io.project.save_project` (temp file, fsync,
  rename), so a crash while autosaving leaves the previous recovery file.
* **Crash or clean exit**: each running process holds a session lock
  (``session-<pid>.lock``, :class:`QLockFile` with no stale time). A clean
  close removes the window's recovery file (that is the clean-exit marker:
  no file left). On the next start, a recovery file whose process lock is
  stale (the process died) is offered for restoring in a non-blocking
  dialog; files of a process still running (another window of the app) are
  left alone. ``--screenshot`` runs never autosave and never ask.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import logging
import os
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from ..io import DataError
from ..io.errors import one_line
from ..io.project import SUFFIX, read_project, save_project
from ..model.map_state import on_saved_edit
from ..util.folders import config_dir

_log = logging.getLogger(__name__)

#: Periodic autosave, when something changed since the last one (3 minutes).
DEFAULT_INTERVAL_MS = 180_000
#: Delay after a change of layers before it is written (changes in a burst make one write).
DEFAULT_DEBOUNCE_MS = 2_000

_counter = itertools.count(1)
_session_lock: QLockFile | None = None
_NAME = re.compile(r"^autosave-(\d+)-(\d+)" + re.escape(SUFFIX) + "$")


def recovery_dir() -> Path:
    """Where recovery files live."""
    return config_dir() / "recovery"


def _interval_from_env() -> int:
    try:
        value = int(os.environ.get("HEGANG_MAP_AUTOSAVE_MS", ""))
    except ValueError:
        return DEFAULT_INTERVAL_MS
    return max(50, value)


def _hold_session_lock(folder: Path) -> None:
    """Lock ``session-<pid>.lock`` for the life of this process (once)."""
    global _session_lock
    if _session_lock is not None and Path(_session_lock.fileName()).parent == folder:
        return
    lock = QLockFile(str(folder / f"session-{os.getpid()}.lock"))
    lock.setStaleLockTime(0)  # long-lived: stale only when its process is gone
    if lock.tryLock(0):
        _session_lock = lock


def _process_alive(folder: Path, pid: int) -> bool:
    """Whether the process that wrote recovery files ``autosave-<pid>-*`` still runs."""
    if pid == os.getpid():
        return True
    probe = QLockFile(str(folder / f"session-{pid}.lock"))
    probe.setStaleLockTime(0)
    if probe.tryLock(0):  # free or stale: that process is gone
        probe.unlock()  # removes the lock file
        return False
    return probe.error() != QLockFile.LockError.LockFailedError and False or True


def leftover_files(folder: Path | None = None) -> list[Path]:
    """Recovery files left by processes that are no longer running, newest first."""
    folder = folder or recovery_dir()
    found = []
    alive: dict[int, bool] = {}  # one lock probe per process, however many files it left
    try:
        for p in folder.iterdir():
            m = _NAME.match(p.name)
            if not m or not p.is_file():
                continue
            pid = int(m.group(1))
            if pid not in alive:
                alive[pid] = _process_alive(folder, pid)
            if not alive[pid]:
                found.append((p.stat().st_mtime, p))
    except OSError as exc:  # no folder, no permission, a file gone meanwhile: nothing to offer
        if folder.exists():
            _log.warning("recovery files could not be listed: %s", exc)
        return []
    return [p for _mtime, p in sorted(found, key=lambda item: item[0], reverse=True)]


#: Most leftover recovery files opened while looking for one to offer.
MAX_SCANNED = 50


class Autosave(QObject):
    """Autosave and crash recovery of one main window.

    Parameters
    ----------
    window : MainWindow
    enabled : bool
        False: never write (``--screenshot``).
    offer : bool
        Offer to restore leftover recovery files once the window is idle.
    interval_ms, debounce_ms : int, optional
        Periodic and after-change delays (defaults: environment, then the constants).

    Signals
    -------
    saved(str)
        A recovery file was written (its path).
    offered(str)
        The restore question is shown for this recovery file.
    restored(str)
        A recovery file was restored and its layers are loaded.
    """

    saved = Signal(str)
    offered = Signal(str)
    restored = Signal(str)

    def __init__(self, window, enabled: bool = True, offer: bool = True, interval_ms: int | None = None,
                 debounce_ms: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.enabled = enabled
        self.folder = recovery_dir()
        self.path = self.folder / f"autosave-{os.getpid()}-{next(_counter)}{SUFFIX}"
        self._changed = True
        self._closed = False
        self.dialog: QMessageBox | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms if interval_ms is not None else _interval_from_env())
        self.timer.timeout.connect(self._periodic)
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(debounce_ms if debounce_ms is not None else min(DEFAULT_DEBOUNCE_MS,
                                                                                  self.timer.interval()))
        self.debounce.timeout.connect(self.save_now)
        if enabled:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                _hold_session_lock(self.folder)
            except OSError as exc:
                _log.warning("autosave disabled: cannot create %s (%s)", self.folder, exc)
                self.enabled = False
        if self.enabled:
            self._watch()
            self.timer.start()
            window.projects.saved.connect(lambda _p: self.discard())
            app = QApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(self.close_cleanly)
        if offer:
            window.when_idle(self.offer_leftovers)

    # ------------------------------------------------------------ watching the map
    def _watch(self) -> None:
        state = self.window.state
        on_saved_edit(state, self._changed_soon)
        state.events.view.connect(lambda _i: self._mark())  # the periodic save picks it up

    def _mark(self) -> None:
        self._changed = True

    def _changed_soon(self) -> None:
        self._changed = True
        if self.enabled and not self._closed:
            self.debounce.start()  # restarts: a burst of changes makes one write

    def _periodic(self) -> None:
        if self._changed:
            self.save_now()

    # ------------------------------------------------------------ writing
    def worth_saving(self) -> bool:
        """Whether the map holds work a crash would lose."""
        projects = self.window.projects
        layers = [lyr for lyr in self.window.state.layers if lyr.source.path is not None]
        if not layers:
            return projects.dirty and projects.path is not None  # an emptied project is a change too
        if projects.dirty:
            return True
        if projects.path is not None:
            return False  # saved: the project file holds it
        from ..bundled.paths import geodata_dir

        bundled = geodata_dir().resolve()
        return not all(isinstance(lyr.source.path, Path) and bundled in lyr.source.path.resolve().parents
                       for lyr in layers)

    def save_now(self) -> Path | None:
        """Write the recovery file now (or remove it when there is nothing to recover)."""
        if not self.enabled or self._closed:
            return None
        presentation = getattr(self.window, "presentation", None)
        if presentation is not None and presentation.active:
            # Scenes change the map, not the user's work: what a crash would
            # lose is the map from before the presentation, already kept (or
            # nothing). The next save after it ends catches up.
            return None
        self.debounce.stop()
        if not self.worth_saving():
            self.discard()
            self._changed = False
            return None
        projects = self.window.projects
        project = projects.snapshot(projects.path)
        project.extra["recovery"] = {
            "project": str(Path(projects.path).resolve()) if projects.path else None,
            "written": _dt.datetime.now().isoformat(timespec="seconds"),
            "pid": os.getpid(),
        }
        try:
            save_project(project, self.path, relative=False)
        except OSError as exc:
            _log.warning("autosave to %s failed: %s", self.path, exc)
            return None
        self._changed = False
        self.saved.emit(str(self.path))
        return self.path

    def discard(self) -> None:
        """Remove this window's recovery file (saved to the project, or a clean close)."""
        try:
            self.path.unlink(missing_ok=True)
        except OSError as exc:
            _log.warning("cannot remove %s: %s", self.path, exc)

    def close_cleanly(self) -> None:
        """The window closed normally: no recovery file is left behind."""
        if self._closed:
            return
        self._closed = True
        self.timer.stop()
        self.debounce.stop()
        if self.enabled:
            self.discard()

    # ------------------------------------------------------------ restoring
    def offer_leftovers(self) -> None:
        """Ask (non-blocking) whether to restore the newest leftover recovery file."""
        if self.dialog is not None or self._closed:
            return
        # Listed once: damaged files are dropped on the way to the newest
        # readable one, and no more than MAX_SCANNED are opened per start.
        files = [p for p in leftover_files(self.folder) if p != self.path]
        for file in files[:MAX_SCANNED]:
            try:
                project = read_project(file)
                break
            except DataError:  # a damaged recovery file: nothing in it can be restored
                _log.info("removed a recovery file that cannot be read: %s", file.name)
                file.unlink(missing_ok=True)
        else:
            return
        info = _recovery_info(project)
        where = (one_line(info["project"]) if isinstance(info.get("project"), str)
                 else QCoreApplication.translate("Autosave", "an untitled map"))
        when = info.get("written") if isinstance(info.get("written"), str) else None
        try:
            when = when or _dt.datetime.fromtimestamp(file.stat().st_mtime).isoformat(timespec="seconds")
        except OSError:  # gone meanwhile
            return
        names = ", ".join(e.name for e in project.layers[:6]) + (" …" if len(project.layers) > 6 else "")
        text = QCoreApplication.translate(
            "Autosave", "hegang-map did not close normally. A copy of {where} was saved at {when} with "
            "{n} layer(s): {names}.\n\nRestore it? (Discard deletes the copy; Not Now keeps it for the next start.)"
        ).format(where=where, when=when, n=len(project.layers),
                 names=names or QCoreApplication.translate("Autosave", "none"))
        box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("Autosave", "Restore unsaved map?"), text,
                          QMessageBox.StandardButton.NoButton, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setObjectName("recoveryDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        restore = box.addButton(QCoreApplication.translate("Autosave", "Restore"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(QCoreApplication.translate("Autosave", "Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QCoreApplication.translate("Autosave", "Not Now"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.restore_button, box.discard_button = restore, discard
        box.recovery_file = file

        def answered(button) -> None:
            self.dialog = None
            if button is restore:
                self.restore(file)
            elif button is discard:
                file.unlink(missing_ok=True)
                QTimer.singleShot(0, self.offer_leftovers)

        box.buttonClicked.connect(answered)
        self.dialog = box
        box.open()
        self.offered.emit(str(file))

    def restore(self, file: Path) -> None:
        """Replace the map with the recovery file's; the copy is deleted once this window has its own."""
        try:
            project = read_project(file)
        except DataError as exc:
            self.window.report_error(str(exc))
            return
        info = _recovery_info(project)
        project.extra.pop("recovery", None)
        original = Path(info["project"]) if isinstance(info.get("project"), str) else None

        def done() -> None:
            self.save_now()  # this window's own copy first, then the old one goes
            Path(file).unlink(missing_ok=True)
            self.restored.emit(str(file))
            QTimer.singleShot(0, self.offer_leftovers)

        self.window.project_loader.open(project, original, dirty=True, then=done)


def _recovery_info(project) -> dict:
    """What a recovery file says of itself (the project it copies, when): a dict, whatever the file holds."""
    info = project.extra.get("recovery")
    return info if isinstance(info, dict) else {}
