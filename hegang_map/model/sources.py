"""Where a layer's data lives besides files: tables of a PostGIS database.

A PostGIS layer is named as libpq names a database, with the table after
``#``: ``postgresql://USER@HOST:PORT/DB#SCHEMA.TABLE``, or by a service of
``pg_service.conf``: ``postgresql:///?service=NAME#SCHEMA.TABLE``. Schema
and table are SQL identifiers: a name holding a dot or a quote is written
in double quotes (``#"my schema"."a.b"``). A password is never part of the
name kept: given in the address, it is taken out (the reader keeps it for
the session only, :mod:`hegang_map.io.postgis`).
"""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..util.i18n import translate

#: The address schemes libpq takes.
SCHEMES = ("postgresql", "postgres")
#: Query parameters of an address that are kept (the rest could change how the server is reached or what runs).
KEPT_PARAMETERS = ("service", "sslmode")
_IDENT = r'(?:"(?:[^"]|"")+"|[^."]+)'
_QUALIFIED = re.compile(rf"({_IDENT})(?:\.({_IDENT}))?")


def is_postgres(value: Any) -> bool:
    """Whether ``value`` names a PostGIS database or table rather than a file."""
    if isinstance(value, PgTable):
        return True
    return isinstance(value, str) and value.split("://", 1)[0].lower() in SCHEMES and "://" in value


def quote_ident(name: str) -> str:
    """``name`` as an SQL identifier in double quotes (quotes doubled): any text is just a name."""
    return '"' + name.replace('"', '""') + '"'


def _unquote(part: str) -> str:
    return part[1:-1].replace('""', '"') if part.startswith('"') else part


def _plain(name: str) -> str:
    """A name as written after ``#``: bare when that reads back the same."""
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_$]*", name) and name == name.lower() else quote_ident(name)


@dataclass(frozen=True)
class PgTable:
    """A table or view of a PostGIS database, as a layer's source.

    Attributes
    ----------
    conninfo : str
        The database's address without password or table (see module).
    schema, table : str
        The table's schema and name, as the server spells them.
    """

    conninfo: str
    schema: str = "public"
    table: str = ""

    @property
    def uri(self) -> str:
        """The whole address: ``conninfo#schema.table``."""
        return f"{self.conninfo}#{_plain(self.schema)}.{_plain(self.table)}"

    @property
    def server(self) -> str:
        """The database as people name it: ``user@host:port/db`` or ``service NAME``."""
        parts = urllib.parse.urlsplit(self.conninfo)
        service = dict(urllib.parse.parse_qsl(parts.query)).get("service")
        if service and not parts.hostname:
            return f"service {service}"
        user = f"{urllib.parse.unquote(parts.username)}@" if parts.username else ""
        port = f":{parts.port}" if parts.port else ""
        return f"{user}{parts.hostname or 'localhost'}{port}{parts.path}"

    @property
    def name(self) -> str:
        """What the map calls it by default: the table's name."""
        return self.table

    @property
    def stem(self) -> str:
        """As a file's stem: the table's name."""
        return self.table

    @property
    def qualified(self) -> str:
        """``"schema"."table"`` for SQL."""
        return f"{quote_ident(self.schema)}.{quote_ident(self.table)}"

    def __str__(self) -> str:
        return self.uri


def parse_postgres(text: str) -> tuple[str, PgTable | None, str | None]:
    """Split a PostGIS address into (conninfo, table or None, password or None).

    Raises
    ------
    ValueError
        Not a PostgreSQL address, or a table part that is no schema.table name.
    """
    if not is_postgres(text):
        raise ValueError(translate("Messages", "not a PostgreSQL address: {value}").format(value=repr(text[:80])))
    address, _, fragment = text.partition("#")
    parts = urllib.parse.urlsplit(address)
    password = urllib.parse.unquote(parts.password) if parts.password is not None else None
    netloc = parts.hostname or ""
    if netloc and ":" in netloc:  # an IPv6 address
        netloc = f"[{netloc}]"
    if parts.username:
        netloc = f"{urllib.parse.quote(urllib.parse.unquote(parts.username), safe='')}@{netloc}"
    if parts.port:
        netloc += f":{parts.port}"
    query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query) if k in KEPT_PARAMETERS]
    encoded = urllib.parse.urlencode(query)
    conninfo = f"postgresql://{netloc}{parts.path or '/'}" + (f"?{encoded}" if encoded else "")
    if not (parts.path.strip("/") or any(k == "service" for k, _v in query)):
        raise ValueError(translate("Messages", "a PostgreSQL address names its database "
                                               "(postgresql://USER@HOST:PORT/DB) or a service "
                                               "(postgresql:///?service=NAME)"))
    if not fragment:
        return conninfo, None, password
    m = _QUALIFIED.fullmatch(urllib.parse.unquote(fragment))
    if not m:
        raise ValueError(translate("Messages", "#{fragment} is not SCHEMA.TABLE").format(fragment=fragment[:80]))
    schema, table = (m.group(1), m.group(2)) if m.group(2) else ("public", m.group(1))
    return conninfo, PgTable(conninfo, _unquote(schema), _unquote(table)), password


def source_of(value: Any) -> Path | PgTable:
    """A stored layer source as a file path or a PostGIS table."""
    if isinstance(value, (Path, PgTable)):
        return value
    if is_postgres(value):
        _conninfo, table, _password = parse_postgres(value)
        if table is None:
            raise ValueError(translate("Messages", "{value} names a database, not a table (add #SCHEMA.TABLE)").format(
                value=value[:80]))
        return table
    return Path(value)
