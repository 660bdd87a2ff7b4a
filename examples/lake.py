#!/usr/bin/python3
"""An adlake lake from Python: any table as a pandas DataFrame.

    /usr/bin/python3 examples/lake.py LAKE              # the tables of every layer, and two figures
    /usr/bin/python3 examples/lake.py LAKE --json       # the figures' numbers as JSON

Needs h5py and pandas (Debian: python3-h5py python3-pandas). Import it to use
`table()` in your own code:

    import sys; sys.path.insert(0, "examples"); from lake import table
    fact = table("out/lake/silver.h5", "/fact_ad_funnel")
"""
import json
import sys
from pathlib import Path

import h5py
import numpy as np
import pandas as pd


def whole_values(group, column, values):
    """The column's strings as bytes, whole: in bronze and rejects tables a
    value longer than the column's width keeps only its first `width` bytes
    there and is whole in the overflow group `_long/<column>` (CONTRACT 5):
    value j, of row `row[j]`, is `bytes[offset[j]:offset[j+1]]`."""
    if group[column].attrs.get("long_values", 0) == 0:
        return values
    long = group["_long"][column]
    rows, offsets, data = long["row"][()], long["offset"][()], long["bytes"][()]
    values = values.astype(object)
    for j, row in enumerate(rows):
        values[row] = data[offsets[j]:offsets[j + 1]].tobytes()
    return values


def table(layer, name, columns=None, errors="replace"):
    """The table `name` ("/revenue_by_state") of the layer file `layer` as a
    DataFrame, columns in the table's order: fixed-length strings decoded to
    str (whole, overflow merged), enumerations as pandas Categoricals of their
    labels, numbers as they are (money in int64 micros of USD, timestamps in
    int64 epoch seconds).
    Bytes that are not UTF-8 (only in bronze's rejects of reason
    invalid_encoding, kept verbatim) become U+FFFD; errors="surrogateescape"
    keeps them recoverable."""
    with h5py.File(layer, "r") as f:
        group = f[name]
        order = json.loads(group.attrs["columns"]) if "columns" in group.attrs else list(group)
        data = {}
        for column in columns or order:
            values = group[column][()]
            mapping = h5py.check_enum_dtype(group[column].dtype)
            if mapping is not None:
                # Codes index the labels; a table may leave some codes out.
                labels = np.empty(max(mapping.values()) + 1, dtype=object)
                for label, code in mapping.items():
                    labels[code] = label
                categories = [l for l in labels if l]
                data[column] = pd.Categorical(labels[values.astype(np.int64)], categories=categories, ordered=True)
            elif values.dtype.kind == "S":
                values = whole_values(group, column, values)
                if values.dtype.kind == "S":
                    data[column] = np.char.decode(values, "utf-8", errors)
                else:
                    data[column] = np.array([v.decode("utf-8", errors) for v in values], dtype=object)
            else:
                data[column] = values
        return pd.DataFrame(data)


def tables(layer):
    """Paths of every table (a group with a `rows` attribute) in a layer file."""
    found = []
    with h5py.File(layer, "r") as f:
        f.visititems(lambda path, obj: found.append("/" + path)
                     if isinstance(obj, h5py.Group) and "rows" in obj.attrs else None)
    return sorted(found)


def revenue_by_state(fact):
    """The report's "Revenue by the user's state", recomputed from silver's fact table."""
    g = fact.groupby("user_state", observed=True)
    out = pd.DataFrame({
        "requests": g.size(),
        "impressions": g["has_impression"].sum(),
        "clicks": g["is_click"].sum(),
        "revenue_micros": g["revenue_micros"].sum(),
    })
    out["ctr"] = (out["clicks"] / out["impressions"]).where(out["impressions"] > 0, 0.0)
    return out.sort_values("revenue_micros", ascending=False)


def ctr_by_hour(fact):
    """The report's "Click-through rate by hour": impressions by UTC hour."""
    shown = fact[fact["has_impression"] == 1]
    hour = (shown["imp_ts"] // 3600) % 24
    g = shown.groupby(hour.rename("hour_of_day"))
    out = pd.DataFrame({"impressions": g.size(), "clicks": g["is_click"].sum()})
    out["ctr"] = out["clicks"] / out["impressions"]
    return out


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    lake = Path(argv[1])
    as_json = "--json" in argv
    fact = table(lake / "silver.h5", "/fact_ad_funnel",
                 ["user_state", "has_impression", "imp_ts", "is_click", "revenue_micros"])
    states, hours = revenue_by_state(fact), ctr_by_hour(fact)
    if as_json:
        # Cell by cell, so that counts stay integers and ratios keep every digit.
        def records(df):
            return {str(k): {c: df.at[k, c].item() for c in df.columns} for k in df.index}
        json.dump({"revenue_by_state": records(states), "ctr_by_hour": records(hours)},
                  sys.stdout, indent=1)
        print()
        return
    for layer in sorted(lake.glob("*.h5")):
        print(f"{layer.name}: {', '.join(tables(layer))}")
    pd.set_option("display.width", 120)
    shown = states.assign(revenue_usd=states["revenue_micros"] / 1e6).drop(columns="revenue_micros")
    print("\nRevenue by state (from silver.h5:/fact_ad_funnel, as gold.h5:/revenue_by_state):")
    print(shown.to_string(float_format=lambda x: f"{x:,.4f}"))
    print("\nCTR by hour of the day (UTC):")
    print(hours.to_string(float_format=lambda x: f"{x:.4%}"))


if __name__ == "__main__":
    main(sys.argv)
