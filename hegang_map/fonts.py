"""The CJK font that travels with the install (from the mplfonts package).

Without it, machines with no Chinese system font draw boxes for Chinese
names in the window, the page and exported figures.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

#: Family name of the bundled font as Qt and matplotlib report it.
CJK_FAMILY = "Noto Sans CJK SC"


@lru_cache(maxsize=1)
def cjk_font_path() -> Path | None:
    """Return the path of the bundled Noto Sans CJK SC font, or ``None``."""
    try:
        import mplfonts
    except ImportError:
        return None
    path = Path(mplfonts.__file__).resolve().parent / "fonts" / "NotoSansCJKsc-Regular.otf"
    return path if path.is_file() else None
