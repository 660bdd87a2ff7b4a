#!/usr/bin/env bash
# Train alone at several rank counts on one gold.h5 (not a test): the train
# rows of docs/scaling.md without running bronze, silver and gold again.
# Each run gets its own lake folder holding a hard link to GOLD, and prints
# one line in the columns of bench/scaling.sh's scaling.tsv (from the run
# record of metrics.json: train's slowest wall seconds are the job's) plus
# the peak of each step per rank. The lakes are deleted (KEEP=1 keeps them).
#   bench/scaling_train.sh GOLD REQUESTS [WORK]   (WORK: ./out/bench-scaling-train)
# Environment: RANKS (default "1 2 4 8"), THREADS (default 1),
#   ADLAKE (default build/adlake).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
source "$src/scripts/mpi_env.sh"
adlake=${ADLAKE:-$src/build/adlake}
gold=$(realpath "$1")
requests=$2
work=$(realpath -m "${3:-out/bench-scaling-train}")
mkdir -p "$work"
for ranks in ${RANKS:-1 2 4 8}; do
  lake="$work/lake-$requests-$ranks"
  rm -rf "$lake" && mkdir -p "$lake" && ln "$gold" "$lake/gold.h5"
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  mpirun --oversubscribe -n "$ranks" "$adlake" --threads "${THREADS:-1}" train --lake "$lake" \
    >"$work/train-$requests-$ranks.log" 2>&1
  wall=$(echo "$(date +%s.%N) - $start" | bc)
  /usr/bin/python3 - "$lake/metrics.json" "$requests" "$ranks" "$wall" "$load" <<'PY'
import json, sys
path, requests, ranks, wall, load = sys.argv[1:]
m = json.load(open(path))
run = m["run"]
mb = lambda xs: ",".join(f"{x / 1e6:.1f}" for x in xs)
mb0 = lambda xs: ",".join(f"{x / 1e6:.0f}" for x in xs)
print("\t".join([requests, ranks, "train", f"{float(wall):.2f}", mb(run["mpi_bytes_sent"]),
                 mb(run["mpi_bytes_received"]), mb0(run["peak_memory_bytes"]),
                 ",".join(f"{c:.2f}" for c in run["cpu_seconds"]), str(run["mpi_calls"])]))
steps = " ".join(f"{k}:[{mb0(v)}]" for k, v in run.get("step_peak_memory_bytes", {}).items())
print(f"#\tload {load}; roc_auc {m['roc_auc']:.6f}; step peaks MB {steps}")
PY
  [[ ${KEEP:-0} == 1 ]] || rm -rf "$lake"
done
