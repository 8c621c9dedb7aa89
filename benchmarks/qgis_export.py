"""QGIS's layout export of the same figure as ``hegang-map export``: the peer row of ``export.py``.

Run with Debian's Python (``/usr/bin/python3``, packages ``qgis`` and
``python3-qgis``)::

    /usr/bin/python3 benchmarks/qgis_export.py OUT.png --crs "+proj=aea ..." \
        --dpi 300 FILE.gpkg [FILE.gpkg ...]

An A4 portrait layout with one map item over the page inside 10 mm
margins, a legend and a scale bar, in the CRS and over the lon/lat frame the
app's export chose (its sidecar's ``crs``) over the layers' extent, with the
app's basemap layers under them when ``--basemap`` names its file, each layer in
QGIS's default symbol (a 0.26 mm outline, as the app's one pixel). The map
is rendered as a layout exports it (no simplification, antialiased). Prints
one JSON line: seconds to import and start QGIS, to open the layers, to
export, and the process's peak resident memory.
"""

import argparse
import json
import resource
import time

from qgis.PyQt.QtCore import QRectF

T0 = time.perf_counter()

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform,  # noqa: E402
                       QgsLayoutExporter, QgsLayoutItemLegend, QgsLayoutItemMap, QgsLayoutItemPage,
                       QgsLayoutItemScaleBar, QgsLayoutPoint, QgsLayoutSize, QgsPrintLayout, QgsProject,
                       QgsRectangle, QgsUnitTypes, QgsVectorLayer)

#: The app's basemap layers, bottom first.
BASEMAP_LAYERS = ("land", "lakes", "rivers", "coastline", "province_lines", "country_borders")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("files", nargs="+")
    parser.add_argument("--crs", required=True, help="the map's CRS (PROJ string or EPSG:n)")
    parser.add_argument("--extent", type=float, nargs=4, metavar=("W", "S", "E", "N"),
                        help="the frame in longitude/latitude (default: the layers' extent, as the app's)")
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--basemap", help="a GeoPackage whose layers (the app's bundled basemap) go under the files")
    args = parser.parse_args()

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    t_start = time.perf_counter()

    project = QgsProject.instance()
    under = []
    if args.basemap:  # bottom first, as the app draws it
        for name in BASEMAP_LAYERS:
            layer = QgsVectorLayer(f"{args.basemap}|layername={name}", name, "ogr")
            if layer.isValid():
                project.addMapLayer(layer)
                under.append(layer)
    layers = []
    for path in args.files:
        layer = QgsVectorLayer(path, path.rsplit("/", 1)[-1].rsplit(".", 1)[0], "ogr")
        if not layer.isValid():
            raise SystemExit(f"QGIS cannot open {path}")
        project.addMapLayer(layer)
        layers.append(layer)
    crs = QgsCoordinateReferenceSystem(args.crs) if args.crs.startswith("EPSG:") else \
        QgsCoordinateReferenceSystem.fromProj(args.crs)
    project.setCrs(crs)
    t_open = time.perf_counter()

    layout = QgsPrintLayout(project)
    layout.initializeDefaults()
    layout.pageCollection().page(0).setPageSize("A4", QgsLayoutItemPage.Portrait)
    mm = QgsUnitTypes.LayoutMillimeters
    item = QgsLayoutItemMap(layout)
    item.setCrs(crs)
    if args.extent:
        wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
        box = QgsCoordinateTransform(wgs84, crs, project).transformBoundingBox(QgsRectangle(*args.extent))
    else:
        box = QgsRectangle()
        for layer in layers:
            box.combineExtentWith(QgsCoordinateTransform(layer.crs(), crs, project).transformBoundingBox(layer.extent()))
    item.setLayers(list(reversed(under + layers)))
    item.setFrameEnabled(True)
    layout.addLayoutItem(item)
    item.attemptSetSceneRect(QRectF(10, 20, 190, 257))
    item.zoomToExtent(box)  # keeps the item's size (setExtent would resize it to the extent's shape)
    legend = QgsLayoutItemLegend(layout)
    legend.setLinkedMap(item)
    layout.addLayoutItem(legend)
    legend.attemptMove(QgsLayoutPoint(14, 24, mm))
    bar = QgsLayoutItemScaleBar(layout)
    bar.setStyle("Single Box")
    bar.setLinkedMap(item)
    bar.applyDefaultSize()
    layout.addLayoutItem(bar)
    bar.attemptMove(QgsLayoutPoint(14, 260, mm))

    exporter = QgsLayoutExporter(layout)
    if args.out.lower().endswith(".pdf"):
        settings = QgsLayoutExporter.PdfExportSettings()
        settings.dpi = args.dpi
        result = exporter.exportToPdf(args.out, settings)
    else:
        settings = QgsLayoutExporter.ImageExportSettings()
        settings.dpi = args.dpi
        result = exporter.exportToImage(args.out, settings)
    t_export = time.perf_counter()
    if result != QgsLayoutExporter.Success:
        raise SystemExit(f"QGIS export failed ({result})")
    print(json.dumps({"start_s": t_start - T0, "open_s": t_open - t_start, "export_s": t_export - t_open,
                      "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    app.exitQgis()


if __name__ == "__main__":
    main()
