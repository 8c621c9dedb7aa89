"""Large layers in figures: drawn into a picture of the frame a piece at a time, the same map as vectors."""

from __future__ import annotations

import numpy as np
import pytest
import shapely
from matplotlib.path import Path as MPath
from PIL import Image
from shapely.geometry import Polygon

from hegang_map.export import ExportRequest, export_state
from hegang_map.model import Layer, LayerSource, LayerStyle, MapState
from hegang_map.render import figure_shapes
from hegang_map.render.figure_shapes import _merge_close, polygon_paths

EXTENT = (129.9, 46.9, 131.1, 48.1)


def _squares(n: int = 400, seed: int = 3):
    """``n`` small squares (a grid cell each), some holed, spread over the extent's inner part."""
    import geopandas as gpd

    rng = np.random.default_rng(seed)
    x = rng.uniform(130.0, 131.0, n)
    y = rng.uniform(47.0, 48.0, n)
    s = rng.uniform(0.01, 0.03, n)
    polys = []
    for i in range(n):
        outer = [(x[i], y[i]), (x[i] + s[i], y[i]), (x[i] + s[i], y[i] + s[i]), (x[i], y[i] + s[i])]
        holes = []
        if i % 5 == 0:
            h = s[i] / 4
            holes = [[(x[i] + h, y[i] + h), (x[i] + 3 * h, y[i] + h), (x[i] + 3 * h, y[i] + 3 * h), (x[i] + h, y[i] + 3 * h)]]
        polys.append(Polygon(outer, holes))
    # Every other class: two colours, classified by value.
    return gpd.GeoDataFrame({"v": np.arange(n) % 2}, geometry=polys, crs=4326)


def _state(tmp_path, frame) -> MapState:
    state = MapState()
    style = LayerStyle(color="#d62728", fill_opacity=1.0)
    state.layers.append_top(Layer(frame, "squares", LayerSource(tmp_path / "squares.gpkg", "squares"), style=style))
    return state


def _export(tmp_path, state, name: str, picture_from: int, monkeypatch, size="800x800px"):
    monkeypatch.setattr(figure_shapes, "PICTURE_FROM", picture_from)
    monkeypatch.setattr("hegang_map.render.static.PICTURE_FROM", picture_from)
    monkeypatch.setattr(figure_shapes, "PIECE", 37)  # many pieces
    monkeypatch.setattr(figure_shapes, "POLYGONS_PER_PATH", 8)  # of several paths each, as in a large layer
    out = tmp_path / name
    done = export_state(state, ExportRequest(out, size=size, dpi=96, extent=EXTENT))
    return out, done


def test_a_layer_drawn_as_a_picture_is_the_same_map_as_drawn_in_vectors(tmp_path, monkeypatch):
    state = _state(tmp_path, _squares())
    vec, done_vec = _export(tmp_path, state, "vectors.png", 10**9, monkeypatch)
    pic, done_pic = _export(tmp_path, state, "picture.png", 1, monkeypatch)
    assert done_vec.info.pictured == [] and done_pic.info.pictured == ["squares"]
    a = np.asarray(Image.open(vec).convert("RGB")).astype(int)
    b = np.asarray(Image.open(pic).convert("RGB")).astype(int)
    red = lambda im: (im[..., 0] > 180) & (im[..., 1] < 80) & (im[..., 2] < 80)  # noqa: E731
    assert red(a).sum() > 2000  # the squares are there to compare
    # Same place, same size, not flipped: the red pixels nearly coincide.
    both = (red(a) & red(b)).sum()
    assert both / red(a).sum() > 0.97 and both / red(b).sum() > 0.97
    # Edges may differ by their antialiasing, nothing more.
    assert (np.abs(a - b).max(axis=2) > 64).mean() < 0.005
    # A PNG says nothing of it: it is a picture either way.
    assert not any("picture" in w for w in done_pic.warnings)


def test_a_vector_figure_says_which_layer_became_a_picture_and_keeps_its_text(tmp_path, monkeypatch):
    state = _state(tmp_path, _squares(120))
    out, done = _export(tmp_path, state, "figure.pdf", 100, monkeypatch, size="A5")
    said = [w for w in done.warnings if "squares" in w and "96 dpi" in w]
    assert len(said) == 1 and "\n" not in said[0]
    pdf = out.read_bytes()
    assert b"/Subtype /Image" in pdf
    # Under the threshold the layer stays vector: no picture, no word of it.
    out2, done2 = _export(tmp_path, state, "vectors.pdf", 121, monkeypatch, size="A5")
    assert b"/Subtype /Image" not in out2.read_bytes()
    assert not [w for w in done2.warnings if "picture" in w]


def _identity(x, y):
    return x, y


def test_overlapping_polygons_of_opposite_turns_fill_their_overlap():
    ccw = Polygon([(0, 0), (2, 0), (2, 2), (0, 2)])
    cw = Polygon([(1, 1), (1, 3), (3, 3), (3, 1)])
    paths, groups = polygon_paths(np.array([ccw, cw]), np.zeros(2, dtype=np.int64), _identity)
    assert len(paths) == 1 and list(groups) == [0]
    # The overlap's centre is inside the path under the non-zero rule (matplotlib's).
    assert paths[0].contains_point((1.5, 1.5))
    assert paths[0].codes[0] == MPath.MOVETO and paths[0].codes[-1] == MPath.CLOSEPOLY


def test_paths_hold_one_colour_each_and_a_bounded_number_of_polygons(monkeypatch):
    monkeypatch.setattr(figure_shapes, "POLYGONS_PER_PATH", 4)
    squares = np.array([shapely.box(i, 0, i + 0.5, 0.5) for i in range(10)])
    group = np.array([1, 0, 1, 0, 1, 0, 1, 0, 1, 1])
    paths, groups = polygon_paths(squares, group, _identity)
    assert list(groups) == [0, 1, 1]  # four of colour 0 in one path; six of colour 1 in two
    assert sum(int((p.codes == MPath.MOVETO).sum()) for p in paths) == 10


def test_vertices_closer_than_a_cell_are_merged_and_rings_stay_closed():
    ring = np.array([[0.0, 0.0], [0.01, 0.0], [1.0, 0.0], [1.0, 1.0], [1.005, 1.0], [0.0, 1.0], [0.0, 0.0]])
    tiny = np.array([[5.0, 5.0], [5.01, 5.0], [5.01, 5.01], [5.0, 5.0]])
    xy = np.vstack([ring, tiny])
    ring_of = np.r_[np.zeros(len(ring), int), np.ones(len(tiny), int)]
    out, out_ring = _merge_close(xy, ring_of, 0.1)
    first = out[out_ring == 0]
    assert len(first) == 5  # two vertices within a cell of the one before them are gone
    assert (first[0] == first[-1]).all()
    # A shape smaller than a cell keeps its outline whole.
    assert len(out[out_ring == 1]) == len(tiny)
    with pytest.raises(AssertionError):
        np.testing.assert_array_equal(out, xy)


def test_a_figure_saved_at_another_resolution_shows_its_picture_where_it_belongs(tmp_path, monkeypatch):
    """The export dialog's preview draws the figure made for 300 dpi at about 80."""
    from hegang_map.render.static import ExportOptions, render_figure

    monkeypatch.setattr(figure_shapes, "PICTURE_FROM", 1)
    monkeypatch.setattr("hegang_map.render.static.PICTURE_FROM", 1)
    state = _state(tmp_path, _squares())
    options = ExportOptions(size="800x800px", dpi=96, basemap=False, extent=EXTENT)
    fig, _info = render_figure(state, options)
    full, small = tmp_path / "full.png", tmp_path / "small.png"
    fig.savefig(full, dpi=96)
    fig.savefig(small, dpi=24)
    a = np.asarray(Image.open(full).convert("RGB").resize((200, 200), Image.Resampling.BOX)).astype(int)
    b = np.asarray(Image.open(small).convert("RGB")).astype(int)
    reddish = lambda im: (im[..., 0] - im[..., 1] > 60)  # noqa: E731
    assert reddish(a).sum() > 200
    both = (reddish(a) & reddish(b)).sum()
    assert both / reddish(a).sum() > 0.8 and both / reddish(b).sum() > 0.8


def _drawn(collections) -> np.ndarray:
    """The collections drawn on a 200x200 pixel canvas over (0, 0)-(10, 10), as grey levels."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 2), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    for c in collections:
        c.set_snap(False)  # Agg would snap a lone straight line, not one among slanting ones, half a pixel
        ax.add_collection(c, autolim=False)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())[..., :3].astype(int).sum(axis=2)


@pytest.mark.parametrize("dash", [(), (4.0, 2.0)])
@pytest.mark.parametrize("interleaved", [False, True])
def test_lines_drawn_as_a_few_paths_look_as_drawn_one_by_one(monkeypatch, dash, interleaved):
    from matplotlib.collections import LineCollection

    monkeypatch.setattr(figure_shapes, "LINES_PER_PATH", 4)
    rng = np.random.default_rng(5)
    lines = np.array([shapely.LineString(rng.uniform(0.5, 9.5, (int(rng.integers(2, 6)), 2))) for _ in range(11)]
                     + [shapely.MultiLineString([[(1, 1), (9, 1)], [(1, 9), (9, 9)]])])
    group = np.arange(len(lines)) % 2 if interleaved else np.arange(len(lines)) // 6
    paths, groups = figure_shapes.line_paths(lines, group, _identity)
    if interleaved:  # a path per line: where colours cross, the later line stays on top
        assert list(groups) == list(group)
    else:  # six lines per colour, four per path at most
        assert list(groups) == [0, 0, 1, 1]
    assert sum(int((p.codes == MPath.MOVETO).sum()) for p in paths) == 13  # every part starts anew
    palette = ["#d62728", "#1f77b4"]
    merged = figure_shapes.shape_collections(lines, "line", group, palette, "#000000", 2.0, 1.0, _identity, dash=dash)
    one_by_one = [LineCollection([np.asarray(part.coords) for part in shapely.get_parts(g)], colors=palette[k],
                                 linewidths=2.0, capstyle="round", joinstyle="round",
                                 linestyle=(0, dash) if dash else "solid")
                  for g, k in zip(lines, group)]
    a, b = _drawn(merged), _drawn(one_by_one)
    assert (a < 600).sum() > 1500  # the lines are there to compare
    assert (np.abs(a - b) > 96).mean() < 0.002


def test_a_highlighted_polygon_is_ringed_along_its_outline(tmp_path):
    state = _state(tmp_path, _squares(40))
    layer = state.layers.draw_order()[0]
    out = tmp_path / "ringed.png"
    export_state(state, ExportRequest(out, size="800x800px", dpi=96, extent=EXTENT, highlights=((layer.id, (3,)),)))
    im = np.asarray(Image.open(out).convert("RGB")).astype(int)
    magenta = (im[..., 0] > 190) & (im[..., 1] < 60) & (im[..., 2] > 90)
    assert magenta.sum() > 40
