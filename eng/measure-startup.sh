#!/usr/bin/env bash
# Prints the time from AppHost start to every resource healthy (processes mode) and this machine's
# floor for the same work measured in the same run, as a ratio. Usage: eng/measure-startup.sh [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
bash eng/install-prerequisites.sh
dotnet build benchmarks/AiNow.StartupBenchmark -c Release -nologo -clp:ErrorsOnly
dotnet run --project benchmarks/AiNow.StartupBenchmark -c Release --no-build -- "${1:-3}"
