#!/usr/bin/env bash
# Runs one script test of the sanitizer build (ADLAKE_SANITIZE).
# Sanitizer reports go to files, not to the script's output, and any report
# fails the test: a script that expects adlake to fail (a bad input, a fault)
# would otherwise take a sanitizer's exit for the failure it wanted.
#   run_script.sh SCRIPT [ARGS...]
set -uo pipefail
reports=$(mktemp -d "${TMPDIR:-/tmp}/adlake-sanitizer.XXXXXX")
trap 'rm -rf "$reports"' EXIT
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:log_path=$reports/asan"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:log_path=$reports/ubsan"
export ADLAKE_UBSAN_LOG_PATH=$reports/ubsan  # see ubsan_log_path.cpp
bash "$@"
status=$?
# A report is an "ERROR:" (ASan, LSan) or a "runtime error:" (UBSan); other
# lines (suppression counts, warnings) do not fail the test.
if compgen -G "$reports/*" >/dev/null && grep -qE 'ERROR: |runtime error:' "$reports"/*; then
  echo "run_script.sh: sanitizer reports while running $1:"
  for f in "$reports"/*; do
    echo "== $f"
    head -c 20000 "$f"
  done
  exit 1
fi
exit "$status"
