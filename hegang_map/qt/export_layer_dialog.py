"""Layer › Export Layer To…: the active layer, or the features it shows, into a
new GeoPackage, GeoParquet, GeoJSON or FlatGeobuf file, or a new PostGIS table.

The writing runs on a worker; a PostGIS table that is already there is
replaced only after the user says so.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from ..io.errors import DataError
from .postgis_dialog import conninfo_of, saved_connection, saved_connections

#: (format key, name shown, file ending)
FORMATS = (("gpkg", "GeoPackage", ".gpkg"), ("parquet", "GeoParquet", ".parquet"), ("geojson", "GeoJSON", ".geojson"),
           ("fgb", "FlatGeobuf", ".fgb"), ("postgis", "PostGIS", ""))


class ExportLayerDialog(QDialog):
    """Where to write one layer, and whether only the features it shows.

    Parameters
    ----------
    window : MainWindow
    layer : Layer
    """

    def __init__(self, window, layer) -> None:
        super().__init__(window)
        self.window = window
        self.layer = layer
        self.setObjectName("exportLayerDialog")
        self.setWindowTitle(QCoreApplication.translate("ExportLayer", "Export Layer “{name}” To").format(
            name=layer.display_name))
        self.kind = QComboBox(self)
        self.kind.setObjectName("exportLayerFormat")
        for key, name, _suffix in FORMATS:
            self.kind.addItem(name, key)
        self.path = QLineEdit(self)
        self.path.setObjectName("exportLayerPath")
        browse = QPushButton(QCoreApplication.translate("ExportLayer", "&Browse…"), self)
        browse.clicked.connect(self._browse)
        self.file_row = QWidget(self)
        file_layout = QHBoxLayout(self.file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.path, 1)
        file_layout.addWidget(browse)
        self.connection = QComboBox(self)
        self.connection.setObjectName("exportLayerConnection")
        self.connection.addItems(saved_connections())
        self.schema = QLineEdit("public", self)
        self.schema.setObjectName("exportLayerSchema")
        self.table = QLineEdit(self._plain_name(layer.name), self)
        self.table.setObjectName("exportLayerTable")
        self.shown_only = QCheckBox(QCoreApplication.translate(
            "ExportLayer", "Only the features the map shows (filter and period)"), self)
        self.shown_only.setObjectName("exportLayerShownOnly")
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.status.setObjectName("exportLayerStatus")
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("ExportLayer", "&Format:"), self.kind)
        form.addRow(QCoreApplication.translate("ExportLayer", "F&ile:"), self.file_row)
        form.addRow(QCoreApplication.translate("ExportLayer", "&Connection:"), self.connection)
        form.addRow(QCoreApplication.translate("ExportLayer", "&Schema:"), self.schema)
        form.addRow(QCoreApplication.translate("ExportLayer", "&Table:"), self.table)
        self.form = form
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(lambda: self.start())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.shown_only)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(lambda _i: self._sync())
        self._sync()
        self.resize(520, 260)

    @staticmethod
    def _plain_name(name: str) -> str:
        import re

        return re.sub(r"\W+", "_", name.lower()).strip("_") or "layer"

    def _postgis(self) -> bool:
        return self.kind.currentData() == "postgis"

    def _sync(self) -> None:
        for widget in (self.connection, self.schema, self.table):
            self.form.setRowVisible(widget, self._postgis())
        self.form.setRowVisible(self.file_row, not self._postgis())

    def _browse(self) -> None:
        suffix = next(s for k, _n, s in FORMATS if k == self.kind.currentData())
        dialog = QFileDialog(self, QCoreApplication.translate("ExportLayer", "Export Layer To"), "",
                             f"{self.kind.currentText()} (*{suffix})")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(suffix.lstrip("."))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.path.setText)
        dialog.open()

    def target(self):
        """The file (a Path) or the PostGIS table (a PgTable) the form names; ``None`` when incomplete."""
        if not self._postgis():
            text = self.path.text().strip()
            if not text:
                return None
            suffix = next(s for k, _n, s in FORMATS if k == self.kind.currentData())
            path = Path(text)
            return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
        from ..model.sources import PgTable

        name = self.connection.currentText()
        if not name or not self.table.text().strip():
            return None
        conninfo = conninfo_of(**saved_connection(name))
        return PgTable(conninfo, self.schema.text().strip() or "public", self.table.text().strip())

    def _rows(self):
        data = self.layer.data
        if not self.shown_only.isChecked():
            return data
        from ..model.symbology import HIDDEN, resolve

        sym = resolve(data, self.layer.style, self.layer.display_name)
        return data[sym.classes != HIDDEN]

    def start(self, replace: bool = False) -> None:
        """Write the layer where the form says (on a worker)."""
        from ..io.layer_export import TableExists, export_layer

        target = self.target()
        if target is None:
            self.status.setText(QCoreApplication.translate("ExportLayer", "Say where to write the layer."))
            return
        data = self._rows()
        name = self.table.text().strip() if self._postgis() else self._plain_name(self.layer.name)
        self.buttons.setEnabled(False)
        self.status.setText(QCoreApplication.translate("ExportLayer", "Writing {n} feature(s)…").format(n=len(data)))

        def work():
            try:
                return export_layer(data, target, name, replace=replace)
            except DataError as exc:
                return exc

        def done(result) -> None:
            self.buttons.setEnabled(True)
            if isinstance(result, TableExists):
                self._ask_replace(str(result))
            elif isinstance(result, DataError):
                self.status.setText(str(result))
            else:
                self.window.statusBar().showMessage(QCoreApplication.translate(
                    "ExportLayer", "Layer written to {where}").format(where=result), 15_000)
                self.accept()

        if not self.window.workers.run("export-layer", work, done):
            self.buttons.setEnabled(True)

    def _ask_replace(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Question, self.windowTitle(), message,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("exportLayerReplace")
        box.setInformativeText(QCoreApplication.translate("ExportLayer", "Replace the table? Its rows are lost."))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: self.start(replace=True) if box.standardButton(button) == QMessageBox.StandardButton.Yes
            else self.status.setText(message))
        box.open()
