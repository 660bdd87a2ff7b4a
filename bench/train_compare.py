#!/usr/bin/python3
"""Trains scikit-learn's RandomForestClassifier and XGBoost's XGBRFClassifier
on the same gold /features as `adlake train` (train split; test split for the
AUC) and prints their training seconds (wall, and CPU of all threads) and test
ROC-AUC as JSON lines.

    bench/train_compare.py GOLD_H5 --n-estimators 100 --min-samples-leaf N
                           --max-depth D --seed S [--jobs 2]

Categorical columns are given to both as their integer codes, which is what
those libraries' random forests can take (neither splits categories natively).
"""
import argparse
import json
import time

import h5py
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

SKIP = {"id_md5", "split", "is_click"}


def load(path):
    with h5py.File(path, "r") as f:
        g = f["features"]
        names = [n for n in json.loads(g.attrs["columns"]) if n not in SKIP]
        split = g["split"][()]
        test_code = h5py.check_enum_dtype(g["split"].dtype)["test"]
        y = g["is_click"][()].astype(np.int8)
        x = np.column_stack([g[n][()].astype(np.float64) for n in names])
    test = split == test_code
    return names, x[~test], y[~test], x[test], y[test]


def main():
    a = argparse.ArgumentParser()
    a.add_argument("gold")
    a.add_argument("--n-estimators", type=int, default=100)
    a.add_argument("--min-samples-leaf", type=int, default=1)
    a.add_argument("--max-depth", type=int, default=0)
    a.add_argument("--max-features", default="2")
    a.add_argument("--xgb-depth", type=int, default=14, help="XGBoost's max_depth when --max-depth is 0")
    a.add_argument("--seed", type=int, default=42)
    a.add_argument("--jobs", type=int, default=2)
    a.add_argument("--only", default="sklearn,xgboost")
    o = a.parse_args()
    names, xtr, ytr, xte, yte = load(o.gold)
    depth = o.max_depth if o.max_depth > 0 else None
    mf = int(o.max_features) if o.max_features.isdigit() else (
        float(o.max_features) if "." in o.max_features else o.max_features)
    n_node = mf if isinstance(mf, int) else (
        max(1, int(np.sqrt(len(names)))) if mf == "sqrt" else max(1, int(mf * len(names))))
    runs = o.only.split(",")
    if "sklearn" in runs:
        m = RandomForestClassifier(n_estimators=o.n_estimators, max_depth=depth,
                                   min_samples_leaf=o.min_samples_leaf, max_features=mf,
                                   class_weight="balanced", bootstrap=True,
                                   n_jobs=o.jobs, random_state=o.seed)
        t, cpu = time.perf_counter(), time.process_time()
        m.fit(xtr, ytr)
        secs, cpu = time.perf_counter() - t, time.process_time() - cpu
        auc = roc_auc_score(yte, m.predict_proba(xte)[:, 1])
        print(json.dumps({"model": "sklearn RandomForestClassifier", "train_seconds": secs,
                          "cpu_seconds": cpu,
                          "roc_auc": auc, "n_train": len(ytr)}))
    if "xgboost" in runs:
        import xgboost
        pos = ytr.mean()
        m = xgboost.XGBRFClassifier(n_estimators=o.n_estimators, tree_method="hist",
                                    # XGBoost's depthwise hist growth needs a depth;
                                    # adlake's trees on this data are 12 to 20 deep.
                                    max_depth=o.max_depth if o.max_depth > 0 else o.xgb_depth,
                                    # A random forest in XGBoost is one boosting round:
                                    # every row's hessian is 0.25 at the base score.
                                    min_child_weight=0.25 * o.min_samples_leaf,
                                    colsample_bynode=n_node / len(names),
                                    subsample=0.632, scale_pos_weight=(1 - pos) / pos,
                                    n_jobs=o.jobs, random_state=o.seed)
        t, cpu = time.perf_counter(), time.process_time()
        m.fit(xtr, ytr)
        secs, cpu = time.perf_counter() - t, time.process_time() - cpu
        auc = roc_auc_score(yte, m.predict_proba(xte)[:, 1])
        print(json.dumps({"model": "xgboost XGBRFClassifier (hist)", "train_seconds": secs,
                          "cpu_seconds": cpu,
                          "roc_auc": auc, "n_train": len(ytr)}))


if __name__ == "__main__":
    main()
