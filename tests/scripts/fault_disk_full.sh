#!/usr/bin/env bash
# Fault: the disk fills up while a layer is written (issue 9). The lake is a
# small tmpfs (needs root and mount; skipped with 77 otherwise): bronze into a
# tmpfs half the size of its layer; then each later stage into a tmpfs that
# holds the layers it reads plus a quarter of what it would write. Each run
# must end non-zero within 30 s with an error that says the disk is full,
# without a crash, leaving the layers that were there byte-identical and
# readable and no temporary file behind.
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
for stage in "${stages[@]}"; do
  k=$((k + 1))
  lake=$work/tmpfs-$k
  out=$(layer_of "$stage")
  in=$(input_layer_of "$stage")
  want=$(size_of "$full/$out")
  if [[ -z $in ]]; then
    mount_tmpfs "$lake" $((want / 2))
  else
    # The layers this stage reads (all earlier ones, as in a real lake).
    have=0
    for s in "${stages[@]}"; do
      [[ $s == "$stage" ]] && break
      have=$((have + $(size_of "$full/$(layer_of "$s")")))
    done
    mount_tmpfs "$lake" $((have + want / 4 + 65536))
    for s in "${stages[@]}"; do
      [[ $s == "$stage" ]] && break
      cp "$full/$(layer_of "$s")" "$lake/"
    done
  fi
  before=$(layer_sums "$lake")
  log=$work/full-$stage.log
  run_stage "$stage" "$raw" "$lake" "$log" 60
  what="$stage writing $out ($want bytes) into a $(df -B1 --output=size "$lake" | tail -1 | tr -d ' ')-byte tmpfs"
  if ((rc == 0)); then fail "$what: exit 0"; continue; fi
  if ((elapsed > 30)); then fail "$what: took ${elapsed}s"; continue; fi
  if crashed "$log"; then fail "$what: crashed"; grep -m3 -E "signal|Sanitizer|terminate" "$log"; continue; fi
  grep -qiE "no space left|disk full|ENOSPC|quota" "$log" ||
    { fail "$what: the error does not say the disk is full: $(error_line "$log")"; continue; }
  [[ $(layer_sums "$lake") == "$before" ]] || { fail "$what: a layer changed"; continue; }
  layers_readable "$lake" || { fail "$what: a layer is not readable"; continue; }
  left=$(cd "$lake" && compgen -G ".*.tmp-*")
  [[ -z $left ]] || { fail "$what: temporary file left: $left"; continue; }
  pass "$what: exit $rc in ${elapsed}s: $(error_line "$log")"
done
finish
