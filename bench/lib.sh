# Shared helpers for the benchmark scripts: find a JDK >= 21, build the jar once, start Recado
# on a fresh database, and read a process's CPU time.
# PGPORT (default 5432) points the PostgreSQL runs at another cluster, e.g. one loading pg_stat_statements
# for a profile, or bench/pg-production.sh's (5433), tuned as a deployment would be; psql reads it too.
set -euo pipefail
export PGPORT=${PGPORT:-5432}

bench_java() {
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -x "$candidate/bin/java" ] || continue
    version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/{print $2}')
    if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then echo "$candidate/bin/java"; return; fi
  done
  echo "no JDK >= 21 found" >&2; exit 1
}

bench_build() {
  (cd "$ROOT" && flock /tmp/recado-mvn.lock ./mvnw -B -q -DskipTests package)
  JAR=$(ls "$ROOT"/target/recado-*.jar | grep -v original | head -n1)
}

# bench_start <h2|postgres> <name>: starts Recado with a fresh database, sets APP_PID and BASE
bench_start() {
  local db=$1 name=$2
  DATA=$(mktemp -d /tmp/recado-bench-XXXX)
  local env=(RECADO_DATA_DIR="$DATA" RECADO_BOOTSTRAP_API_KEY="$KEY" RECADO_DEMO_WORKSPACE=false
             RECADO_ADMIN_PASSWORD=bench-admin PORT="${PORT:-8090}" RECADO_SANDBOX="${SANDBOX:-false}"
             RECADO_ALLOW_PRIVATE_TARGETS=true)  # the benchmark SMSC listens on loopback
  if [ "$db" = postgres ]; then
    bench_autovacuum_on
    psql -h 127.0.0.1 -U postgres -qc "drop database if exists $name with (force)" >/dev/null
    psql -h 127.0.0.1 -U postgres -qc "create database $name" >/dev/null
    env+=(RECADO_DATABASE_URL="jdbc:postgresql://127.0.0.1:${PGPORT:-5432}/$name" RECADO_DATABASE_USER=postgres)
  fi
  env "${env[@]}" "$JAVA" ${JVM_OPTS:-} -Xlog:gc:file="$DATA/gc.log" -jar "$JAR" >"$DATA/app.log" 2>&1 &
  APP_PID=$!
  trap 'kill "$APP_PID" 2>/dev/null || true' EXIT
  BASE="http://localhost:${PORT:-8090}"
  for _ in $(seq 1 120); do
    curl -fs "$BASE/actuator/health" >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "Recado did not start; see $DATA/app.log" >&2; exit 1
}

bench_stop() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  bench_autovacuum_restore
}

# This machine's PostgreSQL runs with autovacuum off (its CI configuration), a deployment with it on,
# and Recado depends on it: its queue tables churn, and its bulk paths plan on fresh statistics
# (without it a 1,000,000 campaign slowed to a quarter of its pace). So a run turns it on and
# bench_stop puts it back; a run killed in between leaves it on, which harms nothing.
bench_autovacuum_on() {
  if [ "$(psql -h 127.0.0.1 -U postgres -Atc 'show autovacuum')" = off ]; then
    psql -h 127.0.0.1 -U postgres -qAt -c "alter system set autovacuum = on" -c "select pg_reload_conf()" >/dev/null
    BENCH_AUTOVACUUM_RESTORE=1
  fi
}

bench_autovacuum_restore() {
  if [ -n "${BENCH_AUTOVACUUM_RESTORE:-}" ]; then
    psql -h 127.0.0.1 -U postgres -qAt -c "alter system reset autovacuum" -c "select pg_reload_conf()" >/dev/null
    BENCH_AUTOVACUUM_RESTORE=
  fi
}

# CPU seconds (user + system) the process has used so far
cpu_seconds() {
  awk -v hz="$(getconf CLK_TCK)" '{printf "%.2f", ($14 + $15) / hz}' "/proc/$1/stat"
}

# the largest heap occupancy before any collection, from the GC log, in MB
peak_heap_mb() {
  grep -oE '[0-9]+M->[0-9]+M' "$DATA/gc.log" | cut -dM -f1 | sort -n | tail -n1
}

# CPU seconds (user + system) used so far by the PostgreSQL backends connected to database $1
pg_cpu_seconds() {
  local total=0
  for pid in $(pgrep -f "postgres: .* $1 "); do
    total=$(awk -v t="$total" -v hz="$(getconf CLK_TCK)" '{printf "%.2f", t + ($14 + $15) / hz}' "/proc/$pid/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}

# bench_marketing_workspace <credit> <consent channel> <contacts CSV>: the bench workspace gets the
# credit and quiet hours open all day, and the CSV is imported with marketing consent on that channel
# (waits for the import). Needs BASE, KEY and PLATFORM.
bench_marketing_workspace() {
  local ws all_day='{"from":"00:00","to":"24:00"}' import auth=(-H "Authorization: Bearer $KEY")
  ws=$(curl -fs "$BASE/v1/workspaces" -H "Authorization: Bearer $PLATFORM" | sed -E 's/.*"id":"(ws_[^"]+)".*/\1/')
  local left=$1 chunk
  while [ "$left" -gt 0 ]; do  # one top-up is at most 1,000,000
    chunk=$(( left > 1000000 ? 1000000 : left )); left=$(( left - chunk ))
    curl -fs -X POST "$BASE/v1/workspaces/$ws/credit" -H "Authorization: Bearer $PLATFORM" -H 'Content-Type: application/json' \
      -d "{\"amount\":$chunk,\"reference\":\"bench\"}" >/dev/null
  done
  curl -fsS -X PUT "$BASE/v1/settings/quiet-hours" "${auth[@]}" -H 'Content-Type: application/json' -d "{\"windows\":{\"monday\":$all_day,\"tuesday\":$all_day,\"wednesday\":$all_day,\"thursday\":$all_day,\"friday\":$all_day,\"saturday\":$all_day,\"sunday\":$all_day}}" >/dev/null
  import=$(curl -fsS -X POST "$BASE/v1/contacts/imports?consent_channel=$2&consent_purpose=marketing&consent_evidence=Bench%20form" \
    "${auth[@]}" -H 'Content-Type: text/csv' --data-binary @"$3" | grep -o '"id":"imp_[^"]*"' | head -n1 | cut -d'"' -f4)
  while curl -fsS "$BASE/v1/contacts/imports/$import" "${auth[@]}" | grep -q '"status":"running"'; do sleep 1; done
}
