#!/usr/bin/env python3
"""Checks that day headings and the times under them agree for a reader in another zone.

Usage: check_zones.py SITE_DIR

The sample site (Europe/Berlin) is served on 127.0.0.1 and opened in headless Chromium with its
time zone set to Asia/Tokyo (DevTools Emulation.setTimezoneOverride). On the index and on every
component page with days of incidents: time.js has run (the footer's build time now reads in the
reader's zone, GMT+9), every <time> inside a day of a list still reads exactly as built (the site's
zone, like its day's heading), and the list says which zone that is (.zone-note names the site's
zone). Exits 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from pathlib import Path

import headless

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def main() -> int:
    site = Path(sys.argv[1])
    pages = [""] + [f"components/{p.name}/" for p in sorted((site / "components").iterdir())
                    if 'class="day"' in (p / "index.html").read_text(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as work:
        driver = headless.start_browser(os.path.join(work, "profile"), "check_zones")
        server, url = headless.serve(site)
        try:
            driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "Asia/Tokyo"})
            for path in pages:
                html = (site / path / "index.html").read_text(encoding="utf-8")
                built = []
                for day in re.findall(r'<div class="day"[^>]*>(.*?)\n</div>', html, re.S):
                    built += re.findall(r'<time datetime="[^"]*T[^"]*">([^<]*)</time>', day)
                driver.get(url + path)
                driver.execute_script("return document.readyState")
                shown = driver.execute_script(
                    "var footer = document.querySelector('footer time[datetime]');"
                    "var days = Array.prototype.map.call(document.querySelectorAll(\".day time[datetime*='T']\"),"
                    " function (e) { return e.textContent; });"
                    "var note = document.querySelector('.zone-note');"
                    "return {footer: footer ? footer.textContent : '', days: days, note: note ? note.textContent : ''};")
                name = path or "index"
                check("GMT+9" in shown["footer"], f"{name}: time.js shows the build time in the reader's zone ({shown['footer']})")
                check(len(built) > 0 and shown["days"] == built,
                      f"{name}: the {len(built)} times under day headings read as built, in the site's zone")
                check("Europe/Berlin" in shown["note"], f"{name}: the list names its zone ({shown['note']})")
        finally:
            server.shutdown()
            driver.quit()
    print("check_zones: ok" if not failures else f"check_zones: {len(failures)} failed")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
