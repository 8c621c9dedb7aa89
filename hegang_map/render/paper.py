"""Paper and pixel sizes of exported figures.

A size is worked out in whole pixels first and the figure size derived from
it, so that A4 at 300 dpi is exactly 2480 x 3508 pixels (ISO 216 rounded to
the nearest pixel), not one pixel short as a naive inches x dpi truncation
gives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from ..util.i18n import translate

#: ISO 216 sizes in millimetres, portrait (width, height).
PAPERS = {"A5": (148, 210), "A4": (210, 297), "A3": (297, 420)}

#: The sizes the export dialog offers (any ``WxHmm`` / ``WxHpx`` also works).
COMMON_SIZES = ("A4", "A4-landscape", "A3", "A3-landscape", "180x120mm", "1920x1080px")

#: Resolution used for pixel sizes when no dpi is given: text reads well on a projector.
PIXEL_DEFAULT_DPI = 144.0

MM_PER_INCH = 25.4

#: The largest raster an export draws: A1 at 600 dpi or A0 at 400 dpi fit
#: (about 1.2 GB of pixels while drawing); more is refused before drawing.
MAX_PIXELS = 300_000_000


@dataclass(frozen=True)
class PageSize:
    """A page: millimetres (paper) or exact pixels (screens, slides).

    Attributes
    ----------
    label : str
        As the user wrote it, normalised (``A4-landscape``, ``180x120mm``).
    width_mm, height_mm : float or None
        Paper size; ``None`` for pixel sizes.
    width_px, height_px : int or None
        Pixel size; ``None`` for paper sizes.
    """

    label: str
    width_mm: float | None = None
    height_mm: float | None = None
    width_px: int | None = None
    height_px: int | None = None

    @property
    def is_pixels(self) -> bool:
        """Whether the size is given in pixels."""
        return self.width_px is not None

    def default_dpi(self) -> float:
        """300 dpi for paper (print), :data:`PIXEL_DEFAULT_DPI` for pixel sizes."""
        return PIXEL_DEFAULT_DPI if self.is_pixels else 300.0

    def pixels(self, dpi: float) -> tuple[int, int]:
        """Raster size at ``dpi``: exact for pixel sizes, rounded for paper."""
        if self.is_pixels:
            return int(self.width_px), int(self.height_px)
        return (round(self.width_mm / MM_PER_INCH * dpi), round(self.height_mm / MM_PER_INCH * dpi))

    def inches(self, dpi: float) -> tuple[float, float]:
        """Figure size in inches whose raster at ``dpi`` is exactly :meth:`pixels`.

        A hair is added because Agg truncates ``inches * dpi`` to an integer,
        and ``3508 / 300 * 300`` can come out as ``3507.9999``.
        """
        w, h = self.pixels(dpi)
        return ((w + 1e-3) / dpi, (h + 1e-3) / dpi)


def parse_size(text: str) -> PageSize:
    """Parse ``A4``, ``A4-landscape``, ``A3``, ``180x120mm`` or ``1920x1080px``.

    Raises
    ------
    ValueError
        With a message that lists what is accepted.
    """
    raw = str(text).strip()
    m = re.fullmatch(r"(?i)(A[345])(?:[-_ ]?(landscape|portrait))?", raw)
    if m:
        name = m.group(1).upper()
        w, h = PAPERS[name]
        if (m.group(2) or "").lower() == "landscape":
            return PageSize(f"{name}-landscape", float(h), float(w))
        return PageSize(name, float(w), float(h))
    m = re.fullmatch(r"(?i)(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|px)", raw)
    if m:
        w, h, unit = float(m.group(1)), float(m.group(2)), m.group(3).lower()
        if unit == "mm":
            if not (20 <= w <= 2000 and 20 <= h <= 2000):
                raise ValueError(translate("Messages", "paper size must be between 20 and 2000 mm each way"))
            return PageSize(f"{m.group(1)}x{m.group(2)}mm", w, h)
        if not (100 <= w <= 20000 and 100 <= h <= 20000) or w != int(w) or h != int(h):
            raise ValueError(translate("Messages", "pixel size must be whole pixels between 100 and 20000 each way"))
        return PageSize(f"{int(w)}x{int(h)}px", width_px=int(w), height_px=int(h))
    raise ValueError(
        translate(
            "Messages", "unknown size {raw}: use A4, A4-landscape, A3, A3-landscape, WIDTHxHEIGHTmm "
            "(180x120mm) or WIDTHxHEIGHTpx (1920x1080px)").format(raw=repr(raw))
    )


def check_raster(page: PageSize, dpi: float) -> tuple[int, int]:
    """The raster size of ``page`` at ``dpi``; ``ValueError`` when it is more than :data:`MAX_PIXELS`."""
    if not (isinstance(dpi, (int, float)) and 1 <= dpi <= 10_000):
        raise ValueError(translate("Messages", "dpi must be a number from 30 to 2400, not {dpi}").format(dpi=repr(dpi)))
    w, h = page.pixels(dpi)
    if w * h > MAX_PIXELS:
        raise ValueError(translate(
            "Messages", "{label} at {dpi} dpi is {w} x {h} pixels ({value} megapixels); an export may have "
            "at most {value2} megapixels: lower the dpi or the size").format(label=page.label, dpi=format(dpi, 'g'), w=format(w, ','), h=format(h, ','), value=format(w * h / 1000000.0, ',.0f'), value2=format(MAX_PIXELS / 1000000.0, ',.0f')))
    return w, h
