"""Class breaks equal mapclassify's, and ramps are what they say."""

from __future__ import annotations

import warnings

import mapclassify
import numpy as np
import pytest

from hegang_map.model.classify import classify, fisher_jenks_bins, ramp_colors

# Fixed data: skewed like city prices (a few very expensive cities).
VALUES = np.array([2285, 1874, 3100, 3500, 4100, 4960, 5975, 6200, 7228, 8300, 9733, 11712, 14000,
                   20420, 26000, 39121, 45000, 59675, 5100, 5400, 3950, 2890, 7700, 12500], dtype=float)


@pytest.mark.parametrize("scheme, expected", [
    ("quantiles", lambda: mapclassify.Quantiles(VALUES, k=5)),
    ("equal_interval", lambda: mapclassify.EqualInterval(VALUES, k=5)),
    ("natural_breaks", lambda: mapclassify.FisherJenks(VALUES, k=5)),
    ("head_tail_breaks", lambda: mapclassify.HeadTailBreaks(VALUES)),
    ("std_mean", lambda: mapclassify.StdMean(VALUES)),
    ("manual", lambda: mapclassify.UserDefined(VALUES, bins=[3000, 6000, 12000, 59675])),
])
def test_breaks_equal_mapclassify(scheme, expected):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Numba not installed"
        want = expected()
    got = classify(VALUES, scheme, 5, breaks=(3000, 6000, 12000, 59675))
    np.testing.assert_allclose(got.bins, want.bins)
    np.testing.assert_array_equal(got.assign(VALUES), want.yb)


@pytest.mark.parametrize("k", [2, 3, 4, 6, 7])
def test_fast_fisher_jenks_matches_mapclassify_on_random_data(k):
    rng = np.random.default_rng(k)
    y = np.round(rng.lognormal(8, 0.7, 120))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = mapclassify.FisherJenks(y, k=k).bins
    np.testing.assert_allclose(fisher_jenks_bins(y, k), want)


def test_nan_values_are_ignored_and_unclassed():
    c = classify([1.0, np.nan, 5.0, 9.0], "equal_interval", 2)
    assert list(c.assign([1.0, np.nan, 9.0])) == [0, -1, 1]


def test_viridis_five_is_the_standard_quintet_and_reverse_flips_it():
    five = ramp_colors("viridis", 5)
    assert five == ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]
    assert ramp_colors("viridis", 5, reverse=True) == five[::-1]


def test_greyscale_ramp_is_grey_and_darkens():
    greys = ramp_colors("Greys", 4)
    assert all(c[1:3] == c[3:5] == c[5:7] for c in greys)
    assert [int(c[1:3], 16) for c in greys] == sorted((int(c[1:3], 16) for c in greys), reverse=True)
