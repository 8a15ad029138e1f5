#!/bin/sh
# The stages of `make check`.
#   stage.sh DIR NAME COMMAND      runs COMMAND (sh -c), keeps its output in
#                                  DIR/NAME.log, prints it in one piece with a
#                                  verdict line, and records the verdict in
#                                  DIR/NAME.passed or DIR/NAME.failed. Exits 0:
#                                  the summary decides.
#   stage.sh --summary DIR NAME... counts the verdicts of the named stages; a
#                                  stage without one did not run (its build
#                                  failed) and counts as failed. Exits 1 if any
#                                  stage failed.
set -u
if [ "${1:-}" = --summary ]; then
  dir=$2; shift 2
  pass=0; fail=0
  for name in "$@"; do
    if [ -f "$dir/$name.passed" ]; then pass=$((pass + 1))
    elif [ -f "$dir/$name.failed" ]; then fail=$((fail + 1)); echo "check: stage $name failed (log: $dir/$name.log)"
    else fail=$((fail + 1)); echo "check: stage $name did not run (its build failed)"
    fi
  done
  echo "check: $pass passed, $fail failed"
  [ "$fail" = 0 ] && [ "$pass" -gt 0 ]
  exit
fi
dir=$1; name=$2; cmd=$3
mkdir -p "$dir" || exit 1
rm -f "$dir/$name.passed" "$dir/$name.failed"
start=$(date +%s)
sh -c "$cmd" >"$dir/$name.log" 2>&1
rc=$?
secs=$(( $(date +%s) - start ))
if [ $rc = 0 ]; then verdict=passed; else verdict=failed; fi
echo "=== stage $name"
cat "$dir/$name.log"
echo "=== stage $name: $verdict (exit status $rc, ${secs} s)"
: >"$dir/$name.$verdict"
exit 0
