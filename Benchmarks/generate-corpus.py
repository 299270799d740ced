#!/usr/bin/env python3
"""Writes a deterministic corpus of N realistic incidents plus a herald.yml, for measuring builds.

Usage: Benchmarks/generate-corpus.py N OUTPUT_DIR   (copies ../theme next to it)
"""
import os
import random
import shutil
import sys
from datetime import datetime, timedelta, timezone

GROUPS = {
    "Core platform": ["dashboard", "api", "login", "webhooks"],
    "Payments": ["payments", "payouts", "billing-emails", "fraud-checks"],
    "Integrations": ["accounting-sync", "mobile-apps", "data-exports", "search"],
}
STATUSES = ["degraded_performance", "partial_outage", "major_outage"]
IMPACTS = ["none", "minor", "major", "critical"]
WORDS = ("customers requests payments delayed errors elevated latency engineers deployed rollback database "
         "queue region provider timeouts recovered monitoring investigating mitigation traffic cache").split()


def paragraph(rng, sentences):
    out = []
    for _ in range(sentences):
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 18))]
        words[0] = words[0].capitalize()
        if rng.random() < 0.2:
            words[rng.randrange(len(words))] = "**" + rng.choice(WORDS) + "**"
        if rng.random() < 0.1:
            words[rng.randrange(len(words))] = "~~" + rng.choice(WORDS) + "~~"
        if rng.random() < 0.1:
            words.append("https://docs.example.com/" + rng.choice(WORDS))
        out.append(" ".join(words) + ".")
    return " ".join(out)


def body(rng):
    parts = [paragraph(rng, rng.randint(2, 4))]
    if rng.random() < 0.3:
        parts.append("\n".join("- " + paragraph(rng, 1) for _ in range(rng.randint(2, 4))))
    if rng.random() < 0.1:
        parts.append("| Time | Event |\n|---|---|\n" + "\n".join(
            f"| {rng.randint(10, 23)}:{rng.randint(10, 59)} | {paragraph(rng, 1)} |" for _ in range(3)))
    if rng.random() < 0.1:
        parts.append("```\nERROR 503 " + " ".join(rng.choice(WORDS) for _ in range(6)) + "\n```")
    return "\n\n".join(parts)


def main():
    count, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(count)
    os.makedirs(os.path.join(out, "incidents"), exist_ok=True)
    with open(os.path.join(out, "herald.yml"), "w") as f:
        f.write("title: Benchmark Status\nurl: https://status.example.com/\ntimezone: Europe/Berlin\ncomponents:\n")
        for group, ids in GROUPS.items():
            for cid in ids:
                f.write(f"  - id: {cid}\n    name: {cid.replace('-', ' ').title()}\n    group: {group}\n"
                        f"    since: 2023-11-01\n")
    ids = [c for ids in GROUPS.values() for c in ids]
    end = datetime(2026, 11, 27, tzinfo=timezone.utc)
    span = timedelta(days=3 * 365).total_seconds()
    for n in range(count):
        start = end - timedelta(seconds=rng.random() * span)
        slug = f"{start:%Y-%m-%d}-incident-{n:06d}"
        components = rng.sample(ids, rng.randint(1, 3))
        impact = rng.choice(IMPACTS)
        if n % 20 == 7:
            # About 5% are scheduled maintenance: announced three days ahead, then under way and done.
            # The first one is still ahead (9 days after the corpus's clock), as on a real page.
            if n == 7:
                start = end + timedelta(days=9, hours=2)
            finish = start + timedelta(minutes=rng.randint(60, 240))
            lines = ["---", f"title: Maintenance {n} on {', '.join(components)}", "maintenance:",
                     f"  start: {start:%Y-%m-%d %H:%M} UTC", f"  end: {finish:%Y-%m-%d %H:%M} UTC",
                     f"components: [{', '.join(components)}]", "---", ""]
            updates = (("Completed", finish), ("In progress", start), ("Scheduled", start - timedelta(days=3)))
            if start > end:
                updates = (("Scheduled", end - timedelta(days=1)),)
            for status, when in updates:
                lines += [f"## {status} — {when:%Y-%m-%d %H:%M} UTC", body(rng), ""]
        else:
            times, t = [], start
            statuses = ["Investigating", "Identified", "Monitoring", "Update", "Monitoring", "Resolved"]
            k = rng.randint(3, 6)
            # Only a recent incident is still open, as on a real page.
            still_open = n % 50 == 0 and end - start < timedelta(days=3)
            chosen = statuses[: k - 1] if still_open else statuses[: k - 1] + ["Resolved"]
            for status in chosen:
                times.append((status, t))
                t += timedelta(minutes=rng.randint(5, 120))
            lines = ["---", f"title: Incident {n} affecting {', '.join(components)}", f"impact: {impact}",
                     "components:"]
            lines += [f"  {c}: {rng.choice(STATUSES)}" for c in components]
            lines += ["---", ""]
            for status, when in reversed(times):
                lines += [f"## {status} — {when:%Y-%m-%d %H:%M} UTC", body(rng), ""]
        with open(os.path.join(out, "incidents", slug + ".md"), "w") as f:
            f.write("\n".join(lines))
    theme = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "theme")
    shutil.rmtree(os.path.join(out, "theme"), ignore_errors=True)
    shutil.copytree(theme, os.path.join(out, "theme"))


if __name__ == "__main__":
    main()
