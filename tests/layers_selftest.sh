#!/bin/sh
# tests/layers.sh on small made-up trees: a clean tree passes, and each kind
# of broken rule fails with the file, line, include and rule in the message.
# usage: layers_selftest.sh
set -u
here=$(dirname "$0")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0

# A tree: low/ (a.c, a.h), high/ (b.c, b.h); high may include low.
mktree() {
  rm -rf "$tmp/sim"; mkdir -p "$tmp/sim/low" "$tmp/sim/high"
  printf 'low\nhigh low   # comment\n' > "$tmp/sim/LAYERS"
  printf '#include "a.h"\n' > "$tmp/sim/low/a.c"
  : > "$tmp/sim/low/a.h"
  printf '#include "b.h"\n#include "a.h"\n' > "$tmp/sim/high/b.c"
  : > "$tmp/sim/high/b.h"
}
# expect NAME STATUS TEXT: layers.sh exits with STATUS and prints TEXT
expect() {
  sh "$here/layers.sh" "$tmp/sim" > "$tmp/out" 2>&1; rc=$?
  if [ $rc != "$2" ]; then echo "layers selftest $1: exit status $rc, expected $2"; cat "$tmp/out"; fail=$((fail + 1)); return; fi
  if ! grep -qF -- "$3" "$tmp/out"; then echo "layers selftest $1: no \"$3\" in:"; cat "$tmp/out"; fail=$((fail + 1)); return; fi
  pass=$((pass + 1))
}

mktree
expect clean 0 "layers: 2 layers, 4 files, 3 includes (0 known exceptions): 0 problems"

mktree; printf '/* x */\n  # include "b.h"\n' >> "$tmp/sim/low/a.c"
expect upward 1 "$tmp/sim/low/a.c:3: #include \"b.h\" ($tmp/sim/high/b.h): low may not include high (low may include: nothing outside itself; see $tmp/sim/LAYERS)"

mktree; printf '#include "b.h"\n' >> "$tmp/sim/low/a.c"; printf 'exception low/a.c b.h  a reason\n' >> "$tmp/sim/LAYERS"
expect exception 0 "(1 known exceptions): 0 problems"

mktree; printf 'exception low/a.c b.h  a reason\n' >> "$tmp/sim/LAYERS"
expect stale 1 "$tmp/sim/LAYERS:3: exception low/a.c -> b.h no longer occurs: delete it"

mktree; printf 'low high\nhigh low\n' > "$tmp/sim/LAYERS"
expect cycle 1 "$tmp/sim/LAYERS:1: low may include high, which is not listed before it"

mktree; : > "$tmp/sim/stray.c"
expect unplaced 1 "$tmp/sim/stray.c is in no layer folder"

mktree; mkdir "$tmp/sim/other"
expect folder 1 "$tmp/sim/other/ is not a layer of $tmp/sim/LAYERS"

mktree; : > "$tmp/sim/high/a.h"
expect duplicate 1 "the name a.h is also"

mktree; printf '#include "../low/a.h"\n' >> "$tmp/sim/high/b.c"
expect path 1 "$tmp/sim/high/b.c:3: #include \"../low/a.h\": include by name only"

mktree; printf '#include "nowhere.h"\n' >> "$tmp/sim/high/b.c"
expect unknown 1 "$tmp/sim/high/b.c:3: #include \"nowhere.h\" is not a file of $tmp/sim/"

mktree; printf 'system libconfig.h low\n' >> "$tmp/sim/LAYERS"; printf '#include <libconfig.h>\n' >> "$tmp/sim/low/a.c"
expect system-ok 0 "0 problems"

mktree; printf 'system libconfig.h low\n' >> "$tmp/sim/LAYERS"; printf '#include <libconfig.h>\n' >> "$tmp/sim/high/b.c"
expect system 1 "$tmp/sim/high/b.c:3: #include <libconfig.h>: only low may include it"

echo "layers selftest: $pass passed, $fail failed"
[ $fail = 0 ]
