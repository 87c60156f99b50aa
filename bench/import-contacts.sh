#!/usr/bin/env bash
# Imports N contacts (phone, email, name, two tags, opt-in evidence) through POST /v1/contacts/imports
# and reports rows/s, CPU seconds of the server and its peak heap. Usage:
#   bench/import-contacts.sh [postgres|h2] [rows] [runs]   (PGPORT and SKIP_BUILD honoured)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
DB=${1:-postgres}; ROWS=${2:-1000000}; RUNS=${3:-3}
KEY=rk_bench_key_000000000000000000000001
JAVA=$(bench_java)
JVM_OPTS="-Xmx512m ${EXTRA_JVM_OPTS:-}"
if [ -n "${SKIP_BUILD:-}" ]; then  # SKIP_BUILD=1 reuses the last jar, or JAR=path (e.g. a copy built from another commit)
  JAR=${JAR:-$(ls "$ROOT"/target/recado-*.jar | grep -v original | head -n1)}
else
  bench_build
fi

CSV=/tmp/recado-bench-contacts-$ROWS.csv
if [ ! -s "$CSV" ]; then
  awk -v n="$ROWS" 'BEGIN {
    print "phone,email,first_name,last_name,tags";
    for (i = 0; i < n; i++) printf "+346%08d,person%d@example.com,Nombre%d,Apellido%d,%s|%s\n", i, i, i, i, (i%2?"vip":"news"), "seg" (i%10)
  }' > "$CSV"
fi

for run in $(seq 1 "$RUNS"); do
  bench_start "$DB" recado_bench_import
  cpu0=$(cpu_seconds "$APP_PID"); pg0=$(pg_cpu_seconds recado_bench_import)
  t0=$(date +%s.%N)
  id=$(curl -fs -X POST "$BASE/v1/contacts/imports?consent_channel=sms&consent_purpose=marketing&consent_evidence=Bench%20form" \
        -H "Authorization: Bearer $KEY" -H 'Content-Type: text/csv' --data-binary @"$CSV" | sed -E 's/.*"id":"([^"]+)".*/\1/')
  while :; do
    status=$(curl -fs "$BASE/v1/contacts/imports/$id" -H "Authorization: Bearer $KEY")
    echo "$status" | grep -q '"status":"running"' || break
    sleep 0.5
  done
  t1=$(date +%s.%N)
  cpu1=$(cpu_seconds "$APP_PID"); pg1=$(pg_cpu_seconds recado_bench_import)
  created=$(echo "$status" | sed -E 's/.*"created":([0-9]+).*/\1/')
  echo "$status" | grep -q '"status":"completed"' || { echo "import did not complete: $status"; exit 1; }
  awk -v t="$(echo "$t1 - $t0" | bc)" -v rows="$created" -v cpu="$(echo "$cpu1 - $cpu0" | bc)" -v heap="$(peak_heap_mb)" -v db="$DB" -v run="$run" -v pg="$(echo "$pg1 - $pg0" | bc)" \
    'BEGIN { printf "run %d %s: %d rows in %.1f s = %.0f rows/s; server CPU %.1f s (%.1f CPU-s per 100k rows); PostgreSQL backends %.1f CPU-s per 100k rows; peak heap %s MB\n", run, db, rows, t, rows/t, cpu, cpu*100000/rows, pg*100000/rows, heap }'
  [ -n "${THREADS:-}" ] && bash "$THREADS" "$APP_PID"
  bench_stop
done
