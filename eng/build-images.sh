#!/usr/bin/env bash
# Builds every service's production image (services/<Service>/Dockerfile, the repository as context)
# with podman, then prints each image's size and its app layer (the published service on top of the
# base), and prunes the untagged build stages the builds leave behind (1.2-1.4 GB each).
#
#   eng/build-images.sh                      # all five services
#   eng/build-images.sh gateway inference    # some of them
#
# Settings (environment):
#   VERSION        image tag and org.opencontainers.image.version (default: the AppHost's ImageTag)
#   REVISION       org.opencontainers.image.revision (default: git HEAD, "-dirty" when the tree has changes)
#   SOURCE         org.opencontainers.image.source (default: git remote "origin", else "unknown")
#   IMAGE_PREFIX   image name prefix (default localhost/ainow): images are $IMAGE_PREFIX/<service>:$VERSION
#   PULL           podman build --pull policy (default never: no registry is reachable here; base images
#                  come from eng/container-base-images.sh)
#   KEEP_BUILD_CACHE=1   skip the prune (keeps the build stages, so the next build reuses them; the NuGet
#                        packages are kept either way, in the ainow-nuget cache mount)
#
# Alpine: the Dockerfiles of gateway, api, worker and migrations default to
# mcr.microsoft.com/dotnet/runtime-deps:10.0-alpine with RID linux-musl-x64 (self-contained, trimmed). When that image is not present
# (no registry here, and no Alpine stand-in can be built), this script first builds each of those
# Dockerfiles' build stage with linux-musl-x64 (proving the musl restore and publish), then builds the
# image with BASE=$ALPINE_FALLBACK_BASE (default mcr.microsoft.com/dotnet/runtime-deps:10.0, a Debian stand-in)
# and RID=linux-x64, and says so. That run proves the Dockerfile, the user, ports and the read-only
# settings, not musl at run time nor the Alpine base's size.
set -euo pipefail
cd "$(dirname "$0")/.."

all_services=(gateway api worker migrations inference)
services=("$@")
[ ${#services[@]} -gt 0 ] || services=("${all_services[@]}")

default_version=$(sed -n 's/.*ImageTag = "\([^"]*\)".*/\1/p' AiNow.AppHost/Publishing/DeploymentTargets.cs 2>/dev/null | head -1)
VERSION=${VERSION:-${default_version:-0.0.0-dev}}
if [ -z "${REVISION:-}" ]; then
  REVISION=$(git rev-parse HEAD 2>/dev/null || echo unknown)
  if [ "$REVISION" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    REVISION="$REVISION-dirty"
  fi
fi
SOURCE=${SOURCE:-$(git remote get-url origin 2>/dev/null || echo unknown)}
IMAGE_PREFIX=${IMAGE_PREFIX:-localhost/ainow}
PULL=${PULL:-never}
ALPINE_FALLBACK_BASE=${ALPINE_FALLBACK_BASE:-mcr.microsoft.com/dotnet/runtime-deps:10.0}

log() { printf '[build-images] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

command -v podman >/dev/null 2>&1 || die "podman is missing: run eng/container-base-images.sh first (it installs podman and the base images)"

project_of() {
  case $1 in
    gateway) echo AiNow.Gateway ;; api) echo AiNow.Api ;; worker) echo AiNow.Worker ;;
    migrations) echo AiNow.Migrations ;; inference) echo AiNow.Inference ;;
    *) die "unknown service '$1' (one of: ${all_services[*]})" ;;
  esac
}

# The ARG default a Dockerfile gives before its first FROM.
arg_default() { sed -n "s/^ARG $2=\(.*\)$/\1/p" "$1" | head -1; }

build_log_dir=$(mktemp -d)
trap 'rm -rf "$build_log_dir"' EXIT

podman_build() { # podman_build LOGNAME ARGS...: runs podman build, shows the log's tail on failure
  local name=$1
  shift
  podman build --pull="$PULL" "$@" >"$build_log_dir/$name.log" 2>&1 \
    || { tail -40 "$build_log_dir/$name.log" >&2; die "podman build failed ($name): podman build $*"; }
}

log "version $VERSION, revision $REVISION, source $SOURCE"
results=()
notes=()
total_started=$SECONDS
for service in "${services[@]}"; do
  project=$(project_of "$service")
  dockerfile="services/$project/Dockerfile"
  [ -f "$dockerfile" ] || die "$dockerfile is missing"
  image="$IMAGE_PREFIX/$service:$VERSION"
  base=$(arg_default "$dockerfile" BASE)
  rid=$(arg_default "$dockerfile" RID)
  sdk=$(arg_default "$dockerfile" SDK_IMAGE)
  podman image exists "$sdk" || [ "$PULL" != never ] \
    || die "$sdk is not present and PULL=never: run eng/container-base-images.sh"
  extra=()

  if ! podman image exists "$base" && [ "$PULL" = never ]; then
    case $base in
      *alpine*)
        started=$SECONDS
        podman_build "$service-musl-publish" -f "$dockerfile" --target build --build-arg "RID=$rid" \
          --build-arg "VERSION=$VERSION" --build-arg "REVISION=$REVISION" .
        notes+=("$service: the $rid publish (build stage) succeeded in $((SECONDS - started)) s; the image runs on $ALPINE_FALLBACK_BASE with RID linux-x64 because $base cannot be had here: musl at run time and the Alpine base's size are not proved")
        extra=(--build-arg "BASE=$ALPINE_FALLBACK_BASE" --build-arg RID=linux-x64)
        base=$ALPINE_FALLBACK_BASE
        ;;
      *)
        die "$base is not present and PULL=never: run eng/container-base-images.sh"
        ;;
    esac
  fi

  started=$SECONDS
  podman_build "$service" -f "$dockerfile" -t "$image" \
    --build-arg "VERSION=$VERSION" --build-arg "REVISION=$REVISION" --build-arg "SOURCE=$SOURCE" \
    "${extra[@]}" .
  seconds=$((SECONDS - started))

  size=$(podman image inspect --format '{{.Size}}' "$image")
  # The app layer: the newest layer that adds files (the final stage's COPY --from=build /app).
  app_layer=$(podman history --format json "$image" \
    | grep -o '"CreatedBy":"[^"]*COPY [^"]*","size":[1-9][0-9]*' | head -1 | sed 's/.*"size"://')
  base_size=$(podman image inspect --format '{{.Size}}' "$base" 2>/dev/null || echo 0)
  label_base=$(podman image inspect --format '{{ index .Labels "org.opencontainers.image.base.name" }}' "$image")
  results+=("$(printf '%-11s %-32s %6s s  image %10s  app layer %9s  base %10s  (%s)' \
    "$service" "$image" "$seconds" "$(mb "$size")" "$(mb "${app_layer:-0}")" "$(mb "$base_size")" "$label_base")")
  log "built $image in $seconds s"
done

if [ "${KEEP_BUILD_CACHE:-0}" != 1 ]; then
  reclaimed=$(podman image prune -f 2>/dev/null | wc -l)
  log "pruned $reclaimed dangling images (build stages)"
fi

log "all builds took $((SECONDS - total_started)) s"
printf '%s\n' "${results[@]}"
for note in "${notes[@]}"; do printf 'note: %s\n' "$note"; done
