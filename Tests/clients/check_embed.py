#!/usr/bin/env python3
"""Loads a built site's embed.js into host pages of another origin in headless Chromium.

Usage: check_embed.py SITE_DIR [REPO_ROOT]

Made for the sample site (the repository's herald.yml and incidents/, REPO_ROOT, by default the
folder above Tests/), whose one open incident, "Delayed payment processing", affects `payments`
and `billing-emails`; `api` and `login` are not affected. What the banner must say (title, latest
status and time, absolute incident URL from herald.yml's `url`, the `herald:<id>` dismissal key)
is worked out from the sources with herald_sources, not read back from embed.js.

Two python http.server instances run in threads on free ports of 127.0.0.1: SITE_DIR is the
"status site" origin (served with the headers of its own _headers file, as a host that reads it
would), and a temporary folder of host pages written here is the "app" origin. Every host page
sends a strict Content-Security-Policy by <meta http-equiv> (default-src 'self'; script-src 'self'
http://127.0.0.1:STATUSPORT; style-src 'self': no 'unsafe-inline') and includes embed.js with
`async` and the attributes of its case. Debian's /usr/bin/chromium is driven headless through
/usr/bin/chromedriver with Selenium, with Chrome's performance (network) and browser logs on, the
HTTP cache off, and every host but 127.0.0.1 unresolvable. Storage and cookies of both origins
are cleared before every case.

Cases: data-components="payments" shows the banner ([data-herald-banner], an open shadow root
holding role=status with the title, the status, the time in the reader's time zone and a Details
link to the absolute incident URL); "api,login" shows none; no attribute shows it;
" payments , api " shows it; the script in <head>, and inserted by a host loader script, shows it;
data-position="top" puts the banner host first in <body> (by default: a fixed bar at the bottom
of the window, on top of the page, leaving the host content beside it clickable); " , " (no
component listed) shows none; Dismiss removes it and writes only herald:<id>, a reload keeps
it hidden, clearing localStorage shows it again, and a dismissal of an older update does not hide
it; Tab reaches the Details link and the Dismiss button (with a visible focus outline), Enter
and Space on Dismiss dismiss, and focus then returns to the host element it came from.
In every case: the only requests are the host page's own files and embed.js (performance log and
both servers' logs), no cookie exists (document.cookie and CDP), no console message is SEVERE
(CSP violations would be), and nothing but herald:* keys is stored. Also: embed.js is under
4096 bytes; a hostile host stylesheet (a{color:yellow}, button{background:lime}, p{margin:100px},
* {color:red !important}...) changes no computed style inside the banner compared with a host page
without styles; no animation or transition, with and without prefers-reduced-motion: reduce; the
WCAG contrast ratio of every text colour on its background is at least 4.5 (3 for the focus
outline and the button border).

Problems of the current embed.js listed in KNOWN_BUGS (below) are printed as "BUG" lines and do
not fail the check unless HERALD_EMBED_STRICT=1; one that is no longer seen is reported as a note.

A canary page first proves the instruments work: its inline style must be reported as a SEVERE
CSP violation, and the cookie and request its script makes must be seen. Exits 0 when everything
passes, 1 otherwise.
"""

from __future__ import annotations

from datetime import datetime, timezone

import functools
import html
import http.server
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

import headless
import herald_sources as sources

DEFAULT_ROOT = Path(__file__).resolve().parent.parent.parent
SIZE_LIMIT = 4096

# The sample site's open incident, and components it does and does not touch.
SAMPLE_SLUG = "2026-11-27-delayed-payments"
SAMPLE_TITLE = "Delayed payment processing"
SAMPLE_STATUS = "Monitoring"
AFFECTED = "payments"
UNAFFECTED = "api,login"
CLOSED_STATUSES = {"resolved", "postmortem", "completed"}
# The clock .ci/run builds the sample site with (--now).
BUILD_CLOCK = datetime(2026, 11, 27, 9, 0, tzinfo=timezone.utc)

# Problems of embed.js that are reported (as "known bug") without failing the check, until the
# script is fixed; empty while none is known. HERALD_EMBED_STRICT=1 fails on them too; one no
# longer seen is reported so that it can be taken off this list. Earlier entries, now fixed and
# checked like everything else: click-through of the bottom bar's transparent area,
# data-components="" showing every incident, rem lengths following the host's root font size,
# and inherited text properties set !important on * reaching the banner.
KNOWN_BUGS: dict[str, str] = {}
STRICT = os.environ.get("HERALD_EMBED_STRICT") == "1"

# The banner's time, in a time zone and locale emulated for every case: 08:50 UTC on 27 Nov 2026.
READER_TIMEZONE = "America/New_York"
READER_LOCALE = "en-US"
READER_TIME = ("Nov 27, 2026", "3:50 AM")

# ---------------------------------------------------------------------------------------------
# Servers


def read_headers_file(site: Path) -> list[tuple[re.Pattern, list[tuple[str, str]]]]:
    """The rules of a Netlify/Cloudflare Pages style _headers file: path pattern, headers."""
    rules: list[tuple[re.Pattern, list[tuple[str, str]]]] = []
    path = site / "_headers"
    if not path.is_file():
        return rules
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            pattern = re.compile("^" + ".*".join(re.escape(part) for part in line.strip().split("*")) + "$")
            rules.append((pattern, []))
        elif rules and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder quietly, logs every request, adds the _headers rules and turns caching off."""

    def __init__(self, *args, label: str, log: list, rules: list, **kwargs):
        self.label = label
        self.log = log
        self.rules = rules
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        for pattern, headers in self.rules:
            if pattern.match(path):
                for name, value in headers:
                    if name.lower() != "cache-control":
                        self.send_header(name, value)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_request(self, code="-", size="-") -> None:
        self.log.append((self.label, self.command, self.path, str(code)))

    def log_message(self, format, *args) -> None:  # noqa: A002 (the base class's name)
        pass


def start_server(directory: Path, label: str, log: list, rules: list):
    handler = functools.partial(Handler, directory=str(directory), label=label, log=log, rules=rules)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=f"http-{label}", daemon=True)
    thread.start()
    return server, server.server_address[1]


# ---------------------------------------------------------------------------------------------
# Host pages

HOSTILE_CSS = """/* A host app's stylesheet: element and universal rules, some !important. */
* { color: red !important; font-family: serif !important; }
body { margin: 0; font-size: 40px; line-height: 3; letter-spacing: 4px; text-transform: uppercase;
       word-spacing: 20px; font-style: italic; text-align: right; visibility: visible; }
p { margin: 100px !important; padding: 10px; }
a { color: yellow !important; text-decoration: none !important; font-weight: 900; }
button { background: lime !important; color: black !important; border: 5px dotted red !important;
         font-size: 30px !important; padding: 20px !important; border-radius: 0 !important; }
strong { font-weight: 100 !important; }
div { padding: 50px; border: 3px solid blue; background: pink; opacity: .5; }
div, p, a, button { animation: spin 1s infinite; transition: all 2s; }
@keyframes spin { to { transform: rotate(1turn); } }
"""

# Only the root font size: the 62.5% trick many apps use (1rem = 10px).
REM_CSS = "html { font-size: 62.5%; }\n"

# Inherited text properties set !important on every element, the banner's host included: they
# beat its inline all:initial and are inherited into the shadow root unless the banner resets them.
UNIVERSAL_CSS = """* { text-transform: uppercase !important; letter-spacing: 3px !important;
    word-spacing: 12px !important; font-style: italic !important; text-align: right !important; }
"""

# A host loader, as a tag manager would insert the script: copies its data-embed-* attributes.
LOADER_JS = """(function () {
  var me = document.currentScript, s = document.createElement('script');
  s.src = me.getAttribute('data-embed-src');
  s.async = true;
  var c = me.getAttribute('data-embed-components');
  if (c !== null) s.setAttribute('data-components', c);
  document.head.appendChild(s);
})();
"""

# Canary: an allowed ('self') script that sets a cookie and makes a request, on a page with an
# inline style the CSP must refuse.
CANARY_JS = """document.cookie = 'canary=1; path=/';
fetch('canary-request').catch(function () {});
"""


def tiny_png() -> bytes:
    """A 1x1 PNG, for the host page's favicon (a missing one would be a SEVERE console message)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (1).to_bytes(4, "big") * 2 + bytes([8, 2, 0, 0, 0])
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def host_page(
    title: str,
    status_port: int,
    script_attrs: list[tuple[str, str | None]] | None,
    *,
    placement: str = "body",
    css: str | None = "host.css",
    extra_head: str = "",
    body_extra: str = "",
) -> str:
    csp = f"default-src 'self'; script-src 'self' http://127.0.0.1:{status_port}; style-src 'self'"
    script = ""
    if script_attrs is not None:
        attrs = "".join(
            f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"' for name, value in script_attrs
        )
        script = f"<script{attrs}></script>"
    head_script = script if placement == "head" else ""
    body_script = script if placement == "body" else ""
    stylesheet = f'<link rel="stylesheet" href="{css}">' if css else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<title>{html.escape(title)}</title>
<link rel="icon" href="favicon.png">
{stylesheet}
{extra_head}{head_script}
</head>
<body>
<header><p>Acme app</p><a id="host-link" href="#main">Skip to content</a></header>
<main id="main">
<p>The host application's own content.</p>
<div><p>A nested block</p><button id="host-button" type="button">Host button</button></div>
{body_extra}
</main>
{body_script}
</body>
</html>
"""


# ---------------------------------------------------------------------------------------------
# Browser


def start_browser(profile: str):
    driver = headless.start_browser(
        profile,
        "check_embed",
        arguments=(
            "--window-size=1280,900",
            "--hide-scrollbars",  # the same layout width whether a host page scrolls or not
            f"--lang={READER_LOCALE}",
        ),
        logging={"browser": "ALL", "performance": "ALL"},
        configure=lambda options: options.add_experimental_option(
            "perfLoggingPrefs", {"enableNetwork": True, "enablePage": False}
        ),
        script_timeout=30,
    )
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    driver.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": READER_TIMEZONE})
    driver.execute_cdp_cmd("Emulation.setLocaleOverride", {"locale": READER_LOCALE})
    return driver


def all_cookies(driver) -> list[dict]:
    for command in ("Storage.getCookies", "Network.getAllCookies"):
        try:
            return list(driver.execute_cdp_cmd(command, {}).get("cookies", []))
        except Exception:  # noqa: BLE001 (one of the two exists in every Chrome)
            continue
    raise RuntimeError("neither Storage.getCookies nor Network.getAllCookies works")


# What the banner looks like from the host page: presence, content, placement.
PROBE = r"""
const hosts = document.querySelectorAll('[data-herald-banner]');
const host = hosts[0];
if (!host) return {present: false, hosts: 0};
const root = host.shadowRoot;
const r = {present: true, hosts: hosts.length, shadow: !!root, lightChildren: host.childNodes.length,
           firstChild: document.body.firstChild === host, parentIsBody: host.parentNode === document.body,
           position: getComputedStyle(host).position, innerHeight: innerHeight, innerWidth: innerWidth};
if (!root) return r;
const box = root.querySelector('[role="status"]');
r.status = !!box;
r.text = (box || root).textContent;
r.links = Array.from(root.querySelectorAll('a')).map(a => ({href: a.href, raw: a.getAttribute('href'),
  text: a.textContent, label: a.getAttribute('aria-label') || ''}));
r.buttons = Array.from(root.querySelectorAll('button')).map(b => ({text: b.textContent,
  type: b.type, label: b.getAttribute('aria-label') || ''}));
const rect = (box || host).getBoundingClientRect();
r.rect = {top: rect.top, bottom: rect.bottom, left: rect.left, right: rect.right, width: rect.width, height: rect.height};
const x = rect.left + rect.width / 2, y = rect.top + Math.min(rect.height / 2, 10);
r.hit = document.elementFromPoint(x, y) === host;
const main = document.getElementById('main');
r.mainTop = main ? main.getBoundingClientRect().top : null;
r.animations = box ? box.getAnimations({subtree: true}).length : 0;
return r;
"""

# Points inside the banner host's box but outside the visible banner: the host page's content
# shows there, so it must get the clicks (elementFromPoint is what a click hits).
CLICK_THROUGH = r"""
const host = document.querySelector('[data-herald-banner]');
if (!host || !host.shadowRoot) return null;
const box = host.shadowRoot.querySelector('[role="status"]') || host.shadowRoot.firstElementChild;
const h = host.getBoundingClientRect(), b = box.getBoundingClientRect();
const points = [];
if (b.left - h.left > 8) points.push([h.left + 4, (b.top + b.bottom) / 2]);
if (h.right - b.right > 8) points.push([h.right - 4, (b.top + b.bottom) / 2]);
if (h.bottom - b.bottom > 4) points.push([(b.left + b.right) / 2, (b.bottom + h.bottom) / 2]);
return points.filter(([x, y]) => document.elementFromPoint(x, y) === host)
  .map(([x, y]) => '(' + Math.round(x) + ', ' + Math.round(y) + ')');
"""

STYLE_PROPERTIES = [
    "color", "background-color", "font-family", "font-size", "font-weight", "font-style", "line-height",
    "text-transform", "letter-spacing", "word-spacing", "text-align", "text-decoration-line",
    "display", "visibility", "opacity", "transform", "margin-top", "margin-right", "margin-bottom",
    "margin-left", "padding-top", "padding-right", "padding-bottom", "padding-left",
    "border-top-style", "border-top-width", "border-top-color", "border-left-style", "border-left-width",
    "border-left-color", "border-top-left-radius", "max-width", "width", "height", "column-gap",
    "animation-name", "animation-duration", "transition-duration", "transition-property", "outline-style",
]

# Computed styles of every element in the shadow root, keyed by a stable path.
STYLES = r"""
const props = arguments[0];
const host = document.querySelector('[data-herald-banner]');
if (!host || !host.shadowRoot) return null;
const out = {};
const walk = (el, path) => {
  const cs = getComputedStyle(el);
  const values = {};
  for (const p of props) values[p] = cs.getPropertyValue(p);
  out[path] = values;
  Array.from(el.children).forEach((child, i) => walk(child, path + '>' + child.tagName.toLowerCase() + '[' + i + ']'));
};
Array.from(host.shadowRoot.children).forEach((child, i) => walk(child, child.tagName.toLowerCase() + '[' + i + ']'));
return out;
"""

# Colour pairs for the contrast checks: each text-bearing element's colour on the first opaque
# background behind it (inside the banner), the focus outline, the button border.
COLOURS = r"""
const host = document.querySelector('[data-herald-banner]');
if (!host || !host.shadowRoot) return null;
const background = (el) => {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    layers.push(getComputedStyle(e).backgroundColor);
  }
  layers.push(getComputedStyle(host).backgroundColor);
  return layers;
};
const out = [];
for (const el of host.shadowRoot.querySelectorAll('*')) {
  const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own) continue;
  const cs = getComputedStyle(el);
  out.push({what: el.tagName.toLowerCase() + ' text "' + el.textContent.trim().slice(0, 30) + '"',
            fg: cs.color, bg: background(el), min: 4.5});
  if (el.tagName === 'BUTTON' && cs.borderTopStyle !== 'none')
    out.push({what: 'button border', fg: cs.borderTopColor, bg: background(el.parentElement), min: 3});
}
return out;
"""

FOCUS = r"""
const host = document.querySelector('[data-herald-banner]');
const ae = document.activeElement;
const r = {active: ae ? ae.tagName.toLowerCase() + (ae.id ? '#' + ae.id : '') : null,
           inBanner: !!host && ae === host, inner: null};
if (r.inBanner && host.shadowRoot && host.shadowRoot.activeElement) {
  const f = host.shadowRoot.activeElement, cs = getComputedStyle(f);
  const bg = getComputedStyle(f.closest('[role="status"]') || f).backgroundColor;
  r.inner = {tag: f.tagName.toLowerCase(), text: f.textContent.trim(), outlineStyle: cs.outlineStyle,
             outlineWidth: cs.outlineWidth, outlineColor: cs.outlineColor, background: bg};
}
return r;
"""


def parse_colour(text: str) -> tuple[float, float, float, float]:
    match = re.match(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)", text)
    if not match:
        raise ValueError(f"unparsed colour {text!r}")
    alpha = match.group(4)
    if alpha is None:
        a = 1.0
    elif alpha.endswith("%"):
        a = float(alpha[:-1]) / 100
    else:
        a = float(alpha)
    return float(match.group(1)), float(match.group(2)), float(match.group(3)), a


def over(top: tuple[float, float, float, float], bottom: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b, a = top
    return (r * a + bottom[0] * (1 - a), g * a + bottom[1] * (1 - a), b * a + bottom[2] * (1 - a))


def flatten(layers: list[str]) -> tuple[float, float, float]:
    """Composites background layers (innermost first) over white."""
    colour = (255.0, 255.0, 255.0)
    for layer in reversed(layers):
        colour = over(parse_colour(layer), colour)
    return colour


def luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def normalised(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " ")).strip()


# ---------------------------------------------------------------------------------------------


class Check:
    def __init__(self, site: Path, root: Path):
        self.site = site
        self.root = root
        self.failures: list[str] = []
        self.notes: list[str] = []
        self.bugs: list[str] = []
        self.passed: list[str] = []
        self.server_log: list[tuple[str, str, str, str]] = []
        self.requests_seen = 0
        self.console_seen = 0
        self.pages_loaded = 0

    # -- bookkeeping

    def expect(self, ok: bool, case: str, message: str) -> bool:
        if not ok:
            self.failures.append(f"{case}: {message}")
        return ok

    def known(self, case: str, bug: str, observed: bool, detail: str) -> None:
        """A problem listed in KNOWN_BUGS: reported; a failure only when STRICT or not listed."""
        if observed and (STRICT or bug not in KNOWN_BUGS):
            self.failures.append(f"{case}: [{bug}] {detail}")
        elif observed:
            self.bugs.append(f"{case}: [{bug}] {detail}")
        elif bug in KNOWN_BUGS:
            self.notes.append(f"{case}: known bug [{bug}] no longer seen: take it off KNOWN_BUGS")

    def case_ok(self, case: str, summary: str, before: int) -> None:
        if len(self.failures) == before:
            self.passed.append(f"{case}: {summary}")

    # -- expectations from the sources

    def load_expectations(self) -> None:
        config = sources.load_config(self.root)
        incidents = sources.load_incidents(self.root, config)
        self.open = []
        for incident in incidents:
            if incident.notice and not incident.notice_embed:
                # A notice reaches the banner only with `notice: {embed: true}`.
                continue
            if incident.maintenance is not None:
                # The banner shows a maintenance only while it is under way at the build's clock.
                start, end = incident.maintenance
                if not start <= BUILD_CLOCK < end:
                    continue
            if not incident.updates:
                continue
            latest = max(incident.updates, key=lambda u: u.time)
            if latest.status.lower() in CLOSED_STATUSES:
                continue
            self.open.append(
                {
                    "slug": incident.slug,
                    "title": incident.title,
                    "status": latest.status,
                    "components": incident.components,
                    "url": config.absolute(f"incidents/{incident.slug}/"),
                    "key": f"herald:{incident.slug}-update-{sources.update_stamp(latest.time)}",
                }
            )
        self.site_url = config.url
        sample = [i for i in self.open if i["slug"] == SAMPLE_SLUG]
        if len(self.open) != 1 or not sample:
            raise SystemExit(
                f"check_embed: made for the sample site, whose one open incident is {SAMPLE_SLUG}; "
                f"the sources in {self.root} have {[i['slug'] for i in self.open]} open"
            )
        self.incident = sample[0]
        if (self.incident["title"], self.incident["status"]) != (SAMPLE_TITLE, SAMPLE_STATUS):
            raise SystemExit(f"check_embed: the sample incident changed: {self.incident}")
        touched = {c for i in self.open for c in i["components"]}
        if AFFECTED not in touched or touched & set(UNAFFECTED.split(",")):
            raise SystemExit(f"check_embed: the sample's open incidents touch {sorted(touched)}")

    # -- the static part

    def check_file(self) -> None:
        case = "j. size"
        before = len(self.failures)
        path = self.site / "embed.js"
        if not self.expect(path.is_file(), case, f"{path} is missing"):
            return
        data = path.read_bytes()
        self.expect(len(data) < SIZE_LIMIT, case, f"embed.js is {len(data)} bytes, not under {SIZE_LIMIT}")
        text = data.decode("utf-8", errors="replace")
        # The state is written into the script (JSON, with / unescaped): URL and title are in it.
        self.expect(json.dumps(self.incident["url"])[1:-1] in text, case, "the incident URL is not in embed.js")
        self.expect(json.dumps(self.incident["title"])[1:-1] in text, case, "the incident title is not in embed.js")
        self.case_ok(case, f"embed.js is {len(data)} bytes ({len(zlib.compress(data, 9))} compressed), under {SIZE_LIMIT}", before)

    # -- the browser

    def drain(self) -> None:
        self.driver.get_log("performance")
        self.driver.get_log("browser")

    def reset(self) -> None:
        """Clears storage and cookies of both origins and the logs, and leaves on about:blank."""
        self.driver.get("about:blank")
        for origin in (self.app, self.status):
            self.driver.execute_cdp_cmd("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        self.driver.execute_cdp_cmd("Network.clearBrowserCookies", {})
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
        self.drain()
        self.server_log.clear()

    def wait_loaded(self, embed: bool = True) -> None:
        """Waits for the load event (which waits for async scripts) and for embed.js to be fetched."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            done = self.driver.execute_script(
                "return document.readyState === 'complete' && (!arguments[0] || "
                "performance.getEntriesByType('resource').some(e => e.name === arguments[1]))",
                embed,
                self.embed_url,
            )
            if done:
                break
            time.sleep(0.05)
        # A script inserted by another script runs after its fetch: give the task queue a turn.
        time.sleep(0.15)
        self.pages_loaded += 1

    def open_page(self, name: str) -> None:
        self.driver.get(f"{self.app}/{name}")
        self.wait_loaded()

    def reload(self) -> None:
        self.driver.refresh()
        self.wait_loaded()

    def probe(self) -> dict:
        return self.driver.execute_script(PROBE)

    def audit(self, case: str, pages: set[str], extra_requests: tuple[str, ...] = ()) -> None:
        """The network, console, cookie and storage checks, for everything since the last reset."""
        allowed_app = {f"{self.app}/{page}" for page in pages} | {
            f"{self.app}/{path}" for path in ("host.css", "rem.css", "universal.css", "favicon.png", "loader.js")
        } | {f"{self.app}/{path}" for path in extra_requests}
        fetched_embed = 0
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            method = message.get("method", "")
            params = message.get("params", {})
            if method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                self.requests_seen += 1
                if url == self.embed_url:
                    fetched_embed += 1
                elif url not in allowed_app:
                    initiator = params.get("initiator", {})
                    stack = initiator.get("stack", {}).get("callFrames", [])
                    by = stack[0].get("url") if stack else initiator.get("url", initiator.get("type"))
                    self.expect(False, case, f"unexpected request {params['request']['method']} {url} (initiator: {by})")
            elif method.startswith(("Network.webSocket", "Network.eventSource", "Network.webTransport")):
                self.expect(False, case, f"{method}: {json.dumps(params)[:200]}")
            elif method == "Network.responseReceivedExtraInfo":
                headers = {k.lower(): v for k, v in params.get("headers", {}).items()}
                if "set-cookie" in headers:
                    self.expect(False, case, f"a response set a cookie: {headers['set-cookie']}")
        self.expect(fetched_embed >= 1, case, "embed.js was never requested (performance log)")
        status_requests = [entry for entry in self.server_log if entry[0] == "status"]
        for _, command, path, code in status_requests:
            self.expect(
                (command, path) == ("GET", "/embed.js"), case, f"the status origin was asked for {command} {path} ({code})"
            )
        for _, command, path, code in self.server_log:
            self.expect(code in ("200", "304"), case, f"{command} {path} answered {code}")
        for entry in self.driver.get_log("browser"):
            self.console_seen += 1
            if entry.get("level") == "SEVERE":
                self.expect(False, case, f"console {entry['level']}: {entry.get('message')}")
        cookies = all_cookies(self.driver)
        self.expect(not cookies, case, f"cookies exist: {[(c['domain'], c['name']) for c in cookies]}")
        if self.driver.current_url.startswith(self.app):
            stored = self.driver.execute_script(
                "return {cookie: document.cookie, local: Object.keys(localStorage), session: sessionStorage.length}"
            )
            self.expect(stored["cookie"] == "", case, f"document.cookie is {stored['cookie']!r}")
            self.expect(
                all(key.startswith("herald:") for key in stored["local"]),
                case,
                f"localStorage has keys other than herald:*: {stored['local']}",
            )
            self.expect(stored["session"] == 0, case, "sessionStorage was written")

    def expect_banner(self, case: str, result: dict) -> bool:
        """The banner is there once, in an open shadow root, with the incident's content."""
        if not self.expect(result.get("present"), case, "no [data-herald-banner] element"):
            return False
        ok = self.expect(result["hosts"] == 1, case, f"{result['hosts']} banners")
        if not self.expect(result.get("shadow"), case, "the banner has no open shadow root"):
            return False
        ok &= self.expect(result["lightChildren"] == 0, case, "the banner host has light-DOM children")
        ok &= self.expect(result.get("status"), case, 'no role="status" element in the shadow root')
        text = normalised(result.get("text", ""))
        ok &= self.expect(SAMPLE_TITLE in text, case, f"title {SAMPLE_TITLE!r} not in {text!r}")
        ok &= self.expect(SAMPLE_STATUS in text, case, f"status {SAMPLE_STATUS!r} not in {text!r}")
        ok &= self.expect(
            all(part in text for part in READER_TIME),
            case,
            f"the time in the reader's zone ({READER_TIMEZONE}: {', '.join(READER_TIME)}) is not in {text!r}",
        )
        links = [link for link in result.get("links", []) if "Details" in link["text"]]
        if self.expect(len(links) == 1, case, f"expected one Details link, found {result.get('links')}"):
            ok &= self.expect(
                links[0]["raw"] == self.incident["url"] and links[0]["href"] == self.incident["url"],
                case,
                f"Details link href is {links[0]['raw']!r}, not {self.incident['url']!r}",
            )
        else:
            ok = False
        buttons = [b for b in result.get("buttons", []) if b["text"].strip() == "Dismiss"]
        ok &= self.expect(len(buttons) == 1 and buttons[0]["type"] == "button", case, f"no Dismiss button: {result.get('buttons')}")
        rect = result["rect"]
        ok &= self.expect(rect["width"] > 100 and rect["height"] > 10, case, f"the banner is {rect['width']}x{rect['height']}")
        ok &= self.expect(
            rect["top"] >= 0 and rect["bottom"] <= result["innerHeight"] + 1 and rect["left"] >= 0 and rect["right"] <= result["innerWidth"] + 1,
            case,
            f"the banner is not within the window: {rect}",
        )
        ok &= self.expect(result.get("hit"), case, "the banner is covered by the host page (elementFromPoint)")
        return bool(ok)

    def expect_bottom_bar(self, case: str, result: dict) -> None:
        self.expect(result.get("position") == "fixed", case, f"the banner host is position:{result.get('position')}, not fixed")
        rect = result.get("rect", {})
        self.expect(
            rect and result["innerHeight"] - rect["bottom"] < 40 and rect["top"] > result["innerHeight"] / 2,
            case,
            f"the bar is not at the bottom of the window: {rect}",
        )

    def no_banner(self, case: str) -> None:
        result = self.probe()
        self.expect(not result.get("present"), case, f"a banner is shown: {normalised(result.get('text', ''))!r}")

    # -- cases

    def page(self, name: str, attrs: list[tuple[str, str | None]] | None, **kwargs) -> str:
        (self.pages / name).write_text(host_page(name, self.status_port, attrs, **kwargs), encoding="utf-8")
        return name

    def embed_attrs(self, **data: str) -> list[tuple[str, str | None]]:
        attrs: list[tuple[str, str | None]] = [("src", self.embed_url)]
        attrs += [(f"data-{name}", value) for name, value in data.items()]
        attrs.append(("async", None))
        return attrs

    def run_canary(self) -> None:
        case = "canary"
        (self.pages / "canary.js").write_text(CANARY_JS, encoding="utf-8")
        (self.pages / "canary-request").write_text("ok", encoding="utf-8")
        name = self.page(
            "canary.html",
            None,
            body_extra='<p style="color: red">inline style, refused by the CSP</p><script src="canary.js"></script>',
        )
        self.reset()
        self.driver.get(f"{self.app}/{name}")
        self.wait_loaded(embed=False)
        time.sleep(0.2)
        perf = [json.loads(e["message"])["message"] for e in self.driver.get_log("performance")]
        urls = [m["params"]["request"]["url"] for m in perf if m.get("method") == "Network.requestWillBeSent"]
        logs = self.driver.get_log("browser")
        severe_csp = [e for e in logs if e.get("level") == "SEVERE" and "Content Security Policy" in e.get("message", "")]
        cookies = all_cookies(self.driver)
        problems = []
        if not severe_csp:
            problems.append(f"no SEVERE CSP violation logged for an inline style attribute (log: {logs})")
        if f"{self.app}/canary-request" not in urls:
            problems.append(f"the canary's fetch is not in the performance log ({urls})")
        if not any(entry[2] == "/canary-request" for entry in self.server_log):
            problems.append("the canary's fetch is not in the server log")
        if not any(c.get("name") == "canary" for c in cookies):
            problems.append(f"the canary's cookie was not seen by CDP ({cookies})")
        if "canary=1" not in self.driver.execute_script("return document.cookie"):
            problems.append("the canary's cookie is not in document.cookie")
        for problem in problems:
            self.failures.append(f"(checker) canary: {problem}")
        if not problems:
            self.passed.append(
                "canary: CSP is enforced and its violations are SEVERE console messages; a request and a cookie "
                "from a page script are seen by the performance log, the server log and CDP"
            )

    def run_display_cases(self) -> None:
        cases = [
            ("a", 'data-components="payments"', self.page("a.html", self.embed_attrs(components=AFFECTED)), True),
            ("b", f'data-components="{UNAFFECTED}"', self.page("b.html", self.embed_attrs(components=UNAFFECTED)), False),
            ("c", "no data-components", self.page("c.html", self.embed_attrs()), True),
            ("d", 'data-components=" payments , api "', self.page("d.html", self.embed_attrs(components=" payments , api ")), True),
            ("d2", 'data-components="login, payments" in <head>',
             self.page("d2.html", self.embed_attrs(components="login, payments"), placement="head"), True),
            ("d3", 'data-components="api" in <head>', self.page("d3.html", self.embed_attrs(components="api"), placement="head"), False),
        ]
        for letter, label, name, shown in cases:
            case = f"{letter}. {label}"
            before = len(self.failures)
            self.reset()
            self.open_page(name)
            if shown:
                result = self.probe()
                if self.expect_banner(case, result):
                    self.expect_bottom_bar(case, result)
                    self.expect(result.get("parentIsBody"), case, "the banner host is not a child of <body>")
            else:
                self.no_banner(case)
            self.audit(case, {name})
            self.case_ok(case, "banner shown, fixed at the bottom" if shown else "no banner", before)

        # Host content beside and below the bottom bar's box stays clickable.
        case = "a2. host content beside and below the bottom bar"
        self.reset()
        self.open_page("a.html")
        before = len(self.failures)
        blocked = self.driver.execute_script(CLICK_THROUGH)
        self.expect(blocked is not None, case, "no banner")
        self.known(case, "click-through", bool(blocked), "the banner host takes the clicks at " + ", ".join(blocked or []))
        self.audit(case, {"a.html"})
        if blocked == []:
            self.case_ok(case, "the transparent part of the banner host lets clicks through", before)

        # The attribute present but listing no component: per the README, no incident matches.
        for letter, value in (("b2", ""), ("b3", " , ")):
            case = f'{letter}. data-components="{value}"'
            before = len(self.failures)
            name = self.page(f"{letter}.html", self.embed_attrs(components=value))
            self.reset()
            self.open_page(name)
            shown = bool(self.probe().get("present"))
            if value.strip():
                self.no_banner(case)
            else:
                self.known(case, "empty-components", shown, "a banner is shown")
            self.audit(case, {name})
            if not shown:
                self.case_ok(case, "no banner", before)

        # A host loader script inserting embed.js (as a tag manager would): currentScript still works.
        case = "g2. inserted by a host loader script, data-components=payments"
        before = len(self.failures)
        (self.pages / "loader.js").write_text(LOADER_JS, encoding="utf-8")
        loader = (
            f'<script src="loader.js" data-embed-src="{self.embed_url}" data-embed-components="{AFFECTED}" async></script>'
        )
        name = self.page("g2.html", None, body_extra=loader)
        self.reset()
        self.open_page(name)
        self.expect_banner(case, self.probe())
        self.audit(case, {name})
        self.case_ok(case, "banner shown", before)

        # data-position="top", at the end of <body> and in <head>.
        for placement in ("body", "head"):
            case = f'g. data-position="top" (script in <{placement}>)'
            before = len(self.failures)
            name = self.page(f"g-{placement}.html", self.embed_attrs(components=AFFECTED, position="top"), placement=placement)
            self.reset()
            self.open_page(name)
            result = self.probe()
            if self.expect_banner(case, result):
                self.expect(result["firstChild"], case, "the banner host is not the first child of <body>")
                self.expect(result["position"] != "fixed", case, "the top banner is position:fixed")
                self.expect(
                    result["mainTop"] is not None and result["rect"]["bottom"] <= result["mainTop"] + 1,
                    case,
                    f"the top banner is not above the page content ({result['rect']}, main at {result['mainTop']})",
                )
            self.audit(case, {name})
            self.case_ok(case, "banner host is the first child of <body>, in the flow above the content", before)

    def run_dismissal(self) -> None:
        from selenium.webdriver.common.by import By

        case = "e. dismissal"
        before = len(self.failures)
        name = "a.html"
        self.reset()
        self.open_page(name)
        if not self.expect_banner(case, self.probe()):
            return
        stored = self.driver.execute_script("return Object.keys(localStorage)")
        self.expect(stored == [], case, f"localStorage written before any dismissal: {stored}")
        host = self.driver.find_element(By.CSS_SELECTOR, "[data-herald-banner]")
        host.shadow_root.find_element(By.CSS_SELECTOR, "button").click()
        time.sleep(0.1)
        self.expect(not self.probe().get("present"), case, "the banner is still there after Dismiss")
        stored = self.driver.execute_script(
            "return Object.keys(localStorage).map(k => [k, localStorage.getItem(k)])"
        )
        key = self.incident["key"]
        self.expect(
            [k for k, _ in stored] == [key], case, f"localStorage after Dismiss is {stored}, expected only {key!r}"
        )
        self.reload()
        self.no_banner(case + " (after reload)")
        self.open_page("c.html")
        self.no_banner(case + " (another page of the app, no data-components)")
        self.driver.execute_script("localStorage.clear()")
        self.reload()
        self.expect(self.probe().get("present"), case, "no banner after localStorage.clear() and a reload")
        # A dismissal of an earlier update of the same incident does not hide the latest one.
        self.driver.execute_script(
            "localStorage.setItem(arguments[0], '1')", f"herald:{self.incident['slug']}-update-20261127T074200Z"
        )
        self.reload()
        self.expect(self.probe().get("present"), case, "an earlier update's dismissal hides the latest update")
        self.audit(case, {name, "c.html"})
        self.case_ok(
            case,
            f"Dismiss removes the banner and stores only {key}; hidden after a reload and on another page; shown "
            "again after localStorage.clear(); an older update's dismissal does not hide it",
            before,
        )

    def run_keyboard(self) -> None:
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        for key_name, key in (("Enter", Keys.ENTER), ("Space", Keys.SPACE)):
            case = f"f. keyboard (Tab, then {key_name} on Dismiss)"
            before = len(self.failures)
            self.reset()
            self.open_page("a.html")
            if not self.expect(self.probe().get("present"), case, "no banner"):
                continue
            self.driver.execute_script("document.activeElement && document.activeElement.blur()")
            reached: dict[str, dict] = {}
            sequence = []
            for _ in range(12):
                ActionChains(self.driver).send_keys(Keys.TAB).perform()
                state = self.driver.execute_script(FOCUS)
                inner = state.get("inner")
                sequence.append(inner["tag"] if inner else state.get("active"))
                if inner:
                    reached.setdefault(inner["tag"], inner)
                    if inner["tag"] == "button":
                        break
            link, button = reached.get("a"), reached.get("button")
            self.expect(link is not None and "Details" in link["text"], case, f"Tab never reached the Details link ({sequence})")
            if not self.expect(button is not None and button["text"] == "Dismiss", case, f"Tab never reached Dismiss ({sequence})"):
                continue
            for what, inner in (("Details link", link), ("Dismiss button", button)):
                if not inner:
                    continue
                visible = inner["outlineStyle"] != "none" and float(inner["outlineWidth"].rstrip("px") or 0) >= 2
                self.expect(visible, case, f"the focused {what} has no visible outline ({inner})")
                if visible:
                    ratio = contrast(flatten([inner["outlineColor"]]), flatten([inner["background"]]))
                    self.expect(ratio >= 3, case, f"the {what}'s focus outline has contrast {ratio:.2f} < 3")
            ActionChains(self.driver).send_keys(key).perform()
            time.sleep(0.1)
            after = self.probe()
            self.expect(not after.get("present"), case, f"{key_name} on the focused Dismiss button did not dismiss")
            stored = self.driver.execute_script("return Object.keys(localStorage)")
            self.expect(stored == [self.incident["key"]], case, f"localStorage after {key_name}: {stored}")
            # Focus goes back to where it came from: the last host element before the banner.
            focus = self.driver.execute_script(FOCUS)
            came_from = next((s for s in reversed(sequence[:-1]) if s and "#" in s), None)
            self.expect(
                came_from is not None and focus.get("active") == came_from,
                case,
                f"after {key_name} focus is on {focus.get('active')}, not back on {came_from}",
            )
            self.audit(case, {"a.html"})
            self.case_ok(
                case,
                f"Tab order reaches {' -> '.join(s for s in sequence)}; focus outline visible; {key_name} dismisses",
                before,
            )

    def run_network_without_csp(self) -> None:
        """The same checks on a page with no CSP at all, where a request would not be blocked."""
        case = "h. no CSP on the host page"
        before = len(self.failures)
        text = host_page("h.html", self.status_port, self.embed_attrs(components=AFFECTED))
        text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n', "", text)
        (self.pages / "h.html").write_text(text, encoding="utf-8")
        self.reset()
        self.open_page("h.html")
        self.expect_banner(case, self.probe())
        time.sleep(0.5)  # room for a delayed request
        self.audit(case, {"h.html"})
        self.case_ok(case, "banner shown; no request but embed.js, no cookie, without a CSP to block them", before)

    def run_styles(self) -> None:
        plain = self.page("plain.html", self.embed_attrs(components=AFFECTED), css=None)
        hostile = self.page("hostile.html", self.embed_attrs(components=AFFECTED), css="host.css")
        rem = self.page("rem.html", self.embed_attrs(components=AFFECTED), css="rem.css")
        universal = self.page("universal.html", self.embed_attrs(components=AFFECTED), css="universal.css")
        captured: dict[str, dict] = {}
        for name in (plain, hostile, rem, universal):
            self.reset()
            self.open_page(name)
            captured[name] = self.driver.execute_script(STYLES, STYLE_PROPERTIES) or {}
            self.audit(f"1. styles ({name})", {name})

        case = "1. host styles do not reach the banner"
        before = len(self.failures)
        base, theirs = captured[plain], captured[hostile]
        if self.expect(bool(base), case, "no banner on the page without styles"):
            self.expect(set(base) == set(theirs), case, f"different elements: {sorted(base)} vs {sorted(theirs)}")
            for path in sorted(set(base) & set(theirs)):
                for prop in STYLE_PROPERTIES:
                    if prop in ("width", "height"):
                        continue  # follow the window and the text, compared below through the others
                    if base[path][prop] != theirs[path][prop]:
                        self.expect(False, case, f"{path} {prop}: {base[path][prop]!r} without host CSS, {theirs[path][prop]!r} with it")
            p = next((v for k, v in theirs.items() if k.endswith(">p[0]")), None)
            button = next((v for k, v in theirs.items() if k.endswith(">button[1]")), None)
            link = next((v for k, v in theirs.items() if ">a[" in k), None)
            if self.expect(p and button and link, case, f"p, a or button missing: {sorted(theirs)}"):
                self.expect(p["margin-top"] != "100px", case, "the banner's <p> has the host's 100px margin")
                self.expect(button["background-color"] != "rgb(0, 255, 0)", case, "the Dismiss button is lime")
                self.expect(link["color"] != "rgb(255, 255, 0)", case, "the Details link is yellow")
        self.case_ok(
            case,
            f"{len(base)} elements x {len(STYLE_PROPERTIES) - 2} computed properties identical with and without the "
            "host stylesheet (p margin, button background, link colour...)",
            before,
        )

        # Two other host stylesheets, whose effects are known bugs (KNOWN_BUGS).
        for name, bug, what in (
            (rem, "rem-units", "with html { font-size: 62.5% }"),
            (universal, "inherited-text", "with * { text-transform: uppercase !important; letter-spacing... }"),
        ):
            moved = []
            for path in sorted(set(base) & set(captured[name])):
                for prop in STYLE_PROPERTIES:
                    if prop not in ("width", "height") and base[path][prop] != captured[name][path][prop]:
                        moved.append(f"{path} {prop} {base[path][prop]} -> {captured[name][path][prop]}")
            shown = "; ".join(moved[:6]) + (f"; and {len(moved) - 6} more" if len(moved) > 6 else "")
            self.known(f"1. styles ({name})", bug, bool(moved), f"{what}, {len(moved)} computed values change: {shown}")
            if not moved:
                self.passed.append(f"1. {name}: the banner's computed styles do not change")

    def run_motion_and_contrast(self) -> None:
        for reduce in (False, True):
            case = f"k. no animation (prefers-reduced-motion: {'reduce' if reduce else 'no-preference'})"
            before = len(self.failures)
            self.reset()
            if reduce:
                self.driver.execute_cdp_cmd(
                    "Emulation.setEmulatedMedia", {"features": [{"name": "prefers-reduced-motion", "value": "reduce"}]}
                )
            self.open_page("hostile.html")
            self.expect(
                self.driver.execute_script("return matchMedia('(prefers-reduced-motion: reduce)').matches") == reduce,
                case,
                "the media emulation did not apply",
            )
            styles = self.driver.execute_script(STYLES, STYLE_PROPERTIES) or {}
            result = self.probe()
            if self.expect(bool(styles), case, "no banner"):
                for path, values in styles.items():
                    self.expect(values["animation-name"] == "none", case, f"{path} animation-name {values['animation-name']}")
                    durations = {d.strip() for d in values["transition-duration"].split(",")}
                    self.expect(durations <= {"0s"}, case, f"{path} transition-duration {values['transition-duration']}")
                self.expect(result.get("animations") == 0, case, f"{result.get('animations')} running animations")
            self.audit(case, {"hostile.html"})
            self.case_ok(case, "animation-name none, transition-duration 0s, getAnimations() empty", before)

        case = "l. contrast (WCAG 2)"
        before = len(self.failures)
        lowest = []
        for name in ("plain.html", "hostile.html"):
            self.reset()
            self.open_page(name)
            pairs = self.driver.execute_script(COLOURS) or []
            self.expect(len(pairs) >= 3, case, f"{name}: only {len(pairs)} text elements found in the banner")
            for pair in pairs:
                fg_layers = [pair["fg"]]
                background = flatten(pair["bg"])
                foreground = over(parse_colour(fg_layers[0]), background)
                ratio = contrast(foreground, background)
                lowest.append((ratio, pair["what"]))
                self.expect(
                    ratio >= pair["min"],
                    case,
                    f"{name}: {pair['what']}: {pair['fg']} on {background} has contrast {ratio:.2f} < {pair['min']}",
                )
            self.audit(case + f" ({name})", {name})
        if lowest:
            ratio, what = min(lowest)
            self.case_ok(case, f"{len(lowest)} colour pairs, lowest {ratio:.2f} ({what})", before)

    # -- main

    def run(self) -> int:
        started = time.monotonic()
        self.load_expectations()
        self.check_file()
        scratch = Path(tempfile.mkdtemp(prefix="check-embed-"))
        self.pages = scratch / "app"
        self.pages.mkdir()
        (self.pages / "host.css").write_text(HOSTILE_CSS, encoding="utf-8")
        (self.pages / "rem.css").write_text(REM_CSS, encoding="utf-8")
        (self.pages / "universal.css").write_text(UNIVERSAL_CSS, encoding="utf-8")
        (self.pages / "favicon.png").write_bytes(tiny_png())
        status_server, self.status_port = start_server(self.site, "status", self.server_log, read_headers_file(self.site))
        app_server, app_port = start_server(self.pages, "app", self.server_log, [])
        self.status = f"http://127.0.0.1:{self.status_port}"
        self.app = f"http://127.0.0.1:{app_port}"
        self.embed_url = f"{self.status}/embed.js"
        self.driver = None
        try:
            self.driver = start_browser(str(scratch / "profile"))
            self.run_canary()
            self.run_display_cases()
            self.run_dismissal()
            self.run_keyboard()
            self.run_network_without_csp()
            self.run_styles()
            self.run_motion_and_contrast()
        finally:
            if self.driver is not None:
                self.driver.quit()
            for server in (status_server, app_server):
                server.shutdown()
                server.server_close()
            shutil.rmtree(scratch, ignore_errors=True)

        print(
            f"check_embed: {self.site / 'embed.js'} served from {self.status}, host pages from {self.app} with "
            f"CSP script-src 'self' {self.status}; style-src 'self' (no 'unsafe-inline')"
        )
        print(
            f"check_embed: {self.pages_loaded} page loads in headless Chromium ({READER_LOCALE}, {READER_TIMEZONE}); "
            f"{self.requests_seen} requests and {self.console_seen} console messages audited"
        )
        for line in self.passed:
            print(f"  ok    {line}")
        for line in self.bugs:
            print(f"  BUG   {line} (known, not failed; HERALD_EMBED_STRICT=1 fails on it)")
        for line in self.notes:
            print(f"  note  {line}")
        for line in self.failures:
            print(f"  FAIL  {line}")
        print(
            f"check_embed: {'FAIL' if self.failures else 'ok'}, {len(self.failures)} problems in "
            f"{time.monotonic() - started:.1f} s"
        )
        return 1 if self.failures else 0


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 1
    site = Path(argv[1]).resolve()
    root = Path(argv[2]).resolve() if len(argv) == 3 else DEFAULT_ROOT
    return Check(site, root).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
