"""QGIS's side of ``identify_table.py``: identify and the attribute table's first page.

Run with the system Python that has ``qgis.core`` (Debian's ``python3-qgis``)::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 benchmarks/qgis_identify.py JOB.json

``JOB.json``: ``{"path": FILE or postgresql://…#schema.table, "points": [[lon, lat], …],
"radius": DEGREES}``. Prints one JSON line:

- ``open_ms``: the layer opened (``QgsVectorLayer``);
- ``identify_ms``: per point, what QGIS's Identify tool asks of the layer:
  the features whose boxes meet a square of its search radius around the
  click (``setFilterRect``, exact intersection), every attribute read;
- ``table_ms``: the attribute table's model over a feature cache
  (``QgsVectorLayerCache`` + ``QgsAttributeTableModel.loadLayer``), the
  model QGIS's attribute table dialog fills before it shows its first page;
  ``table_rows``: the rows it holds then.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def main() -> int:
    from qgis.core import QgsApplication, QgsFeatureRequest, QgsRectangle, QgsVectorLayer, QgsVectorLayerCache
    from qgis.gui import QgsAttributeTableModel

    from qgis_frame import _postgres_layer

    job = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    app = QgsApplication([], True)
    app.initQgis()
    t0 = time.perf_counter()
    path = job["path"]
    layer = _postgres_layer(path) if path.startswith("postgresql://") else QgsVectorLayer(path, Path(path).stem, "ogr")
    if not layer.isValid():
        print(json.dumps({"error": f"QGIS cannot open {path}"}))
        return 1
    open_ms = (time.perf_counter() - t0) * 1000
    r = float(job["radius"])
    identify, hits = [], []
    for lon, lat in job["points"]:
        t = time.perf_counter()
        request = QgsFeatureRequest().setFilterRect(QgsRectangle(lon - r, lat - r, lon + r, lat + r))
        request.setFlags(QgsFeatureRequest.ExactIntersect)
        found = [f.attributes() for f in layer.getFeatures(request)]
        identify.append((time.perf_counter() - t) * 1000)
        hits.append(len(found))
    t = time.perf_counter()
    cache = QgsVectorLayerCache(layer, 10000)
    model = QgsAttributeTableModel(cache)
    model.loadLayer()
    table_ms = (time.perf_counter() - t) * 1000
    print(json.dumps({"open_ms": open_ms, "identify_ms": identify, "hits": hits, "table_ms": table_ms,
                      "table_rows": model.rowCount()}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
