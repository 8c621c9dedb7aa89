"""Hegang layers: shantytown redevelopment, welfare facilities, coal mines."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import geopandas as gpd
import shapely

from ._gpkg import THEMATIC_DECIMALS, point_series, round_geometries

#: The municipal government point (Wikipedia infobox, ~100 m); the tests
#: measure mine distances from it.
GOVERNMENT_LAT = 47.3501
GOVERNMENT_LON = 130.298

DISTRICT_CRS_NOTE = (
    "district inside-point computed from geotool-cn 3.1.0 polygons (DataV.GeoAtlas/Amap origin), which "
    "geotool-cn converted from GCJ-02 to WGS 84; only the point is kept, no polygon"
)
DISTRICT_NOTE = "placed on the inside-point of its district: the location within the district is unknown"

# Rows whose only 'source' is the compiler's memory; they stay out of every
# layer until a real source confirms them (see geodata/README.md, gaps).
_UNSOURCED_MARK = "own knowledge"


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def _districts(sources: Path) -> pd.DataFrame:
    d = _read(sources / "hegang" / "county_units.csv")
    d["adcode"] = d["adcode"].astype("int64")
    return d.set_index("adcode")


def _places(sources: Path) -> pd.DataFrame:
    places = _read(sources / "hegang" / "places_facilities_and_redevelopment.csv")
    places["row_in_source"] = np.arange(1, len(places) + 1, dtype="int32")
    attrs = _read(sources / "hegang" / "place_attributes.csv")
    attrs = attrs.drop(columns=["source", "licence"])
    places = places.merge(attrs, on="name_zh", how="left", validate="one_to_one")
    places["district_adcode"] = pd.to_numeric(places["district_adcode"]).astype("Int64")
    for col in ("lat_wgs84", "lon_wgs84", "area_ha", "price_yuan_m2"):
        places[col] = pd.to_numeric(places[col])
    for col in ("founded_year", "units"):
        places[col] = pd.to_numeric(places[col]).astype("Int64")
    places["price_yuan_m2"] = places["price_yuan_m2"].astype("Int64")
    return places


def _precision_class(row, districts: pd.DataFrame) -> str:
    """Short, filterable class of how well a place is located."""
    if pd.isna(row.lat_wgs84):
        return "none"
    code = row.district_adcode
    if pd.notna(code) and int(code) in districts.index:
        inside = districts.loc[int(code)]
        same = np.isclose(float(inside["inside_point_lat"]), row.lat_wgs84) and np.isclose(
            float(inside["inside_point_lon"]), row.lon_wgs84
        )
        if same:
            return "district"
    raise ValueError(f"{row.name_zh}: a point that is not its district's inside-point needs its own precision")


def _district_en(codes: pd.Series, districts: pd.DataFrame) -> list:
    return [districts.loc[int(c), "name_en"] if pd.notna(c) else None for c in codes]


def redevelopment_layers(sources: Path) -> dict[str, pd.DataFrame]:
    """Build the layers of ``hegang_redevelopment.gpkg``.

    Parameters
    ----------
    sources : pathlib.Path
        ``geodata/sources``.

    Returns
    -------
    dict of str to DataFrame
        ``redevelopment_sites`` and ``district_points`` (feature layers),
        ``redevelopment_sites_unplaced`` and ``programme_figures``
        (attribute-only tables).
    """
    sources = Path(sources)
    districts = _districts(sources)
    places = _places(sources)
    b = places[places["layer"].str.startswith("B")].copy()
    programme = b[b["kind"] == "programme"]
    sites = b[b["kind"] == "redevelopment"].copy()
    sites["precision_class"] = [_precision_class(r, districts) for r in sites.itertuples()]

    def frame(rows: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "row_in_source": rows["row_in_source"].astype("int32"),
                "name_zh": rows["name_zh"],
                "name_en": rows["name_en"],
                "site_type": rows["category_norm"],
                "category_in_source": rows["category"],
                "is_contrast": (rows["layer"] == "B(contrast)").astype("int32"),
                "district_adcode": rows["district_adcode"],
                "district_zh": rows["district_zh"],
                "district_en": _district_en(rows["district_adcode"], districts),
                "location_text": rows["address_or_location_text"],
                "units": rows["units"],
                "years": rows["years"],
                "price_yuan_m2": rows["price_yuan_m2"],
                "price_period": rows["price_period"],
                "price_type": rows["price_type"],
                "facts": rows["facts"],
                "location_precision": rows["precision_class"],
                "location_note": rows["location_precision"],
                "source": rows["source"],
                "url": rows["url"],
                "licence": rows["licence"],
            },
            index=rows.index,
        )

    placed = sites[sites["precision_class"] != "none"]
    site_frame = frame(placed)
    site_frame["location_note"] = site_frame["location_note"] + "; " + DISTRICT_NOTE
    site_frame.insert(site_frame.columns.get_loc("location_note") + 1, "crs_note", DISTRICT_CRS_NOTE)
    geom = point_series(placed["lon_wgs84"], placed["lat_wgs84"], index=placed.index)
    site_layer = gpd.GeoDataFrame(site_frame, geometry=geom, crs="EPSG:4326")
    site_layer = site_layer.sort_values("row_in_source", kind="mergesort").reset_index(drop=True)

    unplaced = frame(sites[sites["precision_class"] == "none"]).drop(columns=["location_precision"])
    unplaced["reason"] = "location not known from the sources: at most a road or a neighbouring estate named in words, no district or point"
    unplaced = unplaced.sort_values("row_in_source", kind="mergesort").reset_index(drop=True)

    prog = pd.DataFrame(
        {
            "name_zh": programme["name_zh"],
            "name_en": programme["name_en"],
            "scope": "city-wide (all of Hegang); a total, not a site, so it has no geometry",
            "units": programme["units"],
            "years": programme["years"],
            "facts": programme["facts"],
            "source": programme["source"],
            "url": programme["url"],
            "licence": programme["licence"],
        }
    ).reset_index(drop=True)

    dp = districts.reset_index().sort_values("adcode", kind="mergesort")
    district_frame = pd.DataFrame(
        {
            "adcode": dp["adcode"].astype("int64"),
            "name_zh": dp["name_zh"],
            "name_en": dp["name_en"],
            "area_km2_polygon": pd.to_numeric(dp["area_km2_computed"]),
            "area_km2_2004": pd.to_numeric(dp["area_km2_dewiki_2004"]),
            "location_precision": "district inside-point",
            "location_note": "a point guaranteed inside the district, used as the fallback location of places known only by district; not a boundary",
            "crs_note": DISTRICT_CRS_NOTE,
            "source": dp["source"],
            "licence": dp["licence"],
        }
    )
    geom = point_series(dp["inside_point_lon"], dp["inside_point_lat"])
    district_layer = gpd.GeoDataFrame(district_frame.reset_index(drop=True), geometry=geom.values, crs="EPSG:4326")
    return {
        "redevelopment_sites": site_layer,
        "district_points": district_layer,
        "redevelopment_sites_unplaced": unplaced,
        "programme_figures": prog,
    }


def welfare_layers(sources: Path) -> dict[str, pd.DataFrame]:
    """Build the layers of ``hegang_welfare.gpkg``.

    Parameters
    ----------
    sources : pathlib.Path
        ``geodata/sources``.

    Returns
    -------
    dict of str to DataFrame
        ``facilities``, ``coal_mines``, ``coal_mines_press``,
        ``mine_boundaries``, ``mine_features``, ``reference_points``
        (feature layers) and ``places_unplaced`` (attribute-only table).
    """
    sources = Path(sources)
    districts = _districts(sources)
    places = _places(sources)
    c = places[(places["layer"] == "C") & ~places["source"].fillna("").str.contains(_UNSOURCED_MARK)].copy()
    geocoded = _read(sources / "hegang" / "hospital_school_points.csv")

    # --- facilities -----------------------------------------------------------
    fac = c[c["kind"] == "facility"].copy()
    fac["precision_class"] = [_precision_class(r, districts) for r in fac.itertuples()]
    fac["location_note"] = fac["location_precision"] + "; " + DISTRICT_NOTE
    fac["crs_note"] = DISTRICT_CRS_NOTE
    # The Mining Group General Hospital has a geocoded point, better than its
    # district; it replaces the fallback, and the conversion is recorded.
    hosp = geocoded[geocoded["name_zh"].str.startswith("鹤岗矿业集团总医院")].iloc[0]
    is_hosp = fac["name_zh"].str.contains("鹤岗矿业集团总医院", regex=False)
    fac.loc[is_hosp, "lat_wgs84"] = float(hosp["lat"])
    fac.loc[is_hosp, "lon_wgs84"] = float(hosp["lon"])
    fac.loc[is_hosp, "precision_class"] = "geocoded ~100 m-1 km"
    fac.loc[is_hosp, "location_note"] = (
        hosp["precision"] + ". Geocoded address in that source: " + hosp["address_in_source"]
    )
    fac.loc[is_hosp, "crs_note"] = hosp["raw_crs"] + "; " + hosp["crs"]
    fac.loc[is_hosp, "source"] = fac.loc[is_hosp, "source"] + "; point: " + hosp["source"]
    fac.loc[is_hosp, "licence"] = fac.loc[is_hosp, "licence"] + "; point: " + hosp["licence"]

    def fac_frame(rows: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "row_in_source": rows["row_in_source"].astype("int32"),
                "name_zh": rows["name_zh"],
                "name_en": rows["name_en"],
                "category": rows["category_norm"],
                "category_in_source": rows["category"],
                "founded_year": rows["founded_year"],
                "area_ha": rows["area_ha"].astype("float64"),
                "operator": rows["operator"],
                "coal_company_link": rows["coal_company_link"],
                "operator_basis": rows["operator_basis"],
                "district_adcode": rows["district_adcode"],
                "district_zh": rows["district_zh"],
                "district_en": _district_en(rows["district_adcode"], districts),
                "address_text": rows["address_or_location_text"],
                "facts": rows["facts"],
                "location_precision": rows["precision_class"],
                "location_note": rows["location_note"],
                "crs_note": rows["crs_note"],
                "source": rows["source"],
                "url": rows["url"],
                "licence": rows["licence"],
            },
            index=rows.index,
        )

    placed = fac[fac["precision_class"] != "none"]
    geom = point_series(placed["lon_wgs84"], placed["lat_wgs84"], index=placed.index)
    facilities = gpd.GeoDataFrame(fac_frame(placed), geometry=geom, crs="EPSG:4326")
    facilities = facilities.sort_values("row_in_source", kind="mergesort").reset_index(drop=True)

    # --- unplaced places (facilities, mines and the company) -----------------
    unplaced_parts = []
    fu = fac_frame(fac[fac["precision_class"] == "none"]).drop(columns=["location_precision", "crs_note"])
    fu.insert(1, "kind", "facility")
    unplaced_parts.append(fu)
    college = geocoded[geocoded["name_zh"] == "鹤岗师范高等专科学校"]
    attrs = _read(sources / "hegang" / "place_attributes.csv").set_index("name_zh").loc["鹤岗师范高等专科学校"]
    unplaced_parts.append(
        pd.DataFrame(
            {
                "row_in_source": pd.array([pd.NA], dtype="Int32"),
                "kind": ["facility"],
                "name_zh": ["鹤岗师范高等专科学校"],
                "name_en": ["Hegang Teachers' College"],
                "category": [attrs["category_norm"]],
                "category_in_source": [college["category"].iloc[0]],
                "operator_basis": [attrs["operator_basis"]],
                "coal_company_link": [attrs["coal_company_link"]],
                "district_zh": ["东山区"],
                "address_text": [college["address_in_source"].iloc[0]],
                "facts": [
                    "two conflicting geocodes in the sources, neither verified: "
                    + " | ".join(
                        f"{r.lat},{r.lon} ({r.precision})" for r in college.itertuples()
                    )
                ],
                "location_note": ["left off the map: the two candidate points are ~25 km apart and both unreliable"],
                "source": [" ; ".join(college["source"])],
                "licence": [college["licence"].iloc[0]],
            }
        )
    )
    # Rows without structured attributes are the mines named in the press.
    others = c[c["kind"].isna() & c["lat_wgs84"].isna()].copy()
    company = c[c["kind"] == "company"]
    for rows, kind in ((others, "coal mine"), (company, "company")):
        part = pd.DataFrame(
            {
                "row_in_source": rows["row_in_source"].astype("Int32"),
                "kind": kind,
                "name_zh": rows["name_zh"],
                "name_en": rows["name_en"],
                "category": rows["category_norm"] if kind == "company" else "coal mine",
                "category_in_source": rows["category"],
                "founded_year": rows["founded_year"],
                "operator": rows["operator"],
                "coal_company_link": rows["coal_company_link"],
                "operator_basis": rows["operator_basis"],
                "address_text": rows["address_or_location_text"],
                "facts": rows["facts"],
                "location_note": rows["location_precision"],
                "source": rows["source"],
                "url": rows["url"],
                "licence": rows["licence"],
            }
        )
        unplaced_parts.append(part)
    unplaced = pd.concat(unplaced_parts, ignore_index=True)
    unplaced["row_in_source"] = unplaced["row_in_source"].astype("Int32")
    unplaced["founded_year"] = unplaced["founded_year"].astype("Int64")
    unplaced["area_ha"] = unplaced["area_ha"].astype("float64")
    unplaced["district_adcode"] = unplaced["district_adcode"].astype("Int64")
    unplaced["reason"] = np.where(
        unplaced["kind"] == "company",
        "a company, not a place",
        "location not known from the sources (at most a street or area described in words)",
    )
    gem_names = {"富力煤矿": "M1909", "益新煤矿": "M2272"}
    unplaced["see_also"] = [
        f"coal_mines gem_mine_id {gem_names[n]} (GEM point)" if n in gem_names else None for n in unplaced["name_zh"]
    ]
    unplaced = unplaced.sort_values(["kind", "name_zh"], kind="mergesort").reset_index(drop=True)

    # --- press-reported mines on their district --------------------------------
    pm = c[c["kind"].isna() & c["lat_wgs84"].notna()].copy()
    pm["precision_class"] = [_precision_class(r, districts) for r in pm.itertuples()]
    press = pd.DataFrame(
        {
            "row_in_source": pm["row_in_source"].astype("int32"),
            "name_zh": pm["name_zh"],
            "name_en": pm["name_en"],
            "category_in_source": pm["category"],
            "facts": pm["facts"],
            "district_adcode": pm["district_adcode"],
            "district_zh": pm["district_zh"],
            "district_en": _district_en(pm["district_adcode"], districts),
            "location_precision": pm["precision_class"],
            "location_note": pm["location_precision"] + "; " + DISTRICT_NOTE,
            "crs_note": DISTRICT_CRS_NOTE,
            "source": pm["source"],
            "url": pm["url"],
            "licence": pm["licence"],
        },
        index=pm.index,
    )
    geom = point_series(pm["lon_wgs84"], pm["lat_wgs84"], index=pm.index)
    press = gpd.GeoDataFrame(press, geometry=geom, crs="EPSG:4326")
    press = press.sort_values("row_in_source", kind="mergesort").reset_index(drop=True)

    return {
        "facilities": facilities,
        "coal_mines": _gem_mines(sources),
        "coal_mines_press": press,
        "mine_boundaries": _gem_boundaries(sources),
        "mine_features": _gem_features(sources),
        "reference_points": _reference_points(places),
        "places_unplaced": unplaced,
    }


def _gem_mines(sources: Path) -> gpd.GeoDataFrame:
    g = _read(sources / "hegang" / "coal_mines_gem.csv")
    num = lambda col, kind="float64": pd.to_numeric(g[col]).astype(kind)  # noqa: E731
    out = pd.DataFrame(
        {
            "gem_mine_id": g["gem_mine_id"],
            "name_en": g["name_en"],
            "name_zh": g["name_zh"],
            "name_zh_basis": g["name_zh_basis"],
            "status": g["status"],
            "status_2023": g["status_2023_map"],
            "capacity_mtpa": num("capacity_mtpa"),
            "production_mt": num("production_mt"),
            "mine_type": g["mine_type"],
            "mine_size_km2": num("mine_size_km2"),
            "mine_depth_m": num("mine_depth_m"),
            "workforce": num("workforce", "Int64"),
            "coal_type": g["coal_type"],
            "coal_grade": g["coal_grade"],
            "reserves_mt": num("reserves_mt"),
            "resources_mt": num("resources_mt"),
            "opening_year": num("opening_year", "Int64"),
            "closing_year": num("closing_year", "Int64"),
            "coalfield": g["coalfield"],
            "owner": g["owner"],
            "parent": g["parent"],
            "gem_wiki": g["gem_wiki"],
            "location_precision": "mine site (GEM representative point)",
            "location_note": g["precision"],
            "crs_note": g["crs"],
            "source": "Global Energy Monitor, Global Coal Mine Tracker: " + g["source"],
            "licence": g["licence"],
        }
    )
    geom = point_series(g["lon"], g["lat"])
    out = gpd.GeoDataFrame(out, geometry=geom.values, crs="EPSG:4326")
    return out.sort_values("gem_mine_id", kind="mergesort").reset_index(drop=True)


def _gem_feature_rows(sources: Path) -> pd.DataFrame:
    return _read(sources / "hegang" / "junde_mine_features_gem.csv")


def _gem_boundaries(sources: Path) -> gpd.GeoDataFrame:
    f = _gem_feature_rows(sources)
    b = f[f["geometry_type"] == "Polygon"]
    out = pd.DataFrame(
        {
            "feature_id": b["feature_id"],
            "gem_mine_id": b["gem_mine_id"],
            "mine_name": b["mine_name"],
            "boundary_status": "estimated",
            "description": b["description"],
            "subcategory": b["feature_subcategory"],
            "data_source_date": b["data_source_date"],
            "notes": b["notes"],
            "location_precision": "estimated",
            "location_note": b["precision"],
            "crs_note": b["crs"],
            "source": "Global Energy Monitor, Coal Mine Boundaries and Methane Sources v1.0.2: " + b["source"],
            "licence": b["licence"],
        }
    )
    geom = round_geometries(gpd.GeoSeries.from_wkt(b["wkt"].values, crs="EPSG:4326"), THEMATIC_DECIMALS)
    out = gpd.GeoDataFrame(out.reset_index(drop=True), geometry=geom.values, crs="EPSG:4326")
    return out.sort_values("feature_id", kind="mergesort").reset_index(drop=True)


def _gem_features(sources: Path) -> gpd.GeoDataFrame:
    f = _gem_feature_rows(sources)
    p = f[f["geometry_type"] == "Point"].copy()
    # Sort P1, P2, ... P10 numerically rather than as text.
    p["_order"] = p["feature_id"].str.extract(r"\.P(\d+)$")[0].astype(int)
    p = p.sort_values("_order", kind="mergesort")
    out = pd.DataFrame(
        {
            "feature_id": p["feature_id"],
            "gem_mine_id": p["gem_mine_id"],
            "mine_name": p["mine_name"],
            "category": p["feature_category"],
            "subcategory": p["feature_subcategory"],
            "description": p["description"],
            "identification": "possible (identified visually on satellite imagery)",
            "data_source_date": p["data_source_date"],
            "notes": p["notes"],
            "location_precision": "imagery ~10-30 m",
            "location_note": p["precision"],
            "crs_note": p["crs"],
            "source": "Global Energy Monitor, Coal Mine Boundaries and Methane Sources v1.0.2: " + p["source"],
            "licence": p["licence"],
        }
    )
    geom = point_series(p["lon"], p["lat"])
    return gpd.GeoDataFrame(out.reset_index(drop=True), geometry=geom.values, crs="EPSG:4326")


def _reference_points(places: pd.DataFrame) -> gpd.GeoDataFrame:
    r = places[places["layer"] == "ref"]
    out = pd.DataFrame(
        {
            "name_zh": r["name_zh"],
            "name_en": r["name_en"],
            "category": r["category"],
            "district_adcode": r["district_adcode"],
            "district_zh": r["district_zh"],
            "address_text": r["address_or_location_text"],
            "facts": r["facts"],
            "location_precision": "~100 m",
            "location_note": r["location_precision"],
            "source": r["source"],
            "url": r["url"],
            "licence": r["licence"],
        }
    )
    geom = point_series(r["lon_wgs84"], r["lat_wgs84"])
    return gpd.GeoDataFrame(out.reset_index(drop=True), geometry=geom.values, crs="EPSG:4326")


def government_point() -> shapely.Point:
    """Return the Hegang municipal government point.

    Returns
    -------
    shapely.Point
        Longitude, latitude in WGS 84 (Wikipedia infobox, ~100 m).
    """
    return shapely.Point(GOVERNMENT_LON, GOVERNMENT_LAT)
