"""File › Export map…: format, paper or pixel size, dpi, title and sidecar, then the export.

The dialog is non-blocking (``open()``). Export starts the drawing on a
worker thread and the dialog shows its progress and a Cancel button; the
window stays usable. The figure is drawn into a hidden temp file beside the
target and renamed into place only when it is complete and not cancelled, so
a cancelled or failed export leaves no file (and never half a file).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..io import DataError
from ..model.layout import ELEMENTS, element_label
from ..render.paper import parse_size
from .figure_preview import FigurePreview

_log = logging.getLogger(__name__)

#: Formats offered: label -> file ending.
FORMATS = {QT_TRANSLATE_NOOP("ExportDialog", "PNG image"): ".png",
           QT_TRANSLATE_NOOP("ExportDialog", "SVG (vector, text as text)"): ".svg",
           QT_TRANSLATE_NOOP("ExportDialog", "PDF (vector, embedded fonts)"): ".pdf"}
#: Sizes offered in the list (custom sizes come from the fields below it).
SIZES = ("A4", "A4-landscape", "A3", "A3-landscape")
CUSTOM_MM, CUSTOM_PX = QT_TRANSLATE_NOOP("ExportDialog", "Custom (mm)"), QT_TRANSLATE_NOOP("ExportDialog", "Custom (px)")


@dataclass(frozen=True)
class ExportSettings:
    """What the dialog asks for.

    ``extent``: (west, south, east, north) degrees to frame, or ``None`` for
    the visible layers' extent.
    """

    out: Path
    size: str = "A4-landscape"
    dpi: float | None = 300.0
    title: str = ""
    sidecar: bool = True
    extent: tuple | None = None
    inset: bool = True


class ExportJob(QObject):
    """One export on a worker of the window (:class:`~hegang_map.qt.workers.Workers`), with stages and cancel.

    The export itself is :func:`hegang_map.export.export_state`, as for the
    command line: the figure is drawn whole, then written atomically, so a
    cancelled or failed export leaves no file (and never half a file).

    Signals (all delivered on the GUI thread)
    -------
    stage(str)
        What the worker is doing now.
    finished(str)
        The figure (and sidecar, when asked) is in place.
    failed(str)
        A readable message; nothing was written.
    cancelled()
        Cancel was honoured; nothing was written.
    """

    stage = Signal(str)
    finished = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, state, settings: ExportSettings, workers, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.settings = settings
        self._workers = workers
        self._cancel = threading.Event()
        self.ended = threading.Event()  # the worker is done, whatever came of it
        self.result: str | None = None
        #: What the export said of what it drew (set by the worker before it ends).
        self.notes: list[str] = []

    @property
    def running(self) -> bool:
        """Whether the export has started and not ended (nor been cancelled)."""
        return self.result is None and not self.ended.is_set()

    def start(self) -> "ExportJob":
        """Start the worker."""
        if not self._workers.run("export", self._work, lambda done: self._finished(*done)):
            self.ended.set()
        return self

    def cancel(self) -> None:
        """Stop at once: the worker's result, when it comes, is thrown away."""
        if self.result is None:
            self._cancel.set()
            self.result = "cancelled"
            self.cancelled.emit()

    def _work(self) -> tuple[str, str]:
        from ..export import ExportCancelled, ExportRequest, export_state

        s = self.settings
        out = Path(s.out)
        try:
            self._workers.report(self._stage, QCoreApplication.translate("ExportDialog", "Drawing the map…"))
            done = export_state(self.state, ExportRequest(out, size=s.size, dpi=s.dpi, title=s.title,
                                                          extent=s.extent, sidecar=s.sidecar, inset=s.inset),
                                cancelled=self._cancel.is_set)
            self.notes = list(done.warnings)
        except ExportCancelled:
            return "cancelled", ""
        except (OSError, ValueError, DataError) as exc:
            return "failed", QCoreApplication.translate("ExportDialog", "{out}: the export failed ({reason}).").format(
                out=out, reason=exc)
        except Exception as exc:  # an unforeseen failure is still one readable message
            _log.exception("export of %s failed", out)
            return "failed", QCoreApplication.translate("ExportDialog", "{out}: the export failed ({reason}).").format(
                out=out, reason=f"{type(exc).__name__}: {exc}")
        finally:
            self.ended.set()
        return "finished", str(out)

    def _stage(self, text: str) -> None:
        if self.result is None:
            self.stage.emit(text)

    def _finished(self, kind: str, message: str) -> None:
        if self.result is not None:
            return  # cancelled meanwhile
        self.result = kind
        (self.finished if kind == "finished" else self.failed).emit(message)


class ExportOptionsDialog(QDialog):
    """Export settings, then progress and Cancel while the export runs.

    Parameters
    ----------
    state : MapState
        What is exported.
    start : Path
        The suggested output file.
    title : str
        The suggested title.

    Signals
    -------
    exported(str)
        The export finished (path).
    exportFailed(str)
        A readable message.
    """

    exported = Signal(str)
    exportFailed = Signal(str)

    def __init__(self, state, start: Path, workers, title: str = "", extents: list | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("ExportDialog", "Export map"))
        self.setObjectName("exportOptionsDialog")
        self.state = state
        self.workers = workers
        self.job: ExportJob | None = None
        outer = QHBoxLayout(self)
        left = QWidget(self)
        form = QFormLayout(left)
        form.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(left)

        self.format = QComboBox(self)
        self.format.setObjectName("format")
        for label, suffix in FORMATS.items():
            self.format.addItem(QCoreApplication.translate("ExportDialog", label), suffix)
        suffix = Path(start).suffix.lower()
        self.format.setCurrentIndex(max(0, self.format.findData(suffix)))
        form.addRow(QCoreApplication.translate("ExportDialog", "Format:"), self.format)

        self.size = QComboBox(self)
        self.size.setObjectName("size")
        for name in SIZES:
            self.size.addItem(name, name)
        self.size.addItem(QCoreApplication.translate("ExportDialog", CUSTOM_MM), "mm")
        self.size.addItem(QCoreApplication.translate("ExportDialog", CUSTOM_PX), "px")
        self.size.setCurrentIndex(self.size.findData("A4-landscape"))
        form.addRow(QCoreApplication.translate("ExportDialog", "Size:"), self.size)
        custom = QHBoxLayout()
        self.custom_w = QDoubleSpinBox(self)
        self.custom_h = QDoubleSpinBox(self)
        for box, value in ((self.custom_w, 180), (self.custom_h, 120)):
            box.setDecimals(0)
            box.setRange(1, 20000)  # parse_size says what is allowed
            box.setValue(value)
            custom.addWidget(box)
        self.custom_unit = QLabel("mm", self)
        custom.insertWidget(1, QLabel("×", self))
        custom.addWidget(self.custom_unit)
        custom.addStretch(1)
        self.custom_row = QWidget(self)
        self.custom_row.setLayout(custom)
        form.addRow(QCoreApplication.translate("ExportDialog", "Custom size:"), self.custom_row)

        self.dpi = QSpinBox(self)
        self.dpi.setObjectName("dpi")
        self.dpi.setRange(30, 2400)
        self.dpi.setValue(300)
        self.dpi.setSuffix(" dpi")
        form.addRow(QCoreApplication.translate("ExportDialog", "Resolution:"), self.dpi)

        self.extent = QComboBox(self)
        self.extent.setObjectName("extent")
        for label, bounds in extents or [(QCoreApplication.translate("ExportDialog", "All visible layers"), None)]:
            self.extent.addItem(label, bounds)
        form.addRow(QCoreApplication.translate("ExportDialog", "Extent:"), self.extent)

        self.title = QLineEdit(title, self)
        self.title.setObjectName("title")
        form.addRow(QCoreApplication.translate("ExportDialog", "Title:"), self.title)

        self.sidecar = QCheckBox(QCoreApplication.translate(
            "ExportDialog", "Also write a sidecar JSON that makes this figure again"), self)
        self.sidecar.setObjectName("sidecar")
        self.sidecar.setChecked(True)
        form.addRow(self.sidecar)

        path_row = QHBoxLayout()
        self.path = QLineEdit(str(start), self)
        self.path.setObjectName("path")
        self.browse = QPushButton(QCoreApplication.translate("ExportDialog", "Browse…"), self)
        self.browse.clicked.connect(self._browse)
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        form.addRow(QCoreApplication.translate("ExportDialog", "File:"), path_row)

        self.summary = QLabel("", self)
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        form.addRow(self.summary)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        form.addRow(self.progress)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(QCoreApplication.translate("ExportDialog", "Export"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("exportButton")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel)
        form.addRow(self.buttons)

        outer.addLayout(self._preview_column(), 1)
        # Room for the preview, within the screen the dialog opens on.
        screen = (parent.screen() if parent is not None else self.screen()).availableGeometry()
        self.resize(min(1120, int(screen.width() * 0.92)), min(680, int(screen.height() * 0.9)))
        self._inputs = [self.format, self.size, self.extent, self.custom_w, self.custom_h, self.dpi, self.title,
                        *self.parts.values(), self.reset_places, self.sidecar, self.path, self.browse]
        for box in (self.format, self.size, self.extent):
            box.currentIndexChanged.connect(self._update)
        for box in (self.custom_w, self.custom_h, self.dpi):
            box.valueChanged.connect(self._update)
        self.title.textChanged.connect(self._update)
        self._update()

    def _preview_column(self) -> QVBoxLayout:
        """The preview, which parts to show, and Reset placement."""
        column = QVBoxLayout()
        self.preview = FigurePreview(self.workers, self._preview_options, self)
        self.preview.moved.connect(self._moved)
        column.addWidget(self.preview, 1)
        hint = QLabel(QCoreApplication.translate(
            "ExportDialog", "Drag the legend, scale bar, north arrow or inset to move it in the map frame."), self)
        hint.setWordWrap(True)
        column.addWidget(hint)
        grid = QGridLayout()
        self.parts: dict[str, QCheckBox] = {}
        for i, name in enumerate(ELEMENTS):
            box = QCheckBox(element_label(name), self)
            box.setObjectName(name)
            box.setChecked(self.state.layout.shows(name))
            box.toggled.connect(lambda shown, name=name: self._show_part(name, shown))
            self.parts[name] = box
            grid.addWidget(box, i // 3, i % 3)
        column.addLayout(grid)
        self.inset = self.parts["inset"]
        self.reset_places = QPushButton(QCoreApplication.translate("ExportDialog", "Reset Placement"), self)
        self.reset_places.setObjectName("resetPlacement")
        self.reset_places.setToolTip(QCoreApplication.translate(
            "ExportDialog", "Put every part back in the corner where it hides the fewest features"))
        self.reset_places.clicked.connect(self._reset_places)
        self.reset_places.setEnabled(bool(self.state.layout.places))
        column.addWidget(self.reset_places, 0, Qt.AlignmentFlag.AlignLeft)
        return column

    def _show_part(self, name: str, shown: bool) -> None:
        self.state.layout = self.state.layout.showing(name, shown)
        self.preview.refresh()

    def _moved(self, name: str, fx: float, fy: float) -> None:
        self.state.layout = self.state.layout.moved(name, fx, fy)
        self.reset_places.setEnabled(True)
        self.preview.refresh()

    def _reset_places(self) -> None:
        layout = self.state.layout
        for name, _x, _y in layout.places:
            layout = layout.moved(name, None)
        self.state.layout = layout
        self.reset_places.setEnabled(False)
        self.preview.refresh()

    def _preview_options(self):
        """(state, ExportOptions) of the figure the settings describe, or None when they describe none."""
        from ..render.static import ExportOptions

        try:
            s = self.settings()
        except ValueError:
            return None
        return self.state, ExportOptions(size=s.size, dpi=s.dpi, title=s.title, extent=s.extent,
                                         basemap=self.state.basemap != "none", inset=s.inset,
                                         layout=self.state.layout)

    # ------------------------------------------------------------ settings
    def size_text(self) -> str:
        """The size as ``parse_size`` reads it."""
        data = self.size.currentData()
        if data in ("mm", "px"):
            return f"{int(self.custom_w.value())}x{int(self.custom_h.value())}{data}"
        return str(data)

    def settings(self) -> ExportSettings:
        """What would be exported now; raises ValueError for a size that cannot be."""
        parse_size(self.size_text())
        out = Path(self.path.text().strip())
        suffix = self.format.currentData()
        if out.suffix.lower() != suffix:
            out = out.with_suffix(suffix)
        return ExportSettings(out=out, size=self.size_text(), dpi=float(self.dpi.value()),
                              title=self.title.text(), sidecar=self.sidecar.isChecked(),
                              extent=self.extent.currentData(), inset=self.inset.isChecked())

    def _update(self) -> None:
        data = self.size.currentData()
        custom = data in ("mm", "px")
        self.custom_row.setEnabled(custom)
        self.custom_unit.setText(data if custom else "mm")
        path = self.path.text().strip()
        if path:
            self.path.setText(str(Path(path).with_suffix(self.format.currentData())))
        try:
            page = parse_size(self.size_text())
        except ValueError as exc:
            self.summary.setText(str(exc))
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(True)
        self.preview.refresh()
        w, h = page.pixels(self.dpi.value())
        paper = f"{page.width_mm:g} × {page.height_mm:g} mm, " if not page.is_pixels else ""
        kind = (QCoreApplication.translate("ExportDialog", "pixels") if self.format.currentData() == ".png"
                else QCoreApplication.translate("ExportDialog", "pixels of its raster parts (text stays text)"))
        self.summary.setText(f"{paper}{w} × {h} {kind}")

    def _browse(self) -> None:
        suffix = self.format.currentData()
        dialog = QFileDialog(self, QCoreApplication.translate("ExportDialog", "Export map"), self.path.text(),
                             f"{self.format.currentText()} (*{suffix})")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix.lstrip("."))
        dialog.fileSelected.connect(self.path.setText)
        dialog.open()

    # ------------------------------------------------------------ running
    def start_export(self) -> ExportJob | None:
        """Start the export with the current settings (off the GUI thread)."""
        if self.job is not None and self.job.running:
            return self.job
        try:
            settings = self.settings()
        except ValueError as exc:
            self.summary.setText(str(exc))
            return None
        if not str(settings.out).strip() or not settings.out.name:
            self.summary.setText(QCoreApplication.translate("ExportDialog", "Choose a file to write."))
            return None
        if not settings.out.parent.is_dir():
            self.summary.setText(QCoreApplication.translate("ExportDialog", "The folder {folder} does not exist.").format(
                folder=settings.out.parent))
            return None
        self._busy(True)
        self.summary.setText(QCoreApplication.translate("ExportDialog", "Starting…"))
        # Parented to the window: a cancelled job outlives the closed dialog.
        job = ExportJob(self.state, settings, self.workers, self.parent())
        job.stage.connect(self.summary.setText)
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self.job = job
        return job.start()

    def cancel(self) -> None:
        """Cancel a running export (nothing is written) or close the dialog."""
        if self.job is not None and self.job.running:
            self.job.cancel()
        self.reject()

    def reject(self) -> None:  # noqa: D102 (Esc and the close button cancel too)
        if self.job is not None and self.job.running:
            self.job.cancel()
        super().reject()

    def _busy(self, busy: bool) -> None:
        for w in self._inputs:
            w.setEnabled(not busy)
        self.export_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        if not busy:
            self._update()

    def _finished(self, path: str) -> None:
        self._busy(False)
        self.exported.emit(path)
        self.accept()

    def _failed(self, message: str) -> None:
        self._busy(False)
        self.summary.setText(message)
        self.exportFailed.emit(message)


def export_extents(window) -> list[tuple[str, tuple | None]]:
    """What an export can frame: the current view (first: what the user looks at), the
    visible layers, or one layer's extent; (label, west-south-east-north degrees or None)."""
    out: list[tuple[str, tuple | None]] = []
    view = window.controller.view_bounds()
    if view is not None:
        out.append((QCoreApplication.translate("ExportDialog", "Current view"), tuple(view)))
    out.append((QCoreApplication.translate("ExportDialog", "All visible layers"), None))
    for layer in window.state.layers:
        display = window.controller.display(layer.id)
        if display is not None and display.bounds is not None:
            out.append((QCoreApplication.translate("ExportDialog", "Extent of layer “{name}”").format(name=layer.display_name),
                        tuple(display.bounds)))
    return out


def open_export_dialog(projects) -> ExportOptionsDialog:
    """Open the export dialog for a window's :class:`ProjectActions` (non-blocking)."""
    window = projects.window
    name = projects.path.stem if projects.path else "map"
    folder = projects.path.parent if projects.path else Path.cwd()
    dialog = ExportOptionsDialog(window.state, folder / f"{name}.png", window.workers,
                                 title=projects.path.stem if projects.path else "", extents=export_extents(window),
                                 parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def done(path: str) -> None:
        window.statusBar().showMessage(QCoreApplication.translate("Projects", "Exported {path}").format(path=path),
                                       6000)
        if dialog.job is not None and dialog.job.notes:
            _show_notes(window, path, dialog.job.notes)
        projects.exported.emit(path)

    def failed(message: str) -> None:
        projects.exportFailed.emit(message)

    dialog.exported.connect(done)
    dialog.exportFailed.connect(failed)
    dialog.rejected.connect(lambda: window.statusBar().showMessage(
        QCoreApplication.translate("ExportDialog", "Export cancelled."), 4000)
                            if dialog.job is not None and dialog.job.result == "cancelled" else None)
    dialog.open()
    projects.export_options_dialog = dialog
    return dialog


def _show_notes(window, path: str, notes: list[str]) -> None:
    """What an export said of the figure it wrote (a layer drawn as a picture, a layer's
    repairs), in a box that does not hold up the window."""
    # One plain-text label: the notes name layers, and attribute text is never markup.
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("ExportDialog", "Exported"),
                      "\n\n".join([QCoreApplication.translate("Projects", "Exported {path}").format(path=path), *notes]),
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("exportNotes")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
