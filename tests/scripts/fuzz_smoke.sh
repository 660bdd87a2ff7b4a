#!/usr/bin/env bash
# CI's share of fuzzing: every libFuzzer target of fuzz/ for a short
# while (FUZZ_SECONDS, default 10 s each), from the seed corpus. Skipped (77)
# when clang or libFuzzer is missing. Longer runs: scripts/fuzz.sh 600.
set -euo pipefail
if [[ ${ADLAKE_SANITIZED:-0} == 1 ]]; then
  # The fuzz targets are ASan+UBSan builds of their own, run by the Release suite.
  echo "fuzz_smoke: not again in the sanitizer build: skipped"
  exit 77
fi
source "$(dirname "$0")/../lib/script_env.sh"
FUZZ_BUILD_DIR=$build/fuzz exec "$src/scripts/fuzz.sh" "${FUZZ_SECONDS:-10}"
