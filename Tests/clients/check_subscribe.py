#!/usr/bin/env python3
"""Checks the Subscribe page of the built sample site, with and without JavaScript.

Usage: check_subscribe.py SITE_DIR REPO_ROOT

Without JavaScript (the HTML as built): every page's navigation links to subscribe/ rather than to
a feed file; the page lists the site's feeds and calendar and, for every component of herald.yml,
its RSS, Atom and JSON feeds and its maintenance calendar, each as a relative link to a file that
exists and as the absolute address under the site's url; calendars are offered as webcal://.
With JavaScript, in headless Chromium (headless.py, served on 127.0.0.1): the picker appears,
says nothing is ticked, and ticking two components gathers exactly their feed addresses, Slack
commands and calendar addresses; no console errors. Exits 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import headless
import herald_sources as sources

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.codes: list[str] = []
        self._in_code = False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")
        self._in_code = tag == "code"

    def handle_endtag(self, tag):
        self._in_code = False

    def handle_data(self, data):
        if self._in_code:
            self.codes.append(data)


def main() -> int:
    site, root = Path(sys.argv[1]), Path(sys.argv[2])
    config = sources.load_config(root)
    page = site / "subscribe" / "index.html"
    html = page.read_text(encoding="utf-8")
    links = Links()
    links.feed(html)
    host_path = config.url.split("://", 1)[1]

    for name in ["index.html", "history/index.html", "404.html"]:
        text = (site / name).read_text(encoding="utf-8")
        nav = re.search(r'<nav[^>]*>(.*?)</nav>', text, re.S)
        check(nav is not None and "subscribe/" in nav.group(1) and "history.rss" not in nav.group(1),
              f"{name}: the navigation's Subscribe link opens the Subscribe page")

    folders = [""] + [f"components/{c.id}/" for c in config.components]
    for folder in folders:
        for file in ["history.rss", "history.atom", "feed.json", "maintenance.ics"]:
            relative = "../" + folder + file
            absolute = config.absolute(folder + file)
            if file == "maintenance.ics":
                check(f"webcal://{host_path}{folder}{file}" in links.hrefs, f"webcal link for {folder}{file}")
            else:
                check(relative in links.hrefs, f"link {relative}")
            check(absolute in links.codes, f"address {absolute}")
            check((site / folder / file).is_file(), f"{folder}{file} exists")
    for href in links.hrefs:
        if href.startswith("../"):
            target = (page.parent / href).resolve()
            check(target.exists(), f"relative link {href} resolves to a file of the site")

    ids = [c.id for c in config.components]
    picked, other = ids[:2], ids[2:]
    with tempfile.TemporaryDirectory() as work:
        driver = headless.start_browser(os.path.join(work, "profile"), "check_subscribe")
        server, url = headless.serve(site)
        try:
            from selenium.webdriver.common.by import By
            from selenium.webdriver.support.ui import WebDriverWait

            driver.get(url + "subscribe/")
            panel = WebDriverWait(driver, 20).until(
                lambda d: d.find_element(By.CSS_SELECTOR, '[data-role="picked"]').is_displayed()
                and d.find_element(By.CSS_SELECTOR, '[data-role="picked"]'))
            output = panel.find_element(By.CSS_SELECTOR, "pre")
            check(output.text == panel.get_attribute("data-none"), "the picker starts with nothing ticked")
            for component in picked:
                driver.find_element(By.ID, f"pick-{component}").click()
            text = output.text
            for component in picked:
                rss = config.absolute(f"components/{component}/history.rss")
                check(f"RSS: {rss}" in text, f"ticking '{component}' shows its feed")
                check(f"Slack: /feed subscribe {rss}" in text, f"ticking '{component}' shows its Slack command")
                check(config.absolute(f"components/{component}/maintenance.ics") in text,
                      f"ticking '{component}' shows its calendar")
            for component in other:
                check(f"/components/{component}/" not in text, f"'{component}', not ticked, is not shown")
            driver.find_element(By.ID, f"pick-{picked[0]}").click()
            check(f"/components/{picked[0]}/" not in output.text, "unticking a component removes its addresses")
            severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
            check(not severe, f"no console errors ({severe[:1]})")
        finally:
            server.shutdown()
            driver.quit()

    print("check_subscribe: ok" if not failures else f"check_subscribe: {len(failures)} failed")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
