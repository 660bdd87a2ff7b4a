#!/usr/bin/env bash
# The sanitizer build's guard: a script test that expects a program
# to fail must still fail when the program's failure is a sanitizer report.
# tests/sanitizers/run_script.sh is run on a script that swallows the exit of
# a program with a heap overflow (ASan) and of one with an integer overflow
# (UBSan); both must fail, and a clean program must pass. Only in the
# sanitizer build (ADLAKE_SANITIZED=1), where that wrapper is in use.
set -euo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"
if [[ ${ADLAKE_SANITIZED:-0} != 1 ]]; then
  echo "sanitizer_reports_fail: only in the sanitizer build: skipped"
  exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/adlake-sanreport.XXXXXX")
trap 'rm -rf "$work"' EXIT
wrapper=$src/tests/sanitizers/run_script.sh

cat >"$work/heap.cpp" <<'CPP'
#include <cstdlib>
#include <cstdio>
int main(int argc, char**) { int* p = static_cast<int*>(std::malloc(8)); std::printf("%d\n", p[argc + 3]); std::free(p); return 0; }
CPP
cat >"$work/ub.cpp" <<'CPP'
#include <climits>
#include <cstdio>
int main(int argc, char**) { int x = INT_MAX - 1 + argc; std::printf("%d\n", x + argc); return 0; }
CPP
cat >"$work/clean.cpp" <<'CPP'
int main() { return 0; }
CPP
for prog in heap ub clean; do
  # As adlake's executables in this build: with ubsan_log_path.cpp.
  g++ -O0 -fsanitize=address,undefined -fno-sanitize-recover=undefined "$work/$prog.cpp" \
    "$src/tests/sanitizers/ubsan_log_path.cpp" -o "$work/$prog"
  printf '"%s" || echo "failed, as this script expects"\nexit 0\n' "$work/$prog" >"$work/$prog.sh"
done

for prog in heap ub; do
  if bash "$wrapper" "$work/$prog.sh" >"$work/$prog.log" 2>&1; then
    fail "$prog: the wrapper passed a script whose program had a sanitizer report"
  elif ! grep -q 'sanitizer reports while running' "$work/$prog.log"; then
    fail "$prog: the wrapper failed without showing the report: $(tail -3 "$work/$prog.log")"
  else
    echo "$prog: a swallowed sanitizer report still fails the test"
  fi
done
if bash "$wrapper" "$work/clean.sh" >"$work/clean.log" 2>&1; then
  echo "clean: passes"
else
  fail "clean: the wrapper failed a clean script: $(tail -3 "$work/clean.log")"
fi

finish
