#!/usr/bin/env bash
# CPU time per request (a stage of run.sh): resolves about 1 % where throughput on a shared 2-core machine cannot.
# The load app (LoadApplication) runs four times on 127.0.0.1, each JVM pinned to core 0 and wrk to core 1:
#   A   starter enabled          B   --memory.lifecycle.enabled=false
#   A2  starter enabled again (the A/A pair: it must come out within about 1 % of A)
#   C   starter enabled plus a filter burning a known 1 % of A's CPU per request (the calibration: the method must
#       see it)
# Each round runs every app once, in a random order, for a short wrk run, and reads the app's CPU time from
# /proc/<pid>/task/*/schedstat (nanoseconds, every thread: request threads, GC, JIT) before and after: CPU per
# request = CPU time / requests served. Ratios are taken within a round, then their median and spread over rounds.
# Sections: hello (GET /hello, registers nothing) and cleanup (GET /hello/cleanup: the starter's registry against
# Spring's destruction callback).
# Usage: benchmarks/cpu.sh CLASSPATH OUT_DIR. Knobs: CPU_ROUNDS (20), CPU_SECONDS (3), CPU_WARMUP_SECONDS (10),
# CPU_BURN_PERCENT (1), CPU_CONNECTIONS (8), CPU_BASE_PORT (18091), CPU_JVM_OPTS, CPU_A2_ARGS (arguments that turn
# A2 from the A/A twin into a variant, e.g. --memory.lifecycle.leak.enabled=false, to find where a cost comes from).
set -euo pipefail
CP=$1
OUT=$2
ROUNDS=${CPU_ROUNDS:-20}
RUN_SECONDS=${CPU_SECONDS:-3}
WARMUP_SECONDS=${CPU_WARMUP_SECONDS:-10}
BURN_PERCENT=${CPU_BURN_PERCENT:-1}
CONNECTIONS=${CPU_CONNECTIONS:-8}
BASE_PORT=${CPU_BASE_PORT:-18091}
JVM_OPTS=${CPU_JVM_OPTS:--Xms256m -Xmx256m -XX:+UseSerialGC}

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
SERVER_CPU=(); LOAD_CPU=()
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  SERVER_CPU=(taskset -c 0); LOAD_CPU=(taskset -c 1)
fi

declare -A PORT=([A]=$BASE_PORT [B]=$((BASE_PORT + 1)) [A2]=$((BASE_PORT + 2)) [C]=$((BASE_PORT + 3)))
declare -A PID
PIDS=()
stop_apps() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap stop_apps EXIT

start_app() { # name extra-args...
  local name=$1; shift
  # shellcheck disable=SC2086
  "${SERVER_CPU[@]}" java $JVM_OPTS -cp "$CP" io.github.memorylifecycle.benchmarks.load.LoadApplication \
    --server.address=127.0.0.1 --server.port="${PORT[$name]}" "$@" > "$OUT/cpu-app-$name.log" 2>&1 &
  PID[$name]=$!
  PIDS+=($!)
  for _ in $(seq 1 240); do
    if curl -fs -o /dev/null "http://127.0.0.1:${PORT[$name]}/hello"; then return 0; fi
    sleep 0.5
  done
  echo "app $name did not start, see $OUT/cpu-app-$name.log" >&2
  exit 1
}

cpu_ns() { # pid -> CPU nanoseconds of all its threads
  cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $1 } END { printf "%.0f\n", s }'
}

# run name path seconds -> prints "requests<TAB>cpu_ns"
run() {
  local before after requests
  before=$(cpu_ns "${PID[$1]}")
  requests=$("${LOAD_CPU[@]}" wrk -t1 -c"$CONNECTIONS" -d"${3}s" "http://127.0.0.1:${PORT[$1]}$2" \
    | awk '/requests in/ { print $1 }')
  after=$(cpu_ns "${PID[$1]}")
  printf '%s\t%s\n' "$requests" "$((after - before))"
}

echo "== cpu: starting A, B, A2"
start_app A
start_app B --memory.lifecycle.enabled=false
# shellcheck disable=SC2086
start_app A2 ${CPU_A2_ARGS:-}
for name in A B A2; do
  run "$name" /hello "$WARMUP_SECONDS" > /dev/null
  run "$name" /hello/cleanup "$WARMUP_SECONDS" > /dev/null
done
# an unrecorded round of A, B, A2 in the measured pattern (JIT compilers of four JVMs share one core: ten seconds
# are not enough to settle), whose A gives the CPU per request the calibration burns a share of
total_requests=0; total_cpu=0
for name in $(printf '%s\n' A B A2 | shuf); do
  for path in /hello /hello/cleanup; do
    read -r requests cpu < <(run "$name" "$path" "$RUN_SECONDS")
    if [ "$name" = A ] && [ "$path" = /hello ]; then total_requests=$requests; total_cpu=$cpu; fi
  done
done
BURN=$((total_cpu / total_requests * BURN_PERCENT / 100))
echo "== cpu: A uses $((total_cpu / total_requests)) ns of CPU per /hello request; C burns $BURN ns more ($BURN_PERCENT %)"
start_app C --load.burn-nanos="$BURN"
run C /hello "$WARMUP_SECONDS" > /dev/null
run C /hello/cleanup "$WARMUP_SECONDS" > /dev/null
for name in $(printf '%s\n' A B A2 C | shuf); do # one more unrecorded round, all four
  run "$name" /hello "$RUN_SECONDS" > /dev/null
  run "$name" /hello/cleanup "$RUN_SECONDS" > /dev/null
done

printf 'section\tround\tapp\trequests\tcpu_ns\n' > "$OUT/cpu.tsv"
for round in $(seq 1 "$ROUNDS"); do
  for section in hello cleanup; do
    path=/hello; [ "$section" = cleanup ] && path=/hello/cleanup
    for name in $(printf '%s\n' A B A2 C | shuf); do
      read -r requests cpu < <(run "$name" "$path" "$RUN_SECONDS")
      printf '%s\t%s\t%s\t%s\t%s\n' "$section" "$round" "$name" "$requests" "$cpu" >> "$OUT/cpu.tsv"
    done
  done
  echo "   round $round of $ROUNDS done"
done

{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "rounds=$ROUNDS rounds of ${RUN_SECONDS}s per app, random order; warm-up ${WARMUP_SECONDS}s per app and path, then two unrecorded rounds"
  echo "wrk=wrk -t1 -c$CONNECTIONS, ${LOAD_CPU[*]:-unpinned}; servers ${SERVER_CPU[*]:-unpinned}"
  echo "burn_ns=$BURN"
  echo "jvm_options=$JVM_OPTS"
} > "$OUT/cpu.properties"

python3 - "$OUT/cpu.tsv" "$BURN" <<'PY' | tee "$OUT/cpu-summary.txt"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
burn_ns = float(sys.argv[2])
per = {}
for r in rows:
    per.setdefault((r['section'], int(r['round'])), {})[r['app']] = int(r['cpu_ns']) / max(1, int(r['requests']))
def line(section, label, num, den):
    ratios = sorted(v[num] / v[den] for (s, _), v in per.items() if s == section and num in v and den in v)
    q = statistics.quantiles(ratios, n=4) if len(ratios) >= 4 else [ratios[0], statistics.median(ratios), ratios[-1]]
    print(f"{section:8} {label:34} median {statistics.median(ratios):.4f}  IQR {q[0]:.4f}-{q[2]:.4f}"
          f"  min {ratios[0]:.4f}  max {ratios[-1]:.4f}  ({len(ratios)} rounds)")
for section in ('hello', 'cleanup'):
    cpu_a = statistics.median(v['A'] for (s, _), v in per.items() if s == section)
    print(f"{section:8} CPU per request of A (median)      {cpu_a / 1000:.1f} us")
    line(section, "starter/plain   A/B", 'A', 'B')
    line(section, "A/A noise       A2/A", 'A2', 'A')
    line(section, f"calibration     C/A (expected {1 + burn_ns / cpu_a:.4f})", 'C', 'A')
PY
