#!/usr/bin/env bash
# Fault: one rank SIGKILLed in each stage. For every stage the
# binary has, on a lake where every layer is already published: run the stage
# again at 2 ranks and kill a rank with SIGKILL, once early (rank 0, an eighth
# of the stage's time in a first run after its first log line) and once while it writes its new layer
# (rank 1, as soon as the layer's temporary file exists: the ranks pause there
# for 3 s through ADLAKE_FAULT_LAYER_PAUSE_MS, docs/hardening.md). The job must end
# non-zero within 30 s of the kill, without another crash, with every
# published layer byte-identical (or, killed in the instant after the rename,
# the new layer complete) and readable, and no adlake process left behind.
#   env: KILL_REQUESTS (default 100000, 30000 in the sanitizer build,
#        ADLAKE_SANITIZED=1, whose code runs 2-3 times slower): input size, big
#        enough that each stage runs for a second or more.
source "$(dirname "$0")/../bad_inputs/fault_lib.sh"
if [[ ${ADLAKE_TEST_HOOKS:-0} != 1 ]]; then
  echo "SKIPPED: needs a build with -DADLAKE_TEST_HOOKS=ON (scripts/test.sh makes one)"
  exit 77
fi
raw=$work/raw
lake=$work/lake
requests=100000
[[ ${ADLAKE_SANITIZED:-0} == 1 ]] && requests=30000
prepare_lake "$raw" "$lake" "${KILL_REQUESTS:-$requests}"
echo "lake prepared: $(ls "$lake" | tr '\n' ' ')"

# kill_during STAGE MODE (early|late)
kill_during() {
  local stage=$1 mode=$2 log before mpid children victim t0 i delay layer
  layer=$(layer_of "$stage")
  log=$work/kill-$stage-$mode.log
  before=$(layer_sums "$lake")
  # While writing: the ranks pause 3 s once the layer's temporary file exists
  # (fault injection of h5/layer_file.cpp), so the kill lands while the layer
  # is open for writing, however small it is and however loaded the machine.
  local pause=0
  [[ $mode == writing ]] && pause=3000
  # shellcheck disable=SC2046
  ADLAKE_FAULT_LAYER_PAUSE_MS=$pause \
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
  local start_ns
  start_ns=$(date +%s%N)
  if [[ $mode == early ]]; then
    victim=${children[0]}
    # Only once the stage has logged its first line, i.e. every rank is past
    # MPI_Init: a rank killed inside MPI_Init's handshake with mpirun
    # deadlocks Open MPI 4.1's mpirun itself (docs/hardening.md).
    for ((i = 0; i < 300; i++)); do
      grep -q "adlake .* $stage: " "$log" && break
      kill -0 "$mpid" 2>/dev/null || break
      sleep 0.01
    done
    # Then an eighth of the stage's time in the first run (at most 0.1 s): the
    # stage is at work, and a stage of a fraction of a second is not over.
    sleep "$(awk -v t="${stage_seconds[$stage]}" 'BEGIN { t /= 8; print (t > 0.1 ? 0.1 : t) }')"
  else
    # As soon as the new layer's temporary file exists: the layer is being written.
    victim=${children[1]}
    while ! compgen -G "$lake/.$layer.tmp-*" >/dev/null && kill -0 "$mpid" 2>/dev/null; do
      sleep 0.005
    done
  fi
  delay=$(awk -v a="$start_ns" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
  if ! kill -0 "$victim" 2>/dev/null; then
    wait "$mpid"
    fail "$stage/$mode: the stage ended before the kill (rc $?), $delay s in: use a bigger KILL_REQUESTS"
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
  local note="layers intact"
  if [[ $(layer_sums "$lake") != "$before" ]]; then
    # Killed in the instant after the rename: the new layer is whole (and
    # checked readable below), which is the other correct outcome.
    if grep -q "wrote" "$log"; then
      note="killed just after publishing a complete new $layer"
    else
      fail "$stage/$mode: a published layer changed"; ok=0
    fi
  fi
  layers_readable "$lake" || { fail "$stage/$mode: a published layer is not readable"; ok=0; }
  sleep 1
  if pgrep -f -- "--lake $lake" >/dev/null; then
    fail "$stage/$mode: adlake processes left behind"; pkill -KILL -f -- "--lake $lake"; ok=0
  fi
  local temps
  temps=$(compgen -G "$lake/.*.tmp-*" | wc -l)
  ((ok)) && pass "$stage/$mode: killed $delay s in, exit $rc ${took}s after the kill, $note ($temps stale temporary file(s) left)"
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
