"""View › Basemap › Basemap Files…: the user's basemap files, their order,
visibility and opacity, edited live as layers are in the Layers panel."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QSlider, QVBoxLayout, QWidget)

from ..model.map_state import MapState

#: The files the Add dialog offers.
BASEMAP_KINDS = "(*.mbtiles *.pmtiles *.tif *.tiff)"


def file_kinds() -> str:
    """The Add dialog's filter line, in the current language."""
    return (QCoreApplication.translate("BasemapFiles", "Basemaps (MBTiles, PMTiles, GeoTIFF)") + " " + BASEMAP_KINDS
            + ";;" + QCoreApplication.translate("BasemapFiles", "All files (*)"))


class BasemapFilesDialog(QDialog):
    """The list of basemap files, top first; every change goes to the map at once.

    Signals
    -------
    addFile(), addFolder()
        The user asked to add a file or a folder of tiles (the window opens
        the chooser and checks the file).
    """

    addFile = Signal()
    addFolder = Signal()

    def __init__(self, state: MapState, failed: dict, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("basemapFilesDialog")
        self.setWindowTitle(QCoreApplication.translate("BasemapFiles", "Basemap Files"))
        self.state = state
        self._failed = failed
        self.list = QListWidget(self)
        self.list.setObjectName("basemapFilesList")
        self.opacity = QSlider(Qt.Orientation.Horizontal, self)
        self.opacity.setObjectName("basemapOpacity")
        self.opacity.setRange(0, 100)
        buttons = {}
        row = QHBoxLayout()
        for key, text in (("add", QCoreApplication.translate("BasemapFiles", "&Add File…")),
                          ("folder", QCoreApplication.translate("BasemapFiles", "Add Tile &Folder…")),
                          ("up", QCoreApplication.translate("BasemapFiles", "&Up")),
                          ("down", QCoreApplication.translate("BasemapFiles", "&Down")),
                          ("remove", QCoreApplication.translate("BasemapFiles", "&Remove"))):
            buttons[key] = QPushButton(text, self)
            buttons[key].setObjectName(f"basemap_{key}")
            row.addWidget(buttons[key])
        self.buttons = buttons
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        hint = QLabel(QCoreApplication.translate(
            "BasemapFiles", "Drawn above the bundled basemap and under every layer; the top of the list is drawn "
            "on top. Tiles are read from the files on this computer only."), self)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        opacity_row = QHBoxLayout()
        opacity_label = QLabel(QCoreApplication.translate("BasemapFiles", "&Opacity:"), self)
        opacity_label.setBuddy(self.opacity)
        opacity_row.addWidget(opacity_label)
        opacity_row.addWidget(self.opacity)
        layout.addLayout(opacity_row)
        layout.addLayout(row)
        layout.addWidget(hint)
        layout.addWidget(close)
        self.resize(520, 340)
        buttons["add"].clicked.connect(self.addFile)
        buttons["folder"].clicked.connect(self.addFolder)
        buttons["up"].clicked.connect(lambda: self._move(+1))
        buttons["down"].clicked.connect(lambda: self._move(-1))
        buttons["remove"].clicked.connect(self._remove)
        self.opacity.valueChanged.connect(self._set_opacity)
        self.list.itemChanged.connect(self._checked)
        self.list.currentRowChanged.connect(lambda _r: self._sync_controls())
        self._listener = lambda _info: self._fill()
        state.events.basemap_files.connect(self._listener)
        self.finished.connect(lambda _r: state.events.basemap_files.disconnect(self._listener))
        self._fill()

    def _index(self, row: int) -> int:
        # The list shows the top first; the state keeps the bottom first.
        return len(self.state.basemap_files) - 1 - row

    def _fill(self) -> None:
        current = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for entry in reversed(self.state.basemap_files):
            text = entry.path.name
            if entry.path in self._failed:
                text += "  " + QCoreApplication.translate("BasemapFiles", "(cannot be read)")
            item = QListWidgetItem(text, self.list)
            item.setToolTip(str(entry.path) + ("\n" + self._failed[entry.path] if entry.path in self._failed else ""))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if entry.visible else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(min(max(current, 0), self.list.count() - 1))
        self._sync_controls()

    def _sync_controls(self) -> None:
        row = self.list.currentRow()
        has = 0 <= row < self.list.count()
        for key in ("up", "down", "remove"):
            self.buttons[key].setEnabled(has)
        self.opacity.setEnabled(has)
        if has:
            self.opacity.blockSignals(True)
            self.opacity.setValue(round(self.state.basemap_files[self._index(row)].opacity * 100))
            self.opacity.blockSignals(False)

    def _replace(self, i: int, **changes) -> None:
        files = list(self.state.basemap_files)
        files[i] = replace(files[i], **changes)
        self.state.basemap_files = tuple(files)

    def _set_opacity(self, value: int) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self._replace(self._index(row), opacity=value / 100)

    def _checked(self, item: QListWidgetItem) -> None:
        self._replace(self._index(self.list.row(item)), visible=item.checkState() == Qt.CheckState.Checked)

    def _move(self, step: int) -> None:
        row = self.list.currentRow()
        i = self._index(row)
        j = i + step
        files = list(self.state.basemap_files)
        if row < 0 or not 0 <= j < len(files):
            return
        files[i], files[j] = files[j], files[i]
        self.state.basemap_files = tuple(files)
        self.list.setCurrentRow(row - step)

    def _remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            files = list(self.state.basemap_files)
            del files[self._index(row)]
            self.state.basemap_files = tuple(files)


def choose_file(parent: QWidget, then) -> QFileDialog:
    """Open the chooser for a basemap file; ``then(Path)`` with the one chosen."""
    dialog = QFileDialog(parent, QCoreApplication.translate("BasemapFiles", "Add Basemap File"), "", file_kinds())
    dialog.setObjectName("basemapFileChooser")
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda f: then(Path(f)))
    dialog.open()
    return dialog


def choose_folder(parent: QWidget, then) -> QFileDialog:
    """Open the chooser for a folder of ``z/x/y`` tiles; ``then(Path)`` with the one chosen."""
    dialog = QFileDialog(parent, QCoreApplication.translate("BasemapFiles", "Add Folder of Tiles"))
    dialog.setObjectName("basemapFolderChooser")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.fileSelected.connect(lambda f: then(Path(f)))
    dialog.open()
    return dialog
