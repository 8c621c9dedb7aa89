"""The CJK font that travels with the install (from the mplfonts package).

Without it, machines with no Chinese system font draw boxes for Chinese
names in the window, the page and exported figures.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

#: Family name of the bundled font as Qt and matplotlib report it.
CJK_FAMILY = "Noto Sans CJK SC"


@lru_cache(maxsize=1)
def cjk_font_path() -> Path | None:
    """Return the path of the bundled Noto Sans CJK SC font, or ``None``."""
    # Found, not imported: importing mplfonts imports matplotlib (a seventh of a second at start).
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]).resolve() / "fonts" / "NotoSansCJKsc-Regular.otf"
    return path if path.is_file() else None
