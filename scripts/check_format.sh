#!/usr/bin/env bash
# Fails when a C++ file of the tree differs from what clang-format makes of it
# with the repo's .clang-format, and lists those files. Pinned to Debian 12's
# clang-format-14 (scripts/setup.sh installs it): another version formats some
# constructs differently.
#   scripts/check_format.sh          check (scripts/test.sh runs it first)
#   scripts/check_format.sh --fix    format those files in place
set -euo pipefail
cd "$(dirname "$0")/.."
format=${CLANG_FORMAT:-clang-format-14}
command -v "$format" >/dev/null || { echo "check_format: $format not found (scripts/setup.sh --test)" >&2; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files -- '*.cpp' '*.hpp' '*.h')
else
  mapfile -t files < <(find src include jobs tests fuzz bench examples -type f \
    \( -name '*.cpp' -o -name '*.hpp' -o -name '*.h' \) 2>/dev/null | sort)
fi
if [[ ${1:-} == --fix ]]; then
  "$format" -i "${files[@]}"
  exit 0
fi
# One clang-format process for the whole tree; it names each file it would
# change. Any other failure (a file it cannot read) fails the check too.
status=0
report=$("$format" --dry-run --Werror "${files[@]}" 2>&1) || status=$?
mapfile -t bad < <(sed -nE 's/^([^:]+):[0-9]+:[0-9]+: error: code should be clang-formatted.*/\1/p' \
  <<<"$report" | sort -u)
if ((status != 0 && ${#bad[@]} == 0)); then
  echo "check_format: $format failed:" >&2
  echo "$report" >&2
  exit 1
fi
if ((${#bad[@]})); then
  echo "check_format: ${#bad[@]} file(s) differ from .clang-format (scripts/check_format.sh --fix):"
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
echo "check_format: ${#files[@]} files match .clang-format"
