"""Colour ramps for graduated and categorized styles, sampled as matplotlib samples them.

The ramps' colour tables (matplotlib's 256- or 8-entry lookup tables, as hex)
are in ``resources/ramps.json``: the app reads them instead of importing
matplotlib (a seventh of a second at every start). Regenerate the table with
``python -m hegang_map.build.ramps`` after changing :data:`RAMPS`;
``tests/model/test_ramps.py`` checks every ramp against matplotlib.
"""

from __future__ import annotations

import json
from functools import cache

import numpy as np

from ..bundled.paths import resources_dir

#: Colour-blind-safe ramps offered in the style editor: perceptual (viridis
#: family), ColorBrewer sequential and diverging schemes that CVD users can
#: read, greyscale for print, and qualitative palettes for categories.
RAMPS = {
    "viridis": "sequential", "cividis": "sequential", "magma": "sequential", "plasma": "sequential",
    "YlOrRd": "sequential", "YlGnBu": "sequential", "Blues": "sequential", "Greens": "sequential",
    "Oranges": "sequential", "Purples": "sequential", "OrRd": "sequential", "PuBuGn": "sequential",
    "RdYlBu": "diverging", "PuOr": "diverging", "BrBG": "diverging",
    "Greys": "greyscale",
    "Okabe-Ito": "qualitative", "Dark2": "qualitative", "Set2": "qualitative",
}

#: Okabe & Ito (2008): eight colours distinguishable with every common colour-vision deficiency.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")

TABLE_FILE = "ramps.json"


@cache
def _tables() -> dict[str, list[str]]:
    return json.loads((resources_dir() / TABLE_FILE).read_text(encoding="utf-8"))


def ramp_colors(name: str, n: int, reverse: bool = False) -> list[str]:
    """``n`` colours ``#rrggbb`` sampled from ramp ``name``.

    The viridis family is sampled end to end (so 5 classes give the standard
    viridis quintet); ColorBrewer ramps skip their palest end, which vanishes
    on a light basemap. Any other matplotlib colormap named in a style file
    works too (read from matplotlib then); an unknown name gives viridis.
    """
    n = max(int(n), 1)
    if name == "Okabe-Ito":
        colors = [OKABE_ITO[i % len(OKABE_ITO)] for i in range(n)]
    else:
        table = _tables().get(name) or _matplotlib_table(name)
        kind = RAMPS.get(name, "sequential")
        if kind == "qualitative":
            colors = [table[i % len(table)] for i in range(n)]
        else:
            lo, hi = {"sequential": (0.0, 1.0), "diverging": (0.0, 1.0), "greyscale": (0.25, 0.95)}[kind]
            if name not in ("viridis", "cividis", "magma", "plasma") and kind == "sequential":
                lo = 0.2
            pos = np.linspace(lo, hi, n) if n > 1 else np.array([(lo + hi) / 2])
            # A colormap called with a float in [0, 1] takes entry int(x * N), the last for 1.0.
            colors = [table[min(int(float(p) * len(table)), len(table) - 1)] for p in pos]
    return colors[::-1] if reverse else colors


@cache
def _matplotlib_table(name: str) -> list[str]:
    """The lookup table of matplotlib's colormap ``name`` (viridis if it has none of that name)."""
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps[name if name in colormaps else "viridis"]
    return [to_hex(cmap(i)) for i in range(cmap.N)]


def make_tables() -> dict[str, list[str]]:
    """Each ramp's lookup table from matplotlib (the source of ``resources/ramps.json``)."""
    return {name: _matplotlib_table(name) for name in RAMPS if name != "Okabe-Ito"}
