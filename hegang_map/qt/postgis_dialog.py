"""Layer › Add PostGIS Layer…: a connection, its geometry tables, several added at once.

A connection is a host, port, database and user, or a service of
``pg_service.conf``; connections are remembered by name (never their
password). The password comes from ``~/.pgpass`` or the service file, or is
asked once and kept for the session (:func:`hegang_map.io.postgis.remember_password`).
Listing runs on a worker: a server that does not answer never freezes the window.
"""

from __future__ import annotations

import urllib.parse

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QInputDialog,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout)

from ..io.errors import DataError
from .settings import app_settings

_GROUP = "postgis/connections"


def conninfo_of(host: str, port: int, database: str, user: str, service: str) -> str:
    """The address of a connection as the dialog's fields give it (no password)."""
    if service.strip():
        return "postgresql:///?" + urllib.parse.urlencode({"service": service.strip()})
    user_part = urllib.parse.quote(user.strip(), safe="") + "@" if user.strip() else ""
    host_part = host.strip() or "localhost"
    if ":" in host_part:
        host_part = f"[{host_part}]"
    return f"postgresql://{user_part}{host_part}:{int(port)}/{urllib.parse.quote(database.strip(), safe='')}"


def saved_connections() -> list[str]:
    """The names of the connections remembered."""
    settings = app_settings()
    settings.beginGroup(_GROUP)
    names = sorted(settings.childGroups())
    settings.endGroup()
    return names


def saved_connection(name: str) -> dict:
    """The fields of the connection remembered as ``name`` (host, port, database, user, service)."""
    settings = app_settings()
    settings.beginGroup(f"{_GROUP}/{name}")
    try:
        port = int(settings.value("port", 5432))
    except (TypeError, ValueError):
        port = 5432
    fields = {"host": str(settings.value("host", "localhost")), "port": port,
              "database": str(settings.value("database", "")), "user": str(settings.value("user", "")),
              "service": str(settings.value("service", ""))}
    settings.endGroup()
    return fields


class PostgisDialog(QDialog):
    """Connect, list the geometry tables, add the ones checked.

    Parameters
    ----------
    window : MainWindow
        Its workers list the tables; its :meth:`load` reads the ones added.
    """

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.setObjectName("postgisDialog")
        self.setWindowTitle(QCoreApplication.translate("Postgis", "Add PostGIS Layers"))
        self.saved = QComboBox(self)
        self.saved.setObjectName("postgisSaved")
        self.name = QLineEdit(self)
        self.host = QLineEdit("localhost", self)
        self.port = QSpinBox(self)
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.database = QLineEdit(self)
        self.user = QLineEdit(self)
        self.service = QLineEdit(self)
        for widget, name in ((self.name, "postgisName"), (self.host, "postgisHost"), (self.port, "postgisPort"),
                             (self.database, "postgisDatabase"), (self.user, "postgisUser"),
                             (self.service, "postgisService")):
            widget.setObjectName(name)
        self.service.setPlaceholderText(QCoreApplication.translate(
            "Postgis", "a service of pg_service.conf (instead of the fields above)"))
        form = QFormLayout()
        form.addRow(QCoreApplication.translate("Postgis", "Saved connections:"), self.saved)
        form.addRow(QCoreApplication.translate("Postgis", "&Name:"), self.name)
        form.addRow(QCoreApplication.translate("Postgis", "&Host:"), self.host)
        form.addRow(QCoreApplication.translate("Postgis", "&Port:"), self.port)
        form.addRow(QCoreApplication.translate("Postgis", "&Database:"), self.database)
        form.addRow(QCoreApplication.translate("Postgis", "&User:"), self.user)
        form.addRow(QCoreApplication.translate("Postgis", "&Service:"), self.service)
        self.connect_button = QPushButton(QCoreApplication.translate("Postgis", "&Connect"), self)
        self.connect_button.setObjectName("postgisConnect")
        self.status = QLabel(QCoreApplication.translate(
            "Postgis", "The password comes from ~/.pgpass or the service file, or is asked once and kept "
            "until the app closes; it is never saved."), self)
        self.status.setWordWrap(True)
        self.status.setObjectName("postgisStatus")
        self.tables = QTreeWidget(self)
        self.tables.setObjectName("postgisTables")
        self.tables.setHeaderLabels([QCoreApplication.translate("Postgis", "Table"),
                                     QCoreApplication.translate("Postgis", "Geometry"),
                                     QCoreApplication.translate("Postgis", "CRS"),
                                     QCoreApplication.translate("Postgis", "Rows (estimate)")])
        self.tables.setRootIsDecorated(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.add_button = self.buttons.addButton(QCoreApplication.translate("Postgis", "&Add"),
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setObjectName("postgisAdd")
        self.add_button.setEnabled(False)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.connect_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.tables, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 560)
        self.conninfo: str | None = None
        self.connect_button.clicked.connect(self.list_tables)
        self.buttons.accepted.connect(self.add_checked)
        self.buttons.rejected.connect(self.reject)
        self.saved.activated.connect(lambda _i: self._fill_saved(self.saved.currentText()))
        self._load_saved()

    # ------------------------------------------------------------ saved connections
    def _load_saved(self) -> None:
        names = saved_connections()
        self.saved.clear()
        self.saved.addItems(names)
        if names:
            self._fill_saved(self.saved.currentText())

    def _fill_saved(self, name: str) -> None:
        fields = saved_connection(name)
        self.name.setText(name)
        self.host.setText(fields["host"])
        self.port.setValue(fields["port"])
        self.database.setText(fields["database"])
        self.user.setText(fields["user"])
        self.service.setText(fields["service"])

    def _save(self) -> None:
        name = self.name.text().strip().replace("/", "_")
        if not name:
            return
        settings = app_settings()
        settings.beginGroup(f"{_GROUP}/{name}")
        # Never the password: that stays in ~/.pgpass, the service file or this session.
        for key, value in (("host", self.host.text()), ("port", self.port.value()), ("database", self.database.text()),
                           ("user", self.user.text()), ("service", self.service.text())):
            settings.setValue(key, value)
        settings.endGroup()

    # ------------------------------------------------------------ listing
    def list_tables(self) -> None:
        """Connect and list the geometry tables (on a worker)."""
        from ..io import postgis

        self.conninfo = conninfo_of(self.host.text(), self.port.value(), self.database.text(), self.user.text(),
                                    self.service.text())
        self.tables.clear()
        self.add_button.setEnabled(False)
        self.connect_button.setEnabled(False)
        self.status.setText(QCoreApplication.translate("Postgis", "Connecting to {where}…").format(
            where=postgis.where(self.conninfo)))
        conninfo = self.conninfo

        def work():
            try:
                return postgis.list_tables(conninfo)
            except DataError as exc:
                return exc

        if not self.window.workers.run("postgis-list", work, lambda result: self._listed(conninfo, result)):
            self.connect_button.setEnabled(True)

    def _listed(self, conninfo: str, result) -> None:
        from ..io import postgis

        if conninfo != self.conninfo:
            return  # another connection was asked for meanwhile
        self.connect_button.setEnabled(True)
        if isinstance(result, postgis.PasswordNeeded):
            ask = QInputDialog(self)
            ask.setObjectName("postgisPassword")
            ask.setWindowTitle(QCoreApplication.translate("Postgis", "Password"))
            ask.setLabelText(QCoreApplication.translate(
                "Postgis", "Password for {where} (kept until the app closes, never saved):").format(
                where=postgis.where(conninfo)))
            ask.setTextEchoMode(QLineEdit.EchoMode.Password)
            ask.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

            def given(password: str) -> None:
                if password:
                    postgis.remember_password(conninfo, password)
                    self.list_tables()

            ask.textValueSelected.connect(given)
            ask.rejected.connect(lambda: self.status.setText(str(result)))
            self.status.setText(str(result))
            ask.open()
            return
        if isinstance(result, DataError):
            self.status.setText(str(result))
            return
        self._save()
        self.status.setText(QCoreApplication.translate("Postgis", "{n} geometry table(s) on {where}.").format(
            n=len(result), where=postgis.where(conninfo)))
        for info in result:
            item = QTreeWidgetItem(self.tables, [info.name, info.geometry_type or "", info.crs or "",
                                                 f"{info.feature_count:,}"])
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setData(0, Qt.ItemDataRole.UserRole, info.name)
        for column in range(4):
            self.tables.resizeColumnToContents(column)
        self.add_button.setEnabled(bool(result))

    def checked(self) -> list[str]:
        """The tables checked (``schema.table`` as listed)."""
        return [self.tables.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
                for i in range(self.tables.topLevelItemCount())
                if self.tables.topLevelItem(i).checkState(0) == Qt.CheckState.Checked]

    def add_checked(self) -> None:
        """Read the checked tables into the map, and close."""
        from ..io.project import layer_request

        chosen = self.checked()
        if not chosen or self.conninfo is None:
            return
        self.window.new_batch()
        for name in chosen:
            self.window.load(layer_request(self.conninfo, name), frame=True)
        self.accept()
