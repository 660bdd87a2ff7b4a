#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole pipeline on the default
# generated data (100k requests) with 2 ranks: `adlake generate`, then
# `adlake run` (bronze, silver, gold, train, report in one MPI job; a stage
# whose output is up to date is skipped, so running this again is quick).
#   scripts/pipeline.sh [OUT] [adlake run options]   outputs under OUT (default: ./out)
# Environment: RANKS (default 2), REQUESTS (default 100000), SEED (default 42).
set -euo pipefail
cd "$(dirname "$0")/.."
TARGETS=adlake scripts/setup.sh  # the tests are not needed to run it
source scripts/mpi_env.sh
out=$(realpath -m "${1:-out}")
(($#)) && shift
ranks=${RANKS:-2}
adlake="$PWD/${BUILD_DIR:-build}/adlake"
mpi() { mpirun -n "$ranks" "$adlake" "$@"; }

requests=${REQUESTS:-100000} seed=${SEED:-42}
# generate rewrites its files (new modification times, so everything after it
# would be rebuilt): only when the raw logs are not there for these settings.
stamp="$out/raw/.generated-with"
if [[ ! -f $stamp || $(cat "$stamp") != "requests=$requests seed=$seed" ]]; then
  mpi generate --out "$out/raw" --requests "$requests" --seed "$seed"
  echo "requests=$requests seed=$seed" >"$stamp"
fi
mpi run --input "$out/raw" --lake "$out/lake" "$@"

lake=$out/lake
echo
echo "Raw logs:  $out/raw"
echo "Bronze:    $lake/bronze.h5"
echo "Silver:    $lake/silver.h5"
echo "Gold:      $lake/gold.h5"
echo "Model:     $lake/model.h5, metrics in $lake/metrics.json"
echo "Report:    $lake/report.html"
echo "Catalog:   $adlake catalog --lake $lake   (tables, lineage; --json, --dot)"
/usr/bin/python3 - "$lake" <<'PY'
import json, sys, h5py
lake = sys.argv[1]
with h5py.File(f"{lake}/gold.h5", "r") as f:
    g = f["funnel_summary"]
    row = {name: g[name][0] for name in json.loads(g.attrs["columns"])}
print("Funnel:    {requests} requests, {impressions} impressions (fill {fill_rate:.1%}), "
      "{clicks} clicks (CTR {ctr:.2%}), {installs} installs, revenue {rev:.2f} USD".format(
          rev=row["revenue_micros"] / 1e6, **row))
m = json.load(open(f"{lake}/metrics.json"))
keys = ["roc_auc", "pr_auc", "log_loss", "feature_oracle_auc", "oracle_auc", "n_train", "n_test"]
print("Model:     " + ", ".join(f"{k} {m[k]:.4f}" if isinstance(m.get(k), float) else f"{k} {m.get(k)}"
                              for k in keys if k in m))
PY
