"""Asking a map page what it shows, and waiting for it, without sleeping."""

from __future__ import annotations


def run_js(qtbot, view, script: str, timeout: int = 10_000):
    """Evaluate ``script`` in the page and return its result (waits, never sleeps)."""
    box = {}
    view.page().runJavaScript(script, 0, lambda result: box.setdefault("r", result))
    qtbot.waitUntil(lambda: "r" in box, timeout=timeout)
    return box["r"]


def page_info(qtbot, view) -> dict:
    """What the page says it shows (``hgmapProbe.info()``)."""
    import json

    return json.loads(run_js(qtbot, view, "JSON.stringify(hgmapProbe.info())"))


def wait_idle(qtbot, win, timeout=120_000):
    """Wait until every layer of ``win`` is loaded and drawn in the page.

    Two minutes: on this machine kind the page cache is emptied often, and a
    window whose web engine is read back from disk at a few MB/s has taken
    more than a minute to draw its first frame."""
    done = []
    win.when_idle(lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=timeout)


def shown_title(win) -> str:
    """The window title as the user sees it: Qt shows the ``[*]`` placeholder
    as ``*`` while the window is modified, and as nothing otherwise."""
    return win.windowTitle().replace("[*]", "*" if win.isWindowModified() else "")


def element_box(qtbot, view, selector: str) -> dict:
    """Where the page's first element matching ``selector`` is: its centre
    (``x``, ``y``, in view pixels) and size (``w``, ``h``)."""
    import json

    return json.loads(run_js(qtbot, view, "(function(){const r = document.querySelector(" + json.dumps(selector) +
                             ").getBoundingClientRect(); return JSON.stringify({x: r.left + r.width / 2,"
                             " y: r.top + r.height / 2, w: r.width, h: r.height});})()"))


def wait_page_size(qtbot, view) -> None:
    """Wait until the page and its map have the widget's size: the page learns
    of a new size a little later (a dock shown), and then redraws."""
    size = f"[{view.width()},{view.height()}]"
    qtbot.waitUntil(lambda: run_js(qtbot, view, "JSON.stringify([innerWidth, innerHeight])") == size
                    and run_js(qtbot, view, "(s => JSON.stringify([s.x, s.y]))(hgmap.leafletMap().getSize())") == size)


def map_point(qtbot, view, lat: float, lng: float):
    """Where the map shows (lat, lng), in view pixels, as a ``QPoint``."""
    import json

    from PySide6.QtCore import QPoint

    # A point of the old layout would land elsewhere.
    wait_page_size(qtbot, view)
    p = json.loads(run_js(qtbot, view, f"JSON.stringify(hgmap.leafletMap().latLngToContainerPoint([{lat!r}, {lng!r}]))"))
    assert 0 <= p["x"] < view.width() and 0 <= p["y"] < view.height(), f"({lat}, {lng}) is not in view: {p}"
    x, y = round(p["x"]), round(p["y"])
    # A user's pointer there must reach the map, not the legend over it.
    top = run_js(qtbot, view, f"(e => e.closest('.hg-legend, .leaflet-control, .hg-hint') ? e.className : '')"
                              f"(document.elementFromPoint({x}, {y}))")
    assert not top, f"({lat}, {lng}) is under {top!r}"
    return QPoint(x, y)


def click_map(qtbot, view, lat: float, lng: float) -> None:
    """Click the map at (lat, lng) with the mouse, as a user does."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, pos=map_point(qtbot, view, lat, lng))


def hover_map(qtbot, view, lat: float, lng: float) -> None:
    """Move the mouse over the map to (lat, lng) and leave it there."""
    from PySide6.QtTest import QTest

    QTest.mouseMove(view.focusProxy(), map_point(qtbot, view, lat, lng))


def open_story_window(qtbot, open_window, story, size=(1200, 800)):
    """A window of ``size`` with ``story`` opened (its layers loaded and its scenes in the panel)."""
    from hegang_map.qt.presentation import open_story

    win = open_window(size=size)
    done = []
    assert open_story(win, story, then=lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=60_000)
    return win


def start_presenting(qtbot, win, index=0, full_screen=False):
    """Start the window's presentation at scene ``index`` and return it once it shows."""
    pres = win.presentation
    with qtbot.waitSignal(pres.started, timeout=60_000):
        assert pres.start(index, full_screen=full_screen)
    return pres
