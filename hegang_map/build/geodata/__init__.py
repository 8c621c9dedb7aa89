"""Build the bundled GeoPackages from the sourced facts in ``geodata/sources``.

``python -m hegang_map.build.geodata build`` writes, all in EPSG:4326:

* ``city_prices.gpkg``: cities, price_annual, price_latest, price_quotes
  (+ attribute-only ``*_unplaced`` tables for prices without a city point);
* ``hegang_redevelopment.gpkg``: redevelopment_sites, district_points
  (+ ``redevelopment_sites_unplaced``, ``programme_figures``, ``hegang_timeline``);
* ``hegang_welfare.gpkg``: facilities, coal_mines, coal_mines_press,
  mine_boundaries, mine_features, reference_points (+ ``places_unplaced``);
* ``basemap.gpkg``: Natural Earth context, rivers, province capitals;

plus ``credits.json`` (one credit line per ``"<file>:<layer>"``) and
``styles.json`` (default styles). The build reads nothing outside
``geodata/sources`` and is deterministic: the same sources give the same
content (and, with the same GDAL, the same bytes).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ...bundled.paths import geodata_dir
from ._gpkg import read_gpkg, write_gpkg
from .basemap import basemap_layers
from .credits import CREDITS, DESCRIPTIONS
from .hegang import redevelopment_layers, welfare_layers
from .prices import load_units, price_layers
from .styles import STYLES
from .titles import write_titles

__all__ = ["build", "build_layers", "sources_dir", "read_gpkg", "GPKG_FILES", "CREDITS", "STYLES"]

#: The GeoPackages the build writes, in order.
GPKG_FILES = ("city_prices.gpkg", "hegang_redevelopment.gpkg", "hegang_welfare.gpkg", "basemap.gpkg")


def sources_dir() -> Path:
    """Return the folder of the committed source tables (``geodata/sources``)."""
    return geodata_dir() / "sources"


def build_layers(sources: Path | None = None) -> dict[str, dict[str, pd.DataFrame]]:
    """Build every layer in memory.

    Parameters
    ----------
    sources : pathlib.Path, optional
        Source folder; defaults to :func:`sources_dir`.

    Returns
    -------
    dict
        GeoPackage file name to a mapping of layer name to data.
    """
    sources = Path(sources) if sources is not None else sources_dir()
    city, prov, _extra = load_units(sources)
    return {
        "city_prices.gpkg": price_layers(sources),
        "hegang_redevelopment.gpkg": redevelopment_layers(sources),
        "hegang_welfare.gpkg": welfare_layers(sources),
        "basemap.gpkg": basemap_layers(sources, prov, city),
    }


def build(out_dir: Path | None = None, sources: Path | None = None) -> list[Path]:
    """Build the GeoPackages, ``credits.json`` and ``styles.json``.

    Parameters
    ----------
    out_dir : pathlib.Path, optional
        Output folder; defaults to the bundled geodata folder.
    sources : pathlib.Path, optional
        Source folder; defaults to :func:`sources_dir`.

    Returns
    -------
    list of pathlib.Path
        The files written.
    """
    out_dir = Path(out_dir) if out_dir is not None else geodata_dir()
    layers = build_layers(sources)
    missing = [f"{f}:{n}" for f, ls in layers.items() for n in ls if f"{f}:{n}" not in CREDITS]
    if missing:
        raise ValueError(f"layers without a credit line: {missing}")
    written = []
    for fname in GPKG_FILES:
        descriptions = {name: DESCRIPTIONS.get(f"{fname}:{name}", CREDITS[f"{fname}:{name}"]) for name in layers[fname]}
        written.append(write_gpkg(out_dir / fname, layers[fname], descriptions))
        if fname != "basemap.gpkg":
            write_titles(out_dir / fname, fname, descriptions)
    for name, data in (("credits.json", CREDITS), ("styles.json", STYLES)):
        path = out_dir / name
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(path)
    return written
