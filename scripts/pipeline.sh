#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole pipeline on the default
# generated data (100k requests) with 2 ranks.
#   scripts/pipeline.sh [OUT]      outputs under OUT (default: ./out)
# Environment: RANKS (default 2), REQUESTS (default 100000), SEED (default 42).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/mpi_env.sh
out=$(realpath -m "${1:-out}")
ranks=${RANKS:-2}
adlake="$PWD/${BUILD_DIR:-build}/adlake"
run() { mpirun -n "$ranks" "$adlake" "$@"; }

run generate --out "$out/raw" --requests "${REQUESTS:-100000}" --seed "${SEED:-42}"
echo
echo "Raw logs:  $out/raw"
run bronze --input "$out/raw" --lake "$out/lake"
echo "Bronze:    $out/lake/bronze.h5"
run silver --lake "$out/lake"
echo "Silver:    $out/lake/silver.h5"
run gold --lake "$out/lake"
echo "Gold:      $out/lake/gold.h5"
run train --lake "$out/lake"
echo "Model:     $out/lake/model.h5, metrics in $out/lake/metrics.json"
# The last stage: it reads whatever layers exist.
run report --lake "$out/lake"
echo "Report:    $out/lake/report.html"
/usr/bin/python3 - "$out/lake/metrics.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
keys = ["roc_auc", "pr_auc", "log_loss", "feature_oracle_auc", "oracle_auc", "n_train", "n_test"]
print("Headline metrics: " + ", ".join(f"{k} {m[k]:.4f}" if isinstance(m.get(k), float) else f"{k} {m.get(k)}" for k in keys if k in m))
PY
