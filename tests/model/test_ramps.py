"""Colour ramps: the app's table gives exactly matplotlib's colours."""

from __future__ import annotations

import json

import numpy as np
import pytest
from matplotlib import colormaps
from matplotlib.colors import to_hex

from hegang_map.model.ramps import OKABE_ITO, RAMPS, make_tables, ramp_colors
from hegang_map.bundled.paths import resources_dir


def _matplotlib_colors(name, n):
    """The colours as the app drew them when it sampled matplotlib directly."""
    cmap = colormaps[name if name in colormaps else "viridis"]
    kind = RAMPS.get(name, "sequential")
    if kind == "qualitative":
        return [to_hex(cmap(i % cmap.N)) for i in range(n)]
    lo, hi = {"sequential": (0.0, 1.0), "diverging": (0.0, 1.0), "greyscale": (0.25, 0.95)}[kind]
    if name not in ("viridis", "cividis", "magma", "plasma") and kind == "sequential":
        lo = 0.2
    pos = np.linspace(lo, hi, n) if n > 1 else np.array([(lo + hi) / 2])
    return [to_hex(cmap(float(p))) for p in pos]


@pytest.mark.parametrize("name", [n for n in RAMPS if n != "Okabe-Ito"])
def test_every_ramp_gives_matplotlibs_colours(name):
    for n in range(1, 13):
        assert ramp_colors(name, n) == _matplotlib_colors(name, n), n
        assert ramp_colors(name, n, reverse=True) == _matplotlib_colors(name, n)[::-1]


def test_the_bundled_table_is_matplotlibs():
    table = json.loads((resources_dir() / "ramps.json").read_text(encoding="utf-8"))
    assert table == make_tables()


def test_okabe_ito_repeats_its_eight_colours():
    assert ramp_colors("Okabe-Ito", 10) == list(OKABE_ITO) + list(OKABE_ITO[:2])


def test_a_colormap_the_editor_does_not_offer_still_comes_from_matplotlib():
    for name in ("Reds", "inferno", "no such ramp"):
        assert ramp_colors(name, 5) == _matplotlib_colors(name, 5)
    assert ramp_colors("Reds", 3) != ramp_colors("no such ramp", 3)


def test_viridis_five_is_the_standard_quintet_and_reverse_flips_it():
    five = ramp_colors("viridis", 5)
    assert five == ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]
    assert ramp_colors("viridis", 5, reverse=True) == five[::-1]


def test_greyscale_ramp_is_grey_and_darkens():
    greys = ramp_colors("Greys", 4)
    assert all(c[1:3] == c[3:5] == c[5:7] for c in greys)
    assert [int(c[1:3], 16) for c in greys] == sorted((int(c[1:3], 16) for c in greys), reverse=True)
