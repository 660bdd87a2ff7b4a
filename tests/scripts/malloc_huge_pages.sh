#!/usr/bin/env bash
# adlake restarts itself once with glibc's malloc backed by transparent huge
# pages (core/malloc_tunables.cpp), on every rank, keeping its arguments; a
# GLIBC_TUNABLES that already names glibc.malloc.hugetlb is the user's choice
# and is kept; the restart happens once (no loop).
set -euo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
if grep -q '\[never\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then
  echo "transparent huge pages are off in this kernel: nothing to test"
  exit 77
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
run() { "$mpiexec" --oversubscribe -n 2 "$adlake" --log-level debug "$@" 2>&1; }

unset GLIBC_TUNABLES ADLAKE_MALLOC_RESTARTED
run generate --out "$tmp/raw" --requests 500 --seed 3 >"$tmp/default.log"
for rank in r0/2 r1/2; do
  grep -q "\[$rank\] GLIBC_TUNABLES=glibc.malloc.hugetlb=1$" "$tmp/default.log" ||
    { cat "$tmp/default.log"; echo "FAIL: rank $rank did not restart with huge pages"; exit 1; }
done
[[ -f $tmp/raw/requests.csv || -n $(find "$tmp/raw" -name '*.csv' -print -quit) ]] ||
  { echo "FAIL: the restarted generate wrote no CSV"; exit 1; }

GLIBC_TUNABLES=glibc.malloc.hugetlb=0:glibc.malloc.tcache_count=7 \
  run generate --out "$tmp/raw2" --requests 500 --seed 3 >"$tmp/user.log"
grep -q "GLIBC_TUNABLES=glibc.malloc.hugetlb=0:glibc.malloc.tcache_count=7$" "$tmp/user.log" ||
  { cat "$tmp/user.log"; echo "FAIL: the user's GLIBC_TUNABLES was not kept"; exit 1; }

# Another tunable is kept and huge pages are added once.
GLIBC_TUNABLES=glibc.malloc.tcache_count=7 run generate --out "$tmp/raw3" --requests 500 --seed 3 >"$tmp/add.log"
grep -q "GLIBC_TUNABLES=glibc.malloc.tcache_count=7:glibc.malloc.hugetlb=1$" "$tmp/add.log" ||
  { cat "$tmp/add.log"; echo "FAIL: huge pages not added to the user's tunables"; exit 1; }
diff -r "$tmp/raw" "$tmp/raw2" >/dev/null || { echo "FAIL: the output depends on the malloc setting"; exit 1; }
echo "ok: every rank restarts once with glibc.malloc.hugetlb=1; a user's setting wins"
