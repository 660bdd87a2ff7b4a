# Shared by tests/scripts/fault_*.sh: sourced, not run.
# Sets what tests/lib/script_env.sh sets, work (removed at exit), stages (the
# jobs the binary has, in pipeline order), has the helpers of
# tests/lib/script_checks.sh (fail, finish) and the ones below.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib/script_env.sh"
source "$(dirname "${BASH_SOURCE[0]}")/../lib/script_checks.sh"
cases_py=$src/tests/bad_inputs/cases.py

need_jobs bronze
stages=()
# A prefix of the pipeline: a stage is run only when all before it exist.
for s in bronze silver gold train; do has_job "$s" || break; stages+=("$s"); done

work=$(mktemp -d)
cleanup_hooks=()
cleanup() {
  local hook
  for hook in "${cleanup_hooks[@]}"; do eval "$hook" || true; done
  [[ ${KEEP:-0} == 1 ]] || rm -rf "$work"
}
trap cleanup EXIT

pass() { echo "ok: $*"; }

layer_of() { case $1 in bronze) echo bronze.h5 ;; silver) echo silver.h5 ;; gold) echo gold.h5 ;;
  train) echo model.h5 ;; esac; }
# The fault tests are about failures, not models: train grows a small forest.
stage_args() {  # stage raw lake
  case $1 in
    bronze) echo "--input $2 --lake $3" ;;
    train) echo "--lake $3 --n-estimators 10 --permutation-rows 0" ;;
    *) echo "--lake $3" ;;
  esac
}
# The layer the stage reads (none for bronze).
input_layer_of() { case $1 in silver) echo bronze.h5 ;; gold) echo silver.h5 ;;
  train) echo gold.h5 ;; esac; }

# run_stage STAGE RAW LAKE LOG [SECONDS]: runs the stage at 2 ranks in the
# foreground; sets rc and elapsed.
declare -A stage_seconds  # wall seconds of each stage in prepare_lake
run_stage() {
  local start=$SECONDS started
  started=$(date +%s.%N)
  # shellcheck disable=SC2046
  timeout -k 5 "${5:-120}" "$mpiexec" -n "${RANKS:-2}" "$adlake" "$1" $(stage_args "$1" "$2" "$3") \
    >"$4" 2>&1
  rc=$?
  elapsed=$((SECONDS - start))
  seconds=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
}

# Builds a valid RAW of N requests and runs the stages before STAGE on it: as
# one `adlake run` (one MPI launch instead of one per stage), stage_seconds
# from its log.
prepare_lake() {  # raw lake n_requests [up_to_stage]
  "$python" "$cases_py" big "$1" "$3"
  local s last=""
  for s in "${stages[@]}"; do
    [[ -n ${4:-} && $s == "$4" ]] && break
    last=$s
  done
  [[ -n $last ]] || return 0
  if has_job run; then
    local log=$work/prepare-run.log
    timeout -k 5 600 "$mpiexec" -n "${RANKS:-2}" "$adlake" run --input "$1" --lake "$2" --to "$last" \
      --n-estimators 10 --permutation-rows 0 >"$log" 2>&1
    rc=$?
    while read -r s seconds; do stage_seconds[$s]=$seconds; done < <(run_stage_seconds "$log")
    if ((rc != 0)); then echo "cannot prepare the lake: the run failed:"; tail -20 "$log"; exit 1; fi
    return 0
  fi
  for s in "${stages[@]}"; do
    [[ -n ${4:-} && $s == "$4" ]] && break
    run_stage "$s" "$1" "$2" "$work/prepare-$s.log"
    stage_seconds[$s]=$seconds
    if ((rc != 0)); then
      echo "cannot prepare the lake: $s failed:"; tail -20 "$work/prepare-$s.log"; exit 1
    fi
  done
}

# Checksums of the published layers, to show they are untouched.
layer_sums() { (cd "$1" && sha256sum -- *.h5 2>/dev/null | sort); }

# Every published layer opens with h5py and every dataset reads in full.
layers_readable() {
  "$python" - "$1" <<'PY'
import glob, sys, h5py
for path in sorted(glob.glob(sys.argv[1] + "/*.h5")):
    with h5py.File(path, "r") as f:
        f.visititems(lambda n, o: o[()] if isinstance(o, h5py.Dataset) else None)
PY
}

# A crash is a signal, a sanitizer report or an uncaught exception, as
# opposed to adlake's own error exit.
crashed() {
  grep -qE "Segmentation fault|core dumped|Sanitizer|terminate called|Aborted|exited on signal (6|7|8|11)" "$1"
}

# The error line adlake printed (its message), for the log.
error_line() { grep -m1 -E "failed:|\[(error|critical)\]" "$1" | cut -c1-300; }
