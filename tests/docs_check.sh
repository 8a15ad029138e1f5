#!/bin/sh
# Docs stay true: every sim/*.c is in the module map, and the reference
# config equals what `ecsim reference` prints. usage: docs_check.sh ECSIM
set -u
ecsim=$1
fail=0
for f in sim/*.c; do
  m=$(basename "$f")
  grep -q "\`$m\`" docs/architecture.md || { echo "docs: $m is missing from docs/architecture.md"; fail=1; }
done
if ! "$ecsim" reference | cmp -s - configs/reference.cfg; then
  echo "docs: configs/reference.cfg is out of date: run './build/release/ecsim reference > configs/reference.cfg'"; fail=1
fi
[ $fail = 0 ] && echo "docs-check: 2 passed, 0 failed"
exit $fail
