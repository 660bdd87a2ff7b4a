#!/usr/bin/env bash
# Fault: the disk fills up while a layer is written. The lake is a
# small tmpfs (needs root and mount; skipped with 77 otherwise) that holds the
# layers the stage reads (all earlier ones, as in a real lake) plus, for its
# own layer, either a quarter of it ("early": the disk is full from the first
# columns) or all of it but less than the 1 MiB of headroom adlake reserves
# ahead ("late": full in the last columns or at the close, h5/file_space.cpp).
# Each run must end non-zero within 30 s with an error that says the disk is
# full, without a crash, leaving the layers that were there byte-identical and
# readable and no temporary file behind.
#   env: DISK_FULL_STAGES (default: every stage) to run some stages only.
source "$(dirname "$0")/../bad_inputs/fault_lib.sh"
raw=$work/raw
full=$work/full
prepare_lake "$raw" "$full" 20000
echo "reference lake: $(cd "$full" && du -b -- *.h5 | tr '\n\t' '  ')"

mount_tmpfs() {  # dir bytes
  mkdir -p "$1"
  if (($(id -u) != 0)) || ! mount -t tmpfs -o "size=$2" tmpfs "$1" 2>/dev/null; then
    echo "fault_disk_full: cannot mount a tmpfs here (needs root): skipped"
    exit 77
  fi
  cleanup_hooks+=("umount '$1'")
}

size_of() { stat -c %s "$1"; }

k=0
# fill_up STAGE FILL: runs STAGE into a tmpfs that fills up early or late.
fill_up() {
  local stage=$1 fill=$2 lake out want have room s before log what left
  k=$((k + 1))
  lake=$work/tmpfs-$k
  out=$(layer_of "$stage")
  want=$(size_of "$full/$out")
  have=0
  for s in "${stages[@]}"; do
    [[ $s == "$stage" ]] && break
    have=$((have + $(size_of "$full/$(layer_of "$s")")))
  done
  if [[ $fill == early ]]; then room=$((want / 4 + 65536)); else room=$((want + 524288)); fi
  mount_tmpfs "$lake" $((have + room))
  for s in "${stages[@]}"; do
    [[ $s == "$stage" ]] && break
    cp "$full/$(layer_of "$s")" "$lake/"
  done
  before=$(layer_sums "$lake")
  log=$work/full-$stage-$fill.log
  run_stage "$stage" "$raw" "$lake" "$log" 60
  what="$stage/$fill writing $out ($want bytes) with $room bytes free"
  if ((rc == 0)); then fail "$what: exit 0"; return; fi
  if ((elapsed > 30)); then fail "$what: took ${elapsed}s"; return; fi
  if crashed "$log"; then fail "$what: crashed"; grep -m3 -E "signal|Sanitizer|terminate" "$log"; return; fi
  grep -qiE "no space left|disk full|ENOSPC|quota" "$log" ||
    { fail "$what: the error does not say the disk is full: $(error_line "$log")"; return; }
  [[ $(layer_sums "$lake") == "$before" ]] || { fail "$what: a layer changed"; return; }
  layers_readable "$lake" || { fail "$what: a layer is not readable"; return; }
  left=$(cd "$lake" && compgen -G ".*.tmp-*")
  [[ -z $left ]] || { fail "$what: temporary file left: $left"; return; }
  pass "$what: exit $rc in ${elapsed}s: $(error_line "$log")"
}

for stage in ${DISK_FULL_STAGES:-${stages[@]}}; do
  fill_up "$stage" early
  fill_up "$stage" late
done
finish
