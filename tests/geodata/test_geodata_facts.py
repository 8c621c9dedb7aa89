"""Facts the story rests on, checked against the bundled layers."""

from __future__ import annotations

import pytest
from pyproj import Geod

HEGANG = 230400
JIUQUAN, YUMEN = 620900, 620981
#: Hegang municipal government, 47.3501 N 130.2980 E (Wikipedia infobox, ~100 m).
GOV_LAT, GOV_LON = 47.3501, 130.2980


@pytest.fixture(scope="module")
def prices(committed):
    return committed["city_prices.gpkg"]


@pytest.fixture(scope="module")
def welfare(committed):
    return committed["hegang_welfare.gpkg"]


@pytest.mark.parametrize("platform", ["58.com", "anjuke.com"])
@pytest.mark.parametrize("year", range(2019, 2025))
def test_hegang_cheapest_every_year(prices, platform, year):
    annual = prices["price_annual"]
    rows = annual[(annual["platform"] == platform) & (annual["year"] == year)]
    cheapest = rows.loc[rows["price_yuan_m2"].idxmin()]
    assert cheapest["adcode"] == HEGANG
    assert (rows["price_yuan_m2"] > cheapest["price_yuan_m2"]).sum() == len(rows) - 1
    # Cities left off the map (no point) are not cheaper either.
    un = prices["price_annual_unplaced"]
    un = un[(un["platform"] == platform) & (un["year"] == year)]
    assert (un["price_yuan_m2"] > cheapest["price_yuan_m2"]).all()


def test_hegang_absent_before_2019(prices):
    # What the sources say: neither platform table has a Hegang row before
    # 2019, so "cheapest in every year" can only be checked from 2019 on.
    annual = prices["price_annual"]
    hegang = annual[annual["adcode"] == HEGANG]
    assert hegang["year"].min() == 2019
    assert set(hegang["platform"]) == {"58.com", "anjuke.com"}


def test_hegang_cheapest_latest(prices):
    latest = prices["price_latest"]
    cheapest = latest.loc[latest["price_yuan_m2"].idxmin()]
    assert cheapest["adcode"] == HEGANG
    assert cheapest["price_yuan_m2"] == 2274
    assert cheapest["rank"] == cheapest["rank_of"] == 312
    assert cheapest["snapshot_date"] == "2026-05-17"
    assert (prices["price_latest_unplaced"]["price_yuan_m2"] > 2274).all()


def test_essay_2019_quotes(prices):
    quotes = prices["price_quotes"]
    hegang = quotes[(quotes["adcode"] == HEGANG) & (quotes["value"] == 2285)]
    assert len(hegang) == 1
    row = hegang.iloc[0]
    assert row["period"].startswith("2019")
    assert "lowest of 320 cities" in row["metric"]
    assert "Securities Times Database" in row["citation"] and "2020" in row["citation"]
    assert "nbd.com.cn/articles/2020-01-12/1399913.html" in row["citation"]
    assert "Securities Times" in row["source"]
    beijing = quotes[(quotes["adcode"] == 110000) & (quotes["value"] == 63000)]
    assert len(beijing) == 1 and beijing.iloc[0]["citation"] == row["citation"]


def _distances_km(frame):
    geod = Geod(ellps="WGS84")
    lons = [p.x for p in frame.geometry]
    lats = [p.y for p in frame.geometry]
    _, _, dist = geod.inv([GOV_LON] * len(lons), [GOV_LAT] * len(lats), lons, lats)
    return [d / 1000 for d in dist]


@pytest.mark.parametrize("layer", ["coal_mines", "coal_mines_press", "mine_features"])
def test_mines_within_40_km_of_government(welfare, layer):
    frame = welfare[layer]
    assert len(frame) > 0
    assert max(_distances_km(frame)) < 40


def test_gem_mines(welfare):
    mines = welfare["coal_mines"]
    assert set(mines["name_en"].str.split().str[0]) >= {"Junde", "Xing'an", "Fuli", "Yixin", "Niaoshan", "Xinlu"}
    assert len(mines) == 7
    assert mines["licence"].str.contains("CC BY 4.0").all()


def test_mine_boundary_is_labelled_estimated(welfare):
    boundary = welfare["mine_boundaries"]
    assert len(boundary) == 1
    assert (boundary["boundary_status"] == "estimated").all()
    assert (boundary["location_precision"] == "estimated").all()
    assert boundary.geometry.iloc[0].is_valid


def test_government_point(welfare):
    gov = welfare["reference_points"].iloc[0]
    assert (gov.geometry.y, gov.geometry.x) == (GOV_LAT, GOV_LON)


def test_essay_roles(prices):
    cities = prices["cities"]
    roles = dict(zip(cities["adcode"], cities["essay_role"]))
    assert roles[HEGANG] == "essay subject"
    little = set(cities.loc[cities["essay_role"] == "Little Hegang", "name_en"])
    assert little == {"Fuxin", "Hebi", "Yumen"}
    annual = prices["price_annual"]
    assert set(annual.loc[annual["essay_role"] == "Little Hegang", "adcode"]) == {210900, 410600, YUMEN}


def test_yumen_has_own_point_with_jiuquan_prices(prices):
    cities = prices["cities"].set_index("adcode")
    assert cities.loc[YUMEN, "admin_level"] == "county-level city"
    assert cities.loc[YUMEN, "prefecture_adcode"] == JIUQUAN
    assert not cities.loc[YUMEN, "geometry"].equals(cities.loc[JIUQUAN, "geometry"])
    for layer in ("price_annual", "price_latest"):
        frame = prices[layer]
        yumen = frame[frame["adcode"] == YUMEN]
        jiuquan = frame[frame["adcode"] == JIUQUAN]
        assert len(yumen) == len(jiuquan) > 0
        assert (yumen["price_unit_adcode"] == JIUQUAN).all()
        assert yumen["note"].str.contains("Jiuquan").all()
        assert sorted(yumen["price_yuan_m2"]) == sorted(jiuquan["price_yuan_m2"])


def test_price_kinds_are_labelled(prices):
    assert prices["price_annual"]["price_type"].str.contains("resale listing").all()
    assert prices["price_latest"]["price_type"].str.contains("resale listing").all()
    assert set(prices["price_annual"]["platform"]) == {"58.com", "anjuke.com"}
    assert prices["price_annual"]["year"].between(2010, 2024).all()


def test_geocoded_hospital_records_its_conversion(welfare):
    fac = welfare["facilities"]
    hosp = fac[fac["location_precision"] == "geocoded ~100 m-1 km"]
    assert len(hosp) == 1
    assert "BD-09" in hosp.iloc[0]["crs_note"] and "WGS" in hosp.iloc[0]["crs_note"]
    assert hosp.iloc[0]["coal_company_link"] == "yes"


def test_programme_figure_kept_without_geometry(committed):
    prog = committed["hegang_redevelopment.gpkg"]["programme_figures"]
    assert "geometry" not in prog.columns
    row = prog.iloc[0]
    assert row["units"] == 110000 and row["years"] == "2013-2018"
    assert "ThePaper" in row["source"]
    assert "city-wide" in row["scope"]


def test_unsourced_rows_stay_out(committed):
    """Rows the compiler marked 'own knowledge' are in no layer."""
    for layers in committed.values():
        for frame in layers.values():
            assert not frame["source"].str.contains("own knowledge").any()
