#!/usr/bin/env bash
# adlake gold at 1, 2 and 3 ranks writes the same gold.h5 (every dataset, and
# every table attribute but created_at, compared with h5py), and the README's
# pandas example runs on it as written. The silver.h5 comes from the MPI test
# binary's fixture (CONTRACT 2.4 layout); when bronze and silver exist, the
# example also runs on a lake made by bronze, silver and gold from data/raw.
set -uo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"

need_jobs gold
need_python h5py pandas

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/lake1"
if ! ADLAKE_GOLD_LAKE="$work/lake1" ADLAKE_GOLD_ROWS=4000 "$mpiexec" -n 2 \
  "$build/tests/adlake_mpi_tests" -tc="write the silver fixture for the gold scripts" \
  >"$work/fixture.log" 2>&1; then
  cat "$work/fixture.log"
  echo "FAIL: could not write the silver fixture"
  exit 1
fi
for n in 1 2 3; do
  mkdir -p "$work/lake$n"
  [[ $n == 1 ]] || cp "$work/lake1/silver.h5" "$work/lake$n/"
  if ! "$mpiexec" -n $n "$adlake" gold --lake "$work/lake$n" >"$work/gold$n.log" 2>&1; then
    cat "$work/gold$n.log"
    fail "gold at $n ranks exited non-zero"
  fi
done
grep -q "gold funnel: 4000 requests" "$work/gold2.log" || fail "no funnel line in the job's log"
grep -q "gold affinity lift" "$work/gold2.log" || fail "no affinity lift line in the job's log"

"$python" - "$work" <<'PY' || fail "gold.h5 differs between 1, 2 and 3 ranks"
import sys, h5py, numpy as np
work = sys.argv[1]
def tables(path):
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Group) and "rows" in obj.attrs:
                attrs = {k: obj.attrs[k] for k in obj.attrs if k != "created_at"}
                data = {k: (obj[k].dtype, obj[k][()]) for k in obj}
                out[name] = (attrs, data)
        f.visititems(visit)
    return out
ref = tables(f"{work}/lake1/gold.h5")
assert len(ref) == 7, sorted(ref)
for name in ["revenue_by_state", "campaign_type_performance", "affinity_performance",
             "advertiser_performance", "hourly_performance", "funnel_summary"]:
    assert ref[name][0]["description"].startswith("SELECT "), name
for n in (2, 3):
    other = tables(f"{work}/lake{n}/gold.h5")
    assert sorted(other) == sorted(ref), (n, sorted(other))
    for name, (attrs, data) in ref.items():
        o_attrs, o_data = other[name]
        for k, v in attrs.items():
            assert str(o_attrs[k]) == str(v), (n, name, k)
        assert sorted(o_data) == sorted(data), (n, name)
        for col, (dtype, values) in data.items():
            assert o_data[col][0] == dtype, (n, name, col)
            assert np.array_equal(o_data[col][1], values), (n, name, col)
print("gold.h5 identical at 1, 2 and 3 ranks")
PY

# The README's example, as written, on a lake.
awk '/gold_pandas.sh runs this block/ {armed=1} armed && /^```python/ {on=1; next}
     on && /^```/ {exit} on {print}' "$src/README.md" >"$work/example.py"
grep -q 'lake = "out/lake"' "$work/example.py" || fail "README: no pandas example found"
run_example() {  # lake
  sed "s|lake = \"out/lake\"|lake = \"$1\"|" "$work/example.py" >"$work/run.py"
  if ! "$python" "$work/run.py" >"$work/example.out" 2>&1; then
    cat "$work/example.out"
    fail "the README example failed on $1"
    return
  fi
  grep -q "SELECT user_state" "$work/example.out" || fail "README example: no definition printed"
  grep -qE "^ *requests +[0-9]+" "$work/example.out" || fail "README example: no funnel printed"
}
run_example "$work/lake2"

"$python" - "$work/example.py" "$work/lake2/gold.h5" <<'PY' || fail "README reader decodes wrongly"
import sys
src = open(sys.argv[1]).read()
exec(src[:src.index('lake = "out/lake"')])  # the read_table function only
states, _ = read_table(sys.argv[2], "/revenue_by_state")
labels = list(states["user_state"].astype(str))
assert labels == sorted(labels, key=lambda s: s.encode()), labels
assert "UNK" in labels and "VT" in labels, labels
features, _ = read_table(sys.argv[2], "/features")
assert set(features["split"].astype(str)) == {"train", "test"}
assert all(len(x) == 32 for x in features["id_md5"])
ads, _ = read_table(sys.argv[2], "/advertiser_performance")
assert "\u00dcnic\u00f6de Ads" in set(ads["advertiser"]), list(ads["advertiser"])
print("README reader: enums, strings and order as expected")
PY

# A lake made by the pipeline's own jobs from the committed sample data/raw.
if has_job bronze && has_job silver; then
  raw="$src/data/raw" lake="$work/pipeline/lake"
  for step in "bronze --input $raw --lake $lake" "silver --lake $lake" "gold --lake $lake"; do
    # shellcheck disable=SC2086
    if ! "$mpiexec" -n 2 "$adlake" $step >"$work/step.log" 2>&1; then
      cat "$work/step.log"
      fail "pipeline step failed: $step"
      break
    fi
  done
  [[ -f $lake/gold.h5 ]] && run_example "$lake"
else
  echo "gold_pandas: no bronze/silver jobs yet: README example run on the fixture only"
fi

finish
