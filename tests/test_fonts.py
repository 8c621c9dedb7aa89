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
