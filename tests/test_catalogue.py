"""The Chinese catalogue is complete and fresh: every text the code and the
bundled data show is in it, translated, and compiled into the .qm the app loads."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hegang_map.build import catalogue, translations
from hegang_map.bundled.paths import resources_dir

TS = resources_dir() / "i18n" / "hegang_map_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _messages(ts: Path) -> dict[tuple[str, str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {(c.findtext("name") or "", m.findtext("source") or "", m.findtext("comment") or ""): m.find("translation")
            for c in root.findall("context") for m in c.findall("message")}


def test_the_bundled_data_words_are_written_for_the_catalogue():
    assert catalogue.OUT.read_text(encoding="utf-8") == catalogue.render(), (
        "run: python -m hegang_map.build.translations")


def test_the_catalogue_holds_exactly_the_texts_of_the_code(tmp_path):
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    translations.update(fresh)
    assert set(_messages(fresh)) == set(_messages(TS)), "run: python -m hegang_map.build.translations"


def test_every_text_is_translated_with_its_placeholders():
    messages = _messages(TS)
    assert len(messages) > 300
    for (context, source, _comment), translation in messages.items():
        where = f"{context}: {source!r}"
        assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), where
        assert (translation.text or "").strip(), where
        assert sorted(re.findall(r"\{\w+\}", source)) == sorted(re.findall(r"\{\w+\}", translation.text)), where
        # A file dialog reads its patterns only inside ASCII brackets: "PNG 图像 (*.png)".
        for pattern in re.findall(r"\((?:\*[^)]*|\{patterns?\})\)", source):
            assert pattern in translation.text, where
        # A menu text keeps its keyboard accelerator, as Chinese menus write it: "文件(&F)".
        if re.search(r"&\w", source):
            letter = re.search(r"&(\w)", source).group(1).upper()
            assert f"&{letter}" in translation.text.upper(), where


def test_the_compiled_catalogue_is_the_one_the_sources_make(tmp_path):
    fresh = tmp_path / "fresh.qm"
    translations.release(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), "run: python -m hegang_map.build.translations --release"


@pytest.mark.parametrize("context, source, chinese", [
    ("Export", "Sources: {credits}", "资料来源：{credits}"),
    ("Export", "N", "北"),
    ("Styles", "yuan/m²", "元/平方米"),
    ("Page", "km", "公里"),
])
def test_the_catalogue_the_app_loads_answers_in_chinese(context, source, chinese):
    from hegang_map.qt.language import load_translators

    app_catalogue = load_translators("zh")[0]
    comment = "north arrow" if source == "N" else None
    assert app_catalogue.translate(context, source, comment) == chinese


def test_the_catalogue_read_without_qt_answers_as_the_compiled_one():
    from hegang_map.qt.language import load_translators
    from hegang_map.util.i18n import catalogue_lookup

    compiled = load_translators("zh")[0]
    plain = catalogue_lookup(TS)
    for (context, source, comment) in _messages(TS):
        assert plain(context, source, comment or None) == compiled.translate(context, source, comment or None)


@pytest.mark.parametrize("asked, saved, environ, expected", [
    ("en", "zh", {"LANG": "zh_CN.UTF-8"}, "en"),  # --lang first
    (None, "zh", {"LANG": "C.UTF-8"}, "zh"),  # then the choice made in the window
    (None, None, {"LANG": "zh_CN.UTF-8"}, "zh"),  # then the system's locale
    (None, None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    (None, "klingon", {}, "en"),
])
def test_the_language_follows_the_command_line_the_last_choice_then_the_locale(asked, saved, environ, expected):
    from hegang_map.util.i18n import preferred_language

    assert preferred_language(asked, saved, environ) == expected


def test_the_bilingual_table_of_messages_in_the_docs_is_current():
    assert translations.MESSAGES_DOC.read_text(encoding="utf-8") == translations.messages_doc(TS), (
        "run: python -m hegang_map.build.translations")
