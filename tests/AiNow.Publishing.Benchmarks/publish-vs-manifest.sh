#!/usr/bin/env bash
# Times the whole publish (every emitter) of the AppHost against Aspire's own manifest publisher on the
# same AppHost, in the same run, and prints the medians and their ratio, with the two floors under ours: the
# pipeline with no publisher, and the file system creating the same files.
# Usage: tests/AiNow.Publishing.Benchmarks/publish-vs-manifest.sh [runs] (default 5; builds Release first)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
configuration=${CONFIGURATION:-Release}
dotnet build AiNow.AppHost -c "$configuration" -nologo -clp:ErrorsOnly >/dev/null
apphost_dll="$(pwd)/AiNow.AppHost/bin/$configuration/net10.0/AiNow.AppHost.dll"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Milliseconds a command takes; a failing command stops the script.
elapsed_ms() {
  local start end
  start=$(date +%s%N)
  "$@"
  end=$(date +%s%N)
  echo $(((end - start) / 1000000))
}

# Both run the built AppHost the same way (no MSBuild), from its folder as `dotnet run` would.
run_apphost() { (cd AiNow.AppHost && dotnet "$apphost_dll" "$@" >"$scratch/last.log" 2>&1) || { cat "$scratch/last.log" >&2; exit 1; }; }
time_ms() { elapsed_ms run_apphost "$@"; }

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

ours=() manifest=() empty=() copies=()
time_ms --operation publish --step publish --output-path "$scratch/warmup" >/dev/null
for i in $(seq "$runs"); do
  ours+=("$(time_ms --operation publish --step publish --output-path "$scratch/ours-$i")")
  manifest+=("$(time_ms --publisher manifest --output-path "$scratch/manifest-$i/aspire-manifest.json")")
  empty+=("$(time_ms --operation publish --step publish-prereq --output-path "$scratch/empty-$i")")
done

# The file system's share: creating the same files and folders with nothing else to do (a copy of our output).
for i in $(seq "$runs"); do copies+=("$(elapsed_ms cp -r "$scratch/ours-1" "$scratch/copy-$i")"); done

files=$(find "$scratch/ours-1" -type f | wc -l)
ours_median=$(printf '%s\n' "${ours[@]}" | median)
manifest_median=$(printf '%s\n' "${manifest[@]}" | median)
empty_median=$(printf '%s\n' "${empty[@]}" | median)
echo "runs: $runs (alternating, after one warm-up)"
echo "our publish (--step publish, every emitter, $files files): ${ours[*]} ms, median ${ours_median} ms"
echo "aspire --publisher manifest (1 file):           ${manifest[*]} ms, median ${manifest_median} ms"
echo "pipeline alone (--step publish-prereq, no publisher): ${empty[*]} ms, median ${empty_median} ms"
echo "creating the same $files files alone (cp -r of our output): ${copies[*]} ms, median $(printf '%s\n' "${copies[@]}" | median) ms"
awk -v a="$ours_median" -v b="$manifest_median" 'BEGIN { printf "ratio our publish/manifest: %.2f\n", a / b }'
