#!/usr/bin/env bash
# N messages through the batch command (MessageManagement.enqueue, no HTTP), in batches, on a fresh
# database: pass 1 to new numbers (contacts created on the way), pass 2 to the same contacts by id.
# Usage: bench/enqueue.sh [postgres|h2] [messages] [batch size] [runs] [threads]
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
DB=${1:-postgres}; MESSAGES=${2:-1000000}; BATCH=${3:-1000}; RUNS=${4:-3}; THREADS=${5:-2}
JAVA=$(bench_java)
bench_build
CP_FILE="$ROOT/target/bench-classpath.txt"
(cd "$ROOT" && flock /tmp/recado-mvn.lock ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime)
CP="$ROOT/target/classes:$(cat "$CP_FILE")"
for run in $(seq 1 "$RUNS"); do
  DATA=$(mktemp -d /tmp/recado-bench-XXXX)
  env=(RECADO_DATA_DIR="$DATA" RECADO_BOOTSTRAP_API_KEY=rk_bench_key_000000000000000000000001
       RECADO_PLATFORM_API_KEY=bench_platform_key_0001 RECADO_DEMO_WORKSPACE=false RECADO_ADMIN_PASSWORD=bench-admin
       PORT=0 RECADO_SANDBOX=false RECADO_ALLOW_PRIVATE_TARGETS=true)
  if [ "$DB" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -qc "drop database if exists recado_bench_enqueue with (force)" >/dev/null
    psql -h 127.0.0.1 -U postgres -qc "create database recado_bench_enqueue" >/dev/null
    env+=(RECADO_DATABASE_URL="jdbc:postgresql://127.0.0.1:${PGPORT:-5432}/recado_bench_enqueue" RECADO_DATABASE_USER=postgres)
  fi
  echo "run $run ($DB, $MESSAGES messages, batches of $BATCH):"
  env "${env[@]}" "$JAVA" ${JVM_OPTS:--Xmx512m} -Xlog:gc:file="$DATA/gc.log" -cp "$CP" "$ROOT/bench/EnqueueBench.java" \
    "$MESSAGES" "$BATCH" "$THREADS" 2>"$DATA/app.err" | grep -E "^pass" | sed 's/^/  /'
  echo "  peak heap $(peak_heap_mb) MB (GC log); server log in $DATA"
done
