#!/usr/bin/env python3
"""Reads a built site's RSS and Atom feeds with feedparser, as a feed reader would.

Usage: check_feeds.py SITE_DIR REPO_ROOT NOW

For history.rss and history.atom at the top and under every components/<id>/, checks that
feedparser reads them without complaint (bozo == 0) and that their entries are exactly the ones
the incident Markdown files in REPO_ROOT/incidents call for at the build's clock NOW, worked out
here independently of Herald: one entry per update (and per "In progress" or "Completed" the
clock posted for a maintenance), newest first, at most 50, with Herald's ids, titles, links and dates;
and that each entry's link leads to a page of the built site with an element of the link's #id.
Exits 0 when every feed passes, 1 otherwise.
"""

from __future__ import annotations

import calendar
import sys
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import feedparser

import herald_sources as sources


def parsed_time(entry, key: str) -> datetime | None:
    value = entry.get(f"{key}_parsed")
    if value is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(value), tz=timezone.utc)


def link_with_rel(links, rel: str) -> str | None:
    for link in links or []:
        if link.get("rel", "alternate") == rel:
            return link.get("href")
    return None


class PageIDs:
    """The element ids of the site's pages, read with the standard library's HTML parser."""

    def __init__(self, site: Path, base_url: str):
        self.site = site
        self.base_url = base_url
        self.cache: dict[str, set[str] | None] = {}

    def ids(self, url: str) -> set[str] | None:
        """The ids of the page a site URL points to, or None if it is not a page of this site."""
        page = url.split("#", 1)[0]
        if page not in self.cache:
            self.cache[page] = None
            if page.startswith(self.base_url):
                path = self.site / page[len(self.base_url) :]
                if path.is_dir() or page.endswith("/"):
                    path = path / "index.html"
                if path.is_file():
                    collector = _IDCollector()
                    collector.feed(path.read_text(encoding="utf-8"))
                    self.cache[page] = collector.ids
        return self.cache[page]


class _IDCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)


def entry_content(entry, kind: str) -> str:
    if kind == "atom":
        contents = entry.get("content") or []
        return "".join(c.get("value", "") for c in contents)
    # RSS 2.0: <description>, which feedparser exposes as summary.
    return entry.get("summary", "")


def check_feed(
    path: Path, kind: str, url: str, home: str, title_parts: list[str], expected, pages: PageIDs
) -> list[str]:
    problems: list[str] = []
    parsed = feedparser.parse(path.read_bytes())
    if parsed.bozo:
        problems.append(f"feedparser bozo=1: {parsed.get('bozo_exception')!r}")
    want_version = "rss20" if kind == "rss" else "atom10"
    if parsed.version != want_version:
        problems.append(f"feedparser reads it as {parsed.version!r}, not {want_version!r}")

    feed = parsed.feed
    title = feed.get("title", "")
    for part in title_parts:
        if part not in title:
            problems.append(f"feed title {title!r} does not contain {part!r}")
    if feed.get("link") != home:
        problems.append(f"feed link {feed.get('link')!r}, expected {home!r}")
    self_link = link_with_rel(feed.get("links"), "self")
    if self_link != url:
        problems.append(f"feed self link {self_link!r}, expected {url!r}")
    if kind == "atom":
        if feed.get("id") != url:
            problems.append(f"feed id {feed.get('id')!r}, expected {url!r}")
        if expected:
            updated = parsed_time(feed, "updated")
            if updated != expected[0].time:
                problems.append(f"feed updated {feed.get('updated')!r}, expected the newest entry's {expected[0].time}")

    entries = parsed.entries
    if len(entries) != len(expected):
        problems.append(f"{len(entries)} entries, expected {len(expected)}")
    got_ids = [e.get("id") for e in entries]
    if len(set(got_ids)) != len(got_ids):
        problems.append("entry ids are not unique")
    want_ids = [e.id for e in expected]
    if got_ids != want_ids:
        missing = [i for i in want_ids if i not in got_ids]
        extra = [i for i in got_ids if i not in want_ids]
        if missing or extra:
            problems += [f"missing entry {i}" for i in missing] + [f"unexpected entry {i}" for i in extra]
        else:
            problems.append("entries are not in the expected order (newest first, ties by slug)")

    for index, (entry, want) in enumerate(zip(entries, expected)):
        where = f"entry {index + 1} ({entry.get('id')})"
        if entry.get("id") != want.id:
            continue  # already reported as an order or membership problem
        if entry.get("title") != want.title:
            problems.append(f"{where}: title {entry.get('title')!r}, expected {want.title!r}")
        if entry.get("link") != want.link:
            problems.append(f"{where}: link {entry.get('link')!r}, expected {want.link!r}")
        else:
            ids = pages.ids(want.link)
            fragment = want.link.split("#", 1)[1]
            if ids is None:
                problems.append(f"{where}: the link's page is not in the built site")
            elif fragment not in ids:
                problems.append(f"{where}: the link's page has no element with id {fragment!r}")
        published = parsed_time(entry, "published")
        if published != want.time:
            problems.append(f"{where}: published {entry.get('published')!r}, expected {want.time.isoformat()}")
        if kind == "atom" or "updated" in entry:
            updated = parsed_time(entry, "updated")
            if updated != want.time:
                problems.append(f"{where}: updated {entry.get('updated')!r}, expected {want.time.isoformat()}")
        if not entry_content(entry, kind).strip():
            problems.append(f"{where}: empty content")
    return problems


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 1
    site, root = Path(argv[1]), Path(argv[2])
    now = datetime.fromisoformat(argv[3].replace("Z", "+00:00"))
    config = sources.load_config(root)
    incidents = sources.load_incidents(root, config)
    sources.add_clock_updates(incidents, now)
    update_count = sum(len(i.updates) for i in incidents)
    print(f"check_feeds: {len(incidents)} incidents with {update_count} updates in {root / 'incidents'}")

    feeds: list[tuple[str, str | None, list[str]]] = [("", None, [config.title])]
    for component in config.components:
        feeds.append((f"components/{component.id}/", component.id, [config.title, component.name]))

    pages = PageIDs(site, config.url)
    checked = failed = 0
    for folder, component_id, title_parts in feeds:
        expected = sources.expected_entries(incidents, config, component=component_id)
        for name, kind in (("history.rss", "rss"), ("history.atom", "atom")):
            relative = folder + name
            checked += 1
            path = site / relative
            if not path.is_file():
                problems = ["file is missing"]
            else:
                problems = check_feed(
                    path,
                    kind,
                    url=config.absolute(relative),
                    home=config.absolute(folder),
                    title_parts=title_parts,
                    expected=expected,
                    pages=pages,
                )
            if problems:
                failed += 1
                print(f"  FAIL {relative}")
                for problem in problems:
                    print(f"       - {problem}")
            else:
                print(f"  ok   {relative}: {len(expected)} entries")

    print(f"check_feeds: {checked} feeds checked, {checked - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
