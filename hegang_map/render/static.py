"""Publication figures (PNG, SVG, PDF) drawn from the model with matplotlib.

Everything here is headless: matplotlib's object API with the Agg, SVG and
PDF canvases, never ``pyplot``, so no display and no GUI toolkit is needed
and nothing global (pyplot's figure manager) is touched.

The figure is drawn in a projected CRS picked for the extent (Albers
equal-area for China-wide maps, UTM for a city), not in longitude/latitude:
a printed map must not stretch. The scale bar and the north arrow are
computed geodesically (:class:`pyproj.Geod`) at the spot where they are
drawn, so they stay true whatever the projection does elsewhere.

Layout: the map frame takes the page between the title and the footer
(sources, projection, a scene's caption); the legend, scale bar, north arrow
and inset sit inside it (:mod:`~hegang_map.render.placement`), labels follow
the window's rule (:mod:`~hegang_map.render.labels`).

Fonts: PDF uses ``pdf.fonttype: 42``; the bundled Noto Sans CJK SC OTF (CFF
outlines) is cut to the characters used and given quadratic outlines
(:mod:`~hegang_map.render.pdf_fonts`), so it embeds as the TrueType it is
declared and ``pdftotext`` reads Chinese back. SVG keeps text as ``<text>``
and carries a subset of the CJK font as ``@font-face``.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from pyproj import CRS, Geod

from ..bundled.fonts import CJK_FAMILY, cjk_font_path
from ..model.credits import credits_line
from ..model.layer import Layer
from ..model.legend import Legend, LegendEntry
from ..model.layout import FigureLayout
from ..model.map_state import MapState
from ..util.chinese_coords import convert_geometries
from ..util.i18n import translate
from ..util.line_breaks import TERM_UNITS, is_term, pieces
from ..util.line_breaks import width as _width  # half-em units: a Chinese character counts two
from ..util.projection import transformer
from .basemap import SEA, Basemap, basemap_style
from .figure_shapes import PICTURE_FROM, draw_as_picture, line_paths, rgba, shape_collections
from .tiles import PictureLayer
from ..util.atomic import replacing
from .display import READ_WARNINGS, prepare
from .pdf_fonts import truetype_cjk
from .paper import PageSize, check_raster, parse_size
from .placement import place_elements

def _matplotlib_home() -> None:
    """Give matplotlib a writable folder for its font cache when its own is not.

    With a home folder nobody may write (a service account, ``nobody``)
    matplotlib warns over two lines on every export and makes a temp folder
    anyway; the app makes it quietly instead.
    """
    if os.environ.get("MPLCONFIGDIR"):
        return
    own = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "matplotlib"
    try:
        own.mkdir(parents=True, exist_ok=True)
        if os.access(own, os.W_OK):
            return
    except OSError:
        pass
    import tempfile

    os.environ["MPLCONFIGDIR"] = tempfile.mkdtemp(prefix="hegang-map-matplotlib-")


_matplotlib_home()

#: Output formats by file ending.
FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}

_GEOD = Geod(ellps="WGS84")
_MARKERS = {"circle": "o", "square": "s", "triangle": "^", "diamond": "D"}
_PX_TO_PT = 0.75  # a CSS pixel (1/96 in) in points (1/72 in): screen symbols keep their printed size
_BASEMAP_ORDER = ("land", "lakes", "rivers", "coastline", "province_lines", "country_borders")


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how.

    Attributes
    ----------
    size : PageSize or str
        ``A4``, ``A4-landscape``, ``A3``, ``180x120mm``, ``1920x1080px`` ...
    dpi : float or None
        Raster resolution (PNG) and the scale of pixel sizes; 300 for paper
        and 144 for pixel sizes when ``None``.
    title : str
        Printed at the top; empty for no title.
    extent : tuple of float or None
        (west, south, east, north) in degrees; the visible layers' extent
        when ``None``.
    basemap : bool
        Draw the bundled basemap under the layers.
    inset : bool
        On a map of China that leaves out the South China Sea's southern
        islands, draw them in an inset at the map's lower right (with the
        basemap only).
    layout : FigureLayout
        Which parts are drawn and where the user moved them.
    caption : str
        Plain text printed under the map (a scene's caption and citations in handouts).
    highlights : tuple of (str, tuple of int)
        Layer id and rows a scene highlights: ringed, and labelled first.
    """

    size: Any = "A4"
    dpi: float | None = None
    title: str = ""
    extent: tuple | None = None
    basemap: bool = True
    inset: bool = True
    layout: FigureLayout = field(default_factory=FigureLayout)
    caption: str = ""
    highlights: tuple = ()

    def page(self) -> PageSize:
        """The page size as a :class:`PageSize`."""
        return self.size if isinstance(self.size, PageSize) else parse_size(str(self.size))

    def resolution(self) -> float:
        """The dpi used."""
        return float(self.dpi) if self.dpi else self.page().default_dpi()


@dataclass
class ExportInfo:
    """What an export drew: for the sidecar file and for tests.

    Attributes
    ----------
    path : Path
    pixels : tuple of int
        Raster size at the export dpi.
    extent : tuple of float
        (west, south, east, north) of the map frame, degrees.
    crs : str
        The map projection (PROJ string or authority code).
    legends : list of Legend
    credits : str
    scale_bar_m : float
        Ground length of the scale bar, metres.
    inset : bool
        Whether the South China Sea inset was drawn.
    notes : list of str
        What drawing a layer left out or assumed (``layer: note``), as the layer panel says it.
    boxes : dict
        Where each part of the figure is: name (``map``, ``title``, ``legend``,
        ``scale_bar``, ``north_arrow``, ``inset``, ``caption``, ``credits``) ->
        (x, y, width, height) as fractions of the page, from its lower left.
    labels : list of (str, tuple)
        Each label printed and its box, as ``boxes``.
    rings : list of tuple
        The box of each highlight ring, as ``boxes``.
    pictured : list of str
        Layers whose lines and polygons were drawn as a picture of the frame
        at the output resolution (:mod:`~hegang_map.render.figure_shapes`).
    """

    path: Path | None
    pixels: tuple[int, int]
    extent: tuple[float, float, float, float]
    crs: str
    legends: list[Legend] = field(default_factory=list)
    credits: str = ""
    scale_bar_m: float = 0.0
    crs_note: str = ""
    requested_extent: tuple | None = None
    classifications: list = field(default_factory=list)
    inset: bool = False
    notes: list[str] = field(default_factory=list)
    boxes: dict = field(default_factory=dict)
    labels: list = field(default_factory=list)
    rings: list = field(default_factory=list)
    pictured: list = field(default_factory=list)


# ---------------------------------------------------------------- public API
def export_map(state: MapState, out: str | os.PathLike, options: ExportOptions | None = None,
               basemap: Basemap | None = None) -> ExportInfo:
    """Draw ``state`` and write it to ``out`` (``.png``, ``.svg`` or ``.pdf``).

    The file is written to a temporary file in the target folder and moved
    into place, so a failed export never leaves a half-written figure.

    Raises
    ------
    ValueError
        For an unknown file ending or size.
    OSError
        When the folder cannot be written.
    """
    options = options or ExportOptions()
    _format(out)  # a bad ending is refused before any drawing
    fig, info = render_figure(state, options, basemap)
    save_figure(fig, out, options)
    info.path = Path(out)
    return info


def _format(out: str | os.PathLike) -> str:
    fmt = FORMATS.get(Path(out).suffix.lower())
    if fmt is None:
        raise ValueError(translate("Messages", "{name}: export writes .png, .svg or .pdf files").format(name=Path(out).name))
    return fmt


def save_figure(fig, out: str | os.PathLike, options: ExportOptions) -> None:
    """Write a figure of :func:`render_figure` to ``out`` (``.png``, ``.svg`` or ``.pdf``), atomically.

    Raises
    ------
    ValueError
        For an unknown file ending.
    OSError
        When the folder cannot be written (the old file, if any, is untouched).
    """
    import warnings

    fmt = _format(out)
    dpi = options.resolution()
    with replacing(Path(out)) as tmp, open(tmp, "wb") as fh, _rc(), warnings.catch_warnings():
        # Control characters in the data have no glyph in any font; matplotlib's
        # warning about it would be a second, Python-worded line on stderr.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
        if fmt == "svg":
            import io

            buf = io.BytesIO()
            fig.savefig(buf, format=fmt, dpi=dpi, metadata=_metadata(fmt, options.title))
            fh.write(_embed_svg_font(buf.getvalue()))
        elif fmt == "pdf":
            with truetype_cjk([fig]):
                fig.savefig(fh, format=fmt, dpi=dpi, metadata=_metadata(fmt, options.title))
        else:
            _write_png(fig, fh, dpi, _metadata(fmt, options.title))


def _write_png(fig, fh, dpi: float, metadata: dict) -> None:
    """The figure as an RGB PNG: every pixel of a figure is opaque, and without matplotlib's
    alpha channel a quarter less is compressed and stored."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from .png import write_png

    fig.set_dpi(dpi)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    write_png(fh, np.asarray(canvas.buffer_rgba())[..., :3], dpi, metadata)


def render_figure(state: MapState, options: ExportOptions | None = None, basemap: Basemap | None = None,
                  pictures: tuple[PictureLayer, ...] = ()):
    """Build the matplotlib :class:`~matplotlib.figure.Figure` of ``state``.

    ``basemap``: drawn under the layers when ``options.basemap`` asks for it
    (the page is the sea colour then, with or without it). ``pictures``: the
    user's basemap files, bottom first, drawn over it and under the layers
    as pictures at the figure's resolution, each credited.

    Returns
    -------
    (Figure, ExportInfo)
        The figure (not yet saved) and what it shows.
    """
    from matplotlib.figure import Figure

    options = options or ExportOptions()
    page = options.page()
    dpi = options.resolution()
    check_raster(page, dpi)
    w_in, h_in = page.inches(dpi)
    visible = [lyr for lyr in state.layers.draw_order() if lyr.visible]
    # Each layer prepared once: for the extent, the drawing and the inset's room.
    displays = {lyr.id: prepare(lyr, state.frame) for lyr in visible}
    extent = _on_the_globe(tuple(options.extent) if options.extent else _layers_extent(displays.values()))
    map_crs, crs_note = choose_crs(extent)

    with _rc():
        fig = Figure(figsize=(w_in, h_in), dpi=dpi, facecolor="white")
        # Everything is laid out in points from the page edges, scaled with
        # the short side of the page so an A3 is an enlarged A4.
        scale = min(w_in, h_in) / (210 / 25.4)
        fs = 8.5 * scale
        margin = 28 * scale  # pt
        W, H = w_in * 72, h_in * 72

        # Each layer's symbology once: legend, drawing, labels and the sidecar's breaks all read it.
        syms = {lyr.id: _symbolize(lyr) for lyr in visible}
        legends = [syms[lyr.id].legend for lyr in reversed(visible)]  # top layer's legend first
        dashes = [tuple(lyr.style.dash or ()) for lyr in reversed(visible)]
        basemap = basemap if options.basemap else None
        bm_credit = basemap.credit if basemap is not None else None
        credits = credits_line(list(reversed(visible)), [p.credit for p in reversed(pictures)]
                               + ([bm_credit] if bm_credit else []))

        layout = options.layout
        top = H - margin
        boxes: dict[str, tuple] = {}
        if options.title and layout.shows("title"):
            title_fs = 1.9 * fs
            lines = _title_lines(options.title, (W - 2 * margin) / (0.5 * title_fs * 1.1))
            fig.text(margin / W, top / H, "\n".join(lines), fontsize=title_fs, linespacing=1.2,
                     va="top", ha="left", gid="title", parse_math=False)
            height = title_fs * (1.6 + 1.2 * (len(lines) - 1))
            boxes["title"] = (margin, top - height, W - 2 * margin, height)
            top -= height
        # Under the map: the scene's caption (handouts), then sources and projection.
        chars = (W - 2 * margin) / (0.5 * fs * 0.85)
        caption_lines = [line for paragraph in options.caption.split("\n")
                         for line in _wrap_wide(paragraph, (W - 2 * margin) / (0.5 * fs))]
        footer_lines = []
        if layout.shows("credits"):
            footer_lines = _wrap_wide(translate("Export", "Sources: {credits}").format(credits=credits)
                                      if credits else "", chars)
            footer_lines += _wrap_wide(crs_note + _frame_note(state.frame), chars)
        caption_h = len(caption_lines) * fs * 1.35 + (4 * scale if caption_lines else 0)
        footer_h = len(footer_lines) * fs * 0.85 * 1.35
        gap = 8 * scale
        bottom = margin + caption_h + footer_h + (gap if caption_lines or footer_lines else 0)
        if caption_lines:
            fig.text(margin / W, (bottom - gap) / H, "\n".join(caption_lines), fontsize=fs, va="top", ha="left",
                     color="#111111", linespacing=1.35, gid="caption", parse_math=False)
            boxes["caption"] = (margin, bottom - gap - caption_h, W - 2 * margin, caption_h)
        if footer_lines:
            fig.text(margin / W, (margin + footer_h) / H, "\n".join(footer_lines), fontsize=fs * 0.85, va="top",
                     ha="left", color="#444444", linespacing=1.35, gid="credits", parse_math=False)
            boxes["credits"] = (margin, margin, W - 2 * margin, footer_h)

        # The map fills the page between title and footer; its extent grows to the frame's shape.
        map_box = (margin, bottom, W - 2 * margin, max(top - bottom, 40 * scale))
        boxes["map"] = map_box
        ax = fig.add_axes([map_box[0] / W, map_box[1] / H, map_box[2] / W, map_box[3] / H])
        xlim, ylim = _fit_extent(extent, map_crs, map_box[2] / map_box[3])
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_aspect("equal", adjustable="box")
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_linewidth(0.6 * scale)
            spine.set_color("#555555")
        ax.set_facecolor(SEA if options.basemap else "white")
        to_page = _PageTransform(map_box, xlim, ylim)

        if basemap is not None:
            _draw_basemap(ax, basemap, map_crs, xlim, ylim, scale, state.frame)
        _draw_pictures(ax, pictures, map_crs, xlim, ylim, (map_box[2] / 72 * dpi, map_box[3] / 72 * dpi))
        pictured = [lyr.display_name for lyr in visible
                    if _draw_layer(ax, lyr, syms[lyr.id], displays[lyr.id], map_crs, scale)]

        # The parts inside the frame: sized first, then placed where they hide least.
        sizes = {}
        pad = 6 * scale
        wants_inset = (options.inset and layout.shows("inset") and basemap is not None
                       and _leaves_out_the_south_china_sea(extent))
        if wants_inset:
            sizes["inset"] = _inset_size(map_box, map_crs, scale)
        if layout.shows("scale_bar"):
            bar = _ScaleBar.fit(map_crs, xlim, ylim, map_box, fs, scale)
            sizes["scale_bar"] = bar.size
        if layout.shows("north_arrow"):
            sizes["north_arrow"] = (30 * scale, 28 * scale + fs * 1.6)
        legends_shown = legends if layout.shows("legend") else []
        if legends_shown:
            leg_w, leg_h, columns = _legend_size(legends_shown, fs, map_box, landscape=W > H * 1.15)
            sizes["legend"] = (leg_w, leg_h)
        points = to_page(_feature_points(visible, displays, map_crs))
        highlighted = _highlighted(visible, displays, map_crs, options.highlights)
        ringed = to_page(np.concatenate([shapely.get_coordinates(shapely.centroid(g)) for g in highlighted]
                                        + [np.empty((0, 2))]))
        placed = place_elements(map_box, sizes, layout, pad, points, ringed)
        boxes.update(placed.boxes)

        inset = "inset" in boxes
        if inset and layout.place("inset") is None:
            # Never over the data: a layer drawn where the inset would go keeps the corner.
            area = shapely.box(*to_page.inverse(boxes["inset"]))
            inset = not any(_drawn_in(displays[lyr.id], map_crs, area) for lyr in visible)
        if inset:
            _draw_inset(fig, basemap, map_crs, boxes["inset"], (W, H), scale, fs, state.frame)
        else:
            boxes.pop("inset", None)
        bar_m = 0.0
        if "scale_bar" in boxes:
            bar_m = bar.draw(ax, to_page.inverse(boxes["scale_bar"]), fs, scale)
        if "north_arrow" in boxes:
            _north_arrow(ax, map_crs, to_page.inverse(boxes["north_arrow"]), fs, scale, to_page.units_per_point)
        centres = _draw_highlights(ax, highlighted, scale)
        ring = _ring_pt(scale) + 2.6 * scale
        rings = [(x - ring, y - ring, 2 * ring, 2 * ring) for xy in centres for x, y in to_page(xy)]
        labels = _draw_labels(ax, visible, syms, displays, map_crs, to_page, map_box,
                              {k: boxes[k] for k in ("legend", "scale_bar", "north_arrow", "inset") if k in boxes},
                              options.highlights, scale, fs)
        if "legend" in boxes:
            box = boxes["legend"]
            lax = fig.add_axes([box[0] / W, box[1] / H, box[2] / W, box[3] / H], gid="legend")
            lax.set_axis_off()
            _draw_legends(lax, legends_shown, box[2], box[3], fs, columns=columns, dashes=dashes)

    frame = _frame_lonlat(map_crs, xlim, ylim)
    # A layer whose reading already said what it left out or repaired is not said twice.
    notes = [f"{lyr.name}: {w}" for lyr in visible if not lyr.data.attrs.get(READ_WARNINGS)
             for w in displays[lyr.id].warnings]
    info = ExportInfo(None, page.pixels(dpi), frame, map_crs.to_string(), legends_shown, credits, bar_m, crs_note,
                      tuple(float(v) for v in extent), [_breaks(lyr, syms[lyr.id]) for lyr in visible], inset, notes,
                      {k: (b[0] / W, b[1] / H, b[2] / W, b[3] / H) for k, b in boxes.items()},
                      [(text, (b[0] / W, b[1] / H, (b[2] - b[0]) / W, (b[3] - b[1]) / H)) for text, b in labels],
                      [(b[0] / W, b[1] / H, b[2] / W, b[3] / H) for b in rings], pictured)
    return fig, info


#: The most pixels a side of a basemap picture in a figure takes (beyond, it is enlarged).
MAX_PICTURE_SIDE = 8000


def _draw_pictures(ax, pictures, crs: CRS, xlim, ylim, size_px) -> None:
    """The user's basemap files as pictures of the map box, one pixel per output pixel."""
    width = max(1, min(MAX_PICTURE_SIDE, round(size_px[0])))
    height = max(1, min(MAX_PICTURE_SIDE, round(size_px[1])))
    for i, layer in enumerate(pictures):
        picture = layer.draw(crs, xlim, ylim, width, height)
        if picture is None or not picture[..., 3].any():
            continue
        # Over the bundled basemap (zorder 1), under the layers (10 and up).
        ax.imshow(picture, extent=(xlim[0], xlim[1], ylim[0], ylim[1]), origin="upper", alpha=layer.opacity,
                  interpolation="nearest", zorder=5 + i / 100, gid="basemap-file")
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)


#: What the South China Sea inset shows: (west, south, east, north), degrees.
SOUTH_CHINA_SEA = (105.0, 2.0, 123.0, 24.0)


def _leaves_out_the_south_china_sea(extent) -> bool:
    """Whether ``extent`` is a map of China (most of it) whose south stops short of the Spratly Islands."""
    from ..model.map_state import CHINA_BOUNDS

    w, s, e, n = extent
    cw, cs, ce, cn = CHINA_BOUNDS
    covers = min(e, ce) - max(w, cw) >= 0.6 * (ce - cw) and min(n, cn) - max(s, cs) >= 0.6 * (cn - cs)
    return covers and s > 6.0


def _inset_size(map_box, crs: CRS, scale: float) -> tuple[float, float]:
    """The inset's width and height on the page, points: a fifth of the map's width."""
    iw = max(0.2 * map_box[2], 60 * scale)
    return iw, iw / _extent_aspect(SOUTH_CHINA_SEA, crs)


class _PageTransform:
    """Map units <-> page points for a map frame showing ``xlim`` x ``ylim``."""

    def __init__(self, box, xlim, ylim) -> None:
        self.box, self.xlim, self.ylim = box, xlim, ylim
        self.units_per_point = (xlim[1] - xlim[0]) / box[2]

    def __call__(self, xy: np.ndarray) -> np.ndarray:
        x, y, _w, _h = self.box
        k = self.units_per_point
        return np.column_stack([x + (xy[:, 0] - self.xlim[0]) / k, y + (xy[:, 1] - self.ylim[0]) / k])

    def inverse(self, box) -> tuple[float, float, float, float]:
        """A page box as (xmin, ymin, xmax, ymax) in map units."""
        k = self.units_per_point
        x0 = self.xlim[0] + (box[0] - self.box[0]) * k
        y0 = self.ylim[0] + (box[1] - self.box[1]) * k
        return x0, y0, x0 + box[2] * k, y0 + box[3] * k


#: Features a figure samples to keep its legend off the data (every one up to this many per layer).
_SAMPLE = 20_000


def _feature_points(visible, displays, crs: CRS) -> np.ndarray:
    """Map coordinates of the drawn features' centres (a sample of large layers)."""
    out = [np.empty((0, 2))]
    for lyr in visible:
        d = displays[lyr.id]
        if not d.drawable or not len(d.geoms):
            continue
        geoms = d.geoms if len(d.geoms) <= _SAMPLE else d.geoms[:: len(d.geoms) // _SAMPLE + 1]
        b = shapely.bounds(geoms)
        ok = np.isfinite(b).all(axis=1)
        centres = shapely.points((b[ok, 0] + b[ok, 2]) / 2, (b[ok, 1] + b[ok, 3]) / 2)
        out.append(shapely.get_coordinates(_to_map(centres, crs)))
    return np.concatenate(out)


def _drawn_in(display, crs: CRS, area) -> bool:
    """Whether any feature of a layer's ``display`` geometry is drawn inside ``area`` (map coordinates).

    The area is taken to longitude/latitude (its edges densified, so they
    curve as the projection bends them), not the layer to the map: a
    million shapes are tested where they are, not first copied.
    """
    if not display.drawable or not len(display.geoms):
        return False
    x0, y0, x1, y1 = area.bounds
    edge = shapely.segmentize(area, max(x1 - x0, y1 - y0) / 64)
    lonlat = shapely.transform(edge, lambda xy: np.column_stack(
        transformer(crs, 4326).transform(xy[:, 0], xy[:, 1])))
    if not np.isfinite(shapely.get_coordinates(lonlat)).all():  # past where the projection is defined
        return bool(shapely.intersects(_to_map(display.geoms, crs), area).any())
    return bool(shapely.intersects(display.geoms, lonlat).any())


def _draw_inset(fig, basemap: Basemap, crs: CRS, box, page, scale: float, fs: float, frame: str) -> None:
    """The South China Sea and its islands, from the bundled basemap, in ``box`` (page points)."""
    W, H = page
    x, y, iw, ih = box
    iax = fig.add_axes([x / W, y / H, iw / W, ih / H], gid="inset")
    xlim, ylim = _fit_extent(SOUTH_CHINA_SEA, crs, iw / ih)
    iax.set_xlim(*xlim)
    iax.set_ylim(*ylim)
    iax.set_xticks([])
    iax.set_yticks([])
    iax.set_facecolor(SEA)
    for spine in iax.spines.values():
        spine.set_linewidth(0.6 * scale)
        spine.set_color("#555555")
    _draw_basemap(iax, basemap, crs, xlim, ylim, scale * 0.6, frame)
    iax.text(0.5, 0.03, translate("Export", "South China Sea islands"), transform=iax.transAxes, ha="center",
             va="bottom", fontsize=fs * 0.75, color="#333333", parse_math=False,
             bbox={"boxstyle": "square,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})


def _breaks(layer: Layer, sym) -> dict:
    """Class breaks of a layer as drawn (``sym``: its symbology), for the reproducibility sidecar."""
    legend = sym.legend
    out = {"layer": layer.name, "source": layer.source.describe(), "renderer": layer.style.renderer,
           "period": legend.period}
    if sym.classification is not None:
        out.update(scheme=sym.classification.scheme, lower=float(sym.classification.lower),
                   breaks=[float(b) for b in sym.classification.bins])
    out["entries"] = [{"label": e.label, "color": e.color, "count": e.count} for e in legend.entries]
    return out


# ---------------------------------------------------------------- fonts and rc
def _rc():
    import matplotlib

    family = _register_font()
    return matplotlib.rc_context({
        "font.family": "sans-serif",
        "font.sans-serif": [family, "DejaVu Sans"] if family else ["DejaVu Sans"],
        # SVG keeps text as text (searchable, editable in a journal's tools);
        # PDF embeds TrueType/CFF outlines (Type 42), not Type 3 bitmaps-by-path.
        "svg.fonttype": "none",
        "pdf.fonttype": 42,
        "ps.fonttype": 42,
        "axes.unicode_minus": False,
        "svg.hashsalt": "hegang-map",  # stable ids: the same map gives the same SVG
    })


@lru_cache(maxsize=1)
def _register_font() -> str | None:
    from matplotlib import font_manager

    path = cjk_font_path()
    if path is None:
        return None
    font_manager.fontManager.addfont(str(path))
    return CJK_FAMILY


def _metadata(fmt: str, title: str) -> dict:
    from .. import __version__

    creator = f"hegang-map {__version__}"
    if fmt == "png":
        return {"Software": creator, "Title": title or "map"}
    if fmt == "pdf":
        # No creation date: the same project gives the same PDF next year.
        return {"Creator": creator, "Title": title or "map", "CreationDate": None}
    return {"Creator": creator, "Title": title or "map", "Date": None}


def font_subset(text: str) -> bytes | None:
    """The bundled CJK font cut down to the characters of ``text`` (``None`` without the font)."""
    import io

    from .pdf_fonts import cjk_subset

    font = cjk_subset({ord(c) for c in text if ord(c) > 0x2000})
    if font is None:
        return None
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


_XML_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|&#(?:x0*(?:[0-8bcef]|1[0-9a-f]|fff[ef])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|6553[45]));",
    re.IGNORECASE)


def _embed_svg_font(svg: bytes) -> bytes:
    """Add an ``@font-face`` with the CJK font subset of the SVG's own text.

    With ``svg.fonttype: none`` text stays text but only names its font; a
    reader without Noto Sans CJK would see boxes. The subset (a few kB)
    travels inside the SVG, so Chinese renders anywhere that honours
    ``@font-face`` (browsers, Inkscape), and the text stays editable.
    """
    # XML 1.0 allows no control characters (nor U+FFFE, U+FFFF), raw or as character references;
    # a name or title from a file may hold them (a terminal escape), and the
    # SVG would not open at all.
    text = _XML_CONTROL.sub("\ufffd", svg.decode("utf-8"))
    import html

    body = html.unescape("".join(re.findall(r">([^<]+)<", text)))
    font = font_subset(body)
    if font is None:
        return text.encode("utf-8")
    import base64

    face = ("<defs><style type=\"text/css\">@font-face{font-family:'%s';src:url(data:font/otf;base64,%s) "
            "format('opentype');}</style></defs>" % (CJK_FAMILY, base64.b64encode(font).decode("ascii")))
    text = re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + face, text, count=1)
    return text.encode("utf-8")


# ---------------------------------------------------------------- projection and extent
def choose_crs(extent: tuple[float, float, float, float]) -> tuple[CRS, str]:
    """A projected CRS for a map of ``extent`` (degrees) and a note saying so.

    Wide maps (more than 6 degrees across) use an Albers equal-area conic
    with standard parallels at 1/6 and 5/6 of the latitude span, so areas
    compare; narrow ones use the UTM zone of the centre (EPSG:326xx), the
    CRS planners in Hegang use (UTM 52N).
    """
    west, south, east, north = extent
    lon0 = (west + east) / 2
    if east - west > 6 or north - south > 6:
        span = north - south
        lat1, lat2 = south + span / 6, north - span / 6
        if east - west > 150 or abs(lat1 + lat2) < 1:
            # A conic needs its parallels on one side of the equator: a world
            # or an equator-centred map gets an equal-area world projection.
            crs = CRS.from_proj4(f"+proj=eqearth +lon_0={lon0:.1f} +datum=WGS84 +units=m +no_defs")
            return crs, translate(
                "Export", "Projection: Equal Earth, central meridian {lon0}°E, WGS 84. "
                "Scale bar measured geodesically at its position.").format(lon0=f"{lon0:.1f}")
        crs = CRS.from_proj4(
            f"+proj=aea +lat_1={lat1:.1f} +lat_2={lat2:.1f} +lat_0={(south + north) / 2:.1f} "
            f"+lon_0={lon0:.1f} +datum=WGS84 +units=m +no_defs"
        )
        note = translate(
            "Export", "Projection: Albers equal-area conic, standard parallels {lat1}°N and {lat2}°N, "
            "central meridian {lon0}°E, WGS 84. Scale bar measured geodesically at its position.").format(
            lat1=f"{lat1:.1f}", lat2=f"{lat2:.1f}", lon0=f"{lon0:.1f}")
        return crs, note
    zone = int((lon0 + 180) // 6) + 1
    lat0 = (south + north) / 2
    epsg = (32600 if lat0 >= 0 else 32700) + zone
    crs = CRS.from_epsg(epsg)
    return crs, translate("Export", "Projection: {name} (EPSG:{epsg}). Scale bar measured geodesically.").format(
        name=crs.name, epsg=epsg)


def _on_the_globe(extent) -> tuple[float, float, float, float]:
    """``extent`` cut to one turn of longitude and to latitudes a projection can draw.

    A view at zoom 0 on a wide page, or a sidecar's extent of a billion
    degrees, otherwise projects to infinities (and a map of NaN limits).
    """
    west, south, east, north = (float(v) for v in extent)
    if east - west >= 360:
        west, east = -180.0, 180.0
    else:
        turn = 360.0 * round((west + east) / 2 / 360.0)  # bring the centre to -180..180
        west, east = max(west - turn, -180.0), min(east - turn, 180.0)
    south, north = max(south, -89.0), min(north, 89.0)
    if not (east > west and north > south):
        raise ValueError(translate(
            "Messages", "the extent {tuple} holds no area of the globe to draw").format(tuple=tuple(extent)))
    return west, south, east, north


def _frame_note(frame: str) -> str:
    """The projection line's words on a map drawn in a Chinese web map's frame."""
    if frame == "wgs84":
        return ""
    return " " + translate("Export", "Drawn in the {frame} frame of Chinese web maps (shifted from WGS 84).").format(
        frame={"gcj02": "GCJ-02", "bd09": "BD-09"}[frame])


def _layers_extent(displays) -> tuple[float, float, float, float]:
    from ..model.map_state import CHINA_BOUNDS

    boxes = []
    for display in displays:
        b = display.bounds
        if b is not None:
            boxes.append(b)
    if not boxes:
        return CHINA_BOUNDS
    arr = np.array(boxes)
    w, s, e, n = arr[:, 0].min(), arr[:, 1].min(), arr[:, 2].max(), arr[:, 3].max()
    # Pad so edge symbols are not cut; a single point gets a ~10 km frame.
    pad_x = max((e - w) * 0.06, 0.08)
    pad_y = max((n - s) * 0.06, 0.05)
    return (float(w - pad_x), float(s - pad_y), float(e + pad_x), float(n + pad_y))


def _extent_aspect(extent, crs: CRS) -> float:
    """Width / height of ``extent`` drawn in ``crs``."""
    (x0, x1), (y0, y1) = _fit_extent(extent, crs, None)
    return max(0.3, min(3.5, (x1 - x0) / (y1 - y0)))


def _fit_extent(extent, crs: CRS, aspect: float | None):
    """Projected x/y limits covering ``extent`` with the box's aspect ratio (as is when None)."""
    west, south, east, north = extent
    tr = transformer(4326, crs)
    lons = np.concatenate([np.linspace(west, east, 50), np.full(50, east), np.linspace(east, west, 50), np.full(50, west)])
    lats = np.concatenate([np.full(50, south), np.linspace(south, north, 50), np.full(50, north), np.linspace(north, south, 50)])
    x, y = tr.transform(lons, lats)
    x0, x1, y0, y1 = np.min(x), np.max(x), np.min(y), np.max(y)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = x1 - x0, y1 - y0
    if aspect is None:
        return (x0, x1), (y0, y1)
    if w / h < aspect:
        w = h * aspect
    else:
        h = w / aspect
    return (cx - w / 2, cx + w / 2), (cy - h / 2, cy + h / 2)


def _frame_lonlat(crs: CRS, xlim, ylim) -> tuple[float, float, float, float]:
    tr = transformer(crs, 4326)
    xs = np.concatenate([np.linspace(*xlim, 20), np.linspace(*xlim, 20), np.full(20, xlim[0]), np.full(20, xlim[1])])
    ys = np.concatenate([np.full(20, ylim[0]), np.full(20, ylim[1]), np.linspace(*ylim, 20), np.linspace(*ylim, 20)])
    lon, lat = tr.transform(xs, ys)
    ok = np.isfinite(lon) & np.isfinite(lat)
    lon, lat = lon[ok], lat[ok]
    return (round(float(np.min(lon)), 6), round(float(np.min(lat)), 6),
            round(float(np.max(lon)), 6), round(float(np.max(lat)), 6))


def _same(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Coordinates already in the map's CRS."""
    return x, y


def _to_map(geoms: np.ndarray, crs: CRS) -> np.ndarray:
    tr = transformer(4326, crs)
    return shapely.transform(geoms, lambda xy: np.column_stack(tr.transform(xy[:, 0], xy[:, 1])))


# ---------------------------------------------------------------- basemap
def _draw_basemap(ax, basemap: Basemap, crs: CRS, xlim, ylim, scale: float, frame: str = "wgs84") -> None:
    box = shapely.box(xlim[0], ylim[0], xlim[1], ylim[1])
    tr = transformer(crs, 4326)
    # A generous lon/lat box of the frame: the projected frame is not a lon/lat rectangle.
    fx = np.linspace(*xlim, 30)
    fy = np.linspace(*ylim, 30)
    gx, gy = np.meshgrid(fx, fy)
    lon, lat = tr.transform(gx.ravel(), gy.ravel())
    # A wide frame reaches past where the projection is defined: those corners are infinite.
    ok = np.isfinite(lon) & np.isfinite(lat)
    lon, lat = lon[ok], lat[ok]
    if not len(lon):
        return
    bbox = shapely.box(max(np.min(lon) - 1, -180), max(np.min(lat) - 1, -90),
                       min(np.max(lon) + 1, 180), min(np.max(lat) + 1, 90))
    for name in _BASEMAP_ORDER:
        data = basemap.layer(name)
        if data is None or data.empty:
            continue
        geoms = np.asarray(data.geometry.values, dtype=object)
        geoms = geoms[shapely.intersects(geoms, bbox)]
        if not len(geoms):
            continue
        geoms = convert_geometries(shapely.clip_by_rect(geoms, *bbox.bounds), "wgs84", frame)
        geoms = shapely.clip_by_rect(_to_map(geoms, crs), *box.bounds)
        geoms = geoms[~shapely.is_empty(geoms)]
        sym = basemap_style(name)["symbols"][0]
        kind = "polygon" if name in ("land", "lakes") else "line"
        for coll in shape_collections(geoms, kind, np.zeros(len(geoms), dtype=np.int64), [sym["color"]],
                                      sym["strokeColor"], sym["strokeWidth"] * _PX_TO_PT * scale * 0.8, 1.0, _same,
                                      zorder=1):
            ax.add_collection(coll, autolim=False)


# ---------------------------------------------------------------- layers
def _symbolize(layer: Layer):
    """The layer's :class:`~hegang_map.model.symbology.Symbology` (its ``legend`` too).

    The same :func:`~hegang_map.model.symbology.resolve` the screen uses, so
    the figure has the screen's classes, colours and legend.
    """
    from ..model.symbology import resolve

    return resolve(layer.data, layer.style, layer.display_name)


def _draw_layer(ax, layer: Layer, sym, display, crs: CRS, scale: float) -> bool:
    """Draw a layer into the map frame ``ax``; returns whether its lines or polygons became a picture.

    A layer of :data:`~hegang_map.render.figure_shapes.PICTURE_FROM` lines
    and polygons or more is drawn into a picture of the frame a piece at a
    time (:func:`~hegang_map.render.figure_shapes.draw_as_picture`).
    """
    from ..model.symbology import HIDDEN

    if not display.drawable or not len(display.geoms):
        return False
    classes = sym.classes[display.rows]
    keep = classes != HIDDEN
    geoms = display.geoms[keep]
    classes = classes[keep]
    style = layer.style
    alpha = float(layer.opacity)
    types = shapely.get_type_id(geoms)
    z = 10
    symbols = sym.symbols
    to_map = transformer(4326, crs).transform
    shapes = np.isin(types, (1, 2, 3, 5, 6))
    pictured = int(shapes.sum()) >= PICTURE_FROM
    for kind, ids in (("polygon", (3, 6)), ("line", (1, 2, 5)), ("point", (0, 4))):
        sel = np.isin(types, ids)
        if not sel.any():
            continue
        cls = classes[sel]
        if kind == "point":
            xy = shapely.get_coordinates(shapely.centroid(geoms[sel]))
            _draw_points(ax, np.column_stack(to_map(xy[:, 0], xy[:, 1])), cls, symbols, alpha, scale, zorder=z + 2)
            continue
        # Classes share their outline; each has its own colour.
        first = symbols[cls[0]]
        palette = [s.color for s in symbols]
        width = first.stroke_width * _PX_TO_PT * scale
        if pictured:
            draw_as_picture(ax, crs, geoms[sel], kind, cls, palette, first.stroke_color, width, alpha,
                            fill_opacity=first.fill_opacity, dash=style.dash, zorder=z)
        else:
            for coll in shape_collections(geoms[sel], kind, cls, palette, first.stroke_color, width, alpha, to_map,
                                          fill_opacity=first.fill_opacity, dash=style.dash, zorder=z):
                ax.add_collection(coll, autolim=False)
    return pictured


def _draw_points(ax, xy: np.ndarray, classes: np.ndarray, symbols, alpha: float, scale: float,
                 zorder: int) -> None:
    """Draw points as one scatter per class, larger symbols first.

    Every point of a class shares its colour, size and marker, so matplotlib
    stamps one rendered marker per point (its single-path fast path) instead
    of drawing each point as a path of its own: a million points take about
    a second, not most of a minute. Small symbols stay visible on top of
    large ones; where equal symbols of two classes overlap, the higher class
    is drawn over the lower.
    """
    present = np.unique(classes)
    radius = {c: symbols[c].radius * _PX_TO_PT * scale for c in present}
    for c in sorted(present, key=lambda c: (-radius[c], c)):
        s = symbols[c]
        sel = classes == c
        ax.scatter(xy[sel, 0], xy[sel, 1], s=(2 * radius[c]) ** 2,
                   c=[rgba(s.color, s.fill_opacity * alpha)],
                   edgecolors=[rgba(s.stroke_color, alpha)],
                   linewidths=s.stroke_width * _PX_TO_PT * scale,
                   marker=_MARKERS.get(s.marker, "o"), zorder=zorder)


# Every text from data or the user is drawn with parse_math=False: two "$" in
# a name must stay text, not become TeX math (or fail to parse).
#: The most labels a figure prints: labelling every feature on paper is unreadable.
MAX_FIGURE_LABELS = 40
#: Radius of a scene's highlight ring, in screen pixels (as the window draws it).
RING_PX = 12.0
#: Point symbols a figure keeps its labels off, at most (beyond, those of labelled and highlighted features).
MAX_SYMBOL_OBSTACLES = 20_000


def _ring_pt(scale: float) -> float:
    return RING_PX * _PX_TO_PT * scale


def _highlighted(visible, displays, crs: CRS, highlights) -> list[np.ndarray]:
    """The geometries (map units) a scene highlights, per layer that draws some."""
    wanted = {lid: set(rows) for lid, rows in highlights}
    out = []
    for lyr in visible:
        rows = wanted.get(lyr.id)
        d = displays[lyr.id]
        if not rows or not d.drawable or not len(d.geoms):
            continue
        pick = np.isin(d.rows, list(rows))
        if pick.any():
            out.append(_to_map(d.geoms[pick], crs))
    return out


def _draw_highlights(ax, highlighted: list[np.ndarray], scale: float) -> list[np.ndarray]:
    """A scene's highlighted features, ringed as the presentation rings them; returns the rings' centres
    (map units) per layer."""
    from matplotlib.collections import PathCollection

    centres = []
    for geoms in highlighted:
        points = np.isin(shapely.get_type_id(geoms), (0, 4))
        if points.any():
            xy = shapely.get_coordinates(shapely.centroid(geoms[points]))
            size = (2 * _ring_pt(scale)) ** 2
            for width, color in ((5.0, "white"), (2.6, "#e6007e")):
                ax.scatter(xy[:, 0], xy[:, 1], s=size, facecolors="none", edgecolors=color,
                           linewidths=width * scale, zorder=30, gid="highlight")
            centres.append(xy)
        if (~points).any():
            other = geoms[~points]
            # A polygon is ringed along its outline, a line along itself.
            outline = np.where(np.isin(shapely.get_type_id(other), (3, 6)), shapely.boundary(other), other)
            paths, _groups = line_paths(outline, np.zeros(len(outline), dtype=np.int64), _same)
            for width, color in ((5.0, "white"), (2.6, "#e6007e")):
                ax.add_collection(PathCollection(paths, facecolors="none", edgecolors=color,
                                                 linewidths=width * scale, zorder=30, gid="highlight"),
                                  autolim=False)
    return centres


def _label_size(text: str, fs: float) -> tuple[float, float]:
    """Width and height (points) of a label's box at font size ``fs``, its padding included."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    w, h, _d = TextToPath().get_text_width_height_descent(text, FontProperties(size=fs), ismath=False)
    pad = 0.3 * fs
    return w + 2 * pad, max(h, fs) * 1.1 + pad


def _draw_labels(ax, visible, syms: dict, displays, crs: CRS, to_page, frame, parts: dict, highlights, scale: float,
                 fs: float) -> list[tuple[str, tuple]]:
    """Every layer's labels, placed by :func:`~hegang_map.render.labels.place_labels`; returns (text, box)."""
    from ..model.symbology import HIDDEN
    from .labels import HIGHLIGHTED, LabelCandidate, leader, place_labels

    wanted = {lid: set(rows) for lid, rows in highlights}
    size = fs * 0.95
    candidates, obstacles, soft, symbols = [], [list(_corners(b)) for b in parts.values()], [], []
    if not any(lyr.style.label is not None for lyr in visible):
        return []  # nothing to place: no obstacles to gather (a million points would cost seconds)
    for lyr in visible:
        d = displays[lyr.id]
        if not d.drawable or not len(d.geoms):
            continue
        sym = syms[lyr.id]
        classes = sym.classes[d.rows]
        keep = classes != HIDDEN
        rows, geoms, classes = d.rows[keep], d.geoms[keep], classes[keep]
        points = np.isin(shapely.get_type_id(geoms), (0, 4))
        radius = np.array([s.radius for s in sym.symbols] + [0.0])[np.minimum(classes, len(sym.symbols))]
        radius = radius * _PX_TO_PT * scale
        ringed = np.isin(rows, list(wanted.get(lyr.id, ())))
        if points.any():
            xy = to_page(shapely.get_coordinates(_to_map(shapely.centroid(geoms[points]), crs)))
            symbols.append((xy, radius[points], ringed[points]))
        if sym.labels is None:
            continue
        texts = [sym.labels[r] for r in rows]
        idx = np.array([i for i, t in enumerate(texts) if t], dtype=np.int64)
        if not len(idx):
            continue
        anchors = to_page(shapely.get_coordinates(_to_map(shapely.point_on_surface(geoms[idx]), crs)))
        for (x, y), i in zip(anchors, idx):
            candidates.append((float(x), float(y), texts[i], float(sym.label_priority[rows[i]]),
                               float(radius[i] if points[i] else 0.0), bool(lyr.style.label.where)))
    # A label at a ringed place (its own feature or another drawn there) starts outside the ring, and first.
    ring = _ring_pt(scale) + 2.6 * scale
    centres = np.concatenate([xy[h] for xy, _r, h in symbols] + [np.empty((0, 2))])
    labels = []
    for x, y, text, priority, clearance, chosen in candidates:
        at_ring = len(centres) and bool((np.hypot(centres[:, 0] - x, centres[:, 1] - y) < ring).any())
        labels.append(LabelCandidate(x, y, text, priority + (HIGHLIGHTED if at_ring else 0.0),
                                     ring if at_ring else clearance, *_label_size(text, size), chosen))
    candidates = sorted(labels, key=lambda c: -c.priority)[:MAX_FIGURE_LABELS]
    # What a label may not cover: the figure's parts and highlight rings; point symbols, as far as it can.
    total = sum(len(xy) for xy, _r, _h in symbols)
    for xy, r, ringed in symbols:
        if total > MAX_SYMBOL_OBSTACLES:
            xy, r = xy[ringed], r[ringed]
        soft.append(np.column_stack([xy[:, 0] - r, xy[:, 1] - r, xy[:, 0] + r, xy[:, 1] + r]))
    obstacles += [[x - ring, y - ring, x + ring, y + ring] for x, y in centres]
    placed = place_labels(candidates, np.array(obstacles), np.concatenate(soft + [np.empty((0, 4))]),
                          _corners(frame))
    k = to_page.units_per_point
    x0, y0 = to_page.inverse((0.0, 0.0, 0.0, 0.0))[:2]  # page points -> map units: x0 + x * k
    pad = 0.3 * size
    for c, box in placed:
        line = leader(c, box)
        if line is not None:  # a label set apart in a crowd points at its place
            (ax0, ay0), (ax1, ay1) = line
            ax.plot([x0 + ax0 * k, x0 + ax1 * k], [y0 + ay0 * k, y0 + ay1 * k], color="#333333",
                    linewidth=0.6 * scale, zorder=44, gid="leader", solid_capstyle="round")
        # A white box, not a stroke path effect: path effects turn SVG text into outlines.
        ax.text(x0 + (box[0] + pad) * k, y0 + (box[1] + box[3]) / 2 * k, c.text, fontsize=size, color="#111111",
                va="center_baseline", ha="left", zorder=45, gid="label", parse_math=False, clip_on=True,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.8))
    return [(c.text, box) for c, box in placed]


def _corners(box) -> tuple[float, float, float, float]:
    """(x, y, width, height) as (x0, y0, x1, y1)."""
    return box[0], box[1], box[0] + box[2], box[1] + box[3]


def _text(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return str(value)


# ---------------------------------------------------------------- scale bar and north arrow
def _nice(value: float) -> float:
    exp = math.floor(math.log10(value))
    for m in (5, 2, 1):
        if m * 10**exp <= value:
            return m * 10**exp
    return 10**exp


def _ground_per_unit(crs: CRS, x: float, y: float, dx: float) -> float:
    """Geodesic metres per projected unit along x at (x, y)."""
    tr = transformer(crs, 4326)
    lon1, lat1 = tr.transform(x, y)
    lon2, lat2 = tr.transform(x + dx, y)
    _a, _b, dist = _GEOD.inv(lon1, lat1, lon2, lat2)
    return dist / dx


class _ScaleBar:
    """A scale bar measured geodesically where it is drawn: about a fifth of the map's width."""

    def __init__(self, crs: CRS, fs: float, scale: float, units_per_point: float, width: float) -> None:
        self.crs, self.fs, self.scale, self.k, self.map_width = crs, fs, scale, units_per_point, width

    @classmethod
    def fit(cls, crs: CRS, xlim, ylim, box, fs: float, scale: float) -> "_ScaleBar":
        bar = cls(crs, fs, scale, (xlim[1] - xlim[0]) / box[2], xlim[1] - xlim[0])
        bar.length_at(xlim[0], ylim[0])
        return bar

    def length_at(self, x0: float, y0: float) -> float:
        """Its ground length (metres) and length (map units) with its left end at (x0, y0)."""
        k = _ground_per_unit(self.crs, x0, y0, self.map_width * 0.2)
        self.ground = _nice(self.map_width * 0.22 * k)
        # Refine once: the scale factor varies along the bar itself.
        self.length = self.ground / _ground_per_unit(self.crs, x0, y0, self.ground / k)
        return self.ground

    @property
    def size(self) -> tuple[float, float]:
        """Width and height of its white box, points (room for the label past its end)."""
        return (self.map_width * 0.22 / self.k + 12 * self.scale + self.fs * 2.6,
                3.2 * self.scale + self.fs * 2.2)

    def draw(self, ax, area, fs: float, scale: float) -> float:
        """Draw it in ``area`` (map units, xmin, ymin, xmax, ymax); returns its ground length in metres."""
        from matplotlib.patches import Rectangle

        pt = self.k
        x0, y0 = area[0] + 6 * scale * pt, area[1] + 6 * scale * pt
        self.length_at(x0, y0)
        ground, length = self.ground, self.length
        label = (translate("Export", "{n} km").format(n=f"{ground / 1000:g}") if ground >= 1000
                 else translate("Export", "{n} m").format(n=f"{ground:g}"))
        h = 3.2 * scale * pt
        ax.add_patch(Rectangle((area[0], area[1]), length + 12 * scale * pt + fs * 2.6 * pt,
                               area[3] - area[1], facecolor=(1, 1, 1, 0.8), edgecolor="none", zorder=40,
                               gid="scale-bar"))
        half = length / 2
        for i, color in enumerate(("#222222", "white")):
            ax.add_patch(Rectangle((x0 + i * half, y0), half, h, facecolor=color, edgecolor="#222222",
                                   linewidth=0.5 * scale, zorder=41))
        ax.text(x0, y0 + h + 2.5 * scale * pt, "0", fontsize=fs * 0.85, ha="center", va="bottom", zorder=42)
        ax.text(x0 + length, y0 + h + 2.5 * scale * pt, label, fontsize=fs * 0.85, ha="center", va="bottom",
                zorder=42, gid="scalebar-label")
        return float(ground)


def _north_arrow(ax, crs: CRS, area, fs, scale, pt: float) -> None:
    """An arrow pointing to true north at its own position (conic maps rotate north), in ``area`` (map units)."""
    x = (area[0] + area[2]) / 2
    y = area[1] + 15 * scale * pt
    to_ll = transformer(crs, 4326)
    to_map = transformer(4326, crs)
    lon, lat = to_ll.transform(x, y)
    x2, y2 = to_map.transform(lon, min(lat + 0.01, 89.9))
    ang = math.atan2(y2 - y, x2 - x)
    length = 26 * scale * pt
    ux, uy = math.cos(ang), math.sin(ang)
    tip = (x + ux * length / 2, y + uy * length / 2)
    tail = (x - ux * length / 2, y - uy * length / 2)
    ax.annotate("", xy=tip, xytext=tail, zorder=42,
                arrowprops=dict(arrowstyle="-|>,head_length=0.8,head_width=0.35", lw=1.4 * scale, color="#222222",
                                shrinkA=0, shrinkB=0, mutation_scale=fs * 1.3))
    ax.text(tip[0] + ux * 3 * scale * pt, tip[1] + uy * 3 * scale * pt,
            translate("Export", "N", "north arrow"), fontsize=fs * 1.2,
            ha="center", va="bottom", zorder=42, gid="north-arrow")


# ---------------------------------------------------------------- legend
#: A run of Chinese, Japanese or Korean characters and full-width forms: a line may break between any two.
_WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
_TOKENS = re.compile(rf"\s+|[{_WIDE}]|[^\s{_WIDE}]+")
#: A piece of text (util.line_breaks) no wider than this share of a line is a term or a name
#: (自然间断点，Natural Earth（公有领域）), kept whole on one line.
TERM_SHARE = 0.4


#: Most lines a figure's title takes (a longer one ends in an ellipsis).
TITLE_LINES = 3


def _title_lines(title: str, chars: float) -> list[str]:
    """The title wrapped to the page: at most :data:`TITLE_LINES` lines of at
    most ``chars`` half-em units; a word too long for a line is cut."""
    limit = max(int(chars), 10)
    lines: list[str] = []
    for line in _wrap_wide(" ".join(title.split()), chars):
        while _width(line) > limit:
            cut, width = 0, 0
            while cut < len(line) and width + _width(line[cut]) <= limit:
                width += _width(line[cut])
                cut += 1
            lines.append(line[:max(cut, 1)])
            line = line[max(cut, 1):]
        lines.append(line)
    if len(lines) > TITLE_LINES:
        last = lines[TITLE_LINES - 1]
        while last and _width(last) + 2 > limit:
            last = last[:-1]
        lines = lines[:TITLE_LINES - 1] + [last.rstrip() + "…"]
    return lines


def _wrap_wide(text: str, chars: float) -> list[str]:
    """Lines of at most ``chars`` half-em units, a Chinese character counting two.

    ``textwrap`` counts every character as one and breaks only at spaces, so
    a Chinese credits line ran off the page. Breaks come at spaces and between
    wide characters, but a short piece between punctuation (自然间断点，a
    source's name such as "Natural Earth") is kept whole (:data:`TERM_SHARE`,
    :mod:`~hegang_map.util.line_breaks`); a Latin word longer than a line stays whole.
    """
    if not text:
        return []
    limit = max(int(chars), 10)
    units: list[str] = []
    for piece in pieces(text):
        units.extend([piece] if is_term(piece, min(TERM_SHARE * limit, TERM_UNITS)) else _TOKENS.findall(piece))
    lines: list[str] = []
    line, width = "", 0
    for unit in units:
        if line and width + _width(unit.rstrip()) > limit and not unit.isspace():
            lines.append(line.rstrip())
            line, width = "", 0
        if not line:
            unit = unit.lstrip()  # no line starts with a space
        line += unit
        width += _width(unit)
    if line.strip():
        lines.append(line.rstrip())
    return lines or [text]


def _entry_lines(legend: Legend, fs: float, width: float) -> list[tuple[str, Any]]:
    """Flatten a legend into (kind, payload) lines for layout, wrapped to ``width`` points."""
    chars = width / (fs * 0.52)
    lines: list[tuple[str, Any]] = []
    for t in _wrap_wide(legend.title or legend.layer, chars / 1.08):
        lines.append(("title", t))
    for e in legend.entries:
        for j, t in enumerate(_wrap_wide(e.label, chars - 4.5)):
            lines.append(("entry" if j == 0 else "cont", (e, t) if j == 0 else t))
    for note in legend.notes:
        for t in _wrap_wide(note, chars / 0.85):
            lines.append(("note", t))
    lines.append(("gap", None))
    return lines


_LINE = 1.45  # legend line height, in font sizes
_LEGEND_PAD = 0.8  # legend box margin, in font sizes


def _legend_width(legends: list[Legend], fs: float) -> float:
    """The width (points) the legend's titles and classes ask for, notes aside (they wrap)."""
    widths = [0.0]
    for lg in legends:
        widths.append(_width(lg.title or lg.layer) * 0.52 * fs * 1.08)
        widths += [_width(e.label) * 0.52 * fs + 2.6 * fs for e in lg.entries]
    return max(widths)


def _legend_columns(legends: list[Legend], fs: float, col_w: float, columns: int) -> float:
    """The height (points) of the legend laid out in ``columns`` columns of ``col_w``."""
    height = 0.0
    for lines in _column_split(legends, fs, col_w, columns, None):
        height = max(height, sum(fs * (_LINE if kind != "gap" else _LINE / 2) for kind, _p, _lg in lines))
    return height + fs


def _column_split(legends, fs: float, col_w: float, columns: int, height: float | None) -> list[list]:
    """Lines per column. A layer's legend (heading, classes, notes) stays in one column when it
    fits one; a longer one breaks between lines, a heading never left at a column's foot.

    With ``height`` None, the lines are spread evenly over the columns.
    """
    def step(kind: str) -> float:
        return fs * (_LINE if kind != "gap" else _LINE / 2)

    blocks = [[(kind, payload, lg) for kind, payload in _entry_lines(lg, fs, col_w - 4)] for lg in legends]
    if blocks and blocks[-1] and blocks[-1][-1][0] == "gap":
        blocks[-1].pop()
    total = sum(step(k) for block in blocks for k, _p, _lg in block)
    tallest = max((step(k) for block in blocks for k, _p, _lg in block), default=0.0)
    limit = height if height is not None else max(total / columns, tallest) + 0.5 * fs
    out: list[list] = [[]]
    used = 0.0
    for block in blocks:
        size = sum(step(k) for k, _p, _lg in block)
        if out[-1] and used + size > limit and size <= limit and len(out) < columns:
            out.append([])  # the whole legend moves to the next column
            used = 0.0
        for i, line in enumerate(block):
            # A heading moves to the next column with its first class.
            need = step(line[0]) + (step(block[i + 1][0]) if line[0] == "title" and i + 1 < len(block) else 0)
            if out[-1] and used + need > limit and len(out) < columns:
                out.append([])
                used = 0.0
            if not out[-1] and line[0] == "gap":
                continue
            out[-1].append(line)
            used += step(line[0])
    return out


def _legend_size(legends: list[Legend], fs: float, map_box, landscape: bool) -> tuple[float, float, int]:
    """Width, height (points) and columns of the legend box inside the map frame.

    As narrow as its classes allow (notes wrap to it), at most about a third
    of the frame's width; a legend taller than half the frame takes a second
    or third column.
    """
    pad = _LEGEND_PAD * fs
    max_w = (0.30 if landscape else 0.40) * map_box[2]
    col_w = min(max(_legend_width(legends, fs) + 0.5 * fs, 9 * fs), max_w - 2 * pad)
    for columns in (1, 2, 3):
        height = _legend_columns(legends, fs, col_w, columns) + 2 * pad
        if height <= 0.55 * map_box[3] or (columns + 1) * col_w > 0.9 * map_box[2] or columns == 3:
            break
    return col_w * columns + 2 * pad, min(height, map_box[3] * 0.96), columns


def _draw_legends(ax, legends: list[Legend], width: float, height: float, fs: float, columns: int,
                  dashes: list[tuple] | None = None) -> None:
    """The legends in a white box of ``width`` x ``height`` points, in ``columns`` columns."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    pad = _LEGEND_PAD * fs
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.add_patch(Rectangle((0, 0), width, height, facecolor=(1, 1, 1, 0.9), edgecolor="#888888",
                           linewidth=0.5 * fs / 8.5, zorder=0, gid="legend-box"))
    col_w = (width - 2 * pad) / columns
    dash_of = {id(lg): d for lg, d in zip(legends, dashes or [()] * len(legends))}
    for col, lines in enumerate(_column_split(legends, fs, col_w, columns, height - 2 * pad - fs * 0.5)):
        y = height - pad - fs * 0.75
        x = pad + col * col_w
        for kind, payload, legend in lines:
            if y < pad:
                break  # out of room: the box is capped at the frame's height
            if kind == "title":
                ax.text(x, y, payload, fontsize=fs * 1.05, va="center", gid="legend-title", parse_math=False)
            elif kind == "entry":
                entry, text = payload
                dash = dash_of[id(legend)]
                if legend.geometry == "polygon":
                    # As the map draws it: its fill, and its outline (dashed where the layer is).
                    hollow = entry.fill_opacity == 0
                    ax.add_patch(Rectangle(
                        (x + fs * 0.1, y - fs * 0.4), fs * 1.6, fs * 0.8,
                        facecolor="none" if hollow else rgba(entry.color, entry.fill_opacity),
                        edgecolor=entry.color if hollow else entry.stroke_color,
                        linewidth=max(entry.stroke_width * _PX_TO_PT, 0.5),
                        linestyle=(0, tuple(float(d) * 0.5 for d in dash)) if dash else "solid",
                        gid="legend-swatch"))
                else:
                    sw = _swatch(entry, legend.geometry, fs)
                    ax.add_line(Line2D([x + fs * 0.9], [y], **sw)) if legend.geometry == "point" else ax.add_line(
                        Line2D([x + fs * 0.1, x + fs * 1.7], [y, y], **sw))
                ax.text(x + fs * 2.3, y, text, fontsize=fs, va="center", gid="legend-entry", parse_math=False)
            elif kind == "cont":
                ax.text(x + fs * 2.3, y, payload, fontsize=fs, va="center", parse_math=False)
            elif kind == "note":
                ax.text(x, y, payload, fontsize=fs * 0.85, va="center", color="#555555", style="italic",
                        parse_math=False)
            y -= fs * (_LINE if kind != "gap" else _LINE / 2)


def _swatch(entry: LegendEntry, geometry: str, fs: float) -> dict:
    hollow = entry.fill_opacity == 0
    if geometry == "point":
        size = max(3.0, min(entry.radius * 2 * _PX_TO_PT, fs * 1.4))
        return dict(marker=_MARKERS.get(entry.marker, "o"), markersize=size, linestyle="none",
                    markerfacecolor="none" if hollow else rgba(entry.color, entry.fill_opacity),
                    markeredgecolor=entry.stroke_color if not hollow else entry.color,
                    markeredgewidth=max(entry.stroke_width * _PX_TO_PT, 0.4))
    if geometry == "polygon":
        return dict(linewidth=fs * 0.8, color=rgba(entry.color, max(entry.fill_opacity, 0.25)), solid_capstyle="butt")
    return dict(linewidth=max(entry.stroke_width, 1.0) * _PX_TO_PT * 1.5, color=entry.color)
