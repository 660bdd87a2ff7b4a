#!/usr/bin/python3
"""The scaling model of docs/scaling.md, from bench/scaling.sh's measurements.

Reads WORK/scaling.tsv and WORK/jobs.tsv and prints, as markdown:
  1. the measured table (per input size, ranks and stage);
  2. per stage, least-squares fits (non-negative) of the busiest rank's
     figures in its share s = requests/ranks and the total R = requests
     (millions): peak memory MB = m0 + m1 s + m2 R; CPU s = c0 + c1 s + c2 R;
     MPI MB sent or received = (b1 s + b2 R)(P-1)/P + b3 (P-1) (runs at P > 1);
  3. the modelled time per stage at 16 to 1,024 ranks with SHARE million
     requests per rank (weak scaling), on the cluster named by the options;
  4. the largest input whose every stage fits in MEMORY_GB per rank.
    bench/scaling_model.py WORK [--share 1.0] [--ranks-per-node 32] ...
"""
import argparse
import csv
import math
import os

import numpy as np
from scipy.optimize import nnls

STAGES = ("bronze", "silver", "gold", "train")
# The layer each stage reads and the one it writes (jobs.tsv columns).
LAYERS = {"bronze": ("raw_mb", "bronze_mb"), "silver": ("bronze_mb", "silver_mb"),
          "gold": ("silver_mb", "gold_mb"), "train": ("gold_mb", "model_mb")}


def numbers(text):
    return [float(x) for x in text.split(",") if x]


def load(work):
    with open(os.path.join(work, "scaling.tsv")) as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    with open(os.path.join(work, "jobs.tsv")) as f:
        jobs = list(csv.DictReader(f, delimiter="\t"))
    for r in rows:
        r["R"] = int(r["requests"]) / 1e6
        r["P"] = int(r["ranks"])
        r["s"] = r["R"] / r["P"]
        for key in ("sent_mb_per_rank", "received_mb_per_rank", "peak_mb_per_rank", "cpu_s_per_rank"):
            r[key] = numbers(r[key])
    return rows, jobs


def fit(columns, y):
    coef, _ = nnls(np.array(columns, dtype=float).T, np.array(y, dtype=float))
    return coef


def measured_table(rows):
    out = ["| requests | ranks | stage | wall s (slowest) | CPU s per rank (max) | MPI MB sent per rank (max) | "
           "MPI MB received per rank (max) | peak MB per rank (max / min) | MPI calls |",
           "|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        mb = lambda xs: f"{max(xs):.1f}" if xs else "-"  # empty: not measured
        out.append(f"| {r['R']:g}M | {r['P']} | {r['stage']} | {r['seconds']} | {max(r['cpu_s_per_rank']):.2f} | "
                   f"{mb(r['sent_mb_per_rank'])} | {mb(r['received_mb_per_rank'])} | "
                   f"{max(r['peak_mb_per_rank']):.0f} / {min(r['peak_mb_per_rank']):.0f} | {r['mpi_calls']} |")
    return "\n".join(out)


def fits(rows, jobs, replicated):
    per_million = {}
    for job in jobs:  # layer MB per million requests, from the largest input
        R = int(job["requests"]) / 1e6
        for key in ("raw_mb", "bronze_mb", "silver_mb", "gold_mb", "model_mb"):
            per_million.setdefault(key, {})[R] = float(job[key]) / R
    layer = {k: v[max(v)] for k, v in per_million.items()}
    model = {}
    for stage in STAGES:
        rs = [r for r in rows if r["stage"] == stage]
        one = lambda r: [1.0, r["s"], r["R"]]
        memory = fit(list(zip(*[one(r) for r in rs])), [max(r["peak_mb_per_rank"]) for r in rs])
        cpu = fit(list(zip(*[one(r) for r in rs])), [max(r["cpu_s_per_rank"]) for r in rs])
        # Runs whose MPI bytes were not measured (empty lists) are left out.
        multi = [r for r in rs if r["P"] > 1 and r["sent_mb_per_rank"]]
        cols = list(zip(*[[r["s"] * (r["P"] - 1) / r["P"], r["R"] * (r["P"] - 1) / r["P"], r["P"] - 1]
                          for r in multi]))
        traffic = fit(cols, [max(max(r["sent_mb_per_rank"]), max(r["received_mb_per_rank"])) for r in multi])
        counted = [r for r in rs if r["mpi_calls"].isdigit()]
        calls = fit(list(zip(*[one(r)[:2] for r in counted])), [int(r["mpi_calls"]) for r in counted])
        read, write = LAYERS[stage]
        if stage not in replicated:
            # A stage built to hold and move its share only: the R terms a fit
            # finds in a few noisy points would be multiplied by 1,024 below.
            memory = fit(list(zip(*[one(r)[:2] for r in rs])), [max(r["peak_mb_per_rank"]) for r in rs])
            cpu = fit(list(zip(*[one(r)[:2] for r in rs])), [max(r["cpu_s_per_rank"]) for r in rs])
            traffic = fit([cols[0], cols[2]], [max(max(r["sent_mb_per_rank"]), max(r["received_mb_per_rank"])) for r in multi])
            memory, cpu = np.append(memory, 0.0), np.append(cpu, 0.0)
            traffic = np.array([traffic[0], 0.0, traffic[1]])
        model[stage] = {"memory": memory, "cpu": cpu, "traffic": traffic, "calls": calls,
                        "io_mb_per_million": layer[read] + layer[write]}
    return model


def fits_table(model):
    out = ["| stage | peak MB = m0 + m1 s + m2 R | CPU s = c0 + c1 s + c2 R | MPI MB per rank = (b1 s + b2 R)(P-1)/P + b3 (P-1) | "
           "MPI calls = k0 + k1 s | file MB read + written per M requests |", "|---|---|---|---|---:|---:|"]
    for stage, m in model.items():
        mm, c, b = m["memory"], m["cpu"], m["traffic"]
        out.append(f"| {stage} | {mm[0]:.0f} + {mm[1]:.0f} s + {mm[2]:.0f} R | {c[0]:.2f} + {c[1]:.2f} s + {c[2]:.2f} R | "
                   f"({b[0]:.1f} s + {b[1]:.1f} R)(P-1)/P + {b[2]:.3f} (P-1) | {m['calls'][0]:.0f} + {m['calls'][1]:.0f} s | "
                   f"{m['io_mb_per_million']:.0f} |")
    return "\n".join(out)


def stage_time(m, P, share, a):
    """Seconds of one stage at P ranks, `share` million requests per rank."""
    R = share * P
    cpu = m["cpu"][0] + m["cpu"][1] * share + m["cpu"][2] * R
    b = m["traffic"]
    mb = (b[0] * share + b[1] * R) * (P - 1) / P + b[2] * (P - 1)
    # Bytes leave the node unless both ranks are on it; every rank of a node
    # sends at once, so each gets 1/ranks_per_node of the link.
    off_node = (P - min(P, a.ranks_per_node)) / max(P - 1, 1)
    net = mb * off_node / (a.link_gbps * 1000 / 8 / a.ranks_per_node)
    # Upper bound on latency: every call an all-to-all of P-1 messages.
    latency = (m["calls"][0] + m["calls"][1] * share) * (P - 1) * a.latency_us * 1e-6
    nodes = math.ceil(P / a.ranks_per_node)
    fs_rate = min(a.fs_gbs * 1000, nodes * a.client_gbs * 1000)  # MB/s for all ranks
    io = m["io_mb_per_million"] * R / fs_rate
    meta = 2 * (a.meta_s + a.meta_per_rank_us * 1e-6 * P)  # open the input layer, create the output
    memory = m["memory"][0] + m["memory"][1] * share + m["memory"][2] * R
    return {"cpu": cpu, "net": net + latency, "io": io + meta, "total": cpu + net + latency + io + meta,
            "fits": memory <= a.memory_gb * 1024}


def model_table(model, a):
    ranks = [16, 32, 64, 128, 256, 512, 1024]
    out = [f"| ranks | input (M requests) | " + " | ".join(f"{s} s (cpu / net / io)" for s in STAGES) +
           " | total s | weak-scaling efficiency | the same without train |",
           "|---:|---:|" + "---|" * len(STAGES) + "---:|---:|---:|"]
    base = sum(stage_time(model[s], 1, a.share, a)["total"] for s in STAGES)
    base_etl = sum(stage_time(model[s], 1, a.share, a)["total"] for s in STAGES if s != "train")
    for P in ranks:
        times = {s: stage_time(model[s], P, a.share, a) for s in STAGES}
        total = sum(t["total"] for t in times.values())
        cells = " | ".join(f"{t['total']:.1f} ({t['cpu']:.1f} / {t['net']:.1f} / {t['io']:.1f})"
                           + ("" if t["fits"] else " **over memory**") for t in times.values())
        etl = sum(t["total"] for s, t in times.items() if s != "train")
        out.append(f"| {P} | {a.share * P:g} | {cells} | {total:.1f} | {base / total:.2f} | {base_etl / etl:.2f} |")
    return "\n".join(out), base


def largest_input(model, a):
    limit = a.memory_gb * 1024
    out = ["| ranks | " + " | ".join(STAGES) + " | largest input (M requests) |", "|---:|" + "---:|" * (len(STAGES) + 1)]
    for P in [1, 4, 16, 64, 256, 1024]:
        cells = []
        for s in STAGES:
            m0, m1, m2 = model[s]["memory"]
            per_million = m1 / P + m2  # MB per million requests of input
            cells.append(math.inf if per_million == 0 else max(0.0, (limit - m0) / per_million))
        out.append(f"| {P} | " + " | ".join(f"{c:,.0f}" for c in cells) + f" | {min(cells):,.0f} |")
    return "\n".join(out)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("work")
    p.add_argument("--share", type=float, default=1.0, help="million requests per rank (weak scaling)")
    p.add_argument("--ranks-per-node", type=int, default=32)
    p.add_argument("--link-gbps", type=float, default=100, help="network per node, Gb/s (HDR100 InfiniBand)")
    p.add_argument("--latency-us", type=float, default=2.0, help="per message")
    p.add_argument("--fs-gbs", type=float, default=100, help="parallel file system aggregate, GB/s")
    p.add_argument("--client-gbs", type=float, default=5, help="file system per node, GB/s")
    p.add_argument("--meta-s", type=float, default=0.05, help="fixed cost of opening or creating a layer file")
    p.add_argument("--meta-per-rank-us", type=float, default=50, help="its part per rank (opens, collective metadata)")
    p.add_argument("--memory-gb", type=float, default=4)
    p.add_argument("--replicated", default="train",
                   help="stages fitted with terms in the whole input R (the others: in their share only)")
    a = p.parse_args()
    rows, jobs = load(a.work)
    model = fits(rows, jobs, a.replicated.split(","))
    print("## Measured\n")
    print(measured_table(rows))
    print("\n## Fits (s: million requests per rank, R: million requests in all, P: ranks)\n")
    print(fits_table(model))
    table, base = model_table(model, a)
    print(f"\n## Model: {a.share:g}M requests per rank; one rank alone {base:.1f} s\n")
    print(table)
    print(f"\n## Largest input (M requests) whose stage fits in {a.memory_gb:g} GB per rank\n")
    print(largest_input(model, a))


if __name__ == "__main__":
    main()
