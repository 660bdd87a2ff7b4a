#!/usr/bin/env python3
"""Compares the layers of two lakes made from the same input and options:
every dataset (dtype, shape, values) and every attribute of every object, but
the attributes that name the run (CONTRACT 5: created_at, run; in JSON
attributes and metrics.json, the keys `run` and `train_seconds`: hosts, ranks,
job ids and timings), which differ between runs by design.
usage: compare_layers.py LAKE_A LAKE_B [FILE ...]   (default: every layer and
metrics.json present in LAKE_A); exit 0 when identical"""
import json
import os
import sys

import h5py
import numpy as np

RUN_ATTRIBUTES = {"created_at", "run"}
RUN_KEYS = {"run", "train_seconds"}
LAKE_FILES = ("bronze.h5", "silver.h5", "gold.h5", "model.h5", "metrics.json")


def without_run_keys(value):
    """A JSON text attribute with the keys that name the run left out."""
    if isinstance(value, bytes):
        value = value.decode()
    if isinstance(value, str) and value.startswith("{"):
        try:
            parsed = json.loads(value)
        except ValueError:
            return value
        return json.dumps({k: v for k, v in parsed.items() if k not in RUN_KEYS}, sort_keys=True)
    return value.tobytes() if isinstance(value, np.ndarray) else value


def items(path):
    """Every object of an HDF5 file by name: its kind, dtype, shape, bytes and
    the attributes that do not name the run."""
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            attrs = {k: without_run_keys(v) for k, v in obj.attrs.items()
                     if k not in RUN_ATTRIBUTES}
            if isinstance(obj, h5py.Dataset):
                out[name] = ("dataset", str(obj.dtype), obj.shape, obj[()].tobytes(), attrs)
            else:
                out[name] = ("group", attrs)
        visit("/", f)
        f.visititems(visit)
    return out


def compare_h5(a, b, label):
    x, y = items(a), items(b)
    problems = []
    for name in sorted(set(x) | set(y)):
        if name not in x or name not in y:
            problems.append(f"{label} {name}: only in {'first' if name in x else 'second'} lake")
        elif x[name] != y[name]:
            what = "values" if x[name][:3] == y[name][:3] and x[name][-1] == y[name][-1] else \
                "attributes or type"
            problems.append(f"{label} {name}: {what} differ")
    return problems, sum(1 for v in x.values() if v[0] == "dataset")


def compare_json(a, b, label):
    x, y = (json.load(open(p)) for p in (a, b))
    for m in (x, y):
        for key in RUN_KEYS:
            m.pop(key, None)
    return [f"{label}: {k} differs" for k in sorted(set(x) | set(y)) if x.get(k) != y.get(k)]


def main():
    lake_a, lake_b = sys.argv[1], sys.argv[2]
    files = sys.argv[3:] or [f for f in LAKE_FILES if os.path.exists(os.path.join(lake_a, f))]
    problems = []
    for name in files:
        a, b = os.path.join(lake_a, name), os.path.join(lake_b, name)
        if not os.path.exists(b):
            problems.append(f"{name}: missing from {lake_b}")
            continue
        if name.endswith(".json"):
            problems += compare_json(a, b, name)
            print(f"{name}: compared")
        else:
            found, datasets = compare_h5(a, b, name)
            problems += found
            print(f"{name}: {datasets} datasets compared")
    for p in problems:
        print("FAIL", p)
    print("identical" if not problems else "DIFFERENT")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
