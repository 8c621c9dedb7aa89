"""The words the map page writes itself, in the current language.

Apart from :mod:`hegang_map.render.page` (which builds the page with folium)
so the window can send them without importing folium at start.
"""

from __future__ import annotations

from ..util.i18n import translate


def page_texts() -> dict[str, str]:
    """The words the page itself writes (legend button, scale bar units), in the current language."""
    return {
        "legend": translate("Page", "Legend"),
        "showLegend": translate("Page", "Show the legend"),
        "foldLegend": translate("Page", "Fold the legend away"),
        "km": translate("Page", "km"),
        "m": translate("Page", "m"),
    }
