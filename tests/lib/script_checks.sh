# shellcheck shell=bash
# Sourced by the script tests after script_env.sh: skips (exit 77) for what
# this build or machine lacks, and a failure count with the test's verdict.
test_name=$(basename "$0" .sh)

# Whether the binary has JOB, from its --help (read once): tests narrow or skip
# themselves while a stage is not built yet.
has_job() {
  [[ -v adlake_help ]] || adlake_help=$("$adlake" --help 2>&1) || true
  grep -qE "^ +$1( |$)" <<<"$adlake_help"
}

# need_jobs JOB...: skips the test unless the binary has every JOB.
need_jobs() {
  local job
  for job; do
    has_job "$job" || { echo "$test_name: $adlake has no $job job: skipped"; exit 77; }
  done
}

# need_python MODULE...: skips the test unless Debian's python imports every
# MODULE (Debian's package of MODULE is python3-MODULE).
need_python() {
  "$python" -c "import $(IFS=,; echo "$*")" 2>/dev/null && return
  local packages=("${@/#/python3-}")
  echo "$test_name: ${packages[*]} needed (apt-get install -y ${packages[*]}): skipped"
  exit 77
}

# fail MESSAGE counts a failure and lets the test go on, so one run shows every
# problem; finish ends the test: exit 1 after any failure.
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
finish() {
  if ((failures)); then
    echo "$test_name: $failures failure(s)"
    exit 1
  fi
  echo "$test_name: passed"
}

# run_stage_seconds LOG: "stage seconds" for each stage of an `adlake run` log,
# from rank 0's "<stage>: building" line to the next stage's (or the run's
# summary or failure line): a stage's time without its own MPI launch.
run_stage_seconds() {
  grep -E '\[r0/[0-9]+\] ((bronze|silver|gold|train|report): building|run summary|run failed:)' "$1" |
    awk '{ split($2, t, /[:\]]/); s = t[1] * 3600 + t[2] * 60 + t[3]
           if (stage != "") printf "%s %.1f\n", stage, s - at
           stage = $5; sub(/:$/, "", stage); at = s }'
}
