#!/usr/bin/env bash
# A throw-away local PostgreSQL server for the tests: `.ci/postgres.sh start DIR` initialises and starts
# one in DIR (listening only on a Unix socket in DIR, trust authentication, no TCP port), prints the
# TEST_DATABASE_URL to use; `.ci/postgres.sh stop DIR` stops it. The server refuses to run as root, so
# as root it runs as the `postgres` user (created if missing).
set -euo pipefail

action=${1:?usage: postgres.sh start|stop DIR}
dir=${2:?usage: postgres.sh start|stop DIR}

bindir=${PG_BINDIR:-}
if [ -z "$bindir" ]; then
  for candidate in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
    if [ -x "$candidate/initdb" ]; then bindir=$candidate; break; fi
  done
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "postgres.sh: no PostgreSQL server binaries (initdb) under /usr/lib/postgresql/*/bin;" \
       "install them, e.g. apt-get install postgresql-15 (or postgresql)" >&2
  exit 3
fi

as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    as_server_user "$bindir/initdb" --pgdata="$dir/data" --auth=trust --username=ankle \
      --encoding=UTF8 --no-instructions >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_server_user "$bindir/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent \
      -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c max_connections=200" start \
      || { cat "$dir/server.log" >&2; exit 1; }
    as_server_user "$bindir/createdb" --host="$dir" --username=ankle ankle_test
    echo "postgresql://ankle@/ankle_test?host=$dir"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_server_user "$bindir/pg_ctl" --pgdata="$dir/data" --mode=fast --wait --silent stop
    fi
    ;;
  *)
    echo "usage: postgres.sh start|stop DIR" >&2
    exit 2
    ;;
esac
