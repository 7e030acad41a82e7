#!/usr/bin/env bash
# Runs PostgreSQL from the machine's binaries in the foreground, for the AppHost's "processes" mode.
# Inputs (environment): PGPORT, AINOW_PG_BIN, AINOW_PG_DATA, AINOW_PG_PASSWORD, AINOW_PG_DATABASES.
# The password arrives by environment, never as an argument, so it shows in no process list or log.
set -euo pipefail
# Aspire shows stderr lines as errors; PostgreSQL logs everything there.
exec 2>&1

: "${PGPORT:?PGPORT is not set}" "${AINOW_PG_BIN:?}" "${AINOW_PG_DATA:?}" "${AINOW_PG_PASSWORD:?}"
export PATH="$AINOW_PG_BIN:$PATH"
data="$AINOW_PG_DATA"

# PostgreSQL refuses to run as root: drop to the postgres account when started as root. A prefix
# rather than a function, so the server started in the background is our direct child (setpriv execs).
as_server_user=()
if [ "$(id -u)" = 0 ]; then as_server_user=(setpriv --reuid=postgres --regid=postgres --init-groups --); fi

# PostgreSQL refuses a data folder that others can open (initdb creates it 0700): create it that way,
# and tighten one left wider by hand or by an older run.
mkdir -p -m 700 "$data"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data"; fi
chmod 700 "$data"
if ! "${as_server_user[@]}" test -w "$data"; then
  echo "The postgres account cannot reach $data: a parent folder is closed to it. Make the parents traversable" \
    "(chmod o+x) or choose another LocalInfrastructure:DataDirectory."
  exit 1
fi

# Only a server on OUR data folder is ever stopped, never one found by name. The postmaster changes
# into its data folder at start, so a process is that server when it is a postgres working there.
# Prints the folder a postgres process works in (nothing for any other process); fails when /proc
# cannot tell (the process is gone, or belongs to a user we may not inspect).
postgres_folder_of() {
  local name
  name=$(cat "/proc/$1/comm" 2>/dev/null) || return 1
  if [ "$name" = postgres ]; then readlink "/proc/$1/cwd" 2>/dev/null || return 1; fi
}
data_real=$(cd "$data" && pwd -P)
serves_our_data() { [ "$(postgres_folder_of "$1")" = "$data_real" ]; }

# A server left over from a run that was killed (no trap runs on SIGKILL) still holds the data folder.
# Its postmaster.pid may also outlive it (a crash, a reboot) naming a PID since given to another process:
# that process is left alone and the stale file removed, as PostgreSQL takes any live PID in it for a
# running server and refuses to start. When /proc cannot tell, PostgreSQL's own checks decide.
lock="$data/postmaster.pid"
leftover=$(head -n 1 "$lock" 2>/dev/null || true)
if [[ "$leftover" =~ ^[0-9]+$ ]] && leftover_folder=$(postgres_folder_of "$leftover"); then
  if [ "$leftover_folder" = "$data_real" ]; then
    echo "stopping a PostgreSQL (pid $leftover) left running on $data by an earlier run"
    kill -INT "$leftover" 2>/dev/null || true
    for _ in $(seq 1 100); do serves_our_data "$leftover" || break; sleep 0.1; done
    if serves_our_data "$leftover"; then
      echo "The PostgreSQL (pid $leftover) left running on $data did not stop within 10 s. Stop it" \
        "(kill -INT $leftover) and start again."
      exit 1
    fi
  else
    echo "postmaster.pid in $data names pid $leftover, which is not a PostgreSQL on this data folder:" \
      "removing that stale file and leaving the process alone"
    rm -f "$lock"
  fi
fi

if [ ! -s "$data/PG_VERSION" ]; then
  echo "initialising a new cluster in $data"
  "${as_server_user[@]}" initdb --pgdata="$data" --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 >/dev/null
fi

# The socket lives in a private folder: local connections are trusted, so nobody else may reach it.
socket_dir=$(mktemp -d /tmp/ainow-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$socket_dir"; fi
chmod 700 "$socket_dir"

"${as_server_user[@]}" postgres -D "$data" -p "$PGPORT" -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories="$socket_dir" -c logging_collector=off &
server=$!

# Our server is signalled only while it is still our running child: once it has exited, its PID is free
# for the system to give to an unrelated process.
server_running() { jobs -rp | grep -x "$server" >/dev/null; }

stop_server() {
  if server_running; then kill -INT "$server" 2>/dev/null || true; fi
  wait "$server" 2>/dev/null || true
  rm -rf "$socket_dir"
}
trap stop_server EXIT
trap 'exit 0' INT TERM

for _ in $(seq 1 300); do
  pg_isready -q -h "$socket_dir" -p "$PGPORT" && break
  server_running || { echo "PostgreSQL exited during start-up"; exit 1; }
  sleep 0.1
done

# The password is (re)set on every start so a changed parameter never locks the services out.
"${as_server_user[@]}" psql -q -h "$socket_dir" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<'SQL'
\getenv password AINOW_PG_PASSWORD
ALTER ROLE postgres PASSWORD :'password';
SQL

for database in ${AINOW_PG_DATABASES:-}; do
  "${as_server_user[@]}" psql -q -h "$socket_dir" -p "$PGPORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -v name="$database" <<'SQL'
SELECT format('CREATE DATABASE %I', :'name') WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'name')
\gexec
SQL
done

echo "PostgreSQL is ready on 127.0.0.1:$PGPORT"
wait "$server"
