#!/usr/bin/env bash
# adlake generate writes the same bytes at 1, 2 and 3 ranks and with 2 OpenMP
# threads (diff -r of the whole RAW folder), with several parts per entity and
# a rank left without a dimension part; a second run over an old output leaves
# no stale part files; bad options end every rank with a non-zero exit.
set -uo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"

need_jobs generate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 12k requests in blocks of 1000: 12 request blocks, 2 user parts, one
# campaign and one app part (rank 2 of 3 gets no dimension part).
args=(--requests 12000 --seed 5 --block-size 1000)
gen() {  # name ranks [global options...]
  local name=$1 ranks=$2
  shift 2
  "$mpiexec" -n "$ranks" "$adlake" "$@" generate --out "$work/$name" "${args[@]}" \
    >"$work/$name.log" 2>&1 || fail "generate at $ranks rank(s) failed: $(tail -3 "$work/$name.log")"
}
gen r1 1
gen r2 2
gen r3 3
gen r2t2 2 --threads 2
for entity in requests impressions clicks user_profiles campaigns app_metadata _truth/click_prob; do
  n=$(ls "$work/r1/$entity" | wc -l)
  [[ $n -ge 1 ]] || fail "no part files in $entity"
done
[[ $(ls "$work/r1/requests" | wc -l) -eq 12 ]] || fail "expected 12 request parts"
for other in r2 r3 r2t2; do
  diff -r "$work/r1" "$work/$other" >/dev/null || fail "output of $other differs from 1 rank"
done
grep -q "feature_oracle_auc" "$work/r1.log" || fail "no oracle AUCs in the log"
grep -q "rows/s" "$work/r1.log" || fail "no throughput in the log"

# A run with fewer requests over the same folder leaves only its own parts.
"$adlake" --log-level warn generate --out "$work/r1" --requests 3000 --seed 5 --block-size 1000 ||
  fail "second run failed"
[[ $(ls "$work/r1/requests" | wc -l) -eq 3 ]] || fail "stale request parts left behind"

# A different seed gives different data.
"$adlake" --log-level warn generate --out "$work/s6" --requests 12000 --seed 6 --block-size 1000 ||
  fail "seed 6"
cmp -s "$work/r2/requests/part-00000.csv" "$work/s6/requests/part-00000.csv" &&
  fail "seeds 5 and 6 gave the same requests"

# Bad options: a non-zero exit on every rank, quickly, and a message.
if "$mpiexec" -n 2 "$adlake" generate --out "$work/bad" --requests 0 >"$work/bad.log" 2>&1; then
  fail "--requests 0 accepted"
fi
if "$mpiexec" -n 2 "$adlake" generate --out "$work/bad" --noise 0.9 >"$work/bad.log" 2>&1; then
  fail "--noise 0.9 accepted"
fi
if "$mpiexec" -n 2 "$adlake" generate --out /proc/adlake-cannot-write >"$work/bad.log" 2>&1; then
  fail "an unwritable --out accepted"
fi
grep -q "cannot" "$work/bad.log" || fail "no message for an unwritable --out: $(tail -2 "$work/bad.log")"

finish
