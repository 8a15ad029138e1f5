#!/bin/sh
# Hostile input: every line of cases.txt is one case,
#   ID<TAB>COMMAND<TAB>EXIT<TAB>STDERR<TAB>FLAGS
# COMMAND is run by sh in the fixture folder $F (tests/hostile/files/ copied,
# plus the files gen_fixtures makes) with $E = ecsim, $O = the case's output
# folder, $S = a sentinel tree, $R = the whole tree under test. EXIT may list
# alternatives (0|3); STDERR is a substring of stderr ("-": not checked).
# FLAGS, comma separated:
#   nooutput   nothing written under $O (it may appear as an empty folder)
#   output     files may be written under $O
#   setup=FN   setup_FN prepares the case before the snapshot (may create $O)
#   then=FN    then_FN checks the result afterwards (non-zero: failed)
#   mount      needs tmpfs mounts (root); skipped without them
# Every case also checks: nothing outside $O changed (names, types, modes,
# sizes, times, contents of the whole tree $R, the sentinel $S included), no
# sanitizer report, no crash and no hang (20 s).
# usage: run.sh ECSIM [ID...]   (HOSTILE_VERBOSE=1 shows every case's stderr)
set -u
ecsim=$(cd "$(dirname "$1")" && pwd)/$(basename "$1"); shift
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
tmp=$(mktemp -d) || exit 1
R=$tmp/root; F=$R/files; S=$R/sentinel; L=$tmp/log
mounts=""
cleanup() {
  for m in $mounts; do umount "$m" 2>/dev/null; done
  chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP PIPE
mkdir -p "$F" "$S/victim" "$R/o" "$L"
[ -d "$here/files" ] && cp -R "$here/files/." "$F/"   # optional fixed files (none at present)
cp "$top/configs/yiwu-14fyp.cfg" "$F/base.cfg"
echo "must stay as it is" >"$S/victim/keep.txt"
echo "must stay as it is" >"$S/keep.txt"
E=$ecsim
export E F S R

can_mount=0
if [ "$(id -u)" = 0 ] && mkdir "$tmp/mtest" && mount -t tmpfs -o size=64k tmpfs "$tmp/mtest" 2>/dev/null; then
  umount "$tmp/mtest"; can_mount=1
fi
# mnt DIR OPTIONS: a small tmpfs at DIR, unmounted at the end of the case
mnt() { mkdir -p "$1" && mount -t tmpfs -o "$2" tmpfs "$1" && mounts="$1 $mounts"; }

. "$here/fixtures.sh"
gen_fixtures

# snap PHASE: one pass of find over the tree $R. $L/all.PHASE gets every entry
# outside $O but $O's parent (name, type, mode, size, modification and change
# times in ns, link target); $L/out.PHASE every entry under $O, with size and
# time of files (a folder's own time moves when a staging entry comes and goes).
# Unsorted: the order of an unchanged folder does not change.
snap() {
  (cd "$R" && find . \( -path "./o/$id/out" -o -path "./o/$id/out/*" \) \
      \( -type f -fprintf "$L/out.$1" '%p f %m %s %T@\n' -o -fprintf "$L/out.$1" '%p %y %l\n' \) \
    -o ! -path "./o/$id" -fprintf "$L/all.$1" '%p %y %m %s %T@ %C@ %l\n')
}
has_flag() { case ",$flags," in *",$1,"*) return 0 ;; esac; return 1; }
# flag_val NAME: sets $val to the value of NAME=... in $flags (empty without)
flag_val() { val=${flags#*"$1="}; [ "$val" = "$flags" ] && val=; val=${val%%,*}; }

pass=0; fail=0; skip=0
tab=$(printf '\t')
while IFS="$tab" read -r id cmd want_rc want_err flags; do
  case "$id" in ''|'#'*) continue ;; esac
  case " $* " in "  ") ;; *" $id "*) ;; *) continue ;; esac
  flags=${flags:-}
  if has_flag mount && [ $can_mount = 0 ]; then skip=$((skip + 1)); continue; fi
  O=$R/o/$id/out; export O
  mkdir -p "$R/o/$id"
  mounts=""
  ok=1
  flag_val setup
  if [ -n "$val" ]; then "setup_$val" || { echo "hostile $id: setup $val failed"; ok=0; }; fi
  snap before
  (cd "$F" && exec timeout -k 2 20 sh -c "$cmd") >"$L/stdout" 2>"$L/stderr"
  rc=$?
  snap after
  case "|$want_rc|" in *"|$rc|"*) ;; *) echo "hostile $id: exit status $rc, expected $want_rc"; ok=0 ;; esac
  if [ "$want_err" != "-" ] && ! grep -qF -- "$want_err" "$L/stderr"; then
    echo "hostile $id: stderr lacks: $want_err"; ok=0
  fi
  if grep -qE 'AddressSanitizer|LeakSanitizer|runtime error:' "$L/stderr"; then
    echo "hostile $id: sanitizer report"; ok=0
  fi
  if ! cmp -s "$L/all.before" "$L/all.after"; then
    echo "hostile $id: changed outside the output folder:"
    diff "$L/all.before" "$L/all.after" | sed -n '2,12s/^/  /p'; ok=0
  fi
  if has_flag nooutput && ! cmp -s "$L/out.before" "$L/out.after" \
     && ! { [ ! -s "$L/out.before" ] && [ "$(cat "$L/out.after")" = "./o/$id/out d " ]; }; then
    echo "hostile $id: output written:"; sed -n '1,8s/^/  /p' "$L/out.after"; ok=0
  fi
  flag_val then
  if [ -n "$val" ] && [ $ok = 1 ]; then "then_$val" || { echo "hostile $id: check $val failed"; ok=0; }; fi
  [ $ok = 1 ] && [ -z "${HOSTILE_VERBOSE:-}" ] || { echo "-- $id ($rc)"; sed -n '1,6s/^/  | /p' "$L/stderr"; }
  for m in $mounts; do umount "$m" 2>/dev/null; done; mounts=""
  rm -rf "$R/o/$id" 2>/dev/null || { chmod -R u+rwx "$R/o/$id"; rm -rf "$R/o/$id"; }
  if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done <"$here/cases.txt"
echo "hostile: $pass passed, $fail failed$([ $skip = 0 ] || echo ", $skip skipped (tmpfs mounts need root)")"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
