"""Where a line of map text may break: between terms and names, not inside them.

Chinese breaks between any two characters and Latin text at any space, so a
narrow legend or footer cut 自然间断点 into 自然间断/点 and "Natural Earth"
into two lines. Text is first cut into *pieces* at punctuation; a short
piece is a term or a name and stays on one line.
"""

from __future__ import annotations

import re
import unicodedata

#: Where a line breaks best: after Chinese punctuation, after ", " and "; ", after "· " and "— ".
_PIECE_ENDS = re.compile(r"(?<=[，、；：。）])|(?<=[,;] )|(?<=· )|(?<=— )")
#: Most half-em units (a Chinese character counts two) of a piece kept whole.
TERM_UNITS = 32
#: Keeps two characters on one line (Unicode's WORD JOINER).
WORD_JOINER = "\u2060"


def width(text: str) -> int:
    """Half-em units of ``text``: a Chinese character counts two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pieces(text: str) -> list[str]:
    """``text`` cut after its punctuation; joined again, they are ``text``."""
    return [p for p in _PIECE_ENDS.split(text) if p]


def is_term(piece: str, most: float = TERM_UNITS) -> bool:
    """Whether ``piece`` is short enough (at most ``most`` half-ems) to be kept on one line."""
    return width(piece.strip()) <= most


def _wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in "WF"


def joined_terms(text: str, most: float = TERM_UNITS) -> str:
    """``text`` with its short pieces held together for a line breaker that knows
    Unicode's rules (Qt's): no-break spaces for their spaces, a word joiner
    wherever a Chinese character meets another character."""
    out = []
    for piece in pieces(text):
        if not is_term(piece, most):
            out.append(piece)
            continue
        core = piece.strip()
        lead, tail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
        held = [core[0]] if core else []
        for before, c in zip(core, core[1:]):
            if c == " ":
                c = "\u00a0"
            if (_wide(before) or _wide(c)) and before != " ":
                held.append(WORD_JOINER)
            held.append(c)
        out.append(lead + "".join(held) + tail)
    return "".join(out)


#: Chinese units a line must not split, each kept with the number before it.
_UNITS = re.compile(r"[\d.,]*(?:元/平方米|平方米|万元|亿元|公里|千米)|[\d.,]+[元%]")


def held_units(markup: str) -> str:
    """``markup`` (text or Qt rich text) with its units held together, in its text, never inside
    a tag: a number with its Chinese unit (58,091元/平方米, which Qt would break anywhere) and
    the words either side of a slash (yuan/m²)."""
    def hold(text: str) -> str:
        text = _UNITS.sub(lambda m: WORD_JOINER.join(m.group(0)), text)
        return re.sub(r"(?<=\S)/(?=\S)", f"{WORD_JOINER}/{WORD_JOINER}", text).replace(
            WORD_JOINER * 2, WORD_JOINER)

    return "".join(part if part.startswith("<") else hold(part) for part in re.split(r"(<[^>]*>)", markup))
