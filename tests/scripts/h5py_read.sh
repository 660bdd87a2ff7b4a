#!/usr/bin/env bash
# A table written by 1, 2 and 3 ranks reads back identically with h5py
# (Debian's python3-h5py, /usr/bin/python3), strings as bytes, enums as h5py enums.
set -euo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"
need_python h5py
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for np in 1 2 3; do
  ADLAKE_SAMPLE_OUT="$tmp/sample$np.h5" "$mpiexec" --oversubscribe -n $np \
    "$build/tests/adlake_mpi_tests" -tc="write the sample file for the h5py check" >/dev/null
done
"$python" - "$tmp" <<'PY'
import sys, json, h5py, numpy as np
d = sys.argv[1]
ref = None
for np_ in (1, 2, 3):
    with h5py.File(f"{d}/sample{np_}.h5", "r") as f:
        g = f["sample"]
        assert g.attrs["rows"] == 1001, g.attrs["rows"]
        cols = json.loads(g.attrs["columns"])
        data = {c: g[c][()] for c in cols}
        assert data["name"].dtype.kind == "S", data["name"].dtype
        assert data["name"][1] == b"name-x", data["name"][1]
        assert data["name"][0] == b""
        mapping = h5py.check_enum_dtype(g["kind"].dtype)
        assert mapping == {"alpha": 0, "beta": 1, "gamma": 2}, mapping
        assert list(data["kind"][:4]) == [0, 1, 2, 0]
        assert data["id"][1000] == 1000 * 1000003
        assert abs(data["ratio"][7] - 1.0) < 1e-12
        assert g.attrs["stage"] == "test"
        if ref is None:
            ref = data
        else:
            for c in cols:
                assert np.array_equal(ref[c], data[c]), (np_, c)
print("h5py read identical tables from 1, 2 and 3 ranks")
PY
