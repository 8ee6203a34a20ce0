#!/usr/bin/env bash
# `npm run test:cluster`: examples/slurm-array.sbatch on a real one-node Slurm cluster on this machine.
# Installs Debian's slurm-wlm and munge with apt-get when they are missing, starts munged, slurmctld
# and slurmd with their key, config, sockets, state and logs in a temporary folder (its own ports, so
# a Slurm already running here is left alone), then submits a sweep and an sgd study as job arrays of
# 2 shards, each followed by its dependent merge job, requeues an sgd task in the middle of its run
# (it must resume its trial file), and compares the merged files with unsharded runs byte for byte.
# Stops the daemons it started, by their PIDs. Run from anywhere, after `npm run build`.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
say() { echo "cluster-test: $*" >&2; }
fail() { say "FAIL: $*"; exit 1; }

# --- Slurm and munge ---------------------------------------------------------------------------
missing=()
for cmd in slurmctld slurmd sbatch scontrol squeue; do
  command -v "$cmd" >/dev/null || { missing+=(slurm-wlm); break; }
done
command -v munged >/dev/null || missing+=(munge)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} with apt-get"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "run as root, or install ${missing[*]} yourself"
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ -f dist/cli.js ] || fail "dist/cli.js is missing: run npm run build first"

# --- a one-node cluster in a temporary folder ---------------------------------------------------
tmp="$(mktemp -d /tmp/shortcut-sim-cluster.XXXXXX)"
chmod 755 "$tmp" # munged wants every folder above its socket searchable by all
mkdir -p "$tmp/munge" "$tmp/run" "$tmp/state" "$tmp/spool" "$tmp/log" "$tmp/out" "$tmp/ref"
chmod 700 "$tmp/munge"
pids=() jobs=()
cleanup() {
  local status=$?
  if [ ${#jobs[@]} -gt 0 ] && [ "$status" -ne 0 ]; then scancel "${jobs[@]}" 2>/dev/null || true; sleep 2; fi
  # The daemons this script started, newest first, by their PIDs.
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    local pid="${pids[i]}"
    kill "$pid" 2>/dev/null || continue
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ "$status" -eq 0 ]; then rm -rf "$tmp"; else say "logs and files kept in $tmp"; fi
}
trap cleanup EXIT

head -c 1024 /dev/urandom >"$tmp/munge/munge.key"
chmod 400 "$tmp/munge/munge.key"
munged --foreground --key-file="$tmp/munge/munge.key" --socket="$tmp/run/munge.socket" --pid-file="$tmp/run/munged.pid" \
  --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge/munged.seed" >"$tmp/log/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$tmp/run/munge.socket" ] && break; sleep 0.1; done
munge -n -S "$tmp/run/munge.socket" | unmunge -S "$tmp/run/munge.socket" >/dev/null || fail "munged did not start (see $tmp/log)"

# Two free ports for slurmctld and slurmd.
read -r ctld_port slurmd_port < <(node -e "const net = require('node:net'); const a = net.createServer().listen(0, '127.0.0.1', () => {
  const b = net.createServer().listen(0, '127.0.0.1', () => { console.log(a.address().port, b.address().port); a.close(); b.close(); }); });")
host="$(hostname -s)" cpus="$(nproc)" user="$(id -un)"
export SLURM_CONF="$tmp/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=shortcutsim
SlurmctldHost=$host(127.0.0.1)
SlurmUser=$user
SlurmdUser=$user
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
AuthInfo=socket=$tmp/run/munge.socket
CredType=cred/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/run/slurmctld.pid
SlurmdPidFile=$tmp/run/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
JobRequeue=1
KillWait=10
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -f "$SLURM_CONF" >"$tmp/log/slurmctld.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do scontrol ping 2>/dev/null | grep -q 'is UP' && break; sleep 0.2; done
scontrol ping | grep -q 'is UP' || fail "slurmctld did not start (see $tmp/log)"
slurmd -D -f "$SLURM_CONF" -N "$host" >"$tmp/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ "$(sinfo -h -n "$host" -o %t 2>/dev/null)" = idle ] && break; sleep 0.2; done
[ "$(sinfo -h -n "$host" -o %t)" = idle ] || fail "the node is not idle: $(sinfo -h -n "$host" -o '%t %E') (see $tmp/log)"
say "one-node cluster up: $host, $cpus CPUs, slurmctld port $ctld_port, Slurm $(sinfo -V)"

# --- the jobs: examples/slurm-array.sbatch with its defaults (2 shards of 1 CPU), then merges ------
out="$tmp/out" sim="node $root/dist/cli.js"
SGD_ARGS="--trials 150 --k 16 --batch 4,16"
submit() { sbatch --parsable "$@" | cut -d';' -f1; }
sweep=$(OUT="$out" submit --output="$tmp/log/sweep-%A_%a.log" examples/slurm-array.sbatch)
sweep_merge=$(submit --dependency=afterok:"$sweep" --output="$tmp/log/sweep-merge.log" \
  --wrap "$sim merge $out/sweep.part-*-of-2.jsonl --out $out/sweep.aggregate.json")
sgd=$(STUDY=sgd ARGS="$SGD_ARGS" OUT="$out/sgd" submit --open-mode=append --output="$tmp/log/sgd-%A_%a.log" examples/slurm-array.sbatch)
sgd_merge=$(submit --dependency=afterok:"$sgd" --output="$tmp/log/sgd-merge.log" \
  --wrap "$sim merge $out/sgd/sgd.trials.part-*-of-2.jsonl --out $out/sgd")
jobs=("$sweep" "$sweep_merge" "$sgd" "$sgd_merge")
say "submitted: sweep array $sweep (merge $sweep_merge), sgd array $sgd (merge $sgd_merge)"

state() { scontrol show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | head -1 | cut -d= -f2; }
# Requeue sgd task 1 once its trial file holds some trials and it is still running.
part1="$out/sgd/sgd.trials.part-1-of-2.jsonl"
deadline=$((SECONDS + 240))
until [ -f "$part1" ] && [ "$(wc -l <"$part1")" -gt 1 ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "sgd task 1 wrote no trials in time (see $tmp/log)"
  sleep 0.2
done
[ "$(state "${sgd}_1")" = RUNNING ] || fail "sgd task 1 finished before it could be requeued: give it more trials"
saved=$(($(wc -l <"$part1") - 1))
scontrol requeue "${sgd}_1"
say "requeued sgd task ${sgd}_1 with at least $saved trials in its file"
# A requeued job waits two minutes before it may start again; let it start now.
until [ "$(state "${sgd}_1")" = PENDING ]; do [ "$SECONDS" -lt "$deadline" ] || fail "the requeued task never went back to pending"; sleep 0.2; done
scontrol update jobid="${sgd}_1" StartTime=now

until [ -z "$(squeue -h -j "$(IFS=,; echo "${jobs[*]}")" 2>/dev/null)" ]; do
  [ "$SECONDS" -lt "$deadline" ] || fail "the jobs did not finish in time: $(squeue -h -j "$(IFS=,; echo "${jobs[*]}")")"
  sleep 1
done
for job in "${sweep}_1" "${sweep}_2" "$sweep_merge" "${sgd}_1" "${sgd}_2" "$sgd_merge"; do
  [ "$(state "$job")" = COMPLETED ] || fail "job $job ended $(state "$job") (see $tmp/log)"
done
say "all jobs completed"

# --- the requeued task resumed its trial file -----------------------------------------------------
log1="$tmp/log/sgd-${sgd}_1.log"
grep -q "interrupted by SIGTERM: [0-9]* of [0-9]* trials are saved in $part1" "$log1" || fail "sgd task 1 was not stopped by the requeue: $(cat "$log1")"
resumed=$(sed -n "s|^resuming $part1: \([0-9]*\) of [0-9]* trials already done$|\1|p" "$log1")
[ -n "$resumed" ] && [ "$resumed" -ge "$saved" ] || fail "sgd task 1 did not resume its trial file: $(cat "$log1")"
scontrol show job "${sgd}_1" | grep -q 'Restarts=1' || fail "sgd task 1 was not restarted once"
say "sgd task 1 was requeued and resumed its trial file ($resumed trials already done)"

# --- the same bytes as unsharded runs ----------------------------------------------------------
$sim sweep --config examples/sweep.json --out "$tmp/ref/sweep.jsonl" --quiet >/dev/null
cmp "$out/sweep.aggregate.json" "$tmp/ref/sweep.aggregate.json" || fail "the merged sweep differs from the unsharded one"
# shellcheck disable=SC2086
$sim sgd $SGD_ARGS --out "$tmp/ref/sgd" --quiet >/dev/null
for f in sgd.json sgd.csv sgd.svg sgd.trials.jsonl; do
  cmp "$out/sgd/$f" "$tmp/ref/sgd/$f" || fail "the merged $f differs from the unsharded one"
done
say "PASS: merged sweep and sgd study are byte-identical to unsharded runs"
