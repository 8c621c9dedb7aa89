"""Every bundled layer and field has a title in Chinese and in English, read
back from the GeoPackage the way the app reads any file's titles."""

from __future__ import annotations

import sqlite3

import pyogrio
import pytest

from hegang_map.bundled.paths import geodata_dir
from hegang_map.io import read_layer
from hegang_map.io.read import _geopackage_titles

FILES = ("city_prices.gpkg", "hegang_welfare.gpkg", "hegang_redevelopment.gpkg")


@pytest.mark.parametrize("file", FILES)
def test_every_layer_and_field_has_both_titles(file):
    path = geodata_dir() / file
    for layer, geometry in pyogrio.list_layers(path):
        # A map layer's titles arrive with its data; a table's are read the same way.
        titles = (read_layer(path, str(layer)).attrs["hegang_map_titles"] if geometry
                  else _geopackage_titles(path, str(layer)))
        assert titles.layer.get("zh") and titles.layer.get("en"), layer
        assert titles.description.get("zh") and titles.description.get("en"), layer
        for field in pyogrio.read_info(path, layer=str(layer))["fields"]:
            field_titles = titles.fields.get(field, {})
            assert field_titles.get("zh") and field_titles.get("en"), (layer, field)
            assert field_titles["zh"] != field and any("\u4e00" <= c <= "\u9fff" for c in field_titles["zh"])


@pytest.mark.parametrize("file", FILES)
def test_other_software_reads_the_english_titles_from_the_standard_tables(file):
    con = sqlite3.connect(f"file:{geodata_dir() / file}?mode=ro&immutable=1", uri=True)
    try:
        identifiers = dict(con.execute("SELECT table_name, identifier FROM gpkg_contents"))
        assert identifiers["price_annual" if file == "city_prices.gpkg" else next(iter(identifiers))] != ""
        assert all(ident and ident != table for table, ident in identifiers.items())
        extensions = {r[0] for r in con.execute("SELECT extension_name FROM gpkg_extensions")}
        assert {"gpkg_schema", "gpkg_metadata"} <= extensions
        titled = con.execute("SELECT COUNT(*) FROM gpkg_data_columns WHERE title IS NOT NULL").fetchone()[0]
        assert titled > 0
    finally:
        con.close()
