"""Class breaks equal mapclassify's, and ramps are what they say."""

from __future__ import annotations

import warnings

import mapclassify
import numpy as np
import pytest

from hegang_map.model.classify import classify, fisher_jenks_bins

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


def _fisher_jenks_quadratic(values, k):
    """The plain O(k n²) dynamic programme (mapclassify's, vectorised over starts only): the reference."""
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    s1, s2 = np.concatenate([[0.0], np.cumsum(x)]), np.concatenate([[0.0], np.cumsum(x * x)])
    dp, start = np.zeros((k, n + 1)), np.ones((k, n + 1), dtype=np.int64)
    dp[0, 1:] = s2[1:] - s1[1:] ** 2 / np.arange(1, n + 1)
    for l_ in range(2, n + 1):
        i3 = np.arange(2, l_ + 1)
        sum1 = s1[l_] - s1[i3 - 1]
        v = (s2[l_] - s2[i3 - 1]) - sum1 * sum1 / (l_ - i3 + 1)
        for j in range(1, k):
            total = v + dp[j - 1, i3 - 1]
            best = int(np.argmin(total))
            dp[j, l_], start[j, l_] = total[best], i3[best]
    bins, last = np.empty(k), n
    bins[k - 1] = x[-1]
    for j in range(k - 1, 0, -1):
        bins[j - 1], last = x[start[j, last] - 2], start[j, last] - 1
    return bins


@pytest.mark.parametrize("seed", range(40))
def test_divide_and_conquer_fisher_jenks_equals_the_full_programme_ties_included(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 600))
    y = [np.round(rng.lognormal(8, 0.7, n)), rng.integers(0, 6, n).astype(float), rng.normal(0, 1, n),
         np.repeat(rng.normal(0, 1, n // 5 + 1), 5)[:n]][seed % 4]
    k = max(1, min(int(rng.integers(2, 9)), len(np.unique(y))))  # as classify() caps it
    np.testing.assert_array_equal(fisher_jenks_bins(y, k), _fisher_jenks_quadratic(y, k))


def test_natural_breaks_of_values_near_the_float_limit_do_not_fail():
    y = np.array([1e300, 2e300, 3e300, 1.0, 2.0, 5.0])
    bins = fisher_jenks_bins(y, 3)
    assert len(bins) == 3 and bins[-1] == 3e300


@pytest.mark.parametrize("seed", range(24))
def test_every_scheme_gives_mapclassifys_breaks_on_random_data(seed):
    rng = np.random.default_rng(100 + seed)
    n = int(rng.integers(1, 400))
    y = [np.round(rng.lognormal(8, 0.7, n)), rng.integers(0, 4, n).astype(float), rng.normal(0, 1, n)][seed % 3]
    distinct = len(np.unique(y))
    k = int(rng.integers(2, 8))
    kk = max(1, min(k, distinct))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = {
            "quantiles": mapclassify.Quantiles(y, k=kk).bins,
            "head_tail_breaks": mapclassify.HeadTailBreaks(y).bins,
            "std_mean": mapclassify.StdMean(y).bins if n > 1 else None,
            "manual": mapclassify.UserDefined(y, bins=[float(np.median(y))]).bins,
        }
        if distinct > 1:
            expected["equal_interval"] = mapclassify.EqualInterval(y, k=kk).bins
    for scheme, want in expected.items():
        if want is None:
            continue
        got = classify(y, scheme, k, breaks=(float(np.median(y)),))
        np.testing.assert_allclose(got.bins, want, rtol=1e-12, err_msg=scheme)
