#!/usr/bin/env bash
# Installs what building, running and testing AI-Now need beyond the .NET SDK. Idempotent: each
# step checks first and does nothing when the tool is already there.
set -euo pipefail

have_postgres_server() {
  command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1 && return 0
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null
}

apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "missing: $* (install with: sudo apt-get install -y $*)" >&2
    return 1
  fi
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! have_postgres_server; then
  echo "installing PostgreSQL server binaries (processes mode and database tests use them)"
  apt_install postgresql
fi

# The postgres account runs the local server; the Debian package creates it, a bare image may not.
if ! id postgres >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  useradd --system --home-dir /var/lib/postgresql --shell /usr/sbin/nologin postgres
fi

# The store tests run the api's and the gateway's Redis commands and Lua scripts on a real Redis as well as on
# Garnet (the local run's server): the managed caches and the in-cluster store are Redis.
if ! command -v redis-server >/dev/null 2>&1; then
  echo "installing redis-server (store tests run against a real Redis)"
  apt_install redis-server
fi

if ! command -v kubectl >/dev/null 2>&1; then
  echo "installing kubectl (renders the kustomize overlays in the publisher tests)"
  apt_install kubectl || echo "kubectl is not available from apt here; the kustomize tests will say so" >&2
fi

# promtool checks and unit-tests the generated alerting rules; amtool checks the Alertmanager configs.
if ! command -v promtool >/dev/null 2>&1; then
  echo "installing promtool (checks and unit-tests the generated Prometheus rules)"
  apt_install prometheus
fi

if ! command -v amtool >/dev/null 2>&1; then
  echo "installing amtool (checks the generated Alertmanager configurations)"
  apt_install prometheus-alertmanager
fi

if ! command -v node >/dev/null 2>&1; then
  echo "installing Node.js (schema validation of generated manifests)"
  apt_install nodejs npm
fi

# Schema validation of the generated manifests (kubernetes-models and CRD packages), pinned by the
# committed lockfile; only installed when missing.
validation=tests/AiNow.Publishing.Tests/validation
if [ -f "$validation/package-lock.json" ] && [ ! -d "$validation/node_modules" ]; then
  echo "installing the manifest schema validators (npm ci)"
  npm ci --prefix "$validation" --no-audit --no-fund --loglevel=error
fi
