#!/usr/bin/env bash
# adlake against DuckDB on the same CSV-to-gold work (not a test): runs
# `mpirun -n 2 adlake run --to gold` and DuckDB with 2 threads
# (bench/duckdb/lake.mjs: the contract's rules in SQL, writing its layers as
# Parquet) in turn on the same input, RUNS times each, alternating which goes
# first, and prints both medians and their ratio, each side's CPU split into
# user and system time, every layer's bytes against the input's CSV bytes, and
# a comparison of gold's aggregates (gold.h5 against DuckDB's) to show both
# did the same work.
#   bench/lake_vs_duckdb.sh [WORK]        (default WORK: ./out/bench-duckdb)
# Environment: REQUESTS (default 1000000), NOISE (default 0.1), SEED (default 42),
#   RUNS (default 3), RANKS (default 2), THREADS (DuckDB's, default 2),
#   ADLAKE (default build/adlake), RAW (an existing input instead of generating;
#   not deleted), KEEP=1 keeps the generated input and the outputs.
# The first run installs @duckdb/node-api into bench/duckdb/node_modules (npm).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
source "$src/scripts/mpi_env.sh"
adlake=${ADLAKE:-$src/build/adlake}
work=$(realpath -m "${1:-out/bench-duckdb}")
requests=${REQUESTS:-1000000} noise=${NOISE:-0.1} seed=${SEED:-42}
runs=${RUNS:-3} ranks=${RANKS:-2} threads=${THREADS:-2}
raw=${RAW:-$work/raw-$requests-$noise-$seed}
lake=$work/lake duck=$work/duckdb
python=/usr/bin/python3
for tool in node npm /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench/lake_vs_duckdb.sh: needs $tool" >&2; exit 1; }
done
if [[ ! -d $src/bench/duckdb/node_modules/@duckdb/node-api ]]; then
  echo "installing @duckdb/node-api into bench/duckdb/node_modules ..."
  (cd "$src/bench/duckdb" && npm ci --no-audit --no-fund --loglevel error)
fi

mkdir -p "$work"
if [[ -z ${RAW:-} && ! -f $raw/.complete ]]; then
  rm -rf "$raw"
  echo "generating $requests requests (noise $noise, seed $seed) into $raw ..."
  "$adlake" generate --out "$raw" --requests "$requests" --noise "$noise" --seed "$seed" --log-level warn
  touch "$raw/.complete"
fi
cleanup() {
  rm -rf "$lake" "$duck"
  [[ -z ${RAW:-} && ${KEEP:-0} != 1 ]] && rm -rf "$raw"
  return 0
}
[[ ${KEEP:-0} == 1 ]] || trap cleanup EXIT
# The CSV the pipeline reads: the six entities (not the generator's _truth).
csv_bytes=$(find "$raw" -name '*.csv' -not -path '*/_truth/*' -printf '%s\n' | awk '{s += $1} END {print s}')
history=""
echo "input: $raw, $csv_bytes bytes of CSV"
echo "machine: $(nproc) cores; uptime before: $(uptime)"

# wall user system of one command, from /usr/bin/time (children included).
timed() {  # log command...
  local log=$1
  shift
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >"$log" 2>&1 ||
    { tail -n 20 "$log" >&2; echo "failed: $*" >&2; exit 1; }
  cat "$work/time"
}
run_adlake() {
  rm -rf "$lake"
  timed "$work/adlake.log" mpirun -n "$ranks" "$adlake" --log-level warn run --input "$raw" \
    --lake "$lake" --to gold
}
run_duckdb() {
  rm -rf "$duck"
  timed "$work/duckdb.log" node "$src/bench/duckdb/lake.mjs" "$raw" "$duck" --threads "$threads" $history
}

: >"$work/adlake.times"
: >"$work/duckdb.times"
for ((i = 1; i <= runs; i++)); do
  if ((i % 2 == 1)); then order="adlake duckdb"; else order="duckdb adlake"; fi
  for side in $order; do
    if [[ $side == adlake ]]; then
      t=$(run_adlake)
      # DuckDB computes the history features only when this adlake writes them.
      if [[ -z $history ]] && "$python" -c "import h5py,sys; sys.exit(0 if 'user_hist_ctr' in h5py.File(sys.argv[1])['features'] else 1)" "$lake/gold.h5" 2>/dev/null; then
        history=--history
      fi
    else
      t=$(run_duckdb)
    fi
    echo "$t" >>"$work/$side.times"
    printf 'run %d %-7s wall %6.2f s  user %6.2f s  system %6.2f s\n' "$i" "$side" $t
  done
done
echo "uptime after: $(uptime)"

"$python" - "$work" "$lake" "$duck" "$csv_bytes" "$ranks" "$threads" <<'PY'
import json, os, statistics, sys
import h5py
work, lake, duck, csv_bytes, ranks, threads = sys.argv[1:7]
csv_bytes = int(csv_bytes)

def times(side):
    rows = [list(map(float, l.split())) for l in open(os.path.join(work, side + ".times")) if l.strip()]
    return {k: statistics.median(r[i] for r in rows) for i, k in enumerate(("wall", "user", "system"))}

a, d = times("adlake"), times("duckdb")
print()
print("medians over %d runs each:" % len(open(os.path.join(work, "adlake.times")).read().split("\n")[:-1]))
for name, t in (("adlake (%s ranks)" % ranks, a), ("DuckDB (%s threads)" % threads, d)):
    cpu = t["user"] + t["system"]
    print("  %-20s wall %7.2f s   CPU %7.2f s = user %6.2f s + system %6.2f s (system %4.1f%% of CPU)"
          % (name, t["wall"], cpu, t["user"], t["system"], 100 * t["system"] / cpu if cpu else 0))
print("  adlake / DuckDB wall: %.3f (DuckDB / adlake: %.2fx)" % (a["wall"] / d["wall"], d["wall"] / a["wall"]))

def size(p):
    if os.path.isfile(p):
        return os.path.getsize(p)
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(p) for f in fs)

print()
print("bytes against the %d bytes (%.1f MB) of CSV:" % (csv_bytes, csv_bytes / 1e6))
total_a = total_d = 0
for layer in ("bronze", "silver", "gold"):
    ba, bd = size(os.path.join(lake, layer + ".h5")), size(os.path.join(duck, layer))
    total_a += ba
    total_d += bd
    print("  %-7s adlake %8.1f MB (%.2fx the CSV)   DuckDB Parquet %8.1f MB (%.2fx)"
          % (layer, ba / 1e6, ba / csv_bytes, bd / 1e6, bd / csv_bytes))
print("  %-7s adlake %8.1f MB (%.2fx the CSV)   DuckDB Parquet %8.1f MB (%.2fx)"
      % ("lake", total_a / 1e6, total_a / csv_bytes, total_d / 1e6, total_d / csv_bytes))

# The same work: gold's aggregates, adlake's gold.h5 against DuckDB's.
ref = json.load(open(os.path.join(duck, "aggregates.json")))
gold = h5py.File(os.path.join(lake, "gold.h5"), "r")

def table(path):
    g = gold[path]
    out = {}
    for c in g:
        if not isinstance(g[c], h5py.Dataset):
            continue
        v = g[c][()]
        enum = h5py.check_enum_dtype(g[c].dtype)
        if enum:
            names = {code: k for k, code in enum.items()}
            v = [names[int(x)] for x in v]
        elif v.dtype.kind == "S":
            v = [x.decode() for x in v]
        else:
            v = v.tolist()
        out[c] = v
    return out

def close(x, y):
    x, y = float(x), float(y)
    return x == y or abs(x - y) <= 1e-9 * max(abs(x), abs(y))

print()
print("gold aggregates, adlake gold.h5 vs DuckDB (rows keyed by the first column):")
same_all = True
for name, key in (("funnel_summary", None), ("campaign_type_performance", "campaign_type"),
                  ("revenue_by_state", "user_state"), ("hourly_performance", "hour_of_day"),
                  ("advertiser_performance", "advertiser"), ("affinity_performance", "is_affinity_match")):
    mine, theirs = table("/" + name), ref[name]
    cols = [c for c in mine if c != key]
    rows_a = len(next(iter(mine.values()))) if mine else 0
    diffs = []
    by_key = {(str(r[key]) if key else ""): r for r in theirs}
    for i in range(rows_a):
        k = str(mine[key][i]) if key else ""
        r = by_key.get(k)
        if r is None:
            diffs.append("%s=%s only in adlake" % (key, k))
            continue
        for c in cols:
            if not close(mine[c][i], r[c]):
                diffs.append("%s %s: adlake %s, DuckDB %s" % (k, c, mine[c][i], r[c]))
    if len(theirs) != rows_a:
        diffs.append("%d rows in adlake, %d in DuckDB" % (rows_a, len(theirs)))
    same_all = same_all and not diffs
    print("  %-27s %3d rows x %d columns: %s" % (name, rows_a, len(cols),
          "equal" if not diffs else "%d difference(s): %s" % (len(diffs), "; ".join(diffs[:4]))))
f = table("/features")
mine = (len(f["id_md5"]), sum(f["is_click"]), sum(1 for s in f["split"] if s == "test"))
theirs = tuple(int(ref["features"][k]) for k in ("rows", "clicks", "test"))
same_all = same_all and mine == theirs
print("  %-27s adlake %d rows (%d clicks, %d test), DuckDB %d rows (%d clicks, %d test)" %
      (("features",) + mine + theirs))
print("  DuckDB: %s" % open(os.path.join(work, "duckdb.log")).read().strip()[:2000])
print("every compared aggregate equal" if same_all else "the aggregates differ where listed (see the skipped rules above)")
PY
