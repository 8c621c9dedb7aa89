"""Facts the story rests on, checked against the bundled layers."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from pyproj import Geod

from hegang_map.util.chinese_coords import gcj02_from_wgs84

HEGANG = 230400
JIUQUAN, YUMEN = 620900, 620981
#: Hegang municipal government as Wikipedia's infobox gives it: GCJ-02.
GOV_GCJ02 = (130.2980, 47.3501)
#: GeoNames' Hegang point (2036986), WGS 84.
GEONAMES_HEGANG = (130.29033, 47.34727)


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


def _metres(a, b):
    return Geod(ellps="WGS84").inv(a[0], a[1], b[0], b[1])[2]


def _government(welfare):
    gov = welfare["reference_points"].iloc[0].geometry
    return gov.x, gov.y


def _distances_km(frame, origin):
    return [_metres(origin, (p.x, p.y)) / 1000 for p in frame.geometry]


@pytest.mark.parametrize("layer", ["coal_mines", "coal_mines_press", "mine_features"])
def test_mines_within_40_km_of_government(welfare, layer):
    frame = welfare[layer]
    assert len(frame) > 0
    assert max(_distances_km(frame, _government(welfare))) < 40


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


def test_government_point_is_wgs84(welfare):
    """The infobox point is GCJ-02; the layer holds the WGS 84 point that
    shifts onto it, and that point agrees with GeoNames' independent one."""
    gov = _government(welfare)
    assert _metres(gcj02_from_wgs84(*gov), GOV_GCJ02) < 1
    assert _metres(gov, GOV_GCJ02) > 500
    assert _metres(gov, GEONAMES_HEGANG) < 100
    row = welfare["reference_points"].iloc[0]
    assert "GCJ-02" in row["crs_note"] and "GCJ-02" in row["location_note"]


def test_gem_disagreement_is_stated_on_both_sides(welfare):
    mines = welfare["coal_mines"].set_index("gem_mine_id")
    boundary = welfare["mine_boundaries"].iloc[0]
    junde, xingan = mines.loc["M1156"], mines.loc["M1233"]
    assert not boundary.geometry.contains(junde.geometry)
    assert boundary.geometry.contains(xingan.geometry)
    assert "0.56 km outside" in junde["dataset_note"]
    assert "Junde" in xingan["dataset_note"]
    assert "M1233" in boundary["dataset_note"] and "M1156" in boundary["dataset_note"]
    others = mines.drop(index=["M1156", "M1233"])
    assert others["dataset_note"].isna().all()


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


def test_places_known_by_district_sit_on_its_geonames_seat(committed):
    seats = committed["hegang_redevelopment.gpkg"]["district_points"].set_index("adcode")
    assert seats["source"].str.contains("GeoNames").all()
    assert not seats["source"].str.contains("Amap|geotool|inside", case=False).any()
    layers = [committed["hegang_welfare.gpkg"]["facilities"], committed["hegang_welfare.gpkg"]["coal_mines_press"],
              committed["hegang_redevelopment.gpkg"]["redevelopment_sites"]]
    for frame in layers:
        assert (frame["location_precision"] == "district").all()
        for row in frame.itertuples():
            seat = seats.loc[row.district_adcode, "geometry"]
            assert (row.geometry.x, row.geometry.y) == (seat.x, seat.y), row.name_zh
            assert "district's seat" in row.location_note


def test_no_point_from_a_web_map_that_may_not_be_shared(committed):
    """Baidu and Amap positions may not be redistributed: none is drawn."""
    for layers in committed.values():
        for frame in layers.values():
            for col in ("location_note", "crs_note"):
                if col in frame and "geometry" in frame:  # a drawn point
                    text = frame[col].fillna("")
                    assert not text.str.contains("BD-09|Baidu|geotool|Amap|inside-point").any(), col
            for col in ("source", "location_note"):
                assert col not in frame or not frame[col].fillna("").str.contains("GitHub file id|derived by me").any(), col
    fac = committed["hegang_welfare.gpkg"]["facilities"]
    hosp = fac[fac["name_zh"].str.contains("鹤岗矿业集团总医院", regex=False)].iloc[0]
    assert hosp["coal_company_link"] == "yes" and hosp["location_precision"] == "district"


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


#: The values a reader of the series would stop at, as (platform, city, year, value).
IMPLAUSIBLE = {
    ("anjuke.com", "Tongling", 2016, 219), ("anjuke.com", "Chuzhou", 2016, 941), ("anjuke.com", "Yingkou", 2016, 1754),
    ("58.com", "Jiaxing", 2013, 3807), ("58.com", "Guangyuan", 2016, 2308), ("anjuke.com", "Guangyuan", 2016, 2327),
}


def test_implausible_prices_are_flagged_with_evidence(prices):
    annual = prices["price_annual"]
    flagged = annual[annual["quality_flag"].notna()]
    assert set(zip(flagged["platform"], flagged["name_en"], flagged["year"], flagged["price_yuan_m2"])) == IMPLAUSIBLE
    assert (flagged["quality_flag"] == "implausible").all()
    assert flagged["quality_note"].str.contains(r"\d{4}").all()  # each names the years it is compared with


def test_year_on_year_change_only_over_one_year(prices):
    annual = prices["price_annual"]
    for (_, _), series in annual.groupby(["platform", "adcode"]):
        series = series.sort_values("year")
        gap = series["year"].diff()
        assert series.loc[gap != 1, "yoy_pct"].isna().all()
    jiaxing = annual[(annual["name_en"] == "Jiaxing") & (annual["platform"] == "58.com")].set_index("year")
    assert pd.isna(jiaxing.loc[2013, "yoy_pct"])  # the source's -44.15 spans 2011-2013
    assert jiaxing.loc[2016, "yoy_pct"] == pytest.approx(jiaxing.loc[2016, "price_yuan_m2"] / jiaxing.loc[2015, "price_yuan_m2"] * 100 - 100, abs=0.05)


def test_names_are_the_units_not_their_seat_towns(prices):
    names = set(prices["cities"]["name_en"])
    seats = {"Heshan", "Longshan", "Nada", "Gujangbagh", "Ghulja", "Jinshanlu", "Nianbo", "Bayi", "Gar", "Jinjiang",
             "Basuo", "Baocheng", "Yinggen", "Yulinshi", "Ālā'ĕr"}
    assert not names & seats
    assert {"Yiyang", "Liaoyuan", "Danzhou", "Hotan", "Ili", "Altay", "Aral", "Nyingchi", "Ngari"} <= names


def test_county_level_units_are_not_called_prefectures(prices):
    cities = prices["cities"]
    county = cities[cities["adcode"] % 100 != 0]
    assert len(county) == 17  # Hainan's 9, Jiyuan, Xinjiang's 6 corps cities, Yumen
    assert not (county["admin_level"] == "prefecture").any()
    assert (cities.loc[cities["adcode"] % 100 == 0, "admin_level"] == "prefecture").all()


def test_daxinganling_sits_on_its_seat(prices):
    row = prices["cities"].set_index("adcode").loc[232700]
    jiagedaqi = (124.11667, 50.41667)
    assert _metres((row.geometry.x, row.geometry.y), jiagedaqi) < 1
    assert row["geonameid"] == 2036597 and "Jiagedaqi" in row["source"]


def test_every_price_row_has_its_province(prices):
    for layer in ("price_annual", "price_latest"):
        frame = prices[layer]
        assert frame["province_zh"].notna().all() and frame["province_en"].notna().all(), layer


def test_anjuke_gaps_are_said_where_the_layer_is_read(prices, geodata):
    annual = prices["price_annual"]
    provinces = set(annual.loc[annual["platform"] == "58.com", "adcode"] // 10000)
    missing = provinces - set(annual.loc[annual["platform"] == "anjuke.com", "adcode"] // 10000)
    assert missing == {11, 12, 31, 46, 50}  # Beijing, Tianjin, Shanghai, Hainan, Chongqing
    styles = json.loads((geodata / "styles.json").read_text(encoding="utf-8"))
    note = styles["city_prices.gpkg:price_annual"]["legend"]
    assert all(name in note for name in ("Beijing", "Shanghai", "Tianjin", "Chongqing", "Hainan"))
    assert "one market" in note


def test_quotes_say_which_the_essay_made(prices, geodata):
    quotes = prices["price_quotes"]
    essay = quotes[quotes["quoted_in"] == "the essay (Yang 2025)"]
    assert sorted(essay["value"]) == [2285, 63000]
    assert quotes["value"].notna().all()
    styles = json.loads((geodata / "styles.json").read_text(encoding="utf-8"))
    label = styles["city_prices.gpkg:price_quotes"]["label"]
    labelled = quotes[quotes["quoted_in"].isin(label["where"]["quoted_in"])]
    assert labelled.groupby("adcode").size().max() == 1  # no stack of labels on one point


def test_timeline_holds_the_essays_dated_figures(committed):
    t = committed["hegang_redevelopment.gpkg"]["hegang_timeline"]
    figures = {(int(r.year), r.value) for r in t.itertuples() if pd.notna(r.value)}
    assert {(2019, 2285), (2019, 63000), (2019, 35000), (2023, 99600), (2019, 110000), (2022, 4000), (2022, 60)} <= figures
    assert t.loc[t["value"] == 60, "value_max"].item() == 70
    assert {2011, 2021} <= set(t["year"])
    assert t["citation"].notna().all() and t["metric_zh"].notna().all()
    assert "six years" in t.loc[t["value"] == 110000, "period"].item()
