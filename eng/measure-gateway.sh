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

exec bash eng/run-platform-benchmark.sh 600 measure
