"""Framing a scene on any screen: its area fits the map above the caption card, the legend never
hides a ringed place, and the caption is never cut (it shrinks to a size readable from the back row,
then scrolls)."""

from __future__ import annotations

import json

import pytest
from pagetools import open_story_window, page_info, start_presenting, wait_idle

from hegang_map.bundled.stories import bundled_story
from hegang_map.qt.presentation import legible_px


def _present(qtbot, open_window, size):
    win = open_story_window(qtbot, open_window, bundled_story(), size)
    pres = start_presenting(qtbot, win)
    pres.animate = False
    return win, pres


def _settled(qtbot, win, pres):
    """Wait until the page shows the presentation's target view."""
    def there():
        v = page_info(qtbot, win.map_view)["view"]
        t = pres.target_view
        tol = 2 * 360 / (256 * 2 ** t.zoom)  # two pixels: Leaflet rounds the centre to a pixel
        return abs(v["zoom"] - t.zoom) < 1e-6 and abs(v["lat"] - t.lat) < tol and abs(v["lng"] - t.lon) < tol
    qtbot.waitUntil(there, timeout=20_000)
    wait_idle(qtbot, win)


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768), (1920, 1080)])
def test_every_scene_shows_its_area_and_its_rings_clear_of_the_legend(qtbot, open_window, js, size):
    win, pres = _present(qtbot, open_window, size)
    for index, scene in enumerate(win.scenes):
        pres.go(index)
        _settled(qtbot, win, pres)
        w, s, e, n = scene.frame_area()
        bw, bs, be, bn = json.loads(js(win.map_view, "JSON.stringify(hgmapProbe.framingInfo())"))["bounds"]
        assert bw <= w + 1e-6 and bs <= s + 1e-6 and be >= e - 1e-6 and bn >= n - 1e-6, (index + 1, scene.area)

        def framed():
            info = json.loads(js(win.map_view, "JSON.stringify(hgmapProbe.framingInfo())"))
            return info if len(info["rings"]) == sum(len(set(r)) for _lid, r in
                                                     _highlights(win, scene)) else None
        qtbot.waitUntil(lambda: framed() is not None, timeout=20_000)
        info = framed()
        r, box = info["ringRadius"], info["legend"]
        for x, y in info["rings"]:
            assert 0 <= x <= info["width"] and 0 <= y <= info["height"], (index + 1, x, y)
            if box is not None:
                clear = x + r <= box["left"] or x - r >= box["right"] or y + r <= box["top"] or y - r >= box["bottom"]
                assert clear, (index + 1, (x, y), box, info["corner"], info["folded"])
    pres.stop()


def _highlights(win, scene):
    from hegang_map.model.scene import apply_scene

    return apply_scene(scene, win.state, include_view=False).highlights


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_captions_are_never_cut_and_stay_readable_from_the_back_row(qtbot, open_window, size):
    win, pres = _present(qtbot, open_window, size)
    assert pres.caption_label.font().pixelSize() >= legible_px(size[0])
    for index in range(len(win.scenes)):
        pres.go(index)
        qtbot.wait(50)
        viewport = pres.text_scroll.viewport().height()
        needed = pres.text_box.layout().totalHeightForWidth(pres.text_box.width())
        bar = pres.text_scroll.verticalScrollBar()
        # Whole in the card, or the rest a scroll away.
        assert needed <= viewport or bar.maximum() >= needed - viewport - 2, (index + 1, needed, viewport)
    pres.stop()


def test_the_legend_steps_aside_from_a_ring_in_its_corner(qtbot, open_window, js, two_layer_gpkg):
    from hegang_map.model.scene import Highlight, Scene

    win = open_window([two_layer_gpkg], size=(1024, 768))
    points = next(l for l in win.state.layers if l.data.geometry.geom_type.iloc[0] == "Point")
    for layer in win.state.layers:
        layer.visible = layer is points
    hebi = int((points.data["name"] == "Hebi").to_numpy().nonzero()[0][0])
    # Hebi at the area's north-west corner: where the legend sits.
    scene = Scene.from_state(win.state, title="Hebi", area=(114.2, 22.0, 140.0, 35.8))
    scene = scene.evolve(highlights=(Highlight(str(points.source.path), points.source.layer_name, rows=(hebi,)),))
    win.scenes.append(scene)
    pres = start_presenting(qtbot, win, len(win.scenes) - 1)
    _settled(qtbot, win, pres)

    def moved():
        info = json.loads(js(win.map_view, "JSON.stringify(hgmapProbe.framingInfo())"))
        return info if info["rings"] and (info["corner"] == "right" or info["folded"]) else None

    qtbot.waitUntil(lambda: moved() is not None, timeout=20_000)
    info = moved()
    (x, y), r, box = info["rings"][0], info["ringRadius"], info["legend"]
    assert x < info["width"] / 4 and y < info["height"] / 3  # the ring is in the legend's own corner
    assert box is None or x + r <= box["left"] or x - r >= box["right"] or y + r <= box["top"] or y - r >= box["bottom"]
    pres.stop()
