#!/usr/bin/env bash
# Generator throughput benchmark (not a test): runs `adlake generate`
# for REQUESTS requests at each rank count (and THREADS OpenMP threads per
# rank) and prints the job's own figures (lines/s, MB/s, seconds) with each
# run's peak memory per rank (/usr/bin/time -v). Output is removed afterwards.
#   bench/generate.sh [WORK]      (default WORK: ./out/bench-generate)
# Environment: REQUESTS (default 10000000), SEED (default 42), RANKS (default "1 2"),
#   THREADS (default 1), ADLAKE (default build/adlake).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
source "$src/scripts/mpi_env.sh"
adlake=${ADLAKE:-$src/build/adlake}
work=$(realpath -m "${1:-out/bench-generate}")
requests=${REQUESTS:-10000000}
seed=${SEED:-42}
threads=${THREADS:-1}
[[ -x /usr/bin/time ]] || { echo "bench/generate.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

mkdir -p "$work"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $requests requests, seed $seed"
for ranks in ${RANKS:-1 2}; do
  out="$work/raw-$ranks"
  rm -rf "$out"
  /usr/bin/time -v -o "$work/time-$ranks.txt" mpirun -n "$ranks" "$adlake" --threads "$threads" \
    generate --out "$out" --requests "$requests" --seed "$seed" >"$work/log-$ranks.txt" 2>&1
  peak=$(awk -F: '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$work/time-$ranks.txt")
  echo "ranks $ranks x threads $threads: $(grep -o '[0-9]* files.*' "$work/log-$ranks.txt" | head -1), peak RSS of a rank ${peak} MB"
  grep -o 'oracle_auc.*' "$work/log-$ranks.txt" | head -1
  rm -rf "$out"
done
