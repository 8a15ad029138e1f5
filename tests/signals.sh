#!/bin/sh
# SIGINT and SIGTERM stop a sweep, a batch and a comparison promptly: exit
# 130 / 143, every scenario finished before the signal kept whole, no
# staging folder or temporary file left, no comparison or sweep table
# half written, nothing outside the output folder touched.
# usage: signals.sh ECSIM
set -u
ecsim=$1
base=configs/yiwu-14fyp.cfg
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "signals: FAIL: $*"; fail=$((fail + 1)); }

# Starts "$@" in the background writing into $out, waits (at most 60 s)
# until $1 finished result folders exist, sends signal $sig, and checks.
interrupt() {
  sig=$1; want=$2; min=$3; shift 3
  out=$tmp/out-$sig
  rm -rf "$out"
  "$@" -o "$out" >"$tmp/stdout" 2>"$tmp/stderr" &
  pid=$!
  i=0
  while [ $i -lt 600 ]; do
    n=$(find "$out" -mindepth 2 -maxdepth 2 -name run.cfg 2>/dev/null | wc -l)
    [ "$n" -ge "$min" ] && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
  done
  kill -"$sig" $pid 2>/dev/null
  wait $pid
  rc=$?
  [ $rc = "$want" ] && ok || bad "$sig: exit status $rc, want $want ($(tail -1 "$tmp/stderr"))"
  hidden=$(find "$out" -name '.*' | head -3)
  [ -z "$hidden" ] && ok || bad "$sig: left behind: $hidden"
  for f in sweep.dat sweep.csv comparison.dat summary.md; do
    [ ! -e "$out/$f" ] || bad "$sig: $f written by an interrupted run"
  done
  kept=0
  for d in "$out"/*/; do
    [ -d "$d" ] || continue
    kept=$((kept + 1))
    for f in annual.dat annual.csv targets.dat targets.csv summary.md run.cfg; do
      [ -f "$d/$f" ] || bad "$sig: $d has no $f"
    done
  done
  [ $kept -ge "$min" ] && ok || bad "$sig: only $kept finished scenarios kept"
  grep -q "stopped by SIG.*: $kept of" "$tmp/stderr" && ok || bad "$sig: message does not count $kept kept: $(tail -1 "$tmp/stderr")"
}

# a sentinel beside the output folder, to see that nothing else is touched
mkdir -p "$tmp/sentinel" && echo keep >"$tmp/sentinel/file"
before=$(ls -l "$tmp/sentinel" | md5sum)

values=$(seq -s, 0 1 1999)
interrupt INT 130 3 "$ecsim" sweep $base --set 'output.hourly_years=[]' --vary "storage.power_mw=$values" -j 2
interrupt TERM 143 2 "$ecsim" sweep $base --set 'output.hourly_years=[]' --vary "storage.power_mw=$values" -j 1

# a comparison of many scenarios: stopped, it writes no comparison files
mkdir -p "$tmp/many"
for k in $(seq 1 40); do
  printf 'inherits = "%s/%s";\nscenario = { name = "v%02d"; };\noutput = { hourly_years = []; };\nstorage = { power_mw = %d.0; };\n' \
    "$(pwd)" "$base" "$k" "$((k * 10))" >"$tmp/many/v$k.cfg"
done
interrupt INT 130 2 "$ecsim" compare "$tmp"/many/v*.cfg -j 2

[ "$(ls -l "$tmp/sentinel" | md5sum)" = "$before" ] && [ "$(cat "$tmp/sentinel/file")" = keep ] && ok || bad "the sentinel folder changed"
echo "signals: $pass passed, $fail failed"
[ $fail = 0 ]
