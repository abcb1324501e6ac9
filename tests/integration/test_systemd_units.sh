#!/usr/bin/env bash
# test_systemd_units.sh - the systemd units load cleanly and stay hardened,
# and conflictd(8) renders without warnings and documents what ships.
#
# systemd does not run as PID 1 here, so the units are checked offline:
# `systemd-analyze verify` on copies in a temp dir whose ExecStart points at
# the build's conflictd (the installed /usr/bin/conflictd may not exist),
# with MANPATH set so the Documentation=man:conflictd(8) line resolves to
# man/conflictd.8; `systemd-analyze security --offline=true` with a
# threshold of 2.0 (the tool's scale is tenths: --threshold=20).  Each check
# is first shown to reject a broken unit, so a silent tool cannot pass.
set -uo pipefail

src=${CONFLICTD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${CONFLICTD_BUILD_DIR:-$src/build}
max_exposure=2.0

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

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for tool in systemd-analyze groff man; do
  if ! command -v "$tool" >/dev/null; then
    fail "tool $tool is installed"
    echo "$passed passed, $failed failed"
    exit 1
  fi
done

# --- the unit copies -------------------------------------------------------
bin=$build/conflictd
if [ ! -x "$bin" ]; then
  echo "note: $bin not built; verifying with /bin/true as ExecStart"
  bin=/bin/true
fi
units=$tmp/units
mkdir -p "$units" "$tmp/man/man8"
cp "$src/man/conflictd.8" "$tmp/man/man8/"
for u in conflictd.service conflictd@.service conflictd.target; do
  if [ ! -f "$src/systemd/$u" ]; then
    fail "systemd/$u exists"
    continue
  fi
  sed "s#^ExecStart=/usr/bin/conflictd #ExecStart=$bin #" "$src/systemd/$u" >"$units/$u"
done
cp "$units/conflictd@.service" "$units/conflictd@1.service"

# verify_unit FILE...: exit status 0 and not a word of output.
verify_unit() {
  local out
  out=$(MANPATH=$tmp/man systemd-analyze verify "$@" 2>&1)
  local rc=$?
  if [ $rc -ne 0 ] || [ -n "$out" ]; then
    printf 'rc=%d\n%s\n' "$rc" "$out"
    return 1
  fi
  return 0
}

# exposure FILE: print the overall exposure figure; non-zero above the bound.
exposure() {
  local out rc
  out=$(systemd-analyze security --offline=true --threshold=20 --no-pager "$1" 2>&1)
  rc=$?
  printf '%s\n' "$out" | sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p'
  return $rc
}

# --- the checks can fail --------------------------------------------------
mkdir -p "$tmp/bad"
{
  cat "$units/conflictd.service"
  printf '[Service]\nRestart=sometimes\n'
} >"$tmp/bad/conflictd.service"
cp "$units/conflictd.target" "$tmp/bad/"
if verify_unit "$tmp/bad/conflictd.service" >/dev/null; then
  fail "verify rejects a unit with a bad Restart= value"
else
  ok "verify rejects a unit with a bad Restart= value"
fi
printf '[Service]\nExecStart=/bin/true\n' >"$tmp/bad/plain.service"
fig=$(exposure "$tmp/bad/plain.service")
if [ $? -ne 0 ] && [ -n "$fig" ]; then
  ok "security rejects an unhardened unit (exposure $fig)"
else
  fail "security rejects an unhardened unit" "exposure '$fig'"
fi

# --- the real units -------------------------------------------------------
for u in conflictd.service conflictd@.service conflictd@1.service conflictd.target; do
  [ -f "$units/$u" ] || continue
  if out=$(verify_unit "$units/$u"); then
    ok "systemd-analyze verify $u"
  else
    fail "systemd-analyze verify $u" "$out"
  fi
done

for u in conflictd.service conflictd@1.service; do
  [ -f "$units/$u" ] || continue
  if fig=$(exposure "$units/$u") && [ -n "$fig" ] &&
    awk -v f="$fig" -v m="$max_exposure" 'BEGIN { exit !(f <= m) }'; then
    ok "security exposure of $u is $fig (<= $max_exposure)"
  else
    fail "security exposure of $u <= $max_exposure" "exposure '$fig'"
  fi
done

# --- what the units must say (issue 5, item 1) -----------------------------
drain_ms=$(sed -n 's/^ *shutdown_timeout_ms *= *\([0-9]*\);.*/\1/p' "$src/conf/conflictd.conf" | head -n1)
drain_ms=${drain_ms:-30000}
has() { grep -qxF -- "$2" "$1"; }
for u in conflictd.service conflictd@.service; do
  f=$src/systemd/$u
  [ -f "$f" ] || continue
  missing=""
  for line in Type=notify NotifyAccess=main Restart=on-failure 'ExecReload=/bin/kill -HUP $MAINPID' \
    PartOf=conflictd.target DynamicUser=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
    PrivateDevices=yes NoNewPrivileges=yes CapabilityBoundingSet= \
    'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX' SystemCallFilter=@system-service; do
    has "$f" "$line" || missing="$missing
$line"
  done
  if [ -z "$missing" ]; then
    ok "$u has the service settings and hardening"
  else
    fail "$u has the service settings and hardening" "missing:$missing"
  fi

  exec_start=$(sed -n 's/^ExecStart=//p' "$f")
  want="-c /etc/conflictd/conflictd.conf"
  [ "$u" = conflictd@.service ] && want="$want --instance %i"
  if [ "$(printf '%s\n' "$exec_start" | wc -l)" -eq 1 ] && [[ "$exec_start" == "/usr/bin/conflictd $want"* ]]; then
    ok "$u runs /usr/bin/conflictd $want"
  else
    fail "$u runs /usr/bin/conflictd $want" "ExecStart=$exec_start"
  fi

  wd=$(sed -n 's/^WatchdogSec=\([0-9]*\)s\{0,1\}$/\1/p' "$f")
  stop=$(sed -n 's/^TimeoutStopSec=\([0-9]*\)s\{0,1\}$/\1/p' "$f")
  if [ -n "$wd" ] && [ -n "$stop" ] && [ "$((stop * 1000))" -gt "$drain_ms" ]; then
    ok "$u: WatchdogSec=$wd, TimeoutStopSec=$stop outlasts the ${drain_ms} ms drain"
  else
    fail "$u: watchdog set and TimeoutStopSec longer than the ${drain_ms} ms drain" "WatchdogSec=$wd TimeoutStopSec=$stop"
  fi

  if grep -qE '^WantedBy=(.* )?conflictd\.target( |$)' "$f"; then
    ok "$u is wanted by conflictd.target"
  else
    fail "$u is wanted by conflictd.target"
  fi
done

# --- the built daemon accepts the command lines the units run ---------------
# ExecStart with --check-config added, the instance name 1, the repository's
# reference config for /etc's, and no CONFLICTD_OPTS.  Exit 0, or 78 when
# the checkout's data is incomplete, both mean the options were understood;
# a usage error (64) means they were not.
if [ -x "$build/conflictd" ]; then
  for u in conflictd.service conflictd@.service; do
    [ -f "$src/systemd/$u" ] || continue
    line=$(sed -n 's/^ExecStart=//p' "$src/systemd/$u" | head -n1)
    line=${line//%i/1}
    line=${line//\$CONFLICTD_OPTS/}
    line=${line//\/etc\/conflictd\/conflictd.conf/$src/conf/conflictd.conf}
    read -r -a argv <<<"$line"
    argv[0]=$build/conflictd
    out=$(cd "$src" && "${argv[@]}" --check-config 2>&1)
    rc=$?
    if { [ $rc -eq 0 ] || [ $rc -eq 78 ]; } && ! grep -qiE 'unrecognized|invalid option|usage:' <<<"$out"; then
      ok "conflictd accepts the $u command line (--check-config exit $rc)"
    else
      fail "conflictd accepts the $u command line" "${argv[*]} --check-config -> exit $rc
$out"
    fi
  done

  # An instance's CONFLICTD_OPTS="-c FILE" replaces the shared file (the last
  # -c wins): a broken FILE must be the one reported.
  line=$(sed -n 's/^ExecStart=//p' "$src/systemd/conflictd@.service" | head -n1)
  printf 'metrics = { listen = "127.0.0.1:9110" \n' >"$tmp/conflictd@2.conf"
  line=${line//%i/2}
  line=${line//\$CONFLICTD_OPTS/-c $tmp/conflictd@2.conf}
  read -r -a argv <<<"$line"
  argv[0]=$build/conflictd
  out=$(cd "$src" && "${argv[@]}" --check-config 2>&1)
  rc=$?
  if [ $rc -eq 78 ] && grep -qF "$tmp/conflictd@2.conf" <<<"$out"; then
    ok "CONFLICTD_OPTS=\"-c FILE\" gives an instance its own configuration file"
  else
    fail "CONFLICTD_OPTS=\"-c FILE\" gives an instance its own configuration file" "${argv[*]} --check-config -> exit $rc
$out"
  fi
else
  echo "note: $build/conflictd not built; command lines not run"
fi

# --- the man page ---------------------------------------------------------
page=$src/man/conflictd.8
if [ ! -f "$page" ]; then
  fail "man/conflictd.8 exists"
else
  out=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
  if [ $? -eq 0 ] && [ -z "$out" ]; then
    ok "groff -man -ww renders conflictd.8 without warnings"
  else
    fail "groff -man -ww renders conflictd.8 without warnings" "$out"
  fi

  out=$(MANWIDTH=80 man --warnings=all -l "$page" 2>&1 >"$tmp/page.txt")
  if [ $? -eq 0 ] && [ -z "$out" ] && [ -s "$tmp/page.txt" ]; then
    ok "man -l renders conflictd.8 without warnings"
  else
    fail "man -l renders conflictd.8 without warnings" "$out"
  fi

  missing=""
  for s in NAME SYNOPSIS DESCRIPTION OPTIONS CONFIGURATION SIGNALS 'EXIT STATUS' ENVIRONMENT FILES EXAMPLES \
    'SEE ALSO'; do
    grep -qxE "\.SH \"?$s\"?" "$page" || missing="$missing '$s'"
  done
  if [ -z "$missing" ]; then
    ok "conflictd.8 has every section"
  else
    fail "conflictd.8 has every section" "missing:$missing"
  fi

  # Every setting and group of the reference configuration is documented:
  # the groups, the live settings and the commented-out defaults at the
  # first level of indentation (deeper ones are librdkafka examples).
  missing=""
  for name in $(sed -n -E 's/^ {0,2}(# )?([a-z_]+) = .*/\2/p' "$src/conf/conflictd.conf" | sort -u); do
    grep -qw -- "$name" "$tmp/page.txt" || missing="$missing $name"
  done
  if [ -z "$missing" ]; then
    ok "conflictd.8 documents every setting of conf/conflictd.conf"
  else
    fail "conflictd.8 documents every setting of conf/conflictd.conf" "missing:$missing"
  fi

  # Every option the units pass, and every option the built daemon's --help lists.
  opts="-c --instance"
  if [ -x "$build/conflictd" ] && help=$("$build/conflictd" --help 2>&1) && [ -n "$help" ]; then
    opts="$opts $(printf '%s\n' "$help" | grep -oE '(^|[ ,[])--[a-z][a-z-]*' | sed 's/^[ ,[]//' | sort -u | tr '\n' ' ')"
  else
    echo "note: no conflictd --help to compare with; checking the units' options only"
  fi
  missing=""
  for o in $opts; do
    grep -qE -- "(^|[ ,])$o([ ,]|$)" "$tmp/page.txt" || missing="$missing $o"
  done
  if [ -z "$missing" ]; then
    ok "conflictd.8 documents the options ($opts)"
  else
    fail "conflictd.8 documents the options" "missing:$missing"
  fi
fi

# --- the NOTIFY_SOCKET stand-in later sd_notify tests use -------------------
# systemd-notify reports its parent's pid, the shell's, which is the
# WATCHDOG_PID the listener set; the command's exit status passes through.
listener=$src/tests/tools/notify_listener.py
if [ -f "$listener" ] && command -v systemd-notify >/dev/null; then
  out=$(/usr/bin/python3 "$listener" --watchdog-usec 5000000 -- /bin/sh -c \
    'echo "env $WATCHDOG_USEC $WATCHDOG_PID $$"; systemd-notify --ready --status="2.5 articles/s, lag 7"; exit 3' 2>&1)
  rc=$?
  shell_pid=$(sed -n 's/^env 5000000 \([0-9]*\) \1$/\1/p' <<<"$out")
  if [ $rc -eq 3 ] && [ -n "$shell_pid" ] &&
    grep -qE "^[0-9.]+ pid=$shell_pid READY=1 STATUS=2.5 articles/s, lag 7$" <<<"$out"; then
    ok "notify_listener.py receives READY=1 and STATUS= with the sender's pid"
  else
    fail "notify_listener.py receives READY=1 and STATUS= with the sender's pid" "exit $rc
$out"
  fi
else
  fail "tests/tools/notify_listener.py and systemd-notify exist"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
