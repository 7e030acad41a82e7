#!/usr/bin/env bash
# Builds AI-Now with warnings as errors and runs every test suite: unit, publisher, artifact
# validation and the end-to-end tests over the real AppHost. Prints "N passed, N failed" last and
# exits non-zero on any failure. Installs what it needs first (idempotently).
set -uo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
configuration=${CONFIGURATION:-Release}
results=$(pwd)/TestResults
rm -rf "$results"

bash eng/install-prerequisites.sh || { echo "0 passed, 1 failed"; exit 1; }

if ! dotnet build AiNow.sln -c "$configuration" -warnaserror -nologo -clp:ErrorsOnly; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
for project in tests/*Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  if ! dotnet test "$project" -c "$configuration" --no-build --nologo \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
      --results-directory "$results" --blame-hang-timeout 25m; then
    status=1
  fi
done

# Totals over every suite, read from the TRX files' counters.
read -r passed failed skipped < <(
  cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*' | awk '
    { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/"/, "", kv[2]); c[kv[1]] += kv[2] } }
    END { printf "%d %d %d\n", c["passed"], c["failed"] + c["error"] + c["timeout"] + c["aborted"], c["notExecuted"] }')

if [ "$passed" -eq 0 ] || { [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; }; then
  # A suite that crashed reports no counters of its own: count it as one failure.
  failed=$((failed + 1))
  status=1
fi
[ "$failed" -gt 0 ] && status=1

echo "$passed passed, $failed failed, $skipped skipped"
exit $status
