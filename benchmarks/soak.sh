#!/usr/bin/env bash
# Soak (a stage of run.sh): the sample app's jar with the starter enabled, 200 000 requests on its fixed
# endpoints, and the after-GC heap before and after (target: growth under 2 MB). The heap is read from
# /actuator/metrics/jvm.memory.used?tag=area:heap right after `jcmd <pid> GC.run`; the lowest of three such
# readings is kept. Results go to $OUT/soak.properties.
# Usage: benchmarks/soak.sh OUT_DIR
set -euo pipefail
OUT=$1
REQUESTS=${SOAK_REQUESTS:-200000}
WARMUP_REQUESTS=${SOAK_WARMUP_REQUESTS:-20000}
THREADS=${SOAK_THREADS:-2}
CONNECTIONS=${SOAK_CONNECTIONS:-32}
PORT=${SOAK_PORT:-18090}
JVM_OPTS=${SOAK_JVM_OPTS:--Xms256m -Xmx256m}
JAR=$(ls sample-app/target/memory-lifecycle-sample-app-*.jar | grep -v -- '-original' | head -1)
BASE="http://127.0.0.1:$PORT"
HERE=$(dirname "$0")

# The sample app's endpoints that must not leak: every request's resources are released.
FIXED_ENDPOINTS=(/hello /hello/open-buffers)

# >>> LEAKY ENDPOINTS
# The sample's leaky endpoints (see sample-app/tour.sh), as METHOD:PATH=REQUESTS, each soaked after the fixed ones
# from a reset sample (POST /leaks/reset): the report shows its after-GC heap growth and what
# /actuator/memory-lifecycle says once the leak watcher has decided (the sample watches every object and decides
# after 2 s), saved to $OUT/soak-leaky-N.json. Few requests: each leaks 16 to 256 KB into a 256 MB heap, and each
# leaked timer keeps running every 100 ms. SOAK_LEAKY_SCALE multiplies the counts (e.g. 0.1 for a quick check).
LEAKY_ENDPOINTS=(POST:/leaks/closure/leaky=600 POST:/leaks/timer/leaky=500 POST:/leaks/listener/leaky=2000
  POST:/leaks/cache/leaky=4000 POST:/leaks/global/leaky=2000)
LEAKY_SCALE=${SOAK_LEAKY_SCALE:-1}
# <<< LEAKY ENDPOINTS

java $JVM_OPTS -jar "$JAR" --server.address=127.0.0.1 --server.port="$PORT" > "$OUT/soak-app.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
  if curl -fs -o /dev/null "$BASE/hello"; then
    break
  fi
  if ! kill -0 $PID 2>/dev/null; then
    echo "the sample app did not start, see $OUT/soak-app.log" >&2
    exit 1
  fi
  sleep 0.5
done

# soak COUNT PATH... -> sends COUNT requests (split over the threads) cycling through PATH..., prints
# "requests<TAB>errors"
soak() {
  local count=$1 marks wrk_pid
  shift
  marks=$(mktemp -d)
  wrk -t"$THREADS" -c"$CONNECTIONS" -d600s -s "$HERE/soak.lua" "$BASE" -- $(((count + THREADS - 1) / THREADS)) \
    "$marks" "$@" > "$marks/wrk.out" &
  wrk_pid=$!
  while kill -0 $wrk_pid 2>/dev/null && [ "$(find "$marks" -name 'done-*' | wc -l)" -lt "$THREADS" ]; do
    sleep 0.2
  done
  kill -INT $wrk_pid 2>/dev/null || true # every thread is done: wrk prints its summary and exits
  wait $wrk_pid || true
  awk '/ requests in / { requests = $1 }
       /Non-2xx or 3xx responses:/ { errors += $NF }
       /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
       END { printf "%d\t%d\n", requests, errors }' "$marks/wrk.out"
  rm -rf "$marks"
}

# heap after GC, in bytes: the lowest of three readings, each right after a full GC
after_gc_heap() {
  local lowest="" value
  for _ in 1 2 3; do
    jcmd $PID GC.run > /dev/null
    value=$(curl -fs "$BASE/actuator/metrics/jvm.memory.used?tag=area:heap" \
      | grep -o '"value":[-0-9.Ee+]*' | head -1 | cut -d: -f2)
    value=$(awk -v v="$value" 'BEGIN { printf "%d", v }')
    if [ -z "$lowest" ] || [ "$value" -lt "$lowest" ]; then
      lowest=$value
    fi
  done
  echo "$lowest"
}

# lets the leak watcher decide about every watched object: collections, then up to ~10 s until none is waiting
settle_leaks() {
  local attempt waiting
  for attempt in $(seq 1 20); do
    curl -fs -X POST -o /dev/null "$BASE/leaks/gc" || true
    sleep 0.5
    waiting=$(curl -fs "$BASE/actuator/memory-lifecycle/leaks" | grep -o '"watching":[0-9]*' | cut -d: -f2)
    if [ "${waiting:-0}" = 0 ] && [ "$attempt" -gt 4 ]; then
      return
    fi
  done
}

echo "== soak: warm-up, $WARMUP_REQUESTS requests on ${FIXED_ENDPOINTS[*]}"
soak "$WARMUP_REQUESTS" "${FIXED_ENDPOINTS[@]}" > /dev/null
before=$(after_gc_heap)
echo "== soak: $REQUESTS requests on ${FIXED_ENDPOINTS[*]}"
start=$(date +%s)
read -r sent errors < <(soak "$REQUESTS" "${FIXED_ENDPOINTS[@]}")
seconds=$(($(date +%s) - start))
after=$(after_gc_heap)
echo "   $sent requests in ${seconds}s, $errors errors; after-GC heap $before -> $after bytes ($((after - before)) B)"

{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "app=sample-app ($(basename "$JAR")), $JVM_OPTS"
  echo "endpoints=${FIXED_ENDPOINTS[*]}"
  echo "wrk=wrk -t$THREADS -c$CONNECTIONS -s soak.lua"
  echo "warmup_requests=$WARMUP_REQUESTS"
  echo "requests=$sent"
  echo "seconds=$seconds"
  echo "errors=$errors"
  echo "heap_before=$before"
  echo "heap_after=$after"
  echo "open_buffers=$(curl -fs "$BASE/hello/open-buffers" || echo '?')"
  index=0
  for entry in "${LEAKY_ENDPOINTS[@]}"; do
    index=$((index + 1))
    endpoint=${entry%=*}
    count=$(awk -v n="${entry##*=}" -v s="$LEAKY_SCALE" 'BEGIN { printf "%d", n * s }')
    curl -fs -X POST -o /dev/null "$BASE/leaks/reset"
    leak_before=$(after_gc_heap)
    echo "== soak: $count requests on the leaky $endpoint" >&2
    read -r leak_sent leak_errors < <(soak "$count" "$endpoint")
    leak_after=$(after_gc_heap)
    settle_leaks
    curl -fs "$BASE/actuator/memory-lifecycle" > "$OUT/soak-leaky-$index.json" || true
    echo "leaky.$index.endpoint=${endpoint#*:} (${endpoint%%:*})"
    echo "leaky.$index.requests=$leak_sent"
    echo "leaky.$index.errors=$leak_errors"
    echo "leaky.$index.heap_before=$leak_before"
    echo "leaky.$index.heap_after=$leak_after"
    echo "leaky.$index.report=soak-leaky-$index.json"
    python3 - "$OUT/soak-leaky-$index.json" "leaky.$index." <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except ValueError:
    sys.exit(0)
leaks = d.get("leaks") or {}
items = leaks.get("items") or []
kinds = sorted({"%s %s" % (i.get("kind"), i.get("className")) for i in items
                if isinstance(i, dict) and (i.get("retained") or 0) > 0})[:3]
caches = ["%s: %s entries (%s)" % (c.get("name"), c.get("estimatedSize"), c.get("bound"))
          for c in (d.get("caches") or {}).get("items", []) if (c.get("estimatedSize") or 0) > 0]
print(sys.argv[2] + "leaks_retained=" + str(leaks.get("retained", "?")))
print(sys.argv[2] + "leaks_suspected=" + str(sum(i.get("count") or 0 for i in items
                                                 if isinstance(i, dict) and (i.get("retained") or 0) > 0)))
print(sys.argv[2] + "leaks_watching=" + str(leaks.get("watching", "?")))
print(sys.argv[2] + "leak_kinds=" + ", ".join(kinds))
print(sys.argv[2] + "caches=" + ", ".join(caches))
print(sys.argv[2] + "timers_live=" + str((d.get("timers") or {}).get("live", "?")))
print(sys.argv[2] + "listeners_live=" + str((d.get("listeners") or {}).get("live", "?")))
PY
    curl -fs -X POST -o /dev/null "$BASE/leaks/reset"
  done
} > "$OUT/soak.properties"
