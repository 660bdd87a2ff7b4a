# shellcheck shell=bash
# Sourced by the Slurm tests (tests/scripts/slurm_pipeline.sh, one node;
# tests/scripts/slurm_two_nodes.sh, two nodes in network namespaces) after
# script_env.sh: the packages, munge, the slurm.conf settings they share, a
# job's final state, and stopping what the test started.
# The caller sets `tmp` (its folder: slurm state, logs, jobcomp.txt) and
# defines `fail MESSAGE` (prints and exits). Every daemon the test starts goes
# into started_pids and every job into job_ids, so slurm_stop_started ends
# exactly those and nothing else.
started_pids=()
job_ids=()

# Installs the Slurm and munge packages when missing (scripts/setup.sh --test
# installs them in CI; this keeps the test runnable on its own).
slurm_install_packages() {
  local missing=() p
  for p in slurmctld slurmd slurm-client munge; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  echo "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null &&
    apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" \
      >/dev/null || fail "cannot install ${missing[*]} with apt-get"
}

# munge: reuses a working one, else starts one (its socket is a file, so the
# daemons of every network namespace reach it).
slurm_start_munge() {
  if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
    echo "munge: already running, reused"
    return
  fi
  mkdir -p /run/munge && chown munge:munge /run/munge && chmod 755 /run/munge
  [[ -f /etc/munge/munge.key ]] || fail "/etc/munge/munge.key is missing"
  runuser -u munge -- /usr/sbin/munged || fail "munged did not start"
  started_pids+=("$(cat /run/munge/munged.pid)")
  munge -n | unmunge >/dev/null || fail "munge does not work"
  echo "munge: started (pid ${started_pids[-1]})"
}

# The settings every test cluster shares (docs/SLURM-facts.md); the caller
# adds the hosts, ports, per-daemon paths and the partition.
slurm_common_conf() {
  cat <<CONF
ClusterName=adlaketest
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$tmp/jobcomp.txt
DependencyParameters=kill_invalid_depend
EnforcePartLimits=ALL
SchedulerParameters=batch_sched_delay=0
MailProg=/bin/true
MinJobAge=600
ReturnToService=2
StateSaveLocation=$tmp/state
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmctldLogFile=$tmp/slurmctld.log
CONF
}

# Waits for a daemon's PID file and records its PID as started by the test.
slurm_record_pid() {  # pid_file what
  for _ in $(seq 100); do [[ -s $1 ]] && break; sleep 0.1; done
  [[ -s $1 ]] || fail "$2 wrote no PID file $1"
  started_pids+=("$(cat "$1")")
}

# A job's field from scontrol, or from JobCompLoc once the job aged out.
# SLURM_RUN (empty, or a command prefix such as nsenter) runs the clients.
job_field() {  # id field
  local line
  line=$(${SLURM_RUN:-} scontrol show job -o "$1" 2>/dev/null)
  [[ -z $line ]] && line=$(grep "JobId=$1 " "$tmp/jobcomp.txt" 2>/dev/null | tail -n 1)
  sed -n "s/.*\b$2=\([^ ]*\).*/\1/p" <<<"$line"
}

wait_for_jobs() {  # seconds id...
  local limit=$1 id state done_all
  shift
  local deadline=$((SECONDS + limit))
  while ((SECONDS < deadline)); do
    done_all=1
    for id in "$@"; do
      state=$(job_field "$id" JobState)
      case $state in PENDING | RUNNING | CONFIGURING | COMPLETING | "") done_all=0 ;; esac
    done
    ((done_all)) && return 0
    sleep 1
  done
  return 1
}

show_jobs() {  # id...
  local id
  for id in "$@"; do
    echo "  job $id $(job_field "$id" JobName): $(job_field "$id" JobState), exit $(job_field "$id" ExitCode)"
  done
}

# Fails unless every job COMPLETED with exit 0:0, showing the failed job's output.
check_completed() {  # jobs_dir id...
  local dir=$1 id state code out
  shift
  for id in "$@"; do
    state=$(job_field "$id" JobState)
    code=$(job_field "$id" ExitCode)
    if [[ $state != COMPLETED || $code != 0:0 ]]; then
      for out in "$dir"/*-"$id".out; do [[ -f $out ]] && { echo "--- $out"; tail -n 30 "$out"; }; done
      fail "job $id ended $state (exit $code), expected COMPLETED"
    fi
  done
}

# Cancels the test's jobs and ends the daemons it started, by PID, waiting up
# to 5 s for each.
slurm_stop_started() {
  ((${#job_ids[@]})) && ${SLURM_RUN:-} scancel "${job_ids[@]}" 2>/dev/null
  local pid
  for pid in "${started_pids[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${started_pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
}
