#!/usr/bin/env bash
# The bad-input corpus (tests/bad_inputs/cases.py) through the
# pipeline at 2 ranks, as far as the stages exist: bronze, silver, gold, then
# train (train only has to end cleanly either way). Each case must give its
# expected outcome: success with the conservation equations holding
# (tests/bad_inputs/check_lake.py), or a non-zero exit whose output names the
# file and the reason, with no layer written. Never a signal, never more than
# 60 s per stage (180 s in the sanitizer build, ADLAKE_SANITIZED=1, whose code
# runs 2-3 times slower). A case expected to fail runs stage by stage; one
# expected to succeed runs as one `adlake run` (the same stages in one job:
# one MPI launch instead of four, a third less CPU), its stages' times read
# from the run's log.
#   env: BAD_INPUT_CASES="case ..." (default: all), RANKS (default 2),
#        KEEP=1 keeps the work folder.
# Exit 77 when the adlake binary has no bronze job yet.
set -uo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"
ranks=${RANKS:-2}
limit=60
[[ ${ADLAKE_SANITIZED:-0} == 1 ]] && limit=180
cases_py=$src/tests/bad_inputs/cases.py
check_py=$src/tests/bad_inputs/check_lake.py

need_jobs bronze
stages=()
# A prefix of the pipeline: a stage is run only when all before it exist.
for s in bronze silver gold train; do has_job "$s" || break; stages+=("$s"); done
echo "bad_inputs: stages ${stages[*]} at $ranks ranks"

work=$(mktemp -d)
[[ ${KEEP:-0} == 1 ]] || trap 'rm -rf "$work"' EXIT
layer_of() { case $1 in bronze) echo bronze.h5 ;; silver) echo silver.h5 ;; gold) echo gold.h5 ;;
  train) echo model.h5 ;; esac; }
args_of() {  # a small forest: the cases are about data, not models
  case $1 in
    bronze) echo "--input $2 --lake $3" ;;
    train) echo "--lake $3 --n-estimators 10 --permutation-rows 0" ;;
    *) echo "--lake $3" ;;
  esac
}

# judge WHAT LOG SECONDS: sets verdict from rc and the log ("" when WHAT ended
# without a signal or a hang).
judge() {
  verdict=""
  if ((rc == 124 || rc == 137)); then
    verdict="hang: $1 did not end within $3 s"
  elif grep -qE "exited on signal|Segmentation fault|core dumped|Sanitizer|terminate called|Aborted" "$2"; then
    verdict="crash in $1: $(grep -m1 -E "signal|Segmentation|core dumped|Sanitizer|terminate|Aborted" "$2")"
  fi
}

# Runs one stage; sets rc and verdict.
run_stage() {
  local stage=$1 raw=$2 lake=$3 log=$4 start=$SECONDS
  # shellcheck disable=SC2046
  timeout -k 10 "$limit" "$mpiexec" -n "$ranks" "$adlake" "$stage" $(args_of "$stage" "$raw" "$lake") \
    >"$log" 2>&1
  rc=$?
  judge "$stage" "$log" "$limit"
  echo "   $stage: exit $rc in $((SECONDS - start)) s"
}

# Runs bronze..train as one `adlake run`; sets rc and verdict like run_stage,
# and slow to the stages that took more than the limit.
run_pipeline() {
  local raw=$1 lake=$2 log=$3 start=$SECONDS total=$((limit * ${#stages[@]}))
  timeout -k 10 "$total" "$mpiexec" -n "$ranks" "$adlake" run --input "$raw" --lake "$lake" \
    --to train --n-estimators 10 --permutation-rows 0 >"$log" 2>&1
  rc=$?
  judge "the run" "$log" "$total"
  slow=$(run_stage_seconds "$log" | awk -v limit="$limit" '$2 > limit { printf "%s took %d s; ", $1, $2 }')
  echo "   run: exit $rc in $((SECONDS - start)) s"
}

failed=()
results=()
cases=${BAD_INPUT_CASES:-$("$python" "$cases_py" list)}
for case in $cases; do
  raw=$work/$case/raw
  lake=$work/$case/lake
  mkdir -p "$raw" "$lake"
  "$python" "$cases_py" make "$case" "$raw"
  expect=$("$python" "$cases_py" expect "$case")
  outcome=$("$python" -c 'import json,sys; print(json.loads(sys.argv[1])["outcome"])' "$expect")
  fail_stage=$("$python" -c 'import json,sys; print(json.loads(sys.argv[1]).get("stage",""))' "$expect")
  echo "== $case (expect $outcome${fail_stage:+ in $fail_stage})"
  problem=""
  if [[ $outcome == ok && ${#stages[@]} == 4 ]] && has_job run; then
    log=$work/$case/run.log
    run_pipeline "$raw" "$lake" "$log"
    if [[ -n $verdict ]]; then
      problem=$verdict
    elif [[ -n $slow ]]; then
      problem="over the limit of $limit s: $slow"
    elif leftover=$(ls -A "$lake" | grep -E '\.tmp-'); then
      problem="the run left a temporary file: $leftover"
    elif ((rc != 0)); then
      # Train on a few rows may refuse to fit; it must say why. Any other
      # stage failing is a problem.
      if [[ -e $lake/gold.h5 && ! -e $lake/model.h5 ]] && grep -q "train: building" "$log" &&
        grep -q "run failed" "$log"; then
        echo "   train refused: $(grep -m1 'run failed' "$log" | cut -c1-200)"
      else
        problem="the run failed unexpectedly: $(grep -m1 -E 'failed|error' "$log" | cut -c1-300)"
      fi
    fi
    stages_to_run=()
  else
    stages_to_run=("${stages[@]}")
  fi
  for stage in "${stages_to_run[@]}"; do
    log=$work/$case/$stage.log
    run_stage "$stage" "$raw" "$lake" "$log"
    if [[ -n $verdict ]]; then problem=$verdict; break; fi
    if leftover=$(ls -A "$lake" | grep -E '\.tmp-') ; then
      problem="$stage left a temporary file: $leftover"; break
    fi
    if [[ $outcome == fail && $stage == "$fail_stage" ]]; then
      if ((rc == 0)); then problem="$stage succeeded, expected a failure"; break; fi
      [[ -e $lake/$(layer_of "$stage") ]] && { problem="$stage failed but wrote $(layer_of "$stage")"; break; }
      while read -r regex; do
        grep -qE -- "$regex" "$log" || problem="$stage's error does not match '$regex'"
      done < <("$python" -c 'import json,sys; print("\n".join(json.loads(sys.argv[1])["message"]))' "$expect")
      echo "   error: $(grep -m1 -E 'failed|error' "$log" | cut -c1-200)"
      break
    fi
    if ((rc != 0)); then
      if [[ $stage == train ]]; then
        # Train on a few rows may refuse to fit; it must say why.
        grep -q "train failed" "$log" || problem="train exited $rc without a message"
        echo "   train refused: $(grep -m1 'train failed' "$log" | cut -c1-200)"
        break
      fi
      problem="$stage failed unexpectedly: $(grep -m1 -E 'failed|error' "$log" | cut -c1-300)"
      break
    fi
  done
  if [[ -z $problem && $outcome == ok ]]; then
    baseline_lake=$work/baseline/lake
    [[ -d $baseline_lake ]] || baseline_lake=""
    if ! "$python" "$check_py" "$raw" "$lake" "$expect" $baseline_lake >"$work/$case/check.log" 2>&1; then
      problem="lake check: $(grep -m3 -E 'FAIL|Error' "$work/$case/check.log" | tr '\n' ' ')"
    fi
  fi
  if [[ -n $problem ]]; then
    echo "   FAILED: $problem"
    failed+=("$case")
    results+=("$case: FAILED")
  else
    results+=("$case: as expected ($outcome)")
  fi
  # Keep the baseline's lake for the cases that compare with it; drop the rest (some are big).
  [[ $case == baseline || ${KEEP:-0} == 1 ]] || rm -rf "$raw" "$lake"
done
printf '%s\n' "${results[@]}"
if ((${#failed[@]})); then
  echo "bad_inputs: ${#failed[@]} case(s) failed: ${failed[*]}"
  exit 1
fi
echo "bad_inputs: all cases as expected"
