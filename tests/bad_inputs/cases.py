#!/usr/bin/env python3
"""The bad-input corpus: each case is a RAW folder built from a
small valid baseline with one hostile change, and the outcome adlake must
give for it.

    cases.py list                 the case names, one a line
    cases.py make CASE RAW_DIR    writes the case's RAW folder
    cases.py expect CASE          the expected outcome, as JSON
    cases.py big RAW_DIR N        a valid RAW folder of N requests (for the fault
                                  tests: big enough that a stage runs a while)

Expected outcomes:
  {"outcome": "fail", "stage": S, "message": [regex, ...]}
      stage S exits non-zero (no signal, no hang) with every regex in its output,
      and writes no layer;
  {"outcome": "ok", "bronze": {...}, "silver": {...}, "values": [...], "same_as_baseline": [...]}
      every stage succeeds; the conservation equations of CONTRACT 2.2/2.3 hold
      (checked by check_lake.py for every case), plus the exact counts given here:
      bronze: {entity: {"rows": n, "blank_lines": n, "rejects": {reason: n}}}
      silver: {entity: {"rows_out": n, "duplicates": n, "rejects": {reason: n}}}
      values: [[table, key_column, key, column, value], ...] in silver.h5
      same_as_baseline: layers whose datasets equal those of case `baseline`;
      bronze_equals_csv: entities whose every bronze value equals its CSV field.
A count given as ">=n" is a lower bound.

Deterministic: same case, same bytes (the random bytes come from a fixed seed).
"""
import hashlib
import json
import os
import random
import sys

HEADERS = {
    "requests": ["id_md5", "ts", "user_id", "app_id", "device_type", "os", "ip"],
    "impressions": ["id_md5", "ts", "campaign_id", "slot", "win_price"],
    "clicks": ["id_md5", "ts", "is_install"],
    "user_profiles": ["user_id", "age", "gender", "state", "interest", "updated_at"],
    "campaigns": ["campaign_id", "advertiser", "campaign_type", "category", "bid"],
    "app_metadata": ["app_id", "app_name", "genre", "rating"],
}
N_REQUESTS, N_IMPRESSIONS, N_CLICKS = 20, 15, 8
T0 = 1709287200  # 2024-03-01T10:00:00Z
DAY = "2024-01-01 00:00:00"


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def iso(seconds):
    import datetime
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%SZ")


def baseline_rows():
    rows = {e: [] for e in HEADERS}
    for i in range(N_REQUESTS):
        rows["requests"].append([md5(f"req-{i}"), iso(T0 + 60 * i), f"u{i % 5}", f"app{i % 3}",
                                 "phone", "android", f"10.0.{i}.7"])
    for i in range(N_IMPRESSIONS):
        rows["impressions"].append([md5(f"req-{i}"), iso(T0 + 60 * i + 1), f"cmp{i % 3}",
                                    str(i % 10), "0.5"])
    for i in range(N_CLICKS):
        rows["clicks"].append([md5(f"req-{i}"), iso(T0 + 60 * i + 30), str(i % 2)])
    for i in range(5):
        rows["user_profiles"].append([f"u{i}", str(20 + 7 * i), "mf"[i % 2], "CA", "gaming",
                                      "2024-01-01T00:00:00Z"])
    for i, kind in enumerate(["CPC", "CPI", "CPM"]):
        rows["campaigns"].append([f"cmp{i}", f"Advertiser {i}", kind, "gaming", "1.25"])
    for i in range(3):
        rows["app_metadata"].append([f"app{i}", f"App {i}", "gaming", "4.5"])
    return rows


def csv_field(value):
    if "," in value or value.startswith('"'):
        return '"' + value.replace('"', '""') + '"'
    return value


def csv_bytes(header, rows, eol=b"\n"):
    lines = [",".join(header).encode()]
    for row in rows:
        lines.append(row if isinstance(row, bytes) else ",".join(csv_field(v) for v in row).encode())
    return b"".join(line + eol for line in lines)


def baseline_files(rows=None):
    rows = rows or baseline_rows()
    return {f"{e}/part-00000.csv": csv_bytes(HEADERS[e], rows[e]) for e in HEADERS}


def path(entity):
    return f"{entity}/part-00000.csv"


def with_rows(change):
    """A case built by changing the baseline's rows (and nothing else)."""
    rows = baseline_rows()
    change(rows)
    return baseline_files(rows)


def garbage(n, seed):
    return random.Random(seed).randbytes(n)


CASES = {}


def case(expect):
    def register(make):
        CASES[make.__name__] = (make, expect)
        return make
    return register


# --- valid references -------------------------------------------------------

@case({"outcome": "ok",
       "bronze": {"requests": {"rows": 20}, "impressions": {"rows": 15}, "clicks": {"rows": 8}},
       "silver": {"requests": {"rows_out": 20, "duplicates": 0},
                  "impressions": {"rows_out": 15}, "clicks": {"rows_out": 8}}})
def baseline():
    return baseline_files()


# --- line and file shape ----------------------------------------------------

@case({"outcome": "ok",
       "bronze": {"requests": {"rows": 19, "rejects": {"field_count": 1}}},
       "silver": {"requests": {"rows_out": 19}}})
def truncated_last_line():
    files = baseline_files()
    data = files[path("requests")]
    files[path("requests")] = data[:len(data) - 25]  # cut inside the last row, no final LF
    return files


@case({"outcome": "ok",
       "bronze": {"requests": {"rows": 22, "rejects": {"field_count": 1}}},
       "silver": {"requests": {"rows_out": 21, "rejects": {"invalid_id": 1}}}})
def nul_bytes():
    def change(rows):
        rows["requests"][3][2] = "u\x003"  # a NUL inside a user id: valid UTF-8, kept
        rows["requests"].append(["\x00" * 32, iso(T0), "u0", "app0", "phone", "ios", "1.2.3.4"])
        rows["requests"].append([md5("nul-ip"), iso(T0), "u0", "app0", "phone", "ios",
                                 "1.2.3.4\x00"])
        rows["requests"].append(b"\x00\x00\x00\x00")
    return with_rows(change)


@case({"outcome": "ok", "bronze": {"clicks": {"rows": ">=8", "rejects": {"invalid_encoding": ">=1"}}},
       "silver": {"clicks": {"rows_out": 8}}})
def binary_garbage_lines():
    files = baseline_files()
    files[path("clicks")] += garbage(64 << 10, 9)
    return files


@case({"outcome": "fail", "stage": "bronze", "message": [r"requests/part-00001\.csv"]})
def binary_garbage_file():
    files = baseline_files()
    files["requests/part-00001.csv"] = b"\xff\xfe" + garbage(16 << 10, 7)
    return files


@case({"outcome": "ok",
       "bronze": {"requests": {"rows": 21, "rejects": {"invalid_encoding": 5}}},
       "silver": {"requests": {"rows_out": 21}}})
def invalid_utf8():
    def change(rows):
        bad = [b"caf\xe9", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82", b"\xf4\x90\x80\x80"]
        for k, value in enumerate(bad):
            rows["requests"].append(md5(f"utf8-{k}").encode() + b"," + iso(T0).encode() + b"," +
                                    value + b",app0,phone,ios,1.2.3.4")
        rows["requests"].append([md5("utf8-ok"), iso(T0), "café ✓ 😀", "app0", "phone", "ios", ""])
    return with_rows(change)


@case({"outcome": "ok",
       "bronze": {"requests": {"rows": 20, "rejects": {"field_too_long": 1, "field_count": 1}}},
       "silver": {"requests": {"rows_out": 20}}})
def line_10mb():
    def change(rows):
        rows["requests"].append([md5("long"), iso(T0), "u" * (10 << 20), "app0", "phone", "ios", ""])
        rows["requests"].append(b"x" * (10 << 20))
    return with_rows(change)


# A reject's raw line is kept verbatim (CONTRACT 2.2); the rejects' `raw`
# column is as wide as makes it smallest (CONTRACT 5), so the 10 MB line is
# whole in the overflow group and costs about 10 MB, not 10,000 x 10 MB.
@case({"outcome": "ok",
       "bronze": {"requests": {"rows": 20, "rejects": {"field_count": 10_001}}},
       "silver": {"requests": {"rows_out": 20}},
       "bronze_equals_csv": ["requests"]})
def line_10mb_among_rejects():
    def change(rows):
        rows["requests"] += [b"short,malformed"] * 10_000
        rows["requests"].append(b"x" * (10 << 20))
    return with_rows(change)


# Many values just over a column's typical width (kept in the overflow: they
# are too few to widen the column) and far over it, some quoted with commas
# and quotes inside: bronze gives back every one whole. Those over 64 bytes
# are silver's invalid_id rejects (CONTRACT 2.1).
@case({"outcome": "ok",
       "bronze": {"requests": {"rows": 20 + 2000 + 150 + 60, "rejects": {}}},
       "silver": {"requests": {"rows_out": 20 + 2000 + 150, "rejects": {"invalid_id": 60}}},
       "bronze_equals_csv": ["requests"]})
def values_over_typical_width():
    def change(rows):
        rng = random.Random(13)
        requests = rows["requests"]

        def add(user_id):
            n = len(requests)
            requests.append([md5(f"over-{n}"), iso(T0 + n), user_id, "app0", "phone", "ios",
                             "10.1.2.3"])
        for i in range(2000):
            add(f"user{i:04d}")  # 8 bytes, the column's typical width
        for i in range(150):
            add(f"user{i:04d}" + "x" * rng.randint(1, 4))  # just over
        for i in range(60):
            add(f'far, "over" {i} ' + "y" * rng.randint(100, 4000))  # far over, quoted
    return with_rows(change)


@case({"outcome": "ok",
       "bronze": {"requests": {"rows": 20, "rejects": {"field_count": 1}}},
       "silver": {"requests": {"rows_out": 20}}})
def million_columns():
    def change(rows):
        rows["requests"].append(b"," * 999_999)
    return with_rows(change)


@case({"outcome": "ok",
       "bronze": {e: {"rows": 0} for e in HEADERS},
       "silver": {e: {"rows_out": 0} for e in HEADERS}})
def only_header():
    return {path(e): csv_bytes(HEADERS[e], []) for e in HEADERS}


@case({"outcome": "fail", "stage": "bronze",
       "message": [r"requests/part-00000\.csv", r"id_md5"]})
def no_header():
    files = baseline_files()
    data = files[path("requests")]
    files[path("requests")] = data[data.index(b"\n") + 1:]
    return files


@case({"outcome": "fail", "stage": "bronze", "message": [r"requests/part-00000\.csv", r"twice"]})
def header_duplicate_column():
    files = baseline_files()
    header = ",".join(HEADERS["requests"] + ["TS"]).encode()
    data = files[path("requests")]
    files[path("requests")] = header + data[data.index(b"\n"):]
    return files


@case({"outcome": "fail", "stage": "bronze",
       "message": [r"campaigns/part-00000\.csv", r"'bid'"]})
def header_missing_column():
    rows = baseline_rows()
    files = baseline_files(rows)
    files[path("campaigns")] = csv_bytes(HEADERS["campaigns"][:-1],
                                         [r[:-1] for r in rows["campaigns"]])
    return files


@case({"outcome": "fail", "stage": "bronze", "message": [r"requests/part-00001\.csv", r"header"]})
def empty_file():
    files = baseline_files()
    files["requests/part-00001.csv"] = b""
    return files


@case({"outcome": "fail", "stage": "bronze", "message": [r"app_metadata"]})
def missing_entity():
    files = baseline_files()
    del files[path("app_metadata")]
    return files


@case({"outcome": "ok", "same_as_baseline": ["silver.h5"],
       "bronze": {"requests": {"rows": 20}}})
def reordered_and_extra_columns():
    rows = baseline_rows()
    files = baseline_files(rows)
    header = ["Note"] + [f"  {c.upper()} " for c in reversed(HEADERS["requests"])] + ["x"]
    files[path("requests")] = csv_bytes(header, [["n"] + r[::-1] + ["y,z"]
                                                 for r in rows["requests"]])
    return files


@case({"outcome": "ok", "same_as_baseline": ["silver.h5"]})
def crlf_and_lf_mixed():
    files = baseline_files()
    for name, data in files.items():
        lines = data.split(b"\n")
        files[name] = b"".join(line + (b"\r\n" if k % 2 else b"\n")
                               for k, line in enumerate(lines[:-1]))
    return files


@case({"outcome": "ok", "same_as_baseline": ["silver.h5"]})
def byte_order_mark():
    return {name: b"\xef\xbb\xbf" + data for name, data in baseline_files().items()}


@case({"outcome": "ok",
       "bronze": {"requests": {"rows": 20, "blank_lines": 4, "rejects": {"unterminated_quote": 2}}},
       "same_as_baseline": ["silver.h5"]})
def blank_lines_and_open_quotes():
    def change(rows):
        rows["requests"][5:5] = [b"", b"  \t ", b"\r", b"\t\r"]
        rows["requests"].append(b'"' + md5("open").encode() + b',2024-03-01T10:00:00Z,u,a,p,o,i')
        rows["requests"].append(md5("open2").encode() + b',ts,"u,a,p,o,i')
    return with_rows(change)


@case({"outcome": "ok", "same_as_baseline": ["silver.h5"]})
def single_file_entities():
    files = baseline_files()
    return {f"{e}.csv" if e in ("clicks", "campaigns") else name: data
            for name, data in files.items() for e in [name.split("/")[0]]}


# --- values -----------------------------------------------------------------

TIMESTAMPS = {  # value -> epoch seconds, or None when invalid
    "2024-02-29T12:00:00Z": 1709208000,
    "2023-02-29T12:00:00Z": None,
    "1999-12-31T23:59:59Z": None,
    "2000-01-01T00:00:00Z": 946684800,
    "2100-01-01T00:00:00Z": None,
    "2099-12-31T23:59:59Z": 4102444799,
    "2000-01-01T00:30:00+01:00": None,
    "1999-12-31T23:30:00-01:00": 946686600,
    "2100-01-01T00:30:00+01:00": 4102443000,
    "2024-03-01T00:30:00+01:00": 1709249400,
    "2024-02-29 23:45:00-00:30": 1709252100,
    "2024-03-01T10:00:00.999999Z": 1709287200,
    "0": None,
    "946684800": 946684800,
    "946684799": None,
    "4102444799": 4102444799,
    "4102444800": None,
    "1709287200999": 1709287200,
    "170928720099": None,
    "2024-06-30T23:59:60Z": None,
    "2024-03-01t10:00:00z": None,
    "2024-03-01T24:00:00Z": None,
    "2024-03-01T10:00:00+24:00": None,
    "": None,
}


def _timestamp_expect():
    valid = sum(v is not None for v in TIMESTAMPS.values())
    values = [["fact_ad_funnel", "id_md5", md5("ts|" + t), "ts", v]
              for t, v in TIMESTAMPS.items() if v is not None]
    return {"outcome": "ok",
            "silver": {"requests": {"rows_out": N_REQUESTS + valid,
                                    "rejects": {"invalid_timestamp": len(TIMESTAMPS) - valid}}},
            "values": values}


@case(_timestamp_expect())
def timestamp_edges():
    def change(rows):
        for t in TIMESTAMPS:
            rows["requests"].append([md5("ts|" + t), t, "u1", "app1", "tablet", "ios", "1.2.3.4"])
    return with_rows(change)


BIDS = {"1e3": None, "+1.5": None, "1 .5": None, "1,5": None, "1e400": None, "NaN": None,
        "-1": None, "1000": None, ".5": None, "5.": None, "0x10": None, "inf": None,
        " 2.5\t": 2500000, "999.9999995": 1000000000, "0.0000005": 1, "007.25": 7250000,
        "0.1234564999": 123456}
AGES = {"1e2": -1, "+30": 30, " 40 ": 40, "30.0": 30, "30.5": -1, "NaN": -1, "12": -1,
        "101": -1, "100": 100, "3,0": -1, "-20": -1, "4 0": -1}
RATINGS = {"5.0": 5.0, "5.01": 0.0, "-0": 0.0, "4,5": 0.0, "1e0": 0.0, "NaN": 0.0, "+4.5": 4.5,
           "-1": 0.0, " 3 ": 3.0, "inf": 0.0}


def _number_expect():
    valid = sum(v is not None for v in BIDS.values())
    values = [["campaigns", "campaign_id", f"bid{k}", "bid_micros", v]
              for k, v in enumerate(BIDS.values()) if v is not None]
    values += [["users", "user_id", f"age{k}", "age", v] for k, v in enumerate(AGES.values())]
    values += [["apps", "app_id", f"rating{k}", "app_rating", v]
               for k, v in enumerate(RATINGS.values())]
    return {"outcome": "ok",
            "silver": {"campaigns": {"rows_out": 3 + valid,
                                     "rejects": {"invalid_number": len(BIDS) - valid}},
                       "user_profiles": {"rows_out": 5 + len(AGES)},
                       "app_metadata": {"rows_out": 3 + len(RATINGS)}},
            "values": values}


@case(_number_expect())
def number_edges():
    def change(rows):
        for k, b in enumerate(BIDS):
            rows["campaigns"].append([f"bid{k}", "Adv", "CPC", "news", b])
        for k, a in enumerate(AGES):
            rows["user_profiles"].append([f"age{k}", a, "f", "NY", "news", DAY])
        for k, r in enumerate(RATINGS):
            rows["app_metadata"].append([f"rating{k}", "App", "news", r])
    return with_rows(change)


def _id_expect():
    upper = md5("upper").upper()
    return {"outcome": "ok",
            "silver": {"requests": {"rows_out": N_REQUESTS + 2, "rejects": {"invalid_id": 4}},
                       "user_profiles": {"rows_out": 6, "rejects": {"missing_key": 2}}},
            "values": [["fact_ad_funnel", "id_md5", upper.lower(), "user_id", "u" * 64],
                       ["fact_ad_funnel", "id_md5", md5("user-empty"), "user_id", "unknown"],
                       ["users", "user_id", "v" * 64, "age", 33]]}


@case(_id_expect())
def id_edges():
    def change(rows):
        req = lambda i, u="u1": [i, iso(T0), u, "app1", "phone", "ios", "1.2.3.4"]
        rows["requests"] += [req(md5("31")[:31]), req(md5("33") + "a"), req(md5("g")[:31] + "g"),
                             req(md5("upper").upper(), "u" * 64), req(md5("u65"), "u" * 65),
                             req(md5("user-empty"), "")]
        rows["user_profiles"] += [["v" * 64, "33", "m", "TX", "food", DAY],
                                  ["v" * 65, "33", "m", "TX", "food", DAY],
                                  ["  ", "33", "m", "TX", "food", DAY]]
    return with_rows(change)


# --- whole entities and skew ------------------------------------------------

@case({"outcome": "ok",
       "silver": {"clicks": {"rows_out": 0, "rejects": {"invalid_timestamp": N_CLICKS}}}})
def entity_all_rejected():
    def change(rows):
        for row in rows["clicks"]:
            row[1] = "yesterday"
    return with_rows(change)


@case({"outcome": "ok",
       "silver": {"campaigns": {"rows_out": 0},
                  "impressions": {"rows_out": 0, "rejects": {"unknown_campaign": N_IMPRESSIONS}},
                  "clicks": {"rows_out": 0, "rejects": {"orphan_click": N_CLICKS}},
                  "app_metadata": {"rows_out": 0}}})
def dimension_empty():
    def change(rows):
        rows["campaigns"] = []
        rows["app_metadata"] = []
    return with_rows(change)


@case({"outcome": "ok",
       "bronze": {"requests": {"rows": N_REQUESTS * 1000}},
       "silver": {"requests": {"rows_out": N_REQUESTS, "duplicates": N_REQUESTS * 999}},
       "same_as_baseline": ["silver.h5"]})
def requests_duplicated_1000x():
    def change(rows):
        rows["requests"] = [r for r in rows["requests"] for _ in range(1000)]
    return with_rows(change)


@case({"outcome": "ok",
       "bronze": {"clicks": {"rows": N_CLICKS + 1_000_000}},
       "silver": {"clicks": {"rows_out": N_CLICKS + 1, "duplicates": 999_999}},
       "values": [["fact_ad_funnel", "id_md5", md5("hot"), "n_clicks_raw", 1_000_000],
                  ["fact_ad_funnel", "id_md5", md5("hot"), "click_ts", T0 + 5]]})
def user_million_clicks():
    def change(rows):
        rows["requests"].append([md5("hot"), iso(T0), "u_hot", "app0", "phone", "ios", "1.2.3.4"])
        rows["impressions"].append([md5("hot"), iso(T0 + 1), "cmp0", "1", "0.5"])
        rows["user_profiles"].append(["u_hot", "30", "m", "CA", "gaming", DAY])
        hot = md5("hot").encode()
        rows["clicks"] += [hot + b"," + str(T0 + 5 + k % 80000).encode() + b",0"
                           for k in range(1_000_000)]
    return with_rows(change)


def big(out_dir, n):
    """N requests, 70% with an impression, 10% with a click, in 4 files each."""
    ids = [hashlib.md5(str(i).encode()).hexdigest() for i in range(n)]
    parts = 4
    def write(entity, header, make_line, count):
        os.makedirs(os.path.join(out_dir, entity), exist_ok=True)
        for p in range(parts):
            with open(os.path.join(out_dir, entity, f"part-{p:05d}.csv"), "w") as f:
                f.write(",".join(header) + "\n")
                f.write("".join(make_line(i) for i in range(p, count, parts)))
    write("requests", HEADERS["requests"],
          lambda i: f"{ids[i]},{T0 + i},u{i % 5000},app{i % 50},phone,android,10.{i % 256}.0.7\n", n)
    write("impressions", HEADERS["impressions"],
          lambda i: f"{ids[i]},{T0 + i + 1},cmp{i % 40},{i % 10},0.{i % 1000:03d}\n", n * 7 // 10)
    write("clicks", HEADERS["clicks"], lambda i: f"{ids[i * 7]},{T0 + i * 7 + 9},{i % 2}\n",
          n // 10)
    write("user_profiles", HEADERS["user_profiles"],
          lambda i: f"u{i},{13 + i % 80},{'mf'[i % 2]},CA,gaming,{DAY}\n", 5000)
    write("campaigns", HEADERS["campaigns"],
          lambda i: f"cmp{i},Adv {i % 7},{['CPC', 'CPI', 'CPM'][i % 3]},gaming,1.{i:02d}\n", 40)
    write("app_metadata", HEADERS["app_metadata"], lambda i: f"app{i},App {i},news,4.{i % 10}\n", 50)


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "list":
        print("\n".join(CASES))
    elif len(sys.argv) == 4 and sys.argv[1] == "make":
        make, _ = CASES[sys.argv[2]]
        for name, data in make().items():
            target = os.path.join(sys.argv[3], name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(data)
    elif len(sys.argv) == 4 and sys.argv[1] == "big":
        big(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 3 and sys.argv[1] == "expect":
        print(json.dumps(CASES[sys.argv[2]][1]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
