#!/usr/bin/env python3
"""An independent reference for adlake silver (CONTRACT 2.3, 2.4, 2.5).

    silver_reference.py generate RAW --requests N --seed S
        writes noisy CSV logs (several files per entity, shuffled rows, quoting,
        padding, case, aliases, every timestamp form, duplicates, orphans, bad
        values) whose cleaned values the generator knows by construction;
    silver_reference.py same A.h5 B.h5
        compares two silver.h5 files: every dataset (type, enum members, values)
        and attribute, except those naming the run and the options
        (created_at, run, params);
    silver_reference.py check RAW LAKE --requests N --seed S
        regenerates the same rows in memory, computes silver.h5 from the known
        clean values with the contract's rules, and compares it with
        LAKE/silver.h5 value for value (fact, dimensions, rejects, stats).

The value rules are not re-implemented: each raw value is rendered from a
clean value by a form the contract maps back to it (or to a known reject), so
the check covers the whole stage: value rules as the stage applies them, dedup
orders, input-order ties, referential checks, click groups, joins and revenue.
"""
import argparse
import json
import os
import random
import re
import sys
import time

MIN_TS = 946684800
END_TS = 4102444800
CATEGORIES = ["education", "finance", "food", "gaming", "health", "news", "shopping", "social",
              "sports", "travel"]
STATES = {"AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "CA": "California",
          "DC": "District of Columbia", "NY": "New York", "NC": "North Carolina",
          "TX": "Texas", "WV": "West Virginia", "WY": "Wyoming"}
DEVICE_ALIASES = {"phone": ["phone", "Mobile", "SMARTPHONE"], "tablet": ["tablet", "Tablet"],
                  "desktop": ["desktop", "PC", "computer"], "ctv": ["ctv", "TV", "smart_tv",
                                                                    "Connected_TV"],
                  "unknown": ["", "fridge", "smart tv"]}
OS_ALIASES = {"android": ["android", "Android"], "ios": ["iOS", "iphone os"],
              "windows": ["Windows", "win", "WIN10", "windows 10"],
              "macos": ["macos", "Mac", "OSX", "mac os x"], "linux": ["linux", "LINUX"],
              "unknown": [""], "other": ["beos", "unknown", "other", "mac  os x"]}
GENDER_ALIASES = {"M": ["m", "Male", "MAN"], "F": ["F", "female", "Woman"],
                  "U": ["", "x", "unknown"]}
INSTALL_TRUE = ["1", "true", "Yes", "y", "T"]
INSTALL_FALSE = ["0", "false", "no", "", "2"]


def age_bucket(age):
    if age < 13:
        return "unknown"
    for top, label in ((17, "13-17"), (24, "18-24"), (34, "25-34"), (44, "35-44"), (54, "45-54"),
                       (64, "55-64")):
        if age <= top:
            return label
    return "65+"


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def pad(self, s):
        r = self.r.random()
        if r < 0.1:
            return " " + s + "\t"
        if r < 0.15:
            return "\t " + s
        return s

    def case(self, s):
        r = self.r.random()
        if r < 0.2:
            return s.upper()
        if r < 0.3:
            return s.swapcase()
        return s

    # --- values: (raw text, clean value) ---
    def ts(self, clean):
        """A raw text whose cleaned value is `clean` (epoch seconds)."""
        r = self.r.random()
        if r < 0.3:
            return self.pad(time_text(clean, "T") + "Z"), clean
        if r < 0.45:
            return self.pad(time_text(clean, " ")), clean
        if r < 0.55:
            return time_text(clean, "T") + "." + str(self.r.randint(0, 999999)), clean
        if r < 0.7:
            minutes = self.r.choice([-600, -330, 0, 60, 345, 23 * 60 + 59])
            sign = "+" if minutes >= 0 else "-"
            local = clean + minutes * 60
            return (time_text(local, "T") + "%s%02d:%02d" % (sign, abs(minutes) // 60,
                                                              abs(minutes) % 60)), clean
        if r < 0.85:
            return self.pad(str(clean)), clean
        return str(clean * 1000 + self.r.randint(0, 999)), clean

    def bad_ts(self):
        return self.r.choice(["2024-02-30 00:00:00", "yesterday", "170000000000",
                              "1999-12-31T23:59:59Z", "2024-01-01T24:00:00", "2024-01-01t00:00:00",
                              "", "2024-01-01T00:00:00+24:00", "2024-1-01 00:00:00"])

    def id_md5(self, clean):
        r = self.r.random()
        if r < 0.2:
            return self.pad(clean.upper()), clean
        return self.pad(clean), clean

    def bad_id(self, clean):
        return self.r.choice([clean[:31], clean + "0", "g" + clean[1:], "", "not-an-id"])

    def money(self, micros):
        """A raw price text whose micros are `micros` (< 1e9)."""
        whole, frac = divmod(micros, 1000000)
        r = self.r.random()
        if r < 0.2 and frac == 0:
            return self.pad(str(whole)), micros
        if r < 0.3:
            # Seven or more fraction digits, rounded half away from zero.
            if frac > 0:
                return "%d.%06d4%d" % (whole, frac, self.r.randint(0, 9)), micros
            return "%d.%06d" % (whole, frac), micros
        if r < 0.4 and micros > 0:
            down = micros - 1
            w, f = divmod(down, 1000000)
            return "%d.%06d5" % (w, f), micros
        if r < 0.5:
            return "0%d.%06d" % (whole, frac), micros
        return "%d.%06d" % (whole, frac), micros

    def bad_money(self):
        return self.r.choice(["-1", ".5", "5.", "1e3", "1000", "1000.0", "abc", "", "1,5", "$3"])

    def choose(self, aliases, clean=None):
        if clean is None:
            clean = self.r.choice(list(aliases))
        return self.pad(self.r.choice(aliases[clean])), clean

    def category(self):
        if self.r.random() < 0.1:
            return self.r.choice(["", "knitting", "none", "game"]), "unknown"
        c = self.r.choice(CATEGORIES)
        return self.pad(self.case(c)), c

    def state(self):
        r = self.r.random()
        if r < 0.1:
            return self.r.choice(["", "PR", "Narnia", "D.C."]), "UNK"
        code = self.r.choice(list(STATES))
        if r < 0.5:
            return self.pad(self.case(code)), code
        name = STATES[code]
        if " " in name and self.r.random() < 0.5:
            name = name.replace(" ", "  ")
        return self.pad(self.case(name)), code

    def age(self):
        r = self.r.random()
        if r < 0.15:
            return self.r.choice(["", "12", "101", "30.5", "abc", "-30", "1e2"]), -1
        a = self.r.randint(13, 100)
        return self.r.choice([str(a), "0%d" % a, "%d.0" % a, "+%d" % a]), a

    def rating(self):
        r = self.r.random()
        if r < 0.1:
            return self.r.choice(["", "5.01", "abc", "-1", "nan"]), 0.0
        tenths = self.r.randint(0, 50)
        text = "%d.%d" % divmod(tenths, 10)
        return self.pad(text), float(text)

    def ip(self):
        r = self.r.random()
        if r < 0.1:
            return self.r.choice(["", "256.1.1.1", "1.2.3", "::1", "1.2.3.4.5", "0001.2.3.4"]), \
                "unknown"
        parts = [self.r.randint(0, 255) for _ in range(4)]
        text = ".".join(("0" + str(p)) if self.r.random() < 0.05 and p < 100 else str(p)
                        for p in parts)
        return self.pad(text), "%d.%d.%d.0/24" % tuple(parts[:3])


def time_text(epoch, sep):
    t = time.gmtime(epoch)
    return "%04d-%02d-%02d%s%02d:%02d:%02d" % (t.tm_year, t.tm_mon, t.tm_mday, sep, t.tm_hour,
                                                t.tm_min, t.tm_sec)


class Row:
    """A raw row and what silver makes of it: `clean` (a dict) or `reason`."""
    __slots__ = ("values", "clean", "reason", "file", "line")

    def __init__(self, values, clean=None, reason=None):
        self.values, self.clean, self.reason = values, clean, reason
        self.file = self.line = None


def generate_rows(n_requests, seed):
    g = Gen(seed)
    r = g.r
    base = 1704067200
    n_users = max(3, n_requests // 5)
    n_apps = max(3, n_requests // 50)
    n_campaigns = max(3, n_requests // 100)
    ent = {k: [] for k in ("requests", "impressions", "clicks", "user_profiles", "campaigns",
                           "app_metadata")}

    def ids(prefix, n):
        return ["%s%d" % (prefix, i) for i in range(n)]

    users, apps, campaigns = ids("u", n_users), ids("app-", n_apps), ids("C", n_campaigns)

    # Dimensions: 0-2 extra versions per key, some invalid rows.
    for u in users[:-1]:  # the last user has no profile
        for _ in range(r.choice([1, 1, 1, 2, 3])):
            age_raw, age = g.age()
            gender_raw, gender = g.choose(GENDER_ALIASES)
            state_raw, state = g.state()
            interest_raw, interest = g.category()
            upd = r.randint(base - 400 * 86400, base)
            if r.random() < 0.3:
                upd = base - 86400  # equal updated_at: the other columns decide
            upd_raw, _ = g.ts(upd)
            clean = {"user_id": u, "age": age, "age_bucket": age_bucket(age), "gender": gender,
                     "user_state": state, "interest": interest, "updated_at": upd}
            ent["user_profiles"].append(Row([g.pad(u), age_raw, gender_raw, state_raw,
                                             interest_raw, upd_raw], clean))
        if r.random() < 0.03:
            ent["user_profiles"].append(Row([u, "30", "m", "CA", "news", g.bad_ts()],
                                            reason="invalid_timestamp"))
    ent["user_profiles"].append(Row([" \t", "30", "m", "CA", "news", "1700000000"],
                                    reason="missing_key"))
    ent["user_profiles"].append(Row(["x" * 65, "30", "m", "CA", "news", "bad"],
                                    reason="missing_key"))
    for a in apps[:-1]:
        for _ in range(r.choice([1, 1, 2])):
            name = r.choice(["App " + a, "app " + a, "Z" + a, "", "n" * 140])
            clean_name = "unknown" if name == "" else name[:128]
            genre_raw, genre = g.category()
            rating_raw, rating = g.rating()
            ent["app_metadata"].append(Row([g.pad(a), name, genre_raw, rating_raw],
                                           {"app_id": a, "app_name": clean_name, "genre": genre,
                                            "app_rating": rating}))
    ent["app_metadata"].append(Row(["", "x", "news", "1"], reason="missing_key"))
    known_campaigns = campaigns[:-1]  # the last campaign exists only in impressions
    for c in known_campaigns:
        for _ in range(r.choice([1, 1, 2])):
            adv = r.choice(["Acme", "acme", "Beta Corp", "", "b" * 130, "Zed"])
            clean_adv = "unknown" if adv == "" else adv[:128]
            ctype = r.choice(["CPC", "CPI", "CPM"])
            ctype_raw = g.pad(r.choice([ctype, ctype.lower(), ctype.capitalize()]))
            cat_raw, cat = g.category()
            bid = r.choice([r.randint(1, 20) * 250000, r.randint(1, 5000000), 999])
            bid_raw, _ = g.money(bid)
            ent["campaigns"].append(Row([g.pad(c), adv, ctype_raw, cat_raw, bid_raw],
                                        {"campaign_id": c, "advertiser": clean_adv,
                                         "campaign_type": ctype, "category": cat,
                                         "bid_micros": bid}))
        if r.random() < 0.1:
            ent["campaigns"].append(Row([c, "x", r.choice(["CPA", "", "C P C"]), "news", "1"],
                                        reason="invalid_campaign_type"))
        if r.random() < 0.1:
            ent["campaigns"].append(Row([c, "x", "CPC", "news", g.bad_money()],
                                        reason="invalid_number"))

    # Requests, impressions, clicks.
    for i in range(n_requests):
        id_clean = "%032x" % r.getrandbits(128)
        if i % 97 == 5:
            id_clean = "%02x" % (i % 256) + id_clean[2:]  # clustered ids: uneven ranges
        kinds = r.random()
        has_request = kinds > 0.03  # else: impression/click orphans
        req_ts = r.randint(base, base + 30 * 86400)
        if has_request:
            for k in range(r.choice([1] * 8 + [2, 3])):
                ts = req_ts + (0 if k == 0 or r.random() < 0.5 else r.randint(-5, 5))
                id_raw, _ = g.id_md5(id_clean)
                ts_raw, _ = g.ts(ts)
                user = r.choice(users + [""]) if r.random() > 0.02 else "x" * 64
                app = r.choice(apps + [""])
                dev_raw, dev = g.choose(DEVICE_ALIASES)
                os_raw, os_clean = g.choose(OS_ALIASES)
                ip_raw, ip = g.ip()
                clean = {"id_md5": id_clean, "ts": ts, "user_id": user or "unknown",
                         "app_id": app or "unknown", "device_type": dev, "os": os_clean,
                         "ip_prefix": ip}
                ent["requests"].append(Row([id_raw, ts_raw, g.pad(user), g.pad(app), dev_raw,
                                            os_raw, ip_raw], clean))
            if r.random() < 0.02:
                ent["requests"].append(Row([g.bad_id(id_clean), "1704067200", "u", "a", "", "",
                                            "1.2.3.4"], reason="invalid_id"))
            if r.random() < 0.02:
                ent["requests"].append(Row([id_clean, g.bad_ts(), "u", "a", "", "", "9.9.9.9"],
                                           reason="invalid_timestamp"))
            if r.random() < 0.01:
                ent["requests"].append(Row([id_clean, "1704067200", "u" * 65, "a", "", "", ""],
                                           reason="invalid_id"))
        if r.random() < 0.6:
            imp_ts = req_ts + r.randint(0, 5)
            for k in range(r.choice([1] * 9 + [2])):
                ts = imp_ts + (0 if k == 0 else r.randint(-2, 2))
                camp = r.choice(campaigns) if r.random() > 0.01 else "gone"
                slot = r.randint(-1, 9)
                slot_raw = str(slot) if slot >= 0 else r.choice(["", "10", "-1", "3.0", "x"])
                if slot >= 0 and r.random() < 0.1:
                    slot_raw = "0" + slot_raw
                price = r.randint(1, 3000000)
                price_raw, _ = g.money(price)
                id_raw, _ = g.id_md5(id_clean)
                ts_raw, _ = g.ts(ts)
                ent["impressions"].append(Row([id_raw, ts_raw, g.pad(camp), g.pad(slot_raw),
                                               price_raw],
                                              {"id_md5": id_clean, "ts": ts, "campaign_id": camp,
                                               "slot": slot, "win_price_micros": price}))
            if r.random() < 0.02:
                ent["impressions"].append(Row([id_clean, "1704067200", "", "1", "1"],
                                              reason="missing_key"))
            if r.random() < 0.02:
                ent["impressions"].append(Row([id_clean, "1704067200", "C1", "1", g.bad_money()],
                                              reason="invalid_number"))
            if r.random() < 0.15:
                for _ in range(r.choice([1, 1, 2, 5])):
                    offset = r.choice([0, 10, 3600, 86400, 86401, -1, 100])
                    install_raw = r.choice(INSTALL_TRUE + INSTALL_FALSE)
                    ts_raw, ts = g.ts(imp_ts + offset)
                    ent["clicks"].append(Row([g.id_md5(id_clean)[0], ts_raw, g.pad(install_raw)],
                                             {"id_md5": id_clean, "ts": ts,
                                              "is_install": int(install_raw in INSTALL_TRUE)}))
        elif r.random() < 0.02:
            ent["clicks"].append(Row([id_clean, str(req_ts), "1"],
                                     {"id_md5": id_clean, "ts": req_ts, "is_install": 1}))
        if r.random() < 0.005:
            ent["clicks"].append(Row([id_clean, g.bad_ts(), "1"], reason="invalid_timestamp"))
    return ent


COLUMNS = {
    "requests": ["id_md5", "ts", "user_id", "app_id", "device_type", "os", "ip"],
    "impressions": ["id_md5", "ts", "campaign_id", "slot", "win_price"],
    "clicks": ["id_md5", "ts", "is_install"],
    "user_profiles": ["user_id", "age", "gender", "state", "interest", "updated_at"],
    "campaigns": ["campaign_id", "advertiser", "campaign_type", "category", "bid"],
    "app_metadata": ["app_id", "app_name", "genre", "rating"],
}


def csv_field(value, r):
    if any(c in value for c in ',"') or value.startswith('"') or r.random() < 0.05:
        return '"' + value.replace('"', '""') + '"'
    return value


def place_rows(ent, seed):
    """Shuffles each entity's rows into files (names sorted differently from
    creation order) and assigns (file, line); returns {entity: [(name, text)]}."""
    r = random.Random(seed + 1)
    out = {}
    for entity, rows in ent.items():
        r.shuffle(rows)
        n_files = 1 + r.randrange(3) if len(rows) > 10 else 1
        names = ["%s/part-%s.csv" % (entity, tag) for tag in r.sample(["b", "a10", "a9", "c"],
                                                                      n_files)]
        files = []
        for f, name in enumerate(names):
            chunk = rows[f * len(rows) // n_files:(f + 1) * len(rows) // n_files]
            lines = [",".join(COLUMNS[entity])]
            for row in chunk:
                if r.random() < 0.01:
                    lines.append("")  # a blank line
                row.file, row.line = name, len(lines) + 1
                lines.append(",".join(csv_field(v, r) for v in row.values))
            files.append((name, "\n".join(lines) + "\n"))
        out[entity] = files
    return out


# --- the contract's rules on clean values ---

def order_key(row, fields, descending=()):
    key = []
    for f in fields:
        v = row.clean[f]
        if isinstance(v, str):
            v = v.encode()
        if f in descending:
            v = -v
        key.append(v)
    return key


def dedup(rows, key, order, descending=()):
    """First row per key in (order, file name, line); returns kept rows by key."""
    best = {}
    dups = 0
    for row in rows:
        k = row.clean[key].encode()
        rank = (order_key(row, order, descending), row.file.encode(), row.line)
        if k in best:
            dups += 1
            if rank < best[k][0]:
                best[k] = (rank, row)
        else:
            best[k] = (rank, row)
    return {k: v[1] for k, v in best.items()}, dups


def expected_silver(ent):
    stats = {e: {"rows_in": len(rows), "rejects": {}, "duplicates": 0, "rows_out": 0}
             for e, rows in ent.items()}
    rejects = {e: [] for e in ent}

    def reject(entity, row, reason):
        rejects[entity].append((row.file, row.line, reason, row.values))
        s = stats[entity]["rejects"]
        s[reason] = s.get(reason, 0) + 1

    valid = {}
    for entity, rows in ent.items():
        valid[entity] = []
        for row in rows:
            if row.reason:
                reject(entity, row, row.reason)
            else:
                valid[entity].append(row)
    requests, stats["requests"]["duplicates"] = dedup(
        valid["requests"], "id_md5", ["ts", "user_id", "app_id", "device_type", "os", "ip_prefix"])
    imps, stats["impressions"]["duplicates"] = dedup(
        valid["impressions"], "id_md5", ["ts", "campaign_id", "slot", "win_price_micros"])
    users, stats["user_profiles"]["duplicates"] = dedup(
        valid["user_profiles"], "user_id",
        ["updated_at", "age", "gender", "user_state", "interest"], descending=("updated_at",))
    camps, stats["campaigns"]["duplicates"] = dedup(
        valid["campaigns"], "campaign_id",
        ["advertiser", "campaign_type", "category", "bid_micros"])
    apps, stats["app_metadata"]["duplicates"] = dedup(
        valid["app_metadata"], "app_id", ["app_name", "genre", "app_rating"])
    kept_imps = {}
    for k, row in imps.items():
        if k not in requests:
            reject("impressions", row, "orphan_impression")
        elif row.clean["campaign_id"].encode() not in camps:
            reject("impressions", row, "unknown_campaign")
        else:
            kept_imps[k] = row
    groups = {}
    for row in valid["clicks"]:
        k = row.clean["id_md5"].encode()
        imp = kept_imps.get(k)
        if imp is None:
            reject("clicks", row, "orphan_click")
        elif not imp.clean["ts"] <= row.clean["ts"] <= imp.clean["ts"] + 86400:
            reject("clicks", row, "click_out_of_window")
        else:
            g = groups.setdefault(k, [row.clean["ts"], 0, 0])
            g[0] = min(g[0], row.clean["ts"])
            g[1] += 1
            g[2] |= row.clean["is_install"]
    stats["clicks"]["duplicates"] = sum(g[1] for g in groups.values()) - len(groups)
    stats["clicks"]["rows_out"] = len(groups)
    stats["requests"]["rows_out"] = len(requests)
    stats["impressions"]["rows_out"] = len(kept_imps)
    stats["user_profiles"]["rows_out"] = len(users)
    stats["campaigns"]["rows_out"] = len(camps)
    stats["app_metadata"]["rows_out"] = len(apps)

    fact = []
    for k in sorted(requests):
        q = requests[k].clean
        row = {"id_md5": q["id_md5"], "ts": q["ts"], "user_id": q["user_id"],
               "app_id": q["app_id"], "device_type": q["device_type"], "os": q["os"],
               "ip_prefix": q["ip_prefix"]}
        u = users.get(q["user_id"].encode())
        u = u.clean if u else {"age": -1, "age_bucket": "unknown", "gender": "U",
                               "user_state": "UNK", "interest": "unknown"}
        for f in ("age", "age_bucket", "gender", "user_state", "interest"):
            row[f] = u[f]
        a = apps.get(q["app_id"].encode())
        row["genre"] = a.clean["genre"] if a else "unknown"
        row["app_rating"] = a.clean["app_rating"] if a else 0.0
        imp = kept_imps.get(k)
        if imp:
            c = camps[imp.clean["campaign_id"].encode()].clean
            row.update(has_impression=1, imp_ts=imp.clean["ts"],
                       campaign_id=imp.clean["campaign_id"], slot=imp.clean["slot"],
                       win_price_micros=imp.clean["win_price_micros"],
                       campaign_type=c["campaign_type"], category=c["category"],
                       bid_micros=c["bid_micros"])
        else:
            row.update(has_impression=0, imp_ts=-1, campaign_id="", slot=-1, win_price_micros=0,
                       campaign_type="none", category="none", bid_micros=0)
        g = groups.get(k)
        row.update(is_click=int(g is not None), click_ts=g[0] if g else -1,
                   n_clicks_raw=g[1] if g else 0, is_install=g[2] if g else 0)
        t, bid = row["campaign_type"], row["bid_micros"]
        row["revenue_micros"] = (bid if t == "CPC" and row["is_click"] else
                                 bid if t == "CPI" and row["is_install"] else
                                 bid // 1000 if t == "CPM" else 0)
        fact.append(row)
    dims = {
        "/users": [users[k].clean for k in sorted(users)],
        "/campaigns": [camps[k].clean for k in sorted(camps)],
        "/apps": [apps[k].clean for k in sorted(apps)],
    }
    for e in rejects:
        rejects[e].sort(key=lambda x: (x[0].encode(), x[1]))
    return fact, dims, rejects, stats


# --- comparison with silver.h5 ---

def column_values(g, column):
    """Column `column` of table group `g`, strings whole: a rejects table's
    long values are in its overflow group (CONTRACT 5)."""
    import h5py
    ds = g[column]
    values = ds[()]
    enum = h5py.check_enum_dtype(ds.dtype)
    if enum:
        names = {v: k for k, v in enum.items()}
        return [names[int(v)] for v in values]
    if ds.dtype.kind == "S":
        values = list(values)
        if ds.attrs.get("long_values", 0):
            long = g["_long"][column]
            offsets, data = long["offset"][()], long["bytes"][()]
            for j, row in enumerate(long["row"][()]):
                values[row] = data[offsets[j]:offsets[j + 1]].tobytes()
        return [v.decode() for v in values]
    return [v.item() for v in values]


def compare(lake, fact, dims, rejects, stats):
    import h5py
    problems = []

    def check_table(path, rows, columns):
        g = f[path]
        if g.attrs["rows"] != len(rows):
            problems.append("%s: %d rows, expected %d" % (path, g.attrs["rows"], len(rows)))
            return
        for c in columns:
            got = column_values(g, c)
            want = [r[c] for r in rows]
            if got != want:
                bad = next(i for i in range(len(want)) if got[i] != want[i])
                problems.append("%s/%s row %d: %r, expected %r" % (path, c, bad, got[bad],
                                                                  want[bad]))

    with h5py.File(os.path.join(lake, "silver.h5"), "r") as f:
        check_table("/fact_ad_funnel", fact, list(fact[0].keys()) if fact else [])
        if fact and sorted(f["/fact_ad_funnel"].keys()) != sorted(fact[0].keys()):
            # CONTRACT 2.4: exactly these columns (no copy of a dimension's text).
            problems.append("/fact_ad_funnel columns %s, expected %s" %
                            (sorted(f["/fact_ad_funnel"].keys()), sorted(fact[0].keys())))
        for path, rows in dims.items():
            check_table(path, rows, list(rows[0].keys()) if rows else [])
        paths = column_values(f["/_files"], "path")
        for entity, want in rejects.items():
            g = f["/_rejects/" + entity]
            got = list(zip([paths[i] for i in g["_file"][()]], g["_line"][()].tolist(),
                           column_values(g, "reason")))
            if got != [w[:3] for w in want]:
                problems.append("/_rejects/%s: %d rows differ from the %d expected" %
                                (entity, len(got), len(want)))
                continue
            for j, c in enumerate(COLUMNS[entity]):
                if c == "ip":
                    if c in g:
                        problems.append("/_rejects/%s has ip" % entity)
                    continue
                if column_values(g, c) != [w[3][j] for w in want]:
                    problems.append("/_rejects/%s/%s differs" % (entity, c))
        table_of = {"requests": "/fact_ad_funnel", "impressions": "/fact_ad_funnel",
                    "clicks": "/fact_ad_funnel", "user_profiles": "/users",
                    "campaigns": "/campaigns", "app_metadata": "/apps"}
        for entity, want in stats.items():
            got = json.loads(f[table_of[entity]].attrs["stats"])[entity]
            got["rejects"] = {k: v for k, v in got["rejects"].items() if v}
            if got != want:
                problems.append("stats of %s: %s, expected %s" % (entity, got, want))
            s = want
            if s["rows_in"] != sum(s["rejects"].values()) + s["duplicates"] + s["rows_out"]:
                problems.append("reference conservation fails for " + entity)
        problems += full_addresses(f)
    return problems


FULL_IP = re.compile(rb"(?<![0-9.])[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}(?!/24)(?![0-9])")


def full_addresses(f):
    """Privacy (CONTRACT 2.1): no string dataset or attribute holds a full IPv4."""
    import h5py
    found = []

    def visit(name, obj):
        for k, v in obj.attrs.items():
            if FULL_IP.search(v if isinstance(v, bytes) else str(v).encode()):
                found.append("%s attribute %s holds a full IPv4 address" % (name, k))
        if isinstance(obj, h5py.Dataset) and obj.dtype.kind == "S":
            if any(FULL_IP.search(v) for v in obj[()]):
                found.append("%s holds a full IPv4 address" % name)
        if isinstance(obj, h5py.Dataset) and "/_long/" in name and name.endswith("/bytes"):
            if FULL_IP.search(obj[()].tobytes()):  # long values, whole
                found.append("%s holds a full IPv4 address" % name)
    f.visititems(visit)
    return found


def same(a_path, b_path):
    import h5py
    import numpy as np
    skip = {"created_at", "run", "params"}

    def items(path):
        out = {}
        with h5py.File(path, "r") as f:
            def visit(name, obj):
                attrs = {k: (v.tobytes() if isinstance(v, np.ndarray) else v)
                         for k, v in obj.attrs.items() if k not in skip}
                if isinstance(obj, h5py.Dataset):
                    out[name] = (str(obj.dtype), h5py.check_enum_dtype(obj.dtype),
                                 obj[()].tobytes(), attrs)
                else:
                    out[name] = attrs
            visit("/", f)
            f.visititems(visit)
        return out

    a, b = items(a_path), items(b_path)
    problems = ["%s: only in one file" % k for k in sorted(set(a) ^ set(b))]
    problems += ["%s differs" % k for k in sorted(set(a) & set(b)) if a[k] != b[k]]
    return problems


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "same":
        problems = same(sys.argv[2], sys.argv[3])
        for line in problems[:20]:
            print("FAIL:", line)
        return 1 if problems else 0
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["generate", "check"])
    p.add_argument("raw")
    p.add_argument("lake", nargs="?")
    p.add_argument("--requests", type=int, default=2000)
    p.add_argument("--seed", type=int, default=7)
    a = p.parse_args()
    ent = generate_rows(a.requests, a.seed)
    files = place_rows(ent, a.seed)
    if a.mode == "generate":
        for entity, parts in files.items():
            os.makedirs(os.path.join(a.raw, entity), exist_ok=True)
            for name, text in parts:
                with open(os.path.join(a.raw, name), "w", encoding="utf-8", newline="") as out:
                    out.write(text)
        return 0
    fact, dims, rejects, stats = expected_silver(ent)
    problems = compare(a.lake, fact, dims, rejects, stats)
    for line in problems[:20]:
        print("FAIL:", line)
    print("silver_reference: %d fact rows, %d problems" % (len(fact), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
