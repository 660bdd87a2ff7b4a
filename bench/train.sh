#!/usr/bin/env bash
# Training benchmark (issue 6; not a test): for each input size, builds a lake
# once (generate -> bronze -> silver -> gold, kept under WORK), then trains on
# the same gold /features with
#   - adlake train (1 rank x 2 threads; also RANKS_LIST ranks when set),
#   - scikit-learn's RandomForestClassifier (n_jobs=2) with the same parameters,
#   - XGBoost's XGBRFClassifier (tree_method=hist, n_jobs=2), the same as far as
#     XGBoost has them (bench/train_compare.py says how they are mapped),
# and prints training seconds, test ROC-AUC and the ratios. Both Python
# libraries get categorical columns as integer codes (they have no native
# categorical splits in a random forest).
#   bench/train.sh [WORK]         (default WORK: ./out/bench-train)
# Environment: REQUESTS (default "1000000 5000000"), SEED (default 42),
#   ADLAKE (default build/adlake), TRAIN_ARGS (extra `adlake train` options,
#   passed on to the Python models where they have them: --min-samples-leaf,
#   --max-features, --max-depth, --n-estimators, --seed),
#   SKLEARN_DEFAULTS=1 to also time scikit-learn with its own defaults
#   (min_samples_leaf 1, max_features sqrt: full-depth trees, slow).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
source "$src/scripts/mpi_env.sh"
adlake=${ADLAKE:-$src/build/adlake}
work=$(realpath -m "${1:-out/bench-train}")
seed=${SEED:-42}
python=/usr/bin/python3

# Setup: Debian's scikit-learn, XGBoost and h5py.
missing=()
for pkg in sklearn:python3-sklearn xgboost:python3-xgboost h5py:python3-h5py; do
  "$python" -c "import ${pkg%%:*}" 2>/dev/null || missing+=("${pkg#*:}")
done
if ((${#missing[@]})); then
  if [[ $(id -u) == 0 ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
  else
    echo "bench/train.sh: run first: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
[[ -x $adlake ]] || { echo "bench/train.sh: build $adlake first (cmake --build build)" >&2; exit 1; }

# The parameters both sides get: adlake's defaults unless TRAIN_ARGS says otherwise.
read -r -a train_args <<<"${TRAIN_ARGS:-}"
param() {  # param NAME DEFAULT: the value of --NAME in TRAIN_ARGS, else DEFAULT
  local i
  for ((i = 0; i < ${#train_args[@]}; i++)); do
    [[ ${train_args[i]} == "--$1" ]] && { echo "${train_args[i + 1]}"; return; }
  done
  echo "$2"
}
defaults=$("$adlake" train --help)
default_of() { grep -oE -- "--$1 [A-Z]+=[^ ]+" <<<"$defaults" | sed 's/.*=//'; }
py_args=(--n-estimators "$(param n-estimators "$(default_of n-estimators)")"
  --min-samples-leaf "$(param min-samples-leaf "$(default_of min-samples-leaf)")"
  --max-features "$(param max-features "$(default_of max-features)")"
  --max-depth "$(param max-depth "$(default_of max-depth)")"
  --seed "$(param seed "$(default_of seed)")" --jobs 2)

mkdir -p "$work"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "parameters: ${py_args[*]}"
for requests in ${REQUESTS:-1000000 5000000}; do
  lake="$work/lake-$requests-$seed"
  raw="$work/raw-$requests-$seed"
  if [[ ! -f $lake/.complete ]]; then
    echo "building the lake for $requests requests (seed $seed) in $lake ..."
    rm -rf "$lake" "$raw"
    "$adlake" --threads 2 --log-level warn generate --out "$raw" --requests "$requests" --seed "$seed"
    for stage in bronze silver gold; do
      input=()
      [[ $stage == bronze ]] && input=(--input "$raw")
      mpirun -n 2 "$adlake" --log-level error "$stage" "${input[@]}" --lake "$lake"
    done
    touch "$lake/.complete"
  fi
  echo
  echo "== $requests requests =="
  "$adlake" --threads 2 --log-level warn train --lake "$lake" --truth "$raw" "${train_args[@]}"
  read -r a_secs a_cpu a_auc oracle n_train < <("$python" - "$lake/metrics.json" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print(m["train_seconds"], m["run"]["seconds"]["grow_cpu_rank0"], m["roc_auc"],
      m.get("feature_oracle_auc", float("nan")), m["n_train"])
PY
)
  printf '%-40s %8.2f s (%.2f s CPU)  ROC-AUC %.4f   (%s training rows; feature oracle %.4f)\n' \
    "adlake train, 1 rank x 2 threads" "$a_secs" "$a_cpu" "$a_auc" "$n_train" "$oracle"
  for ranks in ${RANKS_LIST:-}; do
    mpirun -n "$ranks" "$adlake" --threads 1 --log-level warn train --lake "$lake" --truth "$raw" \
      --permutation-rows 0 "${train_args[@]}"
    "$python" -c "import json; m = json.load(open('$lake/metrics.json')); print(f\"{'adlake train, $ranks ranks x 1 thread':40s} {m['train_seconds']:8.2f} s  ROC-AUC {m['roc_auc']:.4f}\")"
  done
  runs=("${py_args[@]}")
  "$python" "$src/bench/train_compare.py" "$lake/gold.h5" "${runs[@]}" >"$work/compare.jsonl"
  if [[ ${SKLEARN_DEFAULTS:-0} == 1 ]]; then
    "$python" "$src/bench/train_compare.py" "$lake/gold.h5" --only sklearn --min-samples-leaf 1 \
      --max-features sqrt --n-estimators 100 --jobs 2 |
      sed 's/RandomForestClassifier/RandomForestClassifier (its defaults)/' >>"$work/compare.jsonl"
  fi
  "$python" - "$work/compare.jsonl" "$a_secs" "$a_auc" <<'PY'
import json, sys
a_secs, a_auc = float(sys.argv[2]), float(sys.argv[3])
for line in open(sys.argv[1]):
    m = json.loads(line)
    print(f"{m['model']:40s} {m['train_seconds']:8.2f} s  ROC-AUC {m['roc_auc']:.4f}   "
          f"adlake is {m['train_seconds'] / a_secs:5.1f}x faster, AUC {a_auc - m['roc_auc']:+.4f}")
PY
done
