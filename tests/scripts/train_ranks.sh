#!/usr/bin/env bash
# adlake train on a generated input at 1, 2, 3 and 4 ranks and with 1 and 2
# threads (each rank holding only its share of the train split): model.h5 has the same datasets and attributes (but the timings and
# the run's ranks and threads) and metrics.json the same figures (but
# train_seconds and run), compared with h5py. adlake score with the saved
# model gives every row the same scores at 1 and 3 ranks, and its test rows'
# scores have the ROC-AUC of metrics.json (scikit-learn's roc_auc_score).
set -uo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"

need_jobs generate run train score
need_python h5py sklearn

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

lake=$work/lake
if ! "$mpiexec" -n 2 "$adlake" generate --out "$work/raw" --requests 20000 --seed 5 \
  >"$work/gen.log" 2>&1 ||
  ! "$mpiexec" -n 2 "$adlake" run --input "$work/raw" --lake "$lake" --to gold \
    >"$work/run.log" 2>&1; then
  tail -5 "$work/gen.log" "$work/run.log"
  echo "FAIL: could not build the gold layer"
  exit 1
fi

# Small trees keep it quick; permutation importance on 1000 rows, 2 repeats.
options=(--n-estimators 24 --min-samples-leaf 50 --permutation-rows 1000)
for run in "1 1" "1 2" "2 1" "2 2" "3 1" "3 2" "4 1" "4 2"; do
  read -r ranks threads <<<"$run"
  name=np${ranks}t$threads
  if ! "$mpiexec" --oversubscribe -n "$ranks" "$adlake" --threads "$threads" train --lake "$lake" \
    --truth "$work/raw" "${options[@]}" >"$work/$name.log" 2>&1; then
    fail "train $name: $(grep -m2 -iE 'error|failed' "$work/$name.log")"
    continue
  fi
  cp "$lake/model.h5" "$work/$name.h5"
  cp "$lake/metrics.json" "$work/$name.json"
  [[ $name == np1t1 ]] && continue
  "$python" - "$work/np1t1" "$work/$name" >"$work/same.log" 2>&1 <<'PY' ||
import json, sys
import h5py
import numpy as np

a, b = sys.argv[1], sys.argv[2]
diffs = []

def metrics(path):
    m = json.load(open(path))
    for key in ("train_seconds", "run"):  # timings, ranks and threads
        m.pop(key)
    return m

if metrics(a + ".json") != metrics(b + ".json"):
    ma, mb = metrics(a + ".json"), metrics(b + ".json")
    diffs.append("metrics.json: " + ", ".join(k for k in ma if ma.get(k) != mb.get(k)))
if "gap_to_feature_oracle" not in metrics(a + ".json"):
    diffs.append("metrics.json has no gap_to_feature_oracle")

def attrs(obj):
    out = {}
    for k, v in obj.attrs.items():
        if k in ("created_at", "run"):
            continue
        if k == "metrics":
            v = json.loads(v)
            v.pop("train_seconds")
        out[k] = v
    return out

def walk(fa, fb, path):
    if set(fa.keys()) != set(fb.keys()):
        diffs.append(f"{path}: members {sorted(fa.keys())} vs {sorted(fb.keys())}")
        return
    ta, tb = attrs(fa), attrs(fb)
    for k in set(ta) | set(tb):
        same = k in ta and k in tb and np.array_equal(np.asarray(ta[k]), np.asarray(tb[k]))
        if not same and not (k in ta and k in tb and ta[k] == tb[k]):
            diffs.append(f"{path} attribute {k}")
    for name in fa:
        x, y = fa[name], fb[name]
        if isinstance(x, h5py.Group):
            walk(x, y, f"{path}/{name}")
        elif x.dtype != y.dtype or not np.array_equal(x[()], y[()]):
            diffs.append(f"{path}/{name}")
        else:
            ax, ay = attrs(x), attrs(y)
            if ax.keys() != ay.keys() or any(
                    not np.array_equal(np.asarray(ax[k]), np.asarray(ay[k])) for k in ax):
                diffs.append(f"{path}/{name} attributes")

with h5py.File(a + ".h5", "r") as fa, h5py.File(b + ".h5", "r") as fb:
    if fa["nodes/feature"].shape[0] < 24 * 3:
        diffs.append(f"only {fa['nodes/feature'].shape[0]} nodes in 24 trees")
    walk(fa, fb, "")
if diffs:
    print("; ".join(diffs[:8]))
    sys.exit(1)
PY
    fail "$name differs from np1t1: $(cat "$work/same.log")"
done
echo "train: same model.h5 and metrics.json at 1, 2, 3, 4 ranks x 1, 2 threads"

# adlake score with the saved model (the last one trained): same scores at 1
# and 3 ranks, and the test split's AUC is the one in metrics.json.
for n in 1 3; do
  "$mpiexec" -n "$n" "$adlake" score --lake "$lake" --out "$work/scores$n.h5" >"$work/score$n.log" 2>&1 ||
    fail "score at $n rank(s): $(grep -m2 -iE 'error|failed' "$work/score$n.log")"
done
"$python" - "$work/scores1.h5" "$work/scores3.h5" "$lake/metrics.json" >"$work/auc.log" 2>&1 <<'PY' ||
import json, sys
import h5py
import numpy as np
from sklearn.metrics import roc_auc_score

with h5py.File(sys.argv[1], "r") as f1, h5py.File(sys.argv[2], "r") as f3:
    s1, s3 = f1["scores"], f3["scores"]
    for name in ("id_md5", "split", "is_click", "score", "pctr"):
        if not np.array_equal(s1[name][()], s3[name][()]):
            sys.exit(f"scores/{name} differs between 1 and 3 ranks")
    test = s1["split"][()] == h5py.check_enum_dtype(s1["split"].dtype)["test"]
    auc = roc_auc_score(s1["is_click"][()][test], s1["score"][()][test])
m = json.load(open(sys.argv[3]))
print(f"scored test split: ROC-AUC {auc:.12f}, metrics.json {m['roc_auc']:.12f}, n_test {test.sum()}")
if test.sum() != m["n_test"] or abs(auc - m["roc_auc"]) > 1e-12 or not 0.6 < auc < 1:
    sys.exit(1)
PY
  fail "score: $(cat "$work/auc.log")"
cat "$work/auc.log"

finish
