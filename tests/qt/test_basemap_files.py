"""Basemap files in the window: added, drawn from the app's own scheme, ordered,
faded, hidden, saved with the project; a bad one said once."""

from __future__ import annotations

import json

import basemap_samples as samples
import pytest
from PySide6.QtCore import Qt

from hegang_map.model.map_state import View
from pagetools import run_js, wait_page_size


def tile_layers(qtbot, view) -> list[dict]:
    return json.loads(run_js(qtbot, view, "JSON.stringify(hgmapProbe.tileLayers())"))


def color_at_centre(view):
    image = view.grab().toImage()
    c = image.pixelColor(image.width() // 2, image.height() // 2)
    return c.red(), c.green(), c.blue()


def wait_tiles(qtbot, view, count: int = 1) -> list[dict]:
    qtbot.waitUntil(lambda: len(tile_layers(qtbot, view)) == count
                    and all(t["shown"] > 0 for t in tile_layers(qtbot, view) if t["visible"]), timeout=20_000)
    return tile_layers(qtbot, view)


@pytest.fixture
def window_at_zoom_2(open_window, qtbot):
    win = open_window()
    win.state.basemap = "none"
    win.state.view = View(20.0, 100.0, 2.0)
    wait_page_size(qtbot, win.map_view)
    return win


def test_added_mbtiles_is_drawn_under_the_layers_and_credited(window_at_zoom_2, qtbot, tmp_path):
    win = window_at_zoom_2
    path = samples.mbtiles(tmp_path / "city.mbtiles")
    with qtbot.waitSignal(win.map_view.scheme.tiles.served, timeout=20_000):
        win.add_basemap_file(path)
    layers = wait_tiles(qtbot, win.map_view)
    assert layers[0]["visible"] and layers[0]["failed"] == 0
    # What the user sees in the middle of the map is the tiles' colour at zoom 2.
    qtbot.waitUntil(lambda: color_at_centre(win.map_view) == samples.COLORS[2], timeout=10_000)
    attribution = run_js(qtbot, win.map_view, "document.getElementById('hg-attribution').textContent")
    assert "Sample tiles © test" in attribution and "<a" not in attribution
    assert [b.path for b in win.state.basemap_files] == [path]
    assert win.projects.dirty


@pytest.mark.parametrize("kind", ["pmtiles", "folder", "vector", "geotiff", "jpeg", "webp"])
def test_every_kind_of_basemap_file_reaches_the_page(window_at_zoom_2, qtbot, tmp_path, kind):
    win = window_at_zoom_2
    path = {"pmtiles": lambda: samples.pmtiles(tmp_path / "a.pmtiles"),
            "folder": lambda: samples.tile_folder(tmp_path / "tiles", tms=True),
            "vector": lambda: samples.mbtiles(tmp_path / "v.mbtiles", fmt="pbf"),
            "jpeg": lambda: samples.mbtiles(tmp_path / "j.mbtiles", fmt="jpg"),
            "webp": lambda: samples.tile_folder(tmp_path / "webp", fmt="webp"),
            "geotiff": lambda: samples.geotiff(tmp_path / "ortho.tif", crs="EPSG:32652",
                                               bounds=(590000, 5220000, 620000, 5250000))}[kind]()
    served = []
    win.map_view.scheme.tiles.served.connect(served.append)
    win.add_basemap_file(path)
    layers = wait_tiles(qtbot, win.map_view)
    assert layers[0]["failed"] == 0 and served
    assert win.errors == []
    if kind == "geotiff":  # the view went to the orthophoto, near Hegang
        assert 47.0 < win.state.view.lat < 47.5 and 130.0 < win.state.view.lon < 130.6


def test_order_opacity_and_visibility_follow_the_dialog(window_at_zoom_2, qtbot, tmp_path):
    win = window_at_zoom_2
    first = samples.mbtiles(tmp_path / "first.mbtiles")
    second = samples.pmtiles(tmp_path / "second.pmtiles")
    win.add_basemap_file(first)
    win.add_basemap_file(second)
    wait_tiles(qtbot, win.map_view, 2)
    win.show_basemap_files()
    from hegang_map.qt.basemap_files_dialog import BasemapFilesDialog

    dialog = win.findChild(BasemapFilesDialog, "basemapFilesDialog")
    listing = dialog.list
    assert [listing.item(i).text() for i in range(listing.count())] == ["second.pmtiles", "first.mbtiles"]
    # Fade the top one, hide it, then move it under the other, as a user does with the widgets.
    listing.setCurrentRow(0)
    dialog.opacity.setValue(40)
    qtbot.waitUntil(lambda: [round(t["opacity"], 2) for t in tile_layers(qtbot, win.map_view)] == [1.0, 0.4])
    listing.item(0).setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: [t["visible"] for t in tile_layers(qtbot, win.map_view)] == [True, False])
    dialog.buttons["down"].click()
    assert [b.path.name for b in win.state.basemap_files] == ["second.pmtiles", "first.mbtiles"]
    qtbot.waitUntil(lambda: sorted((t["zIndex"], t["visible"]) for t in tile_layers(qtbot, win.map_view))
                    == [(1, False), (2, True)])
    dialog.buttons["remove"].click()  # the current row stays on the moved one: second.pmtiles
    assert [b.path.name for b in win.state.basemap_files] == ["first.mbtiles"]
    qtbot.waitUntil(lambda: len(tile_layers(qtbot, win.map_view)) == 1)
    dialog.reject()


@pytest.mark.parametrize("content", [b"SQLite format 3\x00" + b"\x00" * 200, b"PMTiles\x03" + b"\xff" * 200,
                                     b"II*\x00" + b"\x00" * 100, b"<VRTDataset><VRTRasterBand/></VRTDataset>"])
def test_a_damaged_basemap_file_is_said_once_and_nothing_is_added(window_at_zoom_2, qtbot, tmp_path, content):
    win = window_at_zoom_2
    bad = tmp_path / "bad.mbtiles"
    bad.write_bytes(content)
    win.add_basemap_file(bad)
    assert len(win.errors) == 1 and "bad.mbtiles" in win.errors[0] and "\n" not in win.errors[0]
    assert win.state.basemap_files == ()
    assert bad.read_bytes() == content  # reading never writes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.mbtiles"]
    # The window goes on: a good one still draws.
    win.add_basemap_file(samples.mbtiles(tmp_path / "good.mbtiles"))
    wait_tiles(qtbot, win.map_view)


def test_basemap_files_are_saved_with_the_project_and_come_back(window_at_zoom_2, qtbot, tmp_path, open_window):
    win = window_at_zoom_2
    (tmp_path / "maps").mkdir()
    path = samples.mbtiles(tmp_path / "maps" / "city.mbtiles")
    win.add_basemap_file(path)
    wait_tiles(qtbot, win.map_view)
    project = tmp_path / "work.hgmap"
    assert win.projects.save_to(project)
    saved = json.loads(project.read_text("utf-8"))
    assert saved["basemap_files"] == [{"path": "maps/city.mbtiles", "opacity": 1.0, "visible": True}]
    other = open_window()
    other.projects.open_project(project)
    qtbot.waitUntil(lambda: [b.path for b in other.state.basemap_files] == [path], timeout=20_000)
    wait_tiles(qtbot, other.map_view)


def test_a_missing_basemap_file_in_a_project_is_said_and_kept(open_window, qtbot, tmp_path):
    project = tmp_path / "p.hgmap"
    project.write_text(json.dumps({"format": "hegang-map-project", "format_version": 1, "layers": [],
                                   "basemap_files": [{"path": "gone.mbtiles", "opacity": 0.5}]}), "utf-8")
    win = open_window()
    win.projects.open_project(project)
    qtbot.waitUntil(lambda: len(win.errors) == 1, timeout=20_000)
    assert "gone.mbtiles" in win.errors[0]
    assert [b.path.name for b in win.state.basemap_files] == ["gone.mbtiles"]
    assert tile_layers(qtbot, win.map_view) == []


def test_hostile_basemap_files_make_no_request(window_at_zoom_2, qtbot, tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "io"))
    from hostile_gdal import Listener

    listener = Listener()
    win = window_at_zoom_2
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{listener.url}/tile.png"/></svg>').encode()
    # Tiles that are no pictures (an SVG fetching from the network), and a credit that is HTML with a picture.
    tiles = samples.mbtiles(tmp_path / "svg.mbtiles", zooms=[0, 1, 2], metadata={
        "attribution": f'<img src="{listener.url}/credit.png">Evil &amp; co'},
        tiles={(z, x, y): svg for z in (0, 1, 2) for x in range(2 ** z) for y in range(2 ** z)}
        | {(0, 0, 0): samples.png((1, 2, 3))})
    vrt = tmp_path / "remote.tif"
    vrt.write_text(f"<VRTDataset rasterXSize='1' rasterYSize='1'><VRTRasterBand dataType='Byte' band='1'>"
                   f"<SimpleSource><SourceFilename>/vsicurl/{listener.url}/x.tif</SourceFilename></SimpleSource>"
                   f"</VRTRasterBand></VRTDataset>")
    win.add_basemap_file(vrt)
    assert len(win.errors) == 1 and "remote.tif" in win.errors[0]
    win.add_basemap_file(tiles)
    qtbot.waitUntil(lambda: len(tile_layers(qtbot, win.map_view)) == 1, timeout=20_000)
    qtbot.waitUntil(lambda: tile_layers(qtbot, win.map_view)[0]["loaded"] + tile_layers(qtbot, win.map_view)[0][
        "failed"] >= 4, timeout=20_000)
    attribution = run_js(qtbot, win.map_view, "document.getElementById('hg-attribution').textContent")
    assert "Evil" in attribution and "<img" not in attribution
    assert run_js(qtbot, win.map_view, "document.querySelectorAll('#hg-attribution img').length") == 0
    assert listener.heard == [] and win.map_view.guard.blocked == []
    listener.close()
