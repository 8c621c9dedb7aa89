"""Terms and names stay on one line where map text wraps: in Qt's panels and in figures."""

import pytest

from hegang_map.util.line_breaks import WORD_JOINER, joined_terms

TITLE = "二手房挂牌价，元/平方米，2024 — 自然间断点，5\u00a0级"


def _qt_lines(qapp, text: str, width: float) -> list[str]:
    """The lines Qt's own text layout makes of ``text`` in ``width`` pixels (as a word-wrapping QLabel does)."""
    from PySide6.QtGui import QFont, QTextLayout, QTextOption

    layout = QTextLayout(text, QFont("Noto Sans CJK SC", 10))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()].replace(WORD_JOINER, ""))
    layout.endLayout()
    return lines


@pytest.mark.parametrize("width", range(60, 260, 10))
def test_qt_wraps_a_chinese_legend_title_between_its_terms(qapp, width):
    lines = _qt_lines(qapp, joined_terms(TITLE), width)
    assert "".join(lines).replace("\u00a0", " ") == TITLE.replace("\u00a0", " ")
    for term in ("自然间断点", "元/平方米", "二手房挂牌价"):
        assert any(term in line for line in lines), (width, lines)


def test_without_joining_qt_would_cut_a_term(qapp):
    # The case the joiners are for: some width cuts a term of the plain title.
    cut = [w for w in range(60, 260, 10)
           if not all(any(t in line for line in _qt_lines(qapp, TITLE, w)) for t in ("自然间断点", "二手房挂牌价"))]
    assert cut


def test_long_pieces_are_left_to_wrap_and_the_text_is_unchanged_but_for_its_joins():
    long = "很" * 40 + "，" + "Natural Earth (public domain)"
    joined = joined_terms(long)
    assert joined.startswith("很" * 40)  # 80 half-ems: not a term, it may break anywhere
    assert joined.replace(WORD_JOINER, "").replace("\u00a0", " ") == long


CAPTION = "最贵的是北京（58,091元/平方米）和深圳（54,803），the dearest at 58,091 yuan/m² in Beijing"


@pytest.mark.parametrize("width", range(80, 400, 7))
def test_qt_never_breaks_a_number_and_its_unit_in_a_caption(qapp, width):
    from hegang_map.util.line_breaks import held_units

    lines = _qt_lines(qapp, held_units(CAPTION), width)
    assert "".join(lines) == CAPTION
    for unit in ("58,091元/平方米", "yuan/m²"):
        assert any(unit in line for line in lines), (width, lines)


def test_without_holding_qt_breaks_a_caption_inside_a_unit(qapp):
    assert any(not all(any(u in line for line in _qt_lines(qapp, CAPTION, w)) for u in ("元/平方米", "yuan/m²"))
               for w in range(80, 400, 7))


def test_slashes_inside_tags_are_left_alone():
    from hegang_map.util.line_breaks import held_units

    markup = '<a href="http://example.org/a/b">58同城 / 安居客</a><br/>元/平方米'
    held = held_units(markup)
    assert '<a href="http://example.org/a/b">' in held and "<br/>" in held and "58同城 / 安居客" in held
    assert held.replace(WORD_JOINER, "") == markup
