#!/usr/bin/env bash
# A throwaway PostgreSQL + PostGIS cluster on 127.0.0.1 for the tests.
#
#   eval "$(.ci/postgres.sh start)"    # installs the Debian packages when missing;
#                                      # prints the exports the tests read
#   .ci/postgres.sh stop "$HEGANG_MAP_TEST_POSTGRES_DIR"
#
# initdb refuses to run as root, so as root the cluster runs as the postgres
# user. Password authentication (scram) on loopback only: the tests check
# wrong passwords too. The password is in a pgpass file of the cluster's.
set -euo pipefail
cmd=${1:-start}

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }

if [ "$cmd" = start ]; then
  if [ -z "$(bindir)" ] || ! ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        postgresql postgresql-postgis) >/dev/null 2>&1 || { echo "echo 'postgres.sh: could not install PostgreSQL and PostGIS' >&2"; exit 1; }
    else
      echo "echo 'postgres.sh: PostgreSQL with PostGIS is not installed' >&2"; exit 1
    fi
  fi
  bin=$(bindir)
  dir=$(mktemp -d /tmp/hegang-pg.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  password=hegang-test-$RANDOM$RANDOM
  printf '%s\n' "$password" > "$dir/pw" && chmod 644 "$dir/pw"
  as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth-host=scram-sha-256 --auth-local=trust \
    --pwfile="$dir/pw" --no-sync -E UTF8 --locale=C >/dev/null
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null
  as_pg "$bin/psql" -q -h "$dir" -p "$port" -U postgres -c "CREATE DATABASE hegang_test" >/dev/null
  as_pg "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d hegang_test -c "CREATE EXTENSION postgis" >/dev/null
  umask 077
  printf '127.0.0.1:%s:*:postgres:%s\n' "$port" "$password" > "$dir/pgpass.conf"
  [ "$(id -u)" = 0 ] && chown "$(id -u)" "$dir/pgpass.conf"
  echo "export HEGANG_MAP_TEST_POSTGRES='postgresql://postgres@127.0.0.1:$port/hegang_test'" \
       "HEGANG_MAP_TEST_POSTGRES_DIR='$dir' HEGANG_MAP_TEST_PGPASS='$dir/pgpass.conf'"
elif [ "$cmd" = stop ]; then
  dir=${2:-}
  [ -n "$dir" ] && [ -d "$dir" ] || exit 0
  bin=$(bindir)
  as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
fi
