#!/usr/bin/env bash
# Silver throughput benchmark (not a test): generates an input with
# `adlake generate` and ingests it with `adlake bronze` (once, kept), then runs
# `adlake silver` on that bronze.h5 at each rank count and prints the time,
# bronze rows/s (in all and per rank, wall-clock and per CPU second) and each
# rank's peak memory (/usr/bin/time -v). Memory per rank should be about its
# share of the data: no rank holds the whole fact table.
#   bench/silver.sh [WORK]        (default WORK: ./out/bench-silver)
# Environment: REQUESTS (default 10000000), SEED (default 42), RANKS (default "1 2"),
#   ADLAKE (default build/adlake), LAKE (a folder with a bronze.h5 to use instead),
#   JOIN (silver's --dimension-join, default auto), ARGS (more adlake options, e.g.
#   "--max-memory-per-rank 0").
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
source "$src/scripts/mpi_env.sh"
adlake=${ADLAKE:-$src/build/adlake}
work=$(realpath -m "${1:-out/bench-silver}")
requests=${REQUESTS:-10000000}
seed=${SEED:-42}
base=${LAKE:-$work/bronze-$requests-$seed}
[[ -x /usr/bin/time ]] || { echo "bench/silver.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

mkdir -p "$work"
if [[ -z ${LAKE:-} && ! -f $base/.complete ]]; then
  "$adlake" --help 2>&1 | grep -qE '^ +generate( |$)' ||
    { echo "bench/silver.sh: $adlake has no generate job" >&2; exit 1; }
  rm -rf "$base" "$work/raw"
  echo "generating $requests requests (seed $seed) and ingesting them into $base/bronze.h5 ..."
  "$adlake" generate --out "$work/raw" --requests "$requests" --seed "$seed" --log-level warn
  mpirun -n 2 "$adlake" bronze --input "$work/raw" --lake "$base" --log-level error
  rm -rf "$work/raw"
  touch "$base/.complete"
fi
[[ -f $base/bronze.h5 ]] || { echo "bench/silver.sh: no $base/bronze.h5" >&2; exit 1; }
echo "input: $base/bronze.h5 ($(du -m "$base/bronze.h5" | cut -f1) MB)"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo

printf '%-6s %11s %11s %9s %11s %11s %15s   %s\n' ranks "rows in" "fact rows" seconds "rows/s" \
  "rows/s/rank" "CPU rows/s/rank" "peak RSS per rank (MB)"
for ranks in ${RANKS:-1 2}; do
  lake=$work/lake-$ranks
  rm -rf "$lake"
  mkdir -p "$lake"
  ln -s "$base/bronze.h5" "$lake/bronze.h5"
  log=$work/silver-$ranks.log
  rm -f "$work"/time.*
  mpirun -n "$ranks" bash -c 'exec /usr/bin/time -v -o "$0/time.${OMPI_COMM_WORLD_RANK:-${PMI_RANK:-0}}" "$@"' \
    "$work" "$adlake" ${ARGS:-} silver --lake "$lake" --dimension-join "${JOIN:-auto}" >"$log" 2>&1 ||
    { echo "silver failed at $ranks ranks: see $log" >&2; exit 1; }
  # The job summary's line: silver rows_in rows_out rejects slowest-s (rank) fastest-s (rank) MB/s rows/s
  read -r rows_in seconds < <(awk '$1 == "silver" && $2 ~ /^[0-9]+$/ {print $2, $5}' "$log" | tail -1)
  fact=$(grep -oE '[0-9]+ fact rows' "$log" | head -1 | cut -d' ' -f1)
  peaks=$(for f in "$work"/time.*; do
    awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$f"; echo -n " "
  done)
  cpu=$(cat "$work"/time.* | awk -F': ' '/User time|System time/ {s += $2} END {print s}')
  awk -v n="$ranks" -v rows="$rows_in" -v fact="$fact" -v s="$seconds" -v cpu="$cpu" -v peaks="$peaks" \
    'BEGIN {printf "%-6s %11d %11d %9.2f %11.0f %11.0f %15.0f   %s\n", n, rows, fact, s, rows / s,
            rows / s / n, rows / cpu, peaks}'
  rm -rf "$lake"
done
echo
echo "logs: $work/silver-<ranks>.log (steps with wall-clock and CPU seconds, per-entity counts)"
