#!/usr/bin/env bash
# adlake silver against an independent reference (tests/scripts/silver_reference.py)
# on a noisy generated input, at 1, 2 and 3 ranks and with each dimension join
# strategy: every silver.h5 equals the reference value for value (fact,
# dimensions, rejects, stats, no full IP address anywhere) and the others
# byte for byte. Also: entities with no rows at 3 ranks, the generator's
# default output when `adlake generate` exists (conservation from the stats),
# and no silver.h5 when bronze.h5 is missing.
set -uo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"
reference="$src/tests/scripts/silver_reference.py"

need_jobs bronze silver
need_python h5py

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bronze() {  # raw lake
  "$mpiexec" -n 2 "$adlake" bronze --input "$1" --lake "$2" >"$work/bronze.log" 2>&1 ||
    fail "bronze failed: $(tail -3 "$work/bronze.log")"
}
# silver ranks lake name [options...]: runs silver, keeps silver.h5 as lake/name.h5
silver() {
  local n=$1 lake=$2 name=$3
  shift 3
  if ! "$mpiexec" -n "$n" "$adlake" silver --lake "$lake" "$@" >"$work/$name.log" 2>&1; then
    fail "silver $name exited non-zero: $(grep -m2 -iE 'error|failed' "$work/$name.log")"
    return 1
  fi
  grep -qE '([0-9]{1,3}\.){3}[0-9]{1,3}([^/0-9]|$)' "$work/$name.log" &&
    fail "silver $name logged a full IP address"
  cp "$lake/silver.h5" "$lake/$name.h5"
}
same() {  # a.h5 b.h5 what
  "$python" "$reference" same "$1" "$2" >"$work/same.log" 2>&1 ||
    fail "$3: $(head -3 "$work/same.log")"
}

# 1. The reference input.
args=(--requests 3000 --seed 7)
"$python" "$reference" generate "$work/raw" "${args[@]}" || fail "reference generator failed"
bronze "$work/raw" "$work/lake"
runs=("1 np1" "2 np2" "3 np3" "2 broadcast --dimension-join broadcast"
      "3 shuffle --dimension-join shuffle" "3 auto-shuffle --broadcast-threshold 1")
for run in "${runs[@]}"; do
  read -r n name options <<<"$run"
  # shellcheck disable=SC2086
  silver "$n" "$work/lake" "$name" $options || continue
  cp "$work/lake/$name.h5" "$work/lake/silver.h5"
  "$python" "$reference" check "$work/raw" "$work/lake" "${args[@]}" >"$work/check.log" 2>&1 ||
    fail "$name differs from the reference: $(grep -m3 FAIL "$work/check.log")"
  [[ $name == np1 ]] || same "$work/lake/np1.h5" "$work/lake/$name.h5" "$name differs from np1"
done
grep -q "joins: users shuffle, campaigns shuffle, apps shuffle" "$work/auto-shuffle.log" ||
  fail "--broadcast-threshold 1 did not make auto choose shuffle"
grep -q "joins: users broadcast" "$work/np2.log" || fail "auto did not broadcast small dimensions"
echo "reference input: silver.h5 equals the reference at 1, 2, 3 ranks and with every join"

# 2. Tiny entities (fewer rows than ranks) and one with no rows at all.
tiny=$work/tiny
mkdir -p "$tiny"
printf 'id_md5,ts,user_id,app_id,device_type,os,ip\n%s,1704067200,u1,a1,phone,ios,1.2.3.4\n' \
  00000000000000000000000000000001 >"$tiny/requests.csv"
printf 'id_md5,ts,campaign_id,slot,win_price\n%s,1704067200,c1,1,0.5\n' \
  00000000000000000000000000000001 >"$tiny/impressions.csv"
printf 'id_md5,ts,is_install\n' >"$tiny/clicks.csv"
printf 'user_id,age,gender,state,interest,updated_at\n' >"$tiny/user_profiles.csv"
printf 'campaign_id,advertiser,campaign_type,category,bid\nc1,A,CPM,news,2\n' >"$tiny/campaigns.csv"
printf 'app_id,app_name,genre,rating\n' >"$tiny/app_metadata.csv"
bronze "$tiny" "$work/tiny-lake"
for n in 1 3; do silver "$n" "$work/tiny-lake" "tiny$n" --dimension-join shuffle; done
same "$work/tiny-lake/tiny1.h5" "$work/tiny-lake/tiny3.h5" "tiny input: 3 ranks differ from 1"
revenue=$("$python" -c "import h5py,sys; print(h5py.File(sys.argv[1])['fact_ad_funnel/revenue_micros'][()].tolist())" "$work/tiny-lake/tiny3.h5")
[[ $revenue == "[2000]" ]] || fail "tiny input: revenue $revenue, expected [2000]"
echo "tiny input: same silver.h5 at 1 and 3 ranks"

# 3. The generator's default output: the same at 1, 2, 3 ranks, and conservation.
if has_job generate; then
  "$adlake" generate --out "$work/gen" >"$work/gen.log" 2>&1 || fail "generate failed: $(tail -3 "$work/gen.log")"
  bronze "$work/gen" "$work/gen-lake"
  for n in 1 2 3; do silver "$n" "$work/gen-lake" "gen$n"; done
  same "$work/gen-lake/gen1.h5" "$work/gen-lake/gen2.h5" "generated input: 2 ranks differ from 1"
  same "$work/gen-lake/gen1.h5" "$work/gen-lake/gen3.h5" "generated input: 3 ranks differ from 1"
  "$python" - "$work/gen-lake/gen1.h5" >"$work/conservation.log" 2>&1 <<'PY' || fail "generated input: $(cat "$work/conservation.log")"
import json, sys, h5py
f = h5py.File(sys.argv[1], "r")
tables = {"requests": "fact_ad_funnel", "impressions": "fact_ad_funnel", "clicks": "fact_ad_funnel",
          "user_profiles": "users", "campaigns": "campaigns", "app_metadata": "apps"}
bad = []
for entity, table in tables.items():
    s = json.loads(f[table].attrs["stats"])[entity]
    rejects = sum(s["rejects"].values())
    if s["rows_in"] != rejects + s["duplicates"] + s["rows_out"]:
        bad.append(f"{entity}: {s}")
    if f["_rejects/" + entity].attrs["rows"] != rejects:
        bad.append(f"_rejects/{entity} has {f['_rejects/' + entity].attrs['rows']} rows, stats {rejects}")
    print(entity, s)
if f["fact_ad_funnel"].attrs["rows"] != json.loads(f["fact_ad_funnel"].attrs["stats"])["requests"]["rows_out"]:
    bad.append("fact rows != kept requests")
if bad:
    print("; ".join(bad))
    sys.exit(1)
PY
  echo "generated input: same silver.h5 at 1, 2, 3 ranks; conservation holds"
else
  echo "no generate job yet: the generator's output not tested"
fi

# 4. No bronze layer: an error on every rank, no silver.h5.
mkdir -p "$work/empty-lake"
if "$mpiexec" -n 2 "$adlake" silver --lake "$work/empty-lake" >"$work/none.log" 2>&1; then
  fail "silver succeeded without bronze.h5"
else
  grep -q "no bronze layer" "$work/none.log" || fail "the error does not say bronze.h5 is missing"
  [[ -z $(ls -A "$work/empty-lake") ]] || fail "a failed silver left files: $(ls -A "$work/empty-lake")"
fi

finish
