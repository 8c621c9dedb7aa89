"""The CJK font that travels with the install."""

import subprocess
import sys

from hegang_map.bundled.fonts import cjk_font_path


def test_the_bundled_cjk_font_is_found_without_importing_matplotlib():
    path = cjk_font_path()
    assert path is not None and path.name == "NotoSansCJKsc-Regular.otf" and path.stat().st_size > 1_000_000
    # mplfonts' own import pulls in matplotlib, which the window does not need at start.
    code = "import sys; from hegang_map.bundled.fonts import cjk_font_path; cjk_font_path(); print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_a_web_map_of_names_the_font_cannot_draw_carries_no_empty_font(tmp_path):
    import re

    import geopandas as gpd
    from shapely.geometry import Point

    from hegang_map.io.project import state_from_files

    path = tmp_path / "emoji.gpkg"
    gpd.GeoDataFrame({"name": ["\U0001f600\u2028\ufffd"]}, geometry=[Point(130.3, 47.3)], crs=4326).to_file(path)
    from hegang_map.render.webmap import export_webmap

    state = state_from_files([path])
    state.basemap = "none"
    export_webmap(state, tmp_path / "m.html", title="\U0001f600")
    html = (tmp_path / "m.html").read_text("utf-8")
    # The page names the system's CJK font instead of embedding a font with no characters.
    assert not re.search(r"url\(data:font/otf", html)

    from hegang_map.render.static import font_subset

    from fontTools.ttLib import TTFont
    import io

    assert font_subset("\U0001f600\u2028") is None
    assert set(TTFont(io.BytesIO(font_subset("鹤岗\U0001f600"))).getBestCmap()) == {ord("鹤"), ord("岗")}
