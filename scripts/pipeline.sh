#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole pipeline on the default
# generated data (100k requests) with 2 ranks.
#   scripts/pipeline.sh [OUT]      outputs under OUT (default: ./out)
# Environment: RANKS (default 2), REQUESTS (default 100000), SEED (default 42).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/mpi_env.sh
out=$(realpath -m "${1:-out}")
ranks=${RANKS:-2}
adlake="$PWD/${BUILD_DIR:-build}/adlake"
run() { mpirun -n "$ranks" "$adlake" "$@"; }

run generate --out "$out/raw" --requests "${REQUESTS:-100000}" --seed "${SEED:-42}"
echo
echo "Raw logs:  $out/raw"
run bronze --input "$out/raw" --lake "$out/lake"
echo "Bronze:    $out/lake/bronze.h5"
run silver --lake "$out/lake"
echo "Silver:    $out/lake/silver.h5"
run gold --lake "$out/lake"
echo "Gold:      $out/lake/gold.h5"
# The last stage: it reads whatever layers exist.
run report --lake "$out/lake"
echo "Report:    $out/lake/report.html"
