#!/usr/bin/env bash
# Builds the benchmarks module and runs the whole suite, then rewrites benchmarks/RESULTS.md:
#   jmh   JMH comparisons, starter vs plain Spring in the same run, with -prof gc: 5 short passes, each with its
#         own ratios, then the medians (about 20 minutes); then bytes retained per live timer (TimerFootprint)
#   load  loopback load comparison with wrk: starter enabled vs disabled, plus an A/A noise floor (about 5 minutes)
#   cpu   CPU time per request of the server (not throughput): starter on/off, an A/A pair and a calibration with
#         a known 1 % extra cost, many short rounds in random order (about 55 minutes for three suites); benchmarks/cpu.sh
#   soak  200 000 requests on the sample app's fixed endpoints, then each leaky endpoint, after-GC heap and the
#         endpoint's report (about 3 minutes)
# Usage: benchmarks/run.sh [jmh] [load] [cpu] [soak]  (no argument: all four)
# Knobs: JMH_ARGS, JMH_PASSES, LOAD_* (see load.sh), SOAK_* (see soak.sh), MVN_ARGS (e.g. -o).
# A stage that is not run keeps its previous results in benchmarks/target/results; each section of RESULTS.md
# says when it was measured.
set -euo pipefail
cd "$(dirname "$0")/.."

stages=("$@")
if [ ${#stages[@]} -eq 0 ]; then
  stages=(jmh load cpu soak)
fi
OUT=benchmarks/target/results
mkdir -p "$OUT"

# the machine, and its load before anything of this run starts
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cores=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory=$(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "os=$(uname -sr)"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "commit=$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "command=benchmarks/run.sh ${*:-}"
} > "$OUT/machine.properties"

echo "== building the benchmarks module and the sample app"
# shellcheck disable=SC2086
mvn -B -q ${MVN_ARGS:-} -P benchmarks -pl benchmarks,sample-app -am package -Dmaven.test.skip=true
CP="$PWD/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
echo "$CP" > benchmarks/target/run-classpath.txt

for stage in "${stages[@]}"; do
  case "$stage" in
    jmh)
      JMH_ARGS=${JMH_ARGS:--f 1 -wi 3 -w 1s -i 5 -r 1s}
      JMH_PASSES=${JMH_PASSES:-5}
      PROFILERS="-prof gc -prof io.github.memorylifecycle.benchmarks.CpuTimeProfiler"
      rm -f "$OUT"/jmh-*.json "$OUT"/jmh-*.log
      for pass in $(seq 1 "$JMH_PASSES"); do
        echo "== JMH pass $pass of $JMH_PASSES: $JMH_ARGS $PROFILERS"
        # shellcheck disable=SC2086
        java -cp "$CP" org.openjdk.jmh.Main $JMH_ARGS $PROFILERS -rf json -rff "$OUT/jmh-$pass.json" \
          > "$OUT/jmh-$pass.log"
        sed -n '/^Benchmark /,/^Benchmark result/p' "$OUT/jmh-$pass.log" \
          | grep -v -E ':gc\.(count|time|alloc\.rate) ' || true
      done
      printf 'date=%s\nargs=%s %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$JMH_ARGS" "$PROFILERS" \
        > "$OUT/jmh.properties"
      echo "== bytes retained per live timer, raw vs tracked scheduler"
      java -XX:+UseSerialGC -Xmx1g -cp "$CP" io.github.memorylifecycle.scheduling.TimerFootprint "$OUT" \
        2> "$OUT/timers.log"
      echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')" >> "$OUT/timers.properties"
      ;;
    load)
      benchmarks/load.sh "$CP" "$OUT"
      ;;
    cpu)
      benchmarks/cpu.sh "$CP" "$OUT"
      ;;
    soak)
      benchmarks/soak.sh "$OUT"
      ;;
    *)
      echo "unknown stage '$stage': use jmh, load, cpu or soak" >&2
      exit 2
      ;;
  esac
done

echo "loadavg_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/machine.properties"
java -cp "$CP" io.github.memorylifecycle.benchmarks.report.ResultsReport "$OUT" benchmarks/RESULTS.md
echo "== wrote benchmarks/RESULTS.md"
