#!/usr/bin/env bash
# The leak tour as a table: for each pattern of the sample, N requests at the leaky endpoint, then N at the fixed
# one, each from a reset and followed by a garbage collection, with the figures of /actuator/memory-lifecycle.
#
# It starts nothing: run the sample first (mvn -pl sample-app -am spring-boot:run), then
#   sample-app/tour.sh            # 50 requests per variant, against http://localhost:8080
#   sample-app/tour.sh 200        # 200 requests per variant
#   BASE_URL=http://host:9090 sample-app/tour.sh
# Needs bash, curl and python3 (standard library only). Takes about a minute with the defaults.
set -euo pipefail

BASE_URL="${BASE_URL:-http://localhost:8080}"
N="${1:-${N:-50}}"
PATTERNS=(closure timer listener cache global cycle)

if ! [[ "$N" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: $0 [requests per variant, default 50]" >&2
  exit 2
fi
if ! curl -fsS -o /dev/null "$BASE_URL/leaks"; then
  echo "No sample app at $BASE_URL: start it with 'mvn -pl sample-app -am spring-boot:run' (or set BASE_URL)" >&2
  exit 1
fi

post() {
  curl -fsS -X POST -o /dev/null "$BASE_URL$1"
}

# One line of figures: live timers, runtime listeners, leak suspects (objects still reachable), objects still
# waiting for the leak watcher's verdict, heap used in MB, and entries of both sample caches.
measure() {
  curl -fsS "$BASE_URL/actuator/memory-lifecycle?limit=100" | python3 -c '
import json, sys
d = json.load(sys.stdin)
leaks = d.get("leaks") or {}
caches = sum((c.get("estimatedSize") or 0) for c in (d.get("caches") or {}).get("items", [])
             if c.get("name") in ("leaky-quotes", "quotes"))
print(d["timers"]["live"], d["listeners"]["live"], leaks.get("retained", 0), leaks.get("watching", 0),
      "%.1f" % (d["memory"]["heapUsed"] / 1048576), caches)'
}

# Collects, then waits until every watched object is either collected or a leak suspect (the sample's
# memory.lifecycle.leak.delay is 2s). The watcher counts an object as covered by a collection only if it was
# watched a few tens of milliseconds before the collection started, so the second GC covers the last requests;
# and it collects again if the verdicts do not come.
collect_and_settle() {
  local attempt poll figures
  for attempt in 1 2 3 4 5 6 7 8; do
    post /leaks/gc
    post /leaks/gc
    for poll in 1 2 3 4 5 6 7 8 9 10; do
      figures=$(measure)
      if [ "$(cut -d' ' -f4 <<<"$figures")" = 0 ]; then
        echo "$figures"
        return
      fi
      sleep 0.3
    done
  done
  echo "$figures"
}

# Fires N requests at one variant from a reset state; prints the figures after the collection.
run() {
  local pattern=$1 variant=$2 i
  post /leaks/reset
  collect_and_settle >/dev/null
  for ((i = 0; i < N; i++)); do
    post "/leaks/$pattern/$variant"
  done
  collect_and_settle
}

post /leaks/reset
read -r _ _ _ _ baseline _ <<<"$(collect_and_settle)"
echo "$N requests per variant against $BASE_URL; each cell is leaky / fixed."
echo "Heap after a reset and a GC, before any request: $baseline MB."
echo
printf '| %-8s | %-11s | %-17s | %-13s | %-13s | %-18s |\n' pattern "live timers" "runtime listeners" \
  "leak suspects" "cache entries" "after-GC heap (MB)"
printf '|%s|%s|%s|%s|%s|%s|\n' ---------- ------------- ------------------- --------------- --------------- \
  --------------------
for pattern in "${PATTERNS[@]}"; do
  read -r lt ll ls _ lh lc <<<"$(run "$pattern" leaky)"
  read -r ft fl fs _ fh fc <<<"$(run "$pattern" fixed)"
  printf '| %-8s | %-11s | %-17s | %-13s | %-13s | %-18s |\n' "$pattern" "$lt / $ft" "$ll / $fl" "$ls / $fs" \
    "$lc / $fc" "$lh / $fh"
done
post /leaks/reset
echo
echo "leak suspects: objects handed to the leak watcher and still reachable after their request ended and a GC."
echo "The tour was reset at the end; the leaky timers of the last run are cancelled."
