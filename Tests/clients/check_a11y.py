#!/usr/bin/env python3
"""Runs axe-core (through axe-selenium-python) on a built site in headless Chromium.

Usage: check_a11y.py SITE_DIR [SITE_DIR ...]

For each site: serves it on 127.0.0.1, and on the index, an incident page, a component page, the
history page, a history month page, the Subscribe page and the uptime history, in light and dark (prefers-color-scheme
emulated through the DevTools protocol) and at 1280 px and 320 px wide, runs axe's WCAG 2.0, 2.1
and 2.2 A and AA rules and its best practices, and fails on any violation. Also fails on console errors (a Content-Security-Policy violation, a script error),
on a page wider than the 320 px viewport (horizontal scrolling), and when the optional time
script did not run (no <time> got its title). Needs Python 3.12 for axe-selenium-python 3.0.0,
which bundles axe-core. Exits 0 when all is clean, 1 otherwise.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from headless import emulate, sample_pages, serve, start_browser  # noqa: E402

NAME = "check_a11y"
WIDTHS = [(1280, 900, False), (320, 640, True)]
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (2.2 adds target-size, 2.5.8) and axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}
SCHEMES = ["light", "dark"]


def check_site(driver, axe_class, site: Path) -> list[str]:
    problems: list[str] = []
    server, base = serve(site)
    try:
        for label, path in sample_pages(site).items():
            for scheme in SCHEMES:
                for width, height, mobile in WIDTHS:
                    where = f"{site.name}/{path or 'index'} [{label}, {scheme}, {width}px]"
                    emulate(driver, scheme=scheme, width=width, height=height, mobile=mobile)
                    driver.get(base + path)
                    driver.get_log("browser")  # drop what an earlier page left
                    scroll = driver.execute_script(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
                    )
                    if scroll > 0:
                        problems.append(f"{where}: the page is {scroll}px wider than the viewport")
                    axe = axe_class(driver)
                    axe.inject()
                    results = axe.run(options=AXE_OPTIONS)
                    violations = results.get("violations", [])
                    for violation in violations:
                        targets = "; ".join(
                            " ".join(node.get("target", [])) for node in violation.get("nodes", [])[:5]
                        )
                        problems.append(
                            f"{where}: axe {violation['id']} ({violation.get('impact')}): "
                            f"{violation['help']} — {targets}"
                        )
                    enhanced = driver.execute_script(
                        "var t = Array.prototype.filter.call(document.querySelectorAll(\"time[datetime*='T']\"),"
                        " function (e) { return !e.closest('.day'); });"
                        "return t.length === 0 || t[0].hasAttribute('title');"
                    )
                    if not enhanced:
                        problems.append(f"{where}: the time script did not run")
                    for entry in driver.get_log("browser"):
                        if entry.get("level") == "SEVERE":
                            problems.append(f"{where}: console: {entry.get('message')}")
                    print(
                        f"{where}: {len(violations)} violations, "
                        f"{len(results.get('passes', []))} rules passed, "
                        f"{len(results.get('incomplete', []))} to review"
                    )
    finally:
        server.shutdown()
    return problems


CANARY = (
    "<!DOCTYPE html><html><head><meta charset=utf-8></head><body>"
    "<img src=missing.png><p style='color:#777;background:#888'>low contrast</p></body></html>"
)


def canary_violations(driver, axe_class) -> int:
    """axe's findings on a known-bad page, so that a check that silently checks nothing fails."""
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "index.html").write_text(CANARY, encoding="utf-8")
        server, base = serve(Path(folder))
        try:
            driver.get(base)
            axe = axe_class(driver)
            axe.inject()
            return len(axe.run().get("violations", []))
        finally:
            server.shutdown()


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 1
    try:
        from axe_selenium_python import Axe
    except ImportError:
        print(f"{NAME}: axe-selenium-python is not installed (it needs Python 3.12)")
        print(f"{NAME}: FAIL")
        return 1
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as profile:
        driver = start_browser(profile, NAME)
        try:
            found = canary_violations(driver, Axe)
            print(f"canary page: {found} violations (expected some)")
            if found == 0:
                problems.append("axe found no violation on the known-bad canary page")
            for argument in argv[1:]:
                problems += check_site(driver, Axe, Path(argument).resolve())
        finally:
            driver.quit()
    for problem in problems:
        print(problem)
    print(f"{NAME}: {'FAIL' if problems else 'OK'} ({len(problems)} problems)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
