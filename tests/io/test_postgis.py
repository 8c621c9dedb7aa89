"""PostGIS tables as layer sources: listed and read as files are, names just names,
faults one message naming the connection, the password never shown."""

from __future__ import annotations

import time

import pytest
from postgis_tables import HOSTILE, execute

from hegang_map.io import DataError, list_layers, read_layer
from hegang_map.io import postgis
from hegang_map.model.sources import PgTable, parse_postgres


def test_the_database_lists_its_geometry_tables_with_type_crs_rows_and_fields(postgis_url):
    infos = {i.name: i for i in list_layers(postgis_url)}
    assert {"public.cities", "planning.parcels"} <= set(infos) and "public.notes" not in infos
    cities = infos["public.cities"]
    assert (cities.geometry_type, cities.crs, cities.feature_count) == ("Point", "EPSG:4326", 3)
    assert ("name_zh", "text") in cities.fields and ("price", "double precision") in cities.fields
    assert infos["planning.parcels"].crs == "EPSG:32652"


def test_a_table_reads_as_a_layer_in_its_own_crs_with_its_attributes(postgis_url):
    cities = read_layer(postgis_url + "#cities")
    assert sorted(cities["name_en"]) == ["Beijing", "Hegang", "Shanghai"]
    assert cities.crs.to_epsg() == 4326 and cities.geometry.geom_type.unique().tolist() == ["Point"]
    assert cities.loc[cities["name_en"] == "Hegang", "tags"].iloc[0] == "{shrinking}"  # an array, as its text
    parcels = read_layer(postgis_url + "#planning.parcels")
    assert parcels.crs.to_epsg() == 32652 and parcels.geometry.iloc[0].area == pytest.approx(1e6)


def test_a_table_named_to_break_sql_is_just_a_name(postgis_url):
    table = PgTable(parse_postgres(postgis_url)[0], "public", HOSTILE)
    assert parse_postgres(table.uri)[1] == table  # the address carries the name whole
    data = read_layer(table)
    assert list(data["<img src=x onerror=alert(1)>"]) == ["<script>alert(1)</script>"]
    assert "cities" in {i.name.split(".")[-1] for i in list_layers(postgis_url)}  # nothing was dropped


def test_a_table_that_is_not_there_or_has_no_geometry_is_one_message(postgis_url):
    with pytest.raises(DataError, match="has no table public.nowhere"):
        read_layer(postgis_url + "#nowhere")
    with pytest.raises(DataError, match="no geometry column"):
        read_layer(postgis_url + "#notes")


def test_a_wrong_password_asks_for_one_and_never_shows_it(postgis_url, monkeypatch, tmp_path):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    conninfo = parse_postgres(postgis_url)[0]
    with pytest.raises(postgis.PasswordNeeded) as err:
        postgis.list_tables(conninfo)
    assert "wants a password" in str(err.value)
    secret = "s3cret-Pa55;DROP"
    postgis.remember_password(conninfo, secret)
    try:
        with pytest.raises(postgis.PasswordNeeded) as err:
            read_layer(postgis_url + "#cities")
        assert secret not in str(err.value) and "password authentication failed" in str(err.value)
    finally:
        postgis.forget_password(conninfo)
    # A password given in the address is used, kept for the session, and not part of the layer's address.
    right = open(__import__("os").environ["HEGANG_MAP_TEST_PGPASS"]).read().strip().rsplit(":", 1)[1]
    with_password = postgis_url.replace("postgres@", f"postgres:{right}@") + "#cities"
    data = read_layer(with_password)
    assert len(data) == 3
    postgis.forget_password(conninfo)


def test_a_server_that_is_down_is_one_message_naming_it_within_seconds():
    started = time.monotonic()
    with pytest.raises(DataError) as err:
        read_layer("postgresql://alice@127.0.0.1:9/plans#parcels")
    assert time.monotonic() - started < 15
    message = str(err.value)
    assert "alice@127.0.0.1:9/plans" in message and "cannot be reached" in message and "\n" not in message


def test_a_statement_that_runs_too_long_is_stopped(postgis_url, monkeypatch):
    import adbc_driver_postgresql.dbapi as pg

    with pg.connect(postgis_url) as conn:
        cur = conn.cursor()
        cur.execute("CREATE OR REPLACE VIEW slow AS SELECT pg_sleep(5)::text AS t, geom FROM cities")
        conn.commit()
        cur.close()
    monkeypatch.setattr(postgis, "STATEMENT_SECONDS", 1)
    started = time.monotonic()
    with pytest.raises(DataError, match="took more than 1 s and was stopped"):
        postgis.read_table(postgis.table_of(postgis_url + "#slow"))
    assert time.monotonic() - started < 4


def test_reading_is_read_only(postgis_url):
    import adbc_driver_postgresql.dbapi as pg

    with postgis.connect(parse_postgres(postgis_url)[0]) as conn:
        cur = conn.cursor()
        with pytest.raises(Exception, match="read-only"):
            cur.execute("DELETE FROM cities")
        cur.close()
    with pg.connect(postgis_url) as conn:
        cur = conn.cursor()
        cur.execute("SELECT count(*) FROM cities")
        assert cur.fetchone()[0] == 3
        cur.close()


def test_a_read_reports_progress_and_stops_when_cancelled(postgis_url):
    from hegang_map.io import ReadCancelled

    seen = []
    data = read_layer(postgis_url + "#cities", progress=lambda rows, total: seen.append((rows, total)))
    assert len(data) == 3 and seen and seen[-1][0] == 3
    with pytest.raises(ReadCancelled):
        read_layer(postgis_url + "#cities", cancelled=lambda: True)


def test_a_large_polygon_table_hands_out_its_boxes_before_its_shapes(postgis_url):
    import numpy as np
    import shapely

    # Squares and two-part shapes in UTM, a null and an empty geometry among them;
    # the view gives the rows in another order and has no row estimate.
    execute(postgis_url, "DROP TABLE IF EXISTS lots CASCADE",
             "CREATE TABLE lots (id serial PRIMARY KEY, n integer, geom geometry(MultiPolygon, 32652))",
             "INSERT INTO lots (n, geom) SELECT i, CASE WHEN i = 7 THEN NULL "
             "WHEN i = 11 THEN 'SRID=32652;MULTIPOLYGON EMPTY'::geometry "
             "ELSE ST_Multi(ST_Union(ST_MakeEnvelope(600000 + i * 50, 5240000, 600030 + i * 50, 5240000 + i, 32652), "
             "ST_MakeEnvelope(600000, 5230000 - i, 600010, 5230000, 32652))) END FROM generate_series(1, 400) i",
             "ANALYZE lots",
             "CREATE VIEW lots_backwards AS SELECT * FROM lots ORDER BY n DESC")
    for name in ("lots", "lots_backwards"):
        given = []
        data = read_layer(f"{postgis_url}#{name}", boxes_read=given.append, boxes_from=100)
        assert len(data) == 400 and len(given) == 1
        read = given[0]
        # Every row with a shape, by its position in what was read; its box is the shape's.
        assert list(read.rows) == [i for i in range(400) if data["n"].iloc[i] not in (7, 11)]
        np.testing.assert_allclose(read.boxes, shapely.bounds(data.geometry.values[read.rows]))
        assert read.geometry_type == "MultiPolygon" and read.crs.to_epsg() == 32652
        assert list(read.attributes["n"]) == list(data["n"])
        some = read.rows[[0, 5, -1]]
        assert all(shapely.equals(read.decode(some), data.geometry.values[some]))
    # Below the size that needs it, the read gives no boxes.
    given = []
    read_layer(f"{postgis_url}#lots", boxes_read=given.append, boxes_from=401)
    assert given == []


def test_a_point_table_hands_out_its_coordinates_before_its_points(postgis_url):
    import numpy as np

    given = []
    data = read_layer(postgis_url + "#cities", points_read=lambda xy, attributes, crs: given.append((xy, attributes, crs)))
    assert len(given) == 1
    xy, attributes, crs = given[0]
    np.testing.assert_array_equal(xy, np.column_stack([data.geometry.x, data.geometry.y]))
    assert list(attributes["name_en"]) == list(data["name_en"]) and crs.to_epsg() == 4326


def test_a_table_is_read_in_the_same_order_every_time(postgis_url):
    """Features are named by their position (a selection, a scene's rings): by the key, else where they lie."""
    execute(postgis_url, "DROP TABLE IF EXISTS keyed, unkeyed CASCADE",
            "CREATE TABLE keyed (id integer PRIMARY KEY, geom geometry(Point, 4326))",
            "CREATE TABLE unkeyed (id integer, geom geometry(Point, 4326))",
            # Written in an order the key does not follow; then one row moved to the end of the heap.
            "INSERT INTO keyed SELECT i, ST_MakePoint(i, 0) FROM generate_series(20, 1, -1) i",
            "INSERT INTO unkeyed SELECT i, ST_MakePoint(i, 0) FROM generate_series(20, 1, -1) i",
            "UPDATE keyed SET geom = ST_MakePoint(100, 0) WHERE id = 1",
            "UPDATE unkeyed SET geom = ST_MakePoint(100, 0) WHERE id = 20")
    assert list(read_layer(f"{postgis_url}#keyed")["id"]) == list(range(1, 21))
    # Without a key, where the rows lie: the updated row now lies last.
    assert list(read_layer(f"{postgis_url}#unkeyed")["id"]) == list(range(19, 0, -1)) + [20]


def test_a_table_too_large_for_the_free_memory_is_refused_before_its_rows_come(postgis_url, monkeypatch):
    from hegang_map.io import memory

    execute(postgis_url, "DROP TABLE IF EXISTS parcels CASCADE",
            "CREATE TABLE parcels (id integer PRIMARY KEY, geom geometry(Polygon, 4326))",
            "INSERT INTO parcels SELECT i, ST_MakeEnvelope(i, 0, i + 0.5, 0.5, 4326) FROM generate_series(1, 300) i",
            "ANALYZE parcels")
    monkeypatch.setattr(memory, "WEIGH_FROM", 1)
    monkeypatch.setattr(memory, "available_bytes", lambda: 10_000)
    rows = []
    with pytest.raises(DataError) as err:
        read_layer(f"{postgis_url}#parcels", progress=lambda done, total: rows.append(done))
    assert rows == [] and "parcels" in str(err.value) and "300 features" in str(err.value)
