#!/bin/sh
# Provenance: every value of the base plan and of every scenario carries a
# provenance comment (`ecsim check --provenance`); a value without one is
# listed as file:line: setting and fails the check; `ecsim sensitivity`
# refuses a scenario without targets and writes nothing, and writes the same
# bytes with -j 2 as with -j 1.
# usage: provenance.sh ECSIM
set -u
ecsim=$1
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "provenance: $*"; fail=$((fail + 1)); }

"$ecsim" check -q --provenance configs/yiwu-14fyp.cfg scenarios/*.cfg && ok || bad "the base plan or a scenario has values without provenance"

d=tests/data/config/provenance
"$ecsim" check -q --provenance $d/variant.cfg >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && ok || bad "check --provenance of a variant without comments: exit $rc, expected 1"
grep -qxF "$d/variant.cfg:4: coal_mining.capacity_mt: no provenance comment (plan:, source: or assumption:)" "$tmp/err" \
  && ok || bad "the variant's own value is not listed"
grep -qF "$d/base.cfg:12: site.longitude_deg: no provenance" "$tmp/err" && ok || bad "the base's value is not listed"
grep -qF "site.elevation_m" "$tmp/err" && bad "a value the variant replaces with a sourced one is listed" || ok
"$ecsim" check -q $d/variant.cfg && ok || bad "plain check fails on missing provenance"

"$ecsim" sensitivity tests/data/config/minimal.cfg -o "$tmp/none" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && ok || bad "sensitivity without targets: exit $rc, expected 1"
grep -qF "targets.list: the scenario has no targets" "$tmp/err" && ok || bad "sensitivity without targets: no message"
[ -e "$tmp/none" ] && bad "sensitivity without targets wrote $tmp/none" || ok
"$ecsim" sensitivity $d/base.cfg -o "$tmp/x" --delta 0 >/dev/null 2>&1; rc=$?
[ $rc = 2 ] && ok || bad "--delta 0: exit $rc, expected 2"

"$ecsim" sensitivity -q $d/base.cfg -o "$tmp/j1" -j 1 && "$ecsim" sensitivity -q $d/base.cfg -o "$tmp/j2" -j 2 \
  && ok || bad "sensitivity did not run"
for f in sensitivity.dat sensitivity.csv sensitivity.md summary.md annual.dat targets.dat run.cfg; do
  cmp -s "$tmp/j1/base/$f" "$tmp/j2/base/$f" && ok || bad "$f differs between -j 1 and -j 2"
done
# the folder is the scenario's result folder, nothing beside it
[ "$(ls -A "$tmp/j1")" = base ] && ok || bad "sensitivity left more than the result folder: $(ls -A "$tmp/j1")"

echo "provenance: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
