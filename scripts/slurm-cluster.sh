#!/usr/bin/env bash
# A private Slurm cluster on localhost for the Slurm sandbox backend's tests, benchmarks and demos: Debian's munge,
# slurmctld and slurmd started with their own config, key, sockets, ports and state directories, so they never touch
# (or need) a system Slurm or munge.
#
#   scripts/slurm-cluster.sh start   install slurm-wlm and munge if missing, start the daemons unless they answer, print the env
#   scripts/slurm-cluster.sh env     print the variables to use it:  eval "$(scripts/slurm-cluster.sh env)"
#   scripts/slurm-cluster.sh stop    stop every daemon it started (nothing of it keeps running)
#
# Two nodes (mledojo1, mledojo2), each a slurmd on 127.0.0.1 with its own port and spool: Debian's build accepts
# several slurmd on one host when each is started with -N and has its own port. Each node claims 16 CPUs and 64 GiB
# (Slurm counts them; the host's real cores are shared), so the default partition `mledojo` holds 16 sessions of the
# default budget (2 CPUs, 4096 MB) at once. The partition `mledojo-small` may use 4 CPUs of mledojo1 only: two such
# sessions run and further ones queue, which the queueing tests use. `mledojo-agents` is the same on mledojo2, for the
# agent's queueing test, which runs beside the Slurm tests and must not share their partition. Needs root (slurmd does).
# MLEDOJO_SLURM_STATE overrides the state directory (default /var/lib/mledojo-slurm); MLEDOJO_SLURM_PORT the first of
# the three ports used (default 26817: slurmctld, then one per slurmd).
set -euo pipefail

STATE=${MLEDOJO_SLURM_STATE:-/var/lib/mledojo-slurm}
PORT=${MLEDOJO_SLURM_PORT:-26817}
CONF="$STATE/slurm.conf"
MUNGE_SOCKET="$STATE/munge/munge.socket"
MUNGE_PID="$STATE/munge/munged.pid"
CTLD_PID="$STATE/slurmctld.pid"
NODES=(mledojo1 mledojo2)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

print_env() {
  echo "export SLURM_CONF=$CONF"
  echo "export MLEDOJO_TEST_SLURM=1"
}

answers() { SLURM_CONF=$CONF timeout 10 sinfo --json >/dev/null 2>&1; }

nodes_idle() {
  # The nodes register within a second or two of slurmd starting; until then jobs would pend with "Nodes required ... not available".
  local states
  states=$(SLURM_CONF=$CONF timeout 10 sinfo --noheader --Node --format='%t' 2>/dev/null | sort -u | tr '\n' ' ')
  [ -n "$states" ] && ! [[ "$states" =~ (down|unk|drain|fail|\*) ]]
}

install_slurm() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null && command -v sbatch >/dev/null; then
    return
  fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "Slurm is missing. Run as root: apt-get install -y slurm-wlm munge" >&2
    exit 1
  fi
  say "installing slurm-wlm and munge"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm slurm-client munge >/dev/null
}

write_config() {
  mkdir -p "$STATE/munge" "$STATE/ctld" "$STATE/log"
  chmod 700 "$STATE/munge"
  if [ ! -s "$STATE/munge/munge.key" ]; then
    dd if=/dev/urandom of="$STATE/munge/munge.key" bs=1024 count=1 status=none
  fi
  chmod 400 "$STATE/munge/munge.key"
  local node port=$((PORT + 1)) nodelines=""
  for node in "${NODES[@]}"; do
    mkdir -p "$STATE/spool/$node"
    nodelines+="NodeName=$node NodeAddr=127.0.0.1 NodeHostname=$(hostname) Port=$port CPUs=16 RealMemory=65536 State=UNKNOWN"$'\n'
    port=$((port + 1))
  done
  # proctrack/linuxproc and task/none: no cgroup setup asked of the host (containers often forbid it). The step's
  # processes are still tracked as descendants of slurmstepd, so scancel of a step kills them all; bubblewrap's pid
  # namespace and rlimits do the containing, as in the local backend.
  cat >"$CONF.new" <<EOF
# Written by scripts/slurm-cluster.sh; rewritten on every start.
ClusterName=mledojo
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$MUNGE_SOCKET
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/spool/%n
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$STATE/slurmd-%n.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd-%n.log
SlurmdParameters=config_overrides
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
SwitchType=switch/none
KillWait=5
MinJobAge=300
SchedulerParameters=sched_interval=2
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
${nodelines}PartitionName=mledojo Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
PartitionName=mledojo-small Nodes=${NODES[0]} MaxCPUsPerNode=4 MaxTime=INFINITE State=UP OverSubscribe=NO
PartitionName=mledojo-agents Nodes=${NODES[1]} MaxCPUsPerNode=4 MaxTime=INFINITE State=UP OverSubscribe=NO
EOF
  mv "$CONF.new" "$CONF"
}

alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_munge() {
  if alive "$MUNGE_PID" && [ -S "$MUNGE_SOCKET" ]; then
    return
  fi
  rm -f "$MUNGE_PID" "$MUNGE_SOCKET"
  munged --force --socket="$MUNGE_SOCKET" --key-file="$STATE/munge/munge.key" --pid-file="$MUNGE_PID" \
    --log-file="$STATE/log/munged.log" --seed-file="$STATE/munge/munged.seed"
}

start_daemons() {
  if ! alive "$CTLD_PID"; then
    rm -f "$CTLD_PID"
    SLURM_CONF=$CONF slurmctld -f "$CONF"
  fi
  local node
  for node in "${NODES[@]}"; do
    if ! alive "$STATE/slurmd-$node.pid"; then
      rm -f "$STATE/slurmd-$node.pid"
      SLURM_CONF=$CONF slurmd -f "$CONF" -N "$node"
    fi
  done
}

start() {
  install_slurm
  if [ "$(id -u)" != 0 ]; then
    echo "Starting the private Slurm cluster needs root (slurmd runs job steps as other users)." >&2
    exit 1
  fi
  if [ -f "$CONF" ] && alive "$MUNGE_PID" && answers && nodes_idle; then
    # A cluster started by an older version of this script learns the current partitions without a restart.
    local before
    before=$(cksum < "$CONF")
    write_config
    if [ "$(cksum < "$CONF")" != "$before" ]; then
      say "the cluster's configuration changed: scontrol reconfigure"
      SLURM_CONF=$CONF scontrol reconfigure
    fi
    print_env
    return
  fi
  local started=$SECONDS
  say "starting munged, slurmctld and ${#NODES[@]} slurmd on localhost (state $STATE, port $PORT)"
  write_config
  start_munge
  start_daemons
  for _ in $(seq 1 150); do
    if answers && nodes_idle; then
      say "Slurm answered with its nodes up after $((SECONDS - started)) s"
      print_env
      return
    fi
    sleep 0.2
  done
  echo "The Slurm cluster did not come up; the end of its logs:" >&2
  tail -n 20 "$STATE"/log/*.log >&2 || true
  exit 1
}

stop_pidfile() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

stop() {
  [ -d "$STATE" ] || return 0
  # Jobs first: slurmd leaves a slurmstepd per running step, which would outlive it.
  if answers; then
    SLURM_CONF=$CONF scancel --full --quiet --partition=mledojo 2>/dev/null || true
    SLURM_CONF=$CONF scancel --full --quiet --partition=mledojo-small 2>/dev/null || true
    SLURM_CONF=$CONF scancel --full --quiet --partition=mledojo-agents 2>/dev/null || true
    sleep 1
  fi
  local node
  for node in "${NODES[@]}"; do
    stop_pidfile "$STATE/slurmd-$node.pid"
  done
  stop_pidfile "$CTLD_PID"
  # slurmstepd of steps the cancel did not reach (a node already stopped): found by the spool they were started for.
  local pid
  for pid in $(pgrep -x slurmstepd || true); do
    if grep -qa "$STATE" "/proc/$pid/environ" "/proc/$pid/cmdline" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  stop_pidfile "$MUNGE_PID"
}

case "${1:-start}" in
  start) start ;;
  env) print_env ;;
  stop) stop ;;
  *)
    sed -n '2,16p' "$0" >&2
    exit 2
    ;;
esac
