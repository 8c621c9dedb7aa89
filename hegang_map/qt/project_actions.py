"""File > New / Open Project / Save / Save As / Export, recent projects, unsaved-changes guard.

Attached to a :class:`~hegang_map.qt.main_window.MainWindow` by one line;
it adds its actions to the window's registry and its items to the File menu,
and watches the model for changes (the ``*`` in the title). Every dialog is
non-blocking (``open()``), never ``exec()``: no nested event loops.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ..io.project import SUFFIX, LayerEntry, Project, project_from_state, save_project
from ..model.request import LayerRequest
from ..model.map_state import on_saved_edit
from .actions import ActionSpec
from .settings import app_settings

_log = logging.getLogger(__name__)
_MAX_RECENT = 10
def _project_filter() -> str:
    return (QCoreApplication.translate("Projects", "hegang-map projects ({pattern})").format(pattern=f"*{SUFFIX}")
            + ";;" + QCoreApplication.translate("MainWindow", "All files (*)"))


def recent_projects() -> list[str]:
    """Recently opened or saved projects, newest first."""
    value = app_settings().value("recent/projects", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value or []]


def remember_project(path: str) -> None:
    """Put ``path`` first in the recent projects."""
    items = ([path] + [p for p in recent_projects() if p != path])[:_MAX_RECENT]
    settings = app_settings()
    settings.setValue("recent/projects", items)
    settings.sync()


class ProjectActions(QObject):
    """The project side of a main window.

    Signals
    -------
    saved(str)
        A project was written (its path).
    opened(str)
        A project finished loading (its path).
    exported(str)
        An export finished (the output path).
    exportFailed(str)
        An export failed (a readable message).
    """

    saved = Signal(str)
    opened = Signal(str)
    exported = Signal(str)
    exportFailed = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.path: Path | None = None
        self.scenes: list[dict] = []
        # What the opened project holds that the map does not show, written back
        # with it: its titles, entries this version does not know, and the layers
        # whose files were not found or could not be read (until they are located).
        self.title = ""
        self.titles: dict[str, str] = {}
        self.extra: dict = {}
        self.unopened: list[LayerEntry] = []
        self._dirty = False
        self._loading = 0
        self._close_confirmed = False
        self._declare()
        self._watch_model()
        window.installEventFilter(self)
        # Layers opened at start (bundled or from the command line) are the
        # starting point, not an edit.
        window.when_idle(lambda: self.set_dirty(False))
        self.update_title()

    # ------------------------------------------------------------ actions and menu
    def _declare(self) -> None:
        w, a = self.window, self.window.actions
        a.add(ActionSpec("project_new", QT_TRANSLATE_NOOP("Actions", "&New Project"), QKeySequence.StandardKey.New, QT_TRANSLATE_NOOP("Actions", "Start an empty map")),
              lambda: self.guard(self.new_project))
        a.add(ActionSpec("project_open", QT_TRANSLATE_NOOP("Actions", "Open &Project…"), "Ctrl+Shift+O", QT_TRANSLATE_NOOP("Actions", "Open a .hgmap project")),
              lambda: self.guard(self.open_dialog))
        a.add(ActionSpec("project_save", QT_TRANSLATE_NOOP("Actions", "&Save Project"), QKeySequence.StandardKey.Save, QT_TRANSLATE_NOOP("Actions", "Save the map as a project")),
              lambda: self.save())
        a.add(ActionSpec("project_save_as", QT_TRANSLATE_NOOP("Actions", "Save Project &As…"), QKeySequence.StandardKey.SaveAs),
              lambda: self.save_as_dialog())
        a.add(ActionSpec("export_map", QT_TRANSLATE_NOOP("Actions", "&Export Map…"), "Ctrl+E", QT_TRANSLATE_NOOP("Actions", "Export a PNG, SVG or PDF figure")),
              lambda: self.export_dialog(web=False))
        a.add(ActionSpec("export_webmap", QT_TRANSLATE_NOOP("Actions", "Export as &Web Map…"), "Ctrl+Shift+E",
                         QT_TRANSLATE_NOOP("Actions", "Write one HTML file that opens offline in a browser")),
              lambda: self.export_dialog(web=True))
        file_menu = w.menuBar().actions()[0].menu()
        first = file_menu.actions()[0] if file_menu.actions() else None
        for key in ("project_new", "project_open"):
            file_menu.insertAction(first, a[key])
        self.recent_menu = w.titles.add(file_menu.addMenu(""), QT_TRANSLATE_NOOP("MainWindow", "Recent Projects"))
        file_menu.insertMenu(first, self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        for key in ("project_save", "project_save_as"):
            file_menu.insertAction(first, a[key])
        file_menu.insertSeparator(first)
        quit_action = a["quit"] if "quit" in a else None
        for key in ("export_map", "export_webmap"):
            file_menu.insertAction(quit_action, a[key])
        file_menu.insertSeparator(quit_action)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        items = recent_projects()
        if not items:
            self.recent_menu.addAction(QCoreApplication.translate("MainWindow", "(none)")).setEnabled(False)
        for p in items:
            self.recent_menu.addAction(p, lambda p=p: self.guard(lambda: self.open_project(Path(p))))

    # ------------------------------------------------------------ dirty state and title
    @property
    def dirty(self) -> bool:
        """Whether the map has changes not saved to the project."""
        return self._dirty

    def set_dirty(self, value: bool = True) -> None:
        """Mark the map changed (or saved) and update the title."""
        if self._loading and value:
            return
        if value != self._dirty:
            self._dirty = value
            self.update_title()

    def update_title(self) -> None:
        """Show the project's title in the app's language, else its file's name, else "Untitled",
        in the window's title (as QGIS shows a project's title)."""
        title = self.titles.get(self.window.language.code) or self.title
        name = title or (self.path.stem if self.path else QCoreApplication.translate("Projects", "Untitled"))
        # Qt shows "[*]" as "*" while the window is modified, and as nothing otherwise.
        self.window.setWindowTitle(f"{name}[*] — hegang-map")
        self.window.setWindowModified(self._dirty)

    def _watch_model(self) -> None:
        on_saved_edit(self.window.state, self.set_dirty)

    # ------------------------------------------------------------ unsaved changes
    def guard(self, then: Callable[[], None]) -> None:
        """Run ``then`` now, or after asking what to do with unsaved changes."""
        if not self._dirty:
            then()
            return
        box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("Projects", "Unsaved changes"),
                          QCoreApplication.translate(
                              "Projects", "The map has changes that are not saved in a project. Save them first?"),
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self.window)
        box.setObjectName("unsavedDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button) -> None:
            role = box.standardButton(button)
            if role == QMessageBox.StandardButton.Save:
                self.save(then=then)  # after a Save As dialog too, once it has saved
            elif role == QMessageBox.StandardButton.Discard:
                then()

        box.buttonClicked.connect(answered)
        self.unsaved_dialog = box
        box.open()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self.window and event.type() == QEvent.Type.Close and self._dirty and not self._close_confirmed:
            event.ignore()
            self.guard(self._close_now)
            return True
        return False

    def _close_now(self) -> None:
        self._close_confirmed = True
        self.window.close()

    # ------------------------------------------------------------ new, open, save
    def new_project(self) -> None:
        """An empty map with no project file."""
        self.window.clear_map()
        self.path = None
        self.scenes = []
        self.keep_from(Project())
        self.window.scenes_from_project()
        self.set_dirty(False)
        self.update_title()

    def open_dialog(self) -> None:
        """Choose a project to open (non-blocking)."""
        dialog = QFileDialog(self.window, QCoreApplication.translate("Projects", "Open project"),
                             str(self.path.parent if self.path else ""), _project_filter())
        dialog.setObjectName("openProjectDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda f: self.open_project(Path(f)))
        dialog.open()

    def open_project(self, path: Path) -> Project | None:
        """Replace the map with the project at ``path``; missing data files are offered to locate."""
        project = self.window.project_loader.open_path(Path(path), then=lambda: self.opened.emit(str(path)))
        if project is not None:
            remember_project(str(project.path))
        return project

    @property
    def loading(self) -> bool:
        """Whether a project is being opened (its view and scenes come last)."""
        return self._loading > 0

    def begin_loading(self) -> None:
        """A project is being opened: what its reads change is not an edit."""
        self._loading += 1
        self.update_title()

    def end_loading(self, dirty: bool = False) -> None:
        """The project is open; ``dirty``: it already differs from its file (a recovery copy, a moved file)."""
        self._loading = max(0, self._loading - 1)
        self._dirty = dirty
        self.update_title()

    def offer_locate(self, entry: LayerEntry) -> None:
        """Say that a project layer's file is not there and offer to locate it (non-blocking)."""
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Projects", "Data file not found"),
                          QCoreApplication.translate(
                              "Projects", "The project's layer “{name}” reads {path}, which is not there. "
                              "Locate the file?").format(name=entry.name, path=entry.stored_path), QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Ignore,
                          self.window)
        box.setObjectName("locateDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(button) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Open:
                self._locate(entry)

        box.buttonClicked.connect(answered)
        box.open()
        self.locate_dialog = box

    def _locate(self, entry: LayerEntry) -> None:
        dialog = QFileDialog(self.window, QCoreApplication.translate("Projects", "Locate {name}").format(
                                 name=Path(entry.stored_path).name), "",
                             QCoreApplication.translate("MainWindow", "Vector data ({patterns})").format(
                                 patterns="*.gpkg *.geojson *.json *.shp *.fgb *.parquet *.geoparquet")
                             + ";;" + QCoreApplication.translate("MainWindow", "All files (*)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda f: self.relocate(entry, Path(f)))
        dialog.open()

    def keep_from(self, project: Project, unopened: list[LayerEntry] = ()) -> None:
        """Hold what ``project`` has that the map will not show, to write it back (:meth:`snapshot`)."""
        self.title, self.titles = project.title, dict(project.titles)
        self.extra = {k: v for k, v in project.extra.items() if k != "recovery"}  # a recovery copy's own record
        self.unopened = list(unopened)

    def snapshot(self, path: Path | None) -> Project:
        """The map as a project to write to ``path``: what the window shows, and what the opened
        project held that it does not (:meth:`keep_from`), so a save loses nothing of the file."""
        project = project_from_state(self.window.state, title=self.title or (path.stem if path else ""),
                                     scenes=self.scenes)
        project.titles = dict(self.titles)
        project.extra = dict(self.extra)
        project.layers += self.unopened
        return project

    def relocate(self, entry: LayerEntry, new_path: Path) -> None:
        """Load a missing layer from ``new_path``; the project is then unsaved (the path changed)."""
        if entry in self.unopened:
            self.unopened.remove(entry)  # the map shows it now
        entry.path = Path(new_path)
        self.window.load(LayerRequest(Path(new_path).resolve(), entry.layer, entry.name, entry.style, entry.visible,
                                      entry.opacity, "project"))
        self.set_dirty(True)

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Save to the current project file, or ask for one; True when written now.

        ``then()`` runs once the project is written (now, or when the Save As
        dialog has saved it), never when saving failed or was cancelled.
        """
        if self.path is None:
            self.save_as_dialog(then)
            return False
        saved = self.save_to(self.path)
        if saved and then is not None:
            then()
        return saved

    def save_to(self, path: Path) -> bool:
        """Write the project to ``path`` atomically; errors are reported, never raised."""
        try:
            saved = save_project(self.snapshot(path), path)
        except OSError as exc:
            self.window.report_error(QCoreApplication.translate(
                "Projects", "{path}: the project could not be saved ({reason}). "
                "The previous version of the file is unchanged.").format(path=path, reason=exc.strerror or exc),
                QCoreApplication.translate("Projects", "Project not saved"))
            return False
        self.path = saved.path
        remember_project(str(Path(saved.path).resolve()))
        self.set_dirty(False)
        self.update_title()
        self.saved.emit(str(saved.path))
        return True

    def save_as_dialog(self, then: Callable[[], None] | None = None) -> None:
        """Choose where to save (non-blocking); ``then()`` once saved."""
        dialog = QFileDialog(self.window, QCoreApplication.translate("Projects", "Save project"),
                             str(self.path or f"map{SUFFIX}"), _project_filter())
        dialog.setObjectName("saveProjectDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(SUFFIX.lstrip("."))
        dialog.fileSelected.connect(lambda f: self.save_to(Path(f)) and then is not None and then())
        dialog.open()

    # ------------------------------------------------------------ export
    def export_dialog(self, web: bool = False) -> None:
        """Choose the output file (non-blocking); the export then runs off the GUI thread."""
        if not web:  # format, size, dpi, title and sidecar, with progress and Cancel
            from .export_dialog import open_export_dialog

            open_export_dialog(self)
            return
        name = self.path.stem if self.path else "map"
        filt = (QCoreApplication.translate("Projects", "Web map (*.html)") if web else
                QCoreApplication.translate("Projects", "PNG image (*.png);;SVG (*.svg);;PDF (*.pdf)"))
        caption = (QCoreApplication.translate("Projects", "Export as web map") if web
                   else QCoreApplication.translate("Projects", "Export map"))
        dialog = QFileDialog(self.window, caption, f"{name}.{'html' if web else 'png'}",
                             filt)
        dialog.setObjectName("exportDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(lambda f: self.export_to(Path(f)))
        dialog.open()

    def export_to(self, out: Path, size: str = "A4-landscape", dpi: float | None = 300, title: str | None = None,
                  sidecar: bool = True, extent: tuple | None = None):
        """Export the map to ``out`` (.png/.svg/.pdf/.html) on a worker; returns the job.

        ``extent``: (west, south, east, north) degrees; the current view when
        ``None`` (what the user looks at). Emits :attr:`exported` or
        :attr:`exportFailed` on the GUI thread.
        """
        from .export_dialog import ExportJob, ExportSettings

        title = title if title is not None else (self.path.stem if self.path else "")
        extent = extent if extent is not None else self.window.controller.view_bounds()
        self.window.statusBar().showMessage(QCoreApplication.translate("Projects", "Exporting {name}…").format(
            name=out.name))
        job = ExportJob(self.window.state, ExportSettings(Path(out), size, dpi, title, sidecar, extent),
                        self.window.workers, self)
        job.finished.connect(lambda path: self._export_finished(path, ""))
        job.failed.connect(lambda message: self._export_finished(str(out), message))
        return job.start()

    def _export_finished(self, path: str, error: str) -> None:
        if error:
            self.window.statusBar().clearMessage()
            self.window.report_error(error, QCoreApplication.translate("Projects", "Export failed"))
            self.exportFailed.emit(error)
        else:
            self.window.statusBar().showMessage(QCoreApplication.translate("Projects", "Exported {path}").format(
                path=path), 6000)
            self.exported.emit(path)
