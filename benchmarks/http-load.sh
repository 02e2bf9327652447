#!/usr/bin/env bash
# HTTP load harness: the example server (Vigil behind VigilServlet on Jetty 12) against a bare Jetty 12 servlet
# doing the minimum work of a push endpoint (benchmarks/.../BaselineServer.java), both on 127.0.0.1, driven by wrk in
# alternating rounds. Prints requests/s and p50/p99 per round and the ratio Vigil/baseline, plus start-up time to the
# first 200. Bounded: ROUNDS x 2 x DURATION of load, loopback only.
# Then the same for seed 000 health reports (HEALTH=0 skips them; SERVICES paths round robin, default 64), and for
# seed 001's example 2, event ingest on a service (EVENTS_INGEST=0 skips it), against the baseline's minimal ingest
# and its push (the issue's bar: >= 0.5x the bare Jetty push).
#   ROUNDS=3 WARMUP=3 DURATION=10s CONNECTIONS=32 THREADS=2 DB=memory benchmarks/http-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DB=${DB:-memory}
MONITORS=${MONITORS:-64}   # pushes are spread over this many monitors, as independent jobs would push
API_KEY=load-test-admin-key-0123456789
VIGIL_PORT=${VIGIL_PORT:-18481}   # override both when another run holds the ports
BASE_PORT=${BASE_PORT:-18482}
command -v wrk >/dev/null || { echo "wrk is required: apt-get install wrk" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is required" >&2; exit 1; }

for port in $VIGIL_PORT $BASE_PORT; do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
    echo "port $port is in use: stop whatever listens there first" >&2; exit 1
  fi
done

echo "building..." >&2
mvn -B -q -DskipTests package -pl examples,benchmarks -am

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

now_ms() { date +%s%3N; }

# start LOGFILE URL_TO_POLL COMMAND... : starts a server, waits for URL_TO_POLL to answer 200; sets STARTED_MS
start() {
  local log=$1 poll=$2; shift 2
  local t0; t0=$(now_ms)
  "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 3000); do
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$poll" || true)" = "200" ]; then
      STARTED_MS=$(( $(now_ms) - t0 ))
      return
    fi
    sleep 0.01
  done
  echo "server did not start: $log" >&2; cat "$log" >&2; exit 1
}

stop_last() { kill "${pids[-1]}"; wait "${pids[-1]}" 2>/dev/null || true; unset 'pids[-1]'; }

API_TOKEN=load-test-api-token-0123456789
export VIGIL_API_KEY=$API_KEY VIGIL_API_TOKEN=$API_TOKEN
vigil_cmd=(java -jar examples/target/vigil-examples.jar --port $VIGIL_PORT --db "$DB" --config examples/vigil-demo.yaml)
base_cmd=(java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.BaselineServer $BASE_PORT "$MONITORS")

# start-up to first 200, alternating, 3 times each (Vigil's /healthz; the baseline's push route with its fixed secret)
vigil_start=(); base_start=()
for i in 1 2 3; do
  start "$work/vigil-start.log" "http://127.0.0.1:$VIGIL_PORT/healthz" "${vigil_cmd[@]}"
  vigil_start+=("$STARTED_MS"); stop_last
  start "$work/base-start.log" "http://127.0.0.1:$BASE_PORT/api/push/1/baseline-secret-1-0123456789abcdefghijklmnop" \
    "${base_cmd[@]}"
  base_start+=("$STARTED_MS"); stop_last
done

start "$work/vigil.log" "http://127.0.0.1:$VIGIL_PORT/healthz" "${vigil_cmd[@]}"
start "$work/base.log" "http://127.0.0.1:$BASE_PORT/api/push/1/baseline-secret-1-0123456789abcdefghijklmnop" \
  "${base_cmd[@]}"
# MONITORS push paths on each server: created over Vigil's admin API; the baseline's are fixed
for _ in $(seq 1 500); do grep -q "Stop with Ctrl+C" "$work/vigil.log" && break; sleep 0.01; done
: >"$work/vigil.paths"
for i in $(seq 1 "$MONITORS"); do
  curl -s -X POST "http://127.0.0.1:$VIGIL_PORT/api/v1/monitors" -H "X-API-Key: $API_KEY" \
    -d "{\"name\": \"load-$i-$RANDOM$RANDOM\", \"config\": {\"expected_interval\": 86400}}" \
    | sed -E 's#.*"push_url":"http://[^/]+([^"]+)".*#\1#' >>"$work/vigil.paths"
  echo >>"$work/vigil.paths"
  echo "/api/push/$i/baseline-secret-$i-0123456789abcdefghijklmnop" >>"$work/base.paths"
done
grep -q "^/api/push/" "$work/vigil.paths" || { echo "could not create monitors" >&2; cat "$work/vigil.paths" >&2; exit 1; }

# a wrk script per server: POST the seed's JSON to the next path, round robin
lua() {
  {
    echo 'local paths = {'
    grep "^/api/push/" "$1" | sed 's/.*/  "&",/'
    echo '}'
    cat <<'LUA'
local i = 0
local body = '{"status": "success", "message": "Backup completed", "details": {"files_backed_up": 1234}}'
local headers = { ["Content-Type"] = "application/json" }
request = function()
  i = i % #paths + 1
  return wrk.format("POST", paths[i], headers, body)
end
LUA
  } >"$2"
}
lua "$work/vigil.paths" "$work/vigil.lua"
lua "$work/base.paths" "$work/base.lua"
vigil_url="http://127.0.0.1:$VIGIL_PORT"
base_url="http://127.0.0.1:$BASE_PORT"

# run URL SCRIPT -> "rps p50_ms p99_ms"
run() {
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$2" "$1")
  if echo "$out" | grep -q "Non-2xx"; then echo "non-2xx answers from $1:" >&2; echo "$out" >&2; exit 1; fi
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}
to_ms() { # wrk prints 812.00us, 1.23ms or 2.01s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[^m]s$/) n *= 1000; printf "%.3f", n }'
}

# warm-up, not reported: WARMUP runs of each, so the JIT has compiled both servers' hot paths before rounds count
for _ in $(seq 1 "$WARMUP"); do
  run "$vigil_url" "$work/vigil.lua" >/dev/null; run "$base_url" "$work/base.lua" >/dev/null
done

echo
echo "seed 002 push (POST with JSON) to $MONITORS monitors round robin, $CONNECTIONS connections, $THREADS wrk threads,"\
  "$DURATION per run, store=$DB"
printf "%-6s %12s %9s %9s   %12s %9s %9s   %7s\n" round vigil_rps p50_ms p99_ms base_rps p50_ms p99_ms ratio
ratios=()
for r in $(seq 1 "$ROUNDS"); do
  read -r v_rps v_p50 v_p99 <<<"$(run "$vigil_url" "$work/vigil.lua")"
  read -r b_rps b_p50 b_p99 <<<"$(run "$base_url" "$work/base.lua")"
  ratio=$(awk -v a="$v_rps" -v b="$b_rps" 'BEGIN { printf "%.2f", a / b }')
  ratios+=("$ratio")
  printf "%-6s %12s %9s %9s   %12s %9s %9s   %7s\n" "$r" "$v_rps" "$v_p50" "$v_p99" "$b_rps" "$b_p50" "$b_p99" "$ratio"
done
sorted=$(printf "%s\n" "${ratios[@]}" | sort -n)
echo "push ratio vigil/baseline: median $(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')," \
  "min $(echo "$sorted" | head -1), max $(echo "$sorted" | tail -1)"
echo
echo "start-up to first 200 (ms), vigil: ${vigil_start[*]}   baseline: ${base_start[*]}"
vs=$(printf "%s\n" "${vigil_start[@]}" | sort -n | sed -n 2p)
bs=$(printf "%s\n" "${base_start[@]}" | sort -n | sed -n 2p)
echo "start-up ratio vigil/baseline (medians): $(awk -v a="$vs" -v b="$bs" 'BEGIN { printf "%.2f", a / b }')"

# seed 000 health reports: the seed's JSON to SERVICES paths round robin, the same alternating rounds
if [ "${HEALTH:-1}" = "1" ]; then
health_lua() {
  cat <<LUA
local i = 0
local headers = { ["Content-Type"] = "application/json", ["X-API-Key"] = "$API_KEY" }
request = function()
  i = i % ${SERVICES:-64} + 1
  local body = '{"path": "myorg/infra/prod/baremetal/galera-node' .. i .. '", "status": "OPERATIONAL", '
    .. '"message": "wsrep_cluster_size=3", "criticality": "critical", "slaGroup": "database-cluster", '
    .. '"serviceType": "database", "tags": ["database", "baremetal"]}'
  return wrk.format("POST", "/api/v1/health/report", headers, body)
end
LUA
}
health_lua >"$work/health.lua"
for _ in $(seq 1 "$WARMUP"); do
  run "$vigil_url" "$work/health.lua" >/dev/null; run "$base_url" "$work/health.lua" >/dev/null
done
echo
echo "seed 000 health report (POST with JSON) to ${SERVICES:-64} services round robin, $CONNECTIONS connections"
printf "%-6s %12s %9s %9s   %12s %9s %9s   %7s\n" round vigil_rps p50_ms p99_ms base_rps p50_ms p99_ms ratio
ratios=()
for r in $(seq 1 "$ROUNDS"); do
  read -r v_rps v_p50 v_p99 <<<"$(run "$vigil_url" "$work/health.lua")"
  read -r b_rps b_p50 b_p99 <<<"$(run "$base_url" "$work/health.lua")"
  ratio=$(awk -v a="$v_rps" -v b="$b_rps" 'BEGIN { printf "%.2f", a / b }')
  ratios+=("$ratio")
  printf "%-6s %12s %9s %9s   %12s %9s %9s   %7s\n" "$r" "$v_rps" "$v_p50" "$v_p99" "$b_rps" "$b_p50" "$b_p99" "$ratio"
done
sorted=$(printf "%s\n" "${ratios[@]}" | sort -n)
echo "health report ratio vigil/baseline: median $(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'),"\
  "min $(echo "$sorted" | head -1), max $(echo "$sorted" | tail -1)"
fi

# seed 001 example 2: CUSTOM_INFO on type(SERVICE),entityName.equals(BookingService), the seed's body unchanged,
# against the baseline's minimal ingest and against its push (same rounds, alternating)
[ "${EVENTS_INGEST:-1}" = "1" ] || exit 0
curl -s -o /dev/null -X POST "$vigil_url/api/v1/health/report" -H "X-API-Key: $API_KEY" \
  -d '{"path": "travel/booking/prod/eu1/BookingService", "status": "OPERATIONAL"}'
cat >"$work/ingest.lua" <<LUA
local headers = { ["Authorization"] = "Api-Token $API_TOKEN" }
local body = '{"eventType": "CUSTOM_INFO", "title": "Loadtest start", "timeout": 30, '
  .. '"entitySelector": "type(SERVICE),entityName.equals(BookingService)", '
  .. '"properties": {"Tool": "MyLoadTool", "Load per minute": "100", "Load pattern": "production"}}'
request = function()
  return wrk.format("POST", "/api/v2/events/ingest", headers, body)
end
LUA
check=$(curl -s -X POST "$vigil_url/api/v2/events/ingest" -H "Authorization: Api-Token $API_TOKEN" \
  -d '{"eventType":"CUSTOM_INFO","title":"check","entitySelector":"type(SERVICE),entityName.equals(BookingService)"}')
echo "$check" | grep -q '"reportCount":1' || { echo "ingest check failed: $check" >&2; exit 1; }
for _ in $(seq 1 "$WARMUP"); do
  run "$vigil_url" "$work/ingest.lua" >/dev/null; run "$base_url" "$work/ingest.lua" >/dev/null
  run "$base_url" "$work/base.lua" >/dev/null
done
echo
echo "seed 001 example 2 event ingest (POST with JSON, Api-Token), $CONNECTIONS connections"
printf "%-6s %12s %9s %9s   %12s %9s   %12s %9s   %7s %7s\n" round vigil_rps p50_ms p99_ms base_ingest p99_ms \
  base_push p99_ms vs_ing vs_push
ratios=(); push_ratios=()
for r in $(seq 1 "$ROUNDS"); do
  read -r v_rps v_p50 v_p99 <<<"$(run "$vigil_url" "$work/ingest.lua")"
  read -r b_rps _ b_p99 <<<"$(run "$base_url" "$work/ingest.lua")"
  read -r p_rps _ p_p99 <<<"$(run "$base_url" "$work/base.lua")"
  ratio=$(awk -v a="$v_rps" -v b="$b_rps" 'BEGIN { printf "%.2f", a / b }')
  push_ratio=$(awk -v a="$v_rps" -v b="$p_rps" 'BEGIN { printf "%.2f", a / b }')
  ratios+=("$ratio"); push_ratios+=("$push_ratio")
  printf "%-6s %12s %9s %9s   %12s %9s   %12s %9s   %7s %7s\n" "$r" "$v_rps" "$v_p50" "$v_p99" "$b_rps" "$b_p99" \
    "$p_rps" "$p_p99" "$ratio" "$push_ratio"
done
for name in ratios push_ratios; do
  declare -n arr=$name
  sorted=$(printf "%s\n" "${arr[@]}" | sort -n)
  label=$([ "$name" = ratios ] && echo "vigil/baseline ingest" || echo "vigil ingest/baseline push")
  echo "event ingest ratio $label: median $(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'),"\
    "min $(echo "$sorted" | head -1), max $(echo "$sorted" | tail -1)"
done
