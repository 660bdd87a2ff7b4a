#!/usr/bin/env bash
# Bronze throughput benchmark (not a test): generates an input with
# `adlake generate` (once, kept), runs `adlake bronze` on it at each rank
# count, and prints MB/s of CSV per rank and each rank's peak memory
# (/usr/bin/time -v). Goal: >= 300 MB/s per rank, memory per rank
# proportional to its share.
#   bench/bronze.sh [WORK]        (default WORK: ./out/bench-bronze)
# Environment: REQUESTS (default 10000000), SEED (default 42), RANKS (default "1 2"),
#   ADLAKE (default build/adlake), RAW (an existing input to use instead of generating,
#   e.g. RAW=/work/bench/raw10m).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
source "$src/scripts/mpi_env.sh"
adlake=${ADLAKE:-$src/build/adlake}
work=$(realpath -m "${1:-out/bench-bronze}")
requests=${REQUESTS:-10000000}
seed=${SEED:-42}
raw=${RAW:-$work/raw-$requests-$seed}

if [[ -z ${RAW:-} ]] && ! "$adlake" --help 2>&1 | grep -qE '^ +generate( |$)'; then
  echo "bench/bronze.sh: $adlake has no generate job yet; build it once the generator is merged" >&2
  exit 1
fi
[[ -x /usr/bin/time ]] || { echo "bench/bronze.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

mkdir -p "$work"
if [[ -z ${RAW:-} && ! -f $raw/.complete ]]; then
  rm -rf "$raw"
  echo "generating $requests requests (seed $seed) into $raw ..."
  "$adlake" generate --out "$raw" --requests "$requests" --seed "$seed" --log-level warn
  touch "$raw/.complete"
fi
# Bronze reads the six entities, not the generator's _truth folder.
mb=$(find "$raw" -path "$raw/_truth" -prune -o -name '*.csv' -printf '%s\n' |
  awk '{s += $1} END {printf "%.1f", s / 1e6}')
echo "input: $mb MB of CSV in $raw"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo

# MB/s/rank is wall-clock (the job's summary); "CPU MB/s/rank" divides each
# rank's share by its user+sys seconds ("CPU s": all ranks together), a figure
# that a busy machine does not distort as much (though a rank waiting in a
# collective spins, and counts). "load" is the 1-minute load average when the
# run started.
printf '%-6s %9s %9s %9s %10s %8s %14s %6s   %s\n' ranks MB seconds "MB/s" "MB/s/rank" "CPU s" \
  "CPU MB/s/rank" load "peak RSS per rank (MB)"
for ranks in ${RANKS:-1 2}; do
  lake=$work/lake-$ranks
  rm -rf "$lake"
  log=$work/bronze-$ranks.log
  # Each rank runs under its own /usr/bin/time, writing to time.<rank>.
  rm -f "$work"/time.*
  load=$(cut -d' ' -f1 /proc/loadavg)
  mpirun -n "$ranks" bash -c 'exec /usr/bin/time -v -o "$0/time.${OMPI_COMM_WORLD_RANK:-${PMI_RANK:-0}}" "$@"' \
    "$work" "$adlake" bronze --input "$raw" --lake "$lake" >"$log" 2>&1 ||
    { echo "bronze failed at $ranks ranks: see $log" >&2; exit 1; }
  # The summary's total line: ... seconds MB/s MB/s/rank
  read -r seconds rate per_rank < <(awk '$1 == "total" {print $(NF-2), $(NF-1), $NF}' "$log" | tail -1)
  peaks=$(for f in "$work"/time.*; do
    awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2 / 1024}' "$f"; echo -n " "
  done)
  read -r cpu_s cpu < <(cat "$work"/time.* | awk -F': ' -v mb="$mb" \
    '/User time|System time/ {s += $2} END {if (s > 0) printf "%.1f %.1f\n", s, mb / s; else print "- -"}')
  printf '%-6s %9s %9s %9s %10s %8s %14s %6s   %s\n' "$ranks" "$mb" "$seconds" "$rate" "$per_rank" \
    "$cpu_s" "$cpu" "$load" "$peaks"
  rm -rf "$lake"
done
echo
echo "logs: $work/bronze-<ranks>.log (per entity: $work/bronze-1.log summary table)"
