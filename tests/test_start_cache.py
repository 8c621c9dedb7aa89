"""What a start keeps for the next: its key, its file, the page HTML; and a window free of heavy imports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hegang_map.qt import start_cache
from hegang_map.qt.start_cache import KeptLayer, KeptStart, load_start, page_html, save_start


@pytest.fixture
def config(tmp_path, monkeypatch):
    """A config folder of the test's own, and no shipped start."""
    monkeypatch.setenv("HEGANG_MAP_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setattr(start_cache, "shipped_dir", lambda: tmp_path / "shipped")
    return tmp_path / "config"


def _kept() -> KeptStart:
    return KeptStart(
        layers=[
            KeptLayer("basemap/land", "land", b"\x01\x02land", {"symbols": [], "classUrl": None}, None, True, 1.0, True),
            KeptLayer("city_prices.gpkg/price_annual", "price_annual", bytes(range(256)) * 3,
                      {"symbols": [{"color": "#440154"}], "classUrl": None, "legend": {"title": "价格 <b>"}},
                      b"\x00\x00\x01\x00", True, 0.8, False),
        ],
        start=[("city_prices.gpkg", "price_annual", True)],
        basemap=["land"],
        attribution="Natural Earth · 中国房价行情",
        focus="city_prices.gpkg/price_annual",
    )


def test_a_kept_start_reads_back_as_it_was_written(config):
    assert load_start() is None  # nothing kept yet
    assert save_start(_kept())
    assert load_start() == _kept()


def test_a_kept_start_of_other_files_or_code_is_not_used(config, tmp_path, monkeypatch):
    data = tmp_path / "geodata"
    data.mkdir()
    (data / "prices.gpkg").write_bytes(b"first")
    monkeypatch.setattr(start_cache, "geodata_dir", lambda: data)
    save_start(_kept())
    assert load_start() == _kept()
    (data / "prices.gpkg").write_bytes(b"second, longer")  # a bundled file changed
    assert load_start() is None


@pytest.mark.parametrize("cut", [0, 7, 60, -1])
def test_a_cut_or_damaged_kept_start_is_not_used(config, cut):
    save_start(_kept())
    path = start_cache.cache_dir() / "start.bin"
    data = path.read_bytes()
    path.write_bytes(data[:cut] if cut >= 0 else data + b"more")
    assert load_start() is None


def test_the_app_ships_a_start_of_its_bundled_files_as_they_are(tmp_path, monkeypatch):
    # The first start after an install draws it; it must be rewritten when the
    # bundled files, the styles, the page script or the payload format change:
    #     python -m hegang_map.build.start
    from hegang_map.io.bundled import start_layers

    monkeypatch.setenv("HEGANG_MAP_CONFIG_DIR", str(tmp_path / "config"))  # nothing kept by a user
    kept = load_start()
    assert kept is not None and kept.shipped, "resources/start/ is stale: run python -m hegang_map.build.start"
    assert kept.start == [(b.path.name, b.layer, b.visible) for b in start_layers()]
    assert {k.name for k in kept.layers if k.basemap} == set(kept.basemap)
    assert page_html() == (start_cache.shipped_dir() / "page.html").read_text(encoding="utf-8").split("\n", 1)[1]


def test_a_chinese_first_start_draws_a_start_worded_in_chinese(tmp_path, monkeypatch):
    from hegang_map.bundled.paths import catalogue_path
    from hegang_map.util import i18n

    monkeypatch.setenv("HEGANG_MAP_CONFIG_DIR", str(tmp_path / "config"))
    with i18n.speaking("zh", i18n.catalogue_lookup(catalogue_path("zh", compiled=False))):
        kept = load_start()
    assert kept is not None and kept.shipped, "resources/start/ is stale: run python -m hegang_map.build.start"
    titles = [k.style["legend"]["title"] for k in kept.layers if not k.basemap and k.style.get("legend")]
    assert any("元/平方米" in t for t in titles) and "资料来源" not in kept.attribution
    assert "公有领域" in kept.attribution


def test_the_page_html_is_built_once_then_read_back(config, monkeypatch):
    import hegang_map.render.page as page

    html = page_html()
    assert "hgmap://app/static/page.js" in html

    def no_build(*_args, **_kwargs):
        raise AssertionError("built again")

    monkeypatch.setattr(page, "build_page", no_build)
    assert page_html() == html
    (start_cache.cache_dir() / "page.html").write_text("<!-- hegang-map another key -->\nold", encoding="utf-8")
    with pytest.raises(AssertionError, match="built again"):
        page_html()


def test_the_window_modules_import_without_geopandas_pandas_shapely_or_folium():
    # About a second of imports the window does not wait for (it draws the last start meanwhile).
    code = ("import sys, hegang_map.qt.main_window, hegang_map.qt.run; "
            "print(sorted(m for m in ('geopandas', 'pandas', 'shapely', 'pyproj', 'folium', 'pyogrio', 'pyarrow',"
            " 'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"


def test_the_shipped_start_words_its_legends_as_the_code_words_them_now(tmp_path, monkeypatch):
    # The start's key holds the bundled files and the page's scripts, not the
    # code that words a legend: a legend worded otherwise now would make the
    # first start replace every layer it drew (seconds later).
    from hegang_map.io import read_layer
    from hegang_map.io.styles import default_style
    from hegang_map.model.request import LayerRequest
    from hegang_map.model.symbology import resolve

    monkeypatch.setenv("HEGANG_MAP_CONFIG_DIR", str(tmp_path / "config"))
    kept = load_start()
    assert kept is not None and kept.shipped
    checked = 0
    for k in kept.layers:
        if k.basemap or not k.style.get("legend"):
            continue
        file, layer = k.key.split("/", 1)
        path = start_cache.geodata_dir() / file
        style = default_style(path, layer)
        if style is None:
            continue  # drawn in a colour of the window's own cycle: not worded differently
        made = LayerRequest(path, layer).with_style(style).make(read_layer(path, layer))
        legend = resolve(made.data, made.style, made.display_name).legend.to_dict()
        assert json.loads(json.dumps(legend)) == k.style["legend"], (
            f"{k.key}: the shipped start's legend is stale: run python -m hegang_map.build.start")
        checked += 1
    assert checked >= 3
