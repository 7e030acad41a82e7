#!/usr/bin/env bash
# Prints the request path's throughput and latency against its floors, measured in one run on loopback:
#   (a) a bare ASP.NET Core minimal endpoint answering with the gateway's cached embeddings answer (same bytes),
#   (b) a bare YARP proxy in front of (a): the floor of any gateway hop,
#   (c) POST /v1/embeddings through the gateway with a tenant's key, the same input each time (the api's cache),
#   (d) the same with distinct inputs, so that every request reaches inference,
# at 1, 4, 16 and 64 connections (2 s warm-up, then 5 s measured each), then where the CPU went in (c) and (d)
# at 16 connections, and last `gateway cached/bare proxy: X`, (c)/(b) throughput at 16 connections.
#
# The platform is started by the AppHost in processes mode, through the same launcher as the integration tests,
# rather than each service dll by hand: the AppHost stays the one place that knows what every service is given
# (connection strings, keys, service discovery), so this cannot drift from it. What would make that unlike a
# deployment is changed: the dashboard is off (nothing receives telemetry but a sink), the orchestrator's proxies
# are taken out of the path (a cluster's Service adds no user-space hop), the services run in Production and
# export as published in manifests/ (OTLP/gRPC, 15 s metrics, in-memory retry) to a local OTLP/gRPC receiver that
# reads and discards every export. Everything is built and run in Release.
#
# Usage: eng/measure-gateway.sh       (about 3 minutes after the build; bounded at 10)
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL server binaries are all the platform needs beyond the SDK (Garnet is built from this repository).
if ! command -v initdb >/dev/null 2>&1 && ! compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; then
  bash eng/install-prerequisites.sh
fi

dotnet build benchmarks/AiNow.GatewayBenchmark -c Release -warnaserror -nologo -clp:ErrorsOnly >&2

work=$(mktemp -d -t ainow-gateway-XXXXXX)
# Not created here: PostgreSQL runs as its own account and needs to reach it; the AppHost makes it with the right modes.
data="${TMPDIR:-/tmp}/ainow-gateway-data-$$"
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
# Bounded: stopped (SIGTERM, which stops the platform cleanly) after 10 minutes, killed 30 s later.
timeout --kill-after=30 600 dotnet "$assembly" measure "$work" "$data" &
measure_pid=$!
status=0
wait "$measure_pid" || status=$?
measure_pid=""
exit "$status"
