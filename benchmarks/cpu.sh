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
# Only the app being loaded runs: the others are stopped (SIGSTOP), so that their JIT compilers, collectors and
# timers cannot run in its round. Each app is warmed until it is steady (a warm-up window in which its JIT compiler
# threads used under 1 % of its CPU, and whose CPU per request is within CPU_STEADY_PERCENT of the window before),
# since a JVM still compiling costs more per request for minutes (the session suite's H2 needed about two).
# Suites, each with its own four apps and calibration, one after the other:
#   servlet   sections hello (GET /hello, registers nothing) and cleanup (GET /hello/cleanup: the starter's registry
#             against Spring's destruction callback), Spring MVC on Tomcat
#   reactive  section exchange (GET /hello as a WebFlux exchange that registers nothing), on Reactor Netty
#   session   section session (GET /hello/session, reading the request's session, kept by Spring Session in JDBC
#             on H2; one session per app, its cookie sent by wrk)
# Usage: benchmarks/cpu.sh CLASSPATH OUT_DIR. Knobs: CPU_SUITES ("servlet reactive session"), CPU_ROUNDS (20),
# CPU_SECONDS (3), CPU_WARMUP_SECONDS (10: one warm-up window), CPU_WARMUP_MAX_SECONDS (150),
# CPU_STEADY_PERCENT (2), CPU_BURN_PERCENT (1), CPU_CONNECTIONS (8), CPU_BASE_PORT (18091),
# CPU_JVM_OPTS, CPU_A2_ARGS (arguments that turn A2 from the A/A twin into a variant, e.g.
# --memory.lifecycle.leak.enabled=false, to find where a cost comes from).
set -euo pipefail
CP=$1
OUT=$2
ROUNDS=${CPU_ROUNDS:-20}
RUN_SECONDS=${CPU_SECONDS:-3}
WARMUP_SECONDS=${CPU_WARMUP_SECONDS:-10}
WARMUP_MAX_SECONDS=${CPU_WARMUP_MAX_SECONDS:-150}
STEADY_PERCENT=${CPU_STEADY_PERCENT:-2}
BURN_PERCENT=${CPU_BURN_PERCENT:-1}
CONNECTIONS=${CPU_CONNECTIONS:-8}
BASE_PORT=${CPU_BASE_PORT:-18091}
# a fixed number of JIT compiler threads: the JVM otherwise stops idle ones, and their CPU leaves the process's sum
JVM_OPTS=${CPU_JVM_OPTS:--Xms256m -Xmx256m -XX:+UseSerialGC -XX:-UseDynamicNumberOfCompilerThreads}

if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
SERVER_CPU=(); LOAD_CPU=()
if command -v taskset >/dev/null 2>&1 && [ "$(nproc)" -ge 2 ]; then
  SERVER_CPU=(taskset -c 0); LOAD_CPU=(taskset -c 1)
fi

SUITES=${CPU_SUITES:-servlet reactive session}
# the application.properties of the load app switches Spring Session and JDBC off; a suite that changes the
# exclusions repeats them
EXCLUDED=org.springframework.boot.session.autoconfigure.SessionAutoConfiguration,org.springframework.boot.session.autoconfigure.SessionsEndpointAutoConfiguration,org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration,org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration,org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration
TOMCAT_REACTIVE=org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration

declare -A PORT=([A]=$BASE_PORT [B]=$((BASE_PORT + 1)) [A2]=$((BASE_PORT + 2)) [C]=$((BASE_PORT + 3)))
declare -A PID
declare -A COOKIE
PIDS=()
stop_apps() {
  for pid in "${PIDS[@]}"; do kill -CONT "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  PIDS=()
}
trap stop_apps EXIT

start_app() { # name extra-args...
  local name=$1; shift
  # shellcheck disable=SC2086
  "${SERVER_CPU[@]}" java $JVM_OPTS -cp "$CP" io.github.memorylifecycle.benchmarks.load.LoadApplication \
    --server.address=127.0.0.1 --server.port="${PORT[$name]}" "${SUITE_ARGS[@]}" "$@" \
    > "$OUT/cpu-app-$SUITE-$name.log" 2>&1 &
  PID[$name]=$!
  PIDS+=($!)
  for _ in $(seq 1 240); do
    if curl -fs -o /dev/null "http://127.0.0.1:${PORT[$name]}/hello"; then break; fi
    sleep 0.5
  done
  if ! curl -fs -o /dev/null "http://127.0.0.1:${PORT[$name]}/hello"; then
    echo "app $name did not start, see $OUT/cpu-app-$SUITE-$name.log" >&2
    exit 1
  fi
  COOKIE[$name]=""
  if [ "$SUITE" = session ]; then # one session per app, reused by every request of wrk
    COOKIE[$name]=$(curl -fs -o /dev/null -D - "http://127.0.0.1:${PORT[$name]}/hello/session" \
      | tr -d '\r' | awk -F'[:;] *' 'tolower($1) == "set-cookie" { print $2; exit }')
    if [ -z "${COOKIE[$name]}" ]; then
      echo "app $name set no session cookie, see $OUT/cpu-app-$SUITE-$name.log" >&2
      exit 1
    fi
  fi
  kill -STOP "${PID[$name]}" # runs only in its own rounds
}

tasks_ns() { # pid -> one line per thread: its id and CPU nanoseconds
  local task
  for task in /proc/"$1"/task/*; do
    printf '%s %s\n' "${task##*/}" "$(cut -d' ' -f1 "$task/schedstat" 2>/dev/null || echo 0)"
  done
}

cpu_delta() { # before-file after-file -> CPU nanoseconds used in between, thread by thread: a thread that ended in
  # between (a JIT compiler thread the JVM stopped, say) would otherwise take all its earlier CPU out of a sum
  awk 'NR == FNR { before[$1] = $2; next } { s += $2 - (($1 in before) ? before[$1] : 0) } END { printf "%.0f\n", s }' "$1" "$2"
}

jit_ns() { # pid -> CPU nanoseconds of its JIT compiler threads
  local task total=0
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      C1\ Compiler*|C2\ Compiler*) total=$((total + $(cut -d' ' -f1 "$task/schedstat" 2>/dev/null || echo 0))) ;;
    esac
  done
  echo "$total"
}

# run name path seconds -> prints "requests<TAB>cpu_ns"
run() {
  local requests header=()
  if [ -n "${COOKIE[$1]:-}" ]; then header=(-H "Cookie: ${COOKIE[$1]}"); fi
  kill -CONT "${PID[$1]}"
  tasks_ns "${PID[$1]}" > "$OUT/.cpu-before"
  requests=$("${LOAD_CPU[@]}" wrk -t1 -c"$CONNECTIONS" -d"${3}s" "${header[@]}" "http://127.0.0.1:${PORT[$1]}$2" \
    | awk '/requests in/ { print $1 }')
  tasks_ns "${PID[$1]}" > "$OUT/.cpu-after"
  kill -STOP "${PID[$1]}"
  printf '%s\t%s\n' "$requests" "$(cpu_delta "$OUT/.cpu-before" "$OUT/.cpu-after")"
}

# warm name path: runs warm-up windows until the app is steady: its JIT compilers used under 1 % of the window's CPU
# and its CPU per request is within STEADY_PERCENT of the window before; or until WARMUP_MAX_SECONDS have passed.
# Prints how many windows it took and the last CPU per request.
warm() {
  local requests cpu jit_before jit previous=0 current windows=0 steady=no
  while [ $((windows * WARMUP_SECONDS)) -lt "$WARMUP_MAX_SECONDS" ]; do
    jit_before=$(jit_ns "${PID[$1]}")
    read -r requests cpu < <(run "$1" "$2" "$WARMUP_SECONDS")
    jit=$(($(jit_ns "${PID[$1]}") - jit_before))
    windows=$((windows + 1))
    current=$((cpu / (requests > 0 ? requests : 1)))
    if [ "$previous" -gt 0 ] && [ $((100 * jit)) -le "$cpu" ] \
        && [ $((100 * (current > previous ? current - previous : previous - current))) -le $((STEADY_PERCENT * previous)) ]; then
      steady=yes; break
    fi
    previous=$current
  done
  echo "   warm-up $SUITE $1 $2: $windows windows of ${WARMUP_SECONDS}s, $((current / 1000)) us per request, JIT $((jit / 1000000)) ms in the last, steady=$steady"
}

printf 'section\tround\tapp\trequests\tcpu_ns\n' > "$OUT/cpu.tsv"
: > "$OUT/cpu-burn.tsv"
for SUITE in $SUITES; do
  case "$SUITE" in
    servlet)  SUITE_ARGS=(); SECTIONS=(hello:/hello cleanup:/hello/cleanup) ;;
    reactive) SUITE_ARGS=(--spring.main.web-application-type=reactive
                "--spring.autoconfigure.exclude=$EXCLUDED,$TOMCAT_REACTIVE"); SECTIONS=(exchange:/hello) ;;
    session)  SUITE_ARGS=("--spring.autoconfigure.exclude="); SECTIONS=(session:/hello/session) ;;
    *) echo "unknown suite '$SUITE': use servlet, reactive or session" >&2; exit 2 ;;
  esac
  echo "== cpu, $SUITE: starting A, B, A2"
  start_app A
  start_app B --memory.lifecycle.enabled=false
  # shellcheck disable=SC2086
  start_app A2 ${CPU_A2_ARGS:-}
  for name in A B A2; do
    for section in "${SECTIONS[@]}"; do warm "$name" "${section#*:}"; done
  done
  # an unrecorded round of A, B, A2 in the measured pattern, whose A gives the CPU per request the calibration burns
  # a share of
  total_requests=0; total_cpu=0
  for name in $(printf '%s\n' A B A2 | shuf); do
    for section in "${SECTIONS[@]}"; do
      read -r requests cpu < <(run "$name" "${section#*:}" "$RUN_SECONDS")
      if [ "$name" = A ] && [ "$section" = "${SECTIONS[0]}" ]; then total_requests=$requests; total_cpu=$cpu; fi
    done
  done
  if [ "${total_requests:-0}" -le 0 ] || [ "${total_cpu:-0}" -le 0 ]; then
    echo "A served ${total_requests:-no} requests using ${total_cpu:-no} ns of CPU in the unrecorded round: cannot calibrate" >&2
    exit 1
  fi
  BURN=$((total_cpu / total_requests * BURN_PERCENT / 100))
  echo "== cpu, $SUITE: A uses $((total_cpu / total_requests)) ns of CPU per ${SECTIONS[0]#*:} request; C burns $BURN ns more ($BURN_PERCENT %)"
  for section in "${SECTIONS[@]}"; do printf '%s\t%s\n' "${section%%:*}" "$BURN" >> "$OUT/cpu-burn.tsv"; done
  start_app C --load.burn-nanos="$BURN"
  for section in "${SECTIONS[@]}"; do warm C "${section#*:}"; done
  for name in $(printf '%s\n' A B A2 C | shuf); do # one more unrecorded round, all four
    for section in "${SECTIONS[@]}"; do run "$name" "${section#*:}" "$RUN_SECONDS" > /dev/null; done
  done
  for round in $(seq 1 "$ROUNDS"); do
    for section in "${SECTIONS[@]}"; do
      for name in $(printf '%s\n' A B A2 C | shuf); do
        read -r requests cpu < <(run "$name" "${section#*:}" "$RUN_SECONDS")
        printf '%s\t%s\t%s\t%s\t%s\n' "${section%%:*}" "$round" "$name" "$requests" "$cpu" >> "$OUT/cpu.tsv"
      done
    done
    echo "   $SUITE: round $round of $ROUNDS done"
  done
  stop_apps
done

{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "rounds=$ROUNDS rounds of ${RUN_SECONDS}s per app, random order; each app alone on its core (the others stopped); warm-up per app and path in ${WARMUP_SECONDS}s windows until its JIT is idle and two agree within ${STEADY_PERCENT} % (at most ${WARMUP_MAX_SECONDS}s), then two unrecorded rounds"
  echo "wrk=wrk -t1 -c$CONNECTIONS, ${LOAD_CPU[*]:-unpinned}; servers ${SERVER_CPU[*]:-unpinned}"
  echo "burn_ns=$(awk '{ printf "%s%s %s ns", (NR > 1 ? ", " : ""), $1, $2 }' "$OUT/cpu-burn.tsv")"
  echo "suites=$SUITES"
  echo "jvm_options=$JVM_OPTS"
} > "$OUT/cpu.properties"

python3 - "$OUT/cpu.tsv" "$OUT/cpu-burn.tsv" <<'PY' | tee "$OUT/cpu-summary.txt"
import csv, statistics, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter='\t'))
burns = dict(line.split() for line in open(sys.argv[2]) if line.strip())
per = {}
for r in rows:
    per.setdefault((r['section'], int(r['round'])), {})[r['app']] = int(r['cpu_ns']) / max(1, int(r['requests']))
def line(section, label, num, den):
    ratios = sorted(v[num] / v[den] for (s, _), v in per.items() if s == section and num in v and den in v)
    q = statistics.quantiles(ratios, n=4) if len(ratios) >= 4 else [ratios[0], statistics.median(ratios), ratios[-1]]
    print(f"{section:8} {label:34} median {statistics.median(ratios):.4f}  IQR {q[0]:.4f}-{q[2]:.4f}"
          f"  min {ratios[0]:.4f}  max {ratios[-1]:.4f}  ({len(ratios)} rounds)")
for section in dict.fromkeys(r['section'] for r in rows):
    cpu_a = statistics.median(v['A'] for (s, _), v in per.items() if s == section)
    print(f"{section:8} CPU per request of A (median)      {cpu_a / 1000:.1f} us")
    line(section, "starter/plain   A/B", 'A', 'B')
    line(section, "A/A noise       A2/A", 'A2', 'A')
    line(section, f"calibration     C/A (expected {1 + float(burns[section]) / cpu_a:.4f})", 'C', 'A')
PY
