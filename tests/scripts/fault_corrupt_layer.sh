#!/usr/bin/env bash
# Fault: a layer file corrupted or truncated before the next stage reads it.
# For every stage that reads a layer (silver reads bronze.h5, gold
# silver.h5, train gold.h5), the layer is damaged in a copy of a good lake:
# emptied, cut to half its size, cut by 4 KiB, its superblock zeroed, or
# replaced by a text file. The stage must end non-zero within 30 s with an
# error naming the damaged file, without a crash, write no layer of its own,
# and leave the other layers byte-identical and readable.
# Damage to raw data bytes inside a dataset is not detectable by HDF5 (no
# checksums on contiguous datasets): see docs/hardening.md.
# Skipped (77) until a stage after bronze exists.
source "$(dirname "$0")/../bad_inputs/fault_lib.sh"
if ((${#stages[@]} < 2)); then
  echo "fault_corrupt_layer: no stage reads a layer yet (only ${stages[*]}): skipped"
  exit 77
fi
raw=$work/raw
good=$work/good
prepare_lake "$raw" "$good" 20000

damage() {  # mode file
  local size
  size=$(stat -c %s "$2")
  case $1 in
    empty) : >"$2" ;;
    half) truncate -s $((size / 2)) "$2" ;;
    tail4k) truncate -s $((size - 4096)) "$2" ;;
    superblock) dd if=/dev/zero of="$2" bs=512 count=1 conv=notrunc status=none ;;
    text) echo "this is not an HDF5 file" >"$2" ;;
  esac
}

for stage in "${stages[@]:1}"; do
  in=$(input_layer_of "$stage")
  out=$(layer_of "$stage")
  for mode in empty half tail4k superblock text; do
    lake=$work/lake-$stage-$mode
    mkdir -p "$lake"
    for s in "${stages[@]}"; do
      [[ $s == "$stage" ]] && break
      cp "$good/$(layer_of "$s")" "$lake/"
    done
    damage "$mode" "$lake/$in"
    others=$(cd "$lake" && sha256sum -- *.h5 | grep -v " $in\$" | sort)
    log=$work/corrupt-$stage-$mode.log
    run_stage "$stage" "$raw" "$lake" "$log" 60
    what="$stage reading a $in damaged by '$mode'"
    if ((rc == 0)); then fail "$what: exit 0"; continue; fi
    if ((elapsed > 30)); then fail "$what: took ${elapsed}s"; continue; fi
    if crashed "$log"; then fail "$what: crashed"; grep -m3 -E "signal|Sanitizer|terminate" "$log"; continue; fi
    grep -qF "$lake/$in" "$log" || { fail "$what: the error does not name $in: $(error_line "$log")"; continue; }
    [[ ! -e $lake/$out ]] || { fail "$what: wrote $out"; continue; }
    [[ $(cd "$lake" && sha256sum -- *.h5 | grep -v " $in\$" | sort) == "$others" ]] ||
      { fail "$what: another layer changed"; continue; }
    pass "$what: exit $rc in ${elapsed}s: $(error_line "$log")"
  done
done
finish
