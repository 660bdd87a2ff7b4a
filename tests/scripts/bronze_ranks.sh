#!/usr/bin/env bash
# adlake bronze at 1, 2 and 3 ranks gives the same bronze.h5 (h5diff on the
# datasets, then every attribute but the run's with h5py), on a hand-made input
# with every malformed kind, an input with fewer lines than ranks and a
# header-only file, and on a generated input when the generator exists. Bad
# input ends the job on every rank with a message naming it, a non-zero exit
# and no bronze.h5.
set -uo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"

need_jobs bronze
has_h5py=0
"$python" -c "import h5py" 2>/dev/null && has_h5py=1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The hand-made input: CRLF, BOM, reordered and extra columns, quotes, blank
# lines, every malformed kind, no final newline, a header-only file, and
# entities of a single short line (fewer lines than ranks).
make_raw() {
  local raw=$1
  mkdir -p "$raw/requests" "$raw/clicks"
  {
    printf '\xef\xbb\xbfip,ID_MD5, ts ,user_id,app_id,device_type,os,extra\r\n'
    printf '1.2.3.4,aaa,2024-01-01,u1,app1,phone,ios,x\r\n'
    printf '\r\n'
    printf '"5.6.7.8","b,b","t ""q""",u2,app2,"tab"let,  os ,y\r\n'
    printf 'short,line\r\n'
    printf '1,"unterminated,3,4,5,6,7,8\r\n'
    printf '\xff,a,b,c,d,e,f,g\n'
    printf '%4097s,a,b,c,d,e,f,g\n' x
    printf ' \t \n'
    for i in $(seq 1 200); do printf 'ip%d,id%d,ts%d,u%d,a%d,d,o,e\n' "$i" "$i" "$i" "$i" "$i"; done
    printf '9.9.9.9,last,ts,u,a,d,o,e'
  } >"$raw/requests/part-0.csv"
  printf 'id_md5,ts,user_id,app_id,device_type,os,ip\n' >"$raw/requests/part-1.csv"
  printf 'id_md5,ts,user_id,app_id,device_type,os,ip\nz,1,u,a,d,o,i\n\n' >"$raw/requests/part-2.csv"
  printf 'id_md5,ts,is_install\nk1,1,yes\n' >"$raw/clicks/part-0.csv"
  printf 'id_md5,ts,is_install\r\n' >"$raw/clicks/part-1.csv"
  printf 'id_md5,ts,campaign_id,slot,win_price\ni1,1,c1,2,0.5\n' >"$raw/impressions.csv"
  printf 'user_id,age,gender,state,interest,updated_at\nu1,30,m,CA,news,1\n' >"$raw/user_profiles.csv"
  printf 'campaign_id,advertiser,campaign_type,category,bid\nc1,ad,CPC,news,1\n' >"$raw/campaigns.csv"
  printf 'app_id,app_name,genre,rating\na1,App,news,4.5' >"$raw/app_metadata.csv"
}

run_bronze() {  # ranks raw lake log
  "$mpiexec" -n "$1" "$adlake" bronze --input "$2" --lake "$3" >"$4" 2>&1
}

# Every attribute-carrying group, so h5diff compares datasets only.
exclusions() {
  "$python" - "$1" <<'PY'
import sys, h5py
f = h5py.File(sys.argv[1], "r")
paths = ["/"]
f.visititems(lambda n, o: paths.append("/" + n) if isinstance(o, h5py.Group) else None)
print(" ".join("--exclude-attribute " + p for p in paths))
PY
}

compare_ranks() {  # name raw
  local name=$1 raw=$2
  for n in 1 2 3; do
    if ! run_bronze "$n" "$raw" "$work/$name-lake$n" "$work/$name-$n.log"; then
      fail "$name: bronze at $n ranks exited non-zero: $(grep -m1 -E 'failed|error' "$work/$name-$n.log")"
      return
    fi
  done
  local ref=$work/$name-lake1/bronze.h5
  for n in 2 3; do
    local other=$work/$name-lake$n/bronze.h5
    # shellcheck disable=SC2046
    if [[ $has_h5py == 1 ]]; then
      h5diff $(exclusions "$ref") "$ref" "$other" >"$work/h5diff.log" 2>&1 ||
        fail "$name: h5diff finds differences between 1 and $n ranks: $(head -3 "$work/h5diff.log")"
      "$python" "$src/tests/scripts/bronze_compare_lakes.py" "$ref" "$other" >"$work/cmp.log" 2>&1 ||
        fail "$name: 1 and $n ranks differ: $(grep -m3 FAIL "$work/cmp.log")"
    else
      h5diff "$ref" "$other" >"$work/h5diff.log" 2>&1
      (($? <= 1)) || fail "$name: h5diff could not compare 1 and $n ranks"
      grep -v -E "created_at|run of|differences found|comparable|^-+$|Use -c" "$work/h5diff.log" |
        grep -q . && fail "$name: h5diff finds differences between 1 and $n ranks"
    fi
  done
  echo "$name: bronze.h5 identical at 1, 2 and 3 ranks"
}

make_raw "$work/raw"
compare_ranks handmade "$work/raw"
if [[ $has_h5py == 1 ]]; then
  rows=$("$python" -c "import h5py,sys; f=h5py.File(sys.argv[1]); print(f['requests'].attrs['rows'], f['_rejects/requests'].attrs['rows'], f['clicks'].attrs['rows'])" "$work/handmade-lake1/bronze.h5")
  [[ $rows == "204 4 1" ]] || fail "handmade: requests rows, requests rejects, clicks rows are '$rows', expected '204 4 1'"
fi

if has_job generate; then
  "$adlake" generate --out "$work/gen" --requests 3000 --seed 11 >"$work/gen.log" 2>&1 ||
    fail "generate failed: $(tail -3 "$work/gen.log")"
  compare_ranks generated "$work/gen"
else
  echo "no generate job yet: generated input not tested"
fi

# Bad input: a missing column, at 2 ranks.
cp -r "$work/raw" "$work/bad"
printf 'id_md5,ts,user_id,app_id,device_type,ip\nx,1,u,a,d,i\n' >"$work/bad/requests/part-3.csv"
mkdir -p "$work/bad-lake"
echo "an older layer" >"$work/bad-lake/bronze.h5"
if run_bronze 2 "$work/bad" "$work/bad-lake" "$work/bad.log"; then
  fail "bronze succeeded on a file without the column os"
else
  grep -q "requests/part-3.csv.*'os'" "$work/bad.log" || fail "the error does not name the file and column: $(grep -m1 failed "$work/bad.log")"
  [[ $(cat "$work/bad-lake/bronze.h5") == "an older layer" ]] || fail "a failed bronze replaced bronze.h5"
  [[ -z $(ls -A "$work/bad-lake" | grep -v '^bronze.h5$') ]] || fail "a failed bronze left files: $(ls -A "$work/bad-lake")"
  echo "bad input: non-zero exit, message names the file and column, lake untouched"
fi

finish
