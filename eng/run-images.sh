#!/usr/bin/env bash
# Runs every production image (built by eng/build-images.sh) the way its pod runs in the rendered
# dev overlay, against local PostgreSQL and Garnet processes, until each long-running service's
# /health says Healthy; then sends one authenticated embeddings request and one batch job through the
# gateway container and reads the tenant's usage. Stops and removes everything it started, also on failure.
#
#   eng/run-images.sh                       # VERSION, IMAGE_PREFIX as in eng/build-images.sh
#   OVERLAY=manifests/kubernetes/overlays/dev-aws eng/run-images.sh
#   LOG_DIR=/tmp/ainow-logs eng/run-images.sh   # keep each container's log
#
# From the overlay (kubectl kustomize), per workload: the env (values, ConfigMaps, Secrets rendered
# from the ExternalSecret templates with generated values, fieldRefs), runAsUser, the read-only root,
# the dropped capabilities, no privilege escalation, /tmp as a size-limited tmpfs, the CPU and memory
# limits. What differs from a cluster, and why:
#   - Each container has its own network (slirp4netns) that reaches the host's loopback at 10.0.2.2;
#     the Services' names (postgres, redis, api, inference) resolve there (--add-host), and their ports
#     in connection strings and service URLs are rewritten to the local processes' and the published
#     containers' ports (every pod listens on 8080 inside; each is published on its own host port).
#   - PostgreSQL and Garnet (Redis-compatible) run as local processes, not the overlay's in-cluster
#     StatefulSets; the OTLP collector of the overlay does not exist here (the exporter's failures are
#     logged by the services and are not errors of this run).
set -euo pipefail
cd "$(dirname "$0")/.."

default_version=$(sed -n 's/.*ImageTag = "\([^"]*\)".*/\1/p' AiNow.AppHost/Publishing/DeploymentTargets.cs 2>/dev/null | head -1)
VERSION=${VERSION:-${default_version:-0.0.0-dev}}
IMAGE_PREFIX=${IMAGE_PREFIX:-localhost/ainow}
OVERLAY=${OVERLAY:-manifests/kubernetes/overlays/dev-onprem}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-180}

log() { printf '[run-images] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
now_ms() { date +%s%3N; }

for tool in podman kubectl curl; do command -v "$tool" >/dev/null 2>&1 || die "$tool is missing"; done
command -v slirp4netns >/dev/null 2>&1 || {
  [ "$(id -u)" = 0 ] || die "slirp4netns is missing (sudo apt-get install -y slirp4netns)"
  log "installing slirp4netns"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slirp4netns >/dev/null
}
/usr/bin/python3 -c 'import yaml' 2>/dev/null || {
  [ "$(id -u)" = 0 ] || die "python3-yaml is missing (sudo apt-get install -y python3-yaml)"
  log "installing python3-yaml"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-yaml >/dev/null
}
pg_bin=""
for d in "$(pg_config --bindir 2>/dev/null || true)" /usr/lib/postgresql/*/bin; do
  if [ -x "$d/initdb" ]; then pg_bin=$d; fi # the last one found wins
done
[ -n "$pg_bin" ] || die "no PostgreSQL server binaries (eng/install-prerequisites.sh installs them)"

services=(migrations inference api worker gateway)
for service in "${services[@]}"; do
  podman image exists "$IMAGE_PREFIX/$service:$VERSION" || die "$IMAGE_PREFIX/$service:$VERSION is missing: run eng/build-images.sh"
done

work=$(mktemp -d /tmp/ainow-run.XXXXXX)
chmod 755 "$work"
run_id="ainow-run-$$"
started_containers=()
garnet_pid=""
pg_started=0

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ ${#started_containers[@]} -gt 0 ]; then
    if [ $status -ne 0 ]; then
      for c in "${started_containers[@]}"; do
        log "last log lines of $c:"; podman logs --tail 15 "$c" 2>&1 | cut -c1-400 >&2 || true
      done
    fi
    if [ -n "${LOG_DIR:-}" ]; then
      mkdir -p "$LOG_DIR"
      for c in "${started_containers[@]}"; do podman logs "$c" >"$LOG_DIR/${c#"$run_id"-}.log" 2>&1 || true; done
      log "container logs saved in $LOG_DIR"
    fi
    for c in "${started_containers[@]}"; do
      # One at a time, checked: podman 4.3 has left a stopped container behind from a batch rm.
      for _ in 1 2 3; do
        podman container exists "$c" || break
        podman rm -f -t 2 "$c" >/dev/null 2>&1 || sleep 1
      done
      ! podman container exists "$c" || log "warning: could not remove $c"
    done
    log "removed containers: ${started_containers[*]}"
  fi
  [ -z "$garnet_pid" ] || { kill "$garnet_pid" 2>/dev/null || true; wait "$garnet_pid" 2>/dev/null || true; }
  [ $pg_started = 0 ] || as_postgres "$pg_bin/pg_ctl" -D "$work/postgres/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT INT TERM

port_in_use() { ss -ltnH "( sport = :$1 )" 2>/dev/null | grep -q .; }
free_port() { local p=$1; while port_in_use "$p"; do p=$((p + 1)); done; echo "$p"; }
secret() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }

# --- local stores ----------------------------------------------------------------------------------

pg_port=$(free_port 15432)
postgres_password=$(secret)
pg_dir="$work/postgres"
mkdir -p "$pg_dir"
chmod 700 "$pg_dir"
printf '%s\n' "$postgres_password" >"$pg_dir/password"
[ "$(id -u)" != 0 ] || chown -R postgres "$pg_dir"
started=$(now_ms)
as_postgres "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --pwfile="$pg_dir/password" --auth=scram-sha-256 -E UTF8 >"$work/initdb.log" 2>&1 \
  || { cat "$work/initdb.log" >&2; die "initdb failed"; }
as_postgres "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/postgres.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir" start >/dev/null \
  || { cat "$pg_dir/postgres.log" >&2; die "PostgreSQL did not start"; }
pg_started=1
PGPASSWORD=$postgres_password "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -q -c 'CREATE DATABASE ainowdb' postgres
log "PostgreSQL ($pg_bin) on 127.0.0.1:$pg_port in $(($(now_ms) - started)) ms"

redis_port=$(free_port 16379)
redis_password=$(secret)
started=$(now_ms)
dotnet build local/AiNow.LocalGarnet -v q -nologo >"$work/garnet-build.log" 2>&1 \
  || { tail -20 "$work/garnet-build.log" >&2; die "building local/AiNow.LocalGarnet failed"; }
GARNET_PORT=$redis_port GARNET_PASSWORD=$redis_password \
  dotnet local/AiNow.LocalGarnet/bin/Debug/net10.0/AiNow.LocalGarnet.dll >"$work/garnet.log" 2>&1 &
garnet_pid=$!
for _ in $(seq 1 100); do grep -q 'ready' "$work/garnet.log" && break; sleep 0.2; done
grep -q 'ready' "$work/garnet.log" || { cat "$work/garnet.log" >&2; die "Garnet did not start"; }
log "Garnet on 127.0.0.1:$redis_port in $(($(now_ms) - started)) ms (build included)"

# --- the pods' settings from the rendered overlay ------------------------------------------------

declare -A host_port
next=18080
for service in inference api worker gateway; do host_port[$service]=$(free_port $next); next=$((host_port[$service] + 1)); done

kubectl kustomize "$OVERLAY" >"$work/overlay.yaml"
# The values the ExternalSecrets' templates read from the secret store (remote keys ainow-dev-*).
(umask 077; printf '%s\n' "admin_key=$(secret)" "tenant_signing_key=$(secret)" "postgres_password=$postgres_password" \
  "ainowdb_runtime_password=$(secret)" "redis_password=$redis_password" "llm_api_key=" >"$work/secret-values")
/usr/bin/python3 - "$work" postgres="$pg_port" redis="$redis_port" api="${host_port[api]}" inference="${host_port[inference]}" \
  worker="${host_port[worker]}" gateway="${host_port[gateway]}" <<'PY'
import os, re, sys, yaml
work, ports = sys.argv[1], dict(a.split("=", 1) for a in sys.argv[2:])
docs = [d for d in yaml.safe_load_all(open(f"{work}/overlay.yaml")) if d]
values = dict(line.rstrip("\n").split("=", 1) for line in open(f"{work}/secret-values") if "=" in line)
configmaps = {d["metadata"]["name"]: d.get("data") or {} for d in docs if d["kind"] == "ConfigMap"}
secrets = {}
for d in docs:
    if d["kind"] == "ExternalSecret":
        template = d["spec"]["target"]["template"]["data"]
        secrets[d["spec"]["target"]["name"]] = {
            k: re.sub(r"\{\{\s*\.(\w+)[^}]*\}\}", lambda m: values.get(m.group(1), f"<unset:{m.group(1)}>"), v) for k, v in template.items()}
service_ports = {d["metadata"]["name"]: p["port"] for d in docs if d["kind"] == "Service" for p in d["spec"]["ports"]}

def local(value):
    # The Services' ports become the local processes' and published containers' ports.
    for name, port in service_ports.items():
        if name in ports:
            value = re.sub(rf"\b{name}:{port}\b", f"{name}:{ports[name]}", value)
            value = value.replace(f"Host={name};Port={port}", f"Host={name};Port={ports[name]}")
    return value

for d in docs:
    if d["kind"] not in ("Deployment", "Job"):
        continue
    name, pod = d["metadata"]["name"], d["spec"]["template"]["spec"]
    (c,) = pod["containers"]
    env = {}
    for ref in c.get("envFrom", []):
        env.update(configmaps[ref["configMapRef"]["name"]])
    for e in c.get("env", []):
        if "value" in e:
            v = re.sub(r"\$\((\w+)\)", lambda m: env.get(m.group(1), m.group(0)), e["value"])
        elif "secretKeyRef" in e["valueFrom"]:
            ref = e["valueFrom"]["secretKeyRef"]
            v = secrets.get(ref["name"], {}).get(ref["key"])
            if v is None:
                if ref.get("optional"):
                    continue
                sys.exit(f"{name}: secret {ref['name']}/{ref['key']} is not rendered by any ExternalSecret")
        elif "fieldRef" in e["valueFrom"]:
            v = "local"
        else:
            sys.exit(f"{name}: unsupported env source {e}")
        if "<unset:" in str(v):
            sys.exit(f"{name}: {e['name']} needs a secret value this script does not generate: {v}")
        env[e["name"]] = v
    with open(f"{work}/{name}.env", "w") as f:
        for k, v in env.items():
            f.write(f"{k}={local(str(v))}\n")
    os.chmod(f"{work}/{name}.env", 0o600)
    sc = {**pod.get("securityContext", {}), **c.get("securityContext", {})}
    tmp = next(v for v in pod.get("volumes", []) if any(m["name"] == v["name"] and m["mountPath"] == "/tmp" for m in c.get("volumeMounts", [])))
    size = (tmp.get("emptyDir") or {}).get("sizeLimit", "64Mi").replace("Mi", "m").replace("Gi", "g")
    limits = c.get("resources", {}).get("limits", {})
    cpu = limits.get("cpu", "1")
    cpus = str(int(cpu[:-1]) / 1000) if cpu.endswith("m") else cpu
    flags = [f"--user={sc['runAsUser']}:{sc.get('runAsGroup', sc['runAsUser'])}", f"--tmpfs=/tmp:rw,size={size},mode=1777",
             f"--cpus={cpus}", f"--memory={limits.get('memory', '512Mi').replace('Mi', 'm').replace('Gi', 'g')}"]
    if sc.get("readOnlyRootFilesystem"):
        flags.append("--read-only")
    if "ALL" in sc.get("capabilities", {}).get("drop", []):
        flags.append("--cap-drop=ALL")
    if sc.get("allowPrivilegeEscalation") is False:
        flags.append("--security-opt=no-new-privileges")
    if not sc.get("runAsNonRoot") or sc["runAsUser"] == 0:
        sys.exit(f"{name}: the overlay does not run it as non-root")
    with open(f"{work}/{name}.flags", "w") as f:
        f.write("\n".join(flags) + "\n")
PY

run_container() { # run_container SERVICE [PORT]: starts the service's image as its pod runs, prints nothing
  local service=$1 port=${2:-} name="$run_id-$1" flags
  mapfile -t flags <"$work/$service.flags"
  local publish=()
  [ -z "$port" ] || publish=(-p "127.0.0.1:$port:8080")
  podman run -d --name "$name" "${flags[@]}" \
    --network slirp4netns:allow_host_loopback=true \
    --add-host postgres:10.0.2.2 --add-host redis:10.0.2.2 --add-host api:10.0.2.2 --add-host inference:10.0.2.2 \
    --env-file "$work/$service.env" "${publish[@]}" "$IMAGE_PREFIX/$service:$VERSION" >/dev/null
  started_containers+=("$name")
  log "started $name: podman run ${flags[*]} ${publish[*]} --env-file <$service env from $OVERLAY>"
}

# --- migrations: run to completion ---------------------------------------------------------------

started=$(now_ms)
run_container migrations
exit_code=$(podman wait "$run_id-migrations")
migrations_ms=$(($(now_ms) - started))
[ "$exit_code" = 0 ] || die "migrations exited $exit_code"
log "migrations exited 0 in $migrations_ms ms"

# --- the long-running services -------------------------------------------------------------------

declare -A started_at alive_ms healthy_ms
for service in inference api worker gateway; do
  started_at[$service]=$(now_ms)
  run_container "$service" "${host_port[$service]}"
done
deadline=$(($(date +%s) + HEALTH_TIMEOUT))
pending=(inference api worker gateway)
while [ ${#pending[@]} -gt 0 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || die "not healthy after $HEALTH_TIMEOUT s: ${pending[*]}"
  still=()
  for service in "${pending[@]}"; do
    state=$(podman inspect --format '{{.State.Status}}' "$run_id-$service")
    [ "$state" = running ] || die "$service is $state"
    url="http://127.0.0.1:${host_port[$service]}"
    if [ -z "${alive_ms[$service]:-}" ] && [ "$(curl -s -m 2 "$url/alive" || true)" = Healthy ]; then
      alive_ms[$service]=$(($(now_ms) - started_at[$service]))
    fi
    if [ -n "${alive_ms[$service]:-}" ] && [ "$(curl -s -m 3 "$url/health" || true)" = Healthy ]; then
      healthy_ms[$service]=$(($(now_ms) - started_at[$service]))
    else
      still+=("$service")
    fi
  done
  pending=("${still[@]}")
  [ ${#pending[@]} -eq 0 ] || sleep 0.25
done

# --- one request end to end through the containers -----------------------------------------------

gateway="http://127.0.0.1:${host_port[gateway]}"
admin_key=$(sed -n 's/^admin_key=//p' "$work/secret-values")
tenant=$(curl -sf -X POST "$gateway/admin/tenants" -H "Authorization: Bearer $admin_key" -H 'Content-Type: application/json' \
  -d "{\"name\":\"container-check-$$\",\"rateLimitPerMinute\":60}") || die "POST /admin/tenants through the gateway failed"
tenant_id=$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"$tenant")
api_key=$(curl -sf -X POST "$gateway/admin/tenants/$tenant_id/keys" -H "Authorization: Bearer $admin_key" \
  | sed -E 's/.*"key":"([^"]+)".*/\1/') || die "POST /admin/tenants/{id}/keys through the gateway failed"
started=$(now_ms)
embeddings=$(curl -sf "$gateway/v1/embeddings" -H "Authorization: Bearer $api_key" -H 'Content-Type: application/json' \
  -d '{"model":"all-MiniLM-L6-v2","input":["The cat sat on the mat."]}') || die "POST /v1/embeddings through the gateway failed"
embeddings_ms=$(($(now_ms) - started))
dimensions=$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"][0]["embedding"]))' <<<"$embeddings")
[ "$dimensions" = 384 ] || die "the embedding has $dimensions dimensions, not 384"

# A batch job: api queues it, the worker container claims it and calls inference; then the usage.
# Every JSON shape on these paths is source-generated in the trimmed images, so this reads each back.
started=$(now_ms)
job=$(curl -sf "$gateway/v1/batches" -H "Authorization: Bearer $api_key" -H 'Content-Type: application/json' \
  -d '{"model":"all-MiniLM-L6-v2","input":["one","two","three"]}') || die "POST /v1/batches through the gateway failed"
job_id=$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])' <<<"$job")
batch_deadline=$(($(date +%s) + 60))
while :; do
  job=$(curl -sf "$gateway/v1/batches/$job_id" -H "Authorization: Bearer $api_key") || die "GET /v1/batches/$job_id failed"
  status=$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])' <<<"$job")
  [ "$status" != succeeded ] && [ "$status" != failed ] || break
  [ "$(date +%s)" -lt "$batch_deadline" ] || die "batch job $job_id is still $status after 60 s"
  sleep 0.5
done
batch_ms=$(($(now_ms) - started))
results=$(/usr/bin/python3 -c 'import json,sys; j=json.load(sys.stdin); print(sum(len(r["embedding"]) == 384 for r in j.get("results") or []))' <<<"$job")
[ "$status" = succeeded ] && [ "$results" = 3 ] || die "batch job $job_id ended $status with $results vectors of 384 (3 expected): $job"
usage=$(curl -sf "$gateway/v1/usage" -H "Authorization: Bearer $api_key") || die "GET /v1/usage through the gateway failed"
tokens=$(/usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["tokens"])' <<<"$usage")
[ "$tokens" -gt 0 ] || die "GET /v1/usage reports no tokens after two charged requests: $usage"

# --- report --------------------------------------------------------------------------------------

for service in inference api worker gateway; do
  # A write the read-only root refused shows up as EROFS in the log; Data Protection's in-memory key
  # ring warnings (the gateway, through YARP) are expected and are not writes.
  writes=$(podman logs "$run_id-$service" 2>&1 | grep -c -i 'read-only file system' || true)
  printf 'healthy  %-10s %-45s /alive %6s ms  /health Healthy %6s ms  (writes refused by the read-only root: %s)\n' \
    "$service" "$IMAGE_PREFIX/$service:$VERSION" "${alive_ms[$service]}" "${healthy_ms[$service]}" "$writes"
done
printf 'complete %-10s %-45s exit 0 after %s ms\n' migrations "$IMAGE_PREFIX/migrations:$VERSION" "$migrations_ms"
printf 'end-to-end: tenant, key and POST /v1/embeddings through the gateway container: 384 dimensions in %s ms\n' "$embeddings_ms"
printf 'end-to-end: batch job of 3 inputs through gateway, api, worker and inference containers: succeeded in %s ms; usage %s tokens\n' "$batch_ms" "$tokens"
