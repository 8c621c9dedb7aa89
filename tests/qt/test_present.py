"""Presentation mode: keys through every scene, restore on Esc, missing layers, projector theme, screenshots."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from pagetools import open_story_window, page_info, start_presenting, wait_idle
from PySide6.QtCore import Qt

from hegang_map.model.scene import Scene, layer_key
from hegang_map.bundled.stories import bundled_story

SHOTS = Path(os.environ.get("HEGANG_MAP_SHOTS", "")) if os.environ.get("HEGANG_MAP_SHOTS") else None


def _open_story(qtbot, open_window, story: Path, size=(1200, 800)):
    return open_story_window(qtbot, open_window, story, size)


def _start(qtbot, win, full_screen=False, index=0):
    return start_presenting(qtbot, win, index, full_screen)


def _page_view(qtbot, win, target):
    """Wait until the page shows ``target`` (a View) and return what it reports."""
    box = {}
    tol = 2 * 360 / (256 * 2 ** target.zoom)  # Leaflet puts the centre on a whole pixel

    def there():
        info = page_info(qtbot, win.map_view)
        box["v"] = info["view"]
        v = info["view"]
        return abs(v["lat"] - target.lat) < tol and abs(v["lng"] - target.lon) < tol and v["zoom"] == target.zoom

    try:
        qtbot.waitUntil(there, timeout=15_000)
    except Exception:
        raise AssertionError(f"page view {box.get('v')} != {target}") from None
    return box["v"]


def _check_scene(qtbot, win, pres, number):
    scene = win.scenes[number - 1]
    assert pres.index == number - 1
    card = pres.card_text()
    assert card["title"] == scene.title_in(pres.lang)
    assert card["caption"] == scene.caption_in(pres.lang)
    assert card["counter"].startswith(f"{number} / {len(win.scenes)}")
    wanted = {sl.key for sl in scene.layers}
    shown = {layer_key(l.source.path, l.source.layer_name) for l in win.state.layers if l.visible}
    assert shown == wanted
    if scene.period is not None:
        timed = [l for l in win.state.layers if l.visible and l.style.time is not None]
        assert timed and all(l.style.time.current == scene.period for l in timed)
    _page_view(qtbot, win, pres.target_view)
    info = page_info(qtbot, win.map_view)
    page_visible = {l["id"] for l in info["layers"] if l["visible"] and not l["basemap"]}
    assert page_visible == {l.id for l in win.state.layers if l.visible}


def test_keys_walk_through_every_scene_of_the_bundled_story(qtbot, open_window):
    win = _open_story(qtbot, open_window, bundled_story())
    assert len(win.scenes) == 7
    pres = _start(qtbot, win)
    pres.animate = True  # fly between scenes, as in the room
    _check_scene(qtbot, win, pres, 1)
    for number, key in zip(range(2, 8), (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space,
                                         Qt.Key.Key_Return, Qt.Key.Key_Right, Qt.Key.Key_Right)):
        qtbot.keyClick(win, key)
        _check_scene(qtbot, win, pres, number)
    qtbot.keyClick(win, Qt.Key.Key_Right)  # stays on the last
    _check_scene(qtbot, win, pres, 7)
    for number, key in ((6, Qt.Key.Key_Left), (5, Qt.Key.Key_PageUp), (4, Qt.Key.Key_Backspace)):
        qtbot.keyClick(win, key)
        _check_scene(qtbot, win, pres, number)
    qtbot.keyClick(win, Qt.Key.Key_Home)
    _check_scene(qtbot, win, pres, 1)
    qtbot.keyClick(win, Qt.Key.Key_End)
    _check_scene(qtbot, win, pres, 7)
    qtbot.keyClick(win, Qt.Key.Key_4)
    assert "→ 4" in pres.card_text()["counter"]
    qtbot.keyClick(win, Qt.Key.Key_Enter)
    _check_scene(qtbot, win, pres, 4)
    qtbot.keyClick(win, Qt.Key.Key_L)
    assert pres.lang == "zh" and pres.card_text()["title"] == win.scenes[3].title_in("zh")
    qtbot.keyClick(win, Qt.Key.Key_L)
    assert pres.lang == "en"


def test_pagedown_advances_and_highlights_reach_the_page(qtbot, open_window, js):
    win = _open_story(qtbot, open_window, bundled_story())
    pres = _start(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_PageDown)
    assert pres.index == 1
    info = json.loads(js(win.map_view, "JSON.stringify(hgmapProbe.projectorInfo())"))
    assert info["on"] and info["stroke"] > 1 and info["label"] > 1
    cities = next(l for l in win.state.layers if l.source.layer_name == "cities")
    rows = next(h["rows"] for h in info["highlights"] if h["id"] == cities.id)
    assert sorted(cities.data["name_en"].iloc[rows]) == ["Beijing", "Hegang"]


def test_blank_and_pointer_hiding(qtbot, open_window):
    from PySide6.QtWidgets import QApplication

    win = _open_story(qtbot, open_window, bundled_story())
    pres = win.presentation
    pres.idle_ms = 30
    _start(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_B)
    assert pres.blanked and pres.blank.isVisible() and pres.blank.geometry() == win.rect()
    qtbot.keyClick(win, Qt.Key.Key_B)
    assert not pres.blank.isVisible()
    qtbot.waitUntil(lambda: QApplication.overrideCursor() is not None
                    and QApplication.overrideCursor().shape() == Qt.CursorShape.BlankCursor, timeout=5000)
    qtbot.mouseMove(win.map_view, win.map_view.rect().center())
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert QApplication.overrideCursor() is None


def test_escape_restores_the_window_as_it_was(qtbot, open_window):
    win = _open_story(qtbot, open_window, bundled_story())
    win.table_dock.show()
    geometry, docks = win.geometry(), {d.objectName(): d.isVisible() for d in win.findChildren(
        __import__("PySide6.QtWidgets", fromlist=["QDockWidget"]).QDockWidget)}
    layers = {l.id: (l.visible, l.style, l.opacity) for l in win.state.layers}
    wait_idle(qtbot, win)
    view = win.state.view
    pres = _start(qtbot, win, full_screen=True)
    assert win.isFullScreen() and not win.menuBar().isVisible() and pres.card.isVisible()
    assert not win.layers_dock.isVisible()
    qtbot.keyClick(win, Qt.Key.Key_End)
    with qtbot.waitSignal(pres.stopped):
        qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert not pres.active and not win.isFullScreen()
    try:
        qtbot.waitUntil(lambda: win.geometry() == geometry, timeout=5000)
    except Exception:
        raise AssertionError(f"{win.geometry()} != {geometry}") from None
    assert {d.objectName(): d.isVisible() for d in win.findChildren(type(win.layers_dock))} == docks
    assert win.menuBar().isVisible() and win.statusBar().isVisible()
    assert {l.id: (l.visible, l.style, l.opacity) for l in win.state.layers} == layers
    assert win.state.view == view
    _page_view(qtbot, win, view)
    assert not win.projects.dirty


def test_a_presentation_leaves_no_recovery_copy_to_offer_after_a_crash(qtbot, open_window):
    win = _open_story(qtbot, open_window, bundled_story())
    wait_idle(qtbot, win)
    pres = _start(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_End)  # scenes change layers, periods and views
    assert win.autosave.save_now() is None
    assert not win.autosave.path.exists()  # a crash now leaves nothing to "restore"
    with qtbot.waitSignal(pres.stopped):
        qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert win.autosave.save_now() is None and not win.projects.dirty


def test_story_with_a_missing_layer_file_still_presents(qtbot, open_window, tmp_path):
    # The bundled story beside a copy of one GeoPackage; the others are missing.
    data = tmp_path / "geodata"
    data.mkdir()
    shutil.copy(bundled_story().parent.parent.parent / "geodata" / "hegang_welfare.gpkg", data)
    (tmp_path / "resources" / "stories").mkdir(parents=True)
    story = tmp_path / "resources" / "stories" / "hegang.hgmap"
    shutil.copy(bundled_story(), story)
    win = _open_story(qtbot, open_window, story)
    pres = _start(qtbot, win)
    assert pres.index == 0 and pres.card_text()["title"] == "A national price gradient"
    assert "city_prices.gpkg:price_annual" in pres.card_text()["notice"]
    assert pres.notice_label.isVisible()
    qtbot.keyClick(win, Qt.Key.Key_4)
    qtbot.keyClick(win, Qt.Key.Key_Return)
    assert pres.index == 3 and pres.card_text()["notice"] == ""
    assert {l.source.layer_name for l in win.state.layers if l.visible} == {
        "reference_points", "coal_mines", "mine_boundaries"}
    from PySide6.QtWidgets import QMessageBox

    assert not [b for b in win.findChildren(QMessageBox) if b.isVisible()]
    qtbot.keyClick(win, Qt.Key.Key_Escape)


def test_a_story_without_its_data_shows_no_open_a_file_hint_on_the_projector(qtbot, open_window, tmp_path, js):
    (tmp_path / "resources" / "stories").mkdir(parents=True)
    story = tmp_path / "resources" / "stories" / "hegang.hgmap"
    shutil.copy(bundled_story(), story)  # no geodata beside it: no layer opens
    win = _open_story(qtbot, open_window, story)
    hint = "(() => { const e = document.getElementById('hg-hint'); return !!e && e.style.display !== 'none'; })()"
    assert not len(win.state.layers) and js(win.map_view, hint)  # the editor offers to open a file
    pres = _start(qtbot, win)
    assert pres.notice_label.isVisible()  # the card says what is missing
    assert not js(win.map_view, hint)
    with qtbot.waitSignal(pres.stopped):
        qtbot.keyClick(win, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: js(win.map_view, hint))


def test_present_adds_scene_layers_the_map_lacks_and_removes_them_after(qtbot, open_window, two_layer_gpkg):
    win = open_window([two_layer_gpkg])
    win.scenes_panel.add_scene()
    story_scene = Scene.from_dict(json.loads(bundled_story().read_text())["scenes"][3], bundled_story().parent)
    win.scenes.append(story_scene)
    before = [l.id for l in win.state.layers]
    _start(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_Right)
    assert {l.source.layer_name for l in win.state.layers if l.visible} == {
        "reference_points", "coal_mines", "mine_boundaries"}
    qtbot.keyClick(win, Qt.Key.Key_Escape)
    assert [l.id for l in win.state.layers] == before


@pytest.mark.parametrize("size", [(1024, 768), (1920, 1080)])
def test_screenshot_of_presentation(qtbot, open_window, size, tmp_path, js):
    win = _open_story(qtbot, open_window, bundled_story(), size=size)
    pres = _start(qtbot, win, full_screen=False)
    pres.animate = False
    for index, lang in ((0, "en"), (1, "zh"), (4, "en")):
        pres.set_language(lang)
        pres.go(index)
        _page_view(qtbot, win, pres.target_view)
        wait_idle(qtbot, win)
        for lyr in [l for l in win.state.layers if l.visible]:  # class arrays in: the filter is drawn
            qtbot.waitUntil(lambda lid=lyr.id: js(win.map_view, f"hgmapProbe.styleState({json.dumps(lid)}).classed"))
        image = win.grab()
        assert image.width() == size[0]
        out = (SHOTS or tmp_path) / f"present-{size[0]}x{size[1]}-scene{index + 1}-{lang}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        assert image.save(str(out))
    assert pres.title_label.font().pixelSize() >= 32
    pres.stop()


def test_on_a_1024_projector_every_scene_shows_its_whole_legend(qtbot, open_window, js):
    """Nobody scrolls a projected legend: each scene's legend is whole, over the map, clear of the scale bar."""
    win = _open_story(qtbot, open_window, bundled_story(), size=(1024, 768))
    pres = _start(qtbot, win)
    pres.animate = False
    pres.set_language("zh")
    script = """JSON.stringify((() => {
        const e = document.getElementById("hg-legend"), r = e.getBoundingClientRect();
        const scale = document.querySelector(".leaflet-control-scale").getBoundingClientRect();
        return {shown: getComputedStyle(e).display !== "none", bottom: r.bottom, scaleTop: scale.top,
                scrolls: e.scrollHeight > e.clientHeight + 1, entries: e.querySelectorAll(".hg-legend-entry").length,
                zoom: parseFloat(e.style.zoom)};
    })())"""
    try:
        for index in range(len(win.scenes)):
            pres.go(index)
            _page_view(qtbot, win, pres.target_view)
            wait_idle(qtbot, win)
            legend = json.loads(js(win.map_view, script))
            if not legend["shown"] or not legend["entries"]:
                continue  # folded off a ringed place, or a scene without a legend
            assert not legend["scrolls"], (index, legend)
            assert legend["bottom"] <= legend["scaleTop"], (index, legend)
            assert legend["zoom"] >= 1  # still larger than the window's legend
    finally:
        pres.set_language("en")  # the app's language: the next test's too
        pres.stop()


def test_f5_on_a_map_without_scenes_offers_the_hegang_story(qtbot, open_window):
    from PySide6.QtWidgets import QMessageBox

    win = open_window()
    assert not len(win.scenes)
    qtbot.keyClick(win, Qt.Key.Key_F5)
    boxes = [b for b in win.findChildren(QMessageBox) if b.objectName() == "noScenesDialog" and b.isVisible()]
    assert len(boxes) == 1 and "no scenes" in boxes[0].text()
    with qtbot.waitSignal(win.presentation.started, timeout=90_000):
        boxes[0].story_button.click()
    assert win.presentation.active and len(win.scenes) == 7
    with qtbot.waitSignal(win.presentation.stopped):
        qtbot.keyClick(win, Qt.Key.Key_Escape)


def test_the_year_and_the_legend_stand_clear_of_the_credits_line_on_the_projector(qtbot, open_window, js):
    """The projector theme runs the credits along the top of the map, where the year and the legend stood."""
    win = _open_story(qtbot, open_window, bundled_story(), size=(1024, 768))
    _start(qtbot, win)
    script = """JSON.stringify(["hg-period", "hg-legend", "hg-attribution"].map(id => {
        const e = document.getElementById(id), r = e.getBoundingClientRect();
        return {shown: getComputedStyle(e).display !== "none" && !!e.textContent, top: r.top, bottom: r.bottom};
    }))"""
    period, legend, credits = json.loads(js(win.map_view, script))
    # The first scene shows a year, a legend and its sources.
    assert period["shown"] and legend["shown"] and credits["shown"]
    assert period["top"] >= credits["bottom"], (period, credits)
    assert legend["top"] >= credits["bottom"], (legend, credits)
