#!/usr/bin/env bash
# Measures what each service needs from a pod and writes it to AiNow.AppHost/Publishing/measured-sizing.json, the
# table the publishing tests hold the published memory requests, limits and start-up budgets to:
#   gateway, api, inference, worker: start to ready (process start -> /health answering 200), resident memory after
#   the platform idled 10 s (VmRSS) and its peak (VmHWM) after cached and uncached embeddings through the gateway at
#   16 connections and three batch jobs of the largest size accepted; migrations: start to exit and peak.
# It prints the load's throughput, then the table.
#
# The platform is the one eng/measure-gateway.sh starts (same program, another mode): the AppHost in processes mode,
# Release, Production, telemetry over OTLP/gRPC to a local sink, no orchestrator proxies, loopback only.
#
# Usage: eng/measure-sizing.sh [table-file]    (3 to 8 minutes after the build, most of it the batch jobs; bounded at 15)
set -euo pipefail
cd "$(dirname "$0")/.."
table="${1:-AiNow.AppHost/Publishing/measured-sizing.json}"

exec bash eng/run-platform-benchmark.sh 900 sizing "$table"
