#!/usr/bin/env bash
# The Slurm scripts against a real one-node Slurm (docs/SLURM-facts.md):
# installs slurmctld, slurmd, slurm-client and munge when missing, starts munge
# (unless it runs already) and a Slurm cluster of this machine in a temporary
# folder, submits slurm/submit.sh with 2 tasks on a small generated input,
# checks that every job COMPLETED and that the lake is whole (layers,
# metrics.json, `adlake catalog`, and `adlake run` finds every layer up to
# date), then that a failing stage cancels the rest of the chain. Stops only
# the daemons it started, by PID. Needs root: exit 77 (skipped) otherwise.
#   env: ADLAKE, ADLAKE_SRC, KEEP=1 keeps the temporary folder.
set -uo pipefail
if [[ $(id -u) -ne 0 ]]; then
  echo "SKIPPED: slurm_pipeline needs root to install and start slurmctld, slurmd and munge"
  exit 77
fi
source "$(dirname "$0")/../lib/script_env.sh"
source "$src/tests/lib/slurm_cluster.sh"

tmp=$(mktemp -d /tmp/adlake-slurm.XXXXXX)
chmod 755 "$tmp"
fail() {
  echo "FAILED: $*"
  for log in "$tmp"/slurmctld.log "$tmp"/slurmd.log; do
    [[ -f $log ]] && { echo "--- tail of $log"; tail -n 20 "$log"; }
  done
  exit 1
}
cleanup() {
  slurm_stop_started
  [[ ${KEEP:-0} == 1 ]] && echo "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT

slurm_install_packages
slurm_start_munge

# --- a one-node cluster on free ports, everything under $tmp
free_port() { "$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
host=$(hostname -s)
conf=$tmp/slurm.conf
mkdir -p "$tmp/state" "$tmp/spool" "$tmp/jobs"
{
  slurm_common_conf
  cat <<CONF
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmdSpoolDir=$tmp/spool
SlurmdPidFile=$tmp/slurmd.pid
SlurmdLogFile=$tmp/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
} >"$conf"
export SLURM_CONF=$conf
slurmctld -f "$conf" || fail "slurmctld did not start"
slurm_record_pid "$tmp/slurmctld.pid" slurmctld
slurmd -f "$conf" || fail "slurmd did not start"
slurm_record_pid "$tmp/slurmd.pid" slurmd
for _ in $(seq 300); do
  sinfo -h -o %t 2>/dev/null | grep -qx idle && break
  sleep 0.1
done
sinfo -h -o %t | grep -qx idle || fail "the node did not become idle: $(sinfo 2>&1)"
echo "slurm: cluster up (slurmctld ${started_pids[-2]}, slurmd ${started_pids[-1]}), $(nproc) CPUs"

# --- helpers
submit() {  # raw lake -> sets submitted=(ids), prints submit.sh's output
  local out
  out=$(RAW=$1 LAKE=$2 ADLAKE=$adlake ADLAKE_TRAIN_ARGS="--n-estimators 20" \
    "$src/slurm/submit.sh" --ntasks=2 --chdir="$tmp/jobs" --output="$tmp/jobs/%x-%j.out") ||
    fail "submit.sh failed: $out"
  echo "$out"
  read -r -a submitted <<<"$(sed -n 's/^jobs: //p' <<<"$out")"
  ((${#submitted[@]} == 4)) || fail "submit.sh did not print four job ids"
  job_ids+=("${submitted[@]}")
}

# --- a small generated input, then the chain
"$adlake" --log-level warn generate --out "$tmp/raw" --requests 5000 --seed 7 ||
  fail "adlake generate failed"
echo "== chain on a generated input (2 tasks per job)"
submit "$tmp/raw" "$tmp/lake"
ids=("${submitted[@]}")
wait_for_jobs 900 "${ids[@]}" || { show_jobs "${ids[@]}"; fail "the chain did not end within 900 s"; }
show_jobs "${ids[@]}"
check_completed "$tmp/jobs" "${ids[@]}"
for id in "${ids[@]}"; do
  out=$(ls "$tmp"/jobs/*-"$id".out 2>/dev/null) || fail "job $id wrote no output file"
  grep -q "summary:" "$out" || fail "job $id's output has no summary table"
  grep -q "2 rank(s)" "$out" || fail "job $id did not run on 2 ranks"
done
for f in bronze.h5 silver.h5 gold.h5 model.h5 metrics.json; do
  [[ -s $tmp/lake/$f ]] || fail "the chain did not write $f"
done
"$adlake" catalog --lake "$tmp/lake" >"$tmp/catalog.txt" 2>/dev/null || fail "adlake catalog failed"
for needle in "model.h5" "<- gold.h5:/features" "<- silver.h5:/fact_ad_funnel" \
  "<- bronze.h5:/requests" "raw requests/\*.csv"; do
  grep -q -- "$needle" "$tmp/catalog.txt" || fail "catalog lacks '$needle'"
done
"$python" - "$tmp/lake/metrics.json" <<'PY' || fail "metrics.json is not right"
import json, sys
m = json.load(open(sys.argv[1]))
assert 0.5 < m["roc_auc"] <= 1.0, m["roc_auc"]
assert m["n_test"] > 0 and m["n_train"] > 0
PY
# The layers the chain made carry the fingerprints `adlake run` expects.
"$adlake" run --input "$tmp/raw" --lake "$tmp/lake" --n-estimators 20 >"$tmp/rerun.log" 2>&1 ||
  fail "adlake run on the chain's lake failed: $(tail -n 5 "$tmp/rerun.log")"
skipped=$(grep -c "up to date, skipped" "$tmp/rerun.log")
# (report is no link of the chain: run makes it, and skips the four others)
((skipped == 4)) || fail "adlake run after the chain skipped $skipped of 4 stages: $(grep -E 'building|skipped' "$tmp/rerun.log")"
echo "chain: every job COMPLETED, the lake is whole, adlake run finds it up to date"

# --- a failing first stage cancels the rest of the chain
echo "== chain on a missing input"
submit "$tmp/no-such-raw" "$tmp/lake-bad"
bad=("${submitted[@]}")
wait_for_jobs 300 "${bad[@]}" || { show_jobs "${bad[@]}"; fail "the failed chain did not end within 300 s"; }
show_jobs "${bad[@]}"
[[ $(job_field "${bad[0]}" JobState) == FAILED ]] || fail "bronze on a missing input did not fail"
for id in "${bad[@]:1}"; do
  [[ $(job_field "$id" JobState) == CANCELLED ]] ||
    fail "job $id after the failed bronze is $(job_field "$id" JobState), expected CANCELLED"
done
[[ -e $tmp/lake-bad/bronze.h5 ]] && fail "the failed bronze left a bronze.h5"
echo "failed chain: bronze FAILED, silver, gold and train CANCELLED"
echo "slurm_pipeline: passed (jobs ${job_ids[*]})"
