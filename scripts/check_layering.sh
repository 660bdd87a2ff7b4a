#!/usr/bin/env bash
# Fails when a file includes a header of a higher area (the groups of
# CMakeLists.txt, lowest first), or when code below src/stages/ includes
# CLI11. A lower area never depends on a higher one, so each group builds and
# is tested without what sits above it.
#   scripts/check_layering.sh [SOURCE_DIR]   (ctest runs it as build.layering)
set -euo pipefail
cd "${1:-$(dirname "$0")/..}"

# Rank of each area: a file may include areas of its own rank or lower. Inside
# the base group core < mpi < h5 (mpi wraps MPI with core's errors; h5 opens
# files over a communicator).
declare -A rank=(
  [core]=0 [mpi]=1 [h5]=2
  [csv]=3 [clean]=3
  [gen]=4
  [bronze]=5 [silver]=5 [ops]=5 [gold]=5
  [forest]=6 [eval]=6 [model]=6
  [report]=7 [lineage]=7
  [stages]=8
  [jobs]=9
)

# One grep over the tree, one awk over its lines: "path:line:#include ...".
files=$(find src include/adlake jobs -type f \( -name '*.cpp' -o -name '*.hpp' \) | sort)
ranks=$(for a in "${!rank[@]}"; do echo "$a=${rank[$a]}"; done)
# shellcheck disable=SC2086
grep -nE '^\s*#\s*include\s*[<"](adlake|CLI)/' $files |
  awk -v ranks="$ranks" '
    BEGIN {
      n = split(ranks, pairs, "\n")
      for (i = 1; i <= n; i++) { split(pairs[i], kv, "="); rank[kv[1]] = kv[2] }
    }
    {
      split($0, f, ":"); file = f[1]; line = f[2]
      split(file, p, "/")
      area = p[1] == "jobs" ? "jobs" : p[1] == "src" ? p[2] : p[3]
      if (!(area in rank)) { print file ": area " area " has no rank in scripts/check_layering.sh"; bad++; next }
      if (match($0, /[<"]CLI\//)) {
        if (rank[area] < rank["stages"]) { print file ":" line ": includes CLI11 below src/stages/ (only stages and jobs parse options)"; bad++ }
        next
      }
      match($0, /adlake\/[a-z0-9_]+\//); target = substr($0, RSTART + 7, RLENGTH - 8)
      if (!(target in rank)) { print file ":" line ": includes adlake/" target "/, an area with no rank"; bad++ }
      else if (rank[target] + 0 > rank[area] + 0) { print file ":" line ": " area " includes adlake/" target "/, a higher area"; bad++ }
    }
    END {
      if (bad) { print "check_layering: " bad " include(s) against the layering of CMakeLists.txt"; exit 1 }
      print "check_layering: every include goes to the same or a lower area"
    }'
