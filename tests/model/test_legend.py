"""The legend of a known style: title, ranges, units, counts, notes."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
from shapely.geometry import Point

from hegang_map.model.style import Category, LayerStyle, TimeSpec
from hegang_map.model.symbology import HIDDEN, resolve


def _prices():
    rows = []
    for year in (2023, 2024):
        for i, price in enumerate((2000, 3000, 4000, 8000, 10000, 20000)):
            rows.append({"year": year, "price": price + (year - 2023) * 100, "platform": "58.com" if i < 5 else "x",
                         "precision": "district" if i == 0 else "site"})
    return gpd.GeoDataFrame(rows, geometry=[Point(100 + i, 30) for i in range(len(rows))], crs="EPSG:4326")


def test_graduated_legend_names_field_unit_period_and_method():
    style = LayerStyle(renderer="graduated", field="price", scheme="manual", breaks=(3000, 9000, 20000),
                       time=TimeSpec("year"), filter=(("platform", ("58.com",)),), title="Resale listing price",
                       unit="yuan/m²", note="Listings on {platform}, {year}")
    sym = resolve(_prices(), style, "prices")
    legend = sym.legend
    assert legend.title == "Resale listing price, yuan/m², 2024 — manual breaks, 3 classes"
    assert [e.label for e in legend.entries] == [
        "2,000 – 3,000 yuan/m²", "3,000 – 9,000 yuan/m²", "9,000 – 20,000 yuan/m²"]  # fixed: all years
    assert [(e.lower, e.upper) for e in legend.entries] == [(2000, 3000), (3000, 9000), (9000, 20000)]
    assert [e.count for e in legend.entries] == [1, 3, 1]  # 2024 and 58.com only
    assert legend.notes[0] == "Listings on 58.com, 2024"
    assert legend.period == "2024"
    assert sym.shown == 5
    assert (sym.classes[:6] == HIDDEN).all()  # 2023 is hidden


def test_natural_breaks_title_reads_like_the_issue():
    style = LayerStyle(renderer="graduated", field="price", scheme="natural_breaks", k=2,
                       time=TimeSpec("year", 2023), title="Resale listing price", unit="yuan/m²")
    assert resolve(_prices(), style).legend.title == "Resale listing price, yuan/m², 2023 — natural breaks, 2 classes"


def test_graduated_size_grows_with_class():
    style = LayerStyle(renderer="graduated", field="price", k=3, size_range=(2.0, 10.0))
    radii = [e.radius for e in resolve(_prices(), style).legend.entries]
    assert radii == [2.0, 6.0, 10.0]


def test_categorized_legend_has_labels_colours_and_counts_and_hollow_rows():
    style = LayerStyle(renderer="categorized", field="platform",
                       categories=(Category("58.com", "#D55E00", "58.com listings"), Category("x", "#999999")),
                       hollow_where=(("precision", ("district",)),))
    sym = resolve(_prices(), style, "prices")
    assert [(e.label, e.color, e.count) for e in sym.legend.entries] == [
        ("58.com listings", "#D55E00", 10), ("x", "#999999", 2)]
    assert sym.legend.title == "prices"
    hollow = sym.symbol_of_row(0)
    assert hollow.fill_opacity == 0 and hollow.stroke_color == "#D55E00"
    assert sym.symbol_of_row(1).fill_opacity > 0


def test_labels_follow_the_where_filter():
    from hegang_map.model.style import LabelSpec

    data = _prices().assign(name=["a", "b"] * 6)
    style = LayerStyle(label=LabelSpec("name", where=(("precision", ("district",)),)))
    sym = resolve(data, style)
    assert [t for t in sym.labels if t] == ["a", "a"]
    assert np.all(sym.label_priority == 0)


def _with_error(flag_value):
    frame = _prices()
    frame = frame[frame["year"] == 2024].reset_index(drop=True)
    frame.loc[0, "price"] = 21  # a data error, far below every other value
    frame["quality_flag"] = [flag_value] + [None] * (len(frame) - 1)
    return frame


def test_flagged_values_are_left_out_of_breaks_and_counted():
    style = LayerStyle(renderer="graduated", field="price", scheme="equal_interval", k=2)
    flagged = resolve(_with_error("implausible"), style, "prices")
    assert flagged.classification.lower == 3100  # the 21 sets no class bound
    labels = [(e.label, e.count) for e in flagged.legend.entries]
    assert labels[-1] == ("flagged implausible, not in breaks", 1)
    assert "1 value flagged as implausible (quality_flag) left out of the class breaks" in flagged.legend.notes
    assert flagged.symbol_of_row(0).color not in {s.color for s in flagged.symbols[:2]}

    kept = resolve(_with_error(None), style, "prices")
    assert kept.classification.lower == 21  # unflagged, the error stretches the first class
    assert all("flagged" not in e.label for e in kept.legend.entries)


def test_a_style_can_count_flagged_values_in_the_breaks():
    style = LayerStyle(renderer="graduated", field="price", scheme="equal_interval", k=2, flagged_in_breaks=True)
    sym = resolve(_with_error("implausible"), style, "prices")
    assert sym.classification.lower == 21
    assert LayerStyle.from_dict(style.to_dict()).flagged_in_breaks is True


def test_a_name_in_both_languages_reads_first_in_the_language_of_the_map():
    from hegang_map.model.style import LabelSpec
    from hegang_map.util.i18n import speaking

    data = _prices().assign(name_en="Hegang", name_zh="鹤岗市")
    for field, also in (("name_en", "name_zh"), ("name_zh", "name_en")):
        style = LayerStyle(label=LabelSpec(field, also_field=also))
        with speaking("en", None):
            assert resolve(data, style).labels[0] == "Hegang 鹤岗市"
        with speaking("zh", None):
            assert resolve(data, style).labels[0] == "鹤岗市 Hegang"
    # Fields that are not one name in two languages keep the style's order.
    style = LayerStyle(label=LabelSpec("name_zh", also_field="precision"))
    with speaking("en", None):
        assert resolve(data, style).labels[0] == "鹤岗市 " + str(data["precision"][0])
