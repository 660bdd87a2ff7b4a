#!/usr/bin/env bash
# Installs what is missing, checks the format and the include layering,
# builds (a warning is an error), and runs every test (unit, MPI at 1, 2 and
# 3 ranks, end-to-end scripts) in the Release build, then again in a build
# with AddressSanitizer and UndefinedBehaviorSanitizer, where any sanitizer
# report fails its test (but for the Release-only script tests,
# tests/CMakeLists.txt). Extra arguments go to both ctest runs (e.g. -R silver).
# Environment: BUILD_DIR (default: build), SANITIZE (default 1; 0 skips the
# sanitizer build, which takes about as long as the rest), SANITIZE_BUILD_DIR
# (default: build-asan), JOBS (default: nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
# Format and include layering first: they take seconds, the build minutes.
NO_BUILD=1 scripts/setup.sh --test
scripts/check_format.sh
scripts/check_layering.sh
# The fault tests need the test hooks (ADLAKE_TEST_HOOKS in CMakeLists.txt);
# a warning fails the build (ADLAKE_WERROR).
CMAKE_ARGS="-DADLAKE_TEST_HOOKS=ON -DADLAKE_WERROR=ON ${CMAKE_ARGS:-}" scripts/setup.sh --test
source scripts/mpi_env.sh
status=0
# Two tests at a time, as in the sanitizer pass: the suite grew to about 13
# min one at a time (the hostile-layer corpus, the two-node cluster, the
# lock); the Slurm tests share a RESOURCE_LOCK (tests/CMakeLists.txt).
ctest --test-dir "${BUILD_DIR:-build}" -j "${JOBS:-$(nproc)}" --output-on-failure "$@" || status=1
# ctest shows the output of failed tests only; the Slurm tests' job ids,
# states and hosts are printed either way, so a log shows that they really ran.
log=${BUILD_DIR:-build}/Testing/Temporary/LastTest.log
test_output() {  # the output of one test in ctest's log
  [[ -f $log ]] && sed -n "/^[0-9]*\/[0-9]* Test: script\.$1\$/,/^<end of output>/p" "$log"
}
if test_output slurm_pipeline | grep -q .; then
  echo "== what the Slurm test submitted (tests/scripts/slurm_pipeline.sh)"
  test_output slurm_pipeline |
    grep -E '^(slurm|munge|chain|failed chain|SKIPPED|  job [0-9]+ )|slurm_pipeline: ' || true
fi
if test_output slurm_two_nodes | grep -q .; then
  echo "== the two-node Slurm test: its jobs, the ranks' hosts, TCP between the nodes"
  test_output slurm_two_nodes |
    grep -E '^(network|slurm|munge|== chain|SKIPPED|lock of|  job [0-9]+|  [a-z0-9.]+: |  identical)|slurm_two_nodes: ' || true
fi
if [[ ${SANITIZE:-1} != 0 ]]; then
  asan=${SANITIZE_BUILD_DIR:-build-asan}
  echo "== the same tests under AddressSanitizer and UndefinedBehaviorSanitizer ($asan)"
  # -O1 -g1: a third of the build time of -O2 -g, and line numbers in reports.
  cmake -S . -B "$asan" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DADLAKE_SANITIZE=ON -DADLAKE_TEST_HOOKS=ON \
    -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g1" >/dev/null
  cmake --build "$asan" -j "${JOBS:-$(nproc)}"
  # Two tests at a time: the sanitizer pass is mostly waiting on slower code,
  # 4.6 min for the whole suite with -j2 on 2 cores (2026-11-30).
  ctest --test-dir "$asan" -j "${JOBS:-$(nproc)}" --output-on-failure "$@" || status=1
fi
exit "$status"
