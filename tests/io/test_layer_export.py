"""Export Layer To: new files and PostGIS tables, whole or not at all; GeoParquet read back."""

from __future__ import annotations

import geopandas as gpd
import pytest
from shapely.geometry import Point, Polygon

from hegang_map.io import DataError, list_layers, read_layer
from hegang_map.io.layer_export import TableExists, export_layer
from hegang_map.model.sources import PgTable, parse_postgres


@pytest.fixture
def parcels():
    return gpd.GeoDataFrame(
        {"use": ["housing", "<b>mine</b>", None], "area_ha": [1.5, 2.0, None], "year": [2014, 2016, 2019]},
        geometry=[Polygon([(0, 0), (1, 0), (1, 1)]).buffer(0).buffer(0), Point(3, 3).buffer(1), Point(5, 5).buffer(1)],
        crs=32652)


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet", ".geojson", ".fgb"])
def test_a_layer_written_to_a_file_reads_back_the_same(tmp_path, parcels, suffix):
    out = tmp_path / f"parcels{suffix}"
    export_layer(parcels, out, "parcels")
    back = read_layer(out)
    assert len(back) == 3 and back.crs.to_epsg() == 32652
    assert sorted(back["use"].fillna("-")) == ["-", "<b>mine</b>", "housing"]  # FlatGeobuf orders by place
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temp file left


def test_geoparquet_is_listed_and_read_by_its_content_with_its_bbox_covering(tmp_path, parcels):
    out = tmp_path / "p.parquet"
    export_layer(parcels, out, "parcels")
    (info,) = list_layers(out)
    assert (info.name, info.feature_count, info.crs) == ("p", 3, "EPSG:32652")
    assert "bbox" not in read_layer(out).columns
    renamed = tmp_path / "p.data"
    renamed.write_bytes(out.read_bytes())
    assert len(read_layer(renamed)) == 3


def test_a_parquet_file_without_geoparquet_metadata_is_refused(tmp_path):
    import pandas as pd

    path = tmp_path / "plain.parquet"
    pd.DataFrame({"a": [1, 2]}).to_parquet(path)
    with pytest.raises(DataError, match="without GeoParquet metadata"):
        read_layer(path)
    damaged = tmp_path / "cut.parquet"
    damaged.write_bytes(b"PAR1" + b"\x00" * 40)
    with pytest.raises(DataError, match="not a complete Parquet file"):
        list_layers(damaged)


def test_a_layer_becomes_a_postgis_table_with_crs_index_and_types(postgis_url, parcels):
    import adbc_driver_postgresql.dbapi as pg

    conninfo = parse_postgres(postgis_url)[0]
    table = PgTable(conninfo, "planning", 'new "parcels"; --')
    export_layer(parcels, table, table.table, replace=True)
    back = read_layer(table)
    assert len(back) == 3 and back.crs.to_epsg() == 32652 and list(back["year"]) == [2014, 2016, 2019]
    with pg.connect(postgis_url) as conn:
        cur = conn.cursor()
        cur.execute("SELECT type, srid FROM geometry_columns WHERE f_table_name = $1", (table.table,))
        assert cur.fetchall() == [("POLYGON", 32652)]
        cur.execute("SELECT count(*) FROM pg_indexes WHERE tablename = $1 AND indexdef LIKE '%gist%'", (table.table,))
        assert cur.fetchone()[0] == 1
        cur.close()
    # Never over an existing table unless asked; asked, replaced whole.
    with pytest.raises(TableExists, match="already on"):
        export_layer(parcels.iloc[:1], table, table.table)
    assert len(read_layer(table)) == 3
    export_layer(parcels.iloc[:1], table, table.table, replace=True)
    assert len(read_layer(table)) == 1


def test_a_failed_postgis_write_leaves_nothing_behind(postgis_url, parcels):
    conninfo = parse_postgres(postgis_url)[0]
    table = PgTable(conninfo, "no_such_schema", "parcels")
    with pytest.raises(DataError) as err:
        export_layer(parcels, table, "parcels")
    assert "Traceback" not in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(DataError):
        read_layer(table)


def test_a_large_geoparquet_file_hands_out_its_covering_boxes_first_with_progress_and_cancel(tmp_path):
    import numpy as np
    import shapely

    from hegang_map.io import ReadCancelled

    rng = np.random.default_rng(2)
    x, y = rng.uniform(120, 130, 3000), rng.uniform(40, 48, 3000)
    geoms = list(shapely.box(x, y, x + 0.1, y + 0.05))
    geoms[5] = None
    frame = gpd.GeoDataFrame({"n": np.arange(3000)}, geometry=geoms, crs=4326)
    covered, bare = tmp_path / "covered.parquet", tmp_path / "bare.parquet"
    frame.to_parquet(covered, write_covering_bbox=True)
    frame.to_parquet(bare)
    given, seen = [], []
    data = read_layer(covered, boxes_read=given.append, boxes_from=1000, progress=lambda d, t: seen.append((d, t)))
    assert len(data) == 3000 and list(data["n"]) == list(range(3000)) and data.geometry.values[5] is None
    (read,) = given
    assert list(read.rows) == [i for i in range(3000) if i != 5]
    np.testing.assert_allclose(read.boxes, shapely.bounds(data.geometry.values[read.rows]))
    assert all(shapely.equals(read.decode(read.rows[:3]), data.geometry.values[read.rows[:3]]))
    assert seen[-1] == (3000, 3000) and seen[0][0] <= 1500  # half way once read, the rest decoding
    # Without a covering, or below the size, no boxes: the file is read all the same.
    given.clear()
    assert len(read_layer(bare, boxes_read=given.append, boxes_from=1000)) == 3000
    assert len(read_layer(covered, boxes_read=given.append, boxes_from=3001)) == 3000
    assert given == []
    with pytest.raises(ReadCancelled):
        read_layer(covered, cancelled=lambda: True)
