#!/usr/bin/env bash
# Scaling benchmark (not a test): for each input size, generates the
# raw logs once, then runs `adlake run --to train` (bronze, silver, gold,
# train) at each rank count and prints, per stage, the slowest rank's wall
# seconds, the MPI bytes each rank sent and received (counted by adlake
# itself: mpi/traffic.hpp, the per-stage "per rank:" log lines) and each
# rank's peak memory and CPU seconds in the stage; then per run the job's
# wall time, the sizes of the input and layers, and /usr/bin/time -v's
# maximum resident size per rank (adlake resets the peak after each stage, so
# that is not the job's peak: use the stages' figures).
# Ranks beyond the machine's cores are oversubscribed: compare memory and
# bytes across rank counts, not speed. Inputs and lakes are deleted at the
# end (KEEP=1 keeps them).
#   bench/scaling.sh [WORK]       (default WORK: ./out/bench-scaling)
# Environment: REQUESTS (default "1000000 5000000"), RANKS (default "1 2 4 8"),
#   RANKS_<REQUESTS> (e.g. RANKS_5000000="1 2 4": rank counts for that size),
#   SEED (default 42), THREADS (OpenMP threads per rank, default 1),
#   ADLAKE (default build/adlake), KEEP (default 0).
# Writes WORK/scaling.tsv (one line per size, ranks and stage) and prints it
# as a table.
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
source "$src/scripts/mpi_env.sh"
adlake=${ADLAKE:-$src/build/adlake}
work=$(realpath -m "${1:-out/bench-scaling}")
seed=${SEED:-42}
threads=${THREADS:-1}
[[ -x /usr/bin/time ]] || { echo "bench/scaling.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }
[[ -x $adlake ]] || { echo "bench/scaling.sh: build $adlake first (cmake --build build)" >&2; exit 1; }

mkdir -p "$work"
tsv="$work/scaling.tsv"
printf 'requests\tranks\tstage\tseconds\tsent_mb_per_rank\treceived_mb_per_rank\tpeak_mb_per_rank\tcpu_s_per_rank\tmpi_calls\n' >"$tsv"
jobs_tsv="$work/jobs.tsv"
printf 'requests\tranks\twall_s\tjob_peak_mb_per_rank\tload_before\traw_mb\tbronze_mb\tsilver_mb\tgold_mb\tmodel_mb\n' >"$jobs_tsv"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; load $(cut -d' ' -f1-3 /proc/loadavg)"

# The per-stage figures of one job's log: stage, slowest seconds (summary
# table), and the per-rank lists of the "<stage>: per rank:" lines.
parse_log() {  # parse_log LOG REQUESTS RANKS
  /usr/bin/python3 - "$@" <<'PY'
import re, sys
log, requests, ranks = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(log, errors="replace").read()
usage = {}
for m in re.finditer(r"\] (\w+): per rank: MPI sent MB \[([^\]]*)\], received MB \[([^\]]*)\], "
                     r"peak memory MB \[([^\]]*)\], CPU s \[([^\]]*)\] \((\d+) MPI calls\)", text):
    usage[m.group(1)] = [m.group(i).replace(" ", "") for i in (2, 3, 4, 5, 6)]
seconds = {}
summary = text.split("run summary:")[-1]
for line in summary.splitlines():
    cols = line.split()
    if len(cols) > 5 and cols[0] in usage and re.fullmatch(r"[0-9.]+", cols[4]):
        seconds[cols[0]] = cols[4]
for stage in ("bronze", "silver", "gold", "train"):
    if stage in usage:
        print("\t".join([requests, ranks, stage, seconds.get(stage, "?")] + usage[stage]))
PY
}

for requests in ${REQUESTS:-1000000 5000000}; do
  raw="$work/raw-$requests"
  if [[ ! -d $raw ]]; then
    echo "generating $requests requests into $raw"
    mpirun -n 2 "$adlake" generate --out "$raw" --requests "$requests" --seed "$seed" \
      >"$work/generate-$requests.log" 2>&1
  fi
  echo "input: $requests requests, $(du -sh "$raw" | cut -f1)"
  ranks_var="RANKS_$requests"
  for ranks in ${!ranks_var:-${RANKS:-1 2 4 8}}; do
    lake="$work/lake-$requests-$ranks"
    log="$work/run-$requests-$ranks.log"
    rm -rf "$lake" "$work"/time-"$requests-$ranks".*
    load=$(cut -d' ' -f1 /proc/loadavg)
    start=$(date +%s.%N)
    mpirun --oversubscribe -n "$ranks" /bin/sh -c \
      'exec /usr/bin/time -v -o "$0.$OMPI_COMM_WORLD_RANK" "$@"' "$work/time-$requests-$ranks" \
      "$adlake" --threads "$threads" run --input "$raw" --lake "$lake" --to train >"$log" 2>&1 ||
      { echo "adlake run failed at $ranks ranks: $log" >&2; exit 1; }
    wall=$(echo "$(date +%s.%N) - $start" | bc)
    peaks=$(for f in "$work"/time-"$requests-$ranks".*; do
      awk -F: '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$f"; echo; done | paste -sd,)
    sizes=$(for f in "$raw" "$lake"/{bronze,silver,gold,model}.h5; do
      du -sb "$f" | awk '{printf "%.1f", $1 / 1e6}'; echo; done | paste -sd$'\t')
    printf '%s\t%s\t%.1f\t%s\t%s\t%s\n' "$requests" "$ranks" "$wall" "$peaks" "$load" "$sizes" \
      >>"$jobs_tsv"
    parse_log "$log" "$requests" "$ranks" >>"$tsv"
    echo "  $ranks rank(s): ${wall%.*} s wall (load $load), job peak MB per rank $peaks"
    [[ ${KEEP:-0} == 1 ]] || rm -rf "$lake"
  done
  [[ ${KEEP:-0} == 1 ]] || rm -rf "$raw"
done

echo
echo "Per stage (seconds: slowest rank's wall; MB and CPU s per rank in rank order; peak: the stage's own):"
column -t -s $'\t' "$tsv"
echo
echo "Per job (wall time of mpirun; /usr/bin/time -v's peak MB per rank, since adlake's last reset; sizes of the input and layers):"
column -t -s $'\t' "$jobs_tsv"
