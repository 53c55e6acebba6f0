# Starts a throwaway PostgreSQL cluster on 127.0.0.1 (Debian's packaged server binaries, run as the
# postgres user, data in a temp dir, UTF-8 with the C.UTF-8 locale). Sets PG_URL.

# The first free port from 55432 on (another PostgreSQL may be running on the machine).
free_port() {
  local port
  for port in $(seq 55432 55632); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  return 1
}

start_postgres() {
  local bin
  PG_PORT="${PG_PORT:-$(free_port)}"
  bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
  PG_DATA="$(mktemp -d /tmp/helpdesk-ci-pg.XXXXXX)"
  chown postgres "$PG_DATA"
  su postgres -s /bin/sh -c "'$bin/initdb' -D '$PG_DATA' -E UTF8 --locale=C.UTF-8 -A trust -U postgres" >/dev/null
  su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$PG_DATA' -l '$PG_DATA/log' -w -o \"-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200\" start" >/dev/null
  PG_BIN="$bin"
  PG_URL="postgres://postgres@127.0.0.1:$PG_PORT/postgres"
  echo "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $PG_URL"
}

stop_postgres() {
  [ -n "${PG_DATA:-}" ] || return 0
  su postgres -s /bin/sh -c "'$PG_BIN/pg_ctl' -D '$PG_DATA' -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$PG_DATA"
}
