#!/usr/bin/env bash
# Runs the test suite against a throw-away PostgreSQL cluster: initdb into a temporary folder,
# pg_ctl start on a loopback port, `vitest run` with IGHUB_TEST_DATABASE_URL set, stop and delete
# the cluster at the end (also on failure or Ctrl-C). Needs Debian's postgresql package
# (.ci/run installs it). Extra arguments go to vitest, e.g. `npm run test:pg -- test/db/import`.
set -euo pipefail
cd "$(dirname "$0")/.."

bin=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && bin="$d"; done
if [ -z "$bin" ]; then
  echo "test-pg: PostgreSQL server binaries not found (expected /usr/lib/postgresql/*/bin/initdb); install Debian's postgresql package" >&2
  exit 2
fi
port="${IGHUB_TEST_PG_PORT:-55433}"
dir="$(mktemp -d /tmp/ighub-pg.XXXXXX)"
# initdb refuses to run as root: the cluster then belongs to the postgres system user.
as() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  chown postgres "$dir"
  as() { runuser -u postgres -- "$@"; }
fi
stop() {
  as "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT INT TERM
as "$bin/initdb" -D "$dir/data" -U hub --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
# Loopback only, no Unix socket outside the folder; fsync off: the cluster is deleted afterwards.
as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c max_connections=200" start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
echo "test-pg: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (cluster in $dir)"
export IGHUB_TEST_DATABASE_URL="postgres://hub@127.0.0.1:$port/postgres"
npx vitest run "$@"
