#!/bin/sh
# Bad input: every case in cases.txt (FILE<TAB>EXIT<TAB>SUBSTRING) must exit with
# EXIT, print SUBSTRING on stderr, and leave no output directory behind.
# usage: run.sh ECSIM
set -u
ecsim=$1
here=$(dirname "$0")
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
tab=$(printf '\t')
while IFS="$tab" read -r file want_rc want_msg; do
  case "$file" in ''|'#'*) continue ;; esac
  out="$tmp/out-$pass-$fail"
  (cd "$here" && "$OLDPWD/$ecsim" run "$file" -o "$out") >"$tmp/stdout" 2>"$tmp/stderr"
  rc=$?
  ok=1
  [ "$rc" = "$want_rc" ] || { echo "bad-input $file: exit status $rc, expected $want_rc"; ok=0; }
  grep -qF -- "$want_msg" "$tmp/stderr" || { echo "bad-input $file: stderr lacks '$want_msg'"; sed 's/^/  | /' "$tmp/stderr"; ok=0; }
  if [ -d "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
    echo "bad-input $file: output written: $(ls -A "$out")"; ok=0
  fi
  # `ecsim check` must reject it the same way (except usage errors)
  if [ "$want_rc" = 1 ]; then
    (cd "$here" && "$OLDPWD/$ecsim" check "$file") >/dev/null 2>&1 && { echo "bad-input $file: 'ecsim check' accepted it"; ok=0; }
  fi
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done < "$here/cases.txt"
echo "bad-input: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
