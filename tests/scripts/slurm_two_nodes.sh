#!/usr/bin/env bash
# A two-node Slurm cluster on this machine, built from Linux namespaces
# (slurm/README.md "Two nodes on one machine"; docs/SLURM-facts.md): a switch
# namespace with a bridge, and a controller and two nodes, each its own network
# namespace (a veth pair to the bridge, an address of 198.18.0.0/24, the
# benchmarking range, and no other) and its own UTS namespace (hostnames ctl,
# n1, n2); each node runs `slurmd -N <node>` with its own /tmp. slurm/submit.sh
# runs the pipeline with 2 nodes x 2 tasks (srun --mpi=pmix), and the test
# checks that
#   - every job COMPLETED, on both nodes (the ranks' hostnames),
#   - Open MPI's ranks on different nodes talked over TCP: the ranks see
#     OMPI_MCA_btl=self,vader,tcp (shared memory allowed), and Open MPI's own
#     log (btl_base_verbose) shows TCP connections between the two nodes'
#     addresses, none within a node,
#   - every dataset of every layer equals a 1-rank run on the same input
#     (attributes that name the run aside: created_at, run, timings),
#   - the lake lock (docs/decisions.md "One job per lake") judges a lock left
#     on another node by its Slurm job: kept while the job runs, taken over
#     once it ended.
# Stops only what it started: the daemons by their PID files, and its own
# namespaces (named after this test's PID). Needs root: exit 77 otherwise.
#   env: ADLAKE, ADLAKE_SRC, KEEP=1 keeps the folder and prints it.
set -uo pipefail
if [[ $(id -u) -ne 0 ]]; then
  echo "SKIPPED: slurm_two_nodes needs root for network namespaces and the Slurm daemons"
  exit 77
fi
source "$(dirname "$0")/../lib/script_env.sh"
source "$src/tests/lib/slurm_cluster.sh"

# Every node sees this folder (a real cluster's shared file system) but not
# /tmp, which each node has its own of: so not under /tmp.
tmp=$(mktemp -d /var/tmp/adlake-2nodes.XXXXXX)
chmod 755 "$tmp"
netns=("adlake$$-sw" "adlake$$-ctl" "adlake$$-n1" "adlake$$-n2")
switch=${netns[0]} controller=${netns[1]}
declare -A address=([ctl]=198.18.0.1 [n1]=198.18.0.11 [n2]=198.18.0.12)
declare -A namespace_of=([ctl]=${netns[1]} [n1]=${netns[2]} [n2]=${netns[3]})
# Slurm's clients (sbatch, squeue, scontrol) run in the controller's network.
SLURM_RUN="nsenter --net=/run/netns/$controller"

fail() {
  echo "FAILED: $*"
  for log in "$tmp"/slurmctld.log "$tmp"/slurmd-*.log; do
    [[ -f $log ]] && { echo "--- tail of $log"; tail -n 20 "$log"; }
  done
  exit 1
}
cleanup() {
  slurm_stop_started
  local ns
  for ns in "${netns[@]}"; do
    [[ -e /run/netns/$ns ]] && ip netns del "$ns"
  done
  [[ ${KEEP:-0} == 1 ]] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT

command -v nsenter >/dev/null && command -v unshare >/dev/null || fail "nsenter and unshare (util-linux) are needed"
command -v ip >/dev/null || fail "ip (iproute2) is needed"
slurm_install_packages
slurm_start_munge

# --- the network: a bridge in the switch namespace, a veth pair per host
ip netns add "$switch" || fail "cannot create network namespaces (ip netns add)"
ip -n "$switch" link set lo up
ip -n "$switch" link add br0 type bridge || fail "cannot create a bridge in $switch"
ip -n "$switch" link set br0 up
for host in ctl n1 n2; do
  ns=${namespace_of[$host]}
  ip netns add "$ns" || fail "ip netns add $ns"
  ip -n "$switch" link add "v-$host" type veth peer name eth0 netns "$ns" ||
    fail "cannot create the veth pair of $host"
  ip -n "$switch" link set "v-$host" master br0 up
  ip -n "$ns" link set lo up
  ip -n "$ns" addr add "${address[$host]}/24" dev eth0
  ip -n "$ns" link set eth0 up
done
echo "network: ${netns[*]}: ctl ${address[ctl]}, n1 ${address[n1]}, n2 ${address[n2]} (198.18.0.0/24)"

# --- slurm.conf: the controller and two nodes of 2 CPUs each
conf=$tmp/slurm.conf
mkdir -p "$tmp/state" "$tmp/jobs" "$tmp/spool-n1" "$tmp/spool-n2" "$tmp/tmp-n1" "$tmp/tmp-n2"
chmod 1777 "$tmp/tmp-n1" "$tmp/tmp-n2"
{
  slurm_common_conf
  cat <<CONF
SlurmctldHost=ctl(${address[ctl]})
SlurmdParameters=config_overrides
SlurmdSpoolDir=$tmp/spool-%n
SlurmdPidFile=$tmp/slurmd-%n.pid
SlurmdLogFile=$tmp/slurmd-%n.log
NodeName=n1 NodeAddr=${address[n1]} CPUs=2 State=UNKNOWN
NodeName=n2 NodeAddr=${address[n2]} CPUs=2 State=UNKNOWN
PartitionName=test Nodes=n1,n2 Default=YES MaxTime=INFINITE State=UP
CONF
} >"$conf"
export SLURM_CONF=$conf

# slurmctld checks that its host is SlurmctldHost: a UTS namespace names it.
nsenter --net="/run/netns/$controller" unshare --uts \
  sh -c "hostname ctl && exec slurmctld -f '$conf'" || fail "slurmctld did not start"
slurm_record_pid "$tmp/slurmctld.pid" slurmctld
# Each node: its name, and its own /tmp (Slurm's PMIx plugin makes the same
# /tmp/spmix_appdir_<uid>_<job>.<step> on every node of a step).
for host in n1 n2; do
  nsenter --net="/run/netns/${namespace_of[$host]}" unshare --uts --mount --propagation private \
    sh -c "hostname $host && mount --bind '$tmp/tmp-$host' /tmp && exec slurmd -f '$conf' -N $host" ||
    fail "slurmd -N $host did not start"
  slurm_record_pid "$tmp/slurmd-$host.pid" "slurmd -N $host"
done
for _ in $(seq 300); do
  [[ $($SLURM_RUN sinfo -h -o '%n %t' 2>/dev/null | sort | tr '\n' ' ') == "n1 idle n2 idle " ]] && break
  sleep 0.1
done
[[ $($SLURM_RUN sinfo -h -o '%n %t' 2>/dev/null | sort | tr '\n' ' ') == "n1 idle n2 idle " ]] ||
  fail "the nodes did not become idle: $($SLURM_RUN sinfo 2>&1)"
echo "slurm: cluster up (slurmctld ${started_pids[-3]}, slurmd n1 ${started_pids[-2]}, n2 ${started_pids[-1]})"

# --- the pipeline on both nodes: 2 nodes x 2 tasks per job
"$adlake" --log-level warn generate --out "$tmp/raw" --requests 3000 --seed 11 ||
  fail "adlake generate failed"
# The reference: one rank, no Slurm, the same input and options.
"$adlake" --log-level warn run --input "$tmp/raw" --lake "$tmp/lake-1rank" --to train \
  --n-estimators 20 >"$tmp/run-1rank.log" 2>&1 || fail "the 1-rank run failed: $(tail -n 5 "$tmp/run-1rank.log")"

# The sanitizer build (tests/sanitizers/run_script.sh) logs reports to
# log_path=DIR/..., DIR in /tmp, which each node has its own of: DIR is made in
# the nodes' /tmp, and their reports are brought back once the jobs ended.
sanitizer_dirs=$(tr ':' '\n' <<<"${ASAN_OPTIONS:-}:${UBSAN_OPTIONS:-}:log_path=${ADLAKE_UBSAN_LOG_PATH:-}" |
  sed -n 's|^log_path=\(/tmp/.*\)/[^/]*$|\1|p' | sort -u)
for dir in $sanitizer_dirs; do mkdir -p "$tmp/tmp-n1${dir#/tmp}" "$tmp/tmp-n2${dir#/tmp}"; done
bring_back_sanitizer_reports() {
  local dir
  for dir in $sanitizer_dirs; do
    cp -r "$tmp/tmp-n1${dir#/tmp}/." "$tmp/tmp-n2${dir#/tmp}/." "$dir/" 2>/dev/null
  done
}

# Shared memory is allowed: Open MPI must choose TCP between the nodes on its
# own. btl_base_verbose=20 makes it log the transport it uses for each peer
# ("mca: bml: Using tcp btl for send to [[job,vpid],rank] on node n2").
# Variables go in the environment, not `srun --export` (which splits at commas).
# Two ranks per core here, so waiting ranks yield the CPU rather than spin.
export OMPI_MCA_btl=self,vader,tcp OMPI_MCA_btl_base_verbose=20 OMPI_MCA_mpi_yield_when_idle=1
echo "== chain on 2 nodes x 2 tasks (srun --mpi=pmix, OMPI_MCA_btl=$OMPI_MCA_btl)"
out=$(RAW=$tmp/raw LAKE=$tmp/lake ADLAKE=$adlake ADLAKE_TRAIN_ARGS="--n-estimators 20" \
  $SLURM_RUN "$src/slurm/submit.sh" --nodes=2 --ntasks=4 --ntasks-per-node=2 \
  --chdir="$tmp/jobs" --output="$tmp/jobs/%x-%j.out") || fail "submit.sh failed: $out"
unset OMPI_MCA_btl OMPI_MCA_btl_base_verbose OMPI_MCA_mpi_yield_when_idle
echo "$out"
read -r -a ids <<<"$(sed -n 's/^jobs: //p' <<<"$out")"
((${#ids[@]} == 4)) || fail "submit.sh did not print four job ids"
job_ids+=("${ids[@]}")
wait_for_jobs 900 "${ids[@]}" || { show_jobs "${ids[@]}"; fail "the chain did not end within 900 s"; }
show_jobs "${ids[@]}"
bring_back_sanitizer_reports
check_completed "$tmp/jobs" "${ids[@]}"

# --- where the ranks ran and how they talked, from Open MPI's own log
for id in "${ids[@]}"; do
  out=$(ls "$tmp"/jobs/*-"$id".out 2>/dev/null) || fail "job $id wrote no output file"
  grep -q "summary:" "$out" || fail "job $id's output has no summary table"
  grep -q "4 rank(s)" "$out" || fail "job $id did not run on 4 ranks"
  "$python" - "$id" "$out" "n1=${address[n1]}" "n2=${address[n2]}" <<'PY' || fail "job $id: the transports are not right (above)"
import re, sys
job, path = sys.argv[1], sys.argv[2]
address = dict(arg.split("=") for arg in sys.argv[3:])  # node -> its address
bml = re.compile(r"^\[(\w+):(\d+)\] mca: bml: Using (\w+) btl for send to \[\[\d+,\d+\],(\d+)\] on node (\S+)")
tcp = re.compile(r"^\[(\w+):\d+\] btl:tcp: now connected to ([\d.]+), process")
sends, connected = [], set()
for line in open(path, errors="replace"):
    if m := bml.match(line):
        sends.append(m.groups())
    elif m := tcp.match(line):
        connected.add((m[1], m[2]))
# Each rank names itself with the self btl: rank -> (host, pid).
ranks = {int(peer): (host, pid) for host, pid, btl, peer, node in sends if btl == "self"}
problems = []
if sorted(ranks) != [0, 1, 2, 3]:
    problems.append(f"Open MPI's log names ranks {sorted(ranks)}, not 0-3")
if {host for host, _ in ranks.values()} != {"n1", "n2"}:
    problems.append(f"the ranks ran on {sorted({h for h, _ in ranks.values()})}, not on n1 and n2")
for host, pid, btl, peer, node in sends:
    if node != ranks.get(int(peer), (node,))[0]:
        problems.append(f"rank {peer} is on {node} and on {ranks[int(peer)][0]}")
    expected = "self" if (host, pid) == ranks.get(int(peer)) else "vader" if host == node else "tcp"
    if btl != expected:
        problems.append(f"{host} sends to rank {peer} on {node} with {btl}, expected {expected}")
# (Open MPI sets a path up at its first message, so a pair of ranks that never
# talk logs none.)
if {(h, n) for h, _, b, _, n in sends if h != n} != {("n1", "n2"), ("n2", "n1")}:
    problems.append("Open MPI logged no path from one node to the other")
inter = sorted(f"{h}->{n}" for h, _, b, _, n in sends if h != n)
inter_btls = ",".join(sorted({b for h, _, b, _, n in sends if h != n}))
intra_btls = ",".join(sorted({b for h, _, b, _, n in sends if h == n and b != "self"}))
# TCP connections go from each node to the other's address, and only there.
expected_tcp = {("n1", address["n2"]), ("n2", address["n1"])}
if connected != expected_tcp:
    problems.append(f"TCP connections {sorted(connected)}, expected {sorted(expected_tcp)}")
for p in problems:
    print("  " + p)
hosts = ", ".join(f"rank {r} {ranks[r][0]}" for r in sorted(ranks))
print(f"  job {job}: {hosts}; between nodes: {len(inter)} of 8 paths used, over {inter_btls} "
      f"({', '.join(sorted(set(inter)))}), TCP connections "
      f"{', '.join(f'{h} -> {a}' for h, a in sorted(connected))}; "
      f"within a node: {intra_btls}")
sys.exit(1 if problems else 0)
PY
done

# --- the same datasets as one rank
"$python" "$src/tests/scripts/compare_layers.py" "$tmp/lake" "$tmp/lake-1rank" >"$tmp/compare.log" 2>&1 ||
  fail "the 2-node lake differs from the 1-rank run: $(cat "$tmp/compare.log")"
sed 's/^/  /' "$tmp/compare.log"
# --- the lake lock across nodes (docs/decisions.md "One job per lake"): a
# lock left on another node is judged by its Slurm job, through squeue.
write_lock() {  # host slurm_job
  printf 'adlake lake lock\nhost=%s\npid=1\npid_start=1\nslurm_job=%s\nsince=2026-01-01T00:00:00Z\njob=run\n' \
    "$1" "$2" >"$tmp/lake/.adlake.lock"
}
sleeper=$($SLURM_RUN sbatch --parsable --output=/dev/null --wrap "sleep 300") || fail "cannot submit a sleeping job"
job_ids+=("$sleeper")
for _ in $(seq 100); do [[ $(job_field "$sleeper" JobState) == RUNNING ]] && break; sleep 0.2; done
write_lock n1 "$sleeper"
$SLURM_RUN "$adlake" gold --lake "$tmp/lake" >"$tmp/lock-running.log" 2>&1 &&
  fail "gold ran on a lake locked by running Slurm job $sleeper on n1"
grep -q "in use by another job: adlake run, host n1, pid 1, Slurm job $sleeper, .*(Slurm job $sleeper is RUNNING)" \
  "$tmp/lock-running.log" || fail "the lock of running job $sleeper was not kept: $(grep -m1 failed "$tmp/lock-running.log")"
echo "lock of running job $sleeper on n1: kept ($(grep -m1 -o 'the lake is in use.*' "$tmp/lock-running.log"))"
$SLURM_RUN scancel "$sleeper"
write_lock n2 "${ids[0]}"
$SLURM_RUN "$adlake" gold --lake "$tmp/lake" >"$tmp/lock-done.log" 2>&1 ||
  fail "gold did not take over the lock of ended job ${ids[0]}: $(grep -m1 failed "$tmp/lock-done.log")"
grep -q "took over the lake lock .* Slurm job ${ids[0]} is COMPLETED" "$tmp/lock-done.log" ||
  fail "gold did not say why it took over the lock: $(grep -m1 lock "$tmp/lock-done.log")"
[[ -e $tmp/lake/.adlake.lock ]] && fail "gold left its lock in the lake"
echo "lock of ended job ${ids[0]} on n2: taken over (Slurm job ${ids[0]} is COMPLETED)"

echo "slurm_two_nodes: passed (jobs ${job_ids[*]} on n1 and n2, TCP between the nodes)"
