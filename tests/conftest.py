"""Shared test set-up: headless Qt and QtWebEngine, app fixtures, page queries."""

from __future__ import annotations

import os
import tempfile

# Before any Qt import: run headless, and let Chromium run as root in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --no-sandbox")
os.environ.setdefault("HEGANG_MAP_CONFIG_DIR", tempfile.mkdtemp(prefix="hegang-map-test-config-"))

import geopandas as gpd  # noqa: E402
import pytest  # noqa: E402
from pagetools import page_info, run_js, wait_idle  # noqa: E402,F401
from shapely.geometry import Point, Polygon  # noqa: E402


@pytest.fixture(autouse=True)
def _own_config_folder(tmp_path_factory, monkeypatch):
    """Each test its own config folder: the settings, recent files, recovery
    files and kept start one test leaves never reach another."""
    monkeypatch.setenv("HEGANG_MAP_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))


@pytest.fixture(scope="session")
def qapp():
    """The QApplication, made by the app's own factory (scheme, fonts)."""
    from hegang_map.qt.app import create_app
    from hegang_map.qt.map_view import release_shared_profile

    app = create_app()
    yield app
    release_shared_profile()


@pytest.fixture
def js(qtbot):
    """``js(view, script)`` evaluates JavaScript in a map page."""
    return lambda view, script, timeout=10_000: run_js(qtbot, view, script, timeout)


@pytest.fixture
def open_window(qtbot, qapp):
    """Factory: a shown MainWindow on ``files`` (no bundled layers by default),
    returned once the page is ready and every layer is drawn."""
    windows = []

    def make(files=None, bundled=False, size=(1200, 800)):
        from hegang_map.qt.main_window import MainWindow

        win = MainWindow(files=files, bundled=bundled)
        qtbot.addWidget(win)
        win.resize(*size)
        win.show()
        windows.append(win)
        wait_idle(qtbot, win)
        return win

    yield make
    for win in windows:
        for box in win.findChildren(__import__("PySide6.QtWidgets", fromlist=["QMessageBox"]).QMessageBox):
            box.close()
        win.projects.set_dirty(False)  # a test's edits: no question, so the window closes and joins its threads
        win.close()


@pytest.fixture
def two_layer_gpkg(tmp_path):
    """A GeoPackage with a point layer (3 features) and a polygon layer (2)."""
    path = tmp_path / "two.gpkg"
    pts = gpd.GeoDataFrame(
        {"name": ["鹤岗 Hegang", "Fuxin", "Hebi"], "value": [2285, 3500, 4100]},
        geometry=[Point(130.2903, 47.3473), Point(121.6589, 42.0156), Point(114.2862, 35.7323)],
        crs="EPSG:4326",
    )
    polys = gpd.GeoDataFrame(
        {"name": ["box A", "box B"]},
        geometry=[Polygon([(110, 30), (115, 30), (115, 34), (110, 34)]),
                  Polygon([(120, 38), (124, 38), (124, 41), (120, 41)])],
        crs="EPSG:4326",
    )
    pts.to_file(path, layer="cities", driver="GPKG")
    polys.to_file(path, layer="areas", driver="GPKG")
    return path


@pytest.fixture(scope="session")
def postgis_url():
    """The address of the test PostGIS database (``.ci/postgres.sh start`` makes one), with its
    tables loaded; the password comes from the cluster's pgpass file, as a user's would."""
    url = os.environ.get("HEGANG_MAP_TEST_POSTGRES")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("CI is set but there is no PostGIS server: .ci/run starts one (HEGANG_MAP_TEST_POSTGRES)")
        pytest.skip("no PostGIS server: eval \"$(.ci/postgres.sh start)\" makes one")
    os.environ["PGPASSFILE"] = os.environ["HEGANG_MAP_TEST_PGPASS"]
    from postgis_tables import load_tables

    load_tables(url)
    return url
