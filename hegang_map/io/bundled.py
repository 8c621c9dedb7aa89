"""The bundled layers the app opens on, and how each starts (shown or hidden)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..bundled.paths import BASEMAP_FILE, geodata_dir

#: Bundled (file, layer, visible) in panel order, top first. Layers of these
#: files that are not listed open hidden, after these.
_START = [
    ("hegang_welfare.gpkg", "facilities", True),
    ("hegang_redevelopment.gpkg", "redevelopment_sites", True),
    ("hegang_welfare.gpkg", "coal_mines", True),
    ("hegang_welfare.gpkg", "mine_boundaries", True),
    ("city_prices.gpkg", "price_annual", True),
    ("city_prices.gpkg", "price_latest", False),
    ("city_prices.gpkg", "cities", False),
    ("city_prices.gpkg", "price_quotes", False),
]


@dataclass(frozen=True)
class BundledLayer:
    """One bundled layer to open at start."""

    path: Path
    layer: str
    visible: bool


def start_layers() -> list[BundledLayer]:
    """The bundled thematic layers that exist, in panel order (top first)."""
    from . import DataError, spatial_layer_names

    out: list[BundledLayer] = []
    for file, layer, visible in _START:
        path = geodata_dir() / file
        if path.is_file():
            out.append(BundledLayer(path, layer, visible))
    listed = {(b.path.name, b.layer) for b in out}
    for path in sorted(geodata_dir().glob("*.gpkg")):
        if path.name == BASEMAP_FILE:
            continue
        try:
            names = spatial_layer_names(path)
        except DataError:
            continue
        out = [b for b in out if b.path != path or b.layer in names]
        for name in names:
            if (path.name, name) not in listed:
                out.append(BundledLayer(path, name, False))
    return out
