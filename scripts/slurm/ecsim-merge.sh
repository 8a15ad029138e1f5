#!/bin/sh
# The merge job of a sharded ecsim command: once every task of the array has
# succeeded, merges the shards into the files one machine writes,
#   ECSIM merge WORK/part-1 ... WORK/part-N -o DIR
# and then removes the parts (unless --keep-shards). ecsim-submit.sh submits it with
# --dependency=afterok:<array job> --kill-on-invalid-dep=yes, so it never runs after
# a failed shard. It runs without Slurm too (sh ecsim-merge.sh ...), e.g. again by hand.
#
# usage: sbatch --dependency=afterok:ARRAYJOB --kill-on-invalid-dep=yes ecsim-merge.sh
#               -n N [-w WORK] [-e ECSIM] [--keep-shards] -- COMMAND ARGS... -o DIR
#   the options and the command as given to ecsim-array.sh; only -o DIR is used
# Exit status: ecsim merge's (3 counts as success), 1 a shard is missing, 2 bad usage.
#SBATCH --job-name=ecsim-merge
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --output=ecsim-merge-%j.out
set -u
me="ecsim-merge"
die() { echo "$me: $*" >&2; exit 2; }

n="" work="" ecsim=${ECSIM:-ecsim} keep=0
while [ $# -gt 0 ]; do
  case $1 in
    -n|-w|-e) [ $# -ge 2 ] || die "$1 needs a value"
              case $1 in -n) n=$2 ;; -w) work=$2 ;; -e) ecsim=$2 ;; esac
              shift 2 ;;
    --keep-shards) keep=1; shift ;;
    --) shift; break ;;
    *) die "unknown option '$1' (the ecsim command goes after --)" ;;
  esac
done
case $n in ''|*[!0-9]*|0*) die "-n needs the number of shards (a whole number from 1)" ;; esac
out=""
while [ $# -gt 0 ]; do
  case $1 in
    -o|--output) [ $# -ge 2 ] || die "$1 needs a directory"; out=$2; shift ;;
  esac
  shift
done
[ -n "$out" ] || die "the command has no -o DIR (where the merged result goes)"
[ -n "$work" ] || work=${out%/}.shards
command -v "$ecsim" >/dev/null 2>&1 || die "cannot run '$ecsim': put ecsim on PATH or give -e PATH"

# the parts in order; a missing one is named with the way to run it again
missing="" k=1
while [ $k -le $n ]; do
  [ -d "$work/part-$k" ] || missing="$missing${missing:+,}$k"
  k=$((k + 1))
done
if [ -n "$missing" ]; then
  echo "$me: $work: no part-K for shard(s) $missing of $n; run them again" \
       "(ecsim-submit.sh --tasks $missing with the same arguments); nothing merged" >&2
  exit 1
fi
k=$n
set --
while [ $k -ge 1 ]; do set -- "$work/part-$k" "$@"; k=$((k - 1)); done

echo "$me: on $(uname -n): $ecsim merge $* -o $out"
"$ecsim" merge "$@" -o "$out"
rc=$?
case $rc in
  0) ;;
  3) echo "$me: (exit status 3: merged; some target is not met)" ;;
  *) echo "$me: merge failed (exit status $rc); the shards are kept in $work" >&2
     exit "$rc" ;;
esac
if [ $keep = 0 ]; then
  rm -rf "$@"
  echo "$me: removed the shards $work/part-1..$n"
fi
echo "$me: result -> $out"
exit 0
