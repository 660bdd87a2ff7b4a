#!/usr/bin/python3
"""Writes data/schema/<layer>.md from a lake that adlake wrote.

Every column's type, enum members and units are read from the layer files, so
they are what the code writes (the layers are the schema's one output a user
sees); only the sentence saying what a column means comes from MEANING below.
A column without a meaning, or a meaning for no column, is an error: a column
added to the code cannot reach the lake undocumented. tests/scripts/data_sample.sh
runs this on the lake made from data/raw and compares with the committed files.

    /usr/bin/python3 data/schema/make_schema.py LAKE OUT_FOLDER
"""
import json
import sys
from pathlib import Path

import h5py

ENTITIES = ["requests", "impressions", "clicks", "user_profiles", "campaigns", "app_metadata"]
LAYERS = {
    "bronze": ("CONTRACT 1 and 2.2: the raw CSV's rows, text as given", ENTITIES),
    "silver": ("CONTRACT 2.1-2.4: cleaned, deduplicated, joined",
               ["fact_ad_funnel", "users", "campaigns", "apps"]),
    "gold": ("CONTRACT 3.1-3.2: features for the model and aggregates",
             ["features", "revenue_by_state", "campaign_type_performance",
              "affinity_performance", "advertiser_performance", "hourly_performance",
              "funnel_summary"]),
}

# What each column means. Keys are "layer:column" or "column" (any layer).
MEANING = {
    "bronze:id_md5": "the ad request's transaction id, as logged",
    "bronze:ts": "when the event happened, as logged (ISO 8601 or epoch, CONTRACT 2.1)",
    "bronze:user_id": "the user, as logged",
    "bronze:app_id": "the app, as logged",
    "bronze:device_type": "device, as logged (aliases and any case)",
    "bronze:os": "operating system, as logged",
    "bronze:ip": "the full IPv4 address: only bronze holds it (file mode 0640)",
    "bronze:campaign_id": "the campaign, as logged",
    "bronze:slot": "ad slot, as logged",
    "bronze:win_price": "price paid for the impression in USD, as logged",
    "bronze:is_install": "install flag, as logged (1/true/yes/...)",
    "bronze:age": "age, as logged",
    "bronze:gender": "gender, as logged",
    "bronze:state": "US state code or name, as logged",
    "bronze:interest": "the user's interest topic, as logged",
    "bronze:updated_at": "when the profile was written, as logged",
    "bronze:advertiser": "advertiser's name, as logged",
    "bronze:campaign_type": "CPC, CPI or CPM, as logged",
    "bronze:category": "the campaign's topic, as logged",
    "bronze:bid": "the campaign's bid in USD, as logged",
    "bronze:app_name": "the app's name, as logged",
    "bronze:genre": "the app's topic, as logged",
    "bronze:rating": "the app's rating, as logged",
    "_file": "the input file: a row of /_files",
    "_line": "the physical line of that file (the header is line 1)",
    "id_md5": "the ad request's id: 32 lower-case hex digits",
    "ts": "request time, epoch seconds UTC",
    "user_id": "the user ('unknown' when the log had none)",
    "app_id": "the app ('unknown' when the log had none)",
    "device_type": "device (aliases folded, CONTRACT 2.1)",
    "os": "operating system ('other' for any unlisted one)",
    "ip_prefix": "the request's IPv4 /24 (a.b.c.0/24): the full address never leaves bronze",
    "age": "age in years, -1 when missing or out of [13, 100]",
    "age_bucket": "age group of `age`",
    "gender": "M, F or U (unknown)",
    "user_state": "the user's US state (USPS code), UNK when unknown",
    "interest": "the user's interest topic",
    "genre": "the app's topic",
    "app_rating": "the app's rating in [0, 5] (0.0 when unknown)",
    "has_impression": "1 when an impression was served for the request",
    "imp_ts": "impression time, epoch seconds UTC (-1 without impression)",
    "campaign_id": "the campaign (empty without impression)",
    "slot": "ad slot 0-9 (-1 unknown or without impression)",
    "win_price_micros": "price paid for the impression, micro-USD (0 without impression)",
    "campaign_type": "how the campaign pays: per click, install or thousand impressions",
    "category": "the campaign's topic",
    "bid_micros": "the campaign's bid, micro-USD",
    "is_click": "1 when the impression was clicked (the model's label)",
    "click_ts": "first kept click, epoch seconds UTC (-1 without click)",
    "n_clicks_raw": "click rows kept for the request before grouping (click fraud shows here)",
    "is_install": "1 when a kept click carried an install",
    "revenue_micros": "revenue, micro-USD (CONTRACT 2.4 by campaign type)",
    "updated_at": "when the kept profile was written, epoch seconds UTC",
    "advertiser": "the advertiser's name (cut to 128 bytes)",
    "app_name": "the app's name (cut to 128 bytes)",
    "split": "train or test, from the id's last eight hex digits (CONTRACT 3.1)",
    "hour_of_day": "hour of the impression, 0-23 UTC",
    "day_of_week": "day of the impression, 0 = Monday",
    "is_affinity_match": "1 when the user's interest equals the campaign's category",
    "is_contextual_match": "1 when the app's genre equals the campaign's category",
    "user_hist_impressions": "training impressions of the same user (other folds, CONTRACT 3.1)",
    "user_hist_ctr": "smoothed CTR of those impressions",
    "campaign_hist_impressions": "training impressions of the same campaign (other folds)",
    "campaign_hist_ctr": "smoothed CTR of those impressions",
    "app_hist_impressions": "training impressions of the same app (other folds)",
    "app_hist_ctr": "smoothed CTR of those impressions",
    "requests": "ad requests",
    "impressions": "impressions served",
    "clicks": "clicked impressions",
    "installs": "installs",
    "campaigns": "distinct campaigns",
    "spend_micros": "sum of win prices, micro-USD",
    "ctr": "clicks / impressions (0 when none)",
    "cvr": "installs / clicks (0 when none)",
    "ecpm_micros": "revenue per thousand impressions, micro-USD",
    "fill_rate": "impressions / requests",
}


def meaning(layer, table, column, used):
    for key in (f"{layer}:{table}:{column}", f"{layer}:{column}", column):
        if key in MEANING:
            used.add(key)
            return MEANING[key]
    raise SystemExit(f"make_schema.py: {layer}.h5:/{table} column {column} has no meaning")


def type_of(dataset):
    enum = h5py.check_enum_dtype(dataset.dtype)
    if enum is not None:
        return "enum", ", ".join(label for label, _ in sorted(enum.items(), key=lambda kv: kv[1]))
    kind = dataset.dtype
    if kind.kind == "S":
        return "string", ""
    return str(kind), ""


def layer_page(lake, layer, used):
    title, tables = LAYERS[layer]
    lines = [f"# {layer}.h5", "", f"{title}. Generated by `data/schema/make_schema.py` from the",
             "lake adlake writes for `data/raw`; do not edit by hand.", ""]
    with h5py.File(lake / f"{layer}.h5", "r") as f:
        for table in tables:
            group = f[table]
            lines += [f"## /{table}", "", str(group.attrs["description"]), "",
                      "| column | type | enum members | units | meaning |",
                      "| --- | --- | --- | --- | --- |"]
            for column in json.loads(group.attrs["columns"]):
                dataset = group[column]
                kind, members = type_of(dataset)
                units = str(dataset.attrs.get("units", ""))
                text = meaning(layer, table, column, used)
                lines.append(f"| `{column}` | {kind} | {members} | {units} | {text} |")
            lines.append("")
    return "\n".join(lines)


def main():
    lake, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    used = set()
    for layer in LAYERS:
        (out / f"{layer}.md").write_text(layer_page(lake, layer, used))
    unused = sorted(set(MEANING) - used)
    if unused:
        raise SystemExit(f"make_schema.py: meanings of no column: {', '.join(unused)}")


if __name__ == "__main__":
    main()
