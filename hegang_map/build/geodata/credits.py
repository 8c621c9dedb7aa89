"""One credit line per layer, written to ``geodata/credits.json``.

The app shows the credits of the visible layers in its attribution control
and in every export, so each line names every party whose licence asks for
credit (GeoNames CC BY 4.0, Global Energy Monitor CC BY 4.0, GSHHG LGPL) and
the platforms whose figures are cited.
"""

from __future__ import annotations

_GEONAMES = "points: GeoNames.org (CC BY 4.0)"
_DISTRICT = "district seats: GeoNames.org (CC BY 4.0)"
# MIT is the licence of the repository that compiled the series, not a grant
# from the platforms: their figures are cited as facts.
_PLATFORMS = "58.com / Anjuke annual resale listing averages (platform figures, cited), compiled by changao1 (repository MIT)"
_NE = "Natural Earth (public domain)"

#: "<gpkg file>:<layer>" -> short credit line.
CREDITS: dict[str, str] = {
    "city_prices.gpkg:cities": f"City {_GEONAMES}; codes: GB/T 2260",
    "city_prices.gpkg:price_annual": (
        f"Prices: {_PLATFORMS}; {_GEONAMES}"
    ),
    "city_prices.gpkg:price_annual_unplaced": f"Prices: {_PLATFORMS}",
    "city_prices.gpkg:price_latest": (
        f"Prices: creprice.cn (禧泰数据) 2026-05-17 via heroliss/china-house-price-map; {_GEONAMES}"
    ),
    "city_prices.gpkg:price_latest_unplaced": "Prices: creprice.cn (禧泰数据) 2026-05-17 via heroliss/china-house-price-map",
    "city_prices.gpkg:price_quotes": (
        f"Quotes: Securities Times Database 2020 (cited by Yang 2025), the press and creprice.cn, per row; {_GEONAMES}"
    ),
    "hegang_redevelopment.gpkg:redevelopment_sites": (
        f"Sites: ThePaper 2019, Southern Weekly 2019 and others as cited per row; {_DISTRICT}"
    ),
    "hegang_redevelopment.gpkg:redevelopment_sites_unplaced": "Sites: Southern Weekly, CGTN, mtkj.org, Sohu as cited per row",
    "hegang_redevelopment.gpkg:programme_figures": "Programme: ThePaper 2019 (the essay's source)",
    "hegang_redevelopment.gpkg:hegang_timeline": "Timeline: the essay's dated figures (Yang 2025, Metropolitics) with the sources it cites, per row",
    "hegang_redevelopment.gpkg:district_points": "District seats: GeoNames.org (CC BY 4.0); areas: de.wikipedia (CC BY-SA)",
    "hegang_welfare.gpkg:facilities": (
        f"Facilities: hospital website, kaowaiyu.cn, caoyuantianlu.org as cited per row; {_DISTRICT}"
    ),
    "hegang_welfare.gpkg:coal_mines": "Mines: Global Energy Monitor, Global Coal Mine Tracker (CC BY 4.0)",
    "hegang_welfare.gpkg:coal_mines_press": f"Mines: Heilongjiang Daily via hlj.cri.cn 2018, press as cited per row; {_DISTRICT}",
    "hegang_welfare.gpkg:mine_boundaries": (
        "Boundary (estimated): Global Energy Monitor, Coal Mine Boundaries and Methane Sources v1.0.2 (CC BY 4.0)"
    ),
    "hegang_welfare.gpkg:mine_features": (
        "Mine features (possible): Global Energy Monitor, Coal Mine Boundaries and Methane Sources v1.0.2 (CC BY 4.0)"
    ),
    "hegang_welfare.gpkg:reference_points": "Government point: Wikipedia (Hegang infobox), GCJ-02 converted to WGS 84",
    "hegang_welfare.gpkg:places_unplaced": "Places: web and press sources as cited per row",
    "basemap.gpkg:land": _NE,
    "basemap.gpkg:lakes": _NE,
    "basemap.gpkg:country_borders": f"{_NE}; de facto boundaries, not an official map of China",
    "basemap.gpkg:province_lines": f"{_NE}; not an official map of China",
    "basemap.gpkg:rivers": "Rivers: GSHHG 2.3.6 / WDBII, Wessel & Smith (LGPL-3.0)",
    "basemap.gpkg:province_capitals": "Capitals: GeoNames.org (CC BY 4.0)",
}

#: "<gpkg file>:<layer>" -> one-line description stored in gpkg_contents.
DESCRIPTIONS: dict[str, str] = {
    "city_prices.gpkg:cities": "Prefecture-level units with a GeoNames point (16 county-level units under a province, and Yumen)",
    "city_prices.gpkg:price_annual": (
        "Annual average resale listing price per city and year: 58.com 2010-2024 and Anjuke 2015-2024, two listings "
        "of one market; Anjuke lacks Beijing, Shanghai, Tianjin, Chongqing and Hainan; 6 implausible values flagged"
    ),
    "city_prices.gpkg:price_annual_unplaced": "Annual price rows whose city has no point (table, no geometry)",
    "city_prices.gpkg:price_latest": "creprice.cn resale listing average, snapshot 2026-05-17, with rank of 312",
    "city_prices.gpkg:price_latest_unplaced": "creprice rows whose city has no point (table, no geometry)",
    "city_prices.gpkg:price_quotes": "Single price figures from the press and platforms (2 quoted in the essay), on the city point",
    "hegang_redevelopment.gpkg:redevelopment_sites": "Shantytown-redevelopment estates and areas in Hegang (district points)",
    "hegang_redevelopment.gpkg:redevelopment_sites_unplaced": "Redevelopment estates with unknown location (table, no geometry)",
    "hegang_redevelopment.gpkg:programme_figures": "City-wide shantytown programme figures (table, no geometry)",
    "hegang_redevelopment.gpkg:hegang_timeline": "Hegang's dated figures from the essay: prices, sales area, redevelopment, policy, newcomers (table)",
    "hegang_redevelopment.gpkg:district_points": "Seats of Hegang's county-level units (GeoNames; Suibin has none), where places known by district are drawn",
    "hegang_welfare.gpkg:facilities": "Hospitals and parks of Hegang with founding year and operator",
    "hegang_welfare.gpkg:coal_mines": "Coal mines of the Hegang coalfield (GEM Global Coal Mine Tracker)",
    "hegang_welfare.gpkg:coal_mines_press": "Other coal mines named in the press, on their district point",
    "hegang_welfare.gpkg:mine_boundaries": "Estimated boundary of the Junde coal mine (GEM)",
    "hegang_welfare.gpkg:mine_features": "Possible shafts, wells and flares of the Junde mine seen on imagery (GEM)",
    "hegang_welfare.gpkg:reference_points": "Hegang municipal government (~100 m, WGS 84)",
    "hegang_welfare.gpkg:places_unplaced": "Facilities, mines and the coal company with unknown location (table, no geometry)",
}
