#!/usr/bin/env bash
# WhatsApp: N template messages to a local Graph API (bench/GraphApi.java, its own process) at the
# number's configured rate, statuses back by signed webhooks, until every 'delivered' is stored.
# Usage: bench/whatsapp.sh [postgres|h2] [messages] [runs]   (PGPORT and SKIP_BUILD honoured)
#
# Per run: fresh database, Recado from the jar (-Xmx512m, sandbox off), workspace credit, quiet hours
# open all day, N contacts imported with WhatsApp marketing consent, a WhatsApp sender on the Graph
# (rate_per_second RATE, default 1,000, Meta's highest; window 200) that syncs the approved marketing
# template bench_offer from the Graph's template list, and the webhook URL given to the Graph.
# The N messages go through POST /v1/messages/batch (1,000 per call, one body parameter each) with
# one send_at a little after the enqueue ends, so the dispatcher finds the whole backlog due at once
# (the enqueue is not part of the result). Timed from the Graph's first send until the Graph has had
# N 'delivered' statuses acknowledged and the database holds no unprocessed provider event or
# receipt. The Graph answers each send at once and posts 'sent', then 'delivered' DELAY_MS (50)
# apart, up to 100 statuses per POST. Rate: what the Graph saw (most sends in any sliding 1-s window,
# per calendar second, and the mean over the whole seconds between the first and the last).
# CPU: Recado's process and PostgreSQL's backends over the timed interval.
# Wire (when tcpdump can capture on lo): the same count from the kernel's timestamps of each send's
# request on the loopback, i.e. when Recado's write reached the wire, free of the Graph stand-in's own
# scheduling (it stamps a send only once one of its threads runs the handler, which on two busy
# cores can lag and then bunch).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
DB=${1:-postgres}; MESSAGES=${2:-100000}; RUNS=${3:-3}
KEY=rk_bench_key_000000000000000000000001
PLATFORM=bench_platform_key_0001
GRAPH_PORT=${GRAPH_PORT:-2777}
RATE=${RATE:-1000}
WINDOW=${WINDOW:-200}  # in flight: the rate times the Graph's answer time (Meta's is ~0.1-0.3 s)
DELAY_MS=${DELAY_MS:-50}
PER_POST=${PER_POST:-100}
APP_SECRET=bench-app-secret-0001
PHONE_NUMBER_ID=106540352242922
JAVA=$(bench_java)
if [ -n "${SKIP_BUILD:-}" ]; then  # SKIP_BUILD=1 reuses the last jar, or JAR=path (a copy a build cannot replace mid-run)
  JAR=${JAR:-$(ls "$ROOT"/target/recado-*.jar | grep -v original | head -n1)}
else
  bench_build
fi
export JVM_OPTS=${JVM_OPTS:--Xmx512m}
export RECADO_PLATFORM_API_KEY=$PLATFORM
DBNAME=recado_bench_whatsapp

CSV=/tmp/recado-bench-whatsapp-contacts-$MESSAGES.csv
[ -s "$CSV" ] || awk -v n="$MESSAGES" 'BEGIN { print "phone,first_name,language";
  for (i = 0; i < n; i++) printf "+346%08d,Nombre%d,es\n", i, i }' > "$CSV"

api() {  # api METHOD PATH [JSON]
  curl -fsS -X "$1" "$BASE$2" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' ${3:+-d "$3"}
}
first_id() { grep -o '"id":"[a-z]*_[^"]*"' | head -n1 | cut -d'"' -f4; }
value() { grep "^$1=" "$2" | cut -d= -f2; }
pending() {  # events and receipts not yet applied
  if [ "$DB" = postgres ]; then
    psql -h 127.0.0.1 -p "${PGPORT:-5432}" -U postgres -d $DBNAME -tAc "select (select count(*) from provider_events where processed_at is null)
      + (select count(*) from receipt_inbox) + (select count(*) from early_receipts)"
  else  # no SQL access to the file database while Recado holds it: the API's list instead
    api GET "/v1/messages?limit=1&status=sent" | grep -q '"id"' && echo 1 || echo 0
  fi
}

# THREADS=1: the server's CPU per thread over the timed interval, the ten busiest (names numbered alike are summed)
thread_cpu() {
  for t in /proc/"$APP_PID"/task/*; do
    awk -v hz="$(getconf CLK_TCK)" '{ name = $0; sub(/^[0-9]+ \(/, "", name); sub(/\) [A-Z] .*/, "", name);
      n = split($0, f, ") "); split(f[n], g, " "); printf "%s\t%.2f\n", name, (g[12] + g[13]) / hz }' "$t/stat" 2>/dev/null
  done | sed -E 's/-?[0-9]+\t/#\t/' | awk -F'\t' '{ s[$1] += $2 } END { for (k in s) printf "%s\t%.2f\n", k, s[k] }'
}

for run in $(seq 1 "$RUNS"); do
  bench_start "$DB" $DBNAME
  STATUS="$DATA/graph.status"
  "$JAVA" -Xmx1g -XX:+UseParallelGC "$ROOT/bench/GraphApi.java" "$GRAPH_PORT" "$DELAY_MS" "$MESSAGES" "$STATUS" "$APP_SECRET" "$PER_POST" \
    >"$DATA/graph.log" 2>&1 </dev/null &
  GRAPH_PID=$!
  trap 'kill "$APP_PID" "$GRAPH_PID" ${TCPDUMP_PID:-} 2>/dev/null || true' EXIT
  bench_marketing_workspace $((MESSAGES * 2)) whatsapp "$CSV"

  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$GRAPH_PORT/v23.0/$PHONE_NUMBER_ID" -H 'Authorization: Bearer x' >/dev/null 2>&1 && break; sleep 0.2; done
  created=$(api POST /v1/senders "{\"channel\":\"whatsapp\",\"name\":\"Bench WhatsApp\",\"phone_number_id\":\"$PHONE_NUMBER_ID\",
    \"business_account_id\":\"1029384756\",\"access_token\":\"bench-access-token-0001\",\"app_secret\":\"$APP_SECRET\",
    \"api_base_url\":\"http://127.0.0.1:$GRAPH_PORT\",\"rate_per_second\":$RATE,\"window\":$WINDOW,\"default\":true}")
  sender=$(echo "$created" | first_id)
  hook=$(echo "$created" | grep -o '"webhook_url":"[^"]*"' | cut -d'"' -f4)
  [ -n "$hook" ] || { echo "no webhook_url in $created" >&2; exit 1; }
  curl -fs -X POST "http://127.0.0.1:$GRAPH_PORT/_bench/webhook" --data-binary "$hook" >/dev/null
  until api GET "/v1/senders/$sender" | grep -q '"status":"connected"'; do sleep 0.2; done
  until grep -q "templates synced" "$DATA/app.log"; do sleep 0.2; done

  # one send_at for all, after the enqueue: 10 s plus 1 s per 2,000 messages
  send_at=$(date -u -d "@$(( $(date +%s) + 10 + MESSAGES / 2000 ))" +%Y-%m-%dT%H:%M:%SZ)
  BODIES=$(mktemp -d /tmp/recado-whatsapp-bodies-XXXX)
  awk -v n="$MESSAGES" -v at="$send_at" -v dir="$BODIES" 'BEGIN {
    for (b = 0; b * 1000 < n; b++) {
      f = sprintf("%s/%05d.json", dir, b); printf "{\"messages\":[" > f
      for (i = b * 1000; i < n && i < (b + 1) * 1000; i++)
        printf "%s{\"to\":\"+346%08d\",\"channel\":\"whatsapp\",\"purpose\":\"marketing\",\"send_at\":\"%s\",\"template\":{\"name\":\"bench_offer\",\"language\":\"es\",\"params\":[\"Nombre%d\"]}}", (i > b * 1000 ? "," : ""), i, at, i > f
      printf "]}" > f; close(f)
    } }'
  echo "run $run ($DB, $MESSAGES messages, rate_per_second $RATE, window $WINDOW, sender $sender):"
  WIRE="$DATA/wire.pcap"; TCPDUMP_PID=
  if command -v tcpdump >/dev/null 2>&1; then
    # segments towards the Graph whose payload starts with '{"me': each send's body, which the JDK client writes
    # after its headers and which completes the request (nothing else after set-up starts so)
    tcpdump -i lo -nn -s 96 -U -w "$WIRE" "tcp dst port $GRAPH_PORT and tcp[((tcp[12] & 0xf0) >> 2):4] = 0x7b226d65" \
      >"$DATA/tcpdump.log" 2>&1 &
    TCPDUMP_PID=$!
  fi
  t0=$(date +%s.%N); accepted=0
  for f in "$BODIES"/*.json; do
    n=$(curl -fs -X POST "$BASE/v1/messages/batch" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' \
      --data-binary @"$f" | grep -o '"status":"scheduled"' | wc -l)
    accepted=$((accepted + n))
  done
  t1=$(date +%s.%N); rm -rf "$BODIES"
  echo "  enqueued $accepted of $MESSAGES in $(echo "$t1 - $t0" | bc) s, due at $send_at (not part of the result)"
  [ "$accepted" -eq "$MESSAGES" ] || { echo "  not every message was accepted; first refusal:"; curl -fs -X POST "$BASE/v1/messages/batch" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary "{\"messages\":[{\"to\":\"+34600000000\",\"channel\":\"whatsapp\",\"purpose\":\"marketing\",\"template\":{\"name\":\"bench_offer\",\"language\":\"es\",\"params\":[\"x\"]}}]}"; echo; exit 1; }
  [ "$(date -u +%s)" -lt "$(date -u -d "$send_at" +%s)" ] || echo "  WARNING: the enqueue ended after send_at; dispatch overlapped it"
  while [ "$(value submits "$STATUS" 2>/dev/null || echo 0)" = 0 ]; do sleep 0.05; done
  cpu0=$(cpu_seconds "$APP_PID"); pg0=$(pg_cpu_seconds $DBNAME); load0=$(cut -d' ' -f1 /proc/loadavg)
  [ -z "${THREADS:-}" ] || thread_cpu > "$DATA/threads0"
  while :; do
    d=$(value delivered_acknowledged "$STATUS" 2>/dev/null || echo 0)
    if [ "${d:-0}" -ge "$MESSAGES" ] && [ "$(pending)" = 0 ]; then break; fi
    sleep 0.2
  done
  done_ms=$(date +%s%3N)
  cpu1=$(cpu_seconds "$APP_PID"); pg1=$(pg_cpu_seconds $DBNAME); load1=$(cut -d' ' -f1 /proc/loadavg)
  if [ -n "${THREADS:-}" ]; then
    thread_cpu > "$DATA/threads1"
    echo "  busiest threads (CPU-s): $(awk -F'\t' 'NR == FNR { a[$1] = $2; next } { printf "%s\t%.2f\n", $1, $2 - a[$1] }' \
      "$DATA/threads0" "$DATA/threads1" | sort -t$'\t' -k2 -rn | head -n 10 | tr '\t\n' '= ' )"
  fi
  sleep 1  # the Graph rewrites its status file twice a second
  first_ms=$(value first_submit_ms "$STATUS")
  secs=$(echo "scale=3; ($done_ms - $first_ms) / 1000" | bc)
  delivered="? (h2)"
  [ "$DB" = postgres ] && delivered=$(psql -h 127.0.0.1 -p "${PGPORT:-5432}" -U postgres -d $DBNAME -tAc "select count(*) from messages where status = 'delivered'")
  echo "  $(echo "scale=0; $MESSAGES / $secs" | bc) msg/s: $secs s from the first send until every 'delivered' was stored"
  echo "  sends spread over $(echo "scale=1; ($(value last_submit_ms "$STATUS") - $first_ms) / 1000" | bc) s;" \
       "Graph sends $(value submits "$STATUS") (duplicates $(value duplicates "$STATUS")); delivered in the database: $delivered"
  echo "  rate seen by the Graph: max $(value max_1s_sliding "$STATUS") in any 1-s window (calendar seconds: max $(value max_1s_aligned "$STATUS")," \
       "steady mean $(value steady_mean_per_s "$STATUS")/s, min $(value steady_min_per_s "$STATUS")/s) against $RATE/s configured"
  echo "  webhook POSTs $(value webhook_posts "$STATUS") (refused $(value webhook_refused "$STATUS")), statuses acknowledged $(value statuses_acknowledged "$STATUS")"
  echo "  Recado CPU $(echo "$cpu1 - $cpu0" | bc) s = $(echo "scale=2; ($cpu1 - $cpu0) * 1000 / $MESSAGES" | bc) CPU-s per 1,000;" \
       "PostgreSQL backends $(echo "scale=2; ($pg1 - $pg0) * 1000 / $MESSAGES" | bc) CPU-s per 1,000; load average $load0 -> $load1"
  echo "  peak heap $(peak_heap_mb) MB (GC log, whole run incl. import); logs in $DATA"
  echo "  per second: $(value per_second "$STATUS")"
  # the JIT compiles the send path during the first seconds of a fresh process (C2 takes a fifth of its CPU here)
  echo "  mean from the 11th whole second to the last but one (a warm process): $(value per_second "$STATUS" | tr -d '[]' | tr ',' '\n' \
    | awk 'NR > 10 { v[NR] = $1 } END { for (i = 11; i < NR; i++) { s += v[i]; n++ } if (n) printf "%.1f/s over %d s", s / n, n }')"
  if [ -n "$TCPDUMP_PID" ]; then
    kill -INT "$TCPDUMP_PID" 2>/dev/null || true; wait "$TCPDUMP_PID" 2>/dev/null || true
    # a segment sent twice is a tail loss probe (the Graph acknowledged late) and the first copy arrived: counted once
    tcpdump -r "$WIRE" -nn -tt 2>/dev/null | awk '!(($3 " " $9) in seen) { seen[$3 " " $9] = 1; print $1 }' | sort -n | awk -v rate="$RATE" '
      { t[NR] = $1 }
      END { j = 1; for (i = 1; i <= NR; i++) { while (j <= NR && t[j] - t[i] < 1) j++; if (j - i > max) max = j - i }
            for (i = 1; i <= NR; i++) { s = int(t[i] - t[1]); c[s]++; if (c[s] > amax) amax = c[s] }
            printf "  rate on the wire (kernel timestamps of %d send bodies): max %d in any 1-s window (calendar seconds: max %d) against %d/s configured\n", NR, max, amax, rate }'
  fi
  kill "$GRAPH_PID" 2>/dev/null || true; wait "$GRAPH_PID" 2>/dev/null || true
  bench_stop
done
