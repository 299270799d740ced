#!/usr/bin/env python3
"""Checks every feed.json of a built site as JSON Feed 1.1, as a JSON Feed reader would.

Usage: check_jsonfeed.py SITE_DIR

For feed.json at the top and under every components/<id>/:
- validates it against jsonfeed-1.1.schema.json (beside this file) with jsonschema, checking the
  date-time and uri formats;
- parses it with the jsonfeed-util package (`import jsonfeed`);
- checks that feed_url is the file's own URL, that item ids are unique, that items are newest
  first, and that the items are the same entries, in the same order, as history.rss and
  history.atom in the same folder (ids, and with Atom also titles, links and dates).
Exits 0 when every feed passes, 1 otherwise.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import feedparser
import jsonfeed
from jsonschema import Draft202012Validator

SCHEMA_PATH = Path(__file__).resolve().parent / "jsonfeed-1.1.schema.json"
VERSION = "https://jsonfeed.org/version/1.1"


def make_validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    checker = Draft202012Validator.FORMAT_CHECKER
    # jsonschema skips a format silently when the package that checks it is missing
    # (rfc3339-validator, rfc3986-validator): make sure both really check.
    if checker.conforms("2026-11-27 08:50", "date-time") or not checker.conforms("2026-11-27T08:50:00Z", "date-time"):
        raise SystemExit("check_jsonfeed: the date-time format is not checked; install rfc3339-validator")
    if checker.conforms("incidents/x/", "uri") or not checker.conforms("https://example.com/a/#b", "uri"):
        raise SystemExit("check_jsonfeed: the uri format is not checked; install rfc3986-validator")
    return Draft202012Validator(schema, format_checker=checker)


def schema_message(error) -> str:
    """jsonschema's message, without the whole offending object for a failed anyOf of required keys."""
    if error.validator == "anyOf" and all(set(s) == {"required"} for s in error.validator_value):
        keys = [key for s in error.validator_value for key in s["required"]]
        return "needs at least one of " + ", ".join(keys)
    message = error.message
    return message if len(message) <= 300 else message[:300] + "..."


def rfc3339(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def feedparser_entries(path: Path):
    if not path.is_file():
        return None
    return feedparser.parse(path.read_bytes()).entries


def check_feed(path: Path, relative: str, base_url: str | None, validator: Draft202012Validator) -> tuple[list[str], int]:
    problems: list[str] = []
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        return [f"not JSON: {error}"], 0

    for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
        location = "/".join(str(p) for p in error.absolute_path) or "(root)"
        problems.append(f"schema: {location}: {schema_message(error)}")

    try:
        feed = jsonfeed.Feed.parse(document)
    except Exception as error:  # the parser raises ParseError, AssertionError, KeyError, ...
        problems.append(f"jsonfeed-util cannot parse it: {error!r}")
        return problems, 0
    items = feed.items
    if document.get("version") != VERSION:
        problems.append(f"version {document.get('version')!r}, expected {VERSION!r}")

    if base_url is not None and feed.feed_url != base_url + relative:
        problems.append(f"feed_url {feed.feed_url!r}, expected {base_url + relative!r}")

    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        problems.append("item ids are not unique")
    for index, item in enumerate(items):
        if not (item.content_html or item.content_text):
            problems.append(f"item {index + 1} ({item.id}): no content")
    try:
        dates = [rfc3339(item.date_published) for item in items]
        if dates != sorted(dates, reverse=True):
            problems.append("items are not newest first")
        for item in items:
            if item.date_modified and rfc3339(item.date_modified) < rfc3339(item.date_published):
                problems.append(f"item {item.id}: date_modified before date_published")
    except (TypeError, ValueError) as error:
        problems.append(f"unreadable item dates: {error}")

    folder = path.parent
    for name in ("history.rss", "history.atom"):
        entries = feedparser_entries(folder / name)
        if entries is None:
            problems.append(f"{name} is missing beside it")
            continue
        other = [e.get("id") for e in entries]
        if other != ids:
            only_json = [i for i in ids if i not in other]
            only_other = [i for i in other if i not in ids]
            detail = f"{len(ids)} items vs {len(other)} entries"
            if only_json:
                detail += f"; only in feed.json: {only_json[:3]}"
            if only_other:
                detail += f"; only in {name}: {only_other[:3]}"
            if not only_json and not only_other:
                detail += "; same ids in a different order"
            problems.append(f"item ids differ from {name}: {detail}")
        elif name == "history.atom":
            for item, entry in zip(items, entries):
                if item.title != entry.get("title"):
                    problems.append(f"item {item.id}: title {item.title!r}, Atom has {entry.get('title')!r}")
                if item.url != entry.get("link"):
                    problems.append(f"item {item.id}: url {item.url!r}, Atom has {entry.get('link')!r}")
                if item.date_published != entry.get("published"):
                    problems.append(
                        f"item {item.id}: date_published {item.date_published!r}, Atom has {entry.get('published')!r}"
                    )
    return problems, len(items)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 1
    site = Path(argv[1])
    validator = make_validator()

    relatives = ["feed.json"]
    components = site / "components"
    if components.is_dir():
        relatives += [f"components/{d.name}/feed.json" for d in sorted(components.iterdir()) if d.is_dir()]

    base_url = None
    top = site / "feed.json"
    if top.is_file():
        try:
            feed_url = json.loads(top.read_text(encoding="utf-8")).get("feed_url") or ""
            if feed_url.endswith("/feed.json"):
                base_url = feed_url[: -len("feed.json")]
        except (ValueError, AttributeError):
            pass

    print(f"check_jsonfeed: {len(relatives)} JSON feeds in {site}, schema {SCHEMA_PATH.name}, parser jsonfeed-util")
    failed = 0
    for relative in relatives:
        path = site / relative
        if not path.is_file():
            problems, count = ["file is missing"], 0
        else:
            problems, count = check_feed(path, relative, base_url, validator)
        if problems:
            failed += 1
            print(f"  FAIL {relative}")
            for problem in problems:
                print(f"       - {problem}")
        else:
            print(f"  ok   {relative}: {count} items")

    print(f"check_jsonfeed: {len(relatives)} feeds checked, {len(relatives) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
