#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, MPI at 1, 2 and
# 3 ranks, end-to-end scripts). Extra arguments go to ctest (e.g. -R silver).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/mpi_env.sh
build=${BUILD_DIR:-build}
status=0
ctest --test-dir "$build" --output-on-failure "$@" || status=$?
# ctest shows the output of failed tests only; the Slurm test's job ids and
# states are printed either way, so a log shows that it really ran.
log=$build/Testing/Temporary/LastTest.log
if [[ -f $log ]] && grep -q 'slurm_pipeline' "$log"; then
  echo "== what the Slurm test submitted (tests/scripts/slurm_pipeline.sh)"
  grep -E '^(slurm|munge|chain|failed chain|SKIPPED|  job [0-9]+ )|slurm_pipeline: ' "$log" || true
fi
exit "$status"
