"""Write ``resources/ramps.json`` (matplotlib's lookup tables of the app's ramps): ``python -m hegang_map.build.ramps``."""

from __future__ import annotations

import json

from hegang_map.bundled.paths import resources_dir
from hegang_map.model.ramps import TABLE_FILE, make_tables

if __name__ == "__main__":
    (resources_dir() / TABLE_FILE).write_text(json.dumps(make_tables(), separators=(",", ":")) + "\n",
                                              encoding="utf-8")
