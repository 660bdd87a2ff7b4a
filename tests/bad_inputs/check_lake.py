#!/usr/bin/env python3
"""Checks a lake written from a bad-input case (cases.py) against the contract.

    check_lake.py RAW LAKE EXPECT_JSON [BASELINE_LAKE]

Always (for each layer present):
- bronze: every data line of every input file is exactly one of a bronze row,
  a bronze reject or a blank line (by _file/_line); a reject's `raw` is the
  line verbatim; per file data_lines = rows + rejects + blank_lines (2.2) and
  the stats agree with the tables;
- silver: per entity rows_in = bronze rows = rejects + duplicates + rows_out
  (2.3), the rejects tables and kept tables agree with the stats;
- gold: /features has one row per fact row with an impression, and
  /funnel_summary counts the fact table.
Then the case's exact expectations (see cases.py), and for the entities in
its "bronze_equals_csv" every bronze value equal to the CSV field it came
from. Strings are read whole (long values merged from the overflow group,
CONTRACT 5) by examples/lake.py. Exit 1 on any failure.
"""
import csv
import json
import os
import re
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "examples"))
from lake import whole_values  # noqa: E402

SILVER_TABLE_OF = {"requests": "fact_ad_funnel", "user_profiles": "users",
                   "campaigns": "campaigns", "app_metadata": "apps"}
failures = []


def fail(message):
    failures.append(message)
    print("FAIL:", message)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


def matches(expected, actual):
    if isinstance(expected, str) and expected.startswith(">="):
        return actual >= int(expected[2:])
    return expected == actual


def stats_of(node):
    return json.loads(node.attrs["stats"]) if "stats" in node.attrs else {}


def raw_lines(path):
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return [l[:-1] if l.endswith(b"\r") else l for l in lines]


def is_blank(line):
    return all(c in b" \t\r" for c in line)


def check_bronze(raw, lake, expect):
    path = os.path.join(lake, "bronze.h5")
    if not os.path.exists(path):
        return fail("bronze.h5 is missing")
    with h5py.File(path, "r") as f:
        files = [p.decode() for p in whole_values(f["_files"], "path", f["_files/path"][()])]
        lines_of = [raw_lines(os.path.join(raw, p)) for p in files]
        seen = [np.zeros(len(lines), dtype=np.int64) for lines in lines_of]
        for entity in ["requests", "impressions", "clicks", "user_profiles", "campaigns",
                       "app_metadata"]:
            table, rejects = f[entity], f["_rejects/" + entity]
            stats = stats_of(table)
            rows = int(table.attrs["rows"])
            n_rejects = int(rejects.attrs["rows"])
            check(rows == stats.get("rows_out"), f"bronze {entity}: rows attribute {rows} != "
                  f"stats rows_out {stats.get('rows_out')}")
            totals = {"rows": 0, "blank_lines": 0, "rejects": {}}
            for fs in stats["files"]:
                k = files.index(fs["path"])
                n_rej = sum(fs["rejects"].values())
                check(fs["data_lines"] == fs["rows"] + n_rej + fs["blank_lines"],
                      f"bronze {fs['path']}: data_lines {fs['data_lines']} != rows {fs['rows']} "
                      f"+ rejects {n_rej} + blank {fs['blank_lines']}")
                check(fs["data_lines"] == len(lines_of[k]) - 1,
                      f"bronze {fs['path']}: data_lines {fs['data_lines']} but the file has "
                      f"{len(lines_of[k]) - 1} lines after its header")
                blanks = [n for n, l in enumerate(lines_of[k]) if n > 0 and is_blank(l)]
                check(len(blanks) == fs["blank_lines"],
                      f"bronze {fs['path']}: {fs['blank_lines']} blank lines counted, "
                      f"{len(blanks)} in the file")
                seen[k][blanks] += 1
                totals["rows"] += fs["rows"]
                totals["blank_lines"] += fs["blank_lines"]
                for r, n in fs["rejects"].items():
                    totals["rejects"][r] = totals["rejects"].get(r, 0) + n
            check(totals["rows"] == rows, f"bronze {entity}: files' rows {totals['rows']} != {rows}")
            check(sum(totals["rejects"].values()) == n_rejects,
                  f"bronze {entity}: files' rejects != rejects table rows {n_rejects}")
            for file_col, line_col in ((table["_file"][()], table["_line"][()]),
                                       (rejects["file"][()], rejects["line"][()])):
                for k in np.unique(file_col):
                    np.add.at(seen[k], line_col[file_col == k] - 1, 1)
            if n_rejects:
                raws = whole_values(rejects, "raw", rejects["raw"][()])
                rf, rl = rejects["file"][()], rejects["line"][()]
                reasons = h5py.check_enum_dtype(rejects["reason"].dtype)
                names = {v: k for k, v in reasons.items()}
                codes = rejects["reason"][()]
                for r in totals["rejects"]:
                    n = int(np.sum(codes == reasons[r])) if r in reasons else 0
                    check(n == totals["rejects"][r], f"bronze {entity}: {n} rejects '{r}' in the "
                          f"table, {totals['rejects'][r]} in the stats")
                # HDF5's NULLPAD strings lose trailing NULs in the column
                # (not in the overflow group, whose values are whole).
                bad = [i for i in range(n_rejects)
                       if bytes(raws[i]).rstrip(b"\0") != lines_of[rf[i]][rl[i] - 1].rstrip(b"\0")]
                check(not bad, f"bronze {entity}: reject raw differs from the line "
                      f"(first: {files[rf[bad[0]]]}:{rl[bad[0]]})" if bad else "")
                del names
            for key, want in expect.get(entity, {}).items():
                got = totals[key] if key != "rejects" else None
                if key == "rejects":
                    for r, n in want.items():
                        check(matches(n, totals["rejects"].get(r, 0)),
                              f"bronze {entity}: rejects {r} = {totals['rejects'].get(r, 0)}, "
                              f"expected {n}")
                else:
                    check(matches(want, got), f"bronze {entity}: {key} = {got}, expected {want}")
        for k, counts in enumerate(seen):
            wrong = np.nonzero(counts[1:] != 1)[0]
            check(len(wrong) == 0, f"bronze {files[k]}: line {wrong[0] + 2 if len(wrong) else 0}"
                  f" is accounted for {counts[wrong[0] + 1] if len(wrong) else 0} times, not once")
        return {e: int(f[e].attrs["rows"]) for e in SILVER_TABLE_OF.keys() |
                {"impressions", "clicks"}}


def silver_stats(f):
    """The per-entity silver stats, wherever silver put them."""
    found = {}
    def visit(name, node):
        if not isinstance(node, h5py.Group) or "stats" not in node.attrs:
            return
        stats = stats_of(node)
        if "rows_in" in stats:
            base = name.split("/")[-1]
            for entity, table in SILVER_TABLE_OF.items():
                if base in (entity, table) and not name.startswith("_rejects"):
                    found.setdefault(entity, stats)
        for key, value in stats.items():
            if isinstance(value, dict) and "rows_in" in value:
                found.setdefault(key, value)
    f.visititems(visit)
    return found


def check_silver(lake, expect, bronze_rows):
    path = os.path.join(lake, "silver.h5")
    if not os.path.exists(path):
        return fail("silver.h5 is missing")
    with h5py.File(path, "r") as f:
        stats = silver_stats(f)
        fact = f["fact_ad_funnel"]
        kept = {"requests": int(fact.attrs["rows"]),
                "impressions": int(np.sum(fact["has_impression"][()])),
                "clicks": int(np.sum(fact["is_click"][()]))}
        for entity in ("user_profiles", "campaigns", "app_metadata"):
            kept[entity] = int(f[SILVER_TABLE_OF[entity]].attrs["rows"])
        for entity, rows_in in bronze_rows.items():
            s = stats.get(entity)
            if not check(s is not None, f"silver: no stats for {entity}"):
                continue
            n_rej = sum(s["rejects"].values())
            check(s["rows_in"] == rows_in, f"silver {entity}: rows_in {s['rows_in']} != bronze "
                  f"rows {rows_in}")
            check(s["rows_in"] == n_rej + s["duplicates"] + s["rows_out"],
                  f"silver {entity}: rows_in {s['rows_in']} != rejects {n_rej} + duplicates "
                  f"{s['duplicates']} + rows_out {s['rows_out']}")
            check(s["rows_out"] == kept[entity], f"silver {entity}: rows_out {s['rows_out']} "
                  f"but the tables keep {kept[entity]}")
            if "_rejects/" + entity in f:
                n = int(f["_rejects/" + entity].attrs["rows"])
                check(n == n_rej, f"silver {entity}: rejects table has {n} rows, stats {n_rej}")
            else:
                check(n_rej == 0, f"silver {entity}: {n_rej} rejects but no rejects table")
            for key, want in expect.get(entity, {}).items():
                if key == "rejects":
                    for r, n in want.items():
                        check(matches(n, s["rejects"].get(r, 0)), f"silver {entity}: rejects {r} "
                              f"= {s['rejects'].get(r, 0)}, expected {n}")
                else:
                    check(matches(want, s.get(key)),
                          f"silver {entity}: {key} = {s.get(key)}, expected {want}")
        return kept


def check_bronze_equals_csv(raw, lake, entities):
    """Every value of bronze's tables of `entities` is the CSV field it came
    from (columns matched by trimmed, case-folded header names)."""
    with h5py.File(os.path.join(lake, "bronze.h5"), "r") as f:
        files = [p.decode() for p in whole_values(f["_files"], "path", f["_files/path"][()])]
        for entity in entities:
            g = f[entity]
            columns = [c for c in json.loads(g.attrs["columns"]) if not c.startswith("_")]
            values = {c: whole_values(g, c, g[c][()]) for c in columns}
            file_of, line_of = g["_file"][()], g["_line"][()]
            parsed = {}
            wrong = 0
            for i in range(int(g.attrs["rows"])):
                k = int(file_of[i])
                if k not in parsed:
                    lines = raw_lines(os.path.join(raw, files[k]))
                    header = next(csv.reader([lines[0].decode("utf-8-sig")]))
                    parsed[k] = ({h.strip().lower(): j for j, h in enumerate(header)}, lines)
                index, lines = parsed[k]
                fields = next(csv.reader([lines[line_of[i] - 1].decode()]))
                for c in columns:
                    if values[c][i].decode() != fields[index[c]]:
                        wrong += 1
                        if wrong <= 3:
                            fail(f"bronze /{entity} row {i} {c}: {values[c][i][:60]!r}... is not "
                                 f"the CSV's {fields[index[c]][:60]!r}... ({files[k]}:{line_of[i]})")
            check(wrong == 0, f"bronze /{entity}: {wrong} values differ from the CSV")
            print(f"bronze /{entity}: {len(file_of)} rows x {len(columns)} columns equal the CSV")


def check_values(lake, values):
    with h5py.File(os.path.join(lake, "silver.h5"), "r") as f:
        for table, key_column, key, column, want in values:
            keys = f[table][key_column][()]
            at = np.nonzero(keys == key.encode())[0]
            if not check(len(at) == 1, f"silver /{table}: {len(at)} rows with {key_column} "
                         f"{key!r}, expected 1"):
                continue
            got = f[table][column][at[0]]
            got = got.decode() if isinstance(got, bytes) else got.item()
            check(got == want, f"silver /{table} {key_column}={key!r}: {column} = {got!r}, "
                  f"expected {want!r}")


def check_gold(lake, kept):
    path = os.path.join(lake, "gold.h5")
    if not os.path.exists(path):
        return fail("gold.h5 is missing")
    with h5py.File(path, "r") as f:
        n = int(f["features"].attrs["rows"])
        check(n == kept["impressions"], f"gold /features has {n} rows, silver "
              f"{kept['impressions']} impressions")
        if "funnel_summary" in f:
            s = f["funnel_summary"]
            for col, want in (("requests", kept["requests"]), ("impressions", kept["impressions"]),
                              ("clicks", kept["clicks"])):
                got = int(s[col][0]) if s.attrs["rows"] else 0
                check(got == want, f"gold /funnel_summary {col} = {got}, silver has {want}")


def datasets(path):
    out = {}
    with h5py.File(path, "r") as f:
        f.visititems(lambda name, node: out.__setitem__(name, node[()])
                     if isinstance(node, h5py.Dataset) else None)
    return out


def check_same(lake, baseline, layer):
    # /_files is the lineage of the input files (names and sizes): it differs
    # by design when the files do.
    mine, theirs = [{k: v for k, v in datasets(os.path.join(d, layer)).items()
                     if not k.startswith("_files/")} for d in (lake, baseline)]
    check(sorted(mine) == sorted(theirs), f"{layer}: datasets differ from the baseline's: "
          f"{sorted(set(mine) ^ set(theirs))}")
    for name in sorted(set(mine) & set(theirs)):
        check(mine[name].dtype == theirs[name].dtype and np.array_equal(mine[name], theirs[name]),
              f"{layer}: /{name} differs from the baseline's")


def main():
    raw, lake, expect = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
    baseline = sys.argv[4] if len(sys.argv) > 4 else None
    layers = set(os.listdir(lake))
    bronze_rows = check_bronze(raw, lake, expect.get("bronze", {}))
    if bronze_rows:
        check_bronze_equals_csv(raw, lake, expect.get("bronze_equals_csv", []))
    if "silver.h5" in layers and bronze_rows:
        kept = check_silver(lake, expect.get("silver", {}), bronze_rows)
        check_values(lake, expect.get("values", []))
        if "gold.h5" in layers and kept:
            check_gold(lake, kept)
    for layer in expect.get("same_as_baseline", []):
        if layer in layers and baseline:
            check_same(lake, baseline, layer)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
