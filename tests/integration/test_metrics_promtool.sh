#!/usr/bin/env bash
# test_metrics_promtool.sh - a real scrape of the metrics server passes
# `promtool check metrics` (Debian package prometheus), and the probe
# endpoints answer as a load balancer expects.
#
# The server runs in tests/tools/metrics_demo (the metrics module with every
# series populated) on an ephemeral loopback port.  promtool is first shown
# to reject a malformed exposition, so a promtool that accepts anything
# cannot pass the test.
set -uo pipefail

src=${CONFLICTD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${CONFLICTD_BUILD_DIR:-$src/build}

passed=0
failed=0
ok() {
  passed=$((passed + 1))
  echo "ok   $1"
}
fail() {
  failed=$((failed + 1))
  echo "FAIL $1"
  if [ -n "${2:-}" ]; then
    printf '%s\n' "$2" | sed 's/^/     /'
  fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

tmp=$(mktemp -d)
demo_pid=""
cleanup() {
  if [ -n "$demo_pid" ]; then
    kill "$demo_pid" 2>/dev/null
    wait "$demo_pid" 2>/dev/null
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

for tool in promtool curl; do
  command -v "$tool" >/dev/null || {
    fail "tool $tool is installed"
    finish
  }
done
if [ ! -x "$build/metrics_demo" ]; then
  fail "$build/metrics_demo is built"
  finish
fi

# promtool can fail: a lint problem (a counter without _total) and a parse error.
printf '# HELP x_requests Requests.\n# TYPE x_requests counter\nx_requests 1\n' >"$tmp/lint.txt"
printf 'x_bad{le="1"} 2 3 4\n' >"$tmp/parse.txt"
for bad in lint parse; do
  if promtool check metrics <"$tmp/$bad.txt" >/dev/null 2>&1; then
    fail "promtool rejects a $bad error"
  else
    ok "promtool rejects a $bad error"
  fi
done

# Start the demo server and read its address from the first line it prints.
mkfifo "$tmp/out"
"$build/metrics_demo" 127.0.0.1:0 >"$tmp/out" 2>"$tmp/err" &
demo_pid=$!
exec 3<"$tmp/out"
addr=""
if read -r -t 10 line <&3; then
  addr=${line#listening on }
fi
if [ -z "$addr" ] || [ "$addr" = "$line" ]; then
  fail "metrics_demo starts and prints its address" "$(cat "$tmp/err")"
  finish
fi
ok "metrics_demo listens on $addr"
base="http://$addr"

code=$(curl -s -o "$tmp/scrape.txt" -D "$tmp/headers.txt" -w '%{http_code}' --max-time 5 "$base/metrics")
if [ "$code" = 200 ] && grep -qi '^content-type: text/plain; version=0.0.4' "$tmp/headers.txt"; then
  ok "GET /metrics is 200 text/plain version 0.0.4 ($(wc -l <"$tmp/scrape.txt") lines)"
else
  fail "GET /metrics is 200 text/plain version 0.0.4" "code $code; $(cat "$tmp/headers.txt")"
fi

if out=$(promtool check metrics <"$tmp/scrape.txt" 2>&1); then
  ok "promtool check metrics accepts the scrape"
else
  fail "promtool check metrics accepts the scrape" "$out"
fi

# The names DESIGN.md promises, each with HELP and TYPE, each with a sample.
missing=""
for m in articles_consumed_total:counter events_produced_total:counter dead_letters_total:counter \
  rebalances_total:counter in_flight_articles:gauge consumer_lag:gauge \
  extract_duration_seconds:histogram end_to_end_latency_seconds:histogram build_info:gauge; do
  name=conflictd_${m%%:*}
  type=${m#*:}
  grep -q "^# HELP $name " "$tmp/scrape.txt" || missing="$missing HELP:$name"
  grep -qx "# TYPE $name $type" "$tmp/scrape.txt" || missing="$missing TYPE:$name"
  grep -qE "^${name}(_bucket|_count|_sum)?(\{| )" "$tmp/scrape.txt" || missing="$missing sample:$name"
done
if [ -z "$missing" ]; then
  ok "the scrape has every metric of DESIGN.md with HELP, TYPE and samples"
else
  fail "the scrape has every metric of DESIGN.md" "missing:$missing"
fi

# promtool's own parser reads the values back the way Prometheus would.
if out=$(promtool check metrics <"$tmp/scrape.txt" 2>&1) && grep -qx 'conflictd_consumer_lag{partition="3"} 300' "$tmp/scrape.txt" &&
  grep -qx 'conflictd_extract_duration_seconds_count 50' "$tmp/scrape.txt" &&
  grep -qx 'conflictd_dead_letters_total{reason="weird \\"quoted\\" reason"} 1' "$tmp/scrape.txt"; then
  ok "labels, escaping and histogram counts are as set"
else
  fail "labels, escaping and histogram counts are as set" "$(grep -E 'lag|_count|reason' "$tmp/scrape.txt")"
fi

for probe in healthz:200 readyz:200 nope:404; do
  path=${probe%%:*}
  want=${probe#*:}
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/$path")
  if [ "$code" = "$want" ]; then
    ok "GET /$path is $want"
  else
    fail "GET /$path is $want" "got $code"
  fi
done

kill -TERM "$demo_pid"
if wait "$demo_pid"; then
  ok "metrics_demo exits 0 on SIGTERM"
else
  fail "metrics_demo exits 0 on SIGTERM"
fi
demo_pid=""
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/metrics")
if [ "$code" = 000 ]; then
  ok "the port is closed after metrics_stop"
else
  fail "the port is closed after metrics_stop" "got $code"
fi

finish
