#!/usr/bin/env bash
# HTTP load harness: the example server (Vigil behind VigilServlet on Jetty 12) against a bare Jetty 12 servlet
# doing the minimum work of a push endpoint (benchmarks/.../BaselineServer.java), both on 127.0.0.1, driven by wrk in
# alternating rounds. Prints requests/s and p50/p99 per round and the ratio Vigil/baseline, plus start-up time to the
# first 200. Bounded: ROUNDS x 2 x DURATION of load, loopback only.
# Then the same for seed 000 health reports (HEALTH=0 skips them; SERVICES paths round robin, default 64), seed 003
# metric ingest (METRICS=0 skips it; APPS apps round robin, default 64, each with a 5xx and a memory task) and seed
# 004 check events (EVENTS=0 skips them; HEARTBEATS heartbeats created over HTTP, default 1000, each event matching
# one of them), and seed 001's example 2, event ingest on a service (EVENTS_INGEST=0 skips it), against the
# baseline's push (the issue's bar: >= 0.5x the bare Jetty push) and against its minimal ingest.
#   ROUNDS=3 WARMUP=3 WARMUP_SECONDS=30 DURATION=10s CONNECTIONS=32 THREADS=2 DB=memory benchmarks/http-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-3}
# and at least this much load on each server before measuring: on 2 cores shared with wrk, the JIT needs about 20 s
# of it to compile Vigil's hot paths (a cold first round measured half the steady rate)
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
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

export VIGIL_API_KEY=$API_KEY
BASIC=root:load-test-basic-0123456789   # the baseline server's Basic credentials, given to Vigil too
export VIGIL_BASIC_AUTH=$BASIC
API_TOKEN=load-test-api-token-0123456789   # the baseline server's Api-Token, given to Vigil too
export VIGIL_API_TOKEN=$API_TOKEN
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

# rounds NAME TITLE VIGIL_SCRIPT BASE_SCRIPT: unreported warm-up runs of each server (at least WARMUP, and at least
# WARMUP_SECONDS of load, so the JIT has compiled both hot paths; their rates are printed to show they settled), then
# ROUNDS alternating measured runs; prints each round and the median, min and max ratio
rounds() {
  local name=$1 title=$2 vigil_script=$3 base_script=$4
  local secs=${DURATION%s}; [[ $DURATION == *m ]] && secs=$(( ${DURATION%m} * 60 ))
  local warm=$(( (WARMUP_SECONDS + secs - 1) / secs )); [ "$warm" -lt "$WARMUP" ] && warm=$WARMUP
  local warm_v=() warm_b=()
  for _ in $(seq 1 "$warm"); do
    warm_v+=("$(run "$vigil_url" "$vigil_script" | cut -d' ' -f1 | cut -d. -f1)")
    warm_b+=("$(run "$base_url" "$base_script" | cut -d' ' -f1 | cut -d. -f1)")
  done
  echo
  echo "$title"
  echo "warm-up req/s, vigil: ${warm_v[*]}   baseline: ${warm_b[*]}"
  printf "%-6s %12s %9s %9s   %12s %9s %9s   %7s\n" round vigil_rps p50_ms p99_ms base_rps p50_ms p99_ms ratio
  local ratios=() r v_rps v_p50 v_p99 b_rps b_p50 b_p99 ratio sorted
  for r in $(seq 1 "$ROUNDS"); do
    read -r v_rps v_p50 v_p99 <<<"$(run "$vigil_url" "$vigil_script")"
    read -r b_rps b_p50 b_p99 <<<"$(run "$base_url" "$base_script")"
    ratio=$(awk -v a="$v_rps" -v b="$b_rps" 'BEGIN { printf "%.2f", a / b }')
    ratios+=("$ratio")
    printf "%-6s %12s %9s %9s   %12s %9s %9s   %7s\n" "$r" "$v_rps" "$v_p50" "$v_p99" "$b_rps" "$b_p50" "$b_p99" "$ratio"
  done
  sorted=$(printf "%s\n" "${ratios[@]}" | sort -n)
  echo "$name ratio vigil/baseline: median $(echo "$sorted" | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')," \
    "min $(echo "$sorted" | head -1), max $(echo "$sorted" | tail -1)"
}

rounds push "seed 002 push (POST with JSON) to $MONITORS monitors round robin, $CONNECTIONS connections, $THREADS wrk"\
" threads, $DURATION per run, store=$DB" "$work/vigil.lua" "$work/base.lua"
echo
echo "start-up to first 200 (ms), vigil: ${vigil_start[*]}   baseline: ${base_start[*]}"
vs=$(printf "%s\n" "${vigil_start[@]}" | sort -n | sed -n 2p)
bs=$(printf "%s\n" "${base_start[@]}" | sort -n | sed -n 2p)
echo "start-up ratio vigil/baseline (medians): $(awk -v a="$vs" -v b="$bs" 'BEGIN { printf "%.2f", a / b }')"

# seed 000 health reports: the seed's JSON to SERVICES paths round robin
if [ "${HEALTH:-1}" = "1" ]; then
  cat >"$work/health.lua" <<LUA
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
  rounds "health report" "seed 000 health report (POST with JSON) to ${SERVICES:-64} services round robin,"\
" $CONNECTIONS connections" "$work/health.lua" "$work/health.lua"
fi

# seed 003 metric ingest: one second of an app (http_requests, http_5xx, memory_mb of web.1) as one array, to APPS
# apps round robin; Vigil's apps each have a 5xx and a memory task, so samples go to roll-ups and rings
if [ "${METRICS:-1}" = "1" ]; then
  APPS=${APPS:-64}
  for i in $(seq 1 "$APPS"); do
    for t in '5xx:{"tolerance": "medium"' 'memory:{"dynotype": "web", "warn": "400", "crit": "800", "window": "12h", "every": "1m"'; do
      code=$(curl -s -o /dev/null -w '%{http_code}' -X POST "$vigil_url/task/${t%%:*}" -H "X-API-Key: $API_KEY" \
        -d "${t#*:}, \"app\": \"load-app-$i\", \"post\": \"https://hooks.example.com/kapacitor\"}")
      [ "$code" = "201" ] || [ "$code" = "409" ] || { echo "could not create a ${t%%:*} task: HTTP $code" >&2; exit 1; }
    done
  done
  cat >"$work/metrics.lua" <<LUA
local i = 0
local headers = { ["Content-Type"] = "application/json", ["X-API-Key"] = "$API_KEY" }
local body = '[{"metric": "http_requests", "value": 10, "dyno": "web.1"}, '
  .. '{"metric": "http_5xx", "value": 0, "dyno": "web.1"}, {"metric": "memory_mb", "value": 312.5, "dyno": "web.1"}]'
request = function()
  i = i % $APPS + 1
  return wrk.format("POST", "/api/v1/apps/load-app-" .. i .. "/metrics", headers, body)
end
LUA
  rounds "metric ingest" "seed 003 metric ingest (POST of 3 samples) to $APPS apps round robin, $CONNECTIONS"\
" connections, store=$DB" "$work/metrics.lua" "$work/metrics.lua"
fi

# seed 004 check events: HEARTBEATS heartbeats on Vigil (pattern connector + component), events round robin over
# their components, so every event is matched; the baseline checks Basic auth, parses and remembers last-seen
if [ "${EVENTS:-1}" = "1" ]; then
  HEARTBEATS=${HEARTBEATS:-1000}
  for i in $(seq 1 "$HEARTBEATS"); do
    echo "{\"pattern\": {\"connector\": \"load\", \"component\": \"host-$i\"}, \"expected_interval\": \"1h\"}"
  done | while read -r hb; do
    curl -s -o /dev/null -w '%{http_code}\n' -X POST -u "$BASIC" -d "$hb" "$vigil_url/api/v2/heartbeat" || echo "curl-$?"
  done >"$work/heartbeats.codes"
  if grep -qv '^200$' "$work/heartbeats.codes"; then
    echo "could not create heartbeats: $(sort "$work/heartbeats.codes" | uniq -c | tr '\n' ' ')" >&2
    tail -20 "$work/vigil.log" >&2; exit 1
  fi
  cat >"$work/event.lua" <<LUA
local i = 0
local auth = "Basic $(printf %s "$BASIC" | base64 -w0)"
local headers = { ["Content-Type"] = "application/json", ["Authorization"] = auth }
request = function()
  i = i % $HEARTBEATS + 1
  local body = '{"connector": "load", "connector_name": "load-1", "event_type": "check", "source_type": "resource", '
    .. '"component": "host-' .. i .. '", "resource": "disk", "state": 0, "output": "all good"}'
  return wrk.format("POST", "/api/v2/event", headers, body)
end
LUA
  rounds "check event" "seed 004 check event (POST with JSON, HTTP Basic), $HEARTBEATS heartbeats matched round robin,"\
" $CONNECTIONS connections" "$work/event.lua" "$work/event.lua"
fi

# seed 001 example 2: CUSTOM_INFO on type(SERVICE),entityName.equals(BookingService), the seed's body unchanged
if [ "${EVENTS_INGEST:-1}" = "1" ]; then
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
  rounds "event ingest vs push" "seed 001 example 2 event ingest (POST with JSON, Api-Token) against the baseline's"\
" push, $CONNECTIONS connections" "$work/ingest.lua" "$work/base.lua"
  rounds "event ingest vs ingest" "the same against the baseline's minimal ingest" "$work/ingest.lua" "$work/ingest.lua"
fi
