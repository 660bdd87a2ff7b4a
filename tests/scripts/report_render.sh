#!/usr/bin/env bash
# Renders LAKE/report.html in headless Chromium (Debian's chromium package) and
# checks that the page makes no network request and logs no console message,
# that every section is there, and that every chart is drawn with marks. Saves
# a screenshot under $ADLAKE_BUILD/test-artifacts/ (and into docs/report.png
# when ADLAKE_UPDATE_DOCS=1).
# The lake comes from the pipeline (generate, bronze, silver, gold, train on
# 20k requests, 2 ranks) when those jobs exist, else from the fixture lake of
# tests/mpi/report_lake_test.cpp.
set -euo pipefail
source "$(dirname "$0")/../lib/script_env.sh"
source "$(dirname "$0")/../lib/script_checks.sh"

if ! command -v chromium >/dev/null; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    echo "installing Debian's chromium for the render test"
    export DEBIAN_FRONTEND=noninteractive
    (apt-get install -y -qq chromium fonts-dejavu-core || { apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core; }) >/dev/null
  else
    echo "SKIP: chromium is missing (as root: apt-get install -y chromium)"
    exit 77
  fi
fi
if ! "$python" -c 'import html.parser, json' 2>/dev/null; then
  echo "SKIP: $python is missing"; exit 77
fi

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
lake="$tmp/lake"
if has_job generate && has_job bronze && has_job silver && has_job gold; then
  echo "lake: the pipeline on 20k generated requests"
  run() { "$mpiexec" --oversubscribe -n 2 "$adlake" --log-level warn "$@"; }
  run generate --out "$tmp/raw" --requests 20000 --seed 7
  run bronze --input "$tmp/raw" --lake "$lake"
  run silver --lake "$lake"
  run gold --lake "$lake"
  if has_job train; then run train --lake "$lake"; fi
else
  echo "lake: the fixture of tests/mpi/report_lake_test.cpp (the pipeline's jobs are not all built yet)"
  mkdir -p "$lake"
  ADLAKE_REPORT_FIXTURE="$lake" "$build/tests/adlake_mpi_tests" \
    -tc="write the report fixture lake" >/dev/null
fi
# Two ranks: rank 0 writes the page, rank 1 only agrees on errors.
"$mpiexec" --oversubscribe -n 2 "$adlake" report --lake "$lake"
page="$lake/report.html"
test -s "$page"

chrome() {
  local profile
  profile=$(mktemp -d -p "$tmp")
  # The host resolver rule keeps Chromium's own background requests (updates,
  # time, accounts) on this machine; the page's requests are still logged.
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-default-apps \
    --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 --hide-scrollbars "$@"
}
# A control page that does load something and log to the console: the checks
# below must see both, or they would prove nothing.
cat > "$tmp/control.html" <<'HTML'
<!DOCTYPE html><html><body><img src="http://adlake-control.invalid/x.png">
<script>console.error("control");</script></body></html>
HTML
chrome --log-net-log="$tmp/control-net.json" --dump-dom "file://$tmp/control.html" >/dev/null 2>"$tmp/control-log.txt"
chrome --log-net-log="$tmp/net.json" --dump-dom "file://$page" >"$tmp/dom.html" 2>"$tmp/log.txt"
artifacts="$build/test-artifacts"
mkdir -p "$artifacts"
chrome --screenshot="$artifacts/report.png" --window-size=1280,4000 "file://$page" >/dev/null 2>&1
test -s "$artifacts/report.png"
cp "$page" "$artifacts/report.html"
if [[ "${ADLAKE_UPDATE_DOCS:-0}" == 1 ]]; then
  chrome --screenshot="$src/docs/report.png" --window-size=1280,2400 "file://$page" >/dev/null 2>&1
fi

"$python" - "$tmp" "$page" "$lake" <<'PY'
import json, os, re, sys
from html.parser import HTMLParser

tmp, page, lake = sys.argv[1:4]

def page_requests(netlog):
    """URLs the page asked for: requests whose initiator is an origin (Chromium's
    own background requests have none)."""
    d = json.load(open(netlog))
    types = {v: k for k, v in d["constants"]["logEventTypes"].items()}
    return [e["params"].get("url") for e in d["events"]
            if types[e["type"]] == "URL_REQUEST_START_JOB"
            and e.get("params", {}).get("initiator", "not an origin") != "not an origin"]

def console_lines(log, url):
    return [l for l in open(log, errors="replace") if "CONSOLE" in l and url in l]

control = f"file://{tmp}/control.html"
assert page_requests(f"{tmp}/control-net.json"), "the control page's request was not seen"
assert console_lines(f"{tmp}/control-log.txt", control), "the control page's console error was not seen"

requests = page_requests(f"{tmp}/net.json")
assert not requests, f"the report made network requests: {requests}"
console = console_lines(f"{tmp}/log.txt", f"file://{page}")
assert not console, f"console messages: {console}"
errors = [l for l in open(f"{tmp}/log.txt", errors="replace") if ":ERROR:" in l and "report.html" in l]
assert not errors, f"Chromium errors about the page: {errors}"

text = open(page, encoding="utf-8").read()
assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", text, re.I), "a URL to load"
assert not re.search(r"<(script|link|iframe|object|embed)\b", text, re.I), "an external element"
assert "@import" not in text and "url(" not in text, "CSS that loads"

class Dom(HTMLParser):
    """Charts (svg.chart) with their marks and titles; sections and their notes."""
    def __init__(self):
        super().__init__()
        self.charts, self.stack, self.sections, self.section = [], [], {}, None
        self.missing = []
        self.in_missing = False
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "section":
            self.section = a.get("id")
            self.sections[self.section] = True
        if tag == "svg" and "chart" in cls:
            self.charts.append({"title": a.get("aria-label", ""), "marks": 0, "section": self.section})
            self.stack.append(tag)
        elif self.stack and tag not in ("br",):
            self.stack.append(tag)
            if "mark" in cls:
                self.charts[-1]["marks"] += 1
        if tag == "p" and "missing" in cls:
            self.in_missing = True
            self.missing.append([self.section, ""])
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if self.stack and tag != "svg":
            self.stack.pop()
    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        if tag == "p":
            self.in_missing = False
    def handle_data(self, data):
        if self.in_missing:
            self.missing[-1][1] += data

dom = Dom()
dom.feed(open(f"{tmp}/dom.html", encoding="utf-8").read())
for s in ("funnel", "quality", "business", "model", "run"):
    assert s in dom.sections, f"section {s} is missing"
empty = [c["title"] for c in dom.charts if c["marks"] == 0]
assert not empty, f"charts without marks: {empty}"
titles = [c["title"] for c in dom.charts]
required = ["Lineage graph"]
if os.path.exists(f"{lake}/gold.h5"):
    required += ["The ad funnel", "Revenue by state", "CTR by state", "CTR", "CVR (installs / clicks)",
                 "eCPM", "revenue", "Top advertisers by revenue", "CTR by hour of the day",
                 "CTR with and without affinity"]
if os.path.exists(f"{lake}/metrics.json"):
    required += ["ROC AUC of the model and the oracles", "ROC curve", "Precision-recall curve",
                 "Calibration: predicted vs observed click rate"]
if os.path.exists(f"{lake}/silver.h5") and "No line or row was rejected" not in text:
    required += ["Rejects by reason"]
absent = [t for t in required if t not in titles]
assert not absent, f"charts missing: {absent} (have {titles})"
# A section whose layers are all there draws everything (no "not available").
layer_of = {"funnel": "gold.h5", "business": "gold.h5", "quality": "silver.h5", "model": "metrics.json"}
wrong = [(s, why) for s, why in dom.missing if s in layer_of and os.path.exists(f"{lake}/{layer_of[s]}")]
assert not wrong, f"figures not drawn although their layer exists: {wrong}"
print(f"report.html: {len(dom.charts)} charts, all with marks; no request, no console message; "
      f"not drawn: {[why.strip() for s, why in dom.missing]}")
PY
echo "screenshot: $artifacts/report.png"
