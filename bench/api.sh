#!/usr/bin/env bash
# Acceptance through the HTTP API alone: wrk posts to /v1/messages (one message per request) or to
# /v1/messages/batch (BATCH items per request) from C connections for D seconds. The sender points
# at a port where nothing listens, so every accepted message stays queued and dispatch costs
# nothing: the numbers are the web edge plus batch acceptance. Usage:
#   bench/api.sh [single|batch] [postgres|h2] [connections] [seconds] [runs]
# RATE=2000 (single only) offers that many requests/s instead of as many as the server answers, for
# the latency at a given load rather than at saturation.
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
MODE=${1:-single}; DB=${2:-postgres}; CONNECTIONS=${3:-64}; SECONDS_=${4:-30}; RUNS=${5:-3}
export KEY=rk_bench_key_000000000000000000000001 BATCH=${BATCH:-1000}
PLATFORM=bench_platform_key_0001
JAVA=$(bench_java)
JVM_OPTS="-Xmx512m ${EXTRA_JVM_OPTS:-}"
command -v wrk >/dev/null || { echo "needs wrk (apt-get install wrk)" >&2; exit 1; }
[ -n "${SKIP_BUILD:-}" ] && JAR=${JAR:-$(ls "$ROOT"/target/recado-*.jar | grep -v original | head -n1)} || bench_build
export THREADS=$(( CONNECTIONS < 4 ? CONNECTIONS : 4 ))

for run in $(seq 1 "$RUNS"); do
  export RECADO_PLATFORM_API_KEY=$PLATFORM
  bench_start "$DB" recado_bench_api
  ws=$(curl -fs "$BASE/v1/workspaces" -H "Authorization: Bearer $PLATFORM" | sed -E 's/.*"id":"(ws_[^"]+)".*/\1/')
  curl -fs -X POST "$BASE/v1/workspaces/$ws/credit" -H "Authorization: Bearer $PLATFORM" -H 'Content-Type: application/json' \
    -d '{"amount":1000000,"reference":"bench"}' >/dev/null
  curl -fs -X POST "$BASE/v1/senders" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{
    "channel":"sms","name":"Nowhere","host":"127.0.0.1","port":2999,"system_id":"bench","password":"bench",
    "source_address":"Bench","rate_per_second":10000,"window":200,"default":true}' >/dev/null
  # warm-up: the JIT compiles the path before the measured run
  wrk -t2 -c8 -d5s -s "$ROOT/bench/wrk/single.lua" "$BASE" >/dev/null 2>&1
  cpu0=$(cpu_seconds "$APP_PID"); pg0=$(pg_cpu_seconds recado_bench_api)
  n0=$(psql -h 127.0.0.1 -U postgres -d recado_bench_api -Atc "select count(*) from messages" 2>/dev/null || echo 0)
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s "$ROOT/bench/wrk/$MODE.lua" "$BASE" 2>/tmp/recado-wrk-errors.txt)
  cpu1=$(cpu_seconds "$APP_PID"); pg1=$(pg_cpu_seconds recado_bench_api)
  n1=$(psql -h 127.0.0.1 -U postgres -d recado_bench_api -Atc "select count(*) from messages" 2>/dev/null || echo 0)
  errors=$(wc -l < /tmp/recado-wrk-errors.txt)
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  per=$([ "$MODE" = batch ] && echo "$BATCH" || echo 1)
  messages=$([ "$DB" = postgres ] && [ "$MODE" != balance ] && echo $((n1 - n0)) || echo $((requests * per)))
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}'); p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  awk -v m="$messages" -v s="$SECONDS_" -v cpu="$(echo "$cpu1 - $cpu0" | bc)" -v pg="$(echo "$pg1 - $pg0" | bc)" \
      -v p50="$p50" -v p99="$p99" -v run="$run" -v mode="$MODE" -v c="$CONNECTIONS" -v e="$errors" -v db="$DB" \
    'BEGIN { printf "run %d %s %s, %d connections'"${RATE:+, offered $RATE req/s}"': %d messages accepted = %.0f msg/s; request p50 %s p99 %s; errors %d; server %.2f CPU-s per 1,000; PostgreSQL backends %.2f CPU-s per 1,000; load %s\n", run, mode, db, c, m, m/s, p50, p99, e, cpu*1000/m, pg*1000/m, "'"$(cut -d' ' -f1-3 /proc/loadavg)"'" }'
  [ "$errors" -gt 0 ] && head -3 /tmp/recado-wrk-errors.txt
  bench_stop
done
