#!/usr/bin/env bash
# Loopback load comparison (a stage of run.sh): the load app (benchmarks module, LoadApplication) started three
# times on 127.0.0.1 -- starter enabled (A), --memory.lifecycle.enabled=false (B) and enabled again (A', the A/A
# noise floor) -- then, after a warm-up, alternating short wrk runs:
#   hello    GET /hello, registers nothing:          rounds of A, B, A' (order reversed every other round)
#   cleanup  GET /hello/cleanup, registers a cleanup: rounds of A, B (starter registry vs Spring's destruction callback)
# Every run appends one line to $OUT/load.tsv: section, round, app, requests/s, p99 latency (ms), errors; warm-up
# rounds are numbered 0 and below and left out of the report.
# Usage: benchmarks/load.sh CLASSPATH OUT_DIR. Defaults keep the stage under ~5 minutes on 2 cores.
set -euo pipefail
CP=$1
OUT=$2
PAIRS=${LOAD_PAIRS:-10}                 # rounds on /hello
CLEANUP_PAIRS=${LOAD_CLEANUP_PAIRS:-6}  # rounds on /hello/cleanup
RUN_SECONDS=${LOAD_SECONDS:-5}
WARMUP_SECONDS=${LOAD_WARMUP_SECONDS:-5}
WARMUP_ROUNDS=${LOAD_WARMUP_ROUNDS:-2}  # unrecorded rounds of both patterns after the first warm-up runs
THREADS=${LOAD_THREADS:-2}
CONNECTIONS=${LOAD_CONNECTIONS:-32}
BASE_PORT=${LOAD_BASE_PORT:-18081}
JVM_OPTS=${LOAD_JVM_OPTS:--Xms256m -Xmx256m}
# To compare another app, give its jar (it must start with memory.lifecycle.enabled=false and serve both paths):
LOAD_JAR=${LOAD_JAR:-}

if ! command -v wrk >/dev/null 2>&1; then
  echo "== installing wrk (Debian package)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

declare -A PORT=([A]=$BASE_PORT [B]=$((BASE_PORT + 1)) [A2]=$((BASE_PORT + 2)))
declare -A ARGS=([A]="" [B]="--memory.lifecycle.enabled=false" [A2]="")
PIDS=()
stop_apps() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap stop_apps EXIT

start_app() { # name
  local name=$1
  local launch=(-cp "$CP" io.github.memorylifecycle.benchmarks.load.LoadApplication)
  if [ -n "$LOAD_JAR" ]; then
    launch=(-jar "$LOAD_JAR")
  fi
  # shellcheck disable=SC2086
  java $JVM_OPTS "${launch[@]}" --server.address=127.0.0.1 --server.port="${PORT[$name]}" ${ARGS[$name]} \
    > "$OUT/load-app-$name.log" 2>&1 &
  PIDS+=($!)
}

wait_ready() { # name
  local url="http://127.0.0.1:${PORT[$1]}/hello"
  for _ in $(seq 1 240); do
    if curl -fs -o /dev/null "$url"; then
      return 0
    fi
    sleep 0.5
  done
  echo "app $1 did not start, see $OUT/load-app-$1.log" >&2
  exit 1
}

# wrk_run name path seconds -> prints "requests/s<TAB>p99 ms<TAB>errors"
wrk_run() {
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${3}s" --latency "http://127.0.0.1:${PORT[$1]}$2" | awk '
    /^ +99%/ { v = $2; u = v; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u)
               p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v }
    /^Requests\/sec:/ { rps = $2 }
    /Non-2xx or 3xx responses:/ { errors += $NF }
    /Socket errors:/ { gsub(/,/, ""); errors += $4 + $6 + $8 + $10 }
    END { printf "%s\t%.3f\t%d\n", rps, p99, errors }'
}

measure() { # section round name path
  local result
  result=$(wrk_run "$3" "$4" "$RUN_SECONDS")
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$result" >> "$OUT/load.tsv"
  printf '   %-8s round %2s  %-2s  %s\n' "$1" "$2" "$3" "$result"
}

echo "== load: starting the three apps"
for name in A B A2; do
  start_app "$name"
done
for name in A B A2; do
  wait_ready "$name"
done

hello_round() { # round
  local order=(A B A2)
  if [ $(($1 % 2)) -eq 0 ]; then
    order=(A2 B A)
  fi
  for name in "${order[@]}"; do
    measure hello "$1" "$name" /hello
  done
}

cleanup_round() { # round
  local order=(A B)
  if [ $(($1 % 2)) -eq 0 ]; then
    order=(B A)
  fi
  for name in "${order[@]}"; do
    measure cleanup "$1" "$name" /hello/cleanup
  done
}

# Warm-up: a first run per app and path, then whole rounds in the measured pattern, recorded as round 0 and below
# and left out of the ratios (on a busy 2-core machine the JIT needs more than one short run to settle).
echo "== load: warm-up, ${WARMUP_SECONDS}s per app and path, then $WARMUP_ROUNDS unrecorded rounds"
for name in A B A2; do
  wrk_run "$name" /hello "$WARMUP_SECONDS" > /dev/null
done
for name in A B; do
  wrk_run "$name" /hello/cleanup "$WARMUP_SECONDS" > /dev/null
done
printf 'section\tround\tapp\trequests_per_second\tp99_ms\terrors\n' > "$OUT/load.tsv"
for round in $(seq $((1 - WARMUP_ROUNDS)) 0); do
  hello_round "$round"
  cleanup_round "$round"
done

echo "== load: $PAIRS rounds on /hello (A = enabled, B = disabled, A2 = enabled), ${RUN_SECONDS}s each"
for round in $(seq 1 "$PAIRS"); do
  hello_round "$round"
done

echo "== load: $CLEANUP_PAIRS rounds on /hello/cleanup (A = starter registry, B = Spring destruction callback)"
for round in $(seq 1 "$CLEANUP_PAIRS"); do
  cleanup_round "$round"
done

{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "wrk=wrk -t$THREADS -c$CONNECTIONS -d${RUN_SECONDS}s --latency"
  echo "warmup=${WARMUP_SECONDS}s per app and path, then $WARMUP_ROUNDS unrecorded rounds"
  echo "jvm_options=$JVM_OPTS"
  echo "app=${LOAD_JAR:-LoadApplication (benchmarks module)}"
  echo "cleanups_run_A=$(curl -fs "http://127.0.0.1:${PORT[A]}/hello/cleanups-run" || echo '?')"
  echo "cleanups_run_B=$(curl -fs "http://127.0.0.1:${PORT[B]}/hello/cleanups-run" || echo '?')"
} > "$OUT/load.properties"
