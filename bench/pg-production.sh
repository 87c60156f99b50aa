#!/usr/bin/env bash
# A PostgreSQL cluster for the benchmarks tuned as a deployment would be, beside the machine's own
# (which keeps the packaged defaults its CI sets up: shared_buffers 128 MB, max_wal_size 1 GB,
# autovacuum off). Creates it once (Debian's pg_createcluster, as root), starts it, prints the port:
#   PGPORT=$(bench/pg-production.sh) bench/enqueue.sh postgres 1000000 1000 1 2
# Settings: the usual starting points for a dedicated database server (a quarter of memory for
# shared buffers up to 4 GB, WAL room for a million-row load between checkpoints, autovacuum on).
set -euo pipefail
PORT=${BENCH_PG_PORT:-5433}
VERSION=$(ls /etc/postgresql | sort -n | tail -n1)
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! pg_lsclusters -h | awk '{print $2}' | grep -qx bench; then
  memory_mb=$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)
  shared=$(( memory_mb / 4 < 4096 ? memory_mb / 4 : 4096 ))
  as_root pg_createcluster "$VERSION" bench -p "$PORT" -- --auth=trust >/dev/null
  conf=/etc/postgresql/$VERSION/bench/conf.d/recado-bench.conf
  as_root tee "$conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
shared_buffers = ${shared}MB
effective_cache_size = $(( memory_mb / 2 ))MB
work_mem = 16MB
maintenance_work_mem = 512MB
max_wal_size = 8GB
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9
autovacuum = on
CONF
fi
if ! pg_isready -h 127.0.0.1 -p "$PORT" -q; then
  # the server outlives this script: it must not inherit our descriptors (under
  # `flock /tmp/recado-mvn.lock`, the lock's would keep every later build waiting)
  for fd in /proc/$$/fd/*; do
    fd=${fd##*/}
    if [ "$fd" -gt 2 ] && [ "$fd" -lt 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
  done
  as_root pg_ctlcluster --skip-systemctl-redirect "$VERSION" bench start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p "$PORT" -q && break; sleep 1; done
fi
echo "$PORT"
