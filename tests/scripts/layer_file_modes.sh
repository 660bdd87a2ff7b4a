#!/usr/bin/env bash
# bronze.h5 holds full IP addresses (CONTRACT 0): it and its temporary file are
# created mode 0640 whatever the umask; silver.h5 and gold.h5 follow the umask.
# Run at umask 000 (which would make a file 0666) and 077 (0600), at 2 ranks;
# the temporary's mode is read while every rank pauses with it open
# (ADLAKE_FAULT_LAYER_PAUSE_MS, h5/layer_file.cpp).
set -euo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"
need_jobs generate bronze silver gold
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
run() { "$mpiexec" --oversubscribe -n 2 "$adlake" --log-level warn "$@"; }
run generate --out "$tmp/raw" --requests 2000 --seed 5

mode_of() { stat -c %a "$1"; }

for mask in 000 077; do
  lake=$tmp/lake-$mask
  (
    umask "$mask"
    ADLAKE_FAULT_LAYER_PAUSE_MS=1500 run bronze --input "$tmp/raw" --lake "$lake" &
    pid=$!
    temp=""
    for _ in $(seq 100); do
      # The temporary is bronze.h5 inside a private folder .bronze.h5.tmp-XXXXXX.
      temp=$(find "$lake" -maxdepth 2 -path '*/.bronze.h5.tmp-*/bronze.h5' 2>/dev/null | head -1 || true)
      [[ -n $temp ]] && break
      sleep 0.05
    done
    [[ -n $temp ]] && echo "temporary $(mode_of "$temp")" >"$tmp/temp-$mask" || true
    wait "$pid"
    run silver --lake "$lake"
    run gold --lake "$lake"
  )
  got=$(cat "$tmp/temp-$mask" 2>/dev/null || echo "temporary not seen")
  [[ $got == "temporary 640" ]] || fail "umask $mask: bronze's $got, expected mode 640"
  [[ $(mode_of "$lake/bronze.h5") == 640 ]] ||
    fail "umask $mask: bronze.h5 is $(mode_of "$lake/bronze.h5"), expected 640"
  want=$(printf '%o' $((0666 & ~8#$mask)))
  for layer in silver.h5 gold.h5; do
    [[ $(mode_of "$lake/$layer") == "$want" ]] ||
      fail "umask $mask: $layer is $(mode_of "$lake/$layer"), expected $want (the umask's)"
  done
  echo "umask $mask: bronze.h5 and its temporary 640, silver.h5 and gold.h5 $want"
done
finish
