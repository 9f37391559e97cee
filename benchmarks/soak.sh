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

# >>> LEAKY ENDPOINTS -- the sample-app issue adds its leaky endpoints here, e.g.
#       LEAKY_ENDPOINTS=(/leaks/closure/leaky /leaks/timer/leaky)
#     each is soaked after the fixed ones with SOAK_LEAKY_REQUESTS requests: the report shows its heap growth and
#     the `leaks` part of /actuator/memory-lifecycle saved to $OUT/soak-leaky-N.json.
LEAKY_ENDPOINTS=()
LEAKY_REQUESTS=${SOAK_LEAKY_REQUESTS:-20000} # fewer: a real leak of 64 KB per request fills 256 MB in ~4000
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
  for endpoint in "${LEAKY_ENDPOINTS[@]}"; do
    index=$((index + 1))
    leak_before=$(after_gc_heap)
    read -r leak_sent leak_errors < <(soak "$LEAKY_REQUESTS" "$endpoint")
    leak_after=$(after_gc_heap)
    curl -fs "$BASE/actuator/memory-lifecycle" > "$OUT/soak-leaky-$index.json" || true
    echo "leaky.$index.endpoint=$endpoint"
    echo "leaky.$index.requests=$leak_sent"
    echo "leaky.$index.errors=$leak_errors"
    echo "leaky.$index.heap_before=$leak_before"
    echo "leaky.$index.heap_after=$leak_after"
    echo "leaky.$index.report=soak-leaky-$index.json"
  done
} > "$OUT/soak.properties"
