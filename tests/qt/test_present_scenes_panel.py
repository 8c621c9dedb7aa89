"""Scenes dock: add, rename, reorder (model drop), duplicate, delete; scenes saved in and read from the project."""

from __future__ import annotations

import json

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QStyleOptionViewItem


def test_scene_actions_edit_the_scene_list_and_the_project(qtbot, open_window, two_layer_gpkg, tmp_path):
    win = open_window([two_layer_gpkg])
    panel, scenes, a = win.scenes_panel, win.scenes, win.actions
    a["scene_add"].trigger()
    a["scene_add"].trigger()
    assert [s.title_in("en") for s in scenes] == ["Scene 1", "Scene 2"]
    assert set(scenes[0].visible_names) == {lyr.name for lyr in win.state.layers if lyr.visible}
    model = panel.model
    assert model.setData(model.index(0), "Hegang <b>first</b>")
    assert scenes[0].title_in("en") == "Hegang <b>first</b>"  # a title is plain text, shown as text
    assert model.data(model.index(0)) == "Hegang <b>first</b>"
    shown = QStyleOptionViewItem()
    panel.view.itemDelegate().initStyleOption(shown, model.index(0))
    assert shown.text == "1. Hegang <b>first</b>"  # numbered where it is shown
    # Drag the first row below the second (what the view's drop does).
    mime = model.mimeData([model.index(0)])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert [s.title_in("en") for s in scenes] == ["Scene 2", "Hegang <b>first</b>"]
    panel.select(1)
    a["scene_duplicate"].trigger()
    assert len(scenes) == 3 and scenes[2] == scenes[1]
    panel.caption.setPlainText("Line <script>x</script>\n\nSecond")
    panel.apply_caption.click()
    assert scenes[2].caption_in("en") == "<p>Line &lt;script&gt;x&lt;/script&gt;</p><p>Second</p>"
    win.state.layers[0].visible = False
    a["scene_update"].trigger()
    assert scenes[2].caption_in("en").startswith("<p>Line") and len(scenes[2].layers) == len(scenes[1].layers) - 1
    a["scene_delete"].trigger()
    assert len(scenes) == 2
    assert win.projects.dirty
    path = tmp_path / "s.hgmap"
    assert win.projects.save_to(path)
    doc = json.loads(path.read_text())
    assert [s["title"]["en"] for s in doc["scenes"]] == ["Scene 2", "Hegang <b>first</b>"]
    scenes.set_all([])
    with qtbot.waitSignal(win.projects.opened, timeout=60_000):
        win.projects.open_project(path)
    assert [s.title_in("en") for s in win.scenes] == ["Scene 2", "Hegang <b>first</b>"]


def test_f5_with_no_scenes_says_so_and_does_nothing(qtbot, open_window):
    win = open_window()
    win.actions["present"].trigger()
    assert not win.presentation.active
    assert "No scenes" in win.statusBar().currentMessage()


def test_an_empty_scenes_panel_says_how_to_get_scenes_and_links_the_bundled_story(qtbot, open_window):
    win = open_window()
    panel = win.scenes_panel
    assert not len(win.scenes)
    assert not panel.hint.isHidden() and "Add Scene" in panel.hint.text() and 'href="#story"' in panel.hint.text()
    panel.hint.linkActivated.emit("#story")  # the link, as a click on it sends it
    qtbot.waitUntil(lambda: len(win.scenes) == 7, timeout=90_000)
    assert panel.hint.isHidden()
