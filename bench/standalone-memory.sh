#!/usr/bin/env bash
# The standalone's memory when idle (issue 19, item 5): starts ./scope-cloud on an install's data
# directory, waits until /api answers and then SETTLE seconds, prints the JVM's and PostgreSQL's
# resident memory (PSS: shared pages counted once), and stops the service.
#
#   bench/standalone-memory.sh DATA_DIR [SETTLE_SECONDS]     (JAVA_OPTS adds JVM options)
#
# Ports: SCOPE_CLOUD_PORT (4070) and SCOPE_CLOUD_ADMIN_PORT (4071). Run it twice on a fresh
# data directory: the first start records the class-sharing archive and is not the steady state.
set -euo pipefail

data="${1:?usage: bench/standalone-memory.sh DATA_DIR [SETTLE_SECONDS]}"
settle="${2:-75}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SCOPE_CLOUD_DATA="$data" SCOPE_CLOUD_PORT="${SCOPE_CLOUD_PORT:-4070}"
export SCOPE_CLOUD_ADMIN_PORT="${SCOPE_CLOUD_ADMIN_PORT:-4071}"

pss_kib() { awk '/^Pss:/ { s += $2 } END { print s + 0 }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

"$root/scope-cloud" >"$data.out" 2>&1 &
service=$!
trap 'kill "$service" 2>/dev/null; wait "$service" 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do
  curl -sf -o /dev/null "http://127.0.0.1:$SCOPE_CLOUD_PORT/api" && break
  kill -0 "$service" 2>/dev/null || { echo "the service stopped; see $data.out" >&2; exit 1; }
  sleep 1
done
echo "answering /api; settling for $settle s"
sleep "$settle"

jvm=$(pss_kib "$service")
postmaster=$(head -1 "$data/postgres/postmaster.pid")
postgres=0
for p in "$postmaster" $(pgrep -P "$postmaster"); do postgres=$((postgres + $(pss_kib "$p"))); done
heap=$(jcmd "$service" GC.heap_info 2>/dev/null | awk '/heap *total/ { print $4, $6 }')
echo "JVM PSS $((jvm / 1024)) MiB (heap committed, used: $heap); PostgreSQL PSS $((postgres / 1024)) MiB;" \
  "total $(((jvm + postgres) / 1024)) MiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
