#!/usr/bin/env bash
# Fault: one rank SIGKILLed in each stage (issue 9). For every stage the
# binary has, on a lake where every layer is already published: run the stage
# again at 2 ranks and kill a rank with SIGKILL, once early (rank 0, about
# 0.5 s in) and once while the new layer is being written (rank 1, when its
# temporary file exists). The job must end non-zero within 30 s of the kill,
# without another crash, with every published layer byte-identical and
# readable, and no adlake process left behind.
#   env: KILL_REQUESTS (default 400000): input size, big enough that each
#        stage runs for a few seconds.
source "$(dirname "$0")/../bad_inputs/fault_lib.sh"
raw=$work/raw
lake=$work/lake
prepare_lake "$raw" "$lake" "${KILL_REQUESTS:-400000}"
echo "lake prepared: $(ls "$lake" | tr '\n' ' ')"

# kill_during STAGE MODE (early|writing)
kill_during() {
  local stage=$1 mode=$2 layer log before mpid children victim t0 i
  layer=$(layer_of "$stage")
  log=$work/kill-$stage-$mode.log
  before=$(layer_sums "$lake")
  # shellcheck disable=SC2046
  "$mpiexec" -n 2 "$adlake" "$stage" $(stage_args "$stage" "$raw" "$lake") >"$log" 2>&1 &
  mpid=$!
  children=()
  for ((i = 0; i < 200 && ${#children[@]} < 2; i++)); do
    sleep 0.1
    mapfile -t children < <(pgrep -P "$mpid" | sort -n)
  done
  if ((${#children[@]} < 2)); then
    fail "$stage/$mode: the ranks did not start"; kill -KILL "$mpid" 2>/dev/null; wait "$mpid"; return
  fi
  if [[ $mode == early ]]; then
    victim=${children[0]}
    sleep 0.5
  else
    victim=${children[1]}
    for ((i = 0; i < 1200; i++)); do
      compgen -G "$lake/.$layer.tmp-*" >/dev/null && break
      kill -0 "$mpid" 2>/dev/null || break
      sleep 0.05
    done
    sleep 0.2
  fi
  if ! kill -0 "$victim" 2>/dev/null; then
    wait "$mpid"
    fail "$stage/$mode: the stage ended before the kill (rc $?): use a bigger KILL_REQUESTS"
    return
  fi
  kill -KILL "$victim"
  t0=$SECONDS
  while kill -0 "$mpid" 2>/dev/null && ((SECONDS - t0 < 30)); do sleep 0.2; done
  if kill -0 "$mpid" 2>/dev/null; then
    fail "$stage/$mode: still running 30 s after the kill"
    pkill -KILL -P "$mpid"; kill -KILL "$mpid"; wait "$mpid"
    return
  fi
  wait "$mpid"
  local rc=$? took=$((SECONDS - t0))
  local ok=1
  ((rc != 0)) || { fail "$stage/$mode: exit 0 after a rank was killed"; ok=0; }
  if crashed "$log"; then fail "$stage/$mode: a crash besides the kill:"; grep -m3 -E "signal|Sanitizer|terminate" "$log"; ok=0; fi
  [[ $(layer_sums "$lake") == "$before" ]] || { fail "$stage/$mode: a published layer changed"; ok=0; }
  layers_readable "$lake" || { fail "$stage/$mode: a published layer is not readable"; ok=0; }
  sleep 1
  if pgrep -f -- "--lake $lake" >/dev/null; then
    fail "$stage/$mode: adlake processes left behind"; pkill -KILL -f -- "--lake $lake"; ok=0
  fi
  local temps
  temps=$(compgen -G "$lake/.*.tmp-*" | wc -l)
  ((ok)) && pass "$stage/$mode: exit $rc ${took}s after the kill, layers intact ($temps stale temporary file(s) left)"
}

for stage in "${stages[@]}"; do
  kill_during "$stage" early
  kill_during "$stage" writing
done

# A killed job cannot remove its temporary file; the next successful run of
# the same stage does (h5/layer_file.cpp).
for stage in "${stages[@]}"; do
  run_stage "$stage" "$raw" "$lake" "$work/rerun-$stage.log"
  ((rc == 0)) || fail "$stage: the run after the kills failed: $(error_line "$work/rerun-$stage.log")"
done
left=$(cd "$lake" && compgen -G ".*.tmp-*")
[[ -z $left ]] && pass "reruns removed the stale temporary files" ||
  fail "stale temporary files after successful reruns: $left"
finish
