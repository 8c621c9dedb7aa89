"""A layer that cannot fit in the free memory is refused before it is read,
with one message, instead of growing until the system kills the app."""

from __future__ import annotations

import subprocess
import sys

import geopandas as gpd
import numpy as np
import pytest
import shapely

from hegang_map.cli import main
from hegang_map.io import memory
from hegang_map.io.errors import DataError
from hegang_map.io.read import read_layer

GIB = 1024 ** 3


@pytest.fixture
def polygons(tmp_path):
    """A GeoPackage of 300 small squares."""
    x = np.arange(300, dtype=float) % 30
    y = np.arange(300, dtype=float) // 30
    squares = gpd.GeoDataFrame({"n": np.arange(300)}, geometry=shapely.box(x, y, x + 0.5, y + 0.5), crs="EPSG:4326")
    path = tmp_path / "squares.gpkg"
    squares.to_file(path, layer="squares")
    return path


@pytest.fixture
def tight(monkeypatch):
    """Memory as a machine with ``room`` bytes free would report it; every layer weighed."""
    def set_room(room):
        monkeypatch.setattr(memory, "WEIGH_FROM", 1)
        monkeypatch.setattr(memory, "available_bytes", lambda: room)
    return set_room


def test_a_layer_too_large_for_the_free_memory_is_refused_before_its_features_are_read(polygons, tight):
    tight(10_000)  # 10 kB free: 300 squares need more
    seen = []
    with pytest.raises(DataError) as err:
        read_layer(polygons, progress=lambda done, total: seen.append(done))
    message = str(err.value)
    assert seen == []  # refused before a feature was read
    assert "squares.gpkg:squares" in message and "300 features" in message and "GB" in message
    assert "\n" not in message


def test_a_layer_that_fits_is_read_as_before(polygons, tight):
    tight(GIB)
    assert len(read_layer(polygons)) == 300


def test_lines_and_polygons_weigh_with_their_stored_geometry():
    assert memory.needed_bytes(1_000_000, "Point", 10 * GIB) == memory.needed_bytes(1_000_000, "Point", None)
    light = memory.needed_bytes(1_000_000, "MultiPolygon", 100_000_000)
    heavy = memory.needed_bytes(1_000_000, "MultiPolygon", 500_000_000)
    assert heavy - light == pytest.approx(memory.GEOMETRY_FACTOR * 400_000_000)
    # As measured (benchmarks/README.md), a little under: 10M points 3.98 GB, 1M polygons of 512 MB 2.9 GB.
    assert 0.8 * 3.98e9 <= memory.needed_bytes(10_000_000, "Point", None) <= 3.98e9
    assert 0.75 * 2.9e9 <= memory.needed_bytes(1_000_000, "Polygon", 512 * 1024 ** 2) <= 2.9e9


def test_the_free_memory_counts_an_address_space_limit():
    """``ulimit -v`` (a batch system's limit) caps what a read may take, as the system's free memory does."""
    code = ("import resource; resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30)); "
            "from hegang_map.io.memory import available_bytes; print(available_bytes())")
    room = int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
    assert 1.5 * GIB < room < 2 * GIB


def test_the_command_line_refuses_it_with_one_line_and_exit_3(polygons, tight, tmp_path, capsys):
    tight(10_000)
    out = tmp_path / "map.png"
    assert main(["export", str(polygons), "--out", str(out)]) == 3
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "300 features" in err[0] and "memory" in err[0]
    assert not out.exists()


def test_a_geoparquet_file_is_weighed_by_its_geometry_column(polygons, tight, tmp_path):
    parquet = tmp_path / "squares.parquet"
    gpd.read_file(polygons).to_parquet(parquet)
    tight(10_000)
    with pytest.raises(DataError, match="300 features"):
        read_layer(parquet)
    tight(GIB)
    assert len(read_layer(parquet)) == 300
