#!/bin/sh
# Docs stay true to the tree: docs/architecture.md's module map has a section
# per folder of sim/ (### `folder/`) listing exactly the .c files of that folder,
# its layer table is what `tests/layers.sh --markdown` prints, and the
# reference config equals what `ecsim reference` prints.
# usage: docs_check.sh ECSIM      check
#        docs_check.sh --update   rewrite the generated layer table in place
set -u
doc=docs/architecture.md
begin='<!-- begin layers'
end='<!-- end layers -->'
layers=$(sh tests/layers.sh --markdown) || { echo "docs: tests/layers.sh --markdown failed"; exit 1; }

# the generated block between the markers, or the document with a new block
block() {
  LC_ALL=C awk -v begin="$begin" -v end="$end" -v mode="$1" -v new="$layers" '
    index($0, end) == 1 { inside = 0 }
    mode == "print" && inside { print }
    mode == "update" && !inside { print }
    index($0, begin) == 1 { inside = 1; if (mode == "update") print new }
  ' "$doc"
}

if [ "${1:-}" = --update ]; then
  tmp=$(mktemp) || exit 1
  block update > "$tmp" && cat "$tmp" > "$doc"; rc=$?
  rm -f "$tmp"; exit $rc
fi
ecsim=$1
pass=0; fail=0
bad() { echo "docs: $*"; fail=$((fail + 1)); }

# module map: (folder/file) pairs of the doc against those of the tree
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
LC_ALL=C awk '
  /^## / { inmap = ($0 == "## Module map") }
  inmap && /^### `[^`]*\/`/ { split($0, w, "`"); folder = w[2]; sub(/\/$/, "", folder) }
  inmap && folder != "" && /^\| `[^`]*\.c` \|/ { split($0, w, "`"); print folder "/" w[2] }
' "$doc" | LC_ALL=C sort > "$tmp/doc"
(cd sim && find . -mindepth 2 -name '*.c' | sed 's|^\./||') | LC_ALL=C sort > "$tmp/tree"
missing=$(LC_ALL=C comm -23 "$tmp/tree" "$tmp/doc")
stale=$(LC_ALL=C comm -13 "$tmp/tree" "$tmp/doc")
n=0
for p in $missing; do bad "sim/$p is missing from the module map of $doc (a row under ### \`${p%%/*}/\`)"; n=1; done
[ $n = 0 ] && pass=$((pass + 1))
n=0
for p in $stale; do bad "the module map of $doc lists ${p}, which is not sim/$p"; n=1; done
[ $n = 0 ] && pass=$((pass + 1))

if [ "$(block print)" = "$layers" ]; then pass=$((pass + 1))
else bad "the layer table of $doc differs from sim/LAYERS and the tree: run 'sh tests/docs_check.sh --update'"
fi

if "$ecsim" reference | cmp -s - configs/reference.cfg; then pass=$((pass + 1))
else bad "configs/reference.cfg is out of date: run './build/release/ecsim reference > configs/reference.cfg'"
fi
echo "docs-check: $pass passed, $fail failed"
[ $fail = 0 ]
