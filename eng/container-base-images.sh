#!/usr/bin/env bash
# Builds local stand-ins for the .NET base images the Dockerfiles name, because no image registry
# can be reached here (see ../shared/PLATFORM.md, "Containers"). Idempotent: the debootstrap
# rootfs is cached as a tarball, and each stand-in is rebuilt only when its inputs (this script,
# the host's .NET versions, its parent image) changed.
#
#   eng/container-base-images.sh            # build what is missing or stale, then list the stand-ins
#   AINOW_IMAGE_CACHE=DIR eng/...           # cache directory (default ~/.cache/ainow-images)
#   AINOW_STANDIN_REBUILD=1 eng/...         # rebuild every stand-in (the rootfs tarball is kept)
#
# What is stood in, under the names the Dockerfiles default to (all Debian 12 "bookworm" plus the
# host's own .NET, never the real Ubuntu/Alpine images):
#   mcr.microsoft.com/dotnet/runtime-deps:10.0           minbase + ca-certificates libicu72 libssl3
#                                                        tzdata libstdc++6 zlib1g, user app (1654)
#   mcr.microsoft.com/dotnet/aspnet:10.0                 runtime-deps + host dotnet, hostfxr,
#                                                        Microsoft.NETCore.App, Microsoft.AspNetCore.App
#   mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
#                                                        distroless like the real one: FROM scratch with
#                                                        only glibc, libgcc_s, libstdc++, libssl, CA
#                                                        certificates, /etc/passwd (root, app 1654) and
#                                                        /tmp; no shell, no package manager, no runtime
#   mcr.microsoft.com/dotnet/sdk:10.0                    aspnet + the host's whole SDK, trusting the
#                                                        host's CA bundle (outbound HTTPS is re-signed here)
# The production images are self-contained and trimmed, so their final stages use the runtime-deps
# images; aspnet is the SDK stand-in's parent.
#
# Not stood in: mcr.microsoft.com/dotnet/runtime-deps:10.0-alpine. No Alpine packages are reachable,
# so a musl base cannot be built, and a Debian image tagged with the Alpine name would make a glibc run
# look like a musl one. The Alpine-based Dockerfiles take BASE and RID build arguments instead;
# eng/build-images.sh passes BASE=mcr.microsoft.com/dotnet/runtime-deps:10.0 RID=linux-x64 when the
# real Alpine image is absent and says so (it still proves the linux-musl-x64 restore and publish).
set -euo pipefail

cache_dir=${AINOW_IMAGE_CACHE:-${HOME}/.cache/ainow-images}
rootfs_tar="$cache_dir/debian-bookworm-minbase.tar"
debian_image=localhost/ainow-standin/debian:bookworm-minbase
runtime_deps_image=mcr.microsoft.com/dotnet/runtime-deps:10.0
aspnet_image=mcr.microsoft.com/dotnet/aspnet:10.0
chiseled_image=mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled
sdk_image=mcr.microsoft.com/dotnet/sdk:10.0
app_uid=1654

log() { printf '[base-images] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- prerequisites -------------------------------------------------------------------------------

apt_install() {
  [ "$(id -u)" = 0 ] || die "missing: $* (install with: sudo apt-get install -y $*)"
  log "installing $* with apt"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v runc >/dev/null 2>&1 || missing+=(runc)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"
command -v dotnet >/dev/null 2>&1 || die "the .NET SDK (dotnet) is needed: the stand-ins carry the host's runtime and SDK"

# podman on these machines: crun fails ("cgroups in hybrid mode not supported") and runc fails on
# setrlimit without explicit ulimits. Written only when there is no containers.conf yet.
containers_conf=/etc/containers/containers.conf
if [ ! -e "$containers_conf" ]; then
  [ "$(id -u)" = 0 ] || die "$containers_conf is missing and only root can write it"
  log "writing $containers_conf (runc, explicit ulimits)"
  mkdir -p "$(dirname "$containers_conf")"
  cat >"$containers_conf" <<'EOF'
# Written by AI-Now's eng/container-base-images.sh: crun cannot run here (cgroups in hybrid mode),
# and runc needs explicit ulimits.
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]

[engine]
runtime = "runc"
EOF
elif ! grep -q 'runc' "$containers_conf"; then
  log "warning: $containers_conf exists and does not select runc; left as it is (see ../shared/PLATFORM.md)"
fi

# --- host .NET -----------------------------------------------------------------------------------

dotnet_root=$(dirname "$(readlink -f "$(command -v dotnet)")")
runtime_version=$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" && $2 ~ /^10\./ { v = $2 } END { print v }')
aspnet_version=$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" && $2 ~ /^10\./ { v = $2 } END { print v }')
sdk_version=$(dotnet --version)
if [ -z "$runtime_version" ] || [ -z "$aspnet_version" ]; then
  die "the host has no .NET 10 runtime and ASP.NET Core runtime"
fi
if [ ! -x "$dotnet_root/dotnet" ] || [ ! -d "$dotnet_root/host/fxr" ]; then die "no dotnet root at $dotnet_root"; fi
log "host .NET: SDK $sdk_version, runtime $runtime_version, ASP.NET Core $aspnet_version at $dotnet_root"

script_hash=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)

image_id() { podman image inspect --format '{{.Id}}' "$1" 2>/dev/null || true; }
image_label() { podman image inspect --format "{{ index .Labels \"$2\" }}" "$1" 2>/dev/null || true; }

built=()
kept=()

# build_standin NAME INPUTS CONTAINERFILE_DIR [podman build args...]: builds NAME unless an image of
# that name already carries the label ainow.standin.inputs=INPUTS.
build_standin() {
  local name=$1 inputs=$2 dir=$3
  shift 3
  if [ "${AINOW_STANDIN_REBUILD:-0}" != 1 ] && [ "$(image_label "$name" ainow.standin.inputs)" = "$inputs" ]; then
    kept+=("$name")
    return
  fi
  log "building stand-in $name"
  local started=$SECONDS
  local build_log="$work/build-${name//[\/:]/_}.log"
  podman build --pull=never --layers=false \
    --label "ainow.standin=true" --label "ainow.standin.inputs=$inputs" \
    --label "org.opencontainers.image.description=AI-Now local stand-in for $name: Debian bookworm plus the host's .NET $runtime_version, not the published image" \
    "$@" -t "$name" "$dir" >"$build_log" 2>&1 \
    || { tail -30 "$build_log" >&2; die "building the stand-in $name failed"; }
  log "built $name in $((SECONDS - started)) s"
  built+=("$name")
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# --- Debian base: debootstrap once, cached as a tarball -------------------------------------------

mkdir -p "$cache_dir"
if [ ! -s "$rootfs_tar" ]; then
  log "debootstrap bookworm (minbase) into the cache (about 90 s)"
  started=$SECONDS
  rootfs="$work/rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; die "debootstrap failed"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" --numeric-owner -cf "$rootfs_tar.partial" .
  mv "$rootfs_tar.partial" "$rootfs_tar"
  rm -rf "$rootfs"
  log "rootfs cached at $rootfs_tar in $((SECONDS - started)) s"
fi
rootfs_hash=$(sha256sum "$rootfs_tar" | cut -c1-16)
if [ "${AINOW_STANDIN_REBUILD:-0}" = 1 ] || [ "$(image_label "$debian_image" ainow.standin.inputs)" != "$rootfs_hash" ]; then
  log "importing the rootfs as $debian_image"
  podman import --change "LABEL ainow.standin=true" --change "LABEL ainow.standin.inputs=$rootfs_hash" \
    --change 'CMD ["/bin/bash"]' "$rootfs_tar" "$debian_image" >"$work/import.log" 2>&1 \
    || { cat "$work/import.log" >&2; die "podman import failed"; }
  built+=("$debian_image")
else
  kept+=("$debian_image")
fi

# --- runtime-deps: what the real runtime-deps image holds, and its app user ----------------------

mkdir -p "$work/runtime-deps"
cat >"$work/runtime-deps/Containerfile" <<EOF
FROM $debian_image
ARG DEBIAN_FRONTEND=noninteractive
RUN apt-get update \\
 && apt-get install -y --no-install-recommends ca-certificates libicu72 libssl3 tzdata libstdc++6 zlib1g \\
 && apt-get clean && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin \\
 && groupadd --gid $app_uid app \\
 && useradd --uid $app_uid --gid $app_uid --create-home --home-dir /home/app --shell /bin/sh app
ENV APP_UID=$app_uid \\
    ASPNETCORE_HTTP_PORTS=8080 \\
    DOTNET_RUNNING_IN_CONTAINER=true
EOF
build_standin "$runtime_deps_image" "$script_hash:$(image_id "$debian_image")" "$work/runtime-deps"

# --- aspnet: runtime-deps + the host's runtime and ASP.NET Core ----------------------------------

mkdir -p "$work/aspnet"
cat >"$work/aspnet/Containerfile" <<EOF
FROM $runtime_deps_image
COPY --from=dotnet dotnet LICENSE.txt ThirdPartyNotices.txt /usr/share/dotnet/
COPY --from=dotnet host /usr/share/dotnet/host
COPY --from=dotnet shared/Microsoft.NETCore.App/$runtime_version /usr/share/dotnet/shared/Microsoft.NETCore.App/$runtime_version
COPY --from=dotnet shared/Microsoft.AspNetCore.App/$aspnet_version /usr/share/dotnet/shared/Microsoft.AspNetCore.App/$aspnet_version
RUN ln -s /usr/share/dotnet/dotnet /usr/bin/dotnet
ENV DOTNET_VERSION=$runtime_version \\
    ASPNET_VERSION=$aspnet_version
EOF
build_standin "$aspnet_image" "$script_hash:$runtime_version:$aspnet_version:$(image_id "$runtime_deps_image")" \
  "$work/aspnet" --build-context "dotnet=$dotnet_root"

# --- runtime-deps noble-chiseled: distroless, FROM scratch with only what .NET loads --------------
# The real chiseled image is Ubuntu 24.04 sliced with chisel: glibc, libgcc_s, libstdc++, OpenSSL, CA
# certificates, no ICU, no tzdata, no shell, invariant globalization, user app (1654) by default.
# The stand-in copies the same packages' files from the Debian stand-in, so a self-contained image
# built on it proves the app needs nothing more (no shell in the final stage, no other native library).

mkdir -p "$work/chiseled"
cat >"$work/chiseled/Containerfile" <<EOF
FROM $runtime_deps_image AS tree
RUN set -e; mkdir -p /rootfs/tmp /rootfs/etc/ssl/certs /rootfs/usr/bin /rootfs/usr/lib /rootfs/usr/lib64; \\
    chmod 1777 /rootfs/tmp; ln -s usr/lib /rootfs/lib; ln -s usr/lib64 /rootfs/lib64; \\
    dpkg -L libc6 libgcc-s1 libstdc++6 libssl3 | while read -r f; do \\
      if [ -f "\$f" ] || { [ -L "\$f" ] && [ ! -d "\$f" ]; }; then echo "\$f"; fi; done \\
      | grep -v -E '^/usr/share/(doc|lintian|man|locale)/|/gconv/' >/tmp/files; \\
    tar -C / -cf - -T /tmp/files | tar -C /rootfs -xf -; \\
    cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/; cp /etc/ld.so.cache /rootfs/etc/; \\
    printf 'root:x:0:0:root:/root:/noshell\napp:x:$app_uid:$app_uid::/home/app:/noshell\n' >/rootfs/etc/passwd; \\
    printf 'root:x:0:\napp:x:$app_uid:\n' >/rootfs/etc/group; \\
    mkdir -p /rootfs/home/app; chown $app_uid:$app_uid /rootfs/home/app
FROM scratch
COPY --from=tree /rootfs/ /
ENV APP_UID=$app_uid \\
    ASPNETCORE_HTTP_PORTS=8080 \\
    DOTNET_RUNNING_IN_CONTAINER=true \\
    DOTNET_SYSTEM_GLOBALIZATION_INVARIANT=true
USER $app_uid
EOF
build_standin "$chiseled_image" "$script_hash:$(image_id "$runtime_deps_image")" "$work/chiseled"

# --- sdk: aspnet + the host's whole SDK, trusting the host's CA bundle ---------------------------

mkdir -p "$work/sdk" "$work/hostca"
cp /etc/ssl/certs/ca-certificates.crt "$work/hostca/ca-certificates.crt"
ca_hash=$(sha256sum "$work/hostca/ca-certificates.crt" | cut -c1-16)
cat >"$work/sdk/Containerfile" <<EOF
FROM $aspnet_image
COPY --from=dotnet . /usr/share/dotnet/
COPY --from=hostca ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
ENV DOTNET_SDK_VERSION=$sdk_version \\
    DOTNET_GENERATE_ASPNET_CERTIFICATE=false \\
    DOTNET_NOLOGO=true \\
    DOTNET_CLI_TELEMETRY_OPTOUT=true \\
    DOTNET_USE_POLLING_FILE_WATCHER=true \\
    NUGET_XMLDOC_MODE=skip \\
    NUGET_CERT_REVOCATION_MODE=offline
EOF
build_standin "$sdk_image" "$script_hash:$sdk_version:$ca_hash:$(image_id "$aspnet_image")" \
  "$work/sdk" --build-context "dotnet=$dotnet_root" --build-context "hostca=$work/hostca"

# --- report --------------------------------------------------------------------------------------

podman image prune -f >/dev/null 2>&1 || true
log "stand-ins built this run: ${built[*]:-none}"
log "stand-ins already current: ${kept[*]:-none}"
log "not stood in: mcr.microsoft.com/dotnet/runtime-deps:10.0-alpine (no Alpine packages here; Alpine-based images build with BASE=$runtime_deps_image RID=linux-x64, see eng/build-images.sh)"
for name in "$debian_image" "$runtime_deps_image" "$aspnet_image" "$chiseled_image" "$sdk_image"; do
  printf 'stand-in\t%s\t%s\n' "$name" "$(podman image inspect --format '{{.Size}}' "$name" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
done
