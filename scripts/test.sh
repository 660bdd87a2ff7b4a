#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test (unit, MPI at 1, 2 and
# 3 ranks, end-to-end scripts). Extra arguments go to ctest (e.g. -R silver).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
source scripts/mpi_env.sh
ctest --test-dir "${BUILD_DIR:-build}" --output-on-failure "$@"
