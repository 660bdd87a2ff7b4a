#!/usr/bin/env bash
# Fault: the lake folder is read-only. With every layer published,
# the lake is made read-only (a read-only bind mount as root, where chmod
# would not stop root; chmod a-w otherwise) and every stage is run again; and
# bronze is run into a lake folder that cannot be created. Each run must end
# non-zero within 30 s with an error naming the lake path, without a crash,
# and leave every published layer byte-identical and readable.
# Skipped (77) as root when bind mounts are not permitted.
source "$(dirname "$0")/../bad_inputs/fault_lib.sh"
raw=$work/raw
lake=$work/lake
prepare_lake "$raw" "$lake" 20000

make_read_only() {  # dir
  if (($(id -u) == 0)); then
    mount --bind "$1" "$1" 2>/dev/null && mount -o remount,bind,ro "$1" 2>/dev/null || {
      umount "$1" 2>/dev/null
      echo "fault_readonly_lake: cannot make a read-only bind mount here: skipped"
      exit 77
    }
    cleanup_hooks+=("umount '$1'")
  else
    chmod a-w "$1"
    cleanup_hooks+=("chmod u+w '$1'")
  fi
}

expect_clean_failure() {  # what log before_sums
  local what=$1 log=$2
  if ((rc == 0)); then fail "$what: exit 0 on a read-only lake"; return; fi
  if ((elapsed > 30)); then fail "$what: took ${elapsed}s"; return; fi
  if crashed "$log"; then fail "$what: crashed"; grep -m3 -E "signal|Sanitizer|terminate" "$log"; return; fi
  grep -qiE "read-only file system|read only|permission denied" "$log" ||
    { fail "$what: the error does not say why: $(error_line "$log")"; return; }
  grep -qF "$work" "$log" || { fail "$what: the error does not name the path"; return; }
  [[ $(layer_sums "$lake") == "$3" ]] || { fail "$what: a published layer changed"; return; }
  layers_readable "$lake" || { fail "$what: a published layer is not readable"; return; }
  pass "$what: exit $rc in ${elapsed}s: $(error_line "$log")"
}

before=$(layer_sums "$lake")
make_read_only "$lake"
for stage in "${stages[@]}"; do
  run_stage "$stage" "$raw" "$lake" "$work/ro-$stage.log" 60
  expect_clean_failure "$stage into a read-only lake" "$work/ro-$stage.log" "$before"
done

# A lake folder that cannot be created: its parent is read-only.
parent=$work/ro-parent
mkdir -p "$parent"
make_read_only "$parent"
run_stage bronze "$raw" "$parent/lake" "$work/ro-parent.log" 60
expect_clean_failure "bronze into an uncreatable lake folder" "$work/ro-parent.log" "$before"
[[ ! -e $parent/lake ]] || fail "the lake folder exists after all"
finish
