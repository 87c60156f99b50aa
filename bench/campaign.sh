#!/usr/bin/env bash
# A personalised SMS campaign to N contacts (one placeholder, one tracked link) through an SMSC in
# its own process (bench/Smsc.java, receipts 50 ms after each submit), until every receipt is stored.
# Usage: bench/campaign.sh [postgres|h2] [contacts] [runs]
#
# Per run: fresh database, Recado from the jar (-Xmx1g, sandbox off), workspace credit, quiet hours
# open all day, N contacts imported with SMS marketing consent (not timed), a segment of everyone
# with that consent, a marketing template "Hola {{first_name}}, ... <link> Responde BAJA ...", an
# SMPP sender bound to the SMSC (window 200, 10,000/s). Timed from POST /v1/campaigns/{id}/start:
# the SMSC's first submit (time to first message), and the moment the campaign counts N delivered
# with the SMSC holding N acknowledged receipts. CPU: Recado's process and PostgreSQL's backends over
# that interval; heap from the GC log. Every run checks N submits (no duplicate) and N delivered.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
DB=${1:-postgres}; CONTACTS=${2:-1000000}; RUNS=${3:-1}
KEY=rk_bench_key_000000000000000000000001
PLATFORM=bench_platform_key_0001
SMSC_PORT=${SMSC_PORT:-2776}
RECEIPT_DELAY_MS=50
JAVA=$(bench_java)
CP_FILE="$ROOT/target/bench-classpath.txt"
if [ -n "${SKIP_BUILD:-}" ] && [ -f "$CP_FILE" ]; then
  JAR=${JAR:-$(ls "$ROOT"/target/recado-*.jar | grep -v original | head -n1)}
else
  bench_build
  (cd "$ROOT" && flock /tmp/recado-mvn.lock ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime)
fi
CP="$ROOT/target/classes:$(cat "$CP_FILE")"
export JVM_OPTS=${JVM_OPTS:--Xmx1g}
export RECADO_PLATFORM_API_KEY=$PLATFORM

CSV=/tmp/recado-bench-campaign-contacts-$CONTACTS.csv
if [ ! -s "$CSV" ]; then
  awk -v n="$CONTACTS" 'BEGIN {
    print "phone,first_name,last_name,language";
    for (i = 0; i < n; i++) printf "+346%08d,Nombre%d,Apellido%d,es\n", i, i, i
  }' > "$CSV"
fi

api() {  # api METHOD PATH [JSON]
  curl -fsS -X "$1" "$BASE$2" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' ${3:+-d "$3"}
}
first_id() { grep -o '"id":"[a-z]*_[^"]*"' | head -n1 | cut -d'"' -f4; }
value() { grep "^$1=" "$2" | cut -d= -f2; }

for run in $(seq 1 "$RUNS"); do
  bench_start "$DB" recado_bench_campaign
  bench_marketing_workspace $((CONTACTS * 2)) sms "$CSV"

  segment=$(api POST /v1/segments '{"name":"Everyone with SMS consent","match":"all","conditions":[{"field":"consent.sms.marketing","op":"eq","value":"opted_in"}]}' | first_id)
  template=$(api POST /v1/templates '{"name":"Bench","purpose":"marketing","variants":[{"channel":"sms","language":"es","body":"Hola {{first_name}}, 2x1 hoy en https://shop.example.com/rebajas Responde BAJA para no recibir mas"}]}' | first_id)

  STATUS="$DATA/smsc.status"
  "$JAVA" -Xmx1g -cp "$CP" "$ROOT/bench/Smsc.java" "$SMSC_PORT" "$RECEIPT_DELAY_MS" "$CONTACTS" "$STATUS" \
    >"$DATA/smsc.log" 2>&1 </dev/null &
  SMSC_PID=$!
  trap 'kill "$APP_PID" "$SMSC_PID" 2>/dev/null || true' EXIT
  sender=$(api POST /v1/senders "{\"channel\":\"sms\",\"name\":\"Bench SMSC\",\"host\":\"127.0.0.1\",\"port\":$SMSC_PORT,
    \"system_id\":\"bench\",\"password\":\"bench\",\"source_address\":\"Bench\",\"rate_per_second\":10000,\"window\":200,
    \"default\":true,\"reconnect_min_ms\":200,\"reconnect_max_ms\":500}" | first_id)
  until api GET "/v1/senders/$sender" | grep -q '"status":"connected"'; do sleep 0.2; done

  campaign=$(api POST /v1/campaigns "{\"name\":\"Bench\",\"segment_id\":\"$segment\",\"template_id\":\"$template\",
    \"channel\":\"sms\",\"purpose\":\"marketing\",\"schedule\":{\"type\":\"now\"}}" | first_id)
  echo "run $run ($DB, $CONTACTS contacts, campaign $campaign):"
  cpu0=$(cpu_seconds "$APP_PID"); pg0=$(pg_cpu_seconds recado_bench_campaign)
  start_ms=$(date +%s%3N)
  api POST "/v1/campaigns/$campaign/start" >/dev/null
  while :; do
    acked=$(value receipts_acknowledged "$STATUS" 2>/dev/null || echo 0)
    if [ "${acked:-0}" -ge "$CONTACTS" ]; then
      stats=$(api GET "/v1/campaigns/$campaign")
      delivered=$(echo "$stats" | sed -E 's/.*"delivered":([0-9]+).*/\1/')
      [ "$delivered" -ge "$CONTACTS" ] && break
      echo "$stats" | grep -qE '"status":"(failed|canceled)"' && { echo "  campaign stopped: $stats"; break; }
    fi
    sleep 0.5
  done
  done_ms=$(date +%s%3N)
  cpu1=$(cpu_seconds "$APP_PID"); pg1=$(pg_cpu_seconds recado_bench_campaign)
  first_ms=$(value first_submit_ms "$STATUS")
  submits=$(value submits "$STATUS")
  secs=$(echo "scale=3; ($done_ms - $start_ms) / 1000" | bc)
  echo "  first message at the SMSC $(echo "scale=3; ($first_ms - $start_ms) / 1000" | bc) s after start"
  echo "  every receipt stored after $secs s: $(echo "scale=0; $CONTACTS / $secs" | bc) msg/s"
  echo "  SMSC submits $submits (duplicates: $((submits - CONTACTS))); campaign $(for k in targeted sent delivered failed; do echo -n "$k $(echo "$stats" | grep -o "\"$k\":[0-9]*" | head -n1 | cut -d: -f2) "; done)"
  echo "  Recado CPU $(echo "$cpu1 - $cpu0" | bc) s = $(echo "scale=2; ($cpu1 - $cpu0) * 1000 / $CONTACTS" | bc) CPU-s per 1,000;" \
       "PostgreSQL backends $(echo "scale=2; ($pg1 - $pg0) * 1000 / $CONTACTS" | bc) CPU-s per 1,000"
  echo "  peak heap $(peak_heap_mb) MB (GC log, whole run incl. import); logs in $DATA"
  kill "$SMSC_PID" 2>/dev/null || true; wait "$SMSC_PID" 2>/dev/null || true
  bench_stop
done
