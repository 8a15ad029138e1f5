#!/bin/sh
# Runs every libFuzzer harness of BUILD_DIR (fuzz_*) for SECONDS each on a
# copy of its corpus, tests/fuzz/corpus/<harness>/, in a temporary
# directory (the repository is not changed). Fails on any crash, leak,
# timeout or sanitizer report; the input that caused it is kept and named.
#   sh tests/fuzz/run.sh BUILD_DIR [SECONDS [SEED]]
# With a SEED (make check gives one) the inputs tried are the same sequence
# on every run, so the stage does not pass or fail by chance; `make fuzz`
# draws a new seed each time to explore.
set -u
bdir=$1; secs=${2:-20}; seed=${3:-}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ecsim-fuzz-run.XXXXXX") || exit 1
fail=0
for bin in "$bdir"/fuzz_*; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin")
  # inputs larger than a scenario file need not be tried (the base plan is 16 KB)
  case $name in
    fuzz_config) max_len=20000 ;;
    fuzz_units) max_len=256 ;;
    *) max_len=8192 ;;
  esac
  mkdir -p "$work/$name/corpus" "$work/$name/tmp" "$work/$name/artifacts"
  cp "$here/corpus/$name/"* "$work/$name/corpus/" 2>/dev/null
  echo "--- $name: ${secs} s, $(ls "$work/$name/corpus" | wc -l) seeds"
  TMPDIR="$work/$name/tmp" ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$bin" ${seed:+-seed=$seed} -max_total_time="$secs" -max_len=$max_len -timeout=10 -rss_limit_mb=1024 \
      -artifact_prefix="$work/$name/artifacts/" -print_final_stats=1 "$work/$name/corpus" \
      >"$work/$name/log" 2>&1
  rc=$?
  grep -E '^#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb' "$work/$name/log"
  if [ $rc != 0 ] || [ -n "$(ls "$work/$name/artifacts")" ]; then
    fail=1
    tail -n 60 "$work/$name/log"
    echo "FAIL: $name (exit status $rc); inputs kept in $work/$name/artifacts/:"
    ls "$work/$name/artifacts"
  else
    echo "ok: $name"
  fi
done
if [ $fail = 0 ]; then rm -rf "$work"; fi
exit $fail
