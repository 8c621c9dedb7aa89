"""Lines and polygons of a figure as matplotlib collections, and large layers as a picture of the frame.

A figure draws a layer's lines and polygons as a few collections of many
paths each (:func:`shape_collections`). A layer of :data:`PICTURE_FROM`
shapes or more is drawn :data:`PIECE` shapes at a time into a picture of the
map frame at the output resolution (:class:`FramePicture`), which is then
placed in the figure: the paths of one piece are freed before the next is
made, so what drawing adds to the layer's own memory no longer grows with
it, and vertices closer than a quarter of an output pixel are merged first. In a PNG the picture is
what the figure's own canvas would have drawn; in a PDF or SVG it is an image
at the output resolution, as QGIS's layout export does for such layers, and
the export says so.

Imported only with :mod:`~hegang_map.render.static` (matplotlib is loaded for figures, not at start).
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np
import shapely

from ..util.projection import transformer
from .mpl import Artist

#: Polygons per matplotlib path in a figure: Agg sets up each path once, and a
#: path of a few hundred polygons fills as fast as they would one by one.
POLYGONS_PER_PATH = 256
#: Line parts per matplotlib path in a figure, for the same reason.
LINES_PER_PATH = 256
#: Lines and polygons in a layer from which a figure draws it as a picture.
PICTURE_FROM = 50_000
#: Shapes made and drawn at a time into a picture.
PIECE = 50_000
#: Vertices of a picture closer than this (in output pixels) are merged.
MERGE_PX = 0.25

#: Projects longitude/latitude arrays to the map's (x, y) arrays.
ToMap = Callable[[np.ndarray, np.ndarray], tuple]


def rgba(color: str, alpha: float):
    """A colour name as an (r, g, b, a) tuple of opacity ``alpha`` (clamped to 0..1)."""
    from matplotlib.colors import to_rgba

    if color == "none":
        return (0, 0, 0, 0)
    return to_rgba(color, max(0.0, min(1.0, float(alpha))))


def _project(xy: np.ndarray, to_map: ToMap) -> np.ndarray:
    if not len(xy):
        return xy
    x, y = to_map(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _rings(geoms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The polygons' rings as coordinates.

    Returns (xy, ring of each coordinate, geometry of each ring, whether each
    ring is an exterior). Rings are numbered in order; a polygon's exterior
    comes before its holes. Polygons without holes (most) skip making ring
    objects.
    """
    owner = np.arange(len(geoms))
    if (shapely.get_type_id(geoms) != 3).any():
        geoms, owner = shapely.get_parts(geoms, return_index=True)
    keep = (shapely.get_type_id(geoms) == 3) & ~shapely.is_empty(geoms)
    geoms, owner = geoms[keep], owner[keep]
    if not shapely.get_num_interior_rings(geoms).any():
        xy, ring_of = shapely.get_coordinates(geoms, return_index=True)
        return xy, ring_of, owner, np.ones(len(geoms), dtype=bool)
    rings, ring_part = shapely.get_rings(geoms, return_index=True)
    xy, ring_of = shapely.get_coordinates(rings, return_index=True)
    exterior = np.r_[True, ring_part[1:] != ring_part[:-1]] if len(ring_part) else np.zeros(0, dtype=bool)
    return xy, ring_of, owner[ring_part], exterior


def _merge_close(xy: np.ndarray, ring_of: np.ndarray, cell: float) -> tuple[np.ndarray, np.ndarray]:
    """Drop each vertex that falls in the grid cell (side ``cell``) of the vertex before it.

    A ring keeps its first and last vertex, so it stays closed; a ring that
    would keep fewer than four keeps all of its vertices (a shape smaller
    than a cell still draws its outline).
    """
    if cell <= 0 or len(xy) < 2:
        return xy, ring_of
    q = np.floor(xy / cell)
    new_ring = np.r_[True, ring_of[1:] != ring_of[:-1]]
    keep = np.r_[True, (q[1:] != q[:-1]).any(axis=1)] | new_ring | np.r_[new_ring[1:], True]
    kept = np.bincount(ring_of, weights=keep, minlength=int(ring_of.max()) + 1)
    keep |= kept[ring_of] < 4
    return xy[keep], ring_of[keep]


def polygon_paths(geoms: np.ndarray, group: np.ndarray, to_map: ToMap, cell: float = 0.0) -> tuple[list, np.ndarray]:
    """Matplotlib paths of the polygons (longitude/latitude), each holding up to
    :data:`POLYGONS_PER_PATH` polygons of one group (``group``: an id per
    geometry, its colour), and the group each path draws.

    A million polygons make four thousand paths, not a million: building and
    drawing each path has a cost of its own. Built from coordinate arrays,
    never a Python loop per ring. ``cell`` (degrees): vertices closer than
    that are merged first (:func:`_merge_close`). Rings are oriented in map
    coordinates (exteriors counter-clockwise, holes clockwise) because the
    fill rule is non-zero: a hole running the same way as its exterior would
    be filled, and two overlapping polygons running opposite ways would leave
    their overlap empty. A ring of fewer than three points encloses nothing.
    """
    from matplotlib.path import Path as MPath

    geoms, group = np.asarray(geoms), np.asarray(group)
    if len(group) and (group[1:] < group[:-1]).any():  # polygons of a group together
        order = np.argsort(group, kind="stable")
        geoms, group = geoms[order], group[order]
    xy, ring_of, ring_geom, exterior = _rings(geoms)
    xy, ring_of = _merge_close(xy, ring_of, cell)
    if not len(xy):
        return [], np.zeros(0, dtype=int)
    starts = np.flatnonzero(np.r_[True, ring_of[1:] != ring_of[:-1]])
    length = np.diff(np.r_[starts, len(ring_of)])
    rid = ring_of[starts]
    real = length >= 3
    if not real.all():
        if not real.any():
            return [], np.zeros(0, dtype=int)
        xy = xy[np.repeat(real, length)]
        rid, length = rid[real], length[real]
        starts = np.r_[0, np.cumsum(length)[:-1]]
    xy = _project(xy, to_map)
    ends = starts + length
    # Twice the signed area of each ring (shoelace), its pairs not crossing into the next ring.
    cross = np.r_[xy[:-1, 0] * xy[1:, 1] - xy[1:, 0] * xy[:-1, 1], 0.0]
    cross[ends - 1] = 0.0
    area = np.add.reduceat(cross, starts)
    flip = (area < 0) == exterior[rid]
    if flip.any():
        ring_n = np.repeat(np.arange(len(starts)), length)
        idx = np.arange(len(xy))
        f = flip[ring_n]
        idx[f] = (starts[ring_n] + ends[ring_n] - 1 - idx)[f]
        xy = xy[idx]
    codes = np.full(len(xy), MPath.LINETO, dtype=np.uint8)
    codes[starts] = MPath.MOVETO
    codes[ends - 1] = MPath.CLOSEPOLY
    # A path starts at a polygon's exterior.
    first = np.flatnonzero(exterior[rid])
    return _grouped_paths(xy, codes, starts[first], group[ring_geom[rid[first]]], POLYGONS_PER_PATH)


def line_paths(geoms: np.ndarray, group: np.ndarray, to_map: ToMap) -> tuple[list, np.ndarray]:
    """Matplotlib paths of the lines (longitude/latitude; a polygon's exterior
    for a polygon), each holding up to :data:`LINES_PER_PATH` successive line
    parts of one group (``group``: an id per geometry, its colour), and the
    group each path draws. A part of fewer than two points draws nothing.

    A basemap's fifteen thousand rivers and borders make sixty paths, not
    fifteen thousand: a PDF wrote each path with a colour and a stroke of its
    own, and Agg set up each.
    """
    from matplotlib.path import Path as MPath

    # Not sorted by group: where lines of two colours cross, the later one
    # stays on top, as on the screen.
    geoms, group = np.asarray(geoms), np.asarray(group)
    parts, owner = shapely.get_parts(geoms, return_index=True)
    poly = shapely.get_type_id(parts) == 3
    parts[poly] = shapely.get_exterior_ring(parts[poly])
    xy, part_of = shapely.get_coordinates(parts, return_index=True)
    starts = np.flatnonzero(np.r_[True, part_of[1:] != part_of[:-1]]) if len(xy) else np.zeros(0, dtype=int)
    length = np.diff(np.r_[starts, len(xy)])
    long_enough = length >= 2
    if not long_enough.all():
        kept = np.repeat(long_enough, length)
        xy, part_of = xy[kept], part_of[kept]
        starts, length = np.r_[0, np.cumsum(length[long_enough])[:-1]].astype(int), length[long_enough]
    if not len(xy):
        return [], np.zeros(0, dtype=int)
    codes = np.full(len(xy), MPath.LINETO, dtype=np.uint8)
    codes[starts] = MPath.MOVETO
    return _grouped_paths(_project(xy, to_map), codes, starts, group[owner[part_of[starts]]], LINES_PER_PATH)


def _grouped_paths(xy: np.ndarray, codes: np.ndarray, firsts: np.ndarray, group: np.ndarray,
                   per_path: int) -> tuple[list, np.ndarray]:
    """Paths of the vertices ``xy`` (with their ``codes``), cut before item ``firsts[i]``
    (of group ``group[i]``) every ``per_path`` items and wherever the group changes;
    and each path's group."""
    from matplotlib.path import Path as MPath

    new_group = np.r_[True, group[1:] != group[:-1]]
    ordinal = np.arange(len(firsts)) - np.maximum.accumulate(np.where(new_group, np.arange(len(firsts)), 0))
    at = new_group | (ordinal % per_path == 0)
    cut = firsts[at]
    paths = [MPath(v, c) for v, c in zip(np.split(xy, cut[1:]), np.split(codes, cut[1:]))]
    return paths, group[at]


def shape_collections(geoms, kind: str, group: np.ndarray, palette: list[str], edge: str, width: float,
                      alpha: float, to_map: ToMap, fill_opacity: float = 1.0, dash=(), zorder: float = 1,
                      cell: float = 0.0) -> list:
    """The matplotlib collections that draw lines or polygons (longitude/latitude) in the map's CRS.

    ``group``: the index into ``palette`` (colour names) of each geometry:
    the fill of polygons, the colour of lines. ``edge`` and ``width``
    (points): the polygons' outline. ``cell``: see :func:`polygon_paths`.
    """
    from matplotlib.collections import PathCollection

    out = []
    group = np.asarray(group, dtype=np.int64)
    if kind == "polygon":
        table = np.array([rgba(c, fill_opacity * alpha) for c in palette], dtype=float).reshape(-1, 4)
        paths, which = polygon_paths(np.asarray(geoms), group, to_map, cell)
        if paths:
            out.append(PathCollection(paths, facecolors=table[which], edgecolors=rgba(edge, alpha),
                                      linewidths=width, zorder=zorder))
    else:
        table = np.array([rgba(c, alpha) for c in palette], dtype=float).reshape(-1, 4)
        paths, which = line_paths(np.asarray(geoms), group, to_map)
        if paths:
            out.append(PathCollection(paths, facecolors="none", edgecolors=table[which], linewidths=max(width, 0.3),
                                      zorder=zorder, capstyle="round", joinstyle="round"))
    if dash:
        for coll in out:
            coll.set_linestyle((0, tuple(float(d) for d in dash)))
    return out


class FramePicture:
    """A picture of a figure's map frame at the output resolution, drawn a piece at a time.

    It covers the whole output pixels the frame touches, on the figure's own
    pixel grid, so a shape lands on the pixels the figure's canvas would have
    drawn it on; it is clipped to the frame where it is placed.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The map frame, its limits set, in a figure of the output resolution.
    """

    def __init__(self, ax) -> None:
        from matplotlib.backends.backend_agg import RendererAgg
        from matplotlib.figure import Figure

        ax.apply_aspect()
        box = ax.bbox  # output pixels
        x0, y0, x1, y1 = math.floor(box.x0), math.floor(box.y0), math.ceil(box.x1), math.ceil(box.y1)
        (left, bottom), (right, top) = ax.transData.inverted().transform([(x0, y0), (x1, y1)])
        dpi = ax.figure.dpi
        #: (width, height) in output pixels, and the lower left corner's pixel in the figure.
        self.size = (max(1, x1 - x0), max(1, y1 - y0))
        self.origin = (x0, y0)
        self.dpi = dpi
        self._frame = Figure(figsize=(self.size[0] / dpi, self.size[1] / dpi), dpi=dpi)
        self._ax = self._frame.add_axes([0, 0, 1, 1])
        self._ax.set_xlim(left, right)
        self._ax.set_ylim(bottom, top)
        self._ax.set_axis_off()
        self._renderer = RendererAgg(self.size[0], self.size[1], dpi)

    def draw(self, artist) -> None:
        """Draw ``artist`` (a collection in map coordinates) onto the picture, over what is there."""
        self._ax.add_collection(artist, autolim=False)
        artist.draw(self._renderer)
        artist.remove()

    def place(self, ax, zorder: float) -> None:
        """Put the picture into the map frame ``ax`` at ``zorder``, pixel on pixel (no resampling)."""
        # Renderers take a picture's rows from the bottom up; the canvas holds them from the top.
        image = np.array(self._renderer.buffer_rgba())[::-1].copy()
        ax.add_artist(_Placed(image, self.origin, self.dpi, zorder))


class _Placed(Artist):
    """A :class:`FramePicture` in its frame: drawn as it is, at its pixel, clipped to the frame."""

    def __init__(self, image: np.ndarray, origin: tuple[int, int], dpi: float, zorder: float) -> None:
        super().__init__()
        self._image = image
        self._origin = origin
        self._dpi = dpi
        self.set_zorder(zorder)

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        # A vector canvas lays out in points (the figure at 72 dpi) and embeds the picture at its own
        # pixels (its magnification); a canvas of another resolution (a preview) gets it resampled.
        k = self.figure.dpi / self._dpi
        image = self._image
        scale = k * renderer.get_image_magnification()
        if abs(scale - 1.0) > 1e-6:
            image = _resampled(image, scale)
        gc = renderer.new_gc()
        gc.set_clip_rectangle(self.axes.bbox)
        renderer.draw_image(gc, self._origin[0] * k, self._origin[1] * k, image)
        gc.restore()
        self.stale = False


def _resampled(image: np.ndarray, scale: float) -> np.ndarray:
    """An RGBA picture scaled by ``scale``, averaged with premultiplied alpha (no dark fringes)."""
    from PIL import Image

    h, w = image.shape[:2]
    size = (max(1, round(w * scale)), max(1, round(h * scale)))
    picture = Image.fromarray(image, "RGBA").convert("RGBa")
    return np.array(picture.resize(size, Image.Resampling.BOX if scale < 1 else Image.Resampling.BILINEAR)
                      .convert("RGBA"))


def draw_as_picture(ax, crs, geoms: np.ndarray, kind: str, group: np.ndarray, palette: list[str],
                    edge: str, width: float, alpha: float, fill_opacity: float = 1.0, dash=(),
                    zorder: float = 1) -> None:
    """Draw many lines or polygons (longitude/latitude) into a :class:`FramePicture` of the map frame
    ``ax`` in ``crs``, :data:`PIECE` at a time, and place it. Arguments as for :func:`shape_collections`."""
    picture = FramePicture(ax)
    to_map = transformer(4326, crs).transform
    cell = merge_cell(crs, ax.get_xlim(), ax.get_ylim(), picture.size)
    group = np.asarray(group)
    # Pieces of equal size, none a short remainder: matplotlib's Agg draws a collection of a single
    # path half a pixel off where it draws one of several paths.
    bounds = np.linspace(0, len(geoms), -(-len(geoms) // PIECE) + 1).round().astype(int)
    for start, end in zip(bounds[:-1], bounds[1:]):
        for coll in shape_collections(geoms[start:end], kind, group[start:end], palette, edge, width, alpha,
                                      to_map, fill_opacity, dash, zorder, cell):
            picture.draw(coll)
    picture.place(ax, zorder)


def merge_cell(crs, xlim, ylim, pixels: tuple[int, int]) -> float:
    """The side, in degrees, of a cell no wider than :data:`MERGE_PX` output pixels anywhere in the frame.

    The frame's metres per pixel, divided by the most metres a degree spans
    there (a degree of latitude, times the projection's largest scale in the
    frame, sampled on a grid).
    """
    from pyproj import Proj

    per_px = min((xlim[1] - xlim[0]) / pixels[0], (ylim[1] - ylim[0]) / pixels[1])
    xs, ys = np.meshgrid(np.linspace(*xlim, 7), np.linspace(*ylim, 7))
    lon, lat = transformer(crs, 4326).transform(xs.ravel(), ys.ravel())
    ok = np.isfinite(lon) & np.isfinite(lat)
    if not ok.any():
        return 0.0
    factors = Proj(crs).get_factors(lon[ok], lat[ok])
    scale = np.nanmax(np.r_[factors.meridional_scale, factors.parallel_scale])
    if not np.isfinite(scale) or scale <= 0:
        return 0.0
    return float(MERGE_PX * per_px / (111_700.0 * scale))
