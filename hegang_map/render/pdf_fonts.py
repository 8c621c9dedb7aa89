"""The CJK font of PDF figures, as the TrueType font the PDF declares.

matplotlib embeds a font for PDF as TrueType (``pdf.fonttype: 42``), but
the bundled Noto Sans CJK keeps its outlines as CFF: the PDF then declares
TrueType and carries CFF, which poppler's ``pdffonts`` flags ("Mismatch
between font type and embedded font file") and preflight checks reject.
:func:`truetype_cjk` cuts the font down to the characters the figures use
and turns their cubic outlines into quadratic ones (fontTools' cu2qu, a
fraction of a font unit off), under a family name of its own; the figures'
texts are set in it while they are saved.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..bundled.fonts import CJK_FAMILY, cjk_font_path

#: The family name the TrueType subset is registered under.
FAMILY = "HG CJK TrueType"
#: Subsets kept in the user's cache folder, the least recently used going first.
KEPT_SUBSETS = 64
#: Changes when :func:`_ttf_subset` makes different fonts of the same characters.
_SUBSET_FORMAT = "1"


def cjk_subset(chars: set[int], features: list[str] | None = None, outlines: bool = True):
    """The bundled CJK font (a fontTools ``TTFont``) cut down to ``chars``; ``None``
    without the font or when it draws none of them (a subset of none, say of
    emoji alone, is a font with an empty character map, which readers reject).

    ``features``: the OpenType layout features kept (all when ``None``).
    ``outlines=False`` leaves out the CFF outlines and the vertical tables
    (a caller drawing the glyphs itself): pruning the CFF's subroutines is
    most of a subset's time.
    """
    from fontTools.ttLib import TTFont

    path = cjk_font_path()
    if path is None or not chars:
        return None
    return _subset(TTFont(str(path), lazy=True), chars, features, outlines)


def _subset(font, chars: set[int], features: list[str] | None, outlines: bool):
    """:func:`cjk_subset` of an opened ``font`` (changed in place)."""
    from fontTools import subset

    if not outlines:
        font.getGlyphOrder()  # the glyphs' names are the CFF's: read them before it goes
        for tag in ("CFF ", "VORG", "vhea", "vmtx", "BASE"):
            if tag in font:
                del font[tag]
    chars = set(chars) & set(font.getBestCmap())
    if not chars:
        return None
    options = subset.Options()
    options.layout_features = ["*"] if features is None else features
    options.name_IDs = ["*"]
    options.notdef_outline = True
    sub = subset.Subsetter(options)
    sub.populate(unicodes=sorted(chars))
    sub.subset(font)
    return font


def _ttf_subset(chars: set[int]) -> bytes | None:
    """The bundled CJK font, cut to ``chars``, with TrueType outlines."""
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    path = cjk_font_path()
    if path is None or not chars:
        return None
    font = TTFont(str(path), lazy=True)
    for tag in ("VORG", "vhea", "vmtx"):  # horizontal text only; unread, they cost nothing
        if tag in font:
            del font[tag]
    # The outlines, read before the subset drops them: one reading of the
    # font's CFF and metrics, not two (a fifth of a second each).
    glyphs = font.getGlyphSet()
    # The layout features text is set with (matplotlib lays it out with
    # HarfBuzz, which applies these), not every feature: half the glyphs.
    font = _subset(font, chars, subset.Options().layout_features, outlines=False)
    if font is None:
        return None
    order = font.getGlyphOrder()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        # A quarter of a unit of 1000 per em: nothing any printer shows.
        glyphs[name].draw(Cu2QuPen(pen, max_err=0.25, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                  "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    maxp.maxPoints = maxp.maxContours = maxp.maxCompositePoints = maxp.maxCompositeContours = 0
    maxp.maxComponentDepth = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    for record in font["name"].names:
        if record.nameID in (1, 4, 16):
            record.string = FAMILY
        elif record.nameID == 6:
            record.string = FAMILY.replace(" ", "")
    font.sfntVersion = "\x00\x01\x00\x00"
    # The source font's dates, not the clock's: the same map makes the same PDF.
    font.recalcTimestamp = False
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _kept_ttf_subset(chars: set[int]) -> bytes | None:
    """:func:`_ttf_subset` of ``chars``, kept in the user's cache folder.

    Converting the outlines takes about a second of every PDF; the same map
    exported again, or another map of the same texts, uses the kept subset.
    A kept file's name carries its checksum, so a cut or damaged one is made
    again; a cache folder that cannot be written is no cache.
    """
    from ..util.atomic import replacing
    from ..util.folders import cache_dir

    path = cjk_font_path()
    if path is None or not chars:
        return None
    stat = path.stat()
    key = hashlib.sha256(f"{_SUBSET_FORMAT}|{path}|{stat.st_size}|{stat.st_mtime_ns}|{sorted(chars)}".encode()
                         ).hexdigest()[:24]
    folder = cache_dir() / "pdf-fonts"
    for kept in sorted(folder.glob(f"{key}-*.ttf")) if folder.is_dir() else ():
        try:
            data = kept.read_bytes()
            if kept.stem.endswith("-" + hashlib.sha256(data).hexdigest()[:16]):
                os.utime(kept)  # recently used: kept longest
                return data
        except OSError:
            pass
    data = _ttf_subset(chars)
    if data is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with replacing(folder / f"{key}-{hashlib.sha256(data).hexdigest()[:16]}.ttf") as tmp:
            tmp.write_bytes(data)
        kept = sorted(folder.glob("*.ttf"), key=lambda f: f.stat().st_mtime, reverse=True)
        for old in kept[KEPT_SUBSETS:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
    return data


def _texts(figures):
    from matplotlib.text import Text

    return [t for fig in figures for t in fig.findobj(Text) if t.get_text()]


@contextmanager
def truetype_cjk(figures):
    """Set the text of ``figures`` in a TrueType subset of the CJK font (the
    first of the figures' sans-serif fonts) while the block saves them as PDF."""
    import matplotlib
    from matplotlib import font_manager

    chars = {ord(c) for t in _texts(figures) for c in t.get_text()}
    sans = list(matplotlib.rcParams["font.sans-serif"])
    data = _kept_ttf_subset(chars) if chars and CJK_FAMILY in sans else None
    if data is None:
        yield
        return
    folder = Path(tempfile.mkdtemp(prefix="hegang-map-font-"))
    path = folder / f"cjk-{hashlib.sha256(data).hexdigest()[:12]}.ttf"
    path.write_bytes(data)
    font_manager.fontManager.addfont(str(path))
    try:
        with matplotlib.rc_context({"font.sans-serif": [FAMILY if f == CJK_FAMILY else f for f in sans]}):
            yield
    finally:
        # The font is registered for this process; its file goes with the export.
        font_manager.fontManager.ttflist[:] = [f for f in font_manager.fontManager.ttflist if f.fname != str(path)]
        font_manager.fontManager._findfont_cached.cache_clear()
        path.unlink(missing_ok=True)
        folder.rmdir()
