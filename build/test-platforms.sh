#!/usr/bin/env bash
# test-platforms.sh DIST VERSION SHARED WINTESTS — `make test-platforms`.
#
# Unpacks the release archives in DIST and runs each where the bureau works
# (SPEC §8): Linux amd64 natively, Linux arm64 under qemu-user, Windows amd64
# under Wine (Debian's Wine 8). Each runs, from a folder whose name has Chinese
# characters and a space, over the public conformance set (SHARED/conformance):
#   - paicha version (the version stamped by make dist, the same DuckDB);
#   - both conformance scenarios, each through check.py, and the sample county;
#   - gen (the same files as on Linux amd64);
#   - every CSV file byte-identical to Linux amd64's, and summary.json (the
#     workbooks are zips whose entry times differ; see same_csv_as for the
#     absolute paths nightly and the sample county show);
#   - nightly twice with keep = 1 (the lock, latest, retention, changes.csv),
#     then explain --run <root>/latest;
# on Windows with the output on another drive (D:, mapped by Wine). Ctrl+C
# during a run, on Linux amd64 and Windows, leaves the previous output. Then the
# Windows builds of the lock and file-system tests in WINTESTS run under Wine.
# Wine 8 has no bcryptprimitives.dll!ProcessPrng, which Go 1.26 needs: a shim
# (build/wine/) goes into the test prefix only, never into the archives.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dist=$(cd "$1" && pwd) version=$2 shared=$(cd "$3" && pwd) wintests=$(cd "$4" && pwd)
conf=$shared/conformance
work=$(mktemp -d /tmp/paicha-platforms.XXXXXX)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
exec 3>&1 # notes that checks print past their captured output
ok() { echo "PASS  $*"; passed=$((passed + 1)); }
bad() { echo "FAIL  $*"; failed=$((failed + 1)); }
check() { # check DESCRIPTION COMMAND...: a check that passes when COMMAND does
  local what=$1; shift
  local rc=0
  "$@" >"$work/check.log" 2>&1 || rc=$?
  if [ $rc = 0 ]; then ok "$what"; else bad "$what (exit $rc)"; tail -20 "$work/check.log"; fi
}

data="$work/排查 数据"
mkdir -p "$data"
cp -r "$conf/inputs" "$conf/params.toml" "$data/"

for p in linux-amd64 linux-arm64; do
  mkdir -p "$work/$p" && tar -xzf "$dist/paicha-$version-$p.tar.gz" -C "$work/$p" --strip-components=1
done
mkdir -p "$work/windows-amd64"
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
  "$dist/paicha-$version-windows-amd64.zip" "$work/windows-amd64.unzip"
mv "$work/windows-amd64.unzip/paicha-$version-windows-amd64/"* "$work/windows-amd64/"

t=$(date +%s)
export WINEPREFIX=$work/wine WINEDEBUG=-all WINEARCH=win64 WINEDLLOVERRIDES="mscoree,mshtml="
wineboot -i >/dev/null 2>&1
wineserver -w
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  "$here/wine/bcryptprimitives.c" "$here/wine/bcryptprimitives.def" -ladvapi32
mkdir -p "$work/d-drive"
ln -s "$work/d-drive" "$WINEPREFIX/dosdevices/d:"
echo "wine prefix ready in $(($(date +%s) - t)) s"

# wine_run PROGRAM ARGS...: once in a while (once in some forty runs here) Wine ends a
# program before it starts, with an exit status and not a word printed; a
# program of ours that fails always says why. Such a start is tried again.
wine_run() {
  local log=$work/wine.out rc=0
  wine "$@" >"$log" 2>&1 || rc=$?
  if [ $rc != 0 ] && [ ! -s "$log" ]; then
    echo "(wine: exit $rc before the program printed anything; starting it once more)" >&2
    rc=0
    wine "$@" >"$log" 2>&1 || rc=$?
  fi
  cat "$log"
  return $rc
}

# paicha PLATFORM ARGS...: the platform's program, run the platform's way.
paicha() {
  local p=$1; shift
  case $p in
    linux-amd64) "$work/linux-amd64/paicha" "$@" ;;
    linux-arm64) qemu-aarch64 -L /usr/aarch64-linux-gnu "$work/linux-arm64/paicha" "$@" ;;
    windows-amd64) wine_run "$work/windows-amd64/paicha.exe" "$@" ;;
  esac
}
# out PLATFORM NAME: the output path as the program is given it; host PLATFORM NAME: the same on this machine.
out() { if [ "$1" = windows-amd64 ]; then echo "D:\\结果\\$2"; else echo "$work/out-$1/结果/$2"; fi; }
host() { if [ "$1" = windows-amd64 ]; then echo "$work/d-drive/结果/$2"; else echo "$work/out-$1/结果/$2"; fi; }

# same_csv A B: the same CSV files, byte for byte; summary.json too.
same_csv() {
  diff <(cd "$1" && find . -name '*.csv' | sort) <(cd "$2" && find . -name '*.csv' | sort) || return 1
  (cd "$1" && find . -name '*.csv' -o -name summary.json) | while read -r f; do cmp "$1/$f" "$2/$f" || exit 1; done
}

# same_csv_as A B SED: the same CSV files after SED on each. nightly reads the
# inputs by the absolute paths its config names, and the lists show them:
# /tmp/… on Linux, Z:/tmp/… under Wine (Wine's drive for /). compare without
# inputs reads the sample county from a temporary folder, and shows that.
# Those prefixes are the one difference allowed.
same_csv_as() {
  diff <(cd "$1" && find . -name '*.csv' | sort) <(cd "$2" && find . -name '*.csv' | sort) || return 1
  (cd "$1" && find . -name '*.csv') | while read -r f; do
    cmp <(sed "$3" "$1/$f") <(sed "$3" "$2/$f") || exit 1
  done
}
# same_gen A B: the same files; a workbook (a zip) the same entries, each
# byte for byte (excelize writes the entries in no fixed order).
same_gen() {
  python3 - "$1" "$2" <<'PY'
import os, sys, zipfile
a, b = sys.argv[1], sys.argv[2]
def files(d):
    return sorted(os.path.relpath(os.path.join(r, f), d) for r, _, fs in os.walk(d) for f in fs)
if files(a) != files(b):
    sys.exit("different files: %s / %s" % (files(a), files(b)))
for f in files(a):
    pa, pb = os.path.join(a, f), os.path.join(b, f)
    if f.endswith(".xlsx"):
        za, zb = zipfile.ZipFile(pa), zipfile.ZipFile(pb)
        same = sorted(za.namelist()) == sorted(zb.namelist()) and all(za.read(n) == zb.read(n) for n in za.namelist())
    else:
        same = open(pa, "rb").read() == open(pb, "rb").read()
    if not same:
        sys.exit(f + " differs")
PY
}
version_ok() { # version_ok PLATFORM: the stamped version and a DuckDB line
  paicha "$1" version >"$work/version-$1.txt" &&
    grep -qx "paicha $version" "$work/version-$1.txt" && grep -q '^DuckDB v' "$work/version-$1.txt"
}
check_py() { (cd "$conf" && python3 check.py "$1" "$2"); }
# latest_is ROOT RUN: latest leads to runs/RUN (a symbolic link on Linux; under
# Wine, which cannot make junctions, the pointer file osfs writes instead)
latest_is() {
  if [ -L "$1/latest" ]; then test "$(readlink "$1/latest")" = "runs/$2"
  else grep -qx "paicha-pointer runs/$2" "$1/latest"; fi
}
explain_ok() { # explain_ok PLATFORM KEY RUNDIR
  paicha "$1" explain "$2" --run "$3" >"$work/explain-$1.txt" && grep -q "$2" "$work/explain-$1.txt"
}

suite() {
  local p=$1 t
  t=$(date +%s)
  cd "$data"
  mkdir -p "$(host "$p" .)"
  check "$p: paicha version" version_ok "$p"
  if [ "$p" != linux-amd64 ]; then
    check "$p: the same DuckDB as linux-amd64" cmp <(grep '^DuckDB' "$work/version-linux-amd64.txt") <(grep '^DuckDB' "$work/version-$p.txt")
  fi
  check "$p: compare, scenario 1" paicha "$p" compare -q --survey inputs/survey --card inputs/card --medical inputs/medical --out "$(out "$p" conf1)"
  check "$p: check.py expected.json" check_py expected.json "$(host "$p" conf1)"
  check "$p: compare, scenario 2" paicha "$p" compare -q --in inputs --as-of 2023-03-01 --config params.toml --out "$(out "$p" conf2)"
  check "$p: check.py expected-asof-20230301.json" check_py expected-asof-20230301.json "$(host "$p" conf2)"

  check "$p: compare on the sample county it carries" paicha "$p" compare -q --out "$(out "$p" sample)"
  check "$p: gen" paicha "$p" gen --households 60 --seed 7 --out "$(out "$p" gen)"

  # nightly twice, keeping one run: the second replaces latest and removes the first
  local root
  root=$(out "$p" nightly)
  cat >"$data/nightly-$p.toml" <<EOF
[inputs]
survey = ["inputs/survey"]
card = ["inputs/card"]
medical = ["inputs/medical"]
[output]
root = '$root'
keep = 1
EOF
  check "$p: nightly, first run" paicha "$p" nightly --quiet --config "nightly-$p.toml"
  check "$p: nightly, second run" paicha "$p" nightly --quiet --config "nightly-$p.toml"
  local hroot
  hroot=$(host "$p" nightly)
  check "$p: runs.jsonl holds two ok runs" test "$(grep -c '"status":"ok"' "$hroot/runs.jsonl")" = 2
  local second
  second=$(tail -1 "$hroot/runs.jsonl" | python3 -c 'import json, sys; print(json.load(sys.stdin)["run"])')
  check "$p: retention kept the second run only" test "$(ls "$hroot/runs")" = "$second"
  check "$p: latest is the second run" latest_is "$hroot" "$second"
  check "$p: the second run has changes.csv" test -f "$hroot/runs/$second/changes.csv"
  check "$p: the lock is released" test ! -s "$hroot/nightly.lock"
  local key
  key=$(python3 -c 'import csv, sys; r = csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")); print(next(r)["户编号"])' "$(host "$p" conf1)/candidates.csv")
  local sep=/
  [ "$p" = windows-amd64 ] && sep='\'
  check "$p: explain $key --run <root>/latest" explain_ok "$p" "$key" "$root${sep}latest"

  if [ "$p" != linux-amd64 ]; then
    check "$p: gen wrote the same files as on linux-amd64" same_gen "$(host linux-amd64 gen)" "$(host "$p" gen)"
    check "$p: sample CSVs byte-identical to linux-amd64's (the temporary folder aside)" \
      same_csv_as "$(host linux-amd64 sample)" "$(host "$p" sample)" 's#[^,]*/paicha-sample-[0-9]*/#<示例>/#g'
    for s in conf1 conf2; do
      check "$p: $s CSVs and summary.json byte-identical to linux-amd64's" same_csv "$(host linux-amd64 $s)" "$(host "$p" $s)"
    done
    check "$p: the nightly run's CSVs byte-identical to linux-amd64's (the inputs' folder aside)" \
      same_csv_as "$(host linux-amd64 nightly)/runs/$(ls "$(host linux-amd64 nightly)/runs")" "$hroot/runs/$second" \
      "s#Z:$data/#<数据>/#g; s#$data/#<数据>/#g"
  fi
  echo "$p: $(($(date +%s) - t)) s"
}

# interrupt PLATFORM: Ctrl+C (SIGINT; Wine turns it into Windows' CTRL_C_EVENT)
# once the inputs are read leaves the previous output as it was, and nothing
# half-written beside it.
interrupt() {
  local p=$1 dir prog
  dir=$(host "$p" ctrlc)
  # exit 3 (a sheet of the generated county could not be read) still writes the output
  local rc=0
  paicha "$p" compare -q --survey county/survey --card county/card --medical county/medical --out "$(out "$p" ctrlc)" 2>/dev/null || rc=$?
  [ $rc = 0 ] || [ $rc = 3 ] || return 1
  sha256sum "$dir/candidates.csv" >"$work/ctrlc.sum"
  # run directly, not through paicha(): its log must be read while it runs
  prog=$([ "$p" = windows-amd64 ] && echo "$work/$p/paicha.exe" || echo "$work/$p/paicha")
  local args=(compare --survey county/survey --card county/card --out "$(out "$p" ctrlc)")
  if [ "$p" = windows-amd64 ]; then wine "$prog" "${args[@]}" 2>"$work/ctrlc.log" &
  else "$prog" "${args[@]}" 2>"$work/ctrlc.log" & fi
  local bg=$! i
  for i in $(seq 600); do grep -q '(read)' "$work/ctrlc.log" 2>/dev/null && break; sleep 0.1; done
  pkill -INT -f "$prog compare --survey county/survey --card county/card --out" || true
  rc=0
  wait $bg || rc=$?
  if [ $rc = 0 ] || [ $rc = 3 ]; then echo "NOTE  $p: the run finished before Ctrl+C reached it: not exercised" >&3; return 0; fi
  grep -q '已中断' "$work/ctrlc.log" && sha256sum -c --quiet "$work/ctrlc.sum" &&
    test -z "$(find "$(dirname "$dir")" -maxdepth 1 -name '.ctrlc*')"
}

suite linux-amd64
suite linux-arm64
suite windows-amd64

cd "$data"
"$work/linux-amd64/paicha" gen --households 3000 --seed 3 --out county >/dev/null
for p in linux-amd64 windows-amd64; do
  check "$p: Ctrl+C leaves the previous output intact" interrupt "$p"
done

cd "$wintests"
check "windows-amd64: the nightly lock (LockFileEx)" wine_run ./nightly.test.exe -test.run '^TestLockHeld$' -test.v
check "windows-amd64: file-system tests (pointer, removal, an open file)" wine_run ./osfs.test.exe -test.v
wineserver -k || true

echo "platforms: $passed passed, $failed failed"
[ "$failed" = 0 ]
