"""Write the start the app ships (``resources/start/``): ``python -m hegang_map.build.start``.

Run it after changing the bundled data, the styles, the page's scripts
(``resources/web/*.js``), the ramps table or the payload format (a test says when it is stale).
"""

from __future__ import annotations

from hegang_map.qt.start_cache import ship

if __name__ == "__main__":
    print(f"wrote {ship()}")
