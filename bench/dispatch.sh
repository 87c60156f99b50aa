#!/usr/bin/env bash
# Dispatch and receipts: N messages already queued in Recado go to an SMSC in its own process
# (bench/Smsc.java, receipts 50 ms after each submit) until every receipt is stored.
# Usage: bench/dispatch.sh [postgres|h2] [messages] [runs]
#
# Per run: fresh database, Recado from the jar (-Xmx512m, sandbox off), workspace credit, an SMPP
# sender pointing at a port where no SMSC listens yet, N messages through POST /v1/messages/batch
# (1,000 per call; they stay queued), then the SMSC starts. Timed from the SMSC's first submit
# until the database holds no message queued, sending or sent (psql poll every 0.2 s; with h2 the
# API is polled instead). CPU is Recado's process over the same interval, from /proc/<pid>/stat.
# Compare with bench/kannel.sh (same SMSC, same N, same text).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
DB=${1:-postgres}; MESSAGES=${2:-100000}; RUNS=${3:-3}
KEY=rk_bench_key_000000000000000000000001
PLATFORM=bench_platform_key_0001
SMSC_PORT=${SMSC_PORT:-2776}
RECEIPT_DELAY_MS=50
TEXT=${TEXT:-"Your access code is 482913. It expires in 10 minutes."}
JAVA=$(bench_java)
CP_FILE="$ROOT/target/bench-classpath.txt"
if [ -n "${SKIP_BUILD:-}" ] && [ -f "$CP_FILE" ]; then  # SKIP_BUILD=1 reuses the jar and classpath of the last run
  JAR=${JAR:-$(ls "$ROOT"/target/recado-*.jar | grep -v original | head -n1)}
else
  bench_build
  (cd "$ROOT" && flock /tmp/recado-mvn.lock ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime)
fi
CP="$ROOT/target/classes:$(cat "$CP_FILE")"
export JVM_OPTS=${JVM_OPTS:--Xmx512m}

# the batch bodies, written once: numbers +3461xxxxxxx, all with the same text
BODIES=$(mktemp -d /tmp/recado-dispatch-bodies-XXXX)
awk -v n="$MESSAGES" -v text="$TEXT" -v dir="$BODIES" 'BEGIN {
  for (b = 0; b * 1000 < n; b++) {
    f = sprintf("%s/%05d.json", dir, b); printf "{\"messages\":[" > f
    for (i = b * 1000; i < n && i < (b + 1) * 1000; i++)
      printf "%s{\"to\":\"+3461%07d\",\"body\":\"%s\"}", (i > b * 1000 ? "," : ""), i, text > f
    printf "]}" > f; close(f)
  } }'

pending() {
  if [ "$DB" = postgres ]; then
    # nothing left to send (queue), to store (the SMSC's count of acknowledged receipts, read from
    # its status file) or to apply (inbox, early receipts): small tables, where counting the
    # statuses of every message (no index on status) would cost the database more than the run
    local acked
    acked=$(value receipts_acknowledged "$DATA/smsc.status" 2>/dev/null || echo 0)
    if [ "${acked:-0}" -lt "$MESSAGES" ]; then echo "unacknowledged"; return; fi
    psql -h 127.0.0.1 -U postgres -d recado_bench_dispatch -tAc \
      "select (select count(*) from dispatch_queue) + (select count(*) from receipt_inbox) + (select count(*) from early_receipts)"
  else
    local n=0 s
    for s in queued sending sent; do
      curl -fs "$BASE/v1/messages?limit=1&status=$s" -H "Authorization: Bearer $KEY" | grep -q '"id"' && n=$((n + 1))
    done
    echo "$n"
  fi
}
value() { grep "^$1=" "$2" | cut -d= -f2; }

for run in $(seq 1 "$RUNS"); do
  export RECADO_PLATFORM_API_KEY=$PLATFORM
  bench_start "$DB" recado_bench_dispatch
  ws=$(curl -fs "$BASE/v1/workspaces" -H "Authorization: Bearer $PLATFORM" | sed -E 's/.*"id":"(ws_[^"]+)".*/\1/')
  curl -fs -X POST "$BASE/v1/workspaces/$ws/credit" -H "Authorization: Bearer $PLATFORM" -H 'Content-Type: application/json' \
    -d "{\"amount\":$((MESSAGES * 2)),\"reference\":\"bench\"}" >/dev/null
  curl -fs -X POST "$BASE/v1/senders" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "{
    \"channel\":\"sms\",\"name\":\"Bench SMSC\",\"host\":\"127.0.0.1\",\"port\":$SMSC_PORT,\"system_id\":\"bench\",
    \"password\":\"bench\",\"source_address\":\"Bench\",\"rate_per_second\":10000,\"window\":200,\"default\":true,
    \"reconnect_min_ms\":200,\"reconnect_max_ms\":500}" >/dev/null
  echo "run $run ($DB, $MESSAGES messages):"
  t0=$(date +%s.%N)
  accepted=0
  for f in "$BODIES"/*.json; do
    n=$(curl -fs -X POST "$BASE/v1/messages/batch" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
      --data-binary @"$f" | grep -o '"status":"queued"' | wc -l)
    accepted=$((accepted + n))
  done
  t1=$(date +%s.%N)
  echo "  enqueued $accepted of $MESSAGES through the batch API in $(echo "$t1 - $t0" | bc) s (not part of the result)"
  [ "$accepted" -eq "$MESSAGES" ] || { echo "  not every message was accepted; see $DATA/app.log" >&2; exit 1; }

  STATUS="$DATA/smsc.status"
  cpu0=$(cpu_seconds "$APP_PID"); pg0=$(pg_cpu_seconds recado_bench_dispatch)
  "$JAVA" -Xmx1g -cp "$CP" "$ROOT/bench/Smsc.java" "$SMSC_PORT" "$RECEIPT_DELAY_MS" "$MESSAGES" "$STATUS" \
    >"$DATA/smsc.log" 2>&1 </dev/null &
  SMSC_PID=$!
  trap 'kill "$APP_PID" "$SMSC_PID" 2>/dev/null || true' EXIT
  while [ "$(pending)" != 0 ]; do sleep 0.2; done
  done_ms=$(date +%s%3N)
  cpu1=$(cpu_seconds "$APP_PID"); pg1=$(pg_cpu_seconds recado_bench_dispatch); smsc_cpu=$(cpu_seconds "$SMSC_PID")
  sleep 0.3
  first_ms=$(value first_submit_ms "$STATUS")
  secs=$(echo "scale=3; ($done_ms - $first_ms) / 1000" | bc)
  submits=$(value submits "$STATUS"); acked=$(value receipts_acknowledged "$STATUS")
  delivered=$(psql -h 127.0.0.1 -U postgres -d recado_bench_dispatch -tAc "select count(*) from messages where status = 'delivered'" 2>/dev/null || echo "?")
  echo "  $(echo "scale=0; $MESSAGES / $secs" | bc) msg/s: $secs s from the first submit until every receipt was stored"
  echo "  SMSC submits $submits (duplicates: $((submits - MESSAGES))), receipts acknowledged $acked; delivered in the database: $delivered"
  echo "  submits spread over $(echo "scale=1; ($(value last_submit_ms "$STATUS") - $first_ms) / 1000" | bc) s"
  echo "  Recado CPU $(echo "$cpu1 - $cpu0" | bc) s = $(echo "scale=2; ($cpu1 - $cpu0) * 1000 / $MESSAGES" | bc) CPU-s per 1,000 messages"
  echo "  PostgreSQL backends $(echo "scale=2; ($pg1 - $pg0) * 1000 / $MESSAGES" | bc), SMSC JVM (with its start) $(echo "scale=2; $smsc_cpu * 1000 / $MESSAGES" | bc) CPU-s per 1,000 messages"
  echo "  peak heap $(peak_heap_mb) MB (GC log, whole run); logs in $DATA"
  kill "$SMSC_PID" 2>/dev/null || true; wait "$SMSC_PID" 2>/dev/null || true
  bench_stop
done
rm -rf "$BODIES"
