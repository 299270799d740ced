#!/usr/bin/env python3
"""Checks that a page left open learns of news (assets/fresh.js), in headless Chromium.

Usage: check_fresh.py SITE_DIR

A copy of the built site is served on 127.0.0.1 (headless.py). The index, an incident page and a
component page are opened with the check interval shortened to one second (the page reads
window.HERALD_FRESH_INTERVAL_MS, set before any script runs through the DevTools protocol). While
version.json matches the page, no bar shows; once it changes, each page shows the bar within 70 s:
a role=status region with the news and a Reload button, fixed to the window (the page's height
does not change). No console errors. Exits 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import headless

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def open_page(driver, url: str) -> None:
    driver.switch_to.new_window("tab")
    driver.execute_cdp_cmd("Page.enable", {})
    driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": "window.HERALD_FRESH_INTERVAL_MS = 1000;"})
    driver.get(url)


def bar_state(driver) -> dict:
    return driver.execute_script(
        "var b = document.querySelector('.fresh-bar');"
        "return b ? {shown: !b.hidden && b.offsetHeight > 0, role: b.getAttribute('role'),"
        " text: b.textContent, button: !!b.querySelector('button'),"
        " position: getComputedStyle(b).position, height: document.documentElement.scrollHeight} : null;")


def main() -> int:
    source = Path(sys.argv[1])
    with tempfile.TemporaryDirectory() as work:
        site = Path(work) / "site"
        shutil.copytree(source, site)
        version_file = site / "version.json"
        version = json.loads(version_file.read_text())["version"]
        pages = headless.sample_pages(site)
        paths = [pages["index"], pages["incident"], pages["component"]]
        driver = headless.start_browser(os.path.join(work, "profile"), "check_fresh")
        server, url = headless.serve(site)
        try:
            handles = []
            for path in paths:
                open_page(driver, url + path)
                handles.append(driver.current_window_handle)
            time.sleep(4)
            before = {}
            for handle, path in zip(handles, paths):
                driver.switch_to.window(handle)
                state = bar_state(driver)
                check(state is not None and not state["shown"], f"{path or 'index'}: no bar while the site is unchanged")
                before[handle] = state["height"] if state else None
            version_file.write_text(json.dumps({"version": "0" + version[1:] if version[0] != "0" else "1" + version[1:]}))
            for handle, path in zip(handles, paths):
                driver.switch_to.window(handle)
                deadline = time.monotonic() + 70
                state = bar_state(driver)
                while time.monotonic() < deadline and not (state and state["shown"]):
                    time.sleep(0.5)
                    state = bar_state(driver)
                name = path or "index"
                check(bool(state and state["shown"]), f"{name}: the bar shows once version.json changes")
                if state:
                    check(state["role"] == "status", f"{name}: the bar is a status region")
                    check(state["button"] and len(state["text"].strip()) > 0, f"{name}: it says so and offers Reload")
                    check(state["position"] == "fixed" and state["height"] == before[handle],
                          f"{name}: the bar is fixed to the window, the page does not move")
                severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
                check(not severe, f"{name}: no console errors {severe[:1]}")
        finally:
            server.shutdown()
            driver.quit()
    print("check_fresh: ok" if not failures else f"check_fresh: {len(failures)} failed")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
