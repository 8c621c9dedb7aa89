"""Layer › Add PostGIS Layers…: connect, list, add several; the password asked once and
never saved; PostGIS layers saved in projects by address and read back."""

from __future__ import annotations

import dataclasses
import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from hegang_map.io import postgis
from hegang_map.model.sources import parse_postgres
from hegang_map.qt.postgis_dialog import PostgisDialog
from pagetools import page_info, wait_idle
from postgis_tables import execute


def _dialog(win, qtbot, postgis_url) -> PostgisDialog:
    parts = __import__("urllib.parse").parse.urlsplit(postgis_url)
    win.actions["add_postgis"].trigger()
    dialog = win.findChild(PostgisDialog, "postgisDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.name.setText("test server")
    dialog.host.setText(parts.hostname)
    dialog.port.setValue(parts.port)
    dialog.database.setText(parts.path.strip("/"))
    dialog.user.setText(parts.username)
    dialog.service.setText("")
    return dialog


def _listed(dialog) -> list[str]:
    return [dialog.tables.topLevelItem(i).text(0) for i in range(dialog.tables.topLevelItemCount())]


def test_connect_list_and_add_two_tables(open_window, qtbot, postgis_url):
    win = open_window()
    dialog = _dialog(win, qtbot, postgis_url)
    database = dialog.database.text()
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "public.cities" in _listed(dialog), timeout=20_000)
    assert "planning.parcels" in _listed(dialog) and "public.notes" not in _listed(dialog)
    for i in range(dialog.tables.topLevelItemCount()):
        item = dialog.tables.topLevelItem(i)
        if item.text(0) in ("public.cities", "planning.parcels"):
            item.setCheckState(0, Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(win.state.layers) == 2, timeout=20_000)
    wait_idle(qtbot, win)
    assert sorted(lyr.name for lyr in win.state.layers) == ["cities", "parcels"]
    shown = {lyr["name"]: lyr["features"] for lyr in page_info(qtbot, win.map_view)["layers"] if not lyr.get("basemap")}
    assert shown == {"cities": 3, "parcels": 1}
    # The connection is remembered by name, without any password.
    from hegang_map.qt.settings import app_settings

    settings = app_settings()
    keys = [k for k in settings.allKeys() if k.startswith("postgis/connections/test server/")]
    assert keys and not any("pass" in k.lower() for k in keys)
    again = PostgisDialog(win)
    assert again.saved.findText("test server") >= 0 and again.database.text() == database
    again.deleteLater()


def test_the_password_is_asked_once_and_kept_for_the_session_only(open_window, qtbot, postgis_url, monkeypatch,
                                                                  tmp_path):
    import os

    right = open(os.environ["HEGANG_MAP_TEST_PGPASS"]).read().strip().rsplit(":", 1)[1]
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    conninfo = parse_postgres(postgis_url)[0]
    postgis.forget_password(conninfo)
    win = open_window()
    dialog = _dialog(win, qtbot, postgis_url)
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.findChild(QInputDialog, "postgisPassword") is not None, timeout=20_000)
    ask = dialog.findChild(QInputDialog, "postgisPassword")
    ask.setTextValue(right)
    ask.accept()
    try:
        qtbot.waitUntil(lambda: "public.cities" in _listed(dialog), timeout=20_000)
        # Saved nowhere: not in the settings, nor in a project of the layer.
        from hegang_map.qt.settings import app_settings

        assert right not in json.dumps({k: str(app_settings().value(k)) for k in app_settings().allKeys()})
    finally:
        postgis.forget_password(conninfo)


def test_a_project_keeps_a_postgis_layer_by_address_and_reads_it_back(open_window, qtbot, postgis_url, tmp_path):
    win = open_window([postgis_url + "#cities"])
    assert [lyr.name for lyr in win.state.layers] == ["cities"]
    project = tmp_path / "team.hgmap"
    assert win.projects.save_to(project)
    doc = json.loads(project.read_text("utf-8"))
    assert doc["layers"][0]["source"] == postgis_url + "#public.cities"
    other = open_window()
    other.projects.open_project(project)
    qtbot.waitUntil(lambda: [lyr.name for lyr in other.state.layers] == ["cities"], timeout=20_000)
    wait_idle(qtbot, other)
    assert other.errors == []


def test_a_server_that_is_down_is_said_in_the_dialog_and_the_window_goes_on(open_window, qtbot):
    win = open_window()
    win.actions["add_postgis"].trigger()
    dialog = win.findChild(PostgisDialog, "postgisDialog")
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(9)
    dialog.database.setText("plans")
    dialog.user.setText("alice")
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot be reached" in dialog.status.text(), timeout=20_000)
    assert "alice@127.0.0.1:9/plans" in dialog.status.text() and not dialog.add_button.isEnabled()
    dialog.reject()


def test_export_layer_to_a_new_postgis_table_asks_before_replacing(open_window, qtbot, postgis_url, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    from hegang_map.bundled.paths import geodata_dir
    from hegang_map.io import read_layer
    from hegang_map.qt.export_layer_dialog import ExportLayerDialog

    win = open_window([geodata_dir() / "hegang_redevelopment.gpkg"])
    dialog = _dialog(win, qtbot, postgis_url)  # the connection is saved by connecting once
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "public.cities" in _listed(dialog), timeout=20_000)
    dialog.reject()
    win.state.active_layer_id = next(lyr.id for lyr in win.state.layers if lyr.source.layer_name == "redevelopment_sites")
    for attempt in range(2):
        win.actions["export_layer"].trigger()
        export = win.findChild(ExportLayerDialog, "exportLayerDialog")
        export.kind.setCurrentIndex(export.kind.findData("postgis"))
        export.connection.setCurrentText("test server")
        export.schema.setText("planning")
        export.table.setText("sites")
        if attempt == 0:
            with qtbot.waitSignal(export.destroyed, timeout=20_000):
                export.buttons.button(export.buttons.StandardButton.Ok).click()
            continue
        export.buttons.button(export.buttons.StandardButton.Ok).click()
        # The second time the table is there: the user is asked, and says yes.
        qtbot.waitUntil(lambda: export.findChild(QMessageBox, "exportLayerReplace") is not None, timeout=20_000)
        box = export.findChild(QMessageBox, "exportLayerReplace")
        with qtbot.waitSignal(export.destroyed, timeout=20_000):
            box.button(QMessageBox.StandardButton.Yes).click()
    layer = next(lyr for lyr in win.state.layers if lyr.source.layer_name == "redevelopment_sites")
    back = read_layer(postgis_url + "#planning.sites")
    assert len(back) == len(layer.data) and back.crs == layer.data.crs
    # And to a GeoPackage file, only the features shown.
    win.actions["export_layer"].trigger()
    export = win.findChild(ExportLayerDialog, "exportLayerDialog")
    export.kind.setCurrentIndex(export.kind.findData("gpkg"))
    export.path.setText(str(tmp_path / "sites"))
    export.shown_only.setChecked(True)
    with qtbot.waitSignal(export.destroyed, timeout=20_000):
        export.buttons.button(export.buttons.StandardButton.Ok).click()
    assert 0 < len(read_layer(tmp_path / "sites.gpkg")) <= len(layer.data)


def test_reload_reads_what_others_changed_and_a_dropped_table_leaves_the_layer(open_window, qtbot, postgis_url):
    execute(postgis_url, "DROP TABLE IF EXISTS shared_sites",
            "CREATE TABLE shared_sites (id serial PRIMARY KEY, name text, geom geometry(Point, 4326))",
            "INSERT INTO shared_sites (name, geom) VALUES ('A', 'SRID=4326;POINT(130.3 47.3)'), "
            "('B', 'SRID=4326;POINT(130.4 47.4)')")
    win = open_window([postgis_url + "#shared_sites", postgis_url + "#cities"])
    assert [lyr.name for lyr in win.state.layers] == ["shared_sites", "cities"]  # the first named on top
    sites = win.state.layers[0]
    sites.name = "工地"
    sites.style = dataclasses.replace(sites.style, color="#aa3377")
    win.state.active_layer_id = sites.id
    win.projects.set_dirty(False)  # as if just saved
    # A colleague adds a site: Reload brings it, in the layer's place, with its name and style.
    execute(postgis_url, "INSERT INTO shared_sites (name, geom) VALUES ('C', 'SRID=4326;POINT(130.5 47.5)')")
    win.actions["reload_layer"].trigger()
    qtbot.waitUntil(lambda: len(win.state.layers[0].data) == 3, timeout=20_000)
    wait_idle(qtbot, win)
    again = win.state.layers[0]
    assert again.id != sites.id and (again.name, again.style.color) == ("工地", "#aa3377")
    assert win.state.active_layer_id == again.id and [lyr.name for lyr in win.state.layers] == ["工地", "cities"]
    assert not win.projects.dirty  # the project names the same table: nothing to save
    shown = {lyr["name"]: lyr["features"] for lyr in page_info(qtbot, win.map_view)["layers"] if not lyr.get("basemap")}
    assert shown == {"cities": 3, "工地": 3}
    # The table is dropped: one message naming it, and the layer stays as it was read.
    execute(postgis_url, "DROP TABLE shared_sites")
    win.actions["reload_layer"].trigger()
    qtbot.waitUntil(lambda: len(win.errors) == 1, timeout=20_000)
    assert "shared_sites" in win.errors[0] and "\n" not in win.errors[0]
    wait_idle(qtbot, win)
    assert [lyr.id for lyr in win.state.layers][0] == again.id and len(again.data) == 3
