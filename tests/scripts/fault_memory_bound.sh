#!/usr/bin/env bash
# Resource limits: with --max-memory-per-rank below what a stage
# needs, the stage must stop before loading, within 30 s, with one clear error
# (the stage, the step, the estimate, the limit, what to do), no crash and no
# layer written; with the default bound (auto) the same lake goes through.
# Stages with a bound: bronze, silver, gold (its share of the fact table and
# its /features rows), train (its share of gold's features and the binned
# train rows).
source "$(dirname "$0")/../bad_inputs/fault_lib.sh"
raw=$work/raw
lake=$work/lake
prepare_lake "$raw" "$lake" 20000
before=$(layer_sums "$lake")

for stage in "${stages[@]}"; do
  log=$work/bound-$stage.log
  start=$SECONDS
  # shellcheck disable=SC2046
  timeout -k 5 60 "$mpiexec" -n 2 "$adlake" "$stage" $(stage_args "$stage" "$raw" "$lake") \
    --max-memory-per-rank 1M >"$log" 2>&1
  rc=$?
  what="$stage with --max-memory-per-rank 1M"
  if ((rc == 0)); then fail "$what: exit 0"; continue; fi
  if ((SECONDS - start > 30)); then fail "$what: took $((SECONDS - start))s"; continue; fi
  if crashed "$log"; then fail "$what: crashed"; continue; fi
  grep -qE "$stage.*(would need|need).*(--max-memory-per-rank)" "$log" ||
    { fail "$what: unclear error: $(error_line "$log")"; continue; }
  [[ $(layer_sums "$lake") == "$before" ]] || { fail "$what: a layer changed"; continue; }
  [[ -z $(cd "$lake" && compgen -G ".*.tmp-*") ]] || { fail "$what: temporary file left"; continue; }
  pass "$what: exit $rc: $(error_line "$log")"
done

if has_job score && [[ -f $lake/model.h5 ]]; then
  log=$work/bound-score.log
  timeout -k 5 60 "$mpiexec" -n 2 "$adlake" score --lake "$lake" --out "$work/scores.h5" \
    --max-memory-per-rank 1M >"$log" 2>&1
  rc=$?
  if ((rc == 0)) || crashed "$log" || [[ -e $work/scores.h5 ]] ||
    ! grep -qE "score: reading .*gold.h5:/features.*need.*--max-memory-per-rank" "$log"; then
    fail "score with --max-memory-per-rank 1M: exit $rc: $(error_line "$log")"
  else
    pass "score with --max-memory-per-rank 1M: exit $rc: $(error_line "$log")"
  fi
  "$mpiexec" -n 2 "$adlake" score --lake "$lake" --out "$work/scores.h5" >"$work/auto-score.log" 2>&1 &&
    [[ -f $work/scores.h5 ]] && pass "score with the default bound" ||
    fail "score with the default bound: $(error_line "$work/auto-score.log")"
fi

bad=$work/bad.log
"$mpiexec" -n 2 "$adlake" bronze --input "$raw" --lake "$lake" --max-memory-per-rank 12X >"$bad" 2>&1
if (($? != 0)) && grep -q "not a memory size: '12X'" "$bad" && ! crashed "$bad"; then
  pass "a bad --max-memory-per-rank is a usage error"
else
  fail "a bad --max-memory-per-rank: $(error_line "$bad")"
fi

for stage in "${stages[@]}"; do
  run_stage "$stage" "$raw" "$lake" "$work/auto-$stage.log"
  ((rc == 0)) && pass "$stage with the default bound" ||
    fail "$stage with the default bound: $(error_line "$work/auto-$stage.log")"
done
finish
