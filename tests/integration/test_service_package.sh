#!/bin/bash
# test_service_package.sh - the Debian package: built, inspected, unpacked, and it runs.
#
# Builds the .deb with CPack in its own build tree ($CONFLICTD_BUILD_DIR/
# package-build: Release, prefix /usr, sysconfdir /etc; kept between runs so
# a rerun only relinks), then without installing anything on this machine:
#   - dpkg-deb -I: name, dependencies on the runtime libraries, maintainer,
#     description, /etc/conflictd/conflictd.conf as a conffile;
#   - dpkg-deb -c: binary, config, units, data, schema, man page, the data's
#     attribution; nothing under /usr/local or /usr/etc;
#   - dpkg -x into a temp root: the tree's conflictd --check-config accepts
#     the tree's config with its data and schema paths pointed into the root
#     (and refuses it unchanged outside the root, where nothing is installed:
#     the config relies on the installed paths);
#   - in a private mount namespace (unshare -m) whose /usr/bin, /usr/share and
#     /etc are read-only overlays of the root on the real ones, exactly what
#     an installed system runs: `conflictd --check-config -c
#     /etc/conflictd/conflictd.conf` with the compiled-in default paths, and
#     `systemd-analyze verify` of the three units (ExecStart=/usr/bin/conflictd
#     now exists); a broken unit is first shown to fail verification.
# Never dpkg -i: the machine is shared.
set -uo pipefail

src=${CONFLICTD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
build=${CONFLICTD_BUILD_DIR:-$src/build}
pkgbuild=$build/package-build

passed=0
failed=0
ok() {
  passed=$((passed + 1))
  echo "ok   $1"
}
fail() {
  failed=$((failed + 1))
  echo "FAIL $1"
}
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
  exit $?
}

tmp=$(mktemp -d /tmp/conflictd-package-XXXXXX)
trap 'if [ "$failed" -eq 0 ]; then rm -rf "$tmp"; else echo "# kept $tmp"; fi' EXIT

for tool in cmake cpack dpkg-deb dpkg systemd-analyze; do
  if ! command -v "$tool" >/dev/null; then
    fail "tool $tool is installed"
    finish
  fi
done

# --- build ----------------------------------------------------------------
if ! cmake -S "$src" -B "$pkgbuild" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
  -DCMAKE_INSTALL_SYSCONFDIR=/etc -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON -DCONFLICTD_WERROR=OFF \
  -DCONFLICTD_SANITIZE= >"$tmp/configure.log" 2>&1; then
  cat "$tmp/configure.log"
  fail "configure the package build"
  finish
fi
if ! cmake --build "$pkgbuild" --target conflictd conflict-extract conflictd-tail -j2 >"$tmp/build.log" 2>&1; then
  tail -30 "$tmp/build.log"
  fail "build conflictd, conflict-extract and conflictd-tail"
  finish
fi
rm -f "$pkgbuild"/conflictd_*.deb
if ! (cd "$pkgbuild" && cpack -G DEB) >"$tmp/cpack.log" 2>&1; then
  tail -30 "$tmp/cpack.log"
  fail "cpack -G DEB"
  finish
fi
deb=$(ls "$pkgbuild"/conflictd_*_*.deb 2>/dev/null | head -1)
if [ -z "$deb" ]; then
  fail "cpack wrote conflictd_VERSION_ARCH.deb"
  finish
fi
ok "cpack built $(basename "$deb")"

# --- control --------------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
check "Package: conflictd" [ "$(field Package)" = conflictd ]
version=$(sed -n 's/^project(conflictd VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
check "Version: $version (the project's)" [ "$(field Version)" = "$version" ]
check "Architecture: $(dpkg --print-architecture)" [ "$(field Architecture)" = "$(dpkg --print-architecture)" ]
depends=$(field Depends)
linked=$(ldd "$pkgbuild/conflictd" | awk '/=>/ {print $1}')
for lib in librdkafka1 libavro23 libconfig9 libjansson4 libsystemd0 libmicrohttpd12; do
  check "Depends names $lib" grep -qE "(^|, )$lib( |,|$)" <<<"$depends"
  check "$lib provides a library conflictd links" \
    grep -qxFf <(dpkg -L "$lib" 2>/dev/null | grep '\.so' | xargs -n1 basename) <<<"$linked"
done
check "Maintainer set" [ -n "$(field Maintainer)" ]
check "Description with a synopsis and a long text" \
  sh -c "[ \$(dpkg-deb -f '$deb' Description | wc -l) -ge 3 ]"
dpkg-deb -e "$deb" "$tmp/control"
check "conffiles is exactly /etc/conflictd/conflictd.conf" \
  [ "$(cat "$tmp/control/conffiles" 2>/dev/null)" = /etc/conflictd/conflictd.conf ]

# --- contents -------------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $6}' >"$tmp/files"
for f in ./usr/bin/conflictd ./usr/bin/conflict-extract ./usr/bin/conflictd-tail ./etc/conflictd/conflictd.conf \
  ./usr/lib/systemd/system/conflictd.service ./usr/lib/systemd/system/conflictd@.service \
  ./usr/lib/systemd/system/conflictd.target ./usr/share/conflictd/schemas/conflict_event.avsc \
  ./usr/share/conflictd/data/gazetteer.tsv ./usr/share/conflictd/data/lexicon.tsv \
  ./usr/share/man/man8/conflictd.8 ./usr/share/doc/conflictd/data-sources.md; do
  check "ships $f" grep -qxF "$f" "$tmp/files"
done
check "nothing under /usr/local or /usr/etc" sh -c "! grep -qE '^\\./usr/(local|etc)/' '$tmp/files'"
check "every data file ships" sh -c "[ \$(grep -c '^\\./usr/share/conflictd/data/.' '$tmp/files') -eq \
  \$(ls '$src/data' | grep -vc '\\.md\$') ]"

# --- the unpacked tree ----------------------------------------------------
root=$tmp/root
dpkg -x "$deb" "$root"
check "ExecStart= of conflictd.service is the packaged /usr/bin/conflictd" \
  grep -q '^ExecStart=/usr/bin/conflictd ' "$root/usr/lib/systemd/system/conflictd.service"
check "the binary's default data dir is /usr/share/conflictd" grep -qa /usr/share/conflictd/data "$root/usr/bin/conflictd"

sed -e "s|^\\( *\\)# data_dir = \"/usr/share/conflictd/data\";|\\1data_dir = \"$root/usr/share/conflictd/data\";|" \
  -e "s|^\\( *\\)# schema_path = \"/usr/share/conflictd/schemas/conflict_event.avsc\";|\\1schema_path = \"$root/usr/share/conflictd/schemas/conflict_event.avsc\";|" \
  "$root/etc/conflictd/conflictd.conf" >"$root/etc/conflictd/in-root.conf"
check "the in-root copy sets both paths" [ "$(grep -c "\"$root/usr/share/conflictd" "$root/etc/conflictd/in-root.conf")" -eq 2 ]
out=$(cd / && "$root/usr/bin/conflictd" --check-config -c "$root/etc/conflictd/in-root.conf" 2>&1)
check "the tree's conflictd --check-config accepts its config pointed into the root ($out)" \
  [ "$out" = "config ok: $root/etc/conflictd/in-root.conf" ]
if [ -d /usr/share/conflictd ]; then
  echo "# /usr/share/conflictd exists on this machine: the refusal outside the root is not checked"
else
  out=$(cd / && "$root/usr/bin/conflictd" --check-config -c "$root/etc/conflictd/conflictd.conf" 2>&1)
  rc=$?
  check "outside the root, with nothing installed, the unchanged config is refused (exit $rc: $out)" \
    [ "$rc" -eq 78 ]
fi

# --- as installed, in a private mount namespace ----------------------------
if ! unshare -m true 2>/dev/null; then
  fail "unshare -m works (needed to see the tree at /usr and /etc without installing it)"
  finish
fi
cp "$root/usr/lib/systemd/system/conflictd.service" "$tmp/broken.service"
sed -i 's|^ExecStart=.*|ExecStart=/usr/bin/conflictd-not-there -c /etc/conflictd/conflictd.conf|' "$tmp/broken.service"
cat >"$tmp/as-installed.sh" <<EOF
set -e
mount -t overlay overlay -o lowerdir=$root/usr/bin:/usr/bin /usr/bin
mount -t overlay overlay -o lowerdir=$root/usr/share:/usr/share /usr/share
mount -t overlay overlay -o lowerdir=$root/etc:/etc /etc
cd /
rc=0
out=\$(conflictd --check-config -c /etc/conflictd/conflictd.conf 2>&1) || rc=\$?
echo "check-config: \$out rc=\$rc"
if MANPATH=/usr/share/man systemd-analyze verify $tmp/broken.service >/dev/null 2>&1; then
  echo "broken: accepted"
else
  echo "broken: refused"
fi
out=\$(MANPATH=/usr/share/man systemd-analyze verify $root/usr/lib/systemd/system/conflictd.service \
  $root/usr/lib/systemd/system/conflictd@.service $root/usr/lib/systemd/system/conflictd.target 2>&1; echo rc=\$?)
echo "verify: \$out" | tr '\n' ' '
echo
EOF
report=$(unshare -m /bin/bash "$tmp/as-installed.sh" 2>&1)
echo "$report" | sed 's/^/# /'
check "as installed: conflictd --check-config -c /etc/conflictd/conflictd.conf loads with the default paths" \
  grep -qx "check-config: config ok: /etc/conflictd/conflictd.conf rc=0" <<<"$report"
check "systemd-analyze verify refuses a unit whose ExecStart is missing" grep -qx "broken: refused" <<<"$report"
check "systemd-analyze verify: the packaged units, silent and exit 0" grep -qx "verify: rc=0 " <<<"$report"

finish
