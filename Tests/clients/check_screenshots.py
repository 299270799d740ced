#!/usr/bin/env python3
"""Takes screenshots of a built site in headless Chromium, for people to look at.

Usage: check_screenshots.py SITE_DIR OUT_DIR

Writes OUT_DIR/<page>-<desktop|phone>-<light|dark>.png for the index, an incident page and the uptime history: desktop
1280 px wide, phone 375 px wide (full page height), light and dark. Fails when a screenshot is
missing or not a PNG, or when the page is wider than the viewport. Prints each file's path.
"""

from __future__ import annotations

import base64
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from headless import emulate, sample_pages, serve, start_browser  # noqa: E402

NAME = "check_screenshots"
DEVICES = {"desktop": (1280, 900, False), "phone": (375, 812, True)}


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 1
    site = Path(argv[1]).resolve()
    out = Path(argv[2]).resolve()
    out.mkdir(parents=True, exist_ok=True)
    pages = sample_pages(site)
    problems: list[str] = []
    server, base = serve(site)
    with tempfile.TemporaryDirectory() as profile:
        driver = start_browser(profile, NAME)
        try:
            for label in ("index", "incident", "uptime"):
                for device, (width, height, mobile) in DEVICES.items():
                    for scheme in ("light", "dark"):
                        emulate(driver, scheme=scheme, width=width, height=height, mobile=mobile)
                        driver.get(base + pages[label])
                        full = driver.execute_script("return document.documentElement.scrollHeight")
                        shot = driver.execute_cdp_cmd(
                            "Page.captureScreenshot",
                            {
                                "format": "png",
                                "captureBeyondViewport": True,
                                "clip": {"x": 0, "y": 0, "width": width, "height": full, "scale": 1},
                            },
                        )
                        data = base64.b64decode(shot["data"])
                        path = out / f"{label}-{device}-{scheme}.png"
                        path.write_bytes(data)
                        if not data.startswith(b"\x89PNG"):
                            problems.append(f"{path}: not a PNG")
                        scroll = driver.execute_script(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
                        )
                        if scroll > 0:
                            problems.append(f"{path}: the page is {scroll}px wider than the viewport")
                        print(f"{path} ({width}x{full}, {len(data):,} bytes)")
        finally:
            driver.quit()
            server.shutdown()
    for problem in problems:
        print(problem)
    print(f"{NAME}: {'FAIL' if problems else 'OK'} (screenshots in {out})")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
