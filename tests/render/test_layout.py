"""Figure layout: the map uses the page, its parts sit inside the frame without overlapping,
the user's choices (parts shown, parts moved) are kept, and handouts carry each scene's caption."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from hegang_map.bundled.paths import geodata_dir
from hegang_map.bundled.stories import bundled_story
from hegang_map.cli import main
from hegang_map.export.basemap import bundled_basemap
from hegang_map.export.inputs import load_input
from hegang_map.io.errors import DataError
from hegang_map.io.project import from_dict, project_from_state, read_project, save_project, to_dict
from hegang_map.model.layout import FigureLayout
from hegang_map.model.scene import SceneList, caption_plain
from hegang_map.render.placement import overlaps
from hegang_map.render.static import ExportOptions, render_figure

INSIDE = ("legend", "scale_bar", "north_arrow", "inset")


def _prices():
    return load_input(geodata_dir() / "city_prices.gpkg").state


def _area(box) -> float:
    return box[2] * box[3]


@pytest.mark.parametrize("size", ["A4", "A4-landscape"])
def test_the_map_takes_at_least_70_percent_of_an_a4_page(size):
    state = _prices()
    info = render_figure(state, ExportOptions(size=size, dpi=72, title="Resale prices"), bundled_basemap())[1]
    assert _area(info.boxes["map"]) >= 0.70
    # Title above, sources below: neither overlaps the map.
    assert not overlaps(info.boxes["title"], info.boxes["map"])
    assert not overlaps(info.boxes["credits"], info.boxes["map"])


@pytest.mark.parametrize("size", ["A4", "A4-landscape", "1920x1080px", "180x120mm"])
def test_legend_scale_bar_arrow_and_inset_sit_inside_the_frame_apart(size):
    info = render_figure(_prices(), ExportOptions(size=size, dpi=72), bundled_basemap())[1]
    mx, my, mw, mh = info.boxes["map"]
    parts = [n for n in INSIDE if n in info.boxes]
    assert {"legend", "scale_bar", "north_arrow", "inset"} <= set(parts)
    for n in parts:
        x, y, w, h = info.boxes[n]
        assert mx - 1e-9 <= x and x + w <= mx + mw + 1e-9 and my - 1e-9 <= y and y + h <= my + mh + 1e-9, n
    for i, a in enumerate(parts):
        for b in parts[i + 1:]:
            assert not overlaps(info.boxes[a], info.boxes[b]), (a, b)


def test_a_moved_legend_stays_where_the_user_put_it_on_any_page():
    layout = FigureLayout().moved("legend", 0.6, 0.3)
    for size in ("A4", "A4-landscape"):
        state = _prices()
        state.layout = layout
        info = render_figure(state, ExportOptions(size=size, dpi=72, layout=layout), bundled_basemap())[1]
        mx, my, mw, mh = info.boxes["map"]
        x, y, _w, _h = info.boxes["legend"]
        assert (x - mx) / mw == pytest.approx(0.6, abs=1e-6)
        assert (y - my) / mh == pytest.approx(0.3, abs=1e-6)


def test_hidden_parts_are_not_drawn(tmp_path):
    layout = FigureLayout().showing("legend", False).showing("north_arrow", False).showing("credits", False)
    out = tmp_path / "bare.svg"
    state = _prices()
    state.layout = layout
    from hegang_map.render.static import export_map

    info = export_map(state, out, ExportOptions(size="A4", layout=layout), bundled_basemap())
    svg = out.read_text(encoding="utf-8")
    assert "legend" not in info.boxes and "north_arrow" not in info.boxes and "credits" not in info.boxes
    assert 'id="legend' not in svg and 'id="north-arrow' not in svg and 'id="credits' not in svg
    assert 'id="scalebar-label' in svg
    assert _area(info.boxes["map"]) > 0.8  # the room of the footer went to the map


def test_a_legend_heading_is_never_left_at_the_foot_of_a_column():
    from matplotlib.text import Text

    state = load_input(bundled_story()).state
    for lyr in state.layers:
        lyr.visible = True
    fig, info = render_figure(state, ExportOptions(size="180x120mm", dpi=72), bundled_basemap())
    legend_ax = [ax for ax in fig.axes if ax.get_gid() == "legend"][0]
    texts = [t for t in legend_ax.findobj(Text) if t.get_gid() in ("legend-title", "legend-entry")]
    for title in (t for t in texts if t.get_gid() == "legend-title"):
        x, y = title.get_position()
        below = [t for t in texts if abs(t.get_position()[0] - x) < 40 and t.get_position()[1] < y]
        assert below, f"heading {title.get_text()!r} ends its column"


def test_layout_is_saved_with_the_project_and_checked_when_read(tmp_path):
    state = _prices()
    state.layout = FigureLayout().moved("legend", 0.1, 0.2).showing("inset", False)
    doc = to_dict(project_from_state(state), tmp_path)
    assert doc["layout"] == {"hide": ["inset"], "places": {"legend": [0.1, 0.2]}}
    assert from_dict(json.loads(json.dumps(doc)), tmp_path).layout == state.layout
    for bad in ({"hide": ["legend", "tiltle"]}, {"places": {"legend": [0.2, 7]}}, {"places": {"title": [0, 0]}},
                {"places": {"legend": [0.1]}}, []):
        with pytest.raises(DataError, match="layout"):
            from_dict({**doc, "layout": bad}, tmp_path)


def test_export_of_a_project_and_its_sidecar_keep_the_layout(tmp_path):
    project = tmp_path / "p.hgmap"
    shutil.copy(geodata_dir() / "city_prices.gpkg", tmp_path / "prices.gpkg")
    state = load_input(tmp_path / "prices.gpkg").state
    state.layout = FigureLayout().moved("legend", 0.55, 0.05).showing("north_arrow", False)
    save_project(state, project)
    out = tmp_path / "map.svg"
    assert main(["export", str(project), "--out", str(out), "--sidecar"]) == 0
    svg = out.read_text(encoding="utf-8")
    assert 'id="north-arrow' not in svg and 'id="legend' in svg
    sidecar = json.loads((tmp_path / "map.svg.json").read_text(encoding="utf-8"))
    assert sidecar["project"]["layout"]["places"] == {"legend": [0.55, 0.05]}
    again = tmp_path / "again.svg"
    assert main(["export", str(tmp_path / "map.svg.json"), "--out", str(again)]) == 0
    assert 'id="north-arrow' not in again.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_handout_page_carries_its_scene_caption_and_citations(tmp_path, lang):
    out = tmp_path / "story.pdf"
    assert main(["export", str(bundled_story()), "--all-scenes", "--out", str(out), "--lang", lang]) == 0
    scenes = SceneList.from_dicts(read_project(bundled_story()).scenes)[0]
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    pages = text.split("\f")
    cited = "Cited:" if lang == "en" else "引用："
    for number, scene in enumerate(scenes, start=1):
        page = " ".join(pages[number - 1].split())
        first_words = " ".join(caption_plain(scene.caption_in(lang)).split())[:12]
        assert first_words in page, (number, first_words)
        assert cited in page


@pytest.mark.parametrize("south, inset", [(35.0, True), (4.0, False)])
def test_the_inset_never_covers_a_layer_drawn_in_its_corner(tmp_path, south, inset):
    """A layer over the corner the inset would take (the lower right, over the South China Sea) keeps it."""
    import geopandas as gpd
    from shapely.geometry import box

    from hegang_map.model import Layer, LayerSource

    state = _prices()
    sheet = gpd.GeoDataFrame({"v": [1]}, geometry=[box(110.0, south, 136.0, 40.0)], crs=4326)
    state.layers.append_top(Layer(sheet, "sheet", LayerSource(tmp_path / "sheet.gpkg", "sheet")))
    info = render_figure(state, ExportOptions(size="A4-landscape", dpi=72, extent=(73.5, 18.0, 135.1, 53.6)),
                         bundled_basemap())[1]
    assert ("inset" in info.boxes) is inset


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)")
@pytest.mark.parametrize("lang, name, term", [("en", "Natural Earth", "natural breaks"),
                                              ("zh", "Natural Earth", "自然间断点")])
def test_a_source_name_and_a_legend_term_are_never_broken_across_lines(tmp_path, lang, name, term):
    """A4 portrait: the scene's credits and the legend's title wrap, between names and terms, not inside them."""
    out = tmp_path / "scene.pdf"
    assert main(["export", str(bundled_story()), "--scene", "3", "--out", str(out), "--lang", lang]) == 0
    lines = [" ".join(line.split()) for line in subprocess.run(
        ["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.splitlines()]
    assert any(name in line for line in lines), [line for line in lines if name.split()[0] in line]
    assert any(term in line for line in lines), [line for line in lines if term[:2] in line]
