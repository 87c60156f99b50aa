#!/usr/bin/env bash
# The same dispatch benchmark with Kannel 1.4.5 (Debian's `kannel`): N messages with mtbatch through
# bearerbox to the same SMSC process as bench/dispatch.sh (bench/Smsc.java, receipts 50 ms after
# each submit), until the SMSC has sent all N receipts and bearerbox acknowledged them.
# Usage: bench/kannel.sh [messages] [runs]
#
# Per run: SMSC starts, bearerbox starts (config written to a temp dir: one smpp transceiver,
# max-pending-submits 200 like Recado's window, no throughput limit, internal DLR storage, no
# message store), and once it is bound mtbatch sends N messages (dlr-mask 3, so every submit_sm
# asks for a receipt) to N distinct numbers with the same text. Timed from the SMSC's first submit
# until N receipts were acknowledged; CPU is bearerbox's over the same interval (/proc/<pid>/stat).
# Installs kannel with apt-get when bearerbox is missing (needs root or sudo).
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
MESSAGES=${1:-100000}; RUNS=${2:-3}
SMSC_PORT=${SMSC_PORT:-2776}
RECEIPT_DELAY_MS=50
TEXT=${TEXT:-"Your access code is 482913. It expires in 10 minutes."}
JAVA=$(bench_java)
if ! command -v bearerbox >/dev/null || ! command -v mtbatch >/dev/null; then
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y kannel >/dev/null
fi
CP_FILE="$ROOT/target/bench-classpath.txt"
if [ -n "${SKIP_BUILD:-}" ] && [ -f "$CP_FILE" ]; then  # SKIP_BUILD=1 reuses the classes and classpath of the last run
  :
else
  bench_build
  (cd "$ROOT" && flock /tmp/recado-mvn.lock ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=runtime)
fi
CP="$ROOT/target/classes:$(cat "$CP_FILE")"
value() { grep "^$1=" "$2" | cut -d= -f2; }

for run in $(seq 1 "$RUNS"); do
  DIR=$(mktemp -d /tmp/kannel-bench-XXXX)
  printf '%s\n' "$TEXT" >"$DIR/content.txt"
  awk -v n="$MESSAGES" 'BEGIN { for (i = 0; i < n; i++) printf "3461%07d\n", i }' >"$DIR/receivers.txt"
  cat >"$DIR/kannel.conf" <<EOF
group = core
admin-port = 13900
admin-password = bench
admin-allow-ip = "127.0.0.1"
smsbox-port = 13901
box-allow-ip = "127.0.0.1"
log-file = "$DIR/bearerbox.log"
log-level = 2
dlr-storage = internal

group = smsc
smsc = smpp
smsc-id = sim
host = 127.0.0.1
port = $SMSC_PORT
transceiver-mode = true
smsc-username = bench
smsc-password = bench
system-type = ""
max-pending-submits = 200
reconnect-delay = 1
enquire-link-interval = 30

# required by smsbox-port; no smsbox runs, mtbatch connects as the box
group = smsbox
bearerbox-host = 127.0.0.1
EOF
  STATUS="$DIR/smsc.status"
  "$JAVA" -Xmx1g -cp "$CP" "$ROOT/bench/Smsc.java" "$SMSC_PORT" "$RECEIPT_DELAY_MS" "$MESSAGES" "$STATUS" \
    >"$DIR/smsc.log" 2>&1 </dev/null &
  SMSC_PID=$!
  bearerbox "$DIR/kannel.conf" >"$DIR/bearerbox.out" 2>&1 &
  BB_PID=$!
  trap 'kill "$BB_PID" "$SMSC_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do
    [ -f "$STATUS" ] && [ "$(value bound_sessions "$STATUS")" -ge 1 ] && break
    kill -0 "$BB_PID" 2>/dev/null || break
    sleep 0.2
  done
  [ "$(value bound_sessions "$STATUS")" -ge 1 ] || { echo "bearerbox did not bind; see $DIR" >&2; exit 1; }
  echo "run $run (Kannel $(dpkg-query -W -f='${Version}' kannel 2>/dev/null), $MESSAGES messages):"
  cpu0=$(cpu_seconds "$BB_PID"); smsc0=$(cpu_seconds "$SMSC_PID")
  t0=$(date +%s%3N)
  mtbatch -v 2 -b 127.0.0.1 -p 13901 -f Bench -D 3 -u "http://127.0.0.1/dlr" -r sim \
    "$DIR/content.txt" "$DIR/receivers.txt" >"$DIR/mtbatch.log" 2>&1
  t1=$(date +%s%3N)
  echo "  mtbatch handed $MESSAGES messages to bearerbox in $(echo "scale=1; ($t1 - $t0) / 1000" | bc) s"
  while [ "$(value done_ms "$STATUS")" = 0 ]; do
    sleep 0.2
    kill -0 "$BB_PID" 2>/dev/null || { echo "bearerbox died; see $DIR" >&2; exit 1; }
  done
  cpu1=$(cpu_seconds "$BB_PID"); smsc1=$(cpu_seconds "$SMSC_PID")
  first_ms=$(value first_submit_ms "$STATUS"); done_ms=$(value done_ms "$STATUS")
  secs=$(echo "scale=3; ($done_ms - $first_ms) / 1000" | bc)
  submits=$(value submits "$STATUS")
  echo "  $(echo "scale=0; $MESSAGES / $secs" | bc) msg/s: $secs s from the first submit until every receipt was acknowledged"
  echo "  SMSC submits $submits (duplicates: $((submits - MESSAGES))), receipts acknowledged $(value receipts_acknowledged "$STATUS")"
  echo "  submits spread over $(echo "scale=1; ($(value last_submit_ms "$STATUS") - $first_ms) / 1000" | bc) s"
  echo "  bearerbox CPU $(echo "$cpu1 - $cpu0" | bc) s = $(echo "scale=2; ($cpu1 - $cpu0) * 1000 / $MESSAGES" | bc) CPU-s per 1,000 messages (mtbatch not included)"
  echo "  SMSC CPU $(echo "scale=2; ($smsc1 - $smsc0) * 1000 / $MESSAGES" | bc) CPU-s per 1,000 messages"
  echo "  bearerbox peak RSS $(awk '/VmHWM/{print $2 / 1024 " MB"}' "/proc/$BB_PID/status"); logs in $DIR"
  kill "$BB_PID" "$SMSC_PID" 2>/dev/null || true
  wait "$BB_PID" "$SMSC_PID" 2>/dev/null || true
done
