"""``hegang-map export --lang``: a Chinese figure says everything in Chinese, as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hegang_map.bundled.paths import geodata_dir
from hegang_map.cli import main
from hegang_map.util import i18n

PRICES = geodata_dir() / "city_prices.gpkg"


def _texts(svg) -> list[str]:
    return [t for el in ET.parse(svg).getroot().iter() if el.tag.endswith("text") for t in el.itertext()]


def test_a_chinese_svg_has_a_chinese_legend_unit_scale_north_and_credits(tmp_path):
    out = tmp_path / "prices_zh.svg"
    assert main(["export", str(PRICES), "--layer", "price_annual", "--out", str(out), "--lang", "zh",
                 "--size", "A4-landscape"]) == 0
    texts = _texts(out)
    assert any(t.startswith("二手房挂牌价，元/平方米，") and "自然间断点" in t for t in texts), texts  # legend title
    assert any(t.endswith(" 元/平方米") for t in texts)  # class labels with their unit
    assert any(t.endswith(" 公里") for t in texts)  # scale bar
    assert "北" in texts  # north arrow
    assert any(t.startswith("资料来源：") for t in texts)  # credits
    assert any(t.startswith("投影：") for t in texts)  # projection line
    assert not any("yuan/m²" in t or t.startswith("Sources:") or t == "N" for t in texts)
    # The export's language ends with it: the process speaks as it did before.
    assert i18n.language() == "en"


def test_the_same_export_in_english_stays_english(tmp_path):
    out = tmp_path / "prices_en.svg"
    assert main(["export", str(PRICES), "--layer", "price_annual", "--out", str(out), "--lang", "en"]) == 0
    texts = _texts(out)
    assert "N" in texts and any(t.startswith("Sources: ") for t in texts)
    assert any("yuan/m²" in t for t in texts) and not any("公里" in t or "资料来源" in t for t in texts)


def test_an_export_without_lang_speaks_the_language_chosen_in_the_window(tmp_path, monkeypatch):
    config = tmp_path / "config"
    config.mkdir()
    (config / "hegang-map.ini").write_text("[ui]\nlanguage=zh\n", encoding="utf-8")  # as QSettings writes it
    monkeypatch.setenv("HEGANG_MAP_CONFIG_DIR", str(config))
    out = tmp_path / "prices.svg"
    assert main(["export", str(PRICES), "--layer", "price_annual", "--out", str(out)]) == 0
    assert "北" in _texts(out)


def test_a_message_about_bad_input_is_one_line_in_the_language_asked(tmp_path, capsys):
    bad = tmp_path / "notes.gpkg"
    bad.write_text("hello", encoding="utf-8")
    assert main(["layers", str(bad), "--lang", "zh"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "不是 GeoPackage：它是文本文件" in err
    assert main(["layers", str(bad), "--lang", "en"]) == 3
    assert "not a GeoPackage: it is a text file" in capsys.readouterr().err


def test_help_and_argparse_errors_follow_the_language(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["export", "--help", "--lang", "zh"])
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "选项" in out and "无需显示器" in out
    assert main(["layers", "--bogus", "x", "--lang", "zh"]) == 2
    assert "无法识别的参数：--bogus" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["export", "--help", "--lang", "en"])
    assert capsys.readouterr().out.startswith("usage: ")


def test_the_bundled_story_is_titled_in_the_language_of_the_figure(tmp_path):
    """Its project title is given in both languages, as its scenes' titles are."""
    for lang, title, other in (("zh", "金融边缘上的鹤岗", "Hegang on the financial periphery"),
                               ("en", "Hegang on the financial periphery", "金融边缘上的鹤岗")):
        out = tmp_path / f"story_{lang}.svg"
        assert main(["export", "--out", str(out), "--lang", lang, "--size", "800x600px"]) == 0
        texts = _texts(out)
        assert title in texts and other not in texts, texts


def test_the_classes_of_a_categorized_layer_are_named_in_the_language_of_the_figure(tmp_path):
    """The facility categories and mine statuses are data codes ("hospital", "operating"); the legend names them."""
    welfare = geodata_dir() / "hegang_welfare.gpkg"
    for lang, named, codes in (("zh", {"医院", "公园"}, {"hospital", "park"}), ("en", {"Hospital", "Park"}, set())):
        out = tmp_path / f"facilities_{lang}.svg"
        assert main(["export", str(welfare), "--layer", "facilities", "--out", str(out), "--lang", lang,
                     "--size", "800x600px"]) == 0
        texts = set(_texts(out))
        assert named <= texts and not codes & texts, texts
