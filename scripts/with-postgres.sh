#!/usr/bin/env bash
# Run a command with DATABASE_URL pointing at a PostgreSQL server:
#   1. TEST_DATABASE_URL if set;
#   2. else a server answering on 127.0.0.1:5432 (user postgres, trust auth);
#   3. else a throwaway cluster started from the installed server binaries, stopped afterwards.
# Fails (never skips) when no PostgreSQL can be had.
set -euo pipefail

if [[ -n "${TEST_DATABASE_URL:-}" ]]; then
  export DATABASE_URL="$TEST_DATABASE_URL"
  exec "$@"
fi

answers() { # host port
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$1" -p "$2" -t 3
  else
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
  fi
}

if [[ -z "${FORCE_THROWAWAY_PG:-}" ]] && answers 127.0.0.1 5432; then
  export DATABASE_URL="postgres://postgres@127.0.0.1:5432/postgres"
  exec "$@"
fi

bindir=""
for candidate in "$(dirname "$(command -v pg_ctl 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
  if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then bindir="$candidate"; fi
done
if [[ -z "$bindir" ]]; then
  echo "with-postgres: no PostgreSQL server answers on 127.0.0.1:5432 and no initdb/pg_ctl is installed." >&2
  echo "Install PostgreSQL (e.g. apt-get install postgresql) or set TEST_DATABASE_URL." >&2
  exit 1
fi

workdir="$(mktemp -d /tmp/frontoffice-pg.XXXXXX)"
port="${THROWAWAY_PG_PORT:-55432}"
as_pg=()
if [[ "$(id -u)" == "0" ]]; then
  chown postgres "$workdir" 2>/dev/null || { id postgres >/dev/null 2>&1 || useradd -r -m postgres; chown postgres "$workdir"; }
  as_pg=(runuser -u postgres --)
fi
cleanup() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT
echo "with-postgres: starting a throwaway cluster from $bindir on port $port" >&2
"${as_pg[@]}" "$bindir/initdb" -D "$workdir/data" -U postgres -A trust --no-sync -E UTF8 >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/log" -w \
  -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
"$@"
