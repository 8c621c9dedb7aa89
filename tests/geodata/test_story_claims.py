"""The bundled story says only what its layers show or what it cites.

Every number in a scene's title and caption, in English and in Chinese, is
either a value of a layer that scene shows (after the scene's filters), a
count or rank read from it, a figure or year of the bundled
``hegang_timeline`` table (the essay's dated figures, each with the source
the essay cites), or one of the few context figures listed here. The
claims the captions make in words are checked one by one below.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from hegang_map.bundled.stories import bundled_story
from hegang_map.io.project import read_project
from hegang_map.model.scene import SceneList, caption_plain

HEGANG, BEIJING = 230400, 110000

#: Figures the story takes from the essay that are not Hegang's dated figures.
CONTEXT = {
    2008: "housing financialization after 2008 (Yang 2025)",
    27: "Beijing over 27 times Hegang's 2019 price (Securities Times Database 2020): 63,000 / 2,285",
    2024: "Outside the Fifth Ring 2024",
    2025: "Yang 2025",
    25: "mines within 25 km of the government (test_geodata_facts measures it)",
}


def _timeline(committed) -> set[float]:
    t = committed["hegang_redevelopment.gpkg"]["hegang_timeline"]
    return {float(v) for col in ("year", "value", "value_max") for v in t[col].dropna()} | {320.0}


_NUMBER = re.compile(r"(\d[\d,]*(?:\.\d+)?)(万?)")


def _scenes():
    scenes, problems = SceneList.from_dicts(read_project(bundled_story()).scenes)
    assert problems == []
    return list(scenes)


def _numbers(text: str) -> set[float]:
    text = re.sub(r"58\.com|58同城", "", text)  # a platform's name, not a figure
    # 11万 is 110,000, as Chinese counts.
    return {float(n.replace(",", "")) * (10_000 if wan else 1) for n, wan in _NUMBER.findall(text)}


def _shown(frame: pd.DataFrame, layer) -> pd.DataFrame:
    for field, values in layer.style.filter:
        frame = frame[frame[field].astype(str).isin(values)]
    return frame


def _values(frame: pd.DataFrame) -> set[float]:
    """Every number a layer holds, its counts (per year too) and the parts of its dates."""
    out = {float(len(frame))}
    for column in frame.columns:
        if column == "geometry":
            continue
        series = frame[column]
        if pd.api.types.is_numeric_dtype(series):
            out |= {float(v) for v in series.dropna()}
        else:
            for text in series.dropna().astype(str):
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                    out |= {float(p) for p in text.split("-")}
    if "dataset_note" in frame:  # figures the Identify panel shows in words
        out |= {float(n) for text in frame["dataset_note"].dropna() for n in re.findall(r"\d+\.\d+", text)}
    if "year" in frame:
        out |= {float(n) for n in frame.groupby("year").size()}
    for field in ("location_precision", "coal_company_link", "status"):
        if field in frame:
            out |= {float(n) for n in frame.groupby(field).size()}
    return out


@pytest.mark.parametrize("number", range(1, 8))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_number_of_a_caption_is_on_the_map_or_cited(committed, number, lang):
    scene = _scenes()[number - 1]
    shown: set[float] = set()
    for layer in scene.layers:
        frame = committed[Path(layer.source).name][layer.layer]
        shown |= _values(_shown(frame, layer))
    text = scene.title_in(lang) + " " + caption_plain(scene.caption_in(lang))
    cited = _timeline(committed) | set(CONTEXT)
    unknown = sorted(n for n in _numbers(text) if n not in shown and n not in cited)
    assert not unknown, f"scene {number} ({lang}): {unknown} neither on its layers nor cited"


@pytest.fixture(scope="module")
def annual(committed):
    return committed["city_prices.gpkg"]["price_annual"]


def test_scene_1_names_the_dearest_and_the_cheapest_of_2019(annual):
    y = annual[(annual["platform"] == "58.com") & (annual["year"] == 2019)].sort_values("price_yuan_m2")
    assert list(y["name_en"].iloc[-2:]) == ["Shenzhen", "Beijing"]
    assert list(y["price_yuan_m2"].iloc[-2:]) == [54803, 58091]
    assert (y["name_en"].iloc[0], y["price_yuan_m2"].iloc[0]) == ("Hegang", 1932)


def test_scene_3_claims_only_the_years_hegang_is_listed(annual):
    scene = _scenes()[2]
    assert "2010" not in scene.title_in("en") and "2019" in scene.title_in("en")
    on58 = annual[annual["platform"] == "58.com"]
    counts = on58.groupby("year").size()
    assert (counts[2010], counts[2024]) == (20, 309)
    hegang = on58[on58["adcode"] == HEGANG].set_index("year")["price_yuan_m2"]
    assert (hegang[2019], hegang[2021], hegang[2024]) == (1932, 2162, 1874)
    assert hegang.idxmax() == 2021  # the rise the caption names, then the fall
    assert on58[(on58["adcode"] == BEIJING) & (on58["year"] == 2024)]["price_yuan_m2"].item() == 58950


def test_scene_5_says_how_little_the_placing_allows(committed):
    welfare = committed["hegang_welfare.gpkg"]["facilities"]
    estates = committed["hegang_redevelopment.gpkg"]["redevelopment_sites"]
    assert len(welfare) == 4 and len(estates) == 3
    linked = welfare[welfare["coal_company_link"] == "yes"]
    assert len(linked) == 1 and linked["founded_year"].item() == 1945 and linked["category"].item() == "hospital"
    assert "school" not in set(welfare["category"])
    assert (welfare["location_precision"] == "district").all()
    assert (estates["location_precision"] == "district").all()
    caption = _scenes()[4].caption_in("en")
    assert "beside" not in _scenes()[4].title_in("en") and "cannot show how near" in caption
    assert "(founded 1945, before that era)" in caption  # not a socialist-era foundation


def test_timeline_rank_is_the_one_the_essay_quotes(committed):
    t = committed["hegang_redevelopment.gpkg"]["hegang_timeline"]
    assert "320 cities" in t.loc[t["value"] == 2285, "metric_en"].item()


def test_scene_6_dates_the_newcomers_from_the_timeline(committed, annual):
    scene = _scenes()[5]
    t = committed["hegang_redevelopment.gpkg"]["hegang_timeline"].set_index("source")
    assert t.loc["Southern Metropolis Daily 2022", "value"] == 4000
    assert (t.loc["Chen 2022", "value"], t.loc["Chen 2022", "value_max"]) == (60, 70)
    caption = scene.caption_in("en")
    for cited in ("Southern Metropolis Daily 2022", "Chen 2022"):
        assert cited in caption
    y2024 = annual[(annual["platform"] == "58.com") & (annual["year"] == 2024)]
    assert y2024.loc[y2024["price_yuan_m2"].idxmin(), "adcode"] == HEGANG  # "the lowest on the map"
    cited = [s for s in scene.sources if s.endswith("as cited by Yang 2025")]
    assert cited and all(name in cited[0] for name in ("Southern Metropolis Daily 2022", "Chen", "2021a", "2021b"))


def test_scene_7_gives_each_little_hegang_its_rank(committed):
    latest = committed["city_prices.gpkg"]["price_latest"].set_index("name_en")
    ranks = {n: (latest.loc[n, "rank"], latest.loc[n, "price_yuan_m2"]) for n in ("Hegang", "Fuxin", "Hebi", "Yumen")}
    assert ranks == {"Hegang": (312, 2274), "Fuxin": (291, 4146), "Hebi": (111, 6723), "Yumen": (163, 5766)}
    assert latest.loc["Yumen", "price_unit_zh"] == "酒泉市"  # Jiuquan's figure on Yumen's point
    scene = _scenes()[6]
    assert any("Outside the Fifth Ring" in s and "as cited by Yang 2025" in s for s in scene.sources)
    assert "only in part" in scene.caption_in("en")
