#!/usr/bin/env bash
# Training benchmark (not a test): for each input size, builds a lake
# once (generate -> bronze -> silver -> gold, kept under WORK), then trains on
# the same gold /features with
#   - adlake train (2 ranks x 1 thread and 1 rank x 2 threads; also RANKS_LIST
#     ranks x 1 thread when set),
#   - scikit-learn's RandomForestClassifier (n_jobs=2) with the same parameters,
#   - XGBoost's XGBRFClassifier (tree_method=hist, n_jobs=2), the same as far as
#     XGBoost has them (bench/train_compare.py says how they are mapped),
#   - scikit-learn's HistGradientBoostingClassifier (native categorical
#     splits; its own defaults, up to 500 rounds with early stopping): the
#     gradient-boosting yardstick,
# and prints training seconds, test ROC-AUC and the ratios. Every model gets
# the columns of gold's feature_columns (the history features included). The
# two random forests get categorical columns as integer codes (they have no
# native categorical splits in a random forest).
#   bench/train.sh [WORK]         (default WORK: ./out/bench-train)
# Environment: REQUESTS (default "1000000 5000000"), SEED (default 42),
#   INPUTS: existing inputs instead of generating, "RAW[:LAKE] ..." (RAW: a
#   generated folder with _truth; LAKE: a lake built from it whose gold.h5 is
#   used read-only, else the lake is built under WORK),
#   ADLAKE (default build/adlake), TRAIN_ARGS (extra `adlake train` options,
#   passed on to the Python models where they have them: --min-samples-leaf,
#   --max-features, --max-depth, --max-samples, --n-estimators, --seed),
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
  --max-samples "$(param max-samples "$(default_of max-samples)")"
  --seed "$(param seed "$(default_of seed)")" --jobs 2)

mkdir -p "$work"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "parameters: ${py_args[*]}"
inputs=()
if [[ -n ${INPUTS:-} ]]; then
  read -r -a inputs <<<"$INPUTS"
else
  for requests in ${REQUESTS:-1000000 5000000}; do inputs+=("$work/raw-$requests-$seed"); done
fi
for entry in "${inputs[@]}"; do
  raw=$(realpath -m "${entry%%:*}")
  lake="$work/lake-$(basename "$raw")"
  if [[ $entry == *:* ]]; then  # a given lake's gold, linked (train only reads it)
    mkdir -p "$lake"
    ln -sf "$(realpath "${entry#*:}")/gold.h5" "$lake/gold.h5"
    touch "$lake/.complete"
  fi
  if [[ ! -f $lake/.complete ]]; then
    if [[ ! -d $raw/_truth ]]; then
      requests=${raw##*/raw-}
      requests=${requests%-*}
      echo "generating $requests requests (seed $seed) in $raw ..."
      rm -rf "$raw"
      "$adlake" --threads 2 --log-level warn generate --out "$raw" --requests "$requests" --seed "$seed"
    fi
    echo "building the lake of $raw in $lake ..."
    rm -rf "$lake"
    for stage in bronze silver gold; do
      input=()
      [[ $stage == bronze ]] && input=(--input "$raw")
      mpirun -n 2 "$adlake" --log-level error "$stage" "${input[@]}" --lake "$lake"
    done
    touch "$lake/.complete"
  fi
  echo
  echo "== $raw =="
  # One adlake run: train_seconds (growing and calibrating the forest, what the
  # Python libraries' fit() does), the CPU seconds rank 0 spent growing, the
  # whole stage's wall seconds (reading, binning, evaluation, importances,
  # writing) and the test AUCs.
  adlake_train() {  # adlake_train LABEL RANKS THREADS
    local start end
    start=$(date +%s.%N)
    mpirun -n "$2" "$adlake" --threads "$3" --log-level warn train --lake "$lake" --truth "$raw" \
      "${train_args[@]}"
    end=$(date +%s.%N)
    "$python" - "$lake/metrics.json" "$1" "$start" "$end" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
stage = float(sys.argv[4]) - float(sys.argv[3])
print(f"{sys.argv[2]:40s} {m['train_seconds']:8.2f} s ({m['run']['seconds']['grow_cpu_rank0']:.2f} s CPU "
      f"on rank 0)  ROC-AUC {m['roc_auc']:.4f}   whole stage {stage:.1f} s; {m['n_train']} training rows, "
      f"feature oracle {m.get('feature_oracle_auc', float('nan')):.4f}, gap {m.get('gap_to_feature_oracle', float('nan')):.4f}")
print(m["train_seconds"], m["roc_auc"], m["run"]["seconds"]["grow_cpu_rank0"],
      file=open(sys.argv[1] + ".bench", "w"))
PY
  }
  # Compared: the wall seconds at 2 ranks, and the CPU seconds of 1 process
  # with 2 threads (as the Python libraries' n_jobs=2), which a busy machine
  # changes less.
  adlake_train "adlake train, 1 rank x 2 threads" 1 2
  read -r _ _ a_cpu <"$lake/metrics.json.bench"
  adlake_train "adlake train, 2 ranks x 1 thread" 2 1
  read -r a_secs a_auc _ <"$lake/metrics.json.bench"
  for ranks in ${RANKS_LIST:-}; do
    adlake_train "adlake train, $ranks ranks x 1 thread" "$ranks" 1
  done
  # The Python libraries' figures depend only on the gold features and the
  # parameters: kept in the lake and reused while those are the same.
  compare=$lake/compare.jsonl
  stamp="${py_args[*]} $(stat -Lc %Y "$lake/gold.h5") ${SKLEARN_DEFAULTS:-0}"
  if [[ ! -f $compare.stamp || $(cat "$compare.stamp") != "$stamp" ]]; then
    rm -f "$compare.stamp"
    "$python" "$src/bench/train_compare.py" "$lake/gold.h5" "${py_args[@]}" >"$compare"
    if [[ ${SKLEARN_DEFAULTS:-0} == 1 ]]; then
      "$python" "$src/bench/train_compare.py" "$lake/gold.h5" --only sklearn --min-samples-leaf 1 \
        --max-features sqrt --n-estimators 100 --jobs 2 |
        sed 's/RandomForestClassifier/RandomForestClassifier (its defaults)/' >>"$compare"
    fi
    echo "$stamp" >"$compare.stamp"
  else
    echo "(scikit-learn and XGBoost figures measured $(date -r "$compare" -u '+%F %H:%M UTC'), reused)"
  fi
  "$python" - "$compare" "$a_secs" "$a_auc" "$a_cpu" <<'PY'
import json, sys
a_secs, a_auc, a_cpu = float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
for line in open(sys.argv[1]):
    m = json.loads(line)
    cpu = (f" ({m['cpu_seconds']:.2f} s CPU)  adlake (1 x 2 threads) uses {m['cpu_seconds'] / a_cpu:5.1f}x "
           "less CPU," if "cpu_seconds" in m else "")
    print(f"{m['model']:40s} {m['train_seconds']:8.2f} s{cpu}  ROC-AUC {m['roc_auc']:.4f}   "
          f"adlake (2 ranks) is {m['train_seconds'] / a_secs:5.1f}x faster, AUC {a_auc - m['roc_auc']:+.4f}")
PY
done
