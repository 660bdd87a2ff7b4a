#!/usr/bin/env bash
# data/: the committed sample is byte for byte what `adlake generate` writes
# with the command data/README.md gives (run at 2 ranks); the README's first
# look runs on it as written, in a folder where lake/ is a symbolic link to the
# real lake folder (a symlinked lake folder is accepted, docs/decisions.md),
# and writes every layer, the metrics and the report into that folder; and
# data/schema/*.md is what data/schema/make_schema.py writes from that lake.
set -uo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"
need_jobs generate run report catalog

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The documented command, with data/raw replaced by a fresh folder.
command=$(grep -m1 '^adlake generate --out data/raw ' "$src/data/README.md")
[[ -n $command ]] || { echo "FAIL: no generate command in data/README.md"; exit 1; }
read -r -a args <<<"${command#adlake }"
args=("${args[@]/#data\/raw/$work/generated}")
if ! "$mpiexec" -n 2 "$adlake" --log-level warn "${args[@]}" >"$work/generate.log" 2>&1; then
  cat "$work/generate.log"
  fail "$command failed"
elif ! diff -r "$src/data/raw" "$work/generated" >"$work/diff.txt"; then
  head -5 "$work/diff.txt"
  fail "data/raw is not what '$command' writes: regenerate it (data/README.md)"
else
  echo "ok: data/raw equals: $command"
fi

# The README's first look, line by line, from a folder that has data/ and a
# symlinked lake/.
block=$(awk '/tests\/scripts\/data_sample.sh runs this block/ {on = 1; next}
             on && /^```sh/ {inside = 1; next} inside && /^```/ {exit} inside {print}' "$src/README.md")
[[ $block == *"adlake run --input data/raw"* ]] || { echo "FAIL: no first-look block in README.md"; exit 1; }
mkdir -p "$work/look/real-lake"
ln -s "$src/data" "$work/look/data"
ln -s real-lake "$work/look/lake"
(
  cd "$work/look" || exit 1
  adlake() { "$ADLAKE_BIN" --log-level warn "$@"; }
  export -f adlake
  ADLAKE_BIN=$adlake bash -euo pipefail -c "$block" >"$work/look.log" 2>&1
) || { tail -20 "$work/look.log"; fail "the README's first look failed"; }
for f in bronze.h5 silver.h5 gold.h5 model.h5 metrics.json report.html; do
  [[ -f $work/look/real-lake/$f && ! -L $work/look/real-lake/$f ]] ||
    fail "first look: $f is not in the folder lake/ links to"
done
[[ -L $work/look/lake ]] || fail "first look: lake/ is no longer a symbolic link"
grep -q "silver.h5:/fact_ad_funnel\|/fact_ad_funnel" "$work/look.log" || fail "catalog printed no fact table"

# The schema files: what make_schema.py writes from that lake.
if [[ -x $python ]] && "$python" -c "import h5py" 2>/dev/null; then
  if ! "$python" "$src/data/schema/make_schema.py" "$work/look/real-lake" "$work/schema" \
    >"$work/schema.log" 2>&1; then
    cat "$work/schema.log"
    fail "make_schema.py failed"
  else
    before=$failures
    for f in "$work"/schema/*.md; do
      diff -u "$src/data/schema/$(basename "$f")" "$f" >"$work/schema.diff" ||
        { head -20 "$work/schema.diff"; fail "data/schema/$(basename "$f") differs from the code's layers: regenerate it (data/README.md)"; }
    done
    [[ $failures != "$before" ]] || echo "ok: data/schema/*.md equal the layers' schema"
  fi
else
  echo "no h5py: data/schema not checked"
fi
finish
