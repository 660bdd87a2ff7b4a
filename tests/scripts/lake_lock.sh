#!/usr/bin/env bash
# One job writes a lake at a time (CONTRACT 0; docs/decisions.md "One job per
# lake"). Two jobs on one lake, in both orders (bronze on 2 ranks first and run
# second, then run on 2 ranks first and bronze second) and both started at the
# same instant: the second stops at once (while the first still runs) naming
# the first (its job, host, pid, since), and the first finishes with the same
# layers as a run alone, its lock gone and nothing else left in the lake.
# Then the lock file's other cases: a holder whose pid is gone or belongs to
# another process now (taken over), a live holder (refused), a holder on
# another host that cannot be asked about (refused with the lock's path), and
# a symlink in the lock's place (refused, its target untouched).
set -uo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$src/tests/lib/script_checks.sh"

need_jobs generate bronze run
need_python h5py

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
host=$(hostname)
# The first job waits this long once each layer's temporary file exists
# (h5/layer_file.cpp), so it surely still runs when the second one starts.
pause_ms=3000

"$adlake" --log-level warn generate --out "$work/raw" --requests 2000 --seed 3 >/dev/null 2>&1 ||
  { echo "FAIL: adlake generate failed"; exit 1; }
"$adlake" --log-level warn run --input "$work/raw" --lake "$work/ref" --to gold >"$work/ref.log" 2>&1 ||
  { echo "FAIL: the reference run failed: $(tail -n 3 "$work/ref.log")"; exit 1; }

now() { date +%s.%N; }
lock_field() { sed -n "s/^$2=//p" "$1/.adlake.lock" 2>/dev/null; }  # lake field
# The lake holds exactly these files (no lock, no temporaries) and its layers
# equal the reference's.
check_lake() {  # name lake file...
  local name=$1 lake=$2
  shift 2
  local listing expected
  listing=$(ls -A "$lake" | sort | tr '\n' ' ')
  expected=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  [[ $listing == "$expected" ]] || fail "$name: the lake holds '$listing', expected '$expected'"
  "$python" "$src/tests/scripts/compare_layers.py" "$work/ref" "$lake" "$@" >"$work/cmp.log" 2>&1 ||
    fail "$name: the first job's layers differ from a run alone: $(grep FAIL "$work/cmp.log" | head -3)"
}

# first second: "JOB ARGS" of each; the first on 2 ranks, slowed down.
two_jobs() {  # name first_job second_job layers...
  local name=$1 first=$2 second=$3
  shift 3
  local lake=$work/lake-$name
  read -r -a first_args <<<"$first"
  read -r -a second_args <<<"$second"
  ADLAKE_FAULT_LAYER_PAUSE_MS=$pause_ms "$mpiexec" -n 2 "$adlake" "${first_args[0]}" \
    "${first_args[@]:1}" --lake "$lake" >"$work/$name-first.log" 2>&1 &
  local first_pid=$!
  for _ in $(seq 300); do [[ -n $(lock_field "$lake" job) ]] && break; sleep 0.05; done
  local holder_pid holder_since
  holder_pid=$(lock_field "$lake" pid)
  holder_since=$(lock_field "$lake" since)
  [[ -n $holder_pid ]] || { fail "$name: the first job took no lock"; wait "$first_pid"; return; }
  local start end status
  start=$(now)
  "$adlake" "${second_args[0]}" "${second_args[@]:1}" --lake "$lake" >"$work/$name-second.log" 2>&1
  status=$?
  end=$(now)
  kill -0 "$first_pid" 2>/dev/null || fail "$name: the first job ended before the second one did"
  ((status != 0)) || fail "$name: the second job (${second_args[0]}) succeeded on a locked lake"
  local expected="in use by another job: adlake ${first_args[0]}, host $host, pid $holder_pid, since $holder_since"
  grep -qF "$expected" "$work/$name-second.log" ||
    fail "$name: the second job's error does not name its holder ('$expected'): $(grep -m1 failed "$work/$name-second.log")"
  wait "$first_pid" || fail "$name: the first job failed: $(grep -m2 -iE 'error|failed' "$work/$name-first.log")"
  check_lake "$name" "$lake" "$@"
  printf '%s: the second job stopped after %.1f s: %s\n' "$name" "$(awk "BEGIN{print $end - $start}")" \
    "$(grep -m1 -o 'the lake is in use.*' "$work/$name-second.log")"
}

two_jobs bronze-then-run "bronze --input $work/raw" "run --input $work/raw --to gold" bronze.h5
read -r -a run_files <<<"$(ls -A "$work/ref" | tr '\n' ' ')"
two_jobs run-then-bronze "run --input $work/raw --to gold" "bronze --input $work/raw" "${run_files[@]}"

# Both at once: exactly one of the two takes the lake.
lake=$work/lake-together
for i in 1 2; do
  ADLAKE_FAULT_LAYER_PAUSE_MS=$pause_ms "$adlake" bronze --input "$work/raw" --lake "$lake" \
    >"$work/together-$i.log" 2>&1 &
  pids[i]=$!
done
wait "${pids[1]}"; status1=$?
wait "${pids[2]}"; status2=$?
if ((status1 == 0 && status2 != 0)); then loser=2; elif ((status1 != 0 && status2 == 0)); then loser=1; else loser=; fi
if [[ -z $loser ]]; then
  fail "together: exit codes $status1 and $status2, expected one success and one failure"
else
  grep -qF "in use by another job: adlake bronze, host $host, pid ${pids[3 - loser]}" "$work/together-$loser.log" ||
    fail "together: the loser does not name the winner: $(grep -m1 failed "$work/together-$loser.log")"
  check_lake together "$lake" bronze.h5
  echo "together: one job took the lake, the other stopped naming it"
fi

# --- lock files left behind, written by hand: host pid pid_start slurm_job
write_lock() {  # lake host pid pid_start slurm_job
  mkdir -p "$1"
  printf 'adlake lake lock\nhost=%s\npid=%s\npid_start=%s\nslurm_job=%s\nsince=2026-01-01T00:00:00Z\njob=run\n' \
    "$2" "$3" "$4" "$5" >"$1/.adlake.lock"
}
start_time() { awk '{sub(/.*\) /, ""); print $20}' "/proc/$1/stat"; }  # field 22
sleep 0 &
dead_pid=$!
wait "$dead_pid"
sleep 300 &
live_pid=$!
trap 'kill "$live_pid" 2>/dev/null; rm -rf "$work"' EXIT

# taken over: the job runs, says so, and leaves no lock
stale_case() {  # name host pid pid_start slurm_job why
  local lake=$work/lake-$1
  write_lock "$lake" "$2" "$3" "$4" "$5"
  if ! "$adlake" bronze --input "$work/raw" --lake "$lake" >"$work/$1.log" 2>&1; then
    fail "$1: bronze did not take over the stale lock: $(grep -m1 failed "$work/$1.log")"
    return
  fi
  grep -q "took over the lake lock $lake/.adlake.lock of adlake run, host $2, pid $3.*: $6" "$work/$1.log" ||
    fail "$1: bronze did not say it took over the lock ($6): $(grep -m1 lock "$work/$1.log")"
  check_lake "$1" "$lake" bronze.h5
  echo "$1: stale lock taken over ($6)"
}
stale_case dead-pid "$host" "$dead_pid" 1 "" "pid $dead_pid no longer exists"
stale_case reused-pid "$host" "$live_pid" 1 "" "pid $live_pid is now another process"

# refused: the job stops with this error and leaves the lake and lock as they were
refused_case() {  # name expected_error host pid pid_start slurm_job
  local lake=$work/lake-$1
  write_lock "$lake" "$3" "$4" "$5" "$6"
  cp "$lake/.adlake.lock" "$work/$1.before"
  if "$adlake" bronze --input "$work/raw" --lake "$lake" >"$work/$1.log" 2>&1; then
    fail "$1: bronze ran on a lake whose lock it cannot take"
  fi
  grep -qF -- "$2" "$work/$1.log" || fail "$1: the error is not '$2': $(grep -m1 failed "$work/$1.log")"
  cmp -s "$lake/.adlake.lock" "$work/$1.before" || fail "$1: the lock file changed"
  [[ $(ls -A "$lake") == .adlake.lock ]] || fail "$1: the lake holds $(ls -A "$lake" | tr '\n' ' ')"
  echo "$1: refused: $(grep -m1 -o 'the lake .*' "$work/$1.log")"
}
refused_case live-holder "in use by another job: adlake run, host $host, pid $live_pid, since 2026-01-01T00:00:00Z (pid $live_pid still runs on this host)" \
  "$host" "$live_pid" "$(start_time "$live_pid")" ""
refused_case other-host "adlake run, host elsewhere-n7, pid 4242, since 2026-01-01T00:00:00Z; it ran on another host (elsewhere-n7) outside Slurm, so whether it still runs cannot be told from here; if no adlake job is writing this lake, remove $work/lake-other-host/.adlake.lock" \
  elsewhere-n7 4242 1 ""
# A holder on another host in a Slurm job: judged by squeue (here a stand-in
# answering as Slurm does; tests/scripts/slurm_two_nodes.sh asks a real one).
mkdir -p "$work/bin"
cat >"$work/bin/squeue" <<'SH'
#!/bin/sh
# squeue -h --states=all -j ID -o %T
case $FAKE_SQUEUE in
  down) echo "squeue: error: Unable to contact slurm controller (connect failure)" >&2; exit 1 ;;
  purged) echo "slurm_load_jobs error: Invalid job id specified" >&2; exit 1 ;;
  *) echo "$FAKE_SQUEUE" ;;
esac
SH
chmod +x "$work/bin/squeue"
PATH=$work/bin:$PATH FAKE_SQUEUE=down refused_case slurm-down \
  "adlake run, host elsewhere-n7, pid 4242, Slurm job 31337, since 2026-01-01T00:00:00Z; squeue cannot tell whether Slurm job 31337 runs (squeue: error: Unable to contact slurm controller (connect failure)); if no adlake job is writing this lake, remove $work/lake-slurm-down/.adlake.lock" \
  elsewhere-n7 4242 1 31337
PATH=$work/bin:$PATH FAKE_SQUEUE=RUNNING refused_case slurm-running \
  "in use by another job: adlake run, host elsewhere-n7, pid 4242, Slurm job 31337, since 2026-01-01T00:00:00Z (Slurm job 31337 is RUNNING)" \
  elsewhere-n7 4242 1 31337
PATH=$work/bin:$PATH FAKE_SQUEUE=COMPLETED stale_case slurm-completed elsewhere-n7 4242 1 31337 \
  "Slurm job 31337 is COMPLETED"
PATH=$work/bin:$PATH FAKE_SQUEUE=purged stale_case slurm-purged elsewhere-n7 4242 1 31337 \
  "Slurm job 31337 is unknown to Slurm"

# a symlink in the lock's place is not followed, nor its target written
lake=$work/lake-symlink
mkdir -p "$lake"
echo "not a lock" >"$work/target"
ln -s "$work/target" "$lake/.adlake.lock"
"$adlake" bronze --input "$work/raw" --lake "$lake" >"$work/symlink.log" 2>&1 &&
  fail "symlink: bronze ran with a symlink as the lake's lock"
grep -q "symbolic link" "$work/symlink.log" || fail "symlink: the error does not say so: $(grep -m1 failed "$work/symlink.log")"
[[ $(cat "$work/target") == "not a lock" ]] || fail "symlink: the link's target was written"
[[ -e $lake/bronze.h5 ]] && fail "symlink: bronze wrote bronze.h5"
echo "symlink: refused: $(grep -m1 -o 'cannot read the lake lock.*' "$work/symlink.log")"
finish
