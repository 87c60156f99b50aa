#!/usr/bin/env bash
# Segment counts on a large audience: imports N contacts (phone, email, name, language, a city
# attribute, two tags; SMS marketing opt-in for all
# through the import) and times GET /v1/segments/{id}/count for a set of segments, each COUNTS times
# (the first is cold), reporting the median and the slowest in milliseconds.
# Usage: bench/segments.sh [postgres|h2] [contacts] [counts]   (PGPORT and SKIP_BUILD honoured)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/bench/lib.sh"
DB=${1:-postgres}; ROWS=${2:-1000000}; COUNTS=${3:-5}
KEY=rk_bench_key_000000000000000000000001
PLATFORM=bench_platform_key_0001
JAVA=$(bench_java)
if [ -n "${SKIP_BUILD:-}" ]; then
  JAR=${JAR:-$(ls "$ROOT"/target/recado-*.jar | grep -v original | head -n1)}
else
  bench_build
fi
export JVM_OPTS=${JVM_OPTS:--Xmx512m}
export RECADO_PLATFORM_API_KEY=$PLATFORM
DBNAME=recado_bench_segments

CSV=/tmp/recado-bench-segments-$ROWS.csv
[ -s "$CSV" ] || awk -v n="$ROWS" 'BEGIN { split("Madrid Barcelona Sevilla Valencia Bilbao Zaragoza Malaga Murcia Palma Vigo", city, " ");
  print "phone,email,first_name,language,city,tags";
  for (i = 0; i < n; i++) printf "+346%08d,person%d@example.com,Nombre%d,%s,%s,%s|%s\n", i, i, i,
    (i % 4 ? "es" : "en"), city[i % 10 + 1], (i % 2 ? "vip" : "news"), "seg" (i % 10) }' > "$CSV"

api() {  # api METHOD PATH [JSON]
  curl -fsS -X "$1" "$BASE$2" -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' ${3:+-d "$3"}
}

bench_start "$DB" $DBNAME
t0=$(date +%s.%N)
bench_marketing_workspace 1 sms "$CSV"
echo "imported $ROWS contacts in $(echo "$(date +%s.%N) - $t0" | bc | cut -c1-6) s ($DB)"

segment() {  # segment NAME CONDITIONS_JSON [MATCH]
  api POST /v1/segments "{\"name\":\"$1\",\"match\":\"${3:-all}\",\"conditions\":$2}" | grep -o '"id":"seg_[^"]*"' | head -n1 | cut -d'"' -f4
}
measure() {  # measure NAME CONDITIONS_JSON [MATCH]
  local id times=() count ms
  id=$(segment "$@")
  for _ in $(seq 1 "$COUNTS"); do
    ms=$( { /usr/bin/time -f %e curl -fsS "$BASE/v1/segments/$id/count" -H "Authorization: Bearer $KEY" > /tmp/segcount.json; } 2>&1 )
    times+=("$(echo "$ms * 1000 / 1" | bc)")
  done
  count=$(grep -o '"count":[0-9]*' /tmp/segcount.json | cut -d: -f2)
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '| %s | %s | %s ms | %s ms | %s |\n' "$1" "$count" "$(echo "$sorted" | sed -n "$(( (COUNTS + 1) / 2 ))p")" \
    "$(echo "$sorted" | tail -n1)" "${times[*]}"
}

echo "| segment | contacts | median | slowest | each count (ms) |"
echo "| --- | --- | --- | --- | --- |"
measure "everyone" '[]'
measure "tag vip" '[{"field":"tag","op":"has","value":"vip"}]'
measure "tag vip and SMS marketing opted in" '[{"field":"tag","op":"has","value":"vip"},{"field":"consent.sms.marketing","op":"eq","value":"opted_in"}]'
measure "no tag vip, language en" '[{"field":"tag","op":"not_has","value":"vip"},{"field":"language","op":"eq","value":"en"}]'
measure "city Madrid (attribute)" '[{"field":"attributes.city","op":"eq","value":"Madrid"}]'
measure "city Sevilla or tag seg3" '[{"field":"attributes.city","op":"eq","value":"Sevilla"},{"field":"tag","op":"has","value":"seg3"}]' any
measure "created within 30 days" '[{"field":"created_at","op":"within_days","value":30}]'
measure "SMS marketing none" '[{"field":"consent.sms.marketing","op":"eq","value":"none"}]'
measure "never wrote to us" '[{"field":"last_inbound_at","op":"exists","value":false}]'
bench_stop
