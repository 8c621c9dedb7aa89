"""The test tables of the PostGIS database: plain, hostile names, no geometry, another schema."""

from __future__ import annotations

import adbc_driver_postgresql.dbapi as pg

#: A table whose name is made to break SQL, a shell and HTML: it must be just a name.
HOSTILE = 'pts"; DROP TABLE cities; --<b>x</b>'

STATEMENTS = [
    "DROP SCHEMA IF EXISTS planning CASCADE",
    "CREATE SCHEMA planning",
    "DROP TABLE IF EXISTS cities, parcels, notes CASCADE",
    f'DROP TABLE IF EXISTS "{HOSTILE.replace(chr(34), chr(34) * 2)}"',
    "CREATE TABLE cities (id serial PRIMARY KEY, name_zh text, name_en text, price double precision, "
    "year integer, tags text[], geom geometry(Point, 4326))",
    "INSERT INTO cities (name_zh, name_en, price, year, tags, geom) VALUES "
    "('鹤岗市', 'Hegang', 2285, 2024, ARRAY['shrinking'], ST_SetSRID(ST_MakePoint(130.30, 47.35), 4326)), "
    "('北京市', 'Beijing', 63000, 2024, NULL, ST_SetSRID(ST_MakePoint(116.40, 39.90), 4326)), "
    "('上海市', 'Shanghai', 61000, 2024, NULL, ST_SetSRID(ST_MakePoint(121.47, 31.23), 4326))",
    "CREATE TABLE planning.parcels (id serial PRIMARY KEY, use text, geom geometry(Polygon, 32652))",
    "INSERT INTO planning.parcels (use, geom) VALUES "
    "('housing', ST_GeomFromText('POLYGON((600000 5240000, 601000 5240000, 601000 5241000, 600000 5241000, "
    "600000 5240000))', 32652))",
    "CREATE TABLE notes (id serial PRIMARY KEY, body text)",
    f'CREATE TABLE "{HOSTILE.replace(chr(34), chr(34) * 2)}" (id serial PRIMARY KEY, '
    '"<img src=x onerror=alert(1)>" text, geom geometry(Point, 4326))',
    f'INSERT INTO "{HOSTILE.replace(chr(34), chr(34) * 2)}" ("<img src=x onerror=alert(1)>", geom) VALUES '
    "('<script>alert(1)</script>', ST_SetSRID(ST_MakePoint(130.3, 47.3), 4326))",
    "ANALYZE",
]


def execute(url: str, *statements: str) -> None:
    """Run ``statements`` on the database at ``url`` as another user of it would, and commit."""
    with pg.connect(url) as conn:
        cur = conn.cursor()
        for sql in statements:
            cur.execute(sql)
        conn.commit()
        cur.close()


def load_tables(url: str) -> None:
    execute(url, *STATEMENTS)
