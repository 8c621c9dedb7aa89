"""The window fits the screen it opens on, and comes back where it was left."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QDockWidget

from hegang_map.qt.main_window import FIRST_SIZE, MainWindow, _first_size
from pagetools import wait_idle

pytestmark = pytest.mark.timeout(120)


@pytest.mark.parametrize("screen, size", [
    ((1920, 1040), FIRST_SIZE),
    ((1366, 738), (1280, 698)),   # a laptop with a task bar: the frame's bottom stays on screen
    ((1024, 738), (1008, 698)),   # a common projector
])
def test_the_first_start_fits_the_screen(screen, size):
    assert _first_size(QRect(0, 0, *screen)) == size


def _close(win) -> None:
    """Close for good: a window still marked changed would ask, and keep its threads."""
    win.projects.set_dirty(False)
    assert win.close()


def test_a_new_window_is_no_larger_than_its_screen(qtbot, qapp):
    win = MainWindow(bundled=False, autosave=False)
    qtbot.addWidget(win)
    available = win.screen().availableGeometry()
    assert win.width() <= available.width() and win.height() <= available.height()
    _close(win)


def test_geometry_and_docks_are_remembered_across_a_close(qtbot, qapp):
    first = MainWindow(bundled=False, autosave=False)
    qtbot.addWidget(first)
    first.restore_layout()
    first.show()
    wait_idle(qtbot, first)
    first.resize(720, 600)  # above the height of four docks stacked on one side
    first.move(20, 20)
    docks = {d.objectName(): d for d in first.findChildren(QDockWidget)}
    moved = next(iter(docks))
    first.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, docks[moved])
    left = (first.width(), first.height(), first.x(), first.y())
    _close(first)

    again = MainWindow(bundled=False, autosave=False)
    qtbot.addWidget(again)
    again.restore_layout()
    again.show()
    wait_idle(qtbot, again)
    assert (again.width(), again.height()) == left[:2]
    assert abs(again.x() - left[2]) <= 10 and abs(again.y() - left[3]) <= 10  # the platform may nudge it
    assert again.width() == 720
    dock = again.findChild(QDockWidget, moved)
    assert again.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea
    _close(again)


def test_a_window_built_by_a_test_or_a_screenshot_leaves_the_settings_alone(qtbot, qapp):
    from hegang_map.qt.settings import app_settings

    app_settings().remove("window")
    win = MainWindow(bundled=False, autosave=False)
    qtbot.addWidget(win)
    win.show()
    _close(win)
    assert app_settings().value("window/geometry") is None


def test_the_style_dock_shows_its_whole_panel_on_a_small_screen(open_window, qtbot, tmp_path):
    # Long field names and values make the widest combo boxes a layer can ask for.
    import geopandas as gpd
    from shapely.geometry import Point

    long_field = "share_of_households_resettled_in_kind_" * 2
    frame = gpd.GeoDataFrame({long_field: ["a value with a rather long label of its own " * 2, "b"],
                              "price": [2285, 63000]},
                             geometry=[Point(130.3, 47.3), Point(116.4, 39.9)], crs="EPSG:4326")
    path = tmp_path / "long names.gpkg"
    frame.to_file(path, layer="long_names", driver="GPKG")
    win = open_window([path], size=(1008, 698))
    win.style_dock.raise_()
    panel = win.style_panel
    viewport = panel.parentWidget()
    scroll = viewport.parentWidget()
    for kind in (1, 2):  # categorized, graduated
        panel.kind.setCurrentIndex(kind)
        panel.field.setCurrentIndex(panel.field.findData(long_field) if kind == 1 else panel.field.findData("price"))
        qtbot.wait(100)
        assert not scroll.horizontalScrollBar().isVisible()
        for widget in (panel.save_button, panel.load_button, panel.reverse, panel.ramp, panel.field, panel.categories):
            if widget.isVisible():
                right = widget.mapTo(viewport, widget.rect().topRight()).x()
                assert right <= viewport.width(), (kind, widget.objectName() or widget.text())


def test_on_a_first_start_at_1024_pixels_the_map_keeps_more_than_half_the_window(qtbot, qapp):
    from hegang_map.qt.settings import app_settings

    app_settings().remove("window")  # nothing remembered: a first start
    win = MainWindow(bundled=False, autosave=False)
    qtbot.addWidget(win)
    win.resize(1008, 698)
    win.restore_layout()
    win.show()
    wait_idle(qtbot, win)
    assert win.map_view.width() > win.width() / 2
    # Every panel of the right-hand docks still fits: none is cut at its edge.
    for dock in (win.identify_dock, win.style_dock, win.scenes_dock):
        assert dock.width() >= dock.widget().minimumSizeHint().width()
        assert dock.width() >= dock.widget().minimumWidth()
    _close(win)
