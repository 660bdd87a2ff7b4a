#!/usr/bin/env bash
# The hostile-layer corpus (tests/hostile_layers/cases.py, docs/hardening.md
# "Hostile layers"): layers that are valid HDF5 but not what adlake wrote, as
# someone with write access to a shared lake could leave them. A small lake is
# built once; each case edits a copy of it and runs the stage that reads the
# edited file at 2 ranks. Each must end within 30 s (90 s in the sanitizer
# build, ADLAKE_SANITIZED=1) with its expected outcome: a non-zero exit whose
# log matches the case's regexes (file, table, column, expected, found), or
# success; never a signal or a sanitizer report. And nothing outside the lake
# is read or written: a folder next to it holds a secret that no output or log
# may contain, and files that must stay byte-identical.
#   env: HOSTILE_CASES="case ..." (default: all), KEEP=1 keeps the work folder.
source "$(dirname "$0")/../bad_inputs/fault_lib.sh"
need_jobs bronze silver gold train score report catalog run
need_python h5py numpy
hostile_py=$src/tests/hostile_layers/cases.py
limit=30
[[ ${ADLAKE_SANITIZED:-0} == 1 ]] && limit=90

stage_args() {  # stage raw lake (fault_lib.sh's, with the readers of every layer)
  case $1 in
    bronze) echo "--input $2 --lake $3" ;;
    train) echo "--lake $3 --n-estimators 5 --permutation-rows 0" ;;
    score) echo "--lake $3 --out $3/scores.h5" ;;
    *) echo "--lake $3" ;;
  esac
}

# The small lake, built once by one run (one MPI launch): every layer,
# metrics and the report.
raw=$work/raw
good=$work/good
"$python" "$cases_py" big "$raw" 4000
if ! timeout -k 5 $((limit * 20)) "$mpiexec" -n 2 "$adlake" run --input "$raw" --lake "$good" \
  --to report --n-estimators 5 --permutation-rows 0 >"$work/prepare.log" 2>&1; then
  echo "cannot build the lake: the run failed"; tail -20 "$work/prepare.log"; exit 1
fi
echo "lake built: $(ls "$good" | tr '\n' ' ')"

# What lies outside the lake: a secret (read through external storage or
# links by the cases), a victim file (the target of the symlink cases).
snapshot() { (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum); }

cases=${HOSTILE_CASES:-$("$python" "$hostile_py" list)}
count=0
for case in $cases; do
  count=$((count + 1))
  lake=$work/$case/lake
  outside=$work/$case/outside
  mkdir -p "$outside"
  cp -a "$good" "$lake"
  marker="SECRET-$RANDOM$RANDOM-$case"
  for ((i = 0; i < 2000; i++)); do echo "$marker"; done >"$outside/secret.txt"
  echo "not to be overwritten: $case" >"$outside/victim.txt"
  if ! "$python" "$hostile_py" make "$case" "$lake" "$outside" 2>"$work/$case/make.log"; then
    fail "$case: cannot make the case"; cat "$work/$case/make.log"; continue
  fi
  before=$(snapshot "$outside")
  expect=$("$python" "$hostile_py" expect "$case")
  stage=$("$python" -c 'import json,sys; print(json.loads(sys.argv[1])["stage"])' "$expect")
  outcome=$("$python" -c 'import json,sys; print(json.loads(sys.argv[1])["outcome"])' "$expect")
  log=$work/$case/$stage.log
  run_stage "$stage" "$raw" "$lake" "$log" $((limit + 30))
  what="$case ($stage, expected $outcome)"
  echo "== $what: exit $rc in ${elapsed}s"
  if ((rc == 124 || rc == 137)); then fail "$what: did not end within $((limit + 30)) s"; continue; fi
  if ((elapsed > limit)); then fail "$what: took ${elapsed}s (limit ${limit}s)"; fi
  if crashed "$log"; then
    fail "$what: crashed"; grep -m3 -E "signal|Sanitizer|terminate|runtime error" "$log"; continue
  fi
  if [[ $outcome == ok ]]; then
    ((rc == 0)) || { fail "$what: exit $rc"; tail -5 "$log"; }
  else
    ((rc != 0)) || fail "$what: exit 0"
    while read -r regex; do
      [[ -z $regex ]] && continue
      grep -qE -- "$regex" "$log" || { fail "$what: no line matches '$regex'"; grep -m3 -E "failed|error" "$log"; }
    done < <("$python" -c 'import json,sys; print("\n".join(json.loads(sys.argv[1])["match"]))' "$expect")
  fi
  [[ $(snapshot "$outside") == "$before" ]] || fail "$what: a file outside the lake was written"
  if grep -rqF -- "$marker" "$lake" "$log" 2>/dev/null; then
    fail "$what: the secret outside the lake reached $(grep -rlF -- "$marker" "$lake" "$log" | head -3 | tr '\n' ' ')"
  fi
  if leftover=$(find "$lake" -maxdepth 1 -name '.*.tmp-*' | grep .); then
    fail "$what: temporaries left: $leftover"
  fi
done
((count > 0)) || fail "no case ran"
echo "hostile_layers: $count case(s)"
finish
