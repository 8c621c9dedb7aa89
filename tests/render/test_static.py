"""The static renderer: page sizes, geodesic scale bar, true north, atomic writes, Chinese text."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET

import geopandas as gpd
import pytest
from pyproj import Geod, Proj
from shapely.geometry import Point

from hegang_map.model import Layer, LayerSource, LayerStyle, MapState
from hegang_map.model.style import LabelSpec
from hegang_map.render import static
from hegang_map.render.paper import parse_size
from hegang_map.render.static import ExportOptions, choose_crs, export_map


@pytest.mark.parametrize("text, dpi, pixels", [
    ("A4", 300, (2480, 3508)),
    ("A4-landscape", 300, (3508, 2480)),
    ("A3", 300, (3508, 4961)),
    ("A4", 600, (4961, 7016)),
    ("180x120mm", 300, (2126, 1417)),
    ("1920x1080px", 300, (1920, 1080)),
    ("1920x1080px", 96, (1920, 1080)),
])
def test_page_sizes_give_the_pixels_paper_and_dpi_imply(text, dpi, pixels):
    page = parse_size(text)
    assert page.pixels(dpi) == pixels
    w, h = page.inches(dpi)
    assert (int(w * dpi), int(h * dpi)) == pixels  # what Agg will allocate


@pytest.mark.parametrize("bad", ["B5", "A4-sideways", "0x0mm", "1920x1080", "10x10px"])
def test_unknown_sizes_are_refused(bad):
    with pytest.raises(ValueError):
        parse_size(bad)


@pytest.mark.parametrize("extent", [(73.5, 18.0, 135.1, 53.6), (130.0, 47.1, 130.5, 47.8)])
def test_scale_bar_ground_distance_is_geodesic(extent):
    crs, _note = choose_crs(extent)
    from pyproj import Transformer

    lon, lat = (extent[0] + extent[2]) / 2 + 5 * (extent[2] - extent[0]) / 20, extent[1] + 1
    x, y = Transformer.from_crs(4326, crs, always_xy=True).transform(lon, lat)
    per_unit = static._ground_per_unit(crs, x, y, 1000.0)
    # Along a parallel the projection stretches by its parallel scale factor.
    k = Proj(crs).get_factors(lon, lat).parallel_scale
    assert per_unit == pytest.approx(1 / k, rel=2e-3)


def test_small_extent_uses_utm_52n_and_china_uses_albers():
    assert choose_crs((130.0, 47.1, 130.5, 47.8))[0].to_epsg() == 32652
    crs, note = choose_crs((73.5, 18.0, 135.1, 53.6))
    assert "Albers" in crs.coordinate_operation.method_name and "Albers" in note


def _layer(tmp_path) -> Layer:
    frame = gpd.GeoDataFrame(
        {"name_zh": ["鹤岗市", "伊春市"], "name_en": ["Hegang", "Yichun"], "price": [2285.0, 3100.0]},
        geometry=[Point(130.30, 47.35), Point(128.90, 47.73)], crs=4326,
    )
    style = LayerStyle(color="#d95f02", label=LabelSpec("name_zh", "name_en"), title="Cities")
    return Layer(frame, "cities", LayerSource(tmp_path / "x.gpkg", "cities"), style=style)


def test_svg_labels_chinese_names_as_text(tmp_path):
    state = MapState()
    state.layers.append_top(_layer(tmp_path))
    out = tmp_path / "map.svg"
    info = export_map(state, out, ExportOptions(size="180x120mm", title="鹤岗 Hegang", basemap=False))
    texts = [t for el in ET.parse(out).getroot().iter() if el.tag.endswith("text") for t in el.itertext()]
    assert "鹤岗 Hegang" in texts
    assert "Hegang 鹤岗市" in texts  # an English figure names it in English first
    assert "N" in texts  # north arrow
    assert info.scale_bar_m > 0 and any(t.endswith(" km") for t in texts)
    # The CJK font subset travels inside the SVG, so Chinese renders without the font installed.
    assert "@font-face" in out.read_text(encoding="utf-8")


def test_failed_export_leaves_the_old_file_and_no_temp_file(tmp_path, monkeypatch):
    state = MapState()
    state.layers.append_top(_layer(tmp_path))
    out = tmp_path / "map.png"
    out.write_bytes(b"old figure")

    from matplotlib.figure import Figure

    from hegang_map.render import png

    def boom(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    def half_written(fh, *args, **kwargs):
        fh.write(b"\x89PNG\r\n\x1a\n")
        raise OSError(28, "No space left on device")

    # The disk fills while the figure is written, by matplotlib (SVG, PDF) or the PNG writer.
    monkeypatch.setattr(Figure, "savefig", boom)
    monkeypatch.setattr(png, "write_png", half_written)
    with pytest.raises(OSError):
        export_map(state, out, ExportOptions(size="1920x1080px", basemap=False))
    assert out.read_bytes() == b"old figure"
    assert [p.name for p in tmp_path.iterdir()] == ["map.png"]


def test_north_arrow_points_to_true_north_on_a_conic_map():
    crs, _ = choose_crs((73.5, 18.0, 135.1, 53.6))
    from pyproj import Transformer

    fwd = Transformer.from_crs(4326, crs, always_xy=True)
    x0, y0 = fwd.transform(130.3, 47.35)
    x1, y1 = fwd.transform(130.3, 47.36)
    # East of the central meridian north leans left (west) on an Albers map.
    assert x1 < x0 and y1 > y0
    assert math.degrees(math.atan2(y1 - y0, x1 - x0)) > 90
    assert Geod(ellps="WGS84").inv(130.3, 47.35, 130.3, 47.36)[2] > 1000


def _fill_pixels(tmp_path, polygon, name) -> int:
    from PIL import Image

    frame = gpd.GeoDataFrame({"v": [1]}, geometry=[polygon], crs=4326)
    state = MapState()
    state.layers.append_top(Layer(frame, name, LayerSource(tmp_path / f"{name}.gpkg", name),
                                  style=LayerStyle(color="#ff0000", fill_opacity=1.0)))
    out = tmp_path / f"{name}.png"
    export_map(state, out, ExportOptions(size="600x600px", dpi=96, basemap=False,
                                         extent=(129.9, 46.9, 131.1, 48.1)))
    import numpy as np

    rgb = np.asarray(Image.open(out).convert("RGB")).astype(int)
    return int(((rgb[..., 0] > 200) & (rgb[..., 1] < 60) & (rgb[..., 2] < 60)).sum())


def test_a_hole_is_left_empty_whichever_way_its_ring_runs(tmp_path):
    from shapely.geometry import Polygon

    outer = [(130, 47), (131, 47), (131, 48), (130, 48), (130, 47)]  # counter-clockwise
    hole = [(130.1, 47.1), (130.9, 47.1), (130.9, 47.9), (130.1, 47.9), (130.1, 47.1)]  # also counter-clockwise
    solid = _fill_pixels(tmp_path, Polygon(outer), "solid")
    holed = _fill_pixels(tmp_path, Polygon(outer, [hole]), "holed")
    # The hole takes 64% of the square; a hole drawn filled would leave both counts equal.
    assert 0.25 < holed / solid < 0.5


def test_a_figure_draws_each_layer_from_its_frame_and_says_the_maps_frame(tmp_path):
    from hegang_map.util.chinese_coords import wgs84_from_gcj02

    def figure(layer_frame, map_frame):
        state = MapState()
        layer = _layer(tmp_path)
        layer.frame = layer_frame
        state.layers.append_top(layer)
        state.frame = map_frame
        out = tmp_path / f"{layer_frame}-{map_frame}.svg"
        info = export_map(state, out, ExportOptions(size="180x120mm", basemap=False))
        return info.extent, [t for el in ET.parse(out).getroot().iter() if el.tag.endswith("text")
                             for t in el.itertext()]

    as_read, texts = figure("wgs84", "wgs84")
    assert not any("GCJ-02" in t for t in texts)
    # Copied from Amap: the cities are drawn where they are in WGS 84, and the frame follows them.
    moved, _texts = figure("gcj02", "wgs84")
    dx = float(wgs84_from_gcj02(130.30, 47.35)[0]) - 130.30
    assert moved[0] - as_read[0] == pytest.approx(dx, abs=0.001) and abs(dx) > 0.004
    # The map in Amap's frame: drawn at their own coordinates again, and the figure says in which frame.
    same, texts = figure("gcj02", "gcj02")
    assert same == pytest.approx(as_read)
    assert any("GCJ-02" in t for t in texts)


def test_a_map_of_china_gets_the_south_china_sea_islands_in_an_inset_unless_turned_off(tmp_path):
    from hegang_map.export.basemap import bundled_basemap

    state = MapState()
    state.layers.append_top(_layer(tmp_path))

    def texts(out):
        return [t for el in ET.parse(out).getroot().iter() if el.tag.endswith("text") for t in el.itertext()]

    china = tmp_path / "china.svg"
    info = export_map(state, china, ExportOptions(size="A4-landscape", extent=(73.5, 18.0, 135.1, 53.6)),
                      bundled_basemap())
    assert info.inset and "South China Sea islands" in texts(china)
    assert 'id="inset' in china.read_text(encoding="utf-8")
    off = tmp_path / "off.svg"
    assert not export_map(state, off, ExportOptions(size="A4-landscape", extent=(73.5, 18.0, 135.1, 53.6),
                                                    inset=False), bundled_basemap()).inset
    assert "South China Sea islands" not in texts(off)
    # A map of Heilongjiang, or one reaching south of the Spratlys, needs no inset.
    for extent in [(125.0, 43.0, 135.0, 53.0), (73.5, 0.0, 135.1, 53.6)]:
        assert not export_map(state, tmp_path / "x.svg", ExportOptions(size="A4", extent=extent),
                              bundled_basemap()).inset


def test_the_inset_never_covers_a_feature_of_the_map(tmp_path):
    from hegang_map.export.basemap import bundled_basemap

    state = MapState()
    corner = gpd.GeoDataFrame({"name": ["east of Luzon"]}, geometry=[Point(131.5, 19.5)], crs=4326)
    state.layers.append_top(Layer(corner, "corner", LayerSource(tmp_path / "c.gpkg", "corner")))
    info = export_map(state, tmp_path / "c.svg", ExportOptions(size="A4-landscape", extent=(73.5, 18.0, 135.1, 53.6)),
                      bundled_basemap())
    assert not info.inset


@pytest.mark.parametrize("title", ["Housing " * 60 + "X" * 400, "鹤岗" * 400])
def test_a_long_title_is_wrapped_inside_the_page_in_at_most_three_lines(tmp_path, title):
    state = MapState()
    state.layers.append_top(_layer(tmp_path))
    fig, _info = static.render_figure(state, ExportOptions(size="A4", dpi=50, title=title, basemap=False))
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    text = next(t for t in fig.texts if t.get_gid() == "title")
    box = text.get_window_extent(renderer=FigureCanvasAgg(fig).get_renderer())
    assert 0 <= box.x0 and box.x1 <= fig.bbox.width and box.y1 <= fig.bbox.height
    lines = text.get_text().split("\n")
    assert len(lines) == 3 and lines[-1].endswith("…")
