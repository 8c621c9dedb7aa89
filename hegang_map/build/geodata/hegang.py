"""Hegang layers: shantytown redevelopment, welfare facilities, coal mines."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import geopandas as gpd

from ...util.chinese_coords import wgs84_from_gcj02
from ._gpkg import THEMATIC_DECIMALS, point_series, round_geometries

DISTRICT_CRS_NOTE = "WGS 84 (GeoNames)"
DISTRICT_NOTE = "drawn on its district's seat (GeoNames): the location within the district is unknown"
DISTRICT_PRECISION = "district"

# Rows whose only 'source' is the compiler's memory; they stay out of every
# layer until a real source confirms them (see geodata/README.md, gaps).
_UNSOURCED_MARK = "own knowledge"


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])


def _districts(sources: Path) -> pd.DataFrame:
    d = _read(sources / "hegang" / "county_units.csv")
    d["adcode"] = d["adcode"].astype("int64")
    for col in ("seat_lat_wgs84", "seat_lon_wgs84", "area_km2_2004"):
        d[col] = pd.to_numeric(d[col])
    return d.set_index("adcode")


def _places(sources: Path) -> pd.DataFrame:
    places = _read(sources / "hegang" / "places_facilities_and_redevelopment.csv")
    places["row_in_source"] = np.arange(1, len(places) + 1, dtype="int32")
    attrs = _read(sources / "hegang" / "place_attributes.csv")
    attrs = attrs.drop(columns=["source", "licence"])
    places = places.merge(attrs, on="name_zh", how="left", validate="one_to_one")
    places["district_adcode"] = pd.to_numeric(places["district_adcode"]).astype("Int64")
    for col in ("lat_wgs84", "lon_wgs84", "lat_gcj02", "lon_gcj02", "area_ha", "price_yuan_m2"):
        places[col] = pd.to_numeric(places[col])
    for col in ("founded_year", "units"):
        places[col] = pd.to_numeric(places[col]).astype("Int64")
    places["price_yuan_m2"] = places["price_yuan_m2"].astype("Int64")
    return _place(places, _districts(sources))


def _place(places: pd.DataFrame, districts: pd.DataFrame) -> pd.DataFrame:
    """Give each place its point and a short, filterable precision class.

    A place known only by its district is drawn on the district's seat; a
    place whose source gives GCJ-02 coordinates is converted to WGS 84.
    """
    places = places.copy()
    places["precision_class"] = "none"
    for idx, row in places.iterrows():
        how = row["placement"]
        if how == "district seat":
            seat = districts.loc[int(row["district_adcode"])]
            if pd.isna(seat["seat_lat_wgs84"]):
                continue
            places.loc[idx, ["lat_wgs84", "lon_wgs84"]] = [seat["seat_lat_wgs84"], seat["seat_lon_wgs84"]]
            places.loc[idx, "precision_class"] = DISTRICT_PRECISION
        elif how == "own point, GCJ-02":
            lon, lat = wgs84_from_gcj02(row["lon_gcj02"], row["lat_gcj02"])
            places.loc[idx, ["lat_wgs84", "lon_wgs84"]] = [round(float(lat), 6), round(float(lon), 6)]
            places.loc[idx, "precision_class"] = "~100 m"
        elif how != "none":
            raise ValueError(f"{row['name_zh']}: unknown placement {how!r}")
    return places


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
        ``redevelopment_sites_unplaced``, ``programme_figures`` and
        ``hegang_timeline`` (attribute-only tables).
    """
    sources = Path(sources)
    districts = _districts(sources)
    places = _places(sources)
    b = places[places["layer"].str.startswith("B")].copy()
    programme = b[b["kind"] == "programme"]
    sites = b[b["kind"] == "redevelopment"].copy()

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
                "source_caveat": rows["source_caveat"],
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
    dp = dp[dp["seat_lat_wgs84"].notna()]
    district_frame = pd.DataFrame(
        {
            "adcode": dp["adcode"].astype("int64"),
            "name_zh": dp["name_zh"],
            "name_en": dp["name_en"],
            "area_km2_2004": dp["area_km2_2004"],
            "seat_geonameid": dp["seat_geonameid"].astype("int64"),
            "location_precision": "district seat",
            "location_note": (
                "the district's seat, where places known only by their district are drawn; not the district's "
                "centre and not a boundary. " + dp["seat_note"]
            ),
            "crs_note": DISTRICT_CRS_NOTE,
            "source": dp["source"],
            "licence": dp["licence"],
        }
    )
    geom = point_series(dp["seat_lon_wgs84"], dp["seat_lat_wgs84"])
    district_layer = gpd.GeoDataFrame(district_frame.reset_index(drop=True), geometry=geom.values, crs="EPSG:4326")
    return {
        "redevelopment_sites": site_layer,
        "district_points": district_layer,
        "redevelopment_sites_unplaced": unplaced,
        "programme_figures": prog,
        "hegang_timeline": _timeline(sources),
    }


def _timeline(sources: Path) -> pd.DataFrame:
    """The essay's dated figures about Hegang, each with the source it cites."""
    t = _read(sources / "hegang" / "hegang_timeline.csv")
    t["year"] = t["year"].astype("int32")
    for col in ("value", "value_max"):
        t[col] = pd.to_numeric(t[col]).astype("float64")
    return t.sort_values(["year", "period"], kind="mergesort").reset_index(drop=True)


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
    fac["location_note"] = fac["location_precision"] + "; " + DISTRICT_NOTE
    fac["crs_note"] = DISTRICT_CRS_NOTE

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
                "source_caveat": rows["source_caveat"],
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
                "facts": ["two versions of one online list placed it ~25 km apart; neither point is used"],
                "location_note": [college["note"].iloc[0]],
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
                "source_caveat": rows["source_caveat"],
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
            "source_caveat": pm["source_caveat"],
            "licence": pm["licence"],
        },
        index=pm.index,
    )
    geom = point_series(pm["lon_wgs84"], pm["lat_wgs84"], index=pm.index)
    press = gpd.GeoDataFrame(press, geometry=geom, crs="EPSG:4326")
    press = press.sort_values("row_in_source", kind="mergesort").reset_index(drop=True)

    return {
        "facilities": facilities,
        **_gem_checked(_gem_mines(sources), _gem_boundaries(sources)),
        "coal_mines_press": press,
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


#: Metric CRS for distances around Hegang (UTM zone 52N).
_UTM = "EPSG:32652"


def _gem_checked(mines: gpd.GeoDataFrame, bounds: gpd.GeoDataFrame) -> dict[str, gpd.GeoDataFrame]:
    """Say where GEM's mine points and estimated boundaries disagree.

    Both datasets are kept as published; a ``dataset_note`` on each side
    names the other and the distance, so a reader of either sees it.
    """
    mines, bounds = mines.copy(), bounds.copy()
    m_utm, b_utm = mines.to_crs(_UTM), bounds.to_crs(_UTM)
    mine_notes = [[] for _ in range(len(mines))]
    bound_notes = [[] for _ in range(len(bounds))]
    for j, b in enumerate(b_utm.itertuples()):
        for i, m in enumerate(m_utm.itertuples()):
            inside = b.geometry.contains(m.geometry)
            if m.gem_mine_id == b.gem_mine_id and not inside:
                km = b.geometry.distance(m.geometry) / 1000
                mine_notes[i].append(
                    f"the point lies {km:.2f} km outside GEM's own estimated boundary of this mine ({b.feature_id})"
                )
                bound_notes[j].append(f"does not contain its own mine's point ({m.gem_mine_id}, {km:.2f} km outside)")
            elif m.gem_mine_id != b.gem_mine_id and inside:
                mine_notes[i].append(f"the point lies inside GEM's estimated boundary of {b.mine_name} ({b.feature_id})")
                bound_notes[j].append(f"contains the point of another mine, {m.name_en} ({m.gem_mine_id})")
    tail = "; GEM's mine tracker and its boundary dataset disagree here, and both are kept as published"
    mines["dataset_note"] = [("; ".join(n) + tail) if n else None for n in mine_notes]
    bounds["dataset_note"] = [("; ".join(n) + tail) if n else None for n in bound_notes]
    return {"coal_mines": mines, "mine_boundaries": bounds}


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
            "location_precision": r["precision_class"],
            "location_note": r["location_precision"],
            "crs_note": "GCJ-02 in the source; converted to WGS 84 by iterating the published GCJ-02 formula "
            "(hegang_map.util.chinese_coords), which reproduces the source's point to well under 1 m",
            "source": r["source"],
            "url": r["url"],
            "licence": r["licence"],
        }
    )
    geom = point_series(r["lon_wgs84"], r["lat_wgs84"])
    return gpd.GeoDataFrame(out.reset_index(drop=True), geometry=geom.values, crs="EPSG:4326")
