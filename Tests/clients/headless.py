"""Shared by the browser clients (check_a11y, check_screenshots, check_maintenance_clock,
check_embed, check_xss): serve a built site on 127.0.0.1 and drive Debian's headless Chromium
through chromedriver with Selenium (nothing is downloaded)."""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path

CHROMIUM = os.environ.get("HERALD_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("HERALD_CHROMEDRIVER", "/usr/bin/chromedriver")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 (the base class's name)
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serves `directory` on a free port of 127.0.0.1 in a daemon thread; returns the server and
    its base URL (ending in /)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def start_browser(
    profile: str,
    name: str,
    *,
    arguments: tuple[str, ...] = ("--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1280,1024"),
    logging: dict[str, str] | None = None,
    configure=None,
    script_timeout: int = 60,
):
    """Headless Chromium that resolves no host but 127.0.0.1, so nothing leaves the machine.

    `arguments` come after the shared ones (window size and the like); `logging` is the
    `goog:loggingPrefs` capability (the console by default); `configure` gets the options last,
    for a client's own capabilities."""
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium Manager download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            raise SystemExit(f"{name}: {path} is missing (Debian: apt-get install chromium chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-domain-reliability",
        "--disable-features=OptimizationHints,MediaRouter,Translate",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
        *arguments,
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", logging or {"browser": "ALL"})
    if configure:
        configure(options)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(script_timeout)
    return driver


def emulate(driver, *, scheme: str, width: int, height: int = 900, mobile: bool = False) -> None:
    """Sets prefers-color-scheme and the viewport through the DevTools protocol."""
    driver.execute_cdp_cmd(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
    )
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
    )


def sample_pages(site: Path) -> dict[str, str]:
    """The pages the checks visit, as paths relative to the site root: the index, an incident,
    the first component and history month (sorted), the history index, the Subscribe page and the
    uptime history."""
    def first(folder: str) -> str:
        names = sorted(p.name for p in (site / folder).iterdir() if (p / "index.html").exists())
        if not names:
            raise SystemExit(f"no pages under {site / folder}")
        return f"{folder}/{names[0]}/"

    # The first incident the index links to (an open one, if any), else the first by name.
    index = (site / "index.html").read_text(encoding="utf-8")
    linked = re.search(r'href="\./(incidents/[^"/]+/)"', index)
    return {
        "index": "",
        "incident": linked.group(1) if linked else first("incidents"),
        "component": first("components"),
        "history": "history/",
        "month": first("history"),
        "subscribe": "subscribe/",
        "uptime": "uptime/",
    }
