#!/usr/bin/env bash
# A killed run: SIGKILL of one rank while `adlake run` builds silver
# ends the job with a non-zero exit within 30 s and leaves the published
# silver.h5 exactly as it was; the next `adlake run` carries on from the first
# stale stage (silver: bronze was rebuilt before the kill), leaves no
# temporary file, and gives the same datasets as an uninterrupted run.
#   env: ADLAKE, ADLAKE_SRC, MPIEXEC, REQUESTS (default 60000), KEEP=1.
set -euo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
work=$(mktemp -d)
[[ ${KEEP:-0} == 1 ]] && echo "work folder: $work" || trap 'rm -rf "$work"' EXIT
fail() { echo "FAILED: $*"; exit 1; }

raw=$work/raw lake=$work/lake
"$adlake" --log-level warn generate --out "$raw" --requests "${REQUESTS:-60000}" --seed 5
opts=(--n-estimators 10 --permutation-rows 0)
"$mpiexec" -n 2 "$adlake" run --input "$raw" --lake "$lake" "${opts[@]}" >"$work/first.log" 2>&1 ||
  fail "the first run failed: $(tail -n 20 "$work/first.log")"
cp "$lake/silver.h5" "$work/silver.before.h5"

# New modification times on the raw files: bronze and everything after it are stale.
find "$raw" -name '*.csv' -exec touch {} +
"$mpiexec" -n 2 "$adlake" run --input "$raw" --lake "$lake" "${opts[@]}" >"$work/killed.log" 2>&1 &
mpirun_pid=$!
for _ in $(seq 1200); do
  grep -q "silver: building" "$work/killed.log" && break
  kill -0 "$mpirun_pid" 2>/dev/null || break
  sleep 0.05
done
grep -q "silver: building" "$work/killed.log" || fail "silver never started: $(tail -n 20 "$work/killed.log")"
ranks=($(pgrep -P "$mpirun_pid" -f "$adlake" || true))
((${#ranks[@]} == 2)) || fail "expected 2 ranks under mpirun $mpirun_pid, found '${ranks[*]}'"
kill -9 "${ranks[-1]}"
killed_at=$SECONDS
set +e
wait "$mpirun_pid"
rc=$?
set -e
# mpirun may return before the surviving rank has exited; the job is over
# (and its lake lock free) only when every rank is gone.
for _ in $(seq 600); do
  kill -0 "${ranks[0]}" 2>/dev/null || break
  [[ $(ps -o stat= -p "${ranks[0]}" 2>/dev/null) == Z* ]] && break
  sleep 0.05
done
elapsed=$((SECONDS - killed_at))
echo "killed rank pid ${ranks[-1]} during silver: the job ended with exit $rc after ${elapsed} s"
((rc != 0)) || fail "the killed job exited 0"
((elapsed <= 30)) || fail "the killed job took ${elapsed} s to end (more than 30)"
grep -q "silver: wrote" "$work/killed.log" && fail "silver finished before the kill: use a larger REQUESTS"
cmp -s "$lake/silver.h5" "$work/silver.before.h5" || fail "the killed run changed silver.h5"
grep -q "bronze: building" "$work/killed.log" || fail "the touched raw files did not rebuild bronze"

# What a rank killed while writing would leave (h5::LayerFile's temporary name).
head -c 4096 /dev/zero >"$lake/.silver.h5.tmp-999999"
"$mpiexec" -n 2 "$adlake" run --input "$raw" --lake "$lake" "${opts[@]}" >"$work/resumed.log" 2>&1 ||
  fail "the run after the kill failed: $(tail -n 20 "$work/resumed.log")"
grep -q "bronze: up to date, skipped" "$work/resumed.log" || fail "the resumed run rebuilt bronze"
grep -q "silver: building (.*stale: input changed: bronze.h5" "$work/resumed.log" ||
  fail "the resumed run did not carry on from silver: $(grep -E 'building|skipped' "$work/resumed.log")"
if leftover=$(ls -A "$lake" | grep -E '\.tmp-'); then fail "temporary files left: $leftover"; fi
grep -q "removed .*/.silver.h5.tmp-999999 left by an interrupted run" "$work/resumed.log" ||
  fail "the resumed run did not say it removed the leftover temporary file"

# The same datasets as an uninterrupted run on the same input.
"$mpiexec" -n 2 "$adlake" run --input "$raw" --lake "$work/reference" "${opts[@]}" \
  >"$work/reference.log" 2>&1 || fail "the reference run failed"
"$python" - "$lake" "$work/reference" <<'PY'
import sys, h5py, numpy as np
a_dir, b_dir = sys.argv[1:]
for layer in ("bronze.h5", "silver.h5", "gold.h5", "model.h5"):
    names = {}
    for d in (a_dir, b_dir):
        with h5py.File(f"{d}/{layer}", "r") as f:
            found = {}
            f.visititems(lambda n, o: found.__setitem__(n, (o.dtype, o[()])) if isinstance(o, h5py.Dataset) else None)
            names[d] = found
    a, b = names[a_dir], names[b_dir]
    assert a.keys() == b.keys(), (layer, a.keys() ^ b.keys())
    for n in a:
        assert a[n][0] == b[n][0], (layer, n, a[n][0], b[n][0])
        nan_ok = a[n][0].kind == "f"
        assert np.array_equal(a[n][1], b[n][1], equal_nan=nan_ok), (layer, n)
    print(f"{layer}: {len(a)} datasets equal to the uninterrupted run's")
PY
