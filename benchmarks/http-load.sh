#!/usr/bin/env bash
# HTTP load harness: the example server (Vigil behind VigilServlet on Jetty 12) against a bare Jetty 12 servlet
# doing the minimum work of a push endpoint (benchmarks/.../BaselineServer.java), both on 127.0.0.1, driven by wrk in
# alternating rounds. Prints requests/s and p50/p99 per round and the ratio Vigil/baseline, plus start-up time to the
# first 200. Bounded: ROUNDS x 2 x DURATION of load, loopback only.
#   ROUNDS=3 DURATION=10s CONNECTIONS=32 THREADS=2 DB=memory benchmarks/http-load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DB=${DB:-memory}
VIGIL_PORT=18481
BASE_PORT=18482
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

vigil_cmd=(java -jar examples/target/vigil-examples.jar --port $VIGIL_PORT --db "$DB" --config examples/vigil-demo.yaml)
base_cmd=(java -cp benchmarks/target/benchmarks.jar dev.vigil.benchmarks.BaselineServer $BASE_PORT 16)

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
for _ in $(seq 1 500); do grep -q "Stop with Ctrl+C" "$work/vigil.log" && break; sleep 0.01; done
vigil_push=$(grep -oE "Daily Backup Job: http://[^ ]+" "$work/vigil.log" | head -1 | cut -d' ' -f4 || true)
base_push="http://127.0.0.1:$BASE_PORT$(grep -oE '^push: [^ ]+' "$work/base.log" | cut -d' ' -f2)"
[ -n "$vigil_push" ] || { echo "no push URL printed (reusing a database with existing monitors? use DB=memory)" >&2; exit 1; }

cat >"$work/post.lua" <<'LUA'
wrk.method = "POST"
wrk.body = '{"status": "success", "message": "Backup completed", "details": {"files_backed_up": 1234}}'
wrk.headers["Content-Type"] = "application/json"
LUA

# run URL -> "rps p50_ms p99_ms"
run() {
  local out; out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$work/post.lua" "$1")
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

run "$vigil_push" >/dev/null; run "$base_push" >/dev/null   # warm-up, not reported

echo
echo "seed 002 push (POST with JSON), $CONNECTIONS connections, $THREADS wrk threads, $DURATION per run, store=$DB"
printf "%-6s %12s %9s %9s   %12s %9s %9s   %7s\n" round vigil_rps p50_ms p99_ms base_rps p50_ms p99_ms ratio
ratios=()
for r in $(seq 1 "$ROUNDS"); do
  read -r v_rps v_p50 v_p99 <<<"$(run "$vigil_push")"
  read -r b_rps b_p50 b_p99 <<<"$(run "$base_push")"
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
echo "(the seed 000 health-report route gets its own section here when it lands)"
