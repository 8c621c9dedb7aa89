"""Files that would make GDAL reach out or write, and a loopback listener to hear it.

Each case is a file a user could be handed: a virtual dataset under a
GeoJSON name, GML that fetches its schema, a GeoJSON whose CRS is a link, a
GeoPackage whose view calls GDAL's SQL functions ... Each points at the
``listener``'s address, so a request GDAL makes is heard; each is read by
:mod:`tests.io.test_reading_stays_home` and by the CLI and window tests.
"""

from __future__ import annotations

import http.server
import json
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


class Listener:
    """A loopback HTTP server that records every request it hears."""

    def __init__(self) -> None:
        heard = self.heard = []
        body = json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"secret": "from the network"},
             "geometry": {"type": "Point", "coordinates": [130.3, 47.3]}}]}).encode()

        class Handler(http.server.BaseHTTPRequestHandler):
            def _answer(self, with_body: bool) -> None:
                heard.append(f"{self.command} {self.path}")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if with_body:
                    self.wfile.write(body)

            def do_GET(self):  # noqa: N802 (http.server API)
                self._answer(True)

            def do_HEAD(self):  # noqa: N802 (http.server API)
                self._answer(False)

            def do_POST(self):  # noqa: N802 (http.server API)
                self._answer(True)

            def log_message(self, *_args):
                pass

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[Path, str], Path]  # (folder, listener url) -> the file to open
    refused: tuple[str, ...]  # words of the refusal (empty: the file reads, without reaching out)
    what: str


def _vrt_passwd(folder: Path, url: str) -> Path:
    p = folder / "share.geojson"
    p.write_text('<OGRVRTDataSource><OGRVRTLayer name="passwd"><SrcDataSource>CSV:/etc/passwd</SrcDataSource>'
                 "</OGRVRTLayer></OGRVRTDataSource>")
    return p


def _vrt_curl(folder: Path, url: str) -> Path:
    p = folder / "remote.vrt"
    p.write_text(f'<OGRVRTDataSource><OGRVRTLayer name="r"><SrcDataSource>/vsicurl/{url}/r.geojson'
                 "</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>")
    return p


def _gml_schema(folder: Path, url: str) -> Path:
    p = folder / "plan.gml"
    p.write_text(f'<?xml version="1.0"?><wfs:FeatureCollection xmlns:wfs="http://www.opengis.net/wfs" '
                 f'xmlns:gml="http://www.opengis.net/gml" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                 f'xsi:schemaLocation="http://x {url}/wfs?SERVICE=WFS&amp;REQUEST=DescribeFeatureType">'
                 '<gml:featureMember><x:a xmlns:x="http://x"><x:g><gml:Point><gml:coordinates>130,47'
                 "</gml:coordinates></gml:Point></x:g></x:a></gml:featureMember></wfs:FeatureCollection>")
    return p


def _pipeline(folder: Path, url: str) -> Path:
    p = folder / "steps.geojson"
    p.write_text(json.dumps({"type": "gdal_streamed_alg",
                             "command_line": f"gdal vector pipeline ! read /vsicurl/{url}/p.geojson"}))
    return p


def _crs_link(folder: Path, url: str) -> Path:
    p = folder / "linked.geojson"
    p.write_text(json.dumps({"type": "FeatureCollection",
                             "crs": {"type": "link", "properties": {"href": f"{url}/crs.wkt", "type": "ogcwkt"}},
                             "features": [{"type": "Feature", "properties": {"name": "a"},
                                           "geometry": {"type": "Point", "coordinates": [130.3, 47.3]}}]}))
    return p


def _gpkg_view(folder: Path, url: str) -> Path:
    import geopandas as gpd
    from shapely.geometry import Point

    p = folder / "views.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(130.3, 47.3)], crs=4326).to_file(p, layer="ok", driver="GPKG")
    con = sqlite3.connect(p)
    with con:
        con.execute(f"CREATE VIEW fetch AS SELECT fid, geom, ogr_geocode('{url}/geocode') AS name FROM ok")
        con.execute(f"CREATE VIEW layers AS SELECT * FROM ogr_datasource_load_layers('/vsicurl/{url}/v.geojson')")
        for view in ("fetch", "layers"):
            con.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, srs_id) "
                        "VALUES (?, 'features', ?, 4326)", (view, view))
            con.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', 'POINT', 4326, 0, 0)", (view,))
    con.close()
    return p


def _wal_gpkg(folder: Path, url: str) -> Path:
    import geopandas as gpd
    from shapely.geometry import Point

    p = folder / "wal.gpkg"
    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(130.3, 47.3)], crs=4326).to_file(p, layer="ok", driver="GPKG")
    con = sqlite3.connect(p)
    con.execute("PRAGMA journal_mode=WAL")
    con.close()
    return p


def _bang_path(folder: Path, url: str) -> Path:
    # Written as text: pyogrio's writer, too, would take "a!b" for a path in an archive.
    p = folder / "a!b.geojson"
    p.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "a"}, "geometry": {"type": "Point", "coordinates": [130, 47]}}]}))
    (folder / "b.geojson").write_text("not this one")
    return p


def _shx(folder: Path, url: str) -> Path:
    import geopandas as gpd
    from shapely.geometry import Point

    gpd.GeoDataFrame({"name": ["a"]}, geometry=[Point(130.3, 47.3)], crs=4326).to_file(folder / "pts.shp")
    return folder / "pts.shx"


def _zip_named_geojson(folder: Path, url: str) -> Path:
    import zipfile

    p = folder / "zipped.geojson"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("inner.vrt", f"<OGRVRTDataSource><OGRVRTLayer name='r'><SrcDataSource>/vsicurl/{url}/z"
                                "</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>")
    return p


CASES = {c.name: c for c in [
    Case("vrt_passwd", _vrt_passwd, ("virtual dataset",), "A GDAL virtual dataset named .geojson that reads /etc/passwd"),
    Case("vrt_curl", _vrt_curl, ("virtual dataset",), "A virtual dataset whose source is a URL"),
    Case("gml_schema", _gml_schema, ("gml",), "GML whose schema is on a WFS server (GDAL would also write a .gfs)"),
    Case("pipeline", _pipeline, ("pipeline",), "A GDAL pipeline (.gdalg) named .geojson"),
    Case("crs_link", _crs_link, (), "GeoJSON whose CRS is a link to fetch"),
    Case("gpkg_view", _gpkg_view, ("steal data",), "A GeoPackage whose views call GDAL's SQL functions on a URL"),
    Case("wal_gpkg", _wal_gpkg, (), "A GeoPackage in WAL mode (SQLite would write -wal and -shm files)"),
    Case("bang_path", _bang_path, ("!",), "A file whose name holds '!' (GDAL would read another file)"),
    Case("shx", _shx, ("open the .shp",), "A Shapefile's index (.shx) opened instead of the .shp"),
    Case("zip_named_geojson", _zip_named_geojson, ("zip",), "A ZIP archive named .geojson"),
]}


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file of ``folder`` and its content, to show that reading wrote nothing."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
