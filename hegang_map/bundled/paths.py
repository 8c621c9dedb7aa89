"""Where the bundled data and resources live, installed or in a checkout.

Every module finds ``geodata/`` and ``resources/`` through these functions,
so the layout rule lives in one place.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def _bundled(name: str) -> Path:
    # A wheel carries the folders inside the package (hatch force-include);
    # a checkout or an editable install has them beside the package.
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def geodata_dir() -> Path:
    """Return the folder of the bundled GeoPackages."""
    return _bundled("geodata")


def resources_dir() -> Path:
    """Return the folder of the bundled resources (styles, stories, icons)."""
    return _bundled("resources")


def catalogue_path(lang: str, compiled: bool = True) -> Path:
    """The catalogue of ``lang``: the ``.qm`` the window loads, or (``compiled=False``) its ``.ts`` source."""
    from ..util.i18n import LOCALES

    return resources_dir() / "i18n" / f"hegang_map_{LOCALES[lang]}.{'qm' if compiled else 'ts'}"


#: File of the bundled vector basemap.
BASEMAP_FILE = "basemap.gpkg"


def basemap_path() -> Path:
    """Path of the bundled basemap GeoPackage (it may not exist yet)."""
    return geodata_dir() / BASEMAP_FILE


#: The map page's scripts in ``resources/web/``, in the order they load: the
#: first makes the namespace the others add to, the last starts the page.
PAGE_SCRIPTS = (
    "core.js", "payload.js", "points.js", "paths.js", "canvas.js", "tiles.js", "highlight.js", "labels.js", "legend.js",
    "pick.js", "api.js", "probe.js", "bridge.js",
)
#: The exported web map's own script, after the page's (its loader and popups).
WEBMAP_SCRIPT = "webmap.js"
#: The name the page loads its scripts by: all of :data:`PAGE_SCRIPTS`, in order, as one.
PAGE_SCRIPT = "page.js"


def web_file(name: str) -> Path:
    """A file of the map page in ``resources/web/`` (a script or the stylesheet)."""
    return resources_dir() / "web" / name


def page_script() -> str:
    """The text of :data:`PAGE_SCRIPT`: every page script, in load order.

    One request instead of twelve while the page starts; the files stay
    apart on disk, one per concern.
    """
    return "\n".join(f"/* ---- {name} ---- */\n" + web_file(name).read_text(encoding="utf-8") for name in PAGE_SCRIPTS)
