#!/usr/bin/env python3
"""Measures the status page's weight: index.html plus every stylesheet and script it loads.

Usage: check_weight.py SITE_DIR [LIMIT_BYTES]

Reads SITE_DIR/index.html, follows its <link rel="stylesheet"> and <script src> to files of the
site (query strings dropped), and adds up their sizes as served (uncompressed). Icons, feeds and
images are not counted. Fails when the total reaches LIMIT_BYTES (default 40000, the README's
"under 40 KB" for a site of 100 incidents) or when a linked file is missing.
"""

from __future__ import annotations

import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

NAME = "check_weight"


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "link" and (values.get("rel") or "").lower() == "stylesheet" and values.get("href"):
            self.urls.append(values["href"] or "")
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"] or "")


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 1
    site = Path(argv[1]).resolve()
    limit = int(argv[2]) if len(argv) == 3 else 40_000
    index = site / "index.html"
    if not index.exists():
        print(f"{NAME}: no index.html in {site}")
        print(f"{NAME}: FAIL")
        return 1
    parser = Links()
    parser.feed(index.read_text(encoding="utf-8"))
    files = [("index.html", index.stat().st_size)]
    problems = []
    for url in parser.urls:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            problems.append(f"{url}: not a file of the site")
            continue
        path = (site / parts.path).resolve()
        if not path.is_file() or site not in path.parents:
            problems.append(f"{url}: missing")
            continue
        files.append((str(path.relative_to(site)), path.stat().st_size))
    total = sum(size for _, size in files)
    for name, size in files:
        print(f"{size:>8,} B  {name}")
    print(f"{total:>8,} B  total (limit {limit:,} B)")
    if total >= limit:
        problems.append(f"the index page weighs {total:,} bytes, over the limit of {limit:,}")
    for problem in problems:
        print(problem)
    print(f"{NAME}: {'FAIL' if problems else 'OK'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
