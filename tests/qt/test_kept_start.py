"""A start draws what the last start gave the page, then reads behind it (hegang_map.qt.start_cache)."""

from __future__ import annotations

import pytest
from pagetools import click_map, page_info, run_js, wait_idle


@pytest.fixture
def config(tmp_path, monkeypatch):
    """A config folder of this test's own: nothing is kept in it yet."""
    folder = tmp_path / "config"
    monkeypatch.setenv("HEGANG_MAP_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def unshipped(tmp_path, monkeypatch):
    """No shipped start: a start with nothing kept reads first."""
    import hegang_map.qt.start_cache as start_cache

    monkeypatch.setattr(start_cache, "shipped_dir", lambda: tmp_path / "shipped")


def _window(qtbot):
    from hegang_map.qt.main_window import MainWindow

    win = MainWindow(bundled=True, autosave=False)
    qtbot.addWidget(win)
    win.resize(1600, 1000)  # large enough for the legend to open
    win.show()
    return win


def _thematic(info: dict) -> dict:
    return {lyr["name"]: (lyr["features"], lyr["visible"]) for lyr in info["layers"] if not lyr["basemap"]}


def _legend(qtbot, win) -> str:
    return run_js(qtbot, win.map_view, "(document.getElementById('hg-legend') || {}).innerText || ''")


def _first_start(qtbot) -> tuple[dict, str]:
    """Start once, so that the start is kept; what the page showed, and its legend."""
    from hegang_map.qt.start_cache import load_start

    win = _window(qtbot)
    wait_idle(qtbot, win)
    shown, legend = page_info(qtbot, win.map_view), _legend(qtbot, win)
    win.close()
    kept = load_start()
    assert kept is not None and not kept.shipped
    return shown, legend


def _drawn_before_reading(qtbot, win, first: dict) -> None:
    """The page shows every layer of ``first`` while nothing is read."""

    def drawn():
        info = page_info(qtbot, win.map_view)
        return all(lyr["loaded"] for lyr in info["layers"]) and len(info["layers"]) == len(first["layers"])

    qtbot.waitUntil(lambda: win.map_view.is_ready, timeout=20_000)
    qtbot.waitUntil(drawn, timeout=20_000)
    assert _thematic(page_info(qtbot, win.map_view)) == _thematic(first)
    assert len(win.state.layers) == 0


def test_a_first_start_draws_the_start_the_app_ships_then_keeps_its_own(config, qtbot, qapp, monkeypatch):
    from hegang_map.qt.loader import Loader
    from hegang_map.qt.start_cache import load_start

    shipped = load_start()
    assert shipped is not None and shipped.shipped
    held = []
    monkeypatch.setattr(Loader, "resume", lambda self: held.append(self))
    win = _window(qtbot)
    qtbot.waitUntil(lambda: win.map_view.is_ready, timeout=20_000)
    qtbot.waitUntil(lambda: len(page_info(qtbot, win.map_view)["layers"]) == len(shipped.layers)
                    and all(lyr["loaded"] for lyr in page_info(qtbot, win.map_view)["layers"]), timeout=20_000)
    qtbot.waitUntil(lambda: bool(held))  # the reads are asked to go on once that frame is out...
    assert len(win.state.layers) == 0  # ...and nothing was read before
    shown = {(lyr["name"], lyr["visible"]) for lyr in page_info(qtbot, win.map_view)["layers"]}
    assert shown == {(k.name, k.visible) for k in shipped.layers}
    monkeypatch.undo()
    win.loader.resume()
    wait_idle(qtbot, win)
    assert win.errors == [] and win.map_view.guard.blocked == []
    info = page_info(qtbot, win.map_view)
    assert [lyr["id"] for lyr in info["layers"] if not lyr["basemap"]] == [lyr.id for lyr in win.state.layers.draw_order()]
    kept = load_start()  # this start's own, kept in the user's folder from now on
    assert kept is not None and not kept.shipped
    win.close()


def test_a_later_start_draws_the_last_one_before_reading_then_takes_it_over(config, qtbot, qapp, monkeypatch):
    from hegang_map.qt.loader import Loader

    first, legend = _first_start(qtbot)
    assert "price" in legend

    # Hold the reads: what the page shows now comes from the last start alone.
    held = []
    monkeypatch.setattr(Loader, "resume", lambda self: held.append(self))
    win = _window(qtbot)
    _drawn_before_reading(qtbot, win, first)
    qtbot.waitUntil(lambda: bool(held))  # the reads are asked to go on once that frame is out
    assert _legend(qtbot, win) == legend
    monkeypatch.undo()

    win.loader.resume()
    wait_idle(qtbot, win)
    info = page_info(qtbot, win.map_view)
    # Every kept layer was taken over by its read: the same layers, once each, under the model's ids.
    assert win.controller.kept_replaced == 0
    assert _thematic(info) == _thematic(first)
    assert [lyr["id"] for lyr in info["layers"] if not lyr["basemap"]] == [lyr.id for lyr in win.state.layers.draw_order()]
    assert _legend(qtbot, win) == legend
    # A click identifies the features read, at a facility's own place.
    facilities = next(lyr for lyr in win.state.layers if lyr.name == "facilities")
    point = facilities.data.geometry.iloc[0]
    # Off centre to the upper right: the legend covers the lower left of this small map.
    win.map_view.call("setView", point.y - 0.03, point.x - 0.05, 12, False)
    qtbot.waitUntil(lambda: win.state.view.zoom == 12, timeout=10_000)
    click_map(qtbot, win.map_view, point.y, point.x)
    qtbot.waitUntil(lambda: win.state.selection is not None, timeout=10_000)
    assert win.state.selection.layer_id == facilities.id
    assert win.map_view.guard.blocked == []
    win.close()


def test_a_kept_layer_unlike_its_read_is_replaced(config, qtbot, qapp):
    from hegang_map.qt.start_cache import load_start, save_start

    first, legend = _first_start(qtbot)
    kept = load_start()
    prices = next(k for k in kept.layers if k.key == "city_prices.gpkg/price_annual")
    prices.style["legend"]["title"] = "A title from an older start"
    cities = next(k for k in kept.layers if k.key == "city_prices.gpkg/cities")
    cities.visible = not cities.visible
    assert save_start(kept)

    win = _window(qtbot)
    qtbot.waitUntil(lambda: win.map_view.is_ready, timeout=20_000)
    qtbot.waitUntil(lambda: "A title from an older start" in _legend(qtbot, win), timeout=20_000)
    wait_idle(qtbot, win)
    assert win.controller.kept_replaced == 2
    assert _thematic(page_info(qtbot, win.map_view)) == _thematic(first)
    assert _legend(qtbot, win) == legend
    # The start kept now is this one's, as read.
    kept_now = load_start()
    assert kept_now.layer("city_prices.gpkg/price_annual").style["legend"]["title"] != "A title from an older start"
    assert kept_now.layer("city_prices.gpkg/cities").visible == _thematic(first)["cities"][1]
    win.close()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_kept_start_is_not_used_and_says_nothing(config, unshipped, qtbot, qapp, damage):
    from hegang_map.qt.start_cache import cache_dir, load_start

    first, _legend_text = _first_start(qtbot)
    path = cache_dir() / "start.bin"
    data = path.read_bytes()
    path.write_bytes(b"\x00not a kept start" * 40 if damage == "garbage" else data[: len(data) // 2])
    assert load_start() is None

    win = _window(qtbot)
    wait_idle(qtbot, win)
    assert win.errors == []
    assert _thematic(page_info(qtbot, win.map_view)) == _thematic(first)
    assert load_start() is not None  # kept anew
    win.close()


def test_a_start_changed_by_the_user_before_it_was_read_is_not_kept(config, unshipped, qtbot, qapp):
    from hegang_map.qt.start_cache import load_start

    win = _window(qtbot)
    win.state.basemap = "none"  # the user turns the basemap off while the start is read
    wait_idle(qtbot, win)
    win.close()
    assert load_start() is None  # not the bundled start any more: nothing to draw next time

    win = _window(qtbot)  # ...so the next start is whole, basemap and all
    wait_idle(qtbot, win)
    assert win.state.basemap == "natural_earth"
    assert any(lyr["basemap"] and lyr["loaded"] for lyr in page_info(qtbot, win.map_view)["layers"])
    win.close()
