#!/bin/sh
# scripts/slurm/ under a real single-node Slurm that this test starts and stops
# itself: a private munged (own key and socket) and slurmctld + slurmd on free
# ports, every file in one temporary folder, nothing of the system's Slurm or
# munge configuration read or changed. Checks: the array of shards and the merge
# job give the files of one `ecsim ensemble` byte for byte, through the submit
# wrapper and through plain sbatch, -j follows --cpus-per-task; a failed task keeps nothing and the merge job is cancelled
# (no result folder); the merge script names a missing shard; the failed task run
# again alone (--tasks) completes the result; a cancelled task keeps nothing; the
# submit wrapper's usage errors queue nothing. Every daemon and job it started is
# stopped on exit, whatever happens, and the folder removed.
# Needs root (it starts daemons); as root it installs slurm-wlm and munge when missing.
# usage: slurm.sh ECSIM                   the test
#        slurm.sh ECSIM --bench R N C     throughput (docs/cluster.md): R members of the
#                                         base plan in N shards of C CPUs through the array,
#                                         and in one `ecsim ensemble -j <node's CPUs>`
set -u
[ $# -ge 1 ] || { echo "usage: slurm.sh ECSIM [--bench RUNS SHARDS CPUS]" >&2; exit 2; }
ecsim=$1
case $ecsim in /*) ;; *) ecsim=$PWD/$ecsim ;; esac
mode="test"
if [ "${2:-}" = --bench ]; then
  mode=bench; bench_runs=${3:-200}; bench_shards=${4:-4}; bench_cpus=${5:-2}
fi
if [ "$(id -u)" != 0 ]; then echo "SKIP: needs root to start slurmd/munged"; exit 0; fi
[ -x "$ecsim" ] || { echo "slurm: no program $ecsim"; exit 1; }
base=configs/yiwu-14fyp.cfg
submit=scripts/slurm/ecsim-submit.sh

# the packages, as the Makefile's deps target installs its own (not in its list: only
# this test needs them, and only as root)
missing=""
for p in slurm-wlm munge; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null \
    || { echo "slurm: could not install:$missing"; exit 1; }
fi
for c in munged munge unmunge slurmctld slurmd sbatch squeue scontrol scancel sinfo; do
  command -v "$c" >/dev/null 2>&1 || { echo "slurm: no $c after installing slurm-wlm and munge"; exit 1; }
done

# munged wants every folder above its socket searchable by all
tmp=$(mktemp -d) || exit 1
chmod 711 "$tmp"
mkdir -p "$tmp/run" "$tmp/munge" "$tmp/state" "$tmp/spool" "$tmp/log" "$tmp/res" && chmod 755 "$tmp/run" \
  && chmod 700 "$tmp/munge" || exit 1
conf=$tmp/slurm.conf
munged_pid="" ctld_pid="" slurmd_pid="" leftover=""
# S CMD...: CMD talks to this run's controller. The daemons (started by env, so that
# $! is theirs), and through sbatch every job, also carry ECSIM_SLURM_TEST=<this run's
# folder>, which nothing else has: the test's own shell exports neither.
S() { env SLURM_CONF="$conf" ECSIM_SLURM_TEST="$tmp" "$@"; }

# Stops what this run started: its jobs, slurmd, slurmctld, munged, and, as a last
# resort, any process that still carries this run's mark (slurmstepd, job scripts).
# Then removes the folder.
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
stop_pid() {   # PID: TERM, up to 10 s, then KILL
  alive "$1" || return 0
  kill -TERM "$1" 2>/dev/null
  t=0; while alive "$1" && [ $t -lt 20 ]; do sleep 0.5; t=$((t + 1)); done
  alive "$1" && kill -KILL "$1" 2>/dev/null
  wait "$1" 2>/dev/null
  return 0
}
ours() {
  grep -lzxF "ECSIM_SLURM_TEST=$tmp" /proc/[0-9]*/environ 2>/dev/null | sed 's|^/proc/||; s|/environ$||'
}
stop_all() {
  if alive "$ctld_pid"; then
    ids=$(S squeue -h -o %i 2>/dev/null)
    [ -z "$ids" ] || S scancel $ids 2>/dev/null
    t=0; while [ -n "$(S squeue -h -o %i 2>/dev/null)" ] && [ $t -lt 20 ]; do sleep 0.5; t=$((t + 1)); done
  fi
  stop_pid "$slurmd_pid"; slurmd_pid=""
  stop_pid "$ctld_pid"; ctld_pid=""
  stop_pid "$munged_pid"; munged_pid=""
  leftover=$(ours)
  [ -z "$leftover" ] || kill -KILL $leftover 2>/dev/null
}
trap 'stop_all; rm -rf "$tmp"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# a private munged: its own key (0.5.14's mungekey, else 1 KiB from urandom) and socket
mungekey -c -k "$tmp/munge/key" 2>/dev/null \
  || { head -c 1024 /dev/urandom > "$tmp/munge/key" && chmod 400 "$tmp/munge/key"; } || exit 1
env ECSIM_SLURM_TEST="$tmp" munged -F --socket="$tmp/run/munge.sock" --key-file="$tmp/munge/key" --pid-file="$tmp/run/munged.pid" \
  --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge/seed" >/dev/null 2>&1 &
munged_pid=$!
t=0; while ! munge -n -S "$tmp/run/munge.sock" 2>/dev/null | unmunge -S "$tmp/run/munge.sock" >/dev/null 2>&1; do
  t=$((t + 1))
  [ $t -lt 40 ] && alive "$munged_pid" || { echo "slurm: munged did not start"; cat "$tmp/log/munged.log"; exit 1; }
  sleep 0.25
done

# this machine as the one node: its name (the controller must be this host), and
# CPUs, topology and memory as slurmd finds them
node=$(uname -n); node=${node%%.*}
hw=$(slurmd -C 2>/dev/null | sed -n '1s/^NodeName=[^ ]* //p')
[ -n "$hw" ] || hw="CPUs=$(nproc) RealMemory=$(awk '/^MemTotal/ {print int($2 / 1024)}' /proc/meminfo)"
node_cpus=$(echo "$hw" | sed -n 's/.*CPUs=\([0-9]*\).*/\1/p')

# a port nothing on this machine uses, and the next one (concurrent runs of this test
# pick at random; a clash is caught when the daemon starts, and new ports are tried)
port_used() {
  h=$(printf ':%04X ' "$1")
  cat /proc/net/tcp /proc/net/tcp6 2>/dev/null | grep -q "$h"
}
free_ports() {
  while :; do
    p=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
    port_used $p || port_used $((p + 1)) || { echo $p; return; }
  done
}

write_conf() {   # PORT: slurmctld on PORT, slurmd on PORT+1
  cat > "$conf" <<EOF
# a one-node cluster for tests/slurm.sh: no accounting, no cgroups
ClusterName=ecsimtest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$1
SlurmdPort=$(($1 + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/run/munge.sock
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/run/slurmctld.pid
SlurmdPidFile=$tmp/run/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
PlugStackConfig=$tmp/plugstack.conf
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
ReturnToService=2
KillWait=10
MailProg=/bin/true
NodeName=$node NodeAddr=127.0.0.1 $hw State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
  : > "$tmp/plugstack.conf"
}

# slurmctld, then slurmd once the controller answers, then the node idle; 3 tries on
# new ports when a daemon does not stay up (a port taken in the meantime)
started=0
for _ in 1 2 3; do
  write_conf "$(free_ports)"
  env SLURM_CONF="$conf" ECSIM_SLURM_TEST="$tmp" slurmctld -D -f "$conf" >> "$tmp/log/slurmctld.out" 2>&1 &
  ctld_pid=$!
  t=0; while alive "$ctld_pid" && ! S scontrol ping 2>/dev/null | grep -q 'is UP' && [ $t -lt 60 ]; do
    sleep 0.25; t=$((t + 1)); done
  if alive "$ctld_pid"; then
    env SLURM_CONF="$conf" ECSIM_SLURM_TEST="$tmp" slurmd -D -N "$node" -f "$conf" >> "$tmp/log/slurmd.out" 2>&1 &
    slurmd_pid=$!
    t=0; while alive "$slurmd_pid" && [ "$(S sinfo -h -n "$node" -o %T 2>/dev/null)" != idle ] && [ $t -lt 120 ]; do
      sleep 0.25; t=$((t + 1)); done
    [ "$(S sinfo -h -n "$node" -o %T 2>/dev/null)" = idle ] && { started=1; break; }
  fi
  stop_pid "$slurmd_pid"; slurmd_pid=""
  stop_pid "$ctld_pid"; ctld_pid=""
done
if [ $started = 0 ]; then
  echo "slurm: could not start slurmctld and slurmd (node $node, $hw)"
  tail -n 20 "$tmp/log/slurmctld.out" "$tmp/log/slurmd.out"
  exit 1
fi

# until this controller's queue is empty, at most SECONDS (default 180)
wait_queue() {
  t=0
  while [ -n "$(S squeue -h -o %i 2>/dev/null)" ]; do
    [ $t -lt $((${1:-180} * 5)) ] || return 1
    sleep 0.2; t=$((t + 1))
  done
}
# JOBID: "K STATE EXIT" per task of an array, or "- STATE EXIT" for a job, sorted
states() {
  S scontrol -o show job "$1" 2>/dev/null | awk '{k = "-"; s = e = "?"
    for (i = 1; i <= NF; i++) {
      if ($i ~ /^ArrayTaskId=/) k = substr($i, 13)
      if ($i ~ /^JobState=/) s = substr($i, 10)
      if ($i ~ /^ExitCode=/) e = substr($i, 10)
    }
    print k, s, e}' | sort
}
reason() { S scontrol -o show job "$1" 2>/dev/null | tr ' ' '\n' | sed -n 's/^Reason=//p'; }
job_of() { awk -v w="$1" '$1 == w && $2 == "job" {sub(/:$/, "", $3); print $3}' "$2"; }
# the folder's files, each the same bytes as the other's
same_tree() {
  [ -d "$1" ] && [ -d "$2" ] && [ -n "$(ls -A "$1")" ] || return 1
  (cd "$1" && find . -type f | LC_ALL=C sort) > "$tmp/ta"
  (cd "$2" && find . -type f | LC_ALL=C sort) > "$tmp/tb"
  cmp -s "$tmp/ta" "$tmp/tb" || return 1
  while read -r f; do cmp -s "$1/$f" "$2/$f" || return 1; done < "$tmp/ta"
}

if [ $mode = bench ]; then
  # wall time from submission to the merged result, against one ensemble on the node
  cmd="ensemble $base --runs $bench_runs"
  s0=$(date +%s.%N)
  # shellcheck disable=SC2086
  "$ecsim" $cmd -q -j "$node_cpus" -o "$tmp/plain" || exit 1
  s1=$(date +%s.%N)
  # shellcheck disable=SC2086
  S sh "$submit" -n "$bench_shards" -c "$bench_cpus" -e "$ecsim" -- $cmd -o "$tmp/res/arr" > "$tmp/submit.out" || exit 1
  wait_queue 3600 || { echo "slurm: the array did not finish in an hour"; exit 1; }
  s2=$(date +%s.%N)
  same_tree "$tmp/plain" "$tmp/res/arr" || { echo "slurm: the merged result differs from the single run"; exit 1; }
  my=$(($(grep -vc '^#' "$tmp/plain/yiwu-14fyp/members.dat") - 1))
  awk -v my="$my" -v r="$bench_runs" -v n="$bench_shards" -v c="$bench_cpus" -v nc="$node_cpus" \
      -v s0="$s0" -v s1="$s1" -v s2="$s2" 'BEGIN {
    printf "node: %s CPUs; %d members = %d member-years of the base plan\n", nc, r, my
    printf "ecsim ensemble -j %d:             %7.1f s  %8.0f member-years/h\n", nc, s1 - s0, my / (s1 - s0) * 3600
    printf "array of %d shards x %d CPUs + merge: %7.1f s  %8.0f member-years/h\n", n, c, s2 - s1, my / (s2 - s1) * 3600
  }'
  exit 0
fi

pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "slurm: $*"; fail=$((fail + 1)); }
show_logs() { for f in "$1"/logs/*.out; do [ -f "$f" ] && { echo "--- $f"; cat "$f"; }; done; }
# one CPU a task, so that tasks run side by side on a node of 2 or more; the command's
# own -j 2 must give way to it
cpus=1
cmd="ensemble $base --runs 6 -j 2"
"$ecsim" ensemble -q "$base" --runs 6 -o "$tmp/plain" || bad "the single-machine ensemble failed"

# 1. three shards and the merge give the single run's files; -j from --cpus-per-task
# shellcheck disable=SC2086
S sh "$submit" -n 3 -c $cpus -e "$ecsim" -- $cmd -o "$tmp/res/good" > "$tmp/s1" 2>&1 || bad "submit failed: $(cat "$tmp/s1")"
a=$(job_of array "$tmp/s1"); m=$(job_of merge "$tmp/s1")
[ -n "$a" ] && [ -n "$m" ] && ok || bad "submit printed no job ids: $(cat "$tmp/s1")"
grep -q "^merge job $m: .* -> $tmp/res/good " "$tmp/s1" && ok || bad "submit does not say where the result goes"
# at the same time, with plain sbatch: N from the array 1-3, a WORK of its own, parts kept
# shellcheck disable=SC2086
d=$(S sbatch --parsable --chdir="$PWD" --array=1-3 --cpus-per-task=1 --output="$tmp/res/direct-%a.out" \
      scripts/slurm/ecsim-array.sh -w "$tmp/res/dwork" -e "$ecsim" -- $cmd -o "$tmp/res/direct") || bad "sbatch of the array failed"
# shellcheck disable=SC2086
dm=$(S sbatch --parsable --chdir="$PWD" --dependency="afterok:$d" --kill-on-invalid-dep=yes --output="$tmp/res/direct-merge.out" \
       scripts/slurm/ecsim-merge.sh -n 3 -w "$tmp/res/dwork" -e "$ecsim" --keep-shards -- $cmd -o "$tmp/res/direct") \
  || bad "sbatch of the merge failed"
wait_queue && ok || bad "jobs still queued after 180 s: $(S squeue)"
[ "$(states "$d" | tr '\n' ' ')$(states "$dm")" = "1 COMPLETED 0:0 2 COMPLETED 0:0 3 COMPLETED 0:0 - COMPLETED 0:0" ] && ok \
  || bad "plain sbatch: array $(states "$d" | tr '\n' ' '), merge $(states "$dm")"
same_tree "$tmp/plain" "$tmp/res/direct" && ok || bad "plain sbatch: merged result differs from the single run"
[ "$(ls -A "$tmp/res/dwork" | tr '\n' ' ')" = "part-1 part-2 part-3 " ] && ok \
  || bad "plain sbatch with --keep-shards: $(ls -A "$tmp/res/dwork" | tr '\n' ' ')"
[ "$(states "$a" | tr '\n' ' ')" = "1 COMPLETED 0:0 2 COMPLETED 0:0 3 COMPLETED 0:0 " ] && ok \
  || bad "array tasks: $(states "$a" | tr '\n' ' ')"
[ "$(states "$m")" = "- COMPLETED 0:0" ] && ok || bad "merge job: $(states "$m")"
same_tree "$tmp/plain" "$tmp/res/good" && ok || { bad "merged result differs from the single run"; show_logs "$tmp/res/good.shards"; }
for k in 1 2 3; do
  log=$tmp/res/good.shards/logs/shard-${a}_$k.out
  grep -q -- "--shard $k/3 -o .* -j $cpus\$" "$log" && ! grep -q -- '-j 2 ' "$log" && ok \
    || bad "task $k did not run with --shard $k/3 and -j $cpus only: $(head -1 "$log")"
  tail -n 1 "$log" | grep -qx "ecsim-array: shard $k/3 -> $tmp/res/good.shards/part-$k" && ok || bad "task $k log: $(tail -n 1 "$log")"
done
[ "$(ls -A "$tmp/res/good.shards")" = logs ] && ok || bad "shards left after the merge: $(ls -A "$tmp/res/good.shards")"
tail -n 1 "$tmp/res/good.shards/logs/merge-$m.out" | grep -qx "ecsim-merge: result -> $tmp/res/good" && ok || bad "merge log"

# 2. task 2 fails after its ecsim wrote the shard: nothing of it is kept, the others'
# parts are, the merge job is cancelled and never runs, no result folder
cat > "$tmp/flaky" <<EOF
#!/bin/sh
"$ecsim" "\$@" || exit
case " \$* " in *" --shard 2/3 "*) echo "flaky: shard 2 fails on purpose" >&2; exit 1 ;; esac
EOF
chmod +x "$tmp/flaky"
# shellcheck disable=SC2086
S sh "$submit" -n 3 -c $cpus -e "$tmp/flaky" -- $cmd -o "$tmp/res/bad" > "$tmp/s2" 2>&1 || bad "submit failed: $(cat "$tmp/s2")"
a=$(job_of array "$tmp/s2"); m=$(job_of merge "$tmp/s2")
wait_queue && ok || bad "jobs still queued after 180 s: $(S squeue)"
[ "$(states "$a" | tr '\n' ' ')" = "1 COMPLETED 0:0 2 FAILED 1:0 3 COMPLETED 0:0 " ] && ok \
  || bad "array tasks with a failing task 2: $(states "$a" | tr '\n' ' ')"
[ "$(states "$m")" = "- CANCELLED 0:0" ] && [ "$(reason "$m")" = DependencyNeverSatisfied ] && ok \
  || bad "merge job after a failed task: $(states "$m") $(reason "$m")"
[ ! -e "$tmp/res/bad.shards/logs/merge-$m.out" ] && ok || bad "the merge job ran after a failed task"
[ ! -e "$tmp/res/bad" ] && ok || bad "a result folder exists after a failed task"
[ "$(ls -A "$tmp/res/bad.shards" | tr '\n' ' ')" = "logs part-1 part-3 " ] && ok \
  || bad "after a failed task 2 the shards' folder holds: $(ls -A "$tmp/res/bad.shards" | tr '\n' ' ')"
grep -q 'shard 2/3 failed (exit status 1); nothing kept' "$tmp/res/bad.shards/logs/shard-${a}_2.out" && ok \
  || bad "task 2's log does not say it failed"

# 3. the merge script by hand names the missing shard and writes nothing
sh scripts/slurm/ecsim-merge.sh -n 3 -e "$ecsim" -- $cmd -o "$tmp/res/bad" > /dev/null 2> "$tmp/err"
rc=$?
[ $rc = 1 ] && grep -q 'no part-K for shard(s) 2 of 3' "$tmp/err" && [ ! -e "$tmp/res/bad" ] && ok \
  || bad "merge with part-2 missing: exit $rc, $(cat "$tmp/err")"

# 4. task 2 again, alone: its new merge job completes the result (and --sbatch reaches
# both jobs)
# shellcheck disable=SC2086
S sh "$submit" -n 3 -c $cpus -e "$ecsim" --tasks 2 --sbatch '--time=9 --job-name=again' -- $cmd -o "$tmp/res/bad" \
  > "$tmp/s3" 2>&1 || bad "resubmit failed: $(cat "$tmp/s3")"
a=$(job_of array "$tmp/s3"); m=$(job_of merge "$tmp/s3")
[ "$( (S scontrol -o show job "$a"; S scontrol -o show job "$m") | grep -c 'JobName=again .*TimeLimit=00:09:00 ')" = 2 ] && ok \
  || bad "--sbatch options did not reach both jobs"
wait_queue && ok || bad "jobs still queued after 180 s: $(S squeue)"
[ "$(states "$a")" = "2 COMPLETED 0:0" ] && [ "$(states "$m")" = "- COMPLETED 0:0" ] && ok \
  || bad "resubmitted task 2: $(states "$a") merge: $(states "$m")"
same_tree "$tmp/plain" "$tmp/res/bad" && ok || { bad "result after resubmitting task 2 differs"; show_logs "$tmp/res/bad.shards"; }

# 5. a task cancelled while ecsim runs keeps nothing (one shard of many members,
# cancelled once its ecsim has started)
S sh "$submit" -n 1 -c 1 -e "$ecsim" -- ensemble "$base" --runs 400 -o "$tmp/res/cancel" > "$tmp/s4" 2>&1 \
  || bad "submit failed: $(cat "$tmp/s4")"
a=$(job_of array "$tmp/s4"); m=$(job_of merge "$tmp/s4")
t=0; while ! grep -q '^ecsim-array: shard 1/1 on' "$tmp/res/cancel.shards/logs/shard-${a}_1.out" 2>/dev/null && [ $t -lt 300 ]; do
  sleep 0.1; t=$((t + 1)); done
sleep 0.5
S scancel "$a"
wait_queue && ok || bad "jobs still queued after 180 s: $(S squeue)"
[ "$(states "$a" | cut -d' ' -f1-2)" = "1 CANCELLED" ] && [ "$(states "$m" | cut -d' ' -f1-2)" = "- CANCELLED" ] \
  && ok || bad "cancelled task: $(states "$a"), its merge job: $(states "$m")"
[ "$(ls -A "$tmp/res/cancel.shards")" = logs ] && [ ! -e "$tmp/res/cancel" ] && ok \
  || bad "a cancelled task left: $(ls -A "$tmp/res/cancel.shards" | tr '\n' ' ')"

# 6. the wrapper's usage errors exit 2 and queue nothing
for args in "-n 3 -- $cmd" "-n 3 -- $cmd --shard 1/3 -o $tmp/res/u" "-n 0 -- $cmd -o $tmp/res/u" \
            "-n 7 -- $cmd -o $tmp/res/u" "-n 3 -c x -- $cmd -o $tmp/res/u" "-n 3 -e $tmp/nothing -- $cmd -o $tmp/res/u" \
            "-n 3 -- $cmd --plot -o $tmp/res/u" "-n 3 --tasks a -- $cmd -o $tmp/res/u"; do
  # shellcheck disable=SC2086
  S sh "$submit" $args > /dev/null 2> "$tmp/err"
  rc=$?
  [ $rc = 2 ] && [ -s "$tmp/err" ] && [ -z "$(S squeue -h -o %i)" ] && ok || bad "'ecsim-submit.sh $args': exit $rc, $(cat "$tmp/err")"
done
[ ! -e "$tmp/res/u" ] && [ ! -e "$tmp/res/u.shards" ] && ok || bad "a refused submission wrote something"

# every daemon of this run stops when told, and no process with its mark is left
# for the last resort to kill
pids="$munged_pid $ctld_pid $slurmd_pid"
stop_all
left=""; for p in $pids; do alive "$p" && left="$left $p"; done
[ -z "$left$leftover$(ours)" ] && ok || bad "still running after stopping the daemons:$left $leftover"

echo "slurm: $pass passed, $fail failed"
[ $fail = 0 ]
