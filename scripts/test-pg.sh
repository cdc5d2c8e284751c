#!/usr/bin/env bash
# Runs the test suite against a throw-away PostgreSQL cluster: initdb into a temporary folder,
# pg_ctl start on a loopback port, `vitest run` with IGHUB_TEST_DATABASE_URL set, stop and delete
# the cluster at the end (also on failure or Ctrl-C). PostgreSQL's server binaries are found by
# scripts/test-tools.mjs (IGHUB_TEST_PG_BIN, Debian's /usr/lib/postgresql/*/bin, initdb on PATH),
# which installs Debian's postgresql when they are missing and it can (Debian, root), and otherwise
# says in one line what to install. Extra arguments go to vitest, e.g. `npm run test:pg -- test/db/import`.
set -euo pipefail
cd "$(dirname "$0")/.."

bin="$(node scripts/test-tools.mjs postgres)" || exit 2
port="${IGHUB_TEST_PG_PORT:-55433}"
dir="$(mktemp -d /tmp/ighub-pg.XXXXXX)"
# initdb refuses to run as root: the cluster then belongs to the postgres system user.
as() { "$@"; }
if [ "$(id -u)" = 0 ]; then
  id -u postgres >/dev/null 2>&1 || { echo "test-pg: initdb refuses to run as root and there is no postgres user to run it as; run as another user, or create one (Debian's postgresql package does)" >&2; rm -rf "$dir"; exit 2; }
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
