#!/usr/bin/env bash
# Runs one mode of benchmarks/AiNow.GatewayBenchmark against the platform it starts (eng/measure-gateway.sh,
# eng/measure-sizing.sh), bounded in time, and stops everything the run started whatever happens.
#
# Usage: eng/run-platform-benchmark.sh <seconds-allowed> <mode> [mode arguments...]
#   The program gets: <mode> <work-directory> <data-directory> [mode arguments...]
set -euo pipefail
cd "$(dirname "$0")/.."
allowed=$1
mode=$2
shift 2

# PostgreSQL server binaries are all the platform needs beyond the SDK (Garnet is built from this repository).
if ! command -v initdb >/dev/null 2>&1 && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  bash eng/install-prerequisites.sh
fi

dotnet build benchmarks/AiNow.GatewayBenchmark -c Release -warnaserror -nologo -clp:ErrorsOnly >&2

work=$(mktemp -d -t "ainow-$mode-XXXXXX")
# Not created here: PostgreSQL runs as its own account and needs to reach it; the AppHost makes it with the right modes.
data="${TMPDIR:-/tmp}/ainow-$mode-data-$$"
measure_pid=""

stop_everything() {
  # The measurement stops what it started; this is for when it could not (interrupted, killed, out of time).
  if [ -n "$measure_pid" ] && kill "$measure_pid" 2>/dev/null; then
    for _ in $(seq 40); do kill -0 "$measure_pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$measure_pid" 2>/dev/null || true
  fi
  if [ -f "$work/pids" ]; then
    while read -r pid; do kill -9 "$pid" 2>/dev/null || true; done <"$work/pids"
  fi
  rm -rf "$work" "$data"
}
trap stop_everything EXIT

assembly=$(ls -t benchmarks/AiNow.GatewayBenchmark/bin/Release/*/AiNow.GatewayBenchmark.dll | head -1)
# Bounded: stopped (SIGTERM, which stops the platform cleanly) when the time allowed is up, killed 30 s later.
timeout --kill-after=30 "$allowed" dotnet "$assembly" "$mode" "$work" "$data" "$@" &
measure_pid=$!
status=0
wait "$measure_pid" || status=$?
measure_pid=""
exit "$status"
