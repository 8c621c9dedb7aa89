"""A style round-trips through JSON, and bundled style files load."""

from __future__ import annotations

import json

import pytest

from hegang_map.io.styles import default_style, from_geodata_entry, load_style, save_style, style_to_json
from hegang_map.model.style import Category, LabelSpec, LayerStyle, TimeSpec


def _rich_style():
    return LayerStyle(
        color="#21918c", stroke_width=0.5, renderer="graduated", field="price_yuan_m2", scheme="manual",
        k=4, breaks=(3000.0, 6000.0, 12000.0), ramp="YlOrRd", reverse=True, size_range=(3.0, 11.0),
        categories=(Category("a", "#ff0000", "A"),), label=LabelSpec("name_zh", "name_en", (("essay_role", ("essay subject",)),),
                                                                       "price_yuan_m2", 5.0, 13.0),
        time=TimeSpec("year", 2019, False), filter=(("platform", ("58.com",)),),
        hollow_where=(("location_precision", ("district",)),), title="Resale listing price", unit="yuan/m²",
        note="{platform}, {year}", dash=(4, 3),
    )


def test_style_round_trips_through_json():
    style = _rich_style()
    assert LayerStyle.from_dict(json.loads(json.dumps(style.to_dict()))) == style


def test_style_file_round_trips(tmp_path):
    style = _rich_style()
    path = tmp_path / "s.json"
    save_style(style, path, layer="price_annual", file="city_prices.gpkg")
    assert load_style(path) == style
    assert json.loads(style_to_json(style))["format"] == "hegang-map-style"


def test_old_style_dicts_still_load():
    assert LayerStyle.from_dict({"color": "#123456", "unknown": 1}) == LayerStyle(color="#123456")


def test_bundled_price_annual_default_is_the_style_file():
    style = default_style("city_prices.gpkg", "price_annual")
    assert style.renderer == "graduated" and style.scheme == "natural_breaks"
    assert style.time.field == "year" and style.time.current is None  # latest year
    assert dict(style.filter) == {"platform": ("58.com",)}


def test_geodata_categorized_entry_converts():
    style = from_geodata_entry({
        "style": {"color": "#D55E00", "marker": "square"},
        "classify": {"method": "categorized", "field": "is_contrast", "colors": {"0": "#D55E00", "1": "#999999"},
                     "labels": {"0": "SRS", "1": "Commercial"}},
        "hollow_where": {"location_precision": ["district"]},
    })
    assert style.renderer == "categorized" and style.categories[1] == Category("1", "#999999", "Commercial")
    assert style.hollow_where == (("location_precision", ("district",)),)


def test_unknown_layer_has_no_default():
    assert default_style("mine.gpkg", "something_else") is None


@pytest.mark.parametrize("key, value", [("also_field", ["name_en"]), ("priority_field", {"x": 1})])
def test_label_field_names_must_be_texts(key, value):
    from hegang_map.model.style import LayerStyle

    with pytest.raises(ValueError, match=rf"style\.label\.{key} must be a text"):
        LayerStyle.from_dict({"label": {"field": "name_en", key: value}})
