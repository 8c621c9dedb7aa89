"""File › Save view as image…: exactly what the map shows, at 1x to 4x pixel density.

The picture is not an enlarged grab. A second, never-shown map page (same
offline profile, scheme and request guard as the window's) is sized like the
window's map in CSS pixels but zoomed by the density ``k``
(``setZoomFactor(k)``), so Chromium lays the page out exactly as the window
does while ``window.devicePixelRatio`` is ``k``: the canvas layer draws at
``k`` device pixels per CSS pixel, text and controls are rasterised at the
larger size. The window's page hands over what it shows as data
(``hgmap.snapshot()``: layers with their payload URLs, styles, visibility,
opacity, order, legend, attribution, highlight, view); the second page
``restore``\\ s it and reports once that frame is painted; then the view is
grabbed and written via a temp file and a rename.

Nothing blocks: every step is a signal or a ``runJavaScript`` callback.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

#: The pixel densities offered.
DENSITIES = (1, 2, 3, 4)
#: How long one render may take before it is given up.
TIMEOUT_MS = 120_000


class ViewImageJob(QObject):
    """Renders the map of ``map_view`` at ``density`` and writes a PNG to ``out``.

    Signals
    -------
    finished(str)
        The image was written (its path).
    failed(str)
        A readable message; nothing was written.
    """

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, map_view, out: Path, density: int = 2, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if density not in DENSITIES:
            raise ValueError(f"density must be one of {DENSITIES}, not {density!r}")
        self.source = map_view
        self.out = Path(out)
        self.density = int(density)
        self.view = None
        self.snapshot: dict | None = None
        self.page_check: dict | None = None
        self._done = False
        self._token = 1
        self._settle_tries = 0
        self._last = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self._fail(
            QCoreApplication.translate("ViewImage", "the map did not finish drawing in time")))

    def start(self) -> "ViewImageJob":
        """Ask the window's page what it shows; the rest follows by signals."""
        if not self.source.is_ready:
            self._fail(QCoreApplication.translate("ViewImage", "the map is not ready yet"))
            return self
        self._timer.start(TIMEOUT_MS)
        self.source.page().runJavaScript("JSON.stringify(hgmap.snapshot())", 0, self._got_snapshot)
        return self

    def _got_snapshot(self, text) -> None:
        if self._done:
            return
        try:
            self.snapshot = json.loads(text)
        except (TypeError, ValueError):
            self._fail(QCoreApplication.translate("ViewImage", "the map page did not describe its view"))
            return
        from .map_view import MapView

        w, h = self.snapshot["size"]
        k = self.density
        view = MapView()
        self.view = view
        view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        view.resize(int(w) * k, int(h) * k)
        view.setZoomFactor(k)
        view.ready.connect(self._page_ready)
        view.bridge.painted.connect(self._painted)
        view.show()

    def _page_ready(self, _instance: str) -> None:
        # A zoom factor set before the first load can be reset by it: set it again.
        self.view.setZoomFactor(self.density)
        self.view.call("restore", self.snapshot, self._token)

    def _painted(self, token: int) -> None:
        if token != self._token or self._done:
            return
        self.view.page().runJavaScript(
            "JSON.stringify({w: hgmap.leafletMap().getSize().x, h: hgmap.leafletMap().getSize().y,"
            " dpr: window.devicePixelRatio})", 0, self._checked)

    def _checked(self, text) -> None:
        if self._done:
            return
        try:
            self.page_check = json.loads(text)
        except (TypeError, ValueError):
            self._fail(QCoreApplication.translate("ViewImage", "the image page did not answer"))
            return
        w, h = self.snapshot["size"]
        if (self.page_check["w"], self.page_check["h"]) != (w, h) or abs(self.page_check["dpr"] - self.density) > 1e-6:
            # Layout not settled yet (a resize in flight): draw again and wait for that frame.
            self._token += 1
            self._settle_tries += 1
            if self._settle_tries > 20:
                self._fail(QCoreApplication.translate(
                    "ViewImage", "the image page is {found} and not {w}x{h} at {density}x").format(
                    found=self.page_check, w=w, h=h, density=self.density))
                return
            view = self.snapshot["view"]
            self.view.page().runJavaScript("hgmap.leafletMap().invalidateSize({animate: false})", 0)
            self.view.call("setView", view["lat"], view["lng"], view["zoom"], False)
            self.view.call("notifyPainted", self._token)
            return
        # The page has painted; the widget gets that frame from the compositor
        # a little later. Grab after each further painted frame until two
        # grabs agree: then the picture is the settled one.
        image = self.view.grab().toImage()
        if self._last is None or image != self._last or self._agreed < 1:
            self._agreed = 0 if self._last is None or image != self._last else self._agreed + 1
            self._last = image
            self._settle_tries += 1
            if self._settle_tries > 30:
                self._fail(QCoreApplication.translate("ViewImage", "the image page did not settle"))
                return
            self._token += 1
            self.view.call("notifyPainted", self._token)
            return
        try:
            save_png(image, self.out)
        except OSError as exc:
            self._fail(QCoreApplication.translate(
                "ViewImage", "{path}: the image could not be written ({reason})").format(
                path=self.out, reason=exc.strerror or exc))
            return
        self._finish()
        self.finished.emit(str(self.out))

    def _fail(self, message: str) -> None:
        if self._done:
            return
        self._finish()
        self.failed.emit(message)

    def _finish(self) -> None:
        self._done = True
        self._timer.stop()
        self._last = None
        if self.view is not None:
            self.view.hide()
            self.view.deleteLater()
            self.view = None


def save_png(image, out: Path) -> None:
    """Save a QImage as PNG at ``out`` atomically (temp file, fsync, rename)."""
    from ..util.atomic import replacing

    with replacing(out) as tmp:
        if image.isNull() or not image.save(str(tmp), "PNG"):
            raise OSError(f"could not encode {image.width()}x{image.height()} PNG")


class ViewImageDialog(QDialog):
    """Choose the file and the pixel density; shown with ``open()``.

    ``chosen`` is emitted with (path, density) when the user saves.
    """

    chosen = Signal(str, int)

    def __init__(self, map_size: tuple[int, int], start: str = "map.png", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("ViewImage", "Save view as image"))
        self.setObjectName("viewImageDialog")
        self._size = map_size
        form = QFormLayout(self)
        self.density = QComboBox(self)
        self.density.setObjectName("density")
        for k in DENSITIES:
            self.density.addItem(f"{k}x  ({map_size[0] * k} x {map_size[1] * k} px)", k)
        self.density.setCurrentIndex(1)
        form.addRow(QCoreApplication.translate("ViewImage", "Pixel density:"), self.density)
        row = QHBoxLayout()
        self.path = QLineEdit(start, self)
        self.path.setObjectName("path")
        browse = QPushButton(QCoreApplication.translate("ViewImage", "Browse…"), self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow(QCoreApplication.translate("ViewImage", "File:"), row)
        self.note = QLabel(QCoreApplication.translate(
            "ViewImage", "The map exactly as shown, drawn at the chosen density."), self)
        self.note.setWordWrap(True)
        form.addRow(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                   self)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.buttons = buttons

    def _browse(self) -> None:
        dialog = QFileDialog(self, QCoreApplication.translate("ViewImage", "Save view as image"), self.path.text(),
                             QCoreApplication.translate("ViewImage", "PNG image (*.png)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("png")
        dialog.fileSelected.connect(self.path.setText)
        dialog.open()

    def _save(self) -> None:
        text = self.path.text().strip()
        if not text:
            self.note.setText(QCoreApplication.translate("ViewImage", "Choose a file to write."))
            return
        out = Path(text)
        if out.suffix.lower() != ".png":
            out = out.with_suffix(".png")
        if not out.parent.is_dir():
            self.note.setText(QCoreApplication.translate("ViewImage", "The folder {folder} does not exist.").format(
                folder=out.parent))
            return
        self.chosen.emit(str(out), int(self.density.currentData()))
        self.accept()


class ViewImageActions(QObject):
    """Adds File › Save view as image… to a main window (declared once in its registry).

    Signals
    -------
    saved(str)
        An image was written.
    failed(str)
        A readable message.
    """

    saved = Signal(str)
    failed = Signal(str)

    def __init__(self, window) -> None:
        super().__init__(window)
        from .actions import ActionSpec

        self.window = window
        self.jobs: list[ViewImageJob] = []
        action = window.actions.add(
            ActionSpec("save_view_image", QT_TRANSLATE_NOOP("Actions", "Save View as &Image…"), "Ctrl+Shift+I",
                       QT_TRANSLATE_NOOP("Actions", "Save exactly what the map shows as a PNG, at 1x to 4x pixel density")),
            self.dialog)
        file_menu = window.menuBar().actions()[0].menu()
        anchor = window.actions["export_map"] if "export_map" in window.actions else None
        file_menu.insertAction(anchor, action)

    def dialog(self) -> ViewImageDialog:
        """Open the (non-blocking) dialog."""
        size = self.window.map_view.size()
        dialog = ViewImageDialog((size.width(), size.height()), str(Path.cwd() / "map-view.png"), self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(lambda path, k: self.save(Path(path), k))
        dialog.open()
        self.last_dialog = dialog
        return dialog

    def save(self, out: Path, density: int = 2) -> ViewImageJob:
        """Render and write the view; the result arrives as :attr:`saved` or :attr:`failed`."""
        job = ViewImageJob(self.window.map_view, out, density, self)
        self.jobs.append(job)
        self.window.statusBar().showMessage(QCoreApplication.translate(
            "ViewImage", "Drawing the view at {density}x…").format(density=density))
        job.finished.connect(self._done)
        job.failed.connect(self._failed)
        return job.start()

    def _done(self, path: str) -> None:
        self.jobs = [j for j in self.jobs if not j._done]
        self.window.statusBar().showMessage(QCoreApplication.translate("ViewImage", "Saved {path}").format(
            path=path), 6000)
        self.saved.emit(path)

    def _failed(self, message: str) -> None:
        self.jobs = [j for j in self.jobs if not j._done]
        self.window.statusBar().clearMessage()
        self.window.report_error(
            QCoreApplication.translate("ViewImage", "The view image was not saved: {reason}.").format(reason=message),
            QCoreApplication.translate("ViewImage", "Image not saved"))
        self.failed.emit(message)
