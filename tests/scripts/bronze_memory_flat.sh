#!/usr/bin/env bash
# Bronze's memory per rank does not grow with its share of the input: it
# reads its share twice (lengths and counts, then records) and holds a slab
# of rows and rejects at a time, never its share as columns (bronze/slabs.hpp).
# Two noisy inputs (rejects too) 4x apart, at 1 rank: the peak memory bronze
# reports may grow by at most a quarter of the extra CSV (measured: 1 MB for
# 57 MB more; 49 MB when bronze held its share as columns).
# Release only: the sanitizers' shadow memory and quarantine grow with what
# was allocated and freed.
set -uo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"
need_jobs bronze generate

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

declare -A csv_mb peak_mb
for n in 50000 200000; do
  "$adlake" generate --out "$work/raw$n" --requests "$n" --noise 0.1 --seed 5 >"$work/gen$n.log" 2>&1 ||
    { fail "generate $n: $(tail -3 "$work/gen$n.log")"; finish; }
  log=$work/bronze$n.log
  "$mpiexec" -n 1 "$adlake" bronze --input "$work/raw$n" --lake "$work/lake$n" >"$log" 2>&1 ||
    { fail "bronze on $n requests: $(grep -m1 -E 'error|failed' "$log")"; finish; }
  csv_mb[$n]=$(($(find "$work/raw$n" -name '*.csv' -printf '%s\n' | awk '{s += $1} END {print s}') / 1000000))
  # "bronze: per rank: ... peak memory MB [p], ..." (one rank)
  peak_mb[$n]=$(grep -m1 -oE 'bronze: per rank: .*peak memory MB \[[0-9]+' "$log" | grep -oE '[0-9]+$')
  [[ -n ${peak_mb[$n]} ]] || { fail "no peak memory in the log of bronze on $n requests"; finish; }
  echo "$n requests: ${csv_mb[$n]} MB of CSV, bronze's peak memory ${peak_mb[$n]} MB"
done
extra_csv=$((csv_mb[200000] - csv_mb[50000]))
growth=$((peak_mb[200000] - peak_mb[50000]))
((extra_csv >= 20)) || fail "the inputs are too close to tell: $extra_csv MB more CSV"
if ((4 * growth > extra_csv)); then
  fail "bronze's peak memory grew by $growth MB for $extra_csv MB more CSV (at most a quarter)"
else
  echo "bronze's peak memory grew by $growth MB for $extra_csv MB more CSV"
fi
finish
