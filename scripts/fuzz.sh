#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan) and runs each
# for a while, starting from the seed corpus in fuzz/corpus/<target>/.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     SECONDS per target (default 60),
#                                             TARGET e.g. fuzz_timestamp (default: all)
# Environment: FUZZ_BUILD_DIR (default: build-fuzz), FUZZ_JOBS (default: nproc).
# New inputs go to FUZZ_BUILD_DIR/corpus/<target>/ (kept between runs, never in
# the repo); a crashing input is saved as FUZZ_BUILD_DIR/artifacts/<target>-*
# and replayed with: FUZZ_BUILD_DIR/fuzz/<target> <that file>.
# Exit: 0 all ran clean, 1 a target found a crash or a broken invariant,
# 77 clang or libFuzzer is not installed (Debian: clang libclang-rt-14-dev).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
build=$(realpath -m "${FUZZ_BUILD_DIR:-build-fuzz}")

if ! command -v clang++ >/dev/null || ! command -v clang >/dev/null; then
  echo "fuzz.sh: clang is not installed (apt-get install clang libclang-rt-14-dev)" >&2
  exit 77
fi
probe=$(mktemp -d)
trap 'rm -rf "$probe"' EXIT
printf 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }\n' \
  >"$probe/probe.cpp"
if ! clang++ -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" 2>"$probe/log"; then
  echo "fuzz.sh: clang cannot link libFuzzer (apt-get install libclang-rt-14-dev):" >&2
  cat "$probe/log" >&2
  exit 77
fi

mkdir -p "$build"
if ! { CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DADLAKE_FUZZ=ON &&
       cmake --build "$build" -j "${FUZZ_JOBS:-$(nproc)}"; } >"$build/build.log" 2>&1; then
  tail -40 "$build/build.log" >&2
  echo "fuzz.sh: the fuzz build failed (log: $build/build.log)" >&2
  exit 1
fi

targets=("$@")
if ((${#targets[@]} == 0)); then
  for src in fuzz/fuzz_*.cpp; do targets+=("$(basename "$src" .cpp)"); done
fi
mkdir -p "$build/artifacts"
failed=()
for target in "${targets[@]}"; do
  seeds=fuzz/corpus/${target#fuzz_}
  work=$build/corpus/${target#fuzz_}
  mkdir -p "$work"
  echo "== $target: ${seconds}s"
  # The work corpus comes first: libFuzzer writes new inputs to the first folder.
  if UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 "$build/fuzz/$target" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
      -artifact_prefix="$build/artifacts/$target-" "$work" "$seeds" >"$build/$target.log" 2>&1; then
    grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$build/$target.log" || true
  else
    echo "$target FAILED (log: $build/$target.log):" >&2
    grep -E 'invariant failed|ERROR|SUMMARY|Test unit written' "$build/$target.log" >&2 || tail -20 "$build/$target.log" >&2
    failed+=("$target")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz.sh: failures in: ${failed[*]}" >&2
  exit 1
fi
echo "fuzz.sh: ${#targets[@]} target(s) ran ${seconds}s each without a failure"
