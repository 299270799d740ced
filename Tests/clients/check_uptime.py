#!/usr/bin/env python3
"""Reads a built site's uptime history as a spreadsheet, a program and a reader would, and checks
it against the 90-day bars and the API.

Usage: check_uptime.py SITE_DIR [SITE_DIR...]

For each site:
- uptime.csv (Python's csv module, RFC 4180) has the documented columns, CRLF line ends, and one
  row per component and month, equal field for field to uptime.json's months;
- each component's months run without a gap from the month of its history_start to the month of
  measured_until; its years and total add up its months; every percentage is the one its seconds
  give, rounded down to two decimals;
- uptime/index.html has a table per component whose rows (years and months, newest first) show
  the same percentages and incident counts (English sites);
- the 90-day bars of components/<id>/index.html agree with the months they cover: a month whose
  days all have quiet bars had no downtime and no incidents, and a month with downtime or incidents
  has a bar on one of its days that shows them;
- api/v2/components.json's herald_uptime.last_90_days lies between the sums of the months wholly
  inside the bars' 90 days and of the months that overlap them.
Exits 0 when everything holds, 1 otherwise.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
from datetime import date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

NAME = "check_uptime"
COLUMNS = [
    "component", "component_name", "month", "uptime_percent", "measured_seconds", "downtime_seconds",
    "major_outage_seconds", "partial_outage_seconds", "degraded_performance_seconds",
    "under_maintenance_seconds", "incidents",
]
STATUS_KEYS = ["major_outage", "partial_outage", "degraded_performance", "under_maintenance"]
DOWN = {"partial_outage", "major_outage"}
QUIET = {"operational", "no_data"}
BAR_DAYS = 90


class Problems:
    def __init__(self, site: Path) -> None:
        self.site = site
        self.items: list[str] = []
        self.checks = 0

    def expect(self, condition: bool, message: str) -> None:
        self.checks += 1
        if not condition:
            self.items.append(message)


def percent(measured: int, downtime: int) -> float | None:
    """The uptime in percent rounded down to two decimals, as Herald writes it."""
    if measured <= 0:
        return None
    ratio = max(0.0, 1 - downtime / measured)
    return 100.0 if ratio >= 1 else min(9999, math.floor(ratio * 10000 + 1e-9)) / 100


def month_keys(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    keys = []
    while f"{year:04d}-{month:02d}" <= last:
        keys.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return keys


def check_csv(site: Path, document: dict, problems: Problems) -> None:
    raw = (site / "uptime.csv").read_bytes()
    problems.expect(raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), "uptime.csv: lines must end in CRLF")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    problems.expect(rows[0] == COLUMNS, f"uptime.csv: header {rows[0]}")
    expected = []
    for component in document["components"]:
        for month in component["months"]:
            seconds = month["seconds_by_status"]
            value = month["uptime_percent"]
            expected.append([
                component["id"], component["name"], month["period"], "" if value is None else f"{value:.2f}",
                str(month["measured_seconds"]), str(month["downtime_seconds"]),
                *[str(seconds[key]) for key in STATUS_KEYS], str(month["incidents"]),
            ])
    problems.expect(rows[1:] == expected, f"uptime.csv: {len(rows) - 1} rows differ from uptime.json's {len(expected)} months")


def check_sums(document: dict, zone: ZoneInfo, problems: Problems) -> None:
    until = datetime.fromisoformat(document["measured_until"].replace("Z", "+00:00")).astimezone(zone)
    last = f"{until.year:04d}-{until.month:02d}"
    for component in document["components"]:
        name = component["id"]
        months = component["months"]
        keys = [m["period"] for m in months]
        problems.expect(keys == month_keys(component["history_start"][:7], last),
                        f"{name}: months {keys[:2]}…{keys[-2:]} do not run from {component['history_start']} to {last}")
        for period in months + component["years"] + [component["total"]]:
            problems.expect(period["uptime_percent"] == percent(period["measured_seconds"], period["downtime_seconds"]),
                            f"{name} {period.get('period', 'total')}: {period['uptime_percent']}% does not follow from its seconds")
        years = component["years"]
        problems.expect([y["period"] for y in years] == sorted({k[:4] for k in keys}), f"{name}: years {[y['period'] for y in years]}")
        for year in years:
            inside = [m for m in months if m["period"].startswith(year["period"] + "-")]
            for key in ["measured_seconds", "downtime_seconds"]:
                problems.expect(abs(year[key] - sum(m[key] for m in inside)) <= len(inside),
                                f"{name} {year['period']}: {key} {year[key]} is not the sum of its months")
            most = max((m["incidents"] for m in inside), default=0)
            problems.expect(most <= year["incidents"] <= sum(m["incidents"] for m in inside),
                            f"{name} {year['period']}: {year['incidents']} incidents against its months'")
        total = component["total"]
        problems.expect(abs(total["downtime_seconds"] - sum(m["downtime_seconds"] for m in months)) <= len(months),
                        f"{name}: the total's downtime is not the sum of its months")


class Tables(HTMLParser):
    """The rows of every `<section id="component-…">` table: [(label, cells)]."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.section = None
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "section" and (values.get("id") or "").startswith("component-"):
            self.section = values["id"][len("component-"):]
            self.tables[self.section] = []
        elif tag == "tr" and self.section:
            self.row = []
        elif tag in ("th", "td") and self.row is not None:
            self.cell = []
        elif tag == "span" and "visually-hidden" in (values.get("class") or ""):
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None and self.row is not None:
            self.row.append("".join(self.cell).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.tables[self.section].append(self.row)
            self.row = None
        elif tag == "span" and self.hidden:
            self.hidden -= 1
        elif tag == "section":
            self.section = None

    def handle_data(self, data):
        if self.cell is not None and not self.hidden:
            self.cell.append(data)


def shown_percent(value: float | None) -> str:
    if value is None:
        return "No data"
    return "100%" if value == 100 else f"{value:.2f}%"


def check_page(site: Path, document: dict, problems: Problems) -> None:
    html = (site / "uptime" / "index.html").read_text(encoding="utf-8")
    english = '<html lang="en"' in html
    parser = Tables()
    parser.feed(html)
    problems.expect(list(parser.tables) == [c["id"] for c in document["components"]],
                    f"uptime/: sections {list(parser.tables)}")
    for component in document["components"]:
        rows = parser.tables.get(component["id"], [])[1:]  # after the header row
        expected = []
        for year in reversed(component["years"]):
            expected.append((year["period"], year))
            for month in reversed([m for m in component["months"] if m["period"].startswith(year["period"] + "-")]):
                expected.append((month["period"], month))
        problems.expect(len(rows) == len(expected), f"uptime/ {component['id']}: {len(rows)} rows, expected {len(expected)}")
        for row, (key, period) in zip(rows, expected):
            problems.expect(row[3] == str(period["incidents"]), f"uptime/ {component['id']} {key}: {row[3]} incidents, expected {period['incidents']}")
            if english:
                problems.expect(row[1] == shown_percent(period["uptime_percent"]),
                                f"uptime/ {component['id']} {key}: shows {row[1]}, expected {shown_percent(period['uptime_percent'])}")
                problems.expect((row[2] == "None") == (period["downtime_seconds"] == 0),
                                f"uptime/ {component['id']} {key}: downtime {row[2]!r} against {period['downtime_seconds']} s")


def bar_days(site: Path, component: str, today: date) -> dict[date, str]:
    """Each of the 90 days of a component page's bars with its bar's status."""
    html = (site / "components" / component / "index.html").read_text(encoding="utf-8")
    chart = re.search(r'<ol class="bars"[^>]*>(.*?)</ol>', html, re.S)
    statuses = []
    for status, span in re.findall(r'<li class="bar bar--([a-z_]+) s(\d+)"', chart.group(1) if chart else ""):
        statuses += [status] * int(span)
    first = today - timedelta(days=len(statuses) - 1)
    return {first + timedelta(days=offset): status for offset, status in enumerate(statuses)}


def check_bars(site: Path, document: dict, zone: ZoneInfo, problems: Problems) -> None:
    until = datetime.fromisoformat(document["measured_until"].replace("Z", "+00:00")).astimezone(zone)
    today = until.date()
    api = json.loads((site / "api" / "v2" / "components.json").read_text(encoding="utf-8"))
    recent = {c["id"]: c.get("herald_uptime") for c in api["components"] if not c.get("group")}
    compared = 0
    for component in document["components"]:
        name = component["id"]
        days = bar_days(site, name, today)
        problems.expect(len(days) == BAR_DAYS, f"{name}: {len(days)} bars' days, expected {BAR_DAYS}")
        if not days:
            continue
        first = min(days)
        inside, overlapping = [], []
        for month in component["months"]:
            year, number = int(month["period"][:4]), int(month["period"][5:7])
            start = date(year, number, 1)
            end = date(year + number // 12, number % 12 + 1, 1) - timedelta(days=1)
            if end < first:
                continue
            overlapping.append(month)
            if start < first or end > today:
                continue
            inside.append(month)
            statuses = {days[start + timedelta(days=n)] for n in range((end - start).days + 1)}
            if statuses <= QUIET:
                problems.expect(month["downtime_seconds"] == 0 and month["incidents"] == 0,
                                f"{name} {month['period']}: quiet bars, but {month['downtime_seconds']} s down and {month['incidents']} incidents")
            if month["downtime_seconds"] > 0:
                problems.expect(bool(statuses & DOWN), f"{name} {month['period']}: {month['downtime_seconds']} s down, but no bar shows an outage")
            if month["incidents"] > 0:
                problems.expect(not statuses <= QUIET, f"{name} {month['period']}: {month['incidents']} incidents, but every bar is quiet")
            compared += 1
        last90 = (recent.get(name) or {}).get("last_90_days")
        problems.expect(last90 is not None, f"{name}: components.json has no herald_uptime.last_90_days")
        if last90:
            for key in ["downtime_seconds", "measured_seconds"]:
                low = sum(m[key] for m in inside) - len(inside)
                high = sum(m[key] for m in overlapping) + len(overlapping)
                problems.expect(low <= last90[key] <= high, f"{name}: last 90 days' {key} {last90[key]} outside [{low}, {high}]")
    problems.expect(compared > 0, "no month lies wholly inside the bars' 90 days")


def check_site(site: Path) -> Problems:
    problems = Problems(site)
    document = json.loads((site / "uptime.json").read_text(encoding="utf-8"))
    zone = ZoneInfo(document["time_zone"])
    problems.expect(document["weights"] == {"major_outage": 1, "partial_outage": 0.3, "degraded_performance": 0},
                    f"uptime.json: weights {document['weights']}")
    check_csv(site, document, problems)
    check_sums(document, zone, problems)
    check_page(site, document, problems)
    check_bars(site, document, zone, problems)
    months = sum(len(c["months"]) for c in document["components"])
    print(f"{site}: {len(document['components'])} components, {months} component-months, {problems.checks} checks, "
          f"{len(problems.items)} problems")
    for item in problems.items[:30]:
        print(f"  FAIL {item}")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 1
    failed = [site for site in argv[1:] if check_site(Path(site)).items]
    print(f"{NAME}: {'FAIL' if failed else 'OK'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
