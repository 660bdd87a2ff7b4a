#!/usr/bin/python3
"""Trains scikit-learn's RandomForestClassifier, XGBoost's XGBRFClassifier and
scikit-learn's HistGradientBoostingClassifier on the same gold /features as
`adlake train` (the columns of /features' attribute feature_columns, history
included; train split; test split for the AUC) and prints their training
seconds (wall, and CPU of all threads) and test ROC-AUC as JSON lines.

    bench/train_compare.py GOLD_H5 --n-estimators 100 --min-samples-leaf N
                           --max-depth D --seed S [--jobs 2]

Categorical columns are given to the two forests as their integer codes, which
is what those libraries' random forests can take (neither splits categories
natively); HistGradientBoostingClassifier gets them as categories (its native
support), the enums and the integer columns adlake treats as categories.
"""
import argparse
import json
import time

import h5py
import numpy as np
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score

# adlake train's default_categorical_integers (src/model/features.cpp).
CATEGORICAL_INTEGERS = {"hour_of_day", "day_of_week", "is_affinity_match", "is_contextual_match"}


def load(path):
    with h5py.File(path, "r") as f:
        g = f["features"]
        names = json.loads(g.attrs["feature_columns"])
        split = g["split"][()]
        test_code = h5py.check_enum_dtype(g["split"].dtype)["test"]
        y = g["is_click"][()].astype(np.int8)
        x = np.column_stack([g[n][()].astype(np.float64) for n in names])
        categorical = [h5py.check_enum_dtype(g[n].dtype) is not None or n in CATEGORICAL_INTEGERS
                       for n in names]
    test = split == test_code
    return names, categorical, x[~test], y[~test], x[test], y[test]


def main():
    a = argparse.ArgumentParser()
    a.add_argument("gold")
    a.add_argument("--n-estimators", type=int, default=100)
    a.add_argument("--min-samples-leaf", type=int, default=1)
    a.add_argument("--max-depth", type=int, default=0)
    a.add_argument("--max-features", default="2")
    a.add_argument("--max-samples", type=float, default=1.0)
    a.add_argument("--xgb-depth", type=int, default=14, help="XGBoost's max_depth when --max-depth is 0")
    a.add_argument("--seed", type=int, default=42)
    a.add_argument("--jobs", type=int, default=2)
    a.add_argument("--only", default="sklearn,xgboost,hgb")
    o = a.parse_args()
    names, categorical, xtr, ytr, xte, yte = load(o.gold)
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
                                   max_samples=o.max_samples if o.max_samples < 1 else None,
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
                                    # The distinct rows of a bootstrap of max_samples x n draws.
                                    subsample=1 - np.exp(-o.max_samples),
                                    scale_pos_weight=(1 - pos) / pos,
                                    n_jobs=o.jobs, random_state=o.seed)
        t, cpu = time.perf_counter(), time.process_time()
        m.fit(xtr, ytr)
        secs, cpu = time.perf_counter() - t, time.process_time() - cpu
        auc = roc_auc_score(yte, m.predict_proba(xte)[:, 1])
        print(json.dumps({"model": "xgboost XGBRFClassifier (hist)", "train_seconds": secs,
                          "cpu_seconds": cpu,
                          "roc_auc": auc, "n_train": len(ytr)}))

    if "hgb" in runs:
        from sklearn.ensemble import HistGradientBoostingClassifier
        # Its defaults (learning rate 0.1, 31 leaves, early stopping on a tenth
        # of the training rows), with room for more rounds than 100.
        m = HistGradientBoostingClassifier(categorical_features=np.array(categorical),
                                           max_iter=500, random_state=o.seed)
        t, cpu = time.perf_counter(), time.process_time()
        m.fit(xtr, ytr)
        secs, cpu = time.perf_counter() - t, time.process_time() - cpu
        auc = roc_auc_score(yte, m.predict_proba(xte)[:, 1])
        print(json.dumps({"model": "sklearn HistGradientBoostingClassifier", "train_seconds": secs,
                          "cpu_seconds": cpu, "roc_auc": auc, "n_train": len(ytr),
                          "iterations": int(m.n_iter_)}))


if __name__ == "__main__":
    main()
