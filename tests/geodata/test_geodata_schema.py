"""Schema of every bundled layer: fields, types, CRS, geometry, provenance."""

from __future__ import annotations

import json

import pyogrio
import pytest
import shapely

from hegang_map.build.geodata import GPKG_FILES

O, I32, I64, F64 = "object", "int32", "int64", "float64"

# Field types as pyogrio reports them; nullable integers are int64 in the file.
_BASEMAP_LINE = {"source": O, "licence": O, "location_precision": O}
SCHEMA: dict[str, tuple[str | None, dict[str, str]]] = {
    "city_prices.gpkg:cities": ("Point", {
        "adcode": I64, "name_zh": O, "name_en": O, "province_zh": O, "province_en": O, "admin_level": O,
        "prefecture_adcode": I64, "population_geonames_undated": I64, "geonameid": I64, "essay_role": O, "note": O,
        "location_precision": O, "source": O, "licence": O}),
    "city_prices.gpkg:price_annual": ("Point", {
        "adcode": I64, "name_zh": O, "name_en": O, "province_zh": O, "province_en": O, "year": I32, "platform": O,
        "price_yuan_m2": I64, "yoy_pct": F64, "quality_flag": O, "quality_note": O, "price_type": O,
        "price_unit_adcode": I64, "price_unit_zh": O,
        "name_in_source": O, "essay_role": O, "note": O, "location_precision": O, "source": O, "licence": O}),
    "city_prices.gpkg:price_latest": ("Point", {
        "rank": I32, "rank_of": I32, "adcode": I64, "name_zh": O, "name_en": O, "province_zh": O, "province_en": O,
        "price_yuan_m2": I64, "mom_change_pct": F64, "price_type": O, "snapshot_date": O, "price_unit_adcode": I64,
        "price_unit_zh": O, "name_in_source": O, "essay_role": O, "note": O, "location_precision": O, "source": O,
        "licence": O}),
    "city_prices.gpkg:price_quotes": ("Point", {
        "quote_id": I32, "adcode": I64, "name_zh": O, "name_en": O, "city_in_source": O, "period": O, "value": I64,
        "unit": O, "metric": O, "essay_role": O, "quoted_in": O, "note": O, "location_precision": O, "source": O,
        "citation": O, "url": O, "source_caveat": O, "licence": O}),
    "city_prices.gpkg:price_annual_unplaced": (None, {
        "name_in_source": O, "province_in_source": O, "matched_adcode": I64, "year": I32, "platform": O,
        "price_yuan_m2": I64, "yoy_pct": F64, "price_type": O, "reason": O, "source": O, "licence": O}),
    "city_prices.gpkg:price_latest_unplaced": (None, {
        "rank": I32, "name_in_source": O, "province_in_source": O, "matched_adcode": I64, "price_yuan_m2": I64,
        "mom_change_pct": F64, "price_type": O, "snapshot_date": O, "reason": O, "source": O, "licence": O}),
    "hegang_redevelopment.gpkg:redevelopment_sites": ("Point", {
        "row_in_source": I32, "name_zh": O, "name_en": O, "site_type": O, "category_in_source": O, "is_contrast": I32,
        "district_adcode": I64, "district_zh": O, "district_en": O, "location_text": O, "units": I64, "years": O,
        "price_yuan_m2": I64, "price_period": O, "price_type": O, "facts": O, "location_precision": O,
        "location_note": O, "crs_note": O, "source": O, "url": O, "source_caveat": O, "licence": O}),
    "hegang_redevelopment.gpkg:district_points": ("Point", {
        "adcode": I64, "name_zh": O, "name_en": O, "area_km2_2004": F64, "seat_geonameid": I64,
        "location_precision": O, "location_note": O, "crs_note": O, "source": O, "licence": O}),
    "hegang_redevelopment.gpkg:redevelopment_sites_unplaced": (None, {
        "row_in_source": I32, "name_zh": O, "name_en": O, "site_type": O, "category_in_source": O, "is_contrast": I32,
        "district_adcode": I64, "district_zh": O, "district_en": O, "location_text": O, "units": I64, "years": O,
        "price_yuan_m2": I64, "price_period": O, "price_type": O, "facts": O, "location_note": O, "source": O,
        "url": O, "source_caveat": O, "licence": O, "reason": O}),
    "hegang_redevelopment.gpkg:hegang_timeline": (None, {
        "year": I32, "period": O, "metric_en": O, "metric_zh": O, "value": F64, "value_max": F64, "unit": O,
        "source": O, "citation": O, "url": O, "quoted_from": O, "licence": O}),
    "hegang_redevelopment.gpkg:programme_figures": (None, {
        "name_zh": O, "name_en": O, "scope": O, "units": I64, "years": O, "facts": O, "source": O, "url": O,
        "licence": O}),
    "hegang_welfare.gpkg:facilities": ("Point", {
        "row_in_source": I32, "name_zh": O, "name_en": O, "category": O, "category_in_source": O, "founded_year": I64,
        "area_ha": F64, "operator": O, "coal_company_link": O, "operator_basis": O, "district_adcode": I64,
        "district_zh": O, "district_en": O, "address_text": O, "facts": O, "location_precision": O,
        "location_note": O, "crs_note": O, "source": O, "url": O, "source_caveat": O, "licence": O}),
    "hegang_welfare.gpkg:coal_mines": ("Point", {
        "gem_mine_id": O, "name_en": O, "name_zh": O, "name_zh_basis": O, "status": O, "status_2023": O,
        "capacity_mtpa": F64, "production_mt": F64, "mine_type": O, "mine_size_km2": F64, "mine_depth_m": F64,
        "workforce": I64, "coal_type": O, "coal_grade": O, "reserves_mt": F64, "resources_mt": F64,
        "opening_year": I64, "closing_year": I64, "coalfield": O, "owner": O, "parent": O, "gem_wiki": O,
        "location_precision": O, "location_note": O, "crs_note": O, "source": O, "licence": O, "dataset_note": O}),
    "hegang_welfare.gpkg:coal_mines_press": ("Point", {
        "row_in_source": I32, "name_zh": O, "name_en": O, "category_in_source": O, "facts": O, "district_adcode": I64,
        "district_zh": O, "district_en": O, "location_precision": O, "location_note": O, "crs_note": O, "source": O,
        "url": O, "source_caveat": O, "licence": O}),
    "hegang_welfare.gpkg:mine_boundaries": ("Polygon", {
        "feature_id": O, "gem_mine_id": O, "mine_name": O, "boundary_status": O, "description": O, "subcategory": O,
        "data_source_date": O, "notes": O, "location_precision": O, "location_note": O, "crs_note": O, "source": O,
        "licence": O, "dataset_note": O}),
    "hegang_welfare.gpkg:mine_features": ("Point", {
        "feature_id": O, "gem_mine_id": O, "mine_name": O, "category": O, "subcategory": O, "description": O,
        "identification": O, "data_source_date": O, "notes": O, "location_precision": O, "location_note": O,
        "crs_note": O, "source": O, "licence": O}),
    "hegang_welfare.gpkg:reference_points": ("Point", {
        "name_zh": O, "name_en": O, "category": O, "district_adcode": I64, "district_zh": O, "address_text": O,
        "facts": O, "location_precision": O, "location_note": O, "crs_note": O, "source": O, "url": O, "licence": O}),
    "hegang_welfare.gpkg:places_unplaced": (None, {
        "row_in_source": I32, "kind": O, "name_zh": O, "name_en": O, "category": O, "category_in_source": O,
        "founded_year": I64, "area_ha": F64, "operator": O, "coal_company_link": O, "operator_basis": O,
        "district_adcode": I64, "district_zh": O, "district_en": O, "address_text": O, "facts": O,
        "location_note": O, "source": O, "url": O, "source_caveat": O, "licence": O, "reason": O, "see_also": O}),
    "basemap.gpkg:land": ("MultiPolygon", _BASEMAP_LINE),
    "basemap.gpkg:lakes": ("MultiPolygon", _BASEMAP_LINE),
    "basemap.gpkg:country_borders": ("MultiLineString", _BASEMAP_LINE),
    "basemap.gpkg:province_lines": ("MultiLineString", _BASEMAP_LINE),
    "basemap.gpkg:rivers": ("MultiLineString", _BASEMAP_LINE),
    "basemap.gpkg:province_capitals": ("Point", {
        "province_adcode": I64, "province_zh": O, "province_en": O, "capital_adcode": I64, "capital_zh": O,
        "capital_en": O, "geonameid": I64, "location_precision": O, "source": O, "licence": O}),
}

#: Allowed location_precision values of the thematic point layers.
PRECISION_VOCAB = {
    "city point (GeoNames)",
    "district",
    "district seat",
    "~100 m",
    "mine site (GEM representative point)",
    "imagery ~10-30 m",
}


def test_every_layer_is_listed(geodata):
    found = {f"{f}:{name}" for f in GPKG_FILES for name, _ in pyogrio.list_layers(geodata / f)}
    assert found == set(SCHEMA)


@pytest.mark.parametrize("key", sorted(SCHEMA))
def test_fields_types_crs_geometry(key, geodata):
    fname, layer = key.split(":")
    geom_type, fields = SCHEMA[key]
    info = pyogrio.read_info(geodata / fname, layer=layer)
    assert dict(zip(info["fields"], info["dtypes"])) == fields
    assert list(info["fields"]) == list(fields), "field order changed"
    assert info["geometry_type"] == geom_type
    if geom_type is not None:
        assert info["crs"] == "EPSG:4326"
    assert info["features"] > 0


@pytest.mark.parametrize("key", sorted(SCHEMA))
def test_provenance_on_every_row(key, committed):
    fname, layer = key.split(":")
    frame = committed[fname][layer]
    assert frame["source"].notna().all() and (frame["source"].str.strip() != "").all()
    assert frame["licence"].notna().all()
    if SCHEMA[key][0] is not None:
        geoms = frame.geometry
        assert geoms.notna().all() and not geoms.is_empty.any()
        assert frame["location_precision"].notna().all()


@pytest.mark.parametrize("key", sorted(k for k, v in SCHEMA.items() if v[0] == "Point" and not k.startswith("basemap")))
def test_point_precision_vocabulary(key, committed):
    fname, layer = key.split(":")
    assert set(committed[fname][layer]["location_precision"]) <= PRECISION_VOCAB


@pytest.mark.parametrize("key", sorted(k for k, v in SCHEMA.items() if v[0] is not None))
def test_coordinates_are_rounded_wgs84(key, committed):
    fname, layer = key.split(":")
    xy = shapely.get_coordinates(committed[fname][layer].geometry.values)
    decimals = 5 if fname == "basemap.gpkg" else 6
    assert (abs(xy - xy.round(decimals)) < 1e-9).all()
    if fname == "basemap.gpkg" and layer in ("land", "lakes", "country_borders"):
        # The world, simplified outside the detailed box (geodata/README.md).
        assert xy[:, 0].min() >= -180 and xy[:, 0].max() <= 180
        assert xy[:, 1].min() >= -90 and xy[:, 1].max() <= 90
        return
    assert xy[:, 0].min() >= 70 and xy[:, 0].max() <= 140
    assert xy[:, 1].min() >= 3 and xy[:, 1].max() <= 56


def test_district_points_sit_on_their_district(committed):
    """A point marked `district` is exactly its district's seat."""
    districts = committed["hegang_redevelopment.gpkg"]["district_points"].set_index("adcode")
    for fname, layer in [
        ("hegang_redevelopment.gpkg", "redevelopment_sites"),
        ("hegang_welfare.gpkg", "facilities"),
        ("hegang_welfare.gpkg", "coal_mines_press"),
    ]:
        frame = committed[fname][layer]
        marked = frame[frame["location_precision"] == "district"]
        assert len(marked) > 0
        for row in marked.itertuples():
            assert row.geometry.equals(districts.loc[int(row.district_adcode), "geometry"]), row.name_zh


def test_no_amap_polygons_committed(committed, geodata):
    """Only the GEM mine boundary and Natural Earth carry polygons."""
    polygon_layers = {
        f"{f}:{name}"
        for f, layers in committed.items()
        for name, frame in layers.items()
        if "geometry" in frame and frame.geom_type.str.contains("Polygon").any()
    }
    assert polygon_layers == {"hegang_welfare.gpkg:mine_boundaries", "basemap.gpkg:land", "basemap.gpkg:lakes"}
    assert not any("amap" in p.name.lower() or "cnmaps" in p.name.lower() for p in geodata.rglob("*"))


def test_credits_cover_every_layer(credits):
    assert set(credits) == set(SCHEMA)
    assert all(isinstance(v, str) and 10 < len(v) < 200 for v in credits.values())
    assert "GeoNames" in credits["city_prices.gpkg:price_annual"]
    assert "Global Energy Monitor" in credits["hegang_welfare.gpkg:coal_mines"]
    assert "CC BY 4.0" in credits["hegang_welfare.gpkg:coal_mines"]
    assert "Natural Earth" in credits["basemap.gpkg:land"]
    assert "LGPL" in credits["basemap.gpkg:rivers"]


def test_styles_name_real_layers(geodata):
    styles = json.loads((geodata / "styles.json").read_text(encoding="utf-8"))
    assert set(styles) <= set(SCHEMA)
    for key, entry in styles.items():
        fields = SCHEMA[key][1]
        classify = entry.get("classify")
        if classify:
            assert classify["field"] in fields, key
        if "label" in entry:
            assert entry["label"]["field"] in fields, key


def test_rivers_licence_text_ships(geodata):
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in (geodata / "LICENSES" / "GSHHG-rivers-LGPL-3.0.txt").read_text()
    assert "GNU GENERAL PUBLIC LICENSE" in (geodata / "LICENSES" / "GSHHG-rivers-GPL-3.0.txt").read_text()


def test_sizes(geodata):
    assert (geodata / "basemap.gpkg").stat().st_size < 10 * 2**20
    total = sum(p.stat().st_size for p in geodata.rglob("*") if p.is_file())
    assert total < 18 * 2**20  # 15 MB before the basemap took in the rest of the world


def test_unplaced_tables_have_reasons(committed):
    for fname, layer in [
        ("city_prices.gpkg", "price_annual_unplaced"),
        ("city_prices.gpkg", "price_latest_unplaced"),
        ("hegang_redevelopment.gpkg", "redevelopment_sites_unplaced"),
        ("hegang_welfare.gpkg", "places_unplaced"),
    ]:
        frame = committed[fname][layer]
        assert "geometry" not in frame.columns
        assert frame["reason"].notna().all()
