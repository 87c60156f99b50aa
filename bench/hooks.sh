#!/usr/bin/env bash
# Provider webhook intake alone: wrk posts signed WhatsApp status webhooks to a WhatsApp sender's
# webhook URL (/hooks/whatsapp/snd_…) from C connections for D seconds, each request verified
# (X-Hub-Signature-256), stored raw once and answered 200, then processed in the background. Meta
# posts a status or a few per request, so the cost per request, not per status, is what a busy
# number pays. The statuses name messages this database never sent (processed as unknown). Usage:
#   bench/hooks.sh [postgres|h2] [connections] [seconds] [runs]
# PER_POST=1 statuses per request; BODIES=100000 distinct bodies (more requests repeat them, and a
# repeated body is answered as a duplicate without being stored again).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
DB=${1:-postgres}; CONNECTIONS=${2:-16}; SECONDS_=${3:-30}; RUNS=${4:-3}
KEY=rk_bench_key_000000000000000000000001
PLATFORM=bench_platform_key_0001
GRAPH_PORT=${GRAPH_PORT:-2777}
APP_SECRET=bench-app-secret-0001
PHONE_NUMBER_ID=106540352242922
PER_POST=${PER_POST:-1}; BODIES=${BODIES:-100000}
JAVA=$(bench_java)
JVM_OPTS="-Xmx512m ${EXTRA_JVM_OPTS:-}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
[ -n "${SKIP_BUILD:-}" ] && JAR=${JAR:-$(ls "$ROOT"/target/recado-*.jar | grep -v original | head -n1)} || bench_build
export HOOK_FILE=$(mktemp /tmp/recado-hooks-XXXX.tsv)
python3 - "$HOOK_FILE" "$APP_SECRET" "$PHONE_NUMBER_ID" "$PER_POST" "$BODIES" <<'PY'
import hashlib, hmac, sys, time
path, secret, number, per_post, bodies = sys.argv[1], sys.argv[2].encode(), sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
ts = int(time.time())
with open(path, "w") as out:
    for b in range(bodies):
        statuses = ",".join(
            '{"id":"wamid.BENCH%09d","status":"delivered","timestamp":"%d","recipient_id":"346%08d",'
            '"conversation":{"id":"CONVERSATION%d","origin":{"type":"marketing"}},"pricing":{"billable":true,'
            '"pricing_model":"PMP","category":"marketing","type":"regular"}}' % (b * per_post + i, ts, b, b)
            for i in range(per_post))
        body = ('{"object":"whatsapp_business_account","entry":[{"id":"1029384756","changes":[{"value":'
                '{"messaging_product":"whatsapp","metadata":{"display_phone_number":"34910000000","phone_number_id":"%s"},'
                '"statuses":[%s]},"field":"messages"}]}]}' % (number, statuses)).encode()
        out.write("sha256=%s\t%s\n" % (hmac.new(secret, body, hashlib.sha256).hexdigest(), body.decode()))
PY
export THREADS=$(( CONNECTIONS < 4 ? CONNECTIONS : 4 ))

for run in $(seq 1 "$RUNS"); do
  export RECADO_PLATFORM_API_KEY=$PLATFORM
  bench_start "$DB" recado_bench_hooks
  # the Graph stand-in only answers the sender's connection probe and template sync here
  "$JAVA" -Xmx256m "$ROOT/bench/GraphApi.java" "$GRAPH_PORT" 50 0 "$DATA/graph.status" "$APP_SECRET" >"$DATA/graph.log" 2>&1 </dev/null &
  GRAPH_PID=$!
  trap 'kill "$APP_PID" "$GRAPH_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$GRAPH_PORT/v23.0/$PHONE_NUMBER_ID" -H 'Authorization: Bearer x' >/dev/null 2>&1 && break; sleep 0.2; done
  created=$(curl -fs -X POST "$BASE/v1/senders" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "{
    \"channel\":\"whatsapp\",\"name\":\"Bench WhatsApp\",\"phone_number_id\":\"$PHONE_NUMBER_ID\",\"business_account_id\":\"1029384756\",
    \"access_token\":\"bench-access-token-0001\",\"app_secret\":\"$APP_SECRET\",\"api_base_url\":\"http://127.0.0.1:$GRAPH_PORT\",\"default\":true}")
  export HOOK_PATH=$(echo "$created" | grep -o '"webhook_url":"[^"]*"' | cut -d'"' -f4 | sed -E 's#^https?://[^/]+##')
  [ -n "$HOOK_PATH" ] || { echo "no webhook_url in $created" >&2; exit 1; }
  # warm-up: the JIT compiles the path before the measured run (its bodies are stored, so measured ones repeat some)
  wrk -t2 -c4 -d5s -s "$ROOT/bench/wrk/hooks.lua" "$BASE" >/dev/null 2>&1
  count() { psql -h 127.0.0.1 -p "${PGPORT:-5432}" -U postgres -d recado_bench_hooks -Atc "select count(*) from provider_events" 2>/dev/null || echo 0; }
  cpu0=$(cpu_seconds "$APP_PID"); pg0=$(pg_cpu_seconds recado_bench_hooks); n0=$(count)
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s "$ROOT/bench/wrk/hooks.lua" "$BASE" 2>/tmp/recado-wrk-errors.txt)
  cpu1=$(cpu_seconds "$APP_PID"); pg1=$(pg_cpu_seconds recado_bench_hooks); n1=$(count)
  # then until every stored event is processed: a processor that falls behind leaves its work (and its
  # database time) outside the window above, so the intake alone flatters it
  t0=$(date +%s.%N)
  for _ in $(seq 1 600); do
    left=$(psql -h 127.0.0.1 -p "${PGPORT:-5432}" -U postgres -d recado_bench_hooks -Atc "select count(*) from provider_events where processed_at is null" 2>/dev/null || echo 0)
    [ "$left" = 0 ] && break
    sleep 0.2
  done
  drain=$(echo "$(date +%s.%N) - $t0" | bc)
  cpu2=$(cpu_seconds "$APP_PID"); pg2=$(pg_cpu_seconds recado_bench_hooks)
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}'); p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  awk -v r="$requests" -v s="$SECONDS_" -v cpu="$(echo "$cpu1 - $cpu0" | bc)" -v pg="$(echo "$pg1 - $pg0" | bc)" \
      -v p50="$p50" -v p99="$p99" -v run="$run" -v c="$CONNECTIONS" -v stored="$((n1 - n0))" -v bad="${non2xx:-0}" -v db="$DB" -v per="$PER_POST" \
    'BEGIN { printf "run %d %s, %d connections, %d statuses a request: %d requests = %.0f/s (non-2xx %d, new events stored %d); p50 %s p99 %s; server %.2f CPU-s per 1,000 requests; PostgreSQL backends %.2f CPU-s per 1,000; load %s\n", run, db, c, per, r, r/s, bad, stored, p50, p99, cpu*1000/r, pg*1000/r, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'" }'
  awk -v r="$requests" -v s="$SECONDS_" -v d="$drain" -v cpu="$(echo "$cpu2 - $cpu0" | bc)" -v pg="$(echo "$pg2 - $pg0" | bc)" \
    'BEGIN { printf "  every event processed %.1f s after the last request: %.0f requests/s intake and processing together; server %.2f, PostgreSQL %.2f CPU-s per 1,000 requests\n", d, r/(s+d), cpu*1000/r, pg*1000/r }'
  kill "$GRAPH_PID" 2>/dev/null || true
  bench_stop
done
rm -f "$HOOK_FILE"
