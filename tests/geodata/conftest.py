"""Shared fixtures of the geodata tests: the committed GeoPackages, read once."""

from __future__ import annotations

import json

import pyogrio
import pytest

from hegang_map.build.geodata import GPKG_FILES, read_gpkg
from hegang_map.bundled.paths import geodata_dir


@pytest.fixture(scope="session")
def geodata():
    """The bundled geodata folder."""
    return geodata_dir()


@pytest.fixture(scope="session")
def committed(geodata):
    """Every committed layer: ``{gpkg file: {layer: DataFrame}}``."""
    return {name: read_gpkg(geodata / name) for name in GPKG_FILES}


@pytest.fixture(scope="session")
def credits(geodata):
    """The parsed ``credits.json``."""
    return json.loads((geodata / "credits.json").read_text(encoding="utf-8"))


def layer_info(path, layer):
    """pyogrio's description of one layer."""
    return pyogrio.read_info(path, layer=layer)
