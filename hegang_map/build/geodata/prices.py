"""City price layers: GeoNames city points joined to the price tables."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import geopandas as gpd

from ._gpkg import point_series

GEONAMES_POINT = "GeoNames"
CITY_PRECISION = "city point (GeoNames)"

#: Who the essay names, by adcode. Beijing is the essay's comparison.
ESSAY_ROLES = {
    230400: "essay subject",
    210900: "Little Hegang",
    410600: "Little Hegang",
    620981: "Little Hegang",
    110000: "essay comparison",
}
YUMEN = 620981
JIUQUAN = 620900
YUMEN_NOTE = (
    "Yumen (玉门市) is a county-level city in Jiuquan (酒泉市); no Yumen-specific figure exists in the "
    "sources, so this is Jiuquan prefecture's price shown on Yumen's own point"
)

ANNUAL_FILES = {
    # Verbatim copies, gzipped: their repeated provenance columns make up
    # most of their size.
    "58.com": "annual_resale_listing_58com_2010-2024.csv.gz",
    "anjuke.com": "annual_resale_listing_anjuke_2015-2024.csv.gz",
}
ANNUAL_PRICE_TYPE = "annual average resale listing price (second-hand asking price), yuan/m2"
LATEST_PRICE_TYPE = "resale listing average (挂牌均价), yuan/m2, monthly snapshot"


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def load_units(sources: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Read the city points, the provinces and the extra county-level units.

    Parameters
    ----------
    sources : pathlib.Path
        ``geodata/sources``.

    Returns
    -------
    tuple of DataFrame
        ``(city_points, provinces, county_level_units)`` with numeric columns
        converted.
    """
    city = _read(sources / "city_prices" / "city_points_geonames.csv")
    for col in ("adcode", "geonameid", "geonames_population"):
        city[col] = pd.to_numeric(city[col]).astype("Int64")
    for col in ("lat_wgs84", "lon_wgs84"):
        city[col] = pd.to_numeric(city[col])
    prov = _read(sources / "admin" / "provinces.csv")
    for col in ("adcode", "capital_adcode"):
        prov[col] = prov[col].astype("int64")
    city = _corrected(city, sources)
    extra = _read(sources / "admin" / "county_level_units.csv")
    for col in ("adcode", "prefecture_adcode", "geonameid"):
        extra[col] = extra[col].astype("int64")
    for col in ("lat_wgs84", "lon_wgs84"):
        extra[col] = pd.to_numeric(extra[col])
    return city, prov, extra


def _corrected(city: pd.DataFrame, sources: Path) -> pd.DataFrame:
    """Apply the committed corrections of English names and seat points.

    GeoNames names some prefecture points after their seat town ("Heshan"
    for Yiyang) and put one far from its seat; each correction says why in
    the row's source.
    """
    city = city.copy()
    city["name_en"] = city["geonames_name"]
    names = _read(sources / "admin" / "name_en_corrections.csv")
    points = _read(sources / "admin" / "point_corrections.csv")
    by_code = pd.Series(city.index, index=city["adcode"].astype("int64"))
    for row in names.itertuples():
        i = by_code[int(row.adcode)]
        if city.at[i, "geonames_name"] != row.geonames_name:
            raise ValueError(f"name_en_corrections.csv: {row.adcode} is not {row.geonames_name!r} in GeoNames")
        city.at[i, "name_en"] = row.name_en
        city.at[i, "source"] += f"; English name: {row.reason}"
    for row in points.itertuples():
        i = by_code[int(row.adcode)]
        city.loc[i, ["lat_wgs84", "lon_wgs84"]] = [float(row.lat_wgs84), float(row.lon_wgs84)]
        city.at[i, "geonameid"] = int(row.geonameid)
        city.at[i, "source"] += f"; point: {row.reason}"
    return city


def _province_maps(prov: pd.DataFrame) -> tuple[dict, dict]:
    full_to_en = dict(zip(prov["name_zh"], prov["name_en"]))
    short_to_full = dict(zip(prov["name_short_zh"], prov["name_zh"]))
    return full_to_en, short_to_full


def _cities_frame(city: pd.DataFrame, prov: pd.DataFrame, extra: pd.DataFrame) -> gpd.GeoDataFrame:
    full_to_en, _ = _province_maps(prov)
    placed = city[city["lat_wgs84"].notna()].copy()
    rows = pd.DataFrame(
        {
            "adcode": placed["adcode"].astype("int64"),
            "name_zh": placed["name_zh"],
            "name_en": placed["name_en"],
            "province_zh": placed["province_zh"],
            "province_en": placed["province_zh"].map(full_to_en),
            # Units such as Hainan's counties and Xinjiang's corps cities
            # report to the province directly: GB/T 2260 codes not ending in 00.
            "admin_level": np.where(
                placed["adcode"].astype("int64") % 100 == 0, "prefecture", "county-level, directly under the province"
            ),
            "prefecture_adcode": placed["adcode"].astype("int64"),
            # GeoNames gives 0 where it does not know the population.
            "population_geonames_undated": placed["geonames_population"].where(placed["geonames_population"] > 0),
            "geonameid": placed["geonameid"].astype("int64"),
            "source": placed["source"].str.replace("; price: creprice snapshot 2026-05-17 via heroliss/china-house-price-map@e4aaf6a", "", regex=False),
            "lat": placed["lat_wgs84"],
            "lon": placed["lon_wgs84"],
        }
    )
    parent = city.set_index("adcode").loc[extra["prefecture_adcode"]]
    yumen = pd.DataFrame(
        {
            "adcode": extra["adcode"].values,
            "name_zh": extra["name_zh"].values,
            "name_en": extra["name_en"].values,
            "province_zh": parent["province_zh"].values,
            "province_en": parent["province_zh"].map(full_to_en).values,
            "admin_level": "county-level city",
            "prefecture_adcode": extra["prefecture_adcode"].values,
            "population_geonames_undated": pd.array([pd.NA] * len(extra), dtype="Int64"),
            "geonameid": extra["geonameid"].values,
            "source": extra["source"].values,
            "lat": extra["lat_wgs84"].values,
            "lon": extra["lon_wgs84"].values,
        }
    )
    rows = pd.concat([rows, yumen], ignore_index=True)
    rows["population_geonames_undated"] = rows["population_geonames_undated"].astype("Int64")
    rows["essay_role"] = [ESSAY_ROLES.get(int(code)) for code in rows["adcode"]]
    rows["note"] = np.where(rows["adcode"] == YUMEN, YUMEN_NOTE, None)
    rows["location_precision"] = CITY_PRECISION
    rows["licence"] = "point and population: GeoNames CC BY 4.0; adcode/name: GB/T 2260"
    if rows["province_en"].isna().any():
        raise ValueError("province without an English name in admin/provinces.csv")
    rows = rows.sort_values("adcode", kind="mergesort").reset_index(drop=True)
    geom = point_series(rows.pop("lon"), rows.pop("lat"))
    cols = [
        "adcode", "name_zh", "name_en", "province_zh", "province_en", "admin_level", "prefecture_adcode",
        "population_geonames_undated", "geonameid", "essay_role", "note", "location_precision", "source", "licence",
    ]
    return gpd.GeoDataFrame(rows[cols], geometry=geom.values, crs="EPSG:4326")


def _match_names(names: pd.DataFrame, city: pd.DataFrame, short_to_full: dict) -> pd.Series:
    """Return the adcode (or NA) of each (province short, city short) pair.

    A price table names a city by its short form (``鹤岗`` for ``鹤岗市``,
    ``甘孜`` for ``甘孜藏族自治州``); a match must be in the same province and
    unique. Exact short forms win over autonomous-prefecture prefixes.
    """
    exact: dict[tuple[str, str], set[int]] = {}
    prefix: dict[tuple[str, str], set[int]] = {}
    for row in city.itertuples():
        full = row.name_zh
        keys = {full}
        for suffix in ("市", "地区", "盟"):
            if full.endswith(suffix):
                keys.add(full[: -len(suffix)])
        if isinstance(row.creprice_name, str):
            keys.add(row.creprice_name)
        for key in keys:
            exact.setdefault((row.province_zh, key), set()).add(int(row.adcode))
        if full.endswith("自治州"):
            for end in range(2, len(full) - 3):
                prefix.setdefault((row.province_zh, full[:end]), set()).add(int(row.adcode))
    out = []
    for prov_short, name in zip(names["province"], names["city"]):
        key = (short_to_full.get(prov_short, prov_short), name)
        hits = exact.get(key) or prefix.get(key, set())
        out.append(next(iter(hits)) if len(hits) == 1 else pd.NA)
    return pd.Series(out, index=names.index, dtype="Int64")


def _consecutive_only(table: pd.DataFrame, keys: list[str]) -> pd.Series:
    """The source's year-on-year change, kept only where the year before is in the series.

    Over a gap (2011 to 2013) the source's figure is a change over two or
    three years, which a column named year-on-year would misstate.
    """
    year = table["year"].astype("int64")
    order = table.assign(_year=year).sort_values([*keys, "_year"], kind="mergesort")
    before = order.groupby(keys, sort=False)["_year"].shift(1).reindex(table.index)
    yoy = pd.to_numeric(table["yoy_pct"]).astype("float64")
    return yoy.where(before == year - 1)


def _flag_quality(annual: pd.DataFrame, sources: Path) -> pd.DataFrame:
    """Mark the values the compiler judged implausible, with the evidence.

    Each row of ``price_quality_flags.csv`` names one platform, city and
    year and repeats its value, so a changed source table fails the build
    instead of flagging the wrong figure.
    """
    flags = _read(sources / "city_prices" / "price_quality_flags.csv")
    annual = annual.copy()
    for f in flags.itertuples():
        hit = (
            (annual["platform"] == f.platform)
            & (annual["name_in_source"] == f.name_in_source)
            & (annual["year"] == int(f.year))
        )
        if not hit.any() or (annual.loc[hit, "price_yuan_m2"] != int(f.price_yuan_m2)).any():
            raise ValueError(f"price_quality_flags.csv: no {f.platform} {f.name_in_source} {f.year} = {f.price_yuan_m2}")
        annual.loc[hit, "quality_flag"] = f.quality_flag
        annual.loc[hit, "quality_note"] = f"{f.evidence} ({f.flagged_by})"
    return annual


def _unplaced_reason(adcode, city_by_code: pd.DataFrame) -> str:
    if pd.isna(adcode):
        return (
            "name not matched to a current prefecture-level unit of GB/T 2260 "
            "(county-level city, district, former prefecture, abbreviation or outside the list)"
        )
    return f"prefecture-level unit {city_by_code.loc[int(adcode), 'name_zh']} ({int(adcode)}) has no verified GeoNames point"


def _attach(
    table: pd.DataFrame, adcodes: pd.Series, cities: gpd.GeoDataFrame, city: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split ``table`` into rows placed on a city point and the rest."""
    table = table.copy()
    table["adcode"] = adcodes
    point_codes = set(cities.loc[cities["admin_level"] != "county-level city", "adcode"])
    placed_mask = table["adcode"].isin(point_codes).fillna(False).astype(bool)
    city_by_code = city.set_index(city["adcode"].astype("int64"))
    unplaced = table[~placed_mask].copy()
    unplaced["reason"] = [_unplaced_reason(a, city_by_code) for a in unplaced["adcode"]]
    return table[placed_mask].copy(), unplaced


def _with_points(placed: pd.DataFrame, cities: gpd.GeoDataFrame) -> pd.DataFrame:
    """Join city attributes and add a Yumen copy of every Jiuquan row."""
    attrs = cities[["adcode", "name_zh", "name_en", "province_zh", "province_en", "essay_role", "geometry"]]
    # The city's own attributes win over a price table's spelling of them
    # (creprice's short province names would otherwise shadow them).
    placed = placed.drop(columns=[c for c in attrs.columns if c != "adcode" and c in placed.columns])
    placed["price_unit_adcode"] = placed["adcode"].astype("int64")
    placed["adcode"] = placed["adcode"].astype("int64")
    merged = placed.merge(attrs, on="adcode", how="left")
    merged["price_unit_zh"] = merged["name_zh"]
    merged["note"] = None
    jiuquan = merged[merged["adcode"] == JIUQUAN].copy()
    yumen = attrs[attrs["adcode"] == YUMEN].iloc[0]
    for col in ("adcode", "name_zh", "name_en", "province_zh", "province_en", "essay_role", "geometry"):
        jiuquan[col] = [yumen[col]] * len(jiuquan)
    jiuquan["note"] = YUMEN_NOTE
    return pd.concat([merged, jiuquan], ignore_index=True)


def price_layers(sources: Path) -> dict[str, pd.DataFrame]:
    """Build the layers of ``city_prices.gpkg``.

    Parameters
    ----------
    sources : pathlib.Path
        ``geodata/sources``.

    Returns
    -------
    dict of str to DataFrame
        ``cities``, ``price_annual``, ``price_latest``, ``price_quotes``
        (feature layers) and ``price_annual_unplaced``,
        ``price_latest_unplaced`` (attribute-only tables), in write order.
    """
    sources = Path(sources)
    city, prov, extra = load_units(sources)
    full_to_en, short_to_full = _province_maps(prov)
    cities = _cities_frame(city, prov, extra)

    # --- annual platform series -------------------------------------------
    annual_parts, annual_unplaced_parts = [], []
    for platform, fname in ANNUAL_FILES.items():
        raw = _read(sources / "city_prices" / fname)
        if set(raw["platform"]) != {platform}:
            raise ValueError(f"{fname}: unexpected platform values {set(raw['platform'])}")
        codes = _match_names(raw, city, short_to_full)
        placed, unplaced = _attach(raw, codes, cities, city)
        for part in (placed, unplaced):
            # The full 40-digit commit is in the source table; 12 digits identify it.
            part["source"] = part["platform"] + " via " + part["source"].str.replace(
                r"@([0-9a-f]{12})[0-9a-f]{28}", r"@\1", regex=True
            )
        annual_parts.append(placed)
        annual_unplaced_parts.append(unplaced)
    annual = _with_points(pd.concat(annual_parts, ignore_index=True), cities)
    annual = pd.DataFrame(
        {
            "adcode": annual["adcode"].astype("int64"),
            "name_zh": annual["name_zh"],
            "name_en": annual["name_en"],
            "province_zh": annual["province_zh"],
            "province_en": annual["province_en"],
            "year": annual["year"].astype("int32"),
            "platform": annual["platform"],
            "price_yuan_m2": annual["price_yuan_per_sqm"].astype("int64"),
            "yoy_pct": _consecutive_only(annual, ["platform", "adcode"]),
            "quality_flag": None,
            "quality_note": None,
            "price_type": ANNUAL_PRICE_TYPE,
            "price_unit_adcode": annual["price_unit_adcode"].astype("int64"),
            "price_unit_zh": annual["price_unit_zh"],
            "name_in_source": annual["city"],
            "essay_role": annual["essay_role"],
            "note": annual["note"],
            "location_precision": CITY_PRECISION,
            "source": annual["source"] + "; point: " + GEONAMES_POINT,
            "licence": "MIT (changao1 repo), platform data; point: GeoNames CC BY 4.0",
            "geometry": annual["geometry"],
        }
    )
    annual = _flag_quality(annual, sources)
    annual = annual.sort_values(["platform", "year", "adcode"], kind="mergesort").reset_index(drop=True)
    annual = gpd.GeoDataFrame(annual, geometry="geometry", crs="EPSG:4326")

    un = pd.concat(annual_unplaced_parts, ignore_index=True)
    annual_unplaced = pd.DataFrame(
        {
            "name_in_source": un["city"],
            "province_in_source": un["province"],
            "matched_adcode": un["adcode"].astype("Int64"),
            "year": un["year"].astype("int32"),
            "platform": un["platform"],
            "price_yuan_m2": un["price_yuan_per_sqm"].astype("int64"),
            "yoy_pct": _consecutive_only(un, ["platform", "province", "city"]),
            "price_type": ANNUAL_PRICE_TYPE,
            "reason": un["reason"],
            "source": un["source"],
            "licence": "repo MIT (c) 2025 Chang Gao; platform data not official",
        }
    ).sort_values(["platform", "province_in_source", "name_in_source", "year"], kind="mergesort").reset_index(drop=True)

    # --- creprice snapshot ---------------------------------------------------
    cre = _read(sources / "city_prices" / "creprice_resale_listing_2026-05-17.csv")
    code_by_cre = {
        name: int(code) for name, code in zip(city["creprice_name"], city["adcode"]) if isinstance(name, str)
    }
    codes = pd.Series([code_by_cre.get(n, pd.NA) for n in cre["city_short_zh"]], index=cre.index, dtype="Int64")
    placed, unplaced = _attach(cre, codes, cities, city)
    latest = _with_points(placed, cities)

    def mom(values: pd.Series) -> pd.Series:
        # creprice prints "--%" where it has no previous month: keep it null.
        text = values.str.rstrip("%").replace("--", None)
        return pd.to_numeric(text, errors="raise").astype("float64")

    latest = pd.DataFrame(
        {
            "rank": latest["rank"].astype("int32"),
            "rank_of": np.int32(len(cre)),
            "adcode": latest["adcode"].astype("int64"),
            "name_zh": latest["name_zh"],
            "name_en": latest["name_en"],
            "province_zh": latest["province_zh"],
            "province_en": latest["province_en"],
            "price_yuan_m2": latest["price_yuan_m2"].astype("int64"),
            "mom_change_pct": mom(latest["mom_change"]),
            "price_type": LATEST_PRICE_TYPE,
            "snapshot_date": latest["snapshot_date"],
            "price_unit_adcode": latest["price_unit_adcode"].astype("int64"),
            "price_unit_zh": latest["price_unit_zh"],
            "name_in_source": latest["city_short_zh"],
            "essay_role": latest["essay_role"],
            "note": latest["note"],
            "location_precision": CITY_PRECISION,
            "source": "creprice.cn (禧泰数据) city ranking via " + latest["source"] + "; point: " + GEONAMES_POINT,
            "licence": "cite creprice.cn and heroliss/china-house-price-map; point: GeoNames CC BY 4.0",
            "geometry": latest["geometry"],
        }
    )
    latest = latest.sort_values(["rank", "adcode"], kind="mergesort").reset_index(drop=True)
    latest = gpd.GeoDataFrame(latest, geometry="geometry", crs="EPSG:4326")
    latest_unplaced = pd.DataFrame(
        {
            "rank": unplaced["rank"].astype("int32"),
            "name_in_source": unplaced["city_short_zh"],
            "province_in_source": unplaced["province_zh"],
            "matched_adcode": unplaced["adcode"].astype("Int64"),
            "price_yuan_m2": unplaced["price_yuan_m2"].astype("int64"),
            "mom_change_pct": mom(unplaced["mom_change"]),
            "price_type": LATEST_PRICE_TYPE,
            "snapshot_date": unplaced["snapshot_date"],
            "reason": unplaced["reason"],
            "source": "creprice.cn (禧泰数据) city ranking via " + unplaced["source"],
            "licence": "creprice.cn via heroliss/china-house-price-map, cite both",
        }
    ).sort_values("rank", kind="mergesort").reset_index(drop=True)

    quotes = _quotes(sources, cities)
    return {
        "cities": cities,
        "price_annual": annual,
        "price_latest": latest,
        "price_quotes": quotes,
        "price_annual_unplaced": annual_unplaced,
        "price_latest_unplaced": latest_unplaced,
    }


def _quotes(sources: Path, cities: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    raw = _read(sources / "city_prices" / "price_quotes_hegang_and_peers.csv")
    raw["quote_id"] = np.arange(1, len(raw) + 1, dtype="int32")
    # A row that records that no figure exists (Yumen) is not a quote.
    raw = raw[raw["value"].notna()].reset_index(drop=True)
    # The source names the city as "鹤岗 Hegang"; the Chinese part identifies it.
    zh = raw["city"].str.split(" ").str[0]
    by_short = {}
    for code, name in zip(cities["adcode"], cities["name_zh"]):
        by_short[name.removesuffix("市")] = int(code)
    raw["adcode"] = [by_short[z] for z in zh]
    attrs = cities.set_index("adcode")
    value = pd.to_numeric(raw["value"]).astype("Int64")
    out = pd.DataFrame(
        {
            "quote_id": raw["quote_id"],
            "adcode": raw["adcode"].astype("int64"),
            "name_zh": attrs.loc[raw["adcode"], "name_zh"].values,
            "name_en": attrs.loc[raw["adcode"], "name_en"].values,
            "city_in_source": raw["city"],
            "period": raw["period"],
            "value": value,
            "unit": np.where(value.notna(), "yuan/m2", None),
            "metric": raw["metric"],
            "essay_role": attrs.loc[raw["adcode"], "essay_role"].values,
            "quoted_in": raw["quoted_in"],
            "note": raw["note"],
            "location_precision": CITY_PRECISION,
            "source": raw["source"],
            "citation": raw["citation"],
            "url": raw["url_or_repo"],
            "source_caveat": raw["source_caveat"],
            "licence": raw["licence"],
        }
    )
    geom = gpd.GeoSeries(attrs.loc[raw["adcode"], "geometry"].values, crs="EPSG:4326")
    out = gpd.GeoDataFrame(out, geometry=geom.values, crs="EPSG:4326")
    return out.sort_values(["adcode", "quote_id"], kind="mergesort").reset_index(drop=True)
