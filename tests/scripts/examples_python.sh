#!/usr/bin/env bash
# examples/lake.py on the lake of the committed sample data/raw (bronze, silver,
# gold at 2 ranks), with Debian's /usr/bin/python3, python3-h5py and
# python3-pandas: every table of every layer opens as a DataFrame of the right
# length with strings and enum labels decoded, and the two figures it
# recomputes from silver's fact table equal gold.h5's /revenue_by_state and
# /hourly_performance. The sample's noise gives bronze values longer than their
# column's width (CONTRACT 5), in tables and rejects tables: every bronze value
# read by lake.py equals the CSV field it came from, and every reject's raw
# line the input line.
set -euo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"
need_python h5py pandas
need_jobs bronze silver gold
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
run() { "$mpiexec" --oversubscribe -n 2 "$adlake" --log-level warn "$@"; }
raw=$src/data/raw
run bronze --input "$raw" --lake "$tmp/lake"
run silver --lake "$tmp/lake"
run gold --lake "$tmp/lake"

"$python" "$src/examples/lake.py" "$tmp/lake" > "$tmp/out.txt"
grep -q "Revenue by state" "$tmp/out.txt"
"$python" "$src/examples/lake.py" "$tmp/lake" --json > "$tmp/figures.json"

"$python" - "$src/examples" "$tmp/lake" "$tmp/figures.json" "$raw" "$src/tests/bad_inputs" <<'PY'
import json, math, sys
from pathlib import Path
import h5py
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[5])
from lake import table, tables
import check_lake

lake, figures = Path(sys.argv[2]), json.load(open(sys.argv[3]))

# Bronze has long values, in a table and in a rejects table; whole, they are the input.
with h5py.File(lake / "bronze.h5", "r") as f:
    long_in = set()
    f.visititems(lambda name, obj: long_in.add(name.split("/_long/")[0])
                 if isinstance(obj, h5py.Dataset) and obj.attrs.get("long_values", 0) else None)
assert any(t.startswith("_rejects/") for t in long_in), long_in
assert any(not t.startswith("_rejects/") for t in long_in), long_in
entities = ["requests", "impressions", "clicks", "user_profiles", "campaigns", "app_metadata"]
check_lake.check_bronze(sys.argv[4], str(lake), {})
check_lake.check_bronze_equals_csv(sys.argv[4], str(lake), entities)
assert not check_lake.failures, check_lake.failures

# Every table of every layer as a DataFrame.
opened = 0
for layer in sorted(lake.glob("*.h5")):
    with h5py.File(layer, "r") as f:
        for name in tables(layer):
            df = table(layer, name)
            assert len(df) == f[name].attrs["rows"], (layer, name)
            for column in df.columns:
                kind = f[name][column].dtype
                if h5py.check_enum_dtype(kind) is not None:
                    assert str(df[column].dtype) == "category", (name, column)
                    assert df[column].isna().sum() == 0, (name, column, "code without a label")
                elif kind.kind == "S":
                    assert all(isinstance(v, str) for v in df[column].head(50)), (name, column)
            opened += 1
assert opened >= 10, opened

def close(a, b):
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)

gold = table(lake / "gold.h5", "/revenue_by_state").set_index("user_state")
mine = figures["revenue_by_state"]
assert set(mine) == {str(s) for s in gold.index}, (sorted(mine), list(gold.index))
for state, row in gold.iterrows():
    m = mine[str(state)]
    for c in ("requests", "impressions", "clicks", "revenue_micros"):
        assert m[c] == row[c], (state, c, m[c], row[c])
    assert close(m["ctr"], row["ctr"]), (state, m["ctr"], row["ctr"])

hourly = table(lake / "gold.h5", "/hourly_performance").set_index("hour_of_day")
mine = figures["ctr_by_hour"]
assert len(mine) == len(hourly) > 0
for hour, row in hourly.iterrows():
    m = mine[str(hour)]
    assert m["impressions"] == row["impressions"] and m["clicks"] == row["clicks"], hour
    assert close(m["ctr"], row["ctr"]), (hour, m["ctr"], row["ctr"])
total = sum(r["revenue_micros"] for r in figures["revenue_by_state"].values())
print(f"{opened} tables opened; revenue by state ({len(gold)} states, ${total / 1e6:,.2f}) and CTR "
      f"by hour ({len(hourly)} hours) equal gold.h5")
PY
