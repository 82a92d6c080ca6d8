#!/usr/bin/env bash
# Issue 19 item 4's run: ingest, Kafka, PostgreSQL and two query instances (each in its own JVM, as
# production starts it) under the load of QueryFreshnessBench; see bench/README.md, "End to end at
# scale". Stops by itself in about ten minutes; everything it writes goes to $E2E_OUT/<label>:
#   bench.log      the bench's phases (freshness, reads, isolation, heap)
#   query-*.gc     each query JVM's GC log (wall time and uptime on every line)
#   metrics/       both query instances' admin /metrics, every 30 s
#   gc-phases.txt  each query JVM's pauses within each measured phase
#
# Usage, from a built tree (./mvnw -q package -DskipTests): bench/e2e-scale.sh <label> [probes]
# QUERY_JVM_OPTIONS adds options to the query JVMs; WARMUP sets the warm-up in seconds (150).
# Nothing else heavy should run meanwhile: the numbers are those of a quiet 2-core machine.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

label=${1:?usage: bench/e2e-scale.sh <label> [probes]}
probes=${2:-1000}
out=${E2E_OUT:-/tmp/e2e}/$label
jar=bench/target/benchmarks.jar
if [[ ! -f $jar || ! -d service-query/target/test-classes ]]; then
    echo "build first: ./mvnw -q package -DskipTests" >&2
    exit 2
fi
if [[ -e $out ]]; then
    echo "$out exists: choose another label or remove it" >&2
    exit 2
fi
mkdir -p "$out/metrics"

./mvnw -q dependency:build-classpath -pl service-query \
    -Dmdep.outputFile="$out/classpath.txt" -Dmdep.includeScope=test
props=$out/scale.properties
gclog="-Xlog:gc*,gc+age=trace:file=$out/query-%p.gc:time,uptime,level,tags"
java -Xmx2g -Dscopecloud.test.infra=embedded -Dscopecloud.test.work="$out/work" \
    "-Dscopecloud.queryJvmOptions=$gclog ${QUERY_JVM_OPTIONS:-}" \
    -cp "service-query/target/test-classes:service-query/target/classes:$(cat "$out/classpath.txt")" \
    io.scopecloud.query.QueryBenchServers "$props" queries=2 orgs=20 port=4080 lifetime=900 \
    > "$out/servers.log" 2>&1 &
servers=$!
trap 'rm -f "$props"; kill $(jobs -p) 2>/dev/null || true' EXIT

for _ in $(seq 240); do
    [[ -f $props ]] && break
    kill -0 $servers 2>/dev/null || { echo "the servers exited: see $out/servers.log" >&2; exit 1; }
    sleep 1
done
[[ -f $props ]] || { echo "the servers were not ready in 240 s: see $out/servers.log" >&2; exit 1; }
printf 'seconds=90\nwarmup=%s\nprobes=%s\nbigOrgProbes=300\n' "${WARMUP:-150}" "$probes" >> "$props"

(
    while [[ -f $props ]]; do
        for i in 0 1; do
            curl -s -m 5 "http://127.0.0.1:$((4083 + 2 * i))/metrics" \
                > "$out/metrics/query-$i-$(date +%H%M%S).txt" || true
        done
        sleep 30
    done
) &

java -cp "$jar" io.scopecloud.bench.query.QueryFreshnessBench "$props" | tee "$out/bench.log"
rm -f "$props"
wait $servers || true

# Each phase's bounds, as the bench printed them, against each GC log's pauses (wall time).
grep -E '^(== [^:]*: [0-9]+ probes|measured from )' "$out/bench.log" | paste - - |
    sed -E 's/^== ([^:]*):.*measured from ([^ ]*) to ([^ ]*) .*/\1\t\2\t\3/' |
    while IFS=$'\t' read -r phase from to; do
        for log in "$out"/query-*.gc; do
            awk -v from="${from:0:23}" -v to="${to:0:23}" -v phase="$phase" -v file="$(basename "$log")" '
                /\]\[gc +\] GC\([0-9]+\) Pause / && $NF ~ /ms$/ {
                    t = substr($0, 2, 23)
                    if (t >= from && t <= to) {
                        ms = $NF; sub(/ms$/, "", ms); ms += 0; n++; sum += ms; if (ms > max) max = ms
                    }
                }
                END { printf "%s, %s: %d pauses, %.2f s in all, longest %.0f ms\n", phase, file, n, sum / 1000, max }
            ' "$log"
        done
    done | tee "$out/gc-phases.txt"
