"""The window follows the figures' label rule: on a scene with rings, labels stand beside the rings,
never on one another, and the quoted prices print with their unit and year."""

from __future__ import annotations

import json

import pytest
from pagetools import open_story_window, start_presenting, wait_idle
from PySide6.QtCore import Qt

from hegang_map.bundled.stories import bundled_story


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("size", [(1366, 768), (1024, 768)])
def test_scene_labels_keep_off_each_other_and_the_rings(qtbot, open_window, js, size):
    win = open_story_window(qtbot, open_window, bundled_story(), size)
    pres = start_presenting(qtbot, win)
    qtbot.keyClick(win, Qt.Key.Key_PageDown)  # scene 2: Hegang and Beijing ringed
    assert pres.index == 1

    def labelled():
        info = json.loads(js(win.map_view, "JSON.stringify(hgmapProbe.labelInfo())"))
        return info if len(info["rings"]) == 2 and any("2,285" in l["text"] for l in info["labels"]) else None

    wait_idle(qtbot, win)
    qtbot.waitUntil(lambda: labelled() is not None, timeout=30_000)
    info = labelled()
    texts = [l["text"] for l in info["labels"]]
    assert "2,285 yuan/m², 2019" in texts and "63,000 yuan/m², 2019" in texts
    boxes = [l["box"] for l in info["labels"]]
    v = info["view"]  # every label whole inside the visible map
    assert all(v[0] <= b[0] and v[1] <= b[1] and b[2] <= v[2] and b[3] <= v[3] for b in boxes), (v, boxes)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not _overlap(a, b), (texts[i], a, b)
        for ring in info["rings"]:
            assert not _overlap(a, ring), (texts[i], ring)
    pres.stop()
