#!/usr/bin/env python3
"""Checks that maintenance.js moves scheduled maintenance along between builds, in headless Chromium.

Usage: check_maintenance_clock.py SITE_DIR HERALD_BINARY [REPO_ROOT]

SITE_DIR is the sample site built at 2026-11-27T09:00:00Z. Its upcoming maintenance, "Payment
provider migration" (2026-12-06 02:00 to 04:00 UTC, payments and payouts), is expected as herald
built it; then the reader's clock (Date.now, replaced before any script runs through the Chrome
DevTools Protocol) is set inside and after the window, and the page must say so without a
rebuild: the card moves to "Maintenance in progress" with the badge "In progress", the operational
`payouts` row shows "Under maintenance" while `payments` keeps the "Partial outage" of its open
incident, and after the window the card and both sections are hidden and `payouts` is operational
again. The maintenance's own page and the month of the history that lists it flip its badge too. Without JavaScript the page must state the
window's times (checked in the HTML).

A second site is built here with HERALD_BINARY from the repository's theme and one maintenance on
a site without incidents, to check the overall banner: "All Systems Operational" turns into
"Service Under Maintenance" inside the window and back after it.

The pages are served by python's http.server on 127.0.0.1 (the pages' CSP is default-src 'self'),
through headless.py, like the other Chromium checks.
Exits 0 when everything passes, 1 otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import headless

DEFAULT_ROOT = Path(__file__).resolve().parent.parent.parent
SLUG = "2026-12-06-payment-provider-migration"

failures: list[str] = []


def check(condition: bool, message: str) -> None:
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def millis(text: str) -> int:
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc).timestamp() * 1000)


def load(driver, url: str, now: str) -> None:
    """Opens url in a new tab whose Date.now() returns `now` (UTC, ISO 8601)."""
    driver.switch_to.new_window("tab")
    source = "(() => { const t = %d; Date.now = () => t; })();" % millis(now)
    driver.execute_cdp_cmd("Page.enable", {})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})
    driver.get(url)
    # The script is deferred: wait until the document has run it.
    driver.execute_async_script(
        "const done = arguments[0];"
        "if (document.readyState === 'complete') done(); else addEventListener('load', () => done());"
    )
    severe = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
    check(not severe, f"no console errors at {now} on {url}: {severe}")


STATE = """
const card = document.querySelector('[data-start]');
const section = card && card.closest('[data-maintenance-section]');
const row = id => document.querySelector(`li.component[data-component="${id}"]`);
const rowState = id => row(id) && [row(id).className, row(id).querySelector('.component-status').textContent.trim()];
const visible = name => { const s = document.querySelector(`[data-maintenance-section="${name}"]`); return s ? !s.hidden : null; };
return {
  badge: card && card.querySelector('[data-role=status]').textContent,
  badgeClass: card && card.querySelector('[data-role=status]').className,
  cardHidden: card ? card.hidden : null,
  section: section ? section.getAttribute('data-maintenance-section') : null,
  active: visible('active'), upcoming: visible('upcoming'),
  payments: rowState('payments'), payouts: rowState('payouts'),
  overall: [document.querySelector('.overall') && document.querySelector('.overall').className,
            document.querySelector('[data-role=overall-text]') && document.querySelector('[data-role=overall-text]').textContent],
};
"""


def sample_site(driver, base: str, site: Path) -> None:
    index = (site / "index.html").read_text()
    check('<time datetime="2026-12-06T02:00:00Z">' in index and '<time datetime="2026-12-06T04:00:00Z">' in index,
          "without JavaScript the index states the window's start and end")
    check("maintenance.js" in index, "the index loads maintenance.js")

    load(driver, base + "/", "2026-11-27T09:00:00Z")
    state = driver.execute_script(STATE)
    check(state["badge"] == "Scheduled" and state["section"] == "upcoming", f"at build time: scheduled, upcoming ({state})")
    check(state["active"] is False and state["upcoming"] is True, "at build time only 'Upcoming maintenance' shows")

    load(driver, base + "/", "2026-12-06T03:00:00Z")
    state = driver.execute_script(STATE)
    check(state["badge"] == "In progress" and "status--in_progress" in state["badgeClass"], f"inside the window: In progress ({state})")
    check(state["section"] == "active" and state["active"] is True and state["upcoming"] is False,
          "inside the window the card is under 'Maintenance in progress' and 'Upcoming' is hidden")
    check(state["payouts"] is not None and "status--under_maintenance" in state["payouts"][0] and state["payouts"][1] == "Under maintenance",
          f"inside the window payouts is under maintenance ({state['payouts']})")
    check(state["payments"] is not None and "status--partial_outage" in state["payments"][0] and state["payments"][1] == "Partial outage",
          f"payments keeps its worse incident status ({state['payments']})")
    check(state["overall"][1] == "Partial System Outage", "the overall banner keeps the open incident's words")

    load(driver, base + "/", "2026-12-06T04:00:01Z")
    state = driver.execute_script(STATE)
    check(state["cardHidden"] is True and state["active"] is False and state["upcoming"] is False,
          f"after the window the card and both sections are hidden ({state})")
    check(state["payouts"] is not None and "status--operational" in state["payouts"][0] and state["payouts"][1] == "Operational",
          f"after the window payouts is operational again ({state['payouts']})")

    load(driver, f"{base}/incidents/{SLUG}/", "2026-12-06T03:00:00Z")
    state = driver.execute_script(STATE)
    check(state["badge"] == "In progress", f"the maintenance's page says In progress inside the window ({state['badge']})")
    load(driver, f"{base}/incidents/{SLUG}/", "2026-12-07T00:00:00Z")
    state = driver.execute_script(STATE)
    check(state["badge"] == "Completed" and state["cardHidden"] is False, f"and Completed after it, still shown ({state['badge']})")

    # The month in the history that lists the maintenance moves it along too.
    month = (site / "history" / "2026-12" / "index.html").read_text()
    check("maintenance.js" in month, "the month page listing the maintenance loads maintenance.js")
    load(driver, f"{base}/history/2026-12/", "2026-12-06T03:00:00Z")
    state = driver.execute_script(STATE)
    check(state["badge"] == "In progress", f"the month page says In progress inside the window ({state['badge']})")
    load(driver, f"{base}/history/2026-12/", "2026-12-07T00:00:00Z")
    state = driver.execute_script(STATE)
    check(state["badge"] == "Completed" and state["cardHidden"] is False,
          f"and Completed after it, still listed ({state['badge']}, hidden {state['cardHidden']})")


def quiet_site(driver, herald: str, root: Path, work: Path) -> None:
    source = work / "quiet"
    (source / "incidents").mkdir(parents=True)
    shutil.copytree(root / "theme", source / "theme")
    (source / "herald.yml").write_text(
        "title: Quiet\nurl: https://status.example.com/\ntimezone: UTC\n"
        "components:\n  - id: api\n    name: API\n  - id: web\n    name: Web\n"
    )
    (source / "incidents" / "2026-12-01-upgrade.md").write_text(
        "---\ntitle: Upgrade\nmaintenance:\n  start: 2026-12-01T10:00:00Z\n  end: 2026-12-01T11:00:00Z\n"
        "components: [api]\n---\n\n## Scheduled — 2026-11-20 10:00 UTC\nWe will upgrade the API.\n"
    )
    out = work / "quiet-site"
    subprocess.run([herald, "build", "--root", str(source), "--output", str(out), "--now", "2026-11-27T09:00:00Z"],
                   check=True, stdout=subprocess.DEVNULL)
    server, url = headless.serve(out)
    try:
        base = url.rstrip("/")
        load(driver, base + "/", "2026-11-27T09:00:00Z")
        state = driver.execute_script(STATE)
        check(state["overall"] == ["overall overall--none", "All Systems Operational"], f"quiet site at build time ({state['overall']})")
        load(driver, base + "/", "2026-12-01T10:30:00Z")
        state = driver.execute_script(STATE)
        check("overall--maintenance" in state["overall"][0] and state["overall"][1] == "Service Under Maintenance",
              f"quiet site inside the window: Service Under Maintenance ({state['overall']})")
        check(state["payouts"] is None, "rows of other components are left alone")
        load(driver, base + "/", "2026-12-01T11:00:00Z")
        state = driver.execute_script(STATE)
        check(state["overall"] == ["overall overall--none", "All Systems Operational"], f"quiet site after the window ({state['overall']})")
    finally:
        server.shutdown()


def main(argv: list[str]) -> int:
    if len(argv) < 3:
        print(__doc__)
        return 2
    site, herald = Path(argv[1]), argv[2]
    root = Path(argv[3]) if len(argv) > 3 else DEFAULT_ROOT
    with tempfile.TemporaryDirectory() as work:
        driver = headless.start_browser(os.path.join(work, "profile"), "check_maintenance_clock")
        server, url = headless.serve(site)
        try:
            sample_site(driver, url.rstrip("/"), site)
            quiet_site(driver, herald, root, Path(work))
        finally:
            driver.quit()
            server.shutdown()
    print(f"check_maintenance_clock: {len(failures)} problem(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
