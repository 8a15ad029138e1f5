#!/bin/sh
# One shard of an ecsim command as a task of a Slurm job array. Task K of N runs
#   ECSIM COMMAND ARGS... --shard K/N -j CPUS -o WORK/.part-K.tmp-JOBID
# and renames the folder to WORK/part-K only when ecsim succeeded, so WORK/part-K
# is complete or absent whatever happens to the task (failure, time limit,
# scancel, requeue). ecsim-submit.sh submits it together with the merge job.
#
# usage: sbatch [--array=1-N] [--cpus-per-task=C] ecsim-array.sh [-n N] [-w WORK] [-e ECSIM]
#               -- COMMAND ARGS... -o DIR
#   COMMAND ARGS...  the command as on one machine, e.g. ensemble FILE --runs 1000;
#                    its -o DIR is where the merge job puts the result; its -j gives
#                    way to --cpus-per-task
#   -n N      number of shards (default: the array's task count, if the array is 1-N)
#   -w WORK   folder of the shards (default: DIR.shards)
#   -e ECSIM  the ecsim program (default: $ECSIM, else ecsim on PATH)
# K is SLURM_ARRAY_TASK_ID; -j is SLURM_CPUS_PER_TASK. Exit status: ecsim's (3, "ran,
# some target not met", counts as success: the shard is written), 2 bad usage.
#SBATCH --job-name=ecsim-shard
#SBATCH --array=1-4
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=4
#SBATCH --output=ecsim-shard-%A_%a.out
set -u
me="ecsim-array"
die() { echo "$me: $*" >&2; exit 2; }

n="" work="" ecsim=${ECSIM:-ecsim}
while [ $# -gt 0 ]; do
  case $1 in
    -n|-w|-e) [ $# -ge 2 ] || die "$1 needs a value"
              case $1 in -n) n=$2 ;; -w) work=$2 ;; -e) ecsim=$2 ;; esac
              shift 2 ;;
    --) shift; break ;;
    *) die "unknown option '$1' (the ecsim command goes after --)" ;;
  esac
done
[ $# -gt 0 ] || die "no ecsim command after --"
k=${SLURM_ARRAY_TASK_ID:-}
[ -n "$k" ] || die "not a task of a job array: submit with sbatch --array=1-N, or use ecsim-submit.sh"
if [ -z "$n" ]; then
  # without -n only an array 1-N says N; a resubmitted task (--array=3) must give -n
  [ "${SLURM_ARRAY_TASK_MIN:-}" = 1 ] && [ "${SLURM_ARRAY_TASK_MAX:-}" = "${SLURM_ARRAY_TASK_COUNT:-}" ] \
    || die "the array is not 1-N: give the number of shards with -n N"
  n=$SLURM_ARRAY_TASK_COUNT
fi
case $n in ''|*[!0-9]*|0*) die "-n needs a whole number of shards from 1, not '$n'" ;; esac
[ "$k" -le "$n" ] || die "task $k is beyond the $n shards"
cpus=${SLURM_CPUS_PER_TASK:-}

# the command without its -o DIR, and without its -j when Slurm says how many CPUs
out="" i=$#
while [ $i -gt 0 ]; do
  a=$1; shift; i=$((i - 1))
  case $a in
    -o|--output) [ $i -gt 0 ] || die "$a needs a directory"
                 out=$1; shift; i=$((i - 1)); continue ;;
    -j|--jobs) if [ -n "$cpus" ] && [ $i -gt 0 ]; then shift; i=$((i - 1)); continue; fi ;;
    --shard) die "the command must not have --shard: every task gets its own" ;;
  esac
  set -- "$@" "$a"
done
[ -n "$out" ] || die "the command has no -o DIR (where the merged result goes)"
[ -n "$work" ] || work=${out%/}.shards
command -v "$ecsim" >/dev/null 2>&1 || die "cannot run '$ecsim': put ecsim on PATH or give -e PATH"

mkdir -p "$work" || exit 1
part=$work/part-$k
tmp=$work/.part-$k.tmp-${SLURM_JOB_ID:-$$}
old=$work/.part-$k.old-${SLURM_JOB_ID:-$$}
# what an earlier attempt of this task left (requeue after a node failure, SIGKILL)
rm -rf "$work/.part-$k.tmp-"* "$work/.part-$k.old-"*

# Slurm signals every process of the job; the trap also covers a signal sent to this
# shell alone (scancel --batch): stop ecsim, wait for it, remove its folder.
child=""
stop() {
  [ -z "$child" ] || { kill -TERM "$child" 2>/dev/null; wait "$child"; }
  rm -rf "$tmp"
  echo "$me: shard $k/$n stopped by a signal; nothing kept" >&2
  exit "$1"
}
trap 'stop 129' HUP
trap 'stop 130' INT
trap 'stop 143' TERM

set -- "$@" --shard "$k/$n" -o "$tmp"
[ -z "$cpus" ] || set -- "$@" -j "$cpus"
echo "$me: shard $k/$n on $(uname -n): $ecsim $*"
"$ecsim" "$@" &
child=$!
wait "$child"
rc=$?
child=""
case $rc in
  0) ;;
  3) echo "$me: (exit status 3: the shard ran; some target is not met)" ;;
  *) rm -rf "$tmp"
     echo "$me: shard $k/$n failed (exit status $rc); nothing kept" >&2
     exit "$rc" ;;
esac
[ -d "$tmp" ] || { echo "$me: ecsim succeeded but wrote no $tmp" >&2; exit 1; }
# a part-K of an earlier run is replaced whole
if [ -e "$part" ]; then mv "$part" "$old" || { rm -rf "$tmp"; exit 1; }; fi
mv "$tmp" "$part" || { rm -rf "$tmp"; exit 1; }
rm -rf "$old"
echo "$me: shard $k/$n -> $part"
exit 0
