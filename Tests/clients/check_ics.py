#!/usr/bin/env python3
"""Reads SITE_DIR/maintenance.ics and every SITE_DIR/components/<id>/maintenance.ics with the
icalendar package and checks them against the sources.

Usage: check_ics.py SITE_DIR REPO_ROOT NOW

Every scheduled maintenance in REPO_ROOT/incidents (a file with a `maintenance:` window) must be
one VEVENT of the site's calendar, and of the calendar of each component it affects (and of no
other), with UID `<slug>@<site host>`, DTSTART and DTEND equal to its window in UTC, its title
as SUMMARY and its page as URL, and SEQUENCE counting its updates at the build's clock NOW (the
written ones and those the clock posted); no other events. Exits 0 when everything matches, 1 otherwise.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlparse

import icalendar

import herald_sources as sources


def check_calendar(path: Path, expected: dict, config) -> tuple[int, list[str]]:
    """The problems of one calendar file that must hold exactly the `expected` maintenances."""
    data = path.read_bytes()
    problems = []
    if b"\r\n" not in data or b"\n" in data.replace(b"\r\n", b""):
        problems.append(f"{path}: lines must end with CRLF")
    calendar = icalendar.Calendar.from_ical(data)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    if set(events) != set(expected):
        problems.append(f"{path}: events {sorted(events)} != maintenances {sorted(expected)}")
    for uid, incident in expected.items():
        event = events.get(uid)
        if event is None:
            continue
        start, end = incident.maintenance
        got_start = event.decoded("DTSTART").astimezone(timezone.utc)
        got_end = event.decoded("DTEND").astimezone(timezone.utc)
        if (got_start, got_end) != (start, end):
            problems.append(f"{uid}: window {got_start}..{got_end} != {start}..{end}")
        if event.decoded("DTSTART").tzinfo is None:
            problems.append(f"{uid}: DTSTART is not in UTC")
        if str(event["SUMMARY"]) != incident.title:
            problems.append(f"{uid}: SUMMARY {event['SUMMARY']!r} != {incident.title!r}")
        if str(event["URL"]) != config.absolute(f"incidents/{incident.slug}/"):
            problems.append(f"{uid}: URL {event['URL']}")
        if int(event["SEQUENCE"]) != max(0, len(incident.updates) - 1):
            problems.append(f"{uid}: SEQUENCE {event['SEQUENCE']}")
        cancelled = any(update.status == "Cancelled" for update in incident.updates)
        if str(event["STATUS"]) != ("CANCELLED" if cancelled else "CONFIRMED"):
            problems.append(f"{uid}: STATUS {event['STATUS']} for a maintenance {'' if cancelled else 'not '}cancelled")
    for line in data.split(b"\r\n"):
        if len(line) > 75:
            problems.append(f"{path}: line over 75 octets: {line[:40]!r}...")
    return len(events), problems


def main() -> int:
    site, root = Path(sys.argv[1]), Path(sys.argv[2])
    now = datetime.fromisoformat(sys.argv[3].replace("Z", "+00:00"))
    config = sources.load_config(root)
    host = urlparse(config.url).hostname
    incidents = sources.load_incidents(root, config)
    sources.add_clock_updates(incidents, now)
    maintenances = [i for i in incidents if i.maintenance is not None]
    expected = {f"{i.slug}@{host}": i for i in maintenances}
    count, problems = check_calendar(site / "maintenance.ics", expected, config)
    print(f"check_ics: {count} events in {site / 'maintenance.ics'}, {len(expected)} maintenances in the sources")
    for component in config.components:
        own = {uid: i for uid, i in expected.items() if component.id in i.components}
        path = site / "components" / component.id / "maintenance.ics"
        count, found = check_calendar(path, own, config)
        problems += found
        print(f"check_ics: {count} events in {path}, {len(own)} maintenances affect '{component.id}'")
    for problem in problems:
        print(f"  FAIL {problem}")
    print("check_ics: ok" if not problems else f"check_ics: {len(problems)} problems")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
