#!/bin/sh
# Submits an ecsim command to Slurm as N shards and a merge: a job array of N tasks
# (ecsim-array.sh: task K runs the command with --shard K/N into WORK/part-K) and one
# job (ecsim-merge.sh) that runs `ecsim merge` into the command's -o DIR once every
# task has succeeded; a failed task cancels it. Prints both job ids and where the
# result and the logs go. See README.md here.
#
# usage: ecsim-submit.sh -n N [-c CPUS] [-w WORK] [-e ECSIM] [--tasks LIST] [--keep-shards]
#                        [--sbatch 'OPTIONS'] -- COMMAND ARGS... -o DIR
#   COMMAND ARGS...  the command as on one machine: ensemble FILE... --runs R ... -o DIR
#   -n N            number of shards (array tasks)
#   -c CPUS         CPUs per task (sbatch --cpus-per-task; ecsim runs with -j CPUS);
#                   default the array script's #SBATCH line (4)
#   -w WORK         folder of the shards and the logs (default DIR.shards)
#   -e ECSIM        the ecsim program (default $ECSIM, else ecsim on PATH)
#   --tasks LIST    submit only these tasks (sbatch --array syntax, e.g. 3 or 2,5):
#                   to run failed shards again; the new merge takes the others' parts
#   --keep-shards   keep WORK/part-K after the merge
#   --sbatch 'OPTIONS'  more sbatch options for both jobs, split at spaces, e.g.
#                   --sbatch '--partition=long --time=2:00:00' (repeatable); sbatch's
#                   own SBATCH_* variables work too
# Exit status: 0 submitted, 1 sbatch failed (nothing left queued), 2 bad usage.
set -u
me="ecsim-submit"
die() { echo "$me: $*" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd) || exit 1

n="" cpus="" work="" ecsim=${ECSIM:-ecsim} tasks="" keep="" sbopts=""
while [ $# -gt 0 ]; do
  case $1 in
    -n|-c|-w|-e|--tasks|--sbatch)
      [ $# -ge 2 ] || die "$1 needs a value"
      case $1 in
        -n) n=$2 ;; -c) cpus=$2 ;; -w) work=$2 ;; -e) ecsim=$2 ;; --tasks) tasks=$2 ;;
        --sbatch) sbopts="$sbopts $2" ;;
      esac
      shift 2 ;;
    --keep-shards) keep=--keep-shards; shift ;;
    -h|--help) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    --) shift; break ;;
    *) die "unknown option '$1' (the ecsim command goes after --)" ;;
  esac
done
[ $# -gt 0 ] || die "no ecsim command after --"
case $n in ''|*[!0-9]*|0*) die "-n needs the number of shards (a whole number from 1)" ;; esac
case $cpus in *[!0-9]*|0*) die "-c needs a number of CPUs from 1, not '$cpus'" ;; esac
[ -n "$tasks" ] || tasks=1-$n
case $tasks in *[!0-9,-]*) die "--tasks needs task numbers such as 3 or 2,5 or 1-4" ;; esac

# the command as the tasks will see it: it needs -o DIR and must not shard itself
out="" runs="" prev=""
for a in "$@"; do
  case $prev in
    -o|--output) out=$a ;;
    --runs) runs=$a ;;
  esac
  case $a in
    --shard) die "the command must not have --shard: every task gets its own" ;;
    --plot) die "--plot draws whole results: run 'ecsim plot' on the merged folder afterwards" ;;
  esac
  prev=$a
done
[ -n "$out" ] || die "the command needs -o DIR: where the merged result goes"
case $runs in ''|*[!0-9]*) ;; *) [ "$n" -le "$runs" ] || die "$n shards of $runs runs: N must be at most --runs" ;; esac
[ -n "$work" ] || work=${out%/}.shards

# the same program for every task: a name on PATH becomes its full path here
case $ecsim in
  */*) [ -x "$ecsim" ] || die "cannot run '$ecsim'"
       case $ecsim in /*) ;; *) ecsim=$PWD/$ecsim ;; esac ;;
  *) p=$(command -v "$ecsim") || die "no '$ecsim' on PATH: give -e PATH or set ECSIM"
     case $p in /*) ecsim=$p ;; esac ;;
esac
command -v sbatch >/dev/null 2>&1 || die "no sbatch on PATH: run this on a Slurm submit host"
mkdir -p "$work/logs" || exit 1

set -f   # --sbatch options are split at spaces, never globbed
# shellcheck disable=SC2086
array=$(sbatch --parsable --chdir="$PWD" --array="$tasks" ${cpus:+--cpus-per-task=$cpus} \
          --output="$work/logs/shard-%A_%a.out" $sbopts \
          "$here/ecsim-array.sh" -n "$n" -w "$work" -e "$ecsim" -- "$@") \
  || { echo "$me: sbatch refused the array; nothing submitted" >&2; exit 1; }
array=${array%%;*}
# shellcheck disable=SC2086
merge=$(sbatch --parsable --chdir="$PWD" --dependency="afterok:$array" --kill-on-invalid-dep=yes \
          --output="$work/logs/merge-%j.out" $sbopts \
          "$here/ecsim-merge.sh" -n "$n" -w "$work" -e "$ecsim" $keep -- "$@") \
  || { scancel "$array"; echo "$me: sbatch refused the merge job; array job $array cancelled" >&2; exit 1; }
merge=${merge%%;*}
set +f

echo "array job $array: shards $tasks of $n${cpus:+, $cpus CPUs each} -> $work/part-K (logs: $work/logs/shard-${array}_K.out)"
echo "merge job $merge: after every shard succeeded -> $out (log: $work/logs/merge-$merge.out)"
echo "a failed shard cancels the merge job; run it again with: ecsim-submit.sh --tasks K (the same options and command)"
