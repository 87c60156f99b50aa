#!/usr/bin/env bash
# 100,000 messages through POST /v1/messages from many concurrent clients -> SMPP simulator (in the
# load generator's process) -> every receipt stored. Usage:
#   bench/messages.sh [postgres|h2] [messages] [concurrency] [runs]
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
DB=${1:-postgres}; MESSAGES=${2:-100000}; CONCURRENCY=${3:-64}; RUNS=${4:-3}
KEY=rk_bench_key_000000000000000000000001
PLATFORM=bench_platform_key_0001
JAVA=$(bench_java)
bench_build
CP_FILE="$ROOT/target/bench-classpath.txt"
(cd "$ROOT" && flock /tmp/recado-mvn.lock ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime)
CP="$ROOT/target/classes:$(cat "$CP_FILE")"

for run in $(seq 1 "$RUNS"); do
  export RECADO_PLATFORM_API_KEY=$PLATFORM
  bench_start "$DB" recado_bench_messages
  ws=$(curl -fs "$BASE/v1/workspaces" -H "Authorization: Bearer $PLATFORM" | sed -E 's/.*"id":"(ws_[^"]+)".*/\1/')
  curl -fs -X POST "$BASE/v1/workspaces/$ws/credit" -H "Authorization: Bearer $PLATFORM" -H 'Content-Type: application/json' \
    -d '{"amount":100000,"reference":"bench"}' >/dev/null
  echo "run $run ($DB):"
  "$JAVA" -cp "$CP" "$ROOT/bench/MessagesLoad.java" "$BASE" "$KEY" "$MESSAGES" "$CONCURRENCY" "$APP_PID" | sed 's/^/  /'
  bench_stop
done
