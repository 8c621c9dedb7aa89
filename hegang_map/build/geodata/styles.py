"""Default styles of the bundled layers, written to ``geodata/styles.json``.

Each entry is keyed ``"<gpkg file>:<layer>"``. ``style`` holds the keys of
``hegang_map.model.style.LayerStyle`` (unknown keys are ignored there);
the optional ``classify``, ``label``, ``filter``, ``time``, ``hollow_where``,
``dash``, ``legend`` and ``visible`` entries say
how the app should go beyond a single symbol. Colours are colour-blind safe:
viridis for the price ramp, Okabe-Ito for categories.
"""

from __future__ import annotations

# viridis, 5 classes, low price = dark: Hegang stands out at the dark end.
_VIRIDIS_5 = ["#440154", "#3b528b", "#21918c", "#5ec962", "#fde725"]
# Okabe & Ito (2008) colour-blind-safe palette.
_OI = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
    "grey": "#999999",
}

_HEGANG_LABEL = {"field": "name_en", "where": {"essay_role": ["essay subject"]}, "also_field": "name_zh"}


def _graduated(field: str, legend: str) -> dict:
    return {
        "method": "graduated",
        "field": field,
        "scheme": "quantiles",
        "k": 5,
        "colors": _VIRIDIS_5,
        "size_range_px": [3.0, 11.0],
        "legend_title": legend,
    }


STYLES: dict[str, dict] = {
    "city_prices.gpkg:cities": {
        "style": {"color": "#666666", "stroke_color": "#ffffff", "stroke_width": 0.5, "point_size": 2.5, "marker": "circle"},
        "label": _HEGANG_LABEL,
        "visible": False,
    },
    "city_prices.gpkg:price_annual": {
        "style": {"color": _VIRIDIS_5[2], "stroke_color": "#333333", "stroke_width": 0.5, "fill_opacity": 0.85, "marker": "circle"},
        "classify": _graduated("price_yuan_m2", "Resale listing price, annual average (yuan/m²)"),
        "time": {"field": "year", "default": 2019},
        "filter": {"platform": "58.com"},
        "label": _HEGANG_LABEL,
        "legend": (
            "Annual average resale listing price, {platform}, {year}; platform data, not official. 58.com and Anjuke "
            "are two listings of one market; Anjuke lacks Beijing, Shanghai, Tianjin, Chongqing and Hainan"
        ),
        "visible": False,
    },
    "city_prices.gpkg:price_latest": {
        "style": {"color": _VIRIDIS_5[2], "stroke_color": "#333333", "stroke_width": 0.5, "fill_opacity": 0.85, "marker": "circle"},
        "classify": _graduated("price_yuan_m2", "Resale listing price, creprice 2026-05-17 (yuan/m²)"),
        "label": _HEGANG_LABEL,
        "legend": "Resale listing average (挂牌均价), creprice.cn snapshot 2026-05-17",
        "visible": True,
    },
    "city_prices.gpkg:price_quotes": {
        "style": {"color": _OI["vermillion"], "stroke_color": "#333333", "stroke_width": 1.0, "point_size": 5.0, "marker": "diamond"},
        # Eleven figures share Hegang's point: only the essay's own are labelled.
        "label": {"field": "value", "unit_field": "unit", "period_field": "period",
                  "where": {"quoted_in": ["the essay (Yang 2025)"]}},
        "legend": "Single figures from the press and platforms; two are the essay's (quoted_in). Kinds and periods differ",
        "visible": False,
    },
    "hegang_redevelopment.gpkg:redevelopment_sites": {
        "style": {"color": _OI["vermillion"], "stroke_color": "#000000", "stroke_width": 1.0, "fill_opacity": 0.9, "point_size": 6.0, "marker": "square"},
        "classify": {
            "method": "categorized",
            "field": "is_contrast",
            "colors": {"0": _OI["vermillion"], "1": _OI["grey"]},
            "labels": {"0": "Shantytown redevelopment estate / area", "1": "Commercial new-build (contrast)"},
        },
        "hollow_where": {"location_precision": ["district"]},
        "legend": "Hollow: drawn on its district's seat (location_precision = district)",
        "visible": True,
    },
    "hegang_redevelopment.gpkg:district_points": {
        "style": {"color": "#ffffff", "stroke_color": "#777777", "stroke_width": 0.8, "fill_opacity": 0.6, "point_size": 2.5, "marker": "circle"},
        "label": {"field": "name_en", "also_field": "name_zh"},
        "visible": False,
    },
    "hegang_welfare.gpkg:facilities": {
        "style": {"color": _OI["blue"], "stroke_color": "#000000", "stroke_width": 0.8, "fill_opacity": 0.9, "point_size": 6.0, "marker": "circle"},
        "classify": {
            "method": "categorized",
            "field": "category",
            "colors": {"hospital": _OI["blue"], "park": _OI["green"], "school": _OI["orange"], "college": _OI["yellow"]},
            # The data's codes, named for the legend (and so for the catalogue).
            "labels": {"hospital": "Hospital", "park": "Park", "school": "School", "college": "College"},
        },
        "hollow_where": {"location_precision": ["district"]},
        "legend": "Hollow: drawn on its district's seat (location_precision = district)",
        "visible": True,
    },
    "hegang_welfare.gpkg:coal_mines": {
        "style": {"color": _OI["black"], "stroke_color": "#ffffff", "stroke_width": 0.8, "fill_opacity": 0.9, "point_size": 6.0, "marker": "triangle"},
        "classify": {
            "method": "categorized",
            "field": "status",
            "colors": {
                "operating": _OI["black"],
                "proposed": _OI["sky"],
                "shelved": _OI["grey"],
                "mothballed": _OI["grey"],
                "retired": _OI["purple"],
                "cancelled": _OI["purple"],
            },
            "labels": {"operating": "Operating", "proposed": "Proposed", "shelved": "Shelved",
                       "mothballed": "Mothballed", "retired": "Retired", "cancelled": "Cancelled"},
        },
        "visible": True,
    },
    "hegang_welfare.gpkg:coal_mines_press": {
        "style": {"color": _OI["grey"], "stroke_color": "#000000", "stroke_width": 0.8, "fill_opacity": 0.7, "point_size": 5.0, "marker": "triangle"},
        "hollow_where": {"location_precision": ["district"]},
        "legend": "Mines named in the press, placed on their district",
        "visible": False,
    },
    "hegang_welfare.gpkg:mine_boundaries": {
        "style": {"color": _OI["black"], "stroke_color": _OI["black"], "stroke_width": 1.2, "fill_opacity": 0.08},
        "legend": "Estimated mine boundary (GEM)",
        "dash": [4, 3],
        "visible": True,
    },
    "hegang_welfare.gpkg:mine_features": {
        "style": {"color": _OI["purple"], "stroke_color": "#000000", "stroke_width": 0.5, "point_size": 3.0, "marker": "diamond"},
        "visible": False,
    },
    "hegang_welfare.gpkg:reference_points": {
        "style": {"color": "#ffffff", "stroke_color": "#000000", "stroke_width": 1.5, "point_size": 5.0, "marker": "square"},
        "label": {"field": "name_en", "also_field": "name_zh"},
        "visible": True,
    },
    "basemap.gpkg:land": {"style": {"color": "#f4f2ee", "stroke_color": "#f4f2ee", "stroke_width": 0.0, "fill_opacity": 1.0}, "visible": True},
    "basemap.gpkg:lakes": {"style": {"color": "#dbe6ee", "stroke_color": "#b9c9d6", "stroke_width": 0.3, "fill_opacity": 1.0}, "visible": True},
    "basemap.gpkg:rivers": {"style": {"color": "#b9c9d6", "stroke_width": 0.5}, "visible": True},
    "basemap.gpkg:province_lines": {"style": {"color": "#c8c8c8", "stroke_width": 0.5}, "dash": [2, 2], "visible": True},
    "basemap.gpkg:country_borders": {"style": {"color": "#8c8c8c", "stroke_width": 0.9}, "visible": True},
    "basemap.gpkg:province_capitals": {
        "style": {"color": "#8c8c8c", "stroke_color": "#ffffff", "stroke_width": 0.5, "point_size": 2.0, "marker": "circle"},
        "label": {"field": "province_en", "also_field": "province_zh"},
        "visible": False,
    },
}
