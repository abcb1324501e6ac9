#!/bin/bash
# test_daemon_bad_config.sh - a bad configuration is one stderr line and exit 78.
#
# Each case runs build/conflictd -c FILE (no Kafka needed: the configuration
# is checked before anything connects) and expects EX_CONFIG (78) and
# exactly one line on stderr naming the file, the line where there is one,
# and the setting.  --check-config on a good file prints "config ok: FILE".
set -u

src=${CONFLICTD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${CONFLICTD_BUILD_DIR:-$src/build}
data=${CONFLICTD_DATA_DIR:-$src/data}
bin=$build/conflictd
tmp=$(mktemp -d /tmp/conflictd-badconf-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

# expect NAME STATUS PATTERN... -- ARGS: run conflictd ARGS, bounded by timeout,
# and check the exit status, a single stderr line and every pattern in it.
expect() {
	local name=$1 want=$2
	shift 2
	local patterns=()
	while [ "$1" != "--" ]; do
		patterns+=("$1")
		shift
	done
	shift
	local rc=0
	timeout 30 "$bin" "$@" >"$tmp/out" 2>"$tmp/err" || rc=$?
	local lines
	lines=$(wc -l <"$tmp/err")
	if [ "$rc" -ne "$want" ]; then
		fail "$name: exit $rc, want $want (stderr: $(head -c 300 "$tmp/err"))"
		return
	fi
	if [ "$want" -eq 78 ] && [ "$lines" -ne 1 ]; then
		fail "$name: $lines stderr lines, want 1: $(head -c 300 "$tmp/err")"
		return
	fi
	for p in "${patterns[@]}"; do
		if ! grep -qF -- "$p" "$tmp/err" "$tmp/out"; then
			fail "$name: output lacks '$p': $(head -c 300 "$tmp/err")"
			return
		fi
	done
	ok "$name: exit $want, $(head -c 160 "$tmp/err" "$tmp/out" | grep -v '^==>' | grep -v '^$' | head -1)"
}

# The rest of a valid configuration, so only the broken part is wrong.
tail_conf() {
	cat <<EOF
extract = { data_dir = "$data"; };
output = { schema_path = "$src/schemas/conflict_event.avsc"; };
metrics = { listen = ""; };
log = { format = "text"; };
EOF
}

if [ ! -x "$bin" ]; then
	echo "FAIL $bin not built"
	echo "0 passed, 1 failed"
	exit 1
fi

# 1. Syntax error: a missing semicolon and brace on line 3.
{
	echo '# syntax error below'
	echo 'kafka = {'
	echo '  brokers = "localhost:9092"'
	echo '  group_id = "g";'
} >"$tmp/syntax.conf"
expect "syntax error" 78 "$tmp/syntax.conf:" "syntax error" -- -c "$tmp/syntax.conf"

# 2. Unknown setting, on line 3.
{
	echo '# unknown setting'
	echo 'kafka = {'
	echo '  brokerz = "localhost:9092";'
	echo '};'
	tail_conf
} >"$tmp/unknown.conf"
expect "unknown setting" 78 "$tmp/unknown.conf:3:" "kafka.brokerz" -- -c "$tmp/unknown.conf"

# 3. Wrong type, on line 2.
{
	echo 'kafka = {'
	echo '  max_in_flight = "lots";'
	echo '};'
	tail_conf
} >"$tmp/type.conf"
expect "wrong type" 78 "$tmp/type.conf:2:" "kafka.max_in_flight" -- -c "$tmp/type.conf"

# 4. Missing file.
expect "missing file" 78 "$tmp/nonexistent.conf" -- -c "$tmp/nonexistent.conf"

# 5. Unknown librdkafka property in the consumer pass-through block: checked
#    by librdkafka when the daemon builds its clients, reported with the line.
{
	echo 'kafka = {'
	echo '  brokers = "localhost:9092";'
	echo '  consumer = {'
	echo '    fetch_wait_max = 100;'
	echo '  };'
	echo '};'
	tail_conf
} >"$tmp/rdkafka.conf"
expect "unknown librdkafka property" 78 "$tmp/rdkafka.conf:4:" "kafka.consumer.fetch.wait.max" -- -c "$tmp/rdkafka.conf"

# 6. ... also with --check-config, and in the producer block.
sed 's/consumer = {/producer = {/' "$tmp/rdkafka.conf" >"$tmp/rdkafka-p.conf"
expect "unknown producer property, --check-config" 78 "$tmp/rdkafka-p.conf:4:" "kafka.producer.fetch.wait.max" -- --check-config -c "$tmp/rdkafka-p.conf"

# 7. enable.auto.offset.store cannot be turned on.
{
	echo 'kafka = {'
	echo '  consumer = { enable_auto_offset_store = true; };'
	echo '};'
	tail_conf
} >"$tmp/store.conf"
expect "enable.auto.offset.store override refused" 78 "$tmp/store.conf:2:" "kafka.consumer.enable.auto.offset.store" \
	-- -c "$tmp/store.conf"

# 8. An invalid librdkafka value (not just an unknown name).
{
	echo 'kafka = {'
	echo '  producer = { acks = "sometimes"; };'
	echo '};'
	tail_conf
} >"$tmp/value.conf"
expect "invalid librdkafka value" 78 "$tmp/value.conf:2:" "kafka.producer.acks" -- -c "$tmp/value.conf"

# 9. A good file passes --check-config, with pass-through properties.
{
	echo 'kafka = {'
	echo '  brokers = "localhost:9092";'
	echo '  consumer = { session_timeout_ms = 6000; fetch_wait_max_ms = 100; };'
	echo '  producer = { linger_ms = 20; compression_type = "zstd"; };'
	echo '};'
	tail_conf
} >"$tmp/good.conf"
expect "good config --check-config" 0 "config ok: $tmp/good.conf" -- --check-config -c "$tmp/good.conf"

# 10. --version names the extractor and librdkafka.
expect "--version" 0 "conflictd " "(extractor " ", librdkafka 2." -- --version

# 11. An unknown option is a usage error (EX_USAGE), not a config error.
expect "unknown option" 64 "usage: conflictd" -- --bogus

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
