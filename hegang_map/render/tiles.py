"""Pictures of tile basemaps: vector tiles drawn, tiles decoded, mosaics warped.

Pure functions of bytes and arrays (reading the files is
:mod:`hegang_map.io.tiles`' job). The window and the exports draw a vector
tile with the same :func:`vector_tile_picture`, so a basemap looks the same
in both; an export draws tile basemaps as pictures at its own resolution,
warped from Web Mercator into the figure's projection.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

#: Web Mercator's half-width in metres.
HALF_WORLD = 20037508.342789244

# (keywords of a layer or its "class", fill, stroke, stroke width in px at 256 px tiles, paint rank)
# Names of the common schemas: OpenMapTiles, Protomaps, Shortbread, and a tippecanoe file's own.
_VECTOR_STYLES = (
    (("ocean", "water", "lake", "river", "sea", "reservoir"), "#cfe0ec", "#a9c3d6", 0.6, 2),
    (("earth", "land", "country"), "#f6f3ec", None, 0.0, 0),
    (("wood", "forest", "park", "grass", "green", "nature", "landcover", "natural", "sites"), "#e3ecd6", None, 0.0, 1),
    (("landuse", "residential", "urban"), "#efeae0", None, 0.0, 1),
    (("building",), "#dcd6cc", "#cbc4b8", 0.4, 3),
    (("boundar", "admin"), None, "#9a8fa6", 0.8, 6),
    (("rail", "transit"), None, "#9a9a9a", 0.7, 5),
    (("road", "street", "transportation", "highway", "motorway"), None, "#ffffff", 1.4, 4),
)
#: What a feature of no known name is drawn as.
_OTHER = ("#e8e4da", "#b8b0a2", 0.5, 3)


@dataclass(frozen=True)
class PictureLayer:
    """A basemap file as a figure draws it: a picture of the figure's own grid.

    Attributes
    ----------
    draw : callable
        ``draw(crs, xlim, ylim, width, height)``: an RGBA ``uint8`` array of
        ``height`` × ``width`` pixels spanning ``xlim`` × ``ylim`` of the
        pyproj ``crs``, or ``None`` where nothing shows.
    opacity : float
    credit : str
        Its line among the figure's sources.
    """

    draw: Callable
    opacity: float
    credit: str


def vector_style(layer: str, properties: dict) -> tuple[str | None, str | None, float, int]:
    """Fill, stroke, stroke width (px at 256-px tiles) and paint rank of a vector-tile feature."""
    # The layer's name first; then its features' class or kind (a "landuse" feature of class "park").
    words = (layer + " " + str(properties.get("class", "")) + " " + str(properties.get("kind", ""))).lower()
    for text in (layer.lower(), words):
        for keys, fill, stroke, width, rank in _VECTOR_STYLES:
            if any(k in text for k in keys):
                return fill, stroke, width, rank
    return _OTHER


def _rings_path(polygons):
    from matplotlib.path import Path as MplPath

    verts, codes = [], []
    for rings in polygons:
        for ring in rings:
            if len(ring) < 3:
                continue
            verts.extend(ring)
            verts.append(ring[0])
            codes.extend([MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 1) + [MplPath.CLOSEPOLY])
    return MplPath(np.asarray(verts, float), codes) if verts else None


def vector_tile_picture(data: bytes, size: int = 256) -> np.ndarray | None:
    """Draw a Mapbox vector tile (unpacked bytes) as a ``size`` × ``size`` RGBA picture.

    Areas are filled, lines stroked, points and labels left out (a basemap's
    names are drawn by the app's own labels). Returns ``None`` for bytes that
    are no vector tile.
    """
    import mapbox_vector_tile
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import LineCollection, PathCollection
    from matplotlib.figure import Figure

    try:
        layers = mapbox_vector_tile.decode(data, default_options={"y_coord_down": True})
    except Exception:  # the decoder's protobuf errors: damaged or no vector tile
        return None
    fig = Figure(figsize=(size / 100, size / 100), dpi=100)
    fig.patch.set_alpha(0)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.patch.set_alpha(0)
    scale = size / 256
    batches: dict[tuple, dict] = {}
    for name, layer in layers.items():
        extent = float(layer.get("extent") or 4096)
        for feature in layer.get("features", ()):
            geometry = feature.get("geometry") or {}
            kind, coords = geometry.get("type", ""), geometry.get("coordinates")
            if not coords or "Point" in kind:
                continue
            fill, stroke, width, rank = vector_style(name, feature.get("properties") or {})
            key = (rank, "Polygon" in kind, fill, stroke, width)
            batch = batches.setdefault(key, {"items": [], "extent": extent})
            if kind == "Polygon":
                batch["items"].append([coords])
            elif kind == "MultiPolygon":
                batch["items"].append(coords)
            elif kind == "LineString":
                batch["items"].append(coords)
            elif kind == "MultiLineString":
                batch["items"].extend(coords)
    extent = 4096.0
    for (rank, polygon, fill, stroke, width), batch in sorted(batches.items(), key=lambda kv: kv[0][0]):
        extent = batch["extent"]
        if polygon:
            paths = [p for p in (_rings_path(item) for item in batch["items"]) if p is not None]
            if fill is None and stroke is None:
                continue
            ax.add_collection(PathCollection(paths, facecolors=fill or "none", edgecolors=stroke or "none",
                                             linewidths=width * scale * 0.75, antialiased=True))
        elif stroke is not None:
            if stroke == "#ffffff":  # roads: a grey casing under the white line
                ax.add_collection(LineCollection(batch["items"], colors="#c9c2b6", linewidths=(width + 1) * scale * 0.75,
                                                 capstyle="round", joinstyle="round"))
            ax.add_collection(LineCollection(batch["items"], colors=stroke, linewidths=width * scale * 0.75,
                                             capstyle="round", joinstyle="round"))
    ax.set_xlim(0, extent)
    ax.set_ylim(extent, 0)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def decode_picture(data: bytes) -> np.ndarray | None:
    """A PNG, JPEG or WebP tile as an RGBA array; ``None`` if it is no picture."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > 4096 * 4096:
                return None
            return np.asarray(image.convert("RGBA"))
    except Exception:  # Pillow raises many kinds for damaged pictures
        return None


def png_bytes(picture: np.ndarray) -> bytes:
    """An RGBA array as PNG bytes."""
    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(picture, "RGBA").save(out, format="PNG", compress_level=1)
    return out.getvalue()


def mercator_bounds(z: int, x: int, y: int) -> tuple[float, float, float, float]:
    """Left, bottom, right, top of XYZ tile ``z/x/y`` in Web Mercator metres."""
    size = 2 * HALF_WORLD / 2 ** z
    return (-HALF_WORLD + x * size, HALF_WORLD - (y + 1) * size, -HALF_WORLD + (x + 1) * size, HALF_WORLD - y * size)


def zoom_for(metres_per_pixel: float, tile_size: int = 256) -> int:
    """The tile zoom whose pixels are closest to ``metres_per_pixel`` (Web Mercator metres)."""
    return int(np.clip(round(math.log2(2 * HALF_WORLD / tile_size / max(metres_per_pixel, 1e-6))), 0, 24))


def tile_range(bounds: tuple[float, float, float, float], z: int) -> tuple[int, int, int, int]:
    """First and last column and row (XYZ) of zoom ``z`` covering Web Mercator ``bounds``."""
    n = 2 ** z
    size = 2 * HALF_WORLD / n
    left, bottom, right, top = bounds
    x0 = int(np.clip((left + HALF_WORLD) // size, 0, n - 1))
    x1 = int(np.clip((right + HALF_WORLD) // size, 0, n - 1))
    y0 = int(np.clip((HALF_WORLD - top) // size, 0, n - 1))
    y1 = int(np.clip((HALF_WORLD - bottom) // size, 0, n - 1))
    return x0, x1, y0, y1


def warp_mosaic(mosaic: np.ndarray, bounds: tuple[float, float, float, float], to_mercator,
                xlim, ylim, width: int, height: int) -> np.ndarray:
    """Draw ``mosaic`` (RGBA, covering Web Mercator ``bounds``) into a ``height`` ×
    ``width`` grid spanning ``xlim`` × ``ylim`` of another projection.

    ``to_mercator(x, y)`` turns that projection's coordinates into Web
    Mercator metres (arrays in, arrays out). Each output pixel takes the
    mosaic pixel under its centre; the projection is sampled every 16
    pixels and interpolated between (a fraction of a pixel's error).
    """
    step = 16
    gx = np.linspace(0, width, max(2, width // step + 2))
    gy = np.linspace(0, height, max(2, height // step + 2))
    cx, cy = np.meshgrid(xlim[0] + (xlim[1] - xlim[0]) * gx / width, ylim[1] - (ylim[1] - ylim[0]) * gy / height)
    mx, my = to_mercator(cx.ravel(), cy.ravel())
    mx, my = np.asarray(mx).reshape(cx.shape), np.asarray(my).reshape(cy.shape)
    px = np.arange(width) + 0.5
    py = np.arange(height) + 0.5

    def fill(grid: np.ndarray) -> np.ndarray:
        rows = np.array([np.interp(px, gx, row) for row in grid])  # along x, per grid row
        return np.array([np.interp(py, gy, col) for col in rows.T]).T

    left, bottom, right, top = bounds
    h, w = mosaic.shape[:2]
    fx = (fill(mx) - left) / (right - left) * w
    fy = (top - fill(my)) / (top - bottom) * h
    inside = np.isfinite(fx) & np.isfinite(fy) & (fx >= 0) & (fx < w) & (fy >= 0) & (fy < h)
    out = np.zeros((height, width, 4), np.uint8)
    out[inside] = mosaic[fy[inside].astype(int), fx[inside].astype(int)]
    return out
