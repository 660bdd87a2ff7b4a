#!/usr/bin/env python3
"""The hostile-layer corpus (docs/hardening.md "Hostile layers").

Each case edits a copy of a small, valid lake with h5py the way someone with
write access to a shared lake folder could, and names the stage that reads the
edited file and what it must do: fail with an error that names the file, the
table, the column and what was wrong, or (where the edit leaves a valid layer)
succeed. tests/scripts/hostile_layers.sh runs them.

    cases.py list                    the case names
    cases.py expect CASE             JSON: {"stage", "outcome": "fail"|"ok", "match": [regex]}
    cases.py make CASE LAKE OUTSIDE  edits LAKE in place; OUTSIDE is a folder
                                     outside the lake holding secret.txt and
                                     victim.txt, which no stage may read or write
"""
import json
import os
import sys

# h5py and numpy are imported by `make` only (main): `list` and `expect` run
# once per case and do not need them (a third of a CPU second each).
h5py = None
np = None

CASES = {}


def case(stage, outcome="fail", match=()):
    def register(make):
        CASES[make.__name__] = (make, {"stage": stage, "outcome": outcome, "match": list(match)})
        return make
    return register


def h5(lake, layer):
    return h5py.File(os.path.join(lake, layer), "r+")


def link_to_victim(lake, outside, name):
    """`name` in the lake replaced by a symbolic link to outside/victim.txt."""
    path = os.path.join(lake, name)
    if os.path.lexists(path):
        os.remove(path)
    os.symlink(os.path.join(outside, "victim.txt"), path)


def replace_dataset(group, name, **create):
    """Deletes group[name] and creates it anew, keeping its attributes."""
    attrs = dict(group[name].attrs)
    del group[name]
    ds = group.create_dataset(name, **create)
    for key, value in attrs.items():
        ds.attrs[key] = value
    return ds


def rows_of(group):
    return int(group.attrs["rows"])


def write_codes(group, name, codes, kind=None):
    """Replaces an enum column by `codes` stored as they are (h5py would check
    that each is a member): the file type is the memory type."""
    kind = kind if kind is not None else group[name].dtype
    ds = replace_dataset(group, name, shape=codes.shape, dtype=kind)
    ds.id.write(h5py.h5s.ALL, h5py.h5s.ALL, np.ascontiguousarray(codes, dtype=np.uint8),
                mtype=ds.id.get_type())


# --- bronze.h5, read by silver ------------------------------------------------

@case("silver", match=[r"bronze\.h5:/requests attribute rows: expected one value"])
def rows_attribute_array(lake, outside):
    """An int64 array of 8 as `rows` (was a SIGSEGV)."""
    with h5(lake, "bronze.h5") as f:
        f["requests"].attrs["rows"] = np.full(8, rows_of(f["requests"]), dtype=np.int64)


@case("silver", match=[r"attribute rows: expected an integer, found another type"])
def rows_attribute_string(lake, outside):
    """`rows` a string."""
    with h5(lake, "bronze.h5") as f:
        f["requests"].attrs["rows"] = "many"


@case("silver", match=[r"table /requests: attribute rows: expected a count, found -5"])
def rows_attribute_negative(lake, outside):
    """`rows` = -5."""
    with h5(lake, "bronze.h5") as f:
        f["requests"].attrs["rows"] = np.int64(-5)


@case("silver", match=[r"attribute columns: expected one value"])
def columns_attribute_array(lake, outside):
    """An array of strings as `columns` (was "malloc(): corrupted top size")."""
    with h5(lake, "bronze.h5") as f:
        names = json.loads(f["requests"].attrs["columns"])
        f["requests"].attrs["columns"] = np.array(names, dtype=h5py.string_dtype())


@case("silver", match=[r"table /requests, column ts: expected [0-9]+ rows \(the table's `rows` attribute\), found [0-9]+"])
def column_one_row_short(lake, outside):
    """One column a row short of the table (silver hung: one rank waited in a
    collective read while the other unwound)."""
    with h5(lake, "bronze.h5") as f:
        g = f["requests"]
        data = g["ts"][()]
        replace_dataset(g, "ts", data=data[:-1])


@case("silver", match=[r"table /requests, column user_id: expected [0-9]+ rows"])
def column_longer_than_table(lake, outside):
    """Every column longer than `rows`: the extra rows were silently dropped."""
    with h5(lake, "bronze.h5") as f:
        g = f["requests"]
        data = g["user_id"][()]
        replace_dataset(g, "user_id", data=np.concatenate([data, data[:440]]))


@case("silver", match=[r"column advertiser: expected its data in the file, found external storage"])
def external_storage(lake, outside):
    """A column whose data is a file outside the lake (its lines reached report.html)."""
    secret = os.path.join(outside, "secret.txt")
    size = os.path.getsize(secret)
    with h5(lake, "bronze.h5") as f:
        g = f["campaigns"]
        n = rows_of(g)
        width = max(1, size // max(n, 1))
        replace_dataset(g, "advertiser", shape=(n,), dtype=f"S{width}",
                        external=[(secret, 0, width * n)])


@case("silver", match=[r"column advertiser: expected /campaigns/advertiser to be an object of this file, found an external link"])
def external_link(lake, outside):
    """A column that is an external link to a file outside the lake."""
    other = os.path.join(outside, "other.h5")
    with h5(lake, "bronze.h5") as f:
        g = f["campaigns"]
        with h5py.File(other, "w") as o:
            o["advertiser"] = g["advertiser"][()]
        del g["advertiser"]
        g["advertiser"] = h5py.ExternalLink(other, "/advertiser")


@case("silver", match=[r"column ts: expected /requests/ts to be an object of this file, found a soft link"])
def soft_link(lake, outside):
    """A column that is a soft link to another column."""
    with h5(lake, "bronze.h5") as f:
        del f["requests/ts"]
        f["requests/ts"] = h5py.SoftLink("/requests/_line")


@case("silver", match=[r"table /requests: expected /requests to be an object of this file, found an external link"])
def table_is_external_link(lake, outside):
    """A whole table that is an external link to another file."""
    other = os.path.join(outside, "other.h5")
    with h5(lake, "bronze.h5") as f:
        f.copy("requests", h5py.File(other, "w"), name="requests")
        del f["requests"]
        f["requests"] = h5py.ExternalLink(other, "/requests")


@case("silver", match=[r"column app_id: expected contiguous, chunked or compact storage in the file, found virtual"])
def virtual_dataset(lake, outside):
    """A column that is a virtual dataset over a file outside the lake."""
    other = os.path.join(outside, "source.h5")
    with h5(lake, "bronze.h5") as f:
        g = f["requests"]
        data = g["app_id"][()]
        with h5py.File(other, "w") as o:
            o["app_id"] = data
        layout = h5py.VirtualLayout(shape=data.shape, dtype=data.dtype)
        layout[:] = h5py.VirtualSource(other, "app_id", shape=data.shape)
        del g["app_id"]
        g.create_virtual_dataset("app_id", layout)


@case("silver", match=[r"column ts: expected a 1-D dataset, found 2 dimensions"])
def two_dimensional_column(lake, outside):
    """A column of shape (rows, 2) (`hsize_t dims[1]` got two entries)."""
    with h5(lake, "bronze.h5") as f:
        g = f["requests"]
        data = g["ts"][()]
        replace_dataset(g, "ts", data=np.stack([data, data], axis=1))


@case("silver", match=[r"column ts: expected a 1-D dataset, found a scalar"])
def scalar_column(lake, outside):
    """A column that is a scalar."""
    with h5(lake, "bronze.h5") as f:
        replace_dataset(f["requests"], "ts", data=b"2024-01-01T00:00:00")


@case("silver", match=[r"column user_id: expected a fixed-length string, found a variable-length string"])
def variable_length_strings(lake, outside):
    """Variable-length strings instead of `S<n>`."""
    with h5(lake, "bronze.h5") as f:
        g = f["requests"]
        data = [v.decode() for v in g["user_id"][()]]
        replace_dataset(g, "user_id", data=data, dtype=h5py.string_dtype())


@case("silver", match=[r"table /requests, column _file: expected int32, found float64"])
def wrong_number_type(lake, outside):
    """`_file` as float64 instead of int32."""
    with h5(lake, "bronze.h5") as f:
        g = f["requests"]
        replace_dataset(g, "_file", data=g["_file"][()].astype(np.float64))


@case("silver", match=[r"column _line: expected int8, uint8, int16, int32 or int64, found uint64"])
def unsigned_64_bit(lake, outside):
    """`_line` as uint64."""
    with h5(lake, "bronze.h5") as f:
        g = f["requests"]
        replace_dataset(g, "_line", data=g["_line"][()].astype(np.uint64))


@case("silver", match=[r"column os: expected a number, a fixed-length string or an enum, found a compound type"])
def compound_column(lake, outside):
    """A column of a compound type."""
    with h5(lake, "bronze.h5") as f:
        g = f["requests"]
        n = rows_of(g)
        replace_dataset(g, "os", data=np.zeros(n, dtype=[("a", "i4"), ("b", "f8")]))


@case("silver", match=[r"column user_id: expected a fixed-length string of 1 to 67108864 bytes, found S1073741824"])
def unwritten_huge_strings(lake, outside):
    """S(2^30) never written: the reader asked for rows x 1 GiB."""
    with h5(lake, "bronze.h5") as f:
        g = f["requests"]
        replace_dataset(g, "user_id", shape=(rows_of(g),), dtype="S1073741824")


@case("silver", match=[r"column user_id: declares [0-9]+ bytes of data but stores 0 \(an unwritten or truncated dataset\)"])
def unwritten_column(lake, outside):
    """S(1 MiB) per row, never written: as many MiB as rows asked for."""
    with h5(lake, "bronze.h5") as f:
        g = f["requests"]
        replace_dataset(g, "user_id", shape=(rows_of(g),), dtype="S1048576")


@case("silver", outcome="ok")
def compressed_columns(lake, outside):
    """gzip + shuffle + fletcher32 chunks (as h5repack makes): still a valid layer."""
    with h5(lake, "bronze.h5") as f:
        for name in ("requests/ts", "requests/user_id", "campaigns/advertiser"):
            group, column = name.split("/")
            data = f[group][column][()]
            replace_dataset(f[group], column, data=data, chunks=(max(1, min(len(data), 1024)),),
                            compression="gzip", shuffle=True, fletcher32=True)


@case("silver", match=[r"table /requests: expected a group, found another object"])
def table_is_a_dataset(lake, outside):
    """A table that is a dataset with the table's attributes."""
    with h5(lake, "bronze.h5") as f:
        attrs = dict(f["requests"].attrs)
        del f["requests"]
        f["requests"] = np.arange(3)
        for key, value in attrs.items():
            f["requests"].attrs[key] = value


@case("silver", match=[r"bronze\.h5 is a symbolic link"])
def layer_is_a_symlink(lake, outside):
    """bronze.h5 a symbolic link to a copy outside the lake."""
    os.replace(os.path.join(lake, "bronze.h5"), os.path.join(outside, "bronze.h5"))
    os.symlink(os.path.join(outside, "bronze.h5"), os.path.join(lake, "bronze.h5"))


@case("silver", match=[r"silver\.h5 is a symbolic link"])
def output_is_a_symlink(lake, outside):
    """A link where silver.h5 goes: silver must not write through it."""
    link_to_victim(lake, outside, "silver.h5")


# --- silver.h5, read by gold --------------------------------------------------

@case("gold", match=[r"silver\.h5: table /fact_ad_funnel, column os: expected a member of its enum type, found the code 200"])
def enum_code_not_a_member(lake, outside):
    """A fact row whose `os` code (200) is no member of its enum."""
    with h5(lake, "silver.h5") as f:
        raw = f["fact_ad_funnel/os"][()].astype(np.uint8)
        raw[len(raw) // 2] = 200
        write_codes(f["fact_ad_funnel"], "os", raw)


@case("gold", match=[r"revenue_micros must be in \[0, 1000000000\]"])
def money_that_overflows(lake, outside):
    """revenue_micros = 2^62: gold's sums overflowed (undefined behaviour)."""
    with h5(lake, "silver.h5") as f:
        ds = f["fact_ad_funnel/revenue_micros"]
        values = ds[()]
        values[: max(1, len(values) // 3)] = 1 << 62
        ds[...] = values


@case("gold", match=[r"silver\.h5:/fact_ad_funnel attribute rows: expected one value \(an integer\), found an array of 8"])
def fact_rows_attribute_array(lake, outside):
    """The fact's `rows` an array."""
    with h5(lake, "silver.h5") as f:
        g = f["fact_ad_funnel"]
        g.attrs["rows"] = np.full(8, rows_of(g), dtype=np.int64)


@case("gold", match=[r"table /fact_ad_funnel, column [a-z_0-9]+: expected [0-9]+ rows"])
def fact_longer_than_rows(lake, outside):
    """`rows` 1,000 short of the datasets: 1,000 fact rows silently ignored."""
    with h5(lake, "silver.h5") as f:
        g = f["fact_ad_funnel"]
        g.attrs["rows"] = np.int64(max(0, rows_of(g) - 1000))


@case("gold", match=[r"column campaign_id: expected its data in the file, found external storage"])
def fact_external_storage(lake, outside):
    """`campaign_id` stored in a file outside the lake."""
    secret = os.path.join(outside, "secret.txt")
    with h5(lake, "silver.h5") as f:
        g = f["fact_ad_funnel"]
        n = rows_of(g)
        replace_dataset(g, "campaign_id", shape=(n,), dtype="S1",
                        external=[(secret, 0, n)])


@case("gold", match=[r"silver\.h5: table /fact_ad_funnel: attribute columns: expected JSON, found text that is not"])
def columns_not_json(lake, outside):
    """`columns` not JSON (gold names its columns, but the list is still checked)."""
    with h5(lake, "silver.h5") as f:
        f["fact_ad_funnel"].attrs["columns"] = "id_md5, ts, ["


# --- gold.h5, read by train ---------------------------------------------------

@case("train", match=[r"gold\.h5: table /features, column split: expected a member of its enum type, found the code 7"])
def split_codes_not_members(lake, outside):
    """97% of the rows in no split: train used the other 3% without a word."""
    with h5(lake, "gold.h5") as f:
        raw = f["features/split"][()].astype(np.uint8)
        raw[: len(raw) * 97 // 100] = 7
        write_codes(f["features"], "split", raw)


@case("train", match=[r"column split: expected the enum members train and test \(CONTRACT 3.1\), found 'valid'"])
def split_with_a_third_member(lake, outside):
    """`split` an enum of train, test and valid, every fifth row valid."""
    with h5(lake, "gold.h5") as f:
        raw = f["features/split"][()].astype(np.uint8)
        raw[::5] = 2
        kind = h5py.enum_dtype({"train": 0, "test": 1, "valid": 2}, basetype=np.uint8)
        write_codes(f["features"], "split", raw, kind)


@case("train", match=[r"gold\.h5: table /features, column [a-z_0-9]+: expected [0-9]+ rows"])
def features_longer_than_rows(lake, outside):
    """`rows` of 500: all but 500 feature rows were silently ignored."""
    with h5(lake, "gold.h5") as f:
        f["features"].attrs["rows"] = np.int64(500)


@case("train", match=[r"metrics\.json is a symbolic link"])
def metrics_is_a_symlink(lake, outside):
    """metrics.json a link to a file outside the lake."""
    link_to_victim(lake, outside, "metrics.json")


# --- model.h5, read by score --------------------------------------------------

@case("score", match=[r"model\.h5 is not a valid adlake model: /trees has no rows"])
def model_without_trees(lake, outside):
    """0 trees: every row scored 0."""
    with h5(lake, "model.h5") as f:
        g = f["trees"]
        for name in json.loads(g.attrs["columns"]):
            replace_dataset(g, name, shape=(0,), dtype=g[name].dtype)
        g.attrs["rows"] = np.int64(0)


@case("score", match=[r"model\.h5: table /features, column name: expected a fixed-length string of 1 to 67108864 bytes, found S1073741824"])
def model_unwritten_huge_strings(lake, outside):
    """An unwritten S(2^30) dataset in a 187 KB model.h5 asked for 150 GiB."""
    with h5(lake, "model.h5") as f:
        g = f["features"]
        replace_dataset(g, "name", shape=(rows_of(g),), dtype="S1073741824")


@case("score", match=[r"model\.h5: table /features, column kind: expected a member of its enum type, found the code 9"])
def model_kind_not_a_member(lake, outside):
    """A feature kind code (9) that is no member."""
    with h5(lake, "model.h5") as f:
        raw = f["features/kind"][()].astype(np.uint8)
        raw[0] = 9
        write_codes(f["features"], "kind", raw)


@case("score", match=[r"model\.h5:/ attribute params: expected one value"])
def model_params_array(lake, outside):
    """The model's `params` attribute an array of strings."""
    with h5(lake, "model.h5") as f:
        f.attrs["params"] = np.array(["{}", "{}"], dtype=h5py.string_dtype())


# --- every layer, read by report and catalog ----------------------------------

@case("report", outcome="ok")
def chart_of_denormals(lake, outside):
    """CTRs a few denormals apart: the axis' tick step underflowed to 0 and the
    report looped forever."""
    with h5(lake, "gold.h5") as f:
        ds = f["hourly_performance/ctr"]
        tiny = np.finfo(np.float64).smallest_subnormal
        ds[...] = np.arange(len(ds), dtype=np.float64) * tiny


@case("report", outcome="ok")
def chart_of_huge_values(lake, outside):
    """CTRs of -1e308 and 1e308 (a span that overflows)."""
    with h5(lake, "gold.h5") as f:
        ds = f["hourly_performance/ctr"]
        values = np.full(len(ds), 1e308)
        values[0] = -1e308
        ds[...] = values


@case("report", match=[r"hour_of_day: expected a number, found '\\x1b\[2J'"])
def chart_key_not_a_number(lake, outside):
    """`hour_of_day` as strings with an escape sequence (report: "stod")."""
    with h5(lake, "gold.h5") as f:
        g = f["hourly_performance"]
        n = rows_of(g)
        replace_dataset(g, "hour_of_day", data=np.array([b"\x1b[2J"] * n, dtype="S4"))


@case("report", match=[r"gold\.h5: table /hourly_performance, column ctr: expected [0-9]+ rows"])
def report_column_short(lake, outside):
    """A chart's column a row short."""
    with h5(lake, "gold.h5") as f:
        g = f["hourly_performance"]
        replace_dataset(g, "ctr", data=g["ctr"][()][:-1])


@case("report", match=[r"report\.html is a symbolic link"])
def report_is_a_symlink(lake, outside):
    """report.html linked to another file: that file was overwritten."""
    link_to_victim(lake, outside, "report.html")


@case("catalog", match=[r"gold\.h5:/features attribute rows: expected one value \(an integer\), found an array of 2"])
def catalog_rows_attribute_array(lake, outside):
    """`rows` an array, seen by the catalog."""
    with h5(lake, "gold.h5") as f:
        g = f["features"]
        g.attrs["rows"] = np.full(2, rows_of(g), dtype=np.int64)


@case("catalog", match=[r"column id_md5: expected its data in the file, found external storage"])
def catalog_external_storage(lake, outside):
    """External storage, seen by the catalog (which reads types only)."""
    secret = os.path.join(outside, "secret.txt")
    with h5(lake, "gold.h5") as f:
        g = f["features"]
        n = rows_of(g)
        replace_dataset(g, "id_md5", shape=(n,), dtype="S1", external=[(secret, 0, n)])


def main():
    if len(sys.argv) == 2 and sys.argv[1] == "list":
        print("\n".join(CASES))
    elif len(sys.argv) == 3 and sys.argv[1] == "expect":
        print(json.dumps(CASES[sys.argv[2]][1]))
    elif len(sys.argv) == 5 and sys.argv[1] == "make":
        global h5py, np
        import h5py
        import numpy as np
        CASES[sys.argv[2]][0](sys.argv[3], sys.argv[4])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
