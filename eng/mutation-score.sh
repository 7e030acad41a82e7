#!/usr/bin/env bash
# Mutation score of the code whose tests matter most: Stryker.NET changes that code one small way at a time
# (a condition inverted, a boundary moved, a statement removed) and runs the tests that cover it; a change no
# test notices is a "survivor". Prints each file's score (killed / mutants tested) and names the survivors.
#
#   bash eng/mutation-score.sh              every scope below (about an hour on two cores)
#   bash eng/mutation-score.sh rate-limits  one scope, by name
#
# Each scope runs from its test project with only the tests that exercise the code (a mutant reruns them all),
# against a project that test project references directly (Stryker does not find transitive ones). Reports
# land in artifacts/mutation/<scope>/. The goal is 80% for every file; the script exits non-zero below it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
goal=80

# name | test project | project under mutation | files to mutate (globs, comma-separated) | tests to run
scopes=(
  "principal-signing|tests/AiNow.Contracts.Tests|AiNow.Contracts.csproj|**/PrincipalSigner.cs,**/SignedPrincipalReader.cs,**/ReplayGuard.cs|FullyQualifiedName~Principal|FullyQualifiedName~Replay"
  "key-resolution|tests/AiNow.Api.Tests|AiNow.Api.csproj|**/Keys/KeyResolver.cs|FullyQualifiedName~Key"
  "rate-limits|tests/AiNow.Gateway.Tests|AiNow.Gateway.csproj|**/RateLimiting/FixedWindowRateLimiter.cs,**/RateLimiting/RedisRateLimitCounterStore.cs|FullyQualifiedName~RateLimit"
  "job-store|tests/AiNow.Data.Tests|AiNow.Data.csproj|**/BatchJobStore.cs|FullyQualifiedName~BatchJobStore|FullyQualifiedName~BatchJobRetention"
  "job-lease|tests/AiNow.Worker.Tests|AiNow.Worker.csproj|**/Processing/LeaseHeartbeat.cs,**/Processing/AttemptFailure.cs|FullyQualifiedName~BatchJobProcessor|FullyQualifiedName~AttemptFailure|FullyQualifiedName~CompetingWorkers|FullyQualifiedName~LeaseHeartbeat"
  "usage-durability|tests/AiNow.Api.Tests|AiNow.Api.csproj|**/Usage/UsageWriter.cs,**/Usage/RedisUsageOutbox.cs,**/Usage/UsageOutboxDrainer.cs,**/Usage/PendingUsage.cs|FullyQualifiedName~Usage"
  "shared-cache|tests/AiNow.Api.Tests|AiNow.Api.csproj|**/Caching/RedisSharedCache.cs|FullyQualifiedName~Cache"
  "atomic-writer|tests/AiNow.Publishing.Tests|AiNow.Publishing.csproj|**/Writing/*.cs|FullyQualifiedName~Writer|FullyQualifiedName~OutputSwap"
  "settings-validator|tests/AiNow.Publishing.Tests|AiNow.Publishing.csproj|**/Settings/DeploymentSettingsValidator.cs,**/Settings/*Rules.cs|FullyQualifiedName~SettingsRule|FullyQualifiedName~SettingsValidation"
  "network-policies|tests/AiNow.Publishing.Tests|AiNow.Publishing.csproj|**/Kubernetes/NetworkPolicyRules.cs|FullyQualifiedName~PolicyTests"
)

dotnet tool restore >/dev/null

# Stryker ends each test host without running the fixtures' disposal, so a throwaway PostgreSQL a test started
# (TemporaryPostgres: a data folder under the temp folder named ainow-pg-*) keeps running. After each scope the
# servers it left are stopped and their folders removed; servers that were running before the scope are left alone.
test_postgres_pids() { pgrep -f "postgres -D ${TMPDIR:-/tmp}" | while read -r pid; do
  grep -q "/ainow-pg-" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"; done || true; }
stop_left_postgres() {
  local pid data
  for pid in $(test_postgres_pids); do
    grep -qx "$pid" <<<"$1" && continue
    # The process may have ended since it was listed.
    data=$( { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | sed -n 's/.*-D \([^ ]*\).*/\1/p' || true)
    kill -INT "$pid" 2>/dev/null || continue
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if [ -n "$data" ]; then rm -rf "$(dirname "$data")"; fi
  done
}

selected=("$@")
below=0
ran=0
for scope in "${scopes[@]}"; do
  IFS='|' read -r name tests project mutate filter <<<"$scope"
  if [ ${#selected[@]} -gt 0 ] && [[ ! " ${selected[*]} " =~ " $name " ]]; then
    continue
  fi

  ran=$((ran + 1))
  output="$root/artifacts/mutation/$name"
  rm -rf "$output"
  mkdir -p "$output"
  mutate_args=()
  IFS=',' read -ra globs <<<"$mutate"
  for glob in "${globs[@]}"; do
    mutate_args+=(--mutate "$glob")
  done

  echo "== $name: mutating ${mutate} (tests: ${filter})"
  started=$(date +%s)
  postgres_before=$(test_postgres_pids)
  (cd "$tests" && dotnet stryker --project "$project" "${mutate_args[@]}" --test-case-filter "$filter" \
      --reporter json --reporter cleartext --output "$output" --concurrency 2 >"$output/stryker.log" 2>&1) || {
    stop_left_postgres "$postgres_before"
    echo "Stryker failed for $name; its log: $output/stryker.log" >&2
    tail -20 "$output/stryker.log" >&2
    exit 1
  }
  stop_left_postgres "$postgres_before"
  report=$(find "$output" -name mutation-report.json | head -1)
  [ -n "$report" ] || { echo "Stryker wrote no report for $name ($output/stryker.log)" >&2; exit 1; }
  echo "   $(( $(date +%s) - started )) s"
  node "$root/eng/mutation-report.mjs" "$report" "$goal" || below=$((below + 1))
done

[ "$ran" -gt 0 ] || { echo "No scope named: ${selected[*]}. Scopes: $(printf '%s ' "${scopes[@]%%|*}")" >&2; exit 2; }
if [ "$below" -gt 0 ]; then
  echo "$below of $ran scopes have a file under ${goal}%"
  exit 1
fi
echo "every file of $ran scopes at ${goal}% or more"
