#!/usr/bin/env bash
# `adlake run`: a first run builds every stage; a second run in a row
# skips every stage and leaves every file as it was; a changed option rebuilds
# only the stages it concerns; --force --from rebuilds from there; `adlake
# catalog` on the output shows every layer and the whole lineage from the raw
# files to the model (text, --json, --dot).
#   env: ADLAKE, ADLAKE_SRC, MPIEXEC, KEEP=1 keeps the work folder.
set -euo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
work=$(mktemp -d)
[[ ${KEEP:-0} == 1 ]] && echo "work folder: $work" || trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*"; exit 1; }

raw=$work/raw lake=$work/lake
"$adlake" --log-level warn generate --out "$raw" --requests 4000 --seed 11
trees=10
run() {  # log-name args...
  local log=$work/$1.log
  shift
  "$mpiexec" -n 2 "$adlake" run --input "$raw" --lake "$lake" --n-estimators "$trees" \
    --permutation-rows 0 "$@" >"$log" 2>&1 || { tail -n 30 "$log"; fail "adlake run $* failed"; }
}
built() { grep -oE "\] [a-z]+: building" "$work/$1.log" | awk '{print $2}' | tr -d : | xargs; }
skipped() { grep -oE "\] [a-z]+: up to date, skipped" "$work/$1.log" | awk '{print $2}' | tr -d : | xargs; }
checksums() { (cd "$lake" && md5sum bronze.h5 silver.h5 gold.h5 model.h5 metrics.json report.html); }

run first
[[ $(built first) == "bronze silver gold train report" ]] || fail "first run built '$(built first)'"
grep -q "run summary:" "$work/first.log" || fail "no summary table"
before=$(checksums)

run second
[[ $(skipped second) == "bronze silver gold train report" ]] || fail "second run skipped '$(skipped second)'"
[[ -z $(built second) ]] || fail "second run rebuilt '$(built second)'"
[[ $(checksums) == "$before" ]] || fail "the second run changed files"
grep -qE "^train +skipped: up to date" "$work/second.log" || fail "the summary does not list skipped stages"
echo "run twice: the second run skipped every stage, every file unchanged"

trees=12
run option
[[ $(skipped option) == "bronze silver gold" && $(built option) == "train report" ]] ||
  fail "a train option rebuilt '$(built option)'"
grep -q "train: building (.*options changed: forest.n_estimators 10 -> 12" "$work/option.log" ||
  fail "the log does not say which option changed: $(grep 'train: building' "$work/option.log")"

run force --force --from gold
[[ $(built force) == "gold train report" && -z $(skipped force) ]] || fail "--force --from gold built '$(built force)'"
echo "a changed train option rebuilt train and the report only; --force --from gold rebuilt from gold"

"$adlake" catalog --lake "$lake" >"$work/catalog.txt" 2>/dev/null
for needle in "^bronze.h5 .*fingerprint" "^silver.h5 " "^gold.h5 " "^model.h5 " \
  "/fact_ad_funnel  [0-9]+ rows, stage silver" "duplicates [0-9]+" "rejects [0-9]+" \
  "id_md5 S32" "params: " "other files: metrics.json report.html" \
  "^silver.h5 .* [kMG]?B on disk for .* of CSV \([0-9.]+x\), read from bronze.h5" "^lake: .* of CSV"; do
  grep -qE -- "$needle" "$work/catalog.txt" || fail "catalog text lacks /$needle/"
done
"$adlake" catalog --lake "$lake" --json >"$work/catalog.json" 2>/dev/null
"$adlake" catalog --lake "$lake" --dot >"$work/lineage.dot" 2>/dev/null
"$python" - "$work/catalog.json" "$work/lineage.dot" "$raw" "$lake" <<'PY'
import glob, json, os, re, sys
cat = json.load(open(sys.argv[1]))
layers = {l["file"]: l for l in cat["layers"]}
assert list(layers)[:4] == ["bronze.h5", "silver.h5", "gold.h5", "model.h5"], list(layers)
for name, layer in layers.items():
    assert layer["fingerprint"], name
    assert layer["adlake_version"] and layer["created_at"], name
    for t in layer["tables"]:
        assert t["columns"] and all(c["type"] for c in t["columns"]), (name, t["path"])
        assert t["stage"] and t["created_at"] and t["adlake_version"], (name, t["path"])
        assert isinstance(t["rows"], int) and t["rows"] >= 0
silver = {t["path"]: t for t in layers["silver.h5"]["tables"]}
assert silver["/fact_ad_funnel"]["duplicates"] > 0, "the generator duplicates rows"
assert sum(t["rejects"] for t in silver.values()) > 0
# The lineage: a path from the raw requests to the model.
edges = {}
for e in cat["lineage"]["edges"]:
    edges.setdefault(e["from"], set()).add(e["to"])
def reaches(a, goal, seen=()):
    return a == goal or any(reaches(b, goal, seen + (a,)) for b in edges.get(a, ()) if b not in seen)
model = [t["path"] for t in layers["model.h5"]["tables"]]
assert model, "model.h5 has no tables"
for raw in ("raw:requests/*.csv", "raw:impressions/*.csv", "raw:clicks/*.csv"):
    assert any(reaches(raw, "model.h5:" + m) for m in model), raw + " does not reach the model"
assert "silver.h5:/fact_ad_funnel" in edges["bronze.h5:/requests"]
assert "gold.h5:/features" in edges["silver.h5:/fact_ad_funnel"]
dot = open(sys.argv[2]).read()
assert dot.startswith("digraph lineage {") and dot.rstrip().endswith("}")
assert '"silver.h5:/fact_ad_funnel" -> "gold.h5:/features";' in dot
# Bytes: each layer's size on disk beside the CSV it holds (bronze's input),
# in the catalog and in the report, equal to the files' sizes.
raw, lake = sys.argv[3], sys.argv[4]
csv = sum(os.path.getsize(p) for p in glob.glob(raw + "/*/*.csv") if "/_truth/" not in p)
size = {name: os.path.getsize(os.path.join(lake, name)) for name in layers}
report = open(os.path.join(lake, "report.html"), encoding="utf-8").read()
for name, layer in layers.items():
    assert layer["bytes"] == size[name], (name, layer["bytes"], size[name])
    assert layer["csv_bytes"] == csv, (name, layer["csv_bytes"], csv)
    assert re.search("<td[^>]*>%d</td>" % size[name], report), name + ": not in the report"
upstream = {"bronze.h5": None, "silver.h5": "bronze.h5", "gold.h5": "silver.h5", "model.h5": "gold.h5"}
for name, up in upstream.items():
    assert layers[name]["upstream"] == up, (name, layers[name]["upstream"])
    assert layers[name]["upstream_bytes"] == (size[up] if up else None), name
assert cat["bytes"] == {"lake": sum(size.values()), "csv": csv}, cat["bytes"]
for total in (csv, sum(size.values())):
    assert re.search("<td[^>]*>%d</td>" % total, report), "%d not in the report" % total
print("bytes: lake %d for %d of CSV (%.2fx), equal to the files' sizes in catalog and report" %
      (sum(size.values()), csv, sum(size.values()) / csv))
print("catalog: %d layers, %d tables, lineage raw -> model" %
      (len(layers), sum(len(l["tables"]) for l in layers.values())))
PY
