#!/usr/bin/env python3
"""Compares two bronze.h5 files: every dataset (dtype and values) and every
attribute, except the ones that name the run (CONTRACT 5: created_at, run).
Also checks conservation per file (CONTRACT 2.2) in the first file.
usage: bronze_compare_lakes.py A.h5 B.h5    exit 0 when identical"""
import json
import sys

import h5py

from compare_layers import items


def conservation(path):
    problems = []
    with h5py.File(path, "r") as f:
        for entity in ("requests", "impressions", "clicks", "user_profiles", "campaigns",
                       "app_metadata"):
            stats = json.loads(f[entity].attrs["stats"])
            rows = rejects = 0
            for file in stats["files"]:
                n_rejects = sum(file["rejects"].values())
                if file["data_lines"] != file["rows"] + n_rejects + file["blank_lines"]:
                    problems.append(f"{entity} {file['path']}: lines do not add up: {file}")
                rows += file["rows"]
                rejects += n_rejects
            if f[entity].attrs["rows"] != rows or stats["rows_out"] != rows:
                problems.append(f"{entity}: {f[entity].attrs['rows']} rows, stats say {rows}")
            if f["_rejects/" + entity].attrs["rows"] != rejects:
                problems.append(f"_rejects/{entity}: rows differ from the stats ({rejects})")
    return problems


def main():
    a, b = items(sys.argv[1]), items(sys.argv[2])
    problems = conservation(sys.argv[1])
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            problems.append(f"{name}: only in {'first' if name in a else 'second'} file")
        elif a[name] != b[name]:
            problems.append(f"{name}: differs")
    for p in problems:
        print("FAIL", p)
    print(f"compared {len(a)} objects: {'identical' if not problems else 'DIFFERENT'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
