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


def wait_idle(qtbot, win, timeout=60_000):
    """Wait until every layer of ``win`` is loaded and drawn in the page."""
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
