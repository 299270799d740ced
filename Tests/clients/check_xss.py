#!/usr/bin/env python3
"""Loads every page of a built site in headless Chromium and fails if any script of the content runs.

Usage: check_xss.py SITE_DIR [PAYLOADS_TXT]

Made for the XSS corpus fixture (Tests/Fixtures/xss), whose every user-controlled text is an XSS
payload that calls alert('xss-N') (or confirm/prompt, or sets document.title) when it executes.

1. Browser: serves SITE_DIR with `python -m http.server` on 127.0.0.1 (a free port), and drives
   Debian's /usr/bin/chromium through /usr/bin/chromedriver with Selenium. Before any page script
   runs, a hook (CDP Page.addScriptToEvaluateOnNewDocument) replaces alert, confirm, prompt, print
   and window.open and the document.title setter with recorders that write to window.__xss, and
   CDP Page.setBypassCSP turns the pages' Content-Security-Policy off, so that only the escaping
   protects the page. Every .html page is loaded, then mouseover, focus, toggle and other events
   are dispatched to every element (nothing is clicked); the recorded calls, a navigation away
   from the page, and what Chromium's own parser built (script, iframe, svg... elements, on*
   attributes, javascript:/vbscript:/data: URLs) are read back. Other hosts than 127.0.0.1 do not
   resolve in this browser, so nothing leaves the machine.
2. Static: every .html file is read with html.parser, failing on any script, iframe, frame,
   object, embed, applet, svg, math, base, form, style or meta refresh element (the theme has none
   but its own deferred assets/*.js script, so one can only come from content), any attribute starting with "on", any href, src, action,
   formaction, xlink:href... whose value (whitespace and control characters removed, lowercased)
   starts with javascript:, vbscript: or data:, any srcdoc attribute, and script in a style
   attribute. The HTML inside the feeds (RSS item descriptions, Atom html content, JSON Feed
   content_html) is checked the same way.
3. Feeds: history.rss, history.atom, feed.json at the top and under every components/<id>/, and
   sitemap.xml, must exist and parse (xml.etree, json): a payload must not break them.

A canary page with known-bad markup (an inline script and handlers under a strict CSP) is loaded
first and must have every one of its handlers recorded, so that a hook or CSP bypass that silently
stopped working fails the check instead of passing it. PAYLOADS_TXT (default: the fixture's
payloads.txt beside this folder) lists the payloads; the check reports how many of their xss-N
markers appear in the built site as inert text. Exits 0 when nothing ran, 1 otherwise.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import headless
DEFAULT_PAYLOADS = Path(__file__).resolve().parent.parent / "Fixtures" / "xss" / "payloads.txt"

# ---------------------------------------------------------------------------------------------
# Static scan

# Elements that run script or load active content. The theme's templates use none of them.
FORBIDDEN_ELEMENTS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "base",
    "form", "style", "portal", "xml", "import",
}
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "lowsrc",
    "dynsrc", "cite", "codebase", "archive", "longdesc", "usemap", "manifest", "ping", "srcset",
    "imagesrcset", "icon", "profile", "code", "classid", "to", "from", "values", "by",
}
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:", "mocha:")
DANGEROUS_STYLE = ("expression(", "javascript:", "vbscript:", "behavior:", "-moz-binding", "url(")


# The theme's own optional scripts (assets/time.js, fresh.js): a same-origin file with its content
# hash, deferred, with nothing else but data-* attributes (their values are escaped text).
THEME_SCRIPT = re.compile(r"(?:\./|(?:\.\./)+|/)assets/[a-z0-9_-]+\.js\?v=[0-9a-f]+")


def is_theme_script(attrs: list[tuple[str, str | None]]) -> bool:
    names = [name for name, _ in attrs]
    return (
        names[:2] == ["src", "defer"]
        and all(name.startswith("data-") for name in names[2:])
        and bool(THEME_SCRIPT.fullmatch(dict(attrs)["src"] or ""))
    )


def squeezed(value: str) -> str:
    """A URL as a browser reads its scheme: whitespace and control characters removed, lowercased."""
    return "".join(ch for ch in value if ord(ch) > 0x20 and ord(ch) != 0x7F).lower()


class StaticScanner(HTMLParser):
    """Finds script-capable markup in an HTML document, and collects its text for the counts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.findings: list[tuple[int, str]] = []
        self.text: list[str] = []

    def flag(self, message: str) -> None:
        self.findings.append((self.getpos()[0], message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in FORBIDDEN_ELEMENTS and not (tag == "script" and is_theme_script(attrs)):
            self.flag(f"<{tag}> element")
        if tag == "meta" and values.get("http-equiv", "").strip().lower() in ("refresh", "set-cookie"):
            self.flag(f"<meta http-equiv={values['http-equiv']!r}>")
        for name, value in attrs:
            value = value or ""
            self.text.append(value)
            if name.startswith("on"):
                self.flag(f"<{tag}> event handler attribute {name}={value!r}")
            elif name == "srcdoc":
                self.flag(f"<{tag}> srcdoc attribute {value!r}")
            elif name in URL_ATTRIBUTES or name.endswith(":href"):
                candidates = [value]
                if name in ("srcset", "imagesrcset", "ping", "archive", "values"):
                    candidates = re.split(r"[,;\s]+", value)
                for candidate in candidates:
                    if squeezed(candidate).startswith(DANGEROUS_SCHEMES):
                        self.flag(f"<{tag}> {name}={value!r}")
                        break
            elif name == "style" and any(word in squeezed(value) for word in DANGEROUS_STYLE):
                self.flag(f"<{tag}> style={value!r}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_pi(self, data: str) -> None:
        self.flag(f"processing instruction <?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.flag(f"declaration <![{data}]>")


def scan_html(text: str) -> StaticScanner:
    scanner = StaticScanner()
    scanner.feed(text)
    scanner.close()
    return scanner


# ---------------------------------------------------------------------------------------------
# Feeds

ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"


def feed_html_fragments(path: Path) -> tuple[list[tuple[str, str]], list[str]]:
    """Parses a feed; returns the HTML fragments it carries (label, html) and all its text."""
    fragments: list[tuple[str, str]] = []
    texts: list[str] = []
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))

        def walk(value) -> None:
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)

        walk(data)
        for index, item in enumerate(data.get("items", [])):
            if "content_html" in item:
                fragments.append((f"items[{index}].content_html", item["content_html"]))
        return fragments, texts
    root = ET.parse(path).getroot()
    for element in root.iter():
        texts.append(element.text or "")
        texts.extend(element.attrib.values())
    if root.tag == "rss":
        for index, item in enumerate(root.iter("item")):
            for child in item:
                if child.tag in ("description", CONTENT_ENCODED):
                    fragments.append((f"item[{index}].{child.tag.split('}')[-1]}", child.text or ""))
    elif root.tag == f"{ATOM}feed":
        for element in root.iter():
            kind = element.get("type", "text")
            name = element.tag.replace(ATOM, "")
            if kind == "html":
                fragments.append((f"<{name} type=html>", element.text or ""))
            elif kind == "xhtml":
                fragments.append((f"<{name} type=xhtml>", ET.tostring(element, encoding="unicode")))
    return fragments, texts


# ---------------------------------------------------------------------------------------------
# Browser

HOOK = r"""
(() => {
  if (window.__xss) return;
  const calls = [];
  Object.defineProperty(window, '__xss', {value: calls, writable: false, configurable: false});
  const record = (kind, args) => {
    let text;
    try { text = Array.from(args, (a) => String(a)).join(', '); } catch (e) { text = '?'; }
    const call = {kind: kind, args: text, frame: String(location.href)};
    calls.push(call);
    try { if (window.top !== window && window.top.__xss) window.top.__xss.push(call); } catch (e) {}
  };
  const replace = (name, result) => {
    const fake = function () { record(name, arguments); return result; };
    try {
      Object.defineProperty(window, name, {value: fake, writable: false, configurable: false});
    } catch (e) { window[name] = fake; }
  };
  replace('alert', undefined);
  replace('confirm', false);
  replace('prompt', null);
  replace('print', undefined);
  replace('open', null);
  const title = Object.getOwnPropertyDescriptor(Document.prototype, 'title');
  Object.defineProperty(Document.prototype, 'title', {
    configurable: false, enumerable: title.enumerable, get: title.get,
    set(value) { record('document.title=', [value]); title.set.call(this, value); },
  });
})();
"""

EVENTS = [
    "mouseover", "mouseenter", "mousemove", "mousedown", "mouseup", "mouseout", "mouseleave",
    "pointerover", "pointerenter", "pointerdown", "pointerup", "pointerout", "pointerleave",
    "focus", "focusin", "blur", "focusout", "toggle", "beforetoggle",
    "animationstart", "animationiteration", "animationend", "transitionstart", "transitionend",
    "input", "beforeinput", "change", "select", "invalid", "search", "keydown", "keypress", "keyup",
    "wheel", "scroll", "copy", "cut", "paste", "contextmenu", "dblclick", "auxclick",
    "drag", "dragstart", "dragenter", "dragover", "drop", "dragend", "touchstart", "touchend",
    "load", "error", "abort", "loadstart", "canplay", "play", "playing", "start", "finish",
    "begin", "end", "repeat", "show", "close", "cancel", "submit", "reset", "formdata",
]
WINDOW_EVENTS = [
    "load", "pageshow", "pagehide", "hashchange", "popstate", "message", "resize", "scroll",
    "focus", "blur", "error", "online", "offline", "storage", "beforeprint", "afterprint",
]

# Runs after the page has loaded: dispatches the events (nothing is clicked), waits for what they
# start, then reports what Chromium's parser built that could run script.
PROBE = r"""
const [events, windowEvents, done] = arguments;
const make = (type) => {
  if (type.startsWith('mouse') || type === 'dblclick' || type === 'auxclick' || type === 'contextmenu')
    return new MouseEvent(type, {bubbles: true, cancelable: true});
  if (type.startsWith('pointer')) return new PointerEvent(type, {bubbles: true, cancelable: true});
  if (type.startsWith('focus') || type === 'blur') return new FocusEvent(type);
  if (type.startsWith('key')) return new KeyboardEvent(type, {bubbles: true, key: 'a'});
  return new Event(type, {bubbles: false, cancelable: true});
};
const everything = () => {
  const found = [];
  const visit = (root) => {
    for (const el of root.querySelectorAll('*')) {
      found.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
      if (el.content && el.content.querySelectorAll) visit(el.content);
    }
  };
  visit(document);
  return found;
};
const elements = everything();
for (const el of elements) {
  for (const type of events) { try { el.dispatchEvent(make(type)); } catch (e) {} }
}
for (const type of windowEvents) {
  try { window.dispatchEvent(make(type)); } catch (e) {}
  try { document.dispatchEvent(make(type)); } catch (e) {}
}
setTimeout(() => {
  const problems = [];
  const describe = (el) => '<' + el.tagName.toLowerCase() + '>';
  const bad = 'script,iframe,frame,frameset,object,embed,applet,svg,math,base,form,style,portal,' +
    'meta[http-equiv]:not([http-equiv="Content-Security-Policy" i])';
  for (const el of everything()) {
    // The theme's own optional scripts: a same-origin assets/*.js with its content hash, deferred,
    // and data-* attributes only besides.
    const themeScript = el.matches('script[src][defer]') &&
      Array.from(el.attributes).every(a => a.name === 'src' || a.name === 'defer' || a.name.startsWith('data-')) &&
      /^(?:\.\/|(?:\.\.\/)+|\/)assets\/[a-z0-9_-]+\.js\?v=[0-9a-f]+$/.test(el.getAttribute('src'));
    if (el.matches(bad) && !themeScript) problems.push('element ' + describe(el) + ' ' + el.outerHTML.slice(0, 160));
    for (const attr of Array.from(el.attributes || [])) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push('handler ' + describe(el) + ' ' + name + '=' + attr.value);
      if (name === 'srcdoc') problems.push('srcdoc ' + describe(el));
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background'].includes(name)) {
        let protocol = '';
        try { protocol = new URL(attr.value.trim(), document.baseURI).protocol; } catch (e) {}
        if (['javascript:', 'vbscript:', 'data:'].includes(protocol))
          problems.push('url ' + describe(el) + ' ' + name + '=' + attr.value);
      }
    }
  }
  done({calls: Array.from(window.__xss || []), problems: problems, url: String(location.href),
        elements: elements.length});
}, 150);
"""

CANARY = """<!DOCTYPE html><html lang=en><head><meta charset=utf-8>
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'none'">
<title>canary</title></head>
<body onload="alert('canary-load')">
<script>alert('canary-script')</script>
<div onmouseover="alert('canary-mouseover')">hover</div>
<input onfocus="alert('canary-focus')">
<details ontoggle="alert('canary-toggle')"><summary>x</summary></details>
<a href="javascript:alert('canary-href')">link</a>
<p onclick="document.title='canary-title'">never clicked</p>
</body></html>"""
CANARY_CALLS = {"canary-load", "canary-script", "canary-mouseover", "canary-focus", "canary-toggle"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(directory: Path) -> tuple[subprocess.Popen, int]:
    """`python -m http.server` on a free port of 127.0.0.1, once it accepts connections."""
    for _ in range(5):
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return server, port
            except OSError:
                time.sleep(0.05)
        stop_server(server)
    raise SystemExit("check_xss: could not start python -m http.server on 127.0.0.1")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def start_browser(profile: str):
    driver = headless.start_browser(
        profile,
        "check_xss",
        arguments=("--window-size=1280,1024",),
        # A real dialog would mean the hook did not hold; report it rather than block on it.
        configure=lambda options: options.set_capability("unhandledPromptBehavior", "accept and notify"),
        script_timeout=30,
    )
    driver.execute_cdp_cmd("Page.enable", {})
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
    driver.execute_cdp_cmd("Page.setBypassCSP", {"enabled": True})
    return driver


def visit(driver, url: str) -> dict:
    """Loads a URL, dispatches the events and returns what the probe saw."""
    from selenium.common.exceptions import UnexpectedAlertPresentException

    dialogs: list[dict] = []
    result: dict = {"calls": [], "problems": [], "url": url, "elements": 0}
    for attempt in range(5):
        try:
            if attempt == 0:
                driver.get(url)
            result = driver.execute_async_script(PROBE, EVENTS, WINDOW_EVENTS)
            break
        except UnexpectedAlertPresentException as error:
            dialogs.append({"kind": "real dialog", "args": str(error.alert_text), "frame": url})
    result["calls"] = list(result.get("calls", [])) + dialogs
    return result


# ---------------------------------------------------------------------------------------------
# Payloads


def read_payloads(path: Path) -> list[dict]:
    payloads = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        marker, where, source, payload = line.split("\t", 3)
        payloads.append({"id": marker, "where": where, "source": source, "payload": payload})
    return payloads


MARKER = re.compile(r"xss-\d+")


def describe_call(call: dict, payloads: dict[str, dict]) -> str:
    text = f"{call.get('kind')}({call.get('args')})"
    if call.get("frame"):
        text += f" in {call['frame']}"
    for marker in MARKER.findall(str(call.get("args"))):
        if marker in payloads:
            info = payloads[marker]
            text += f" <- {marker}: {info['where']}, {info['source']}: {info['payload']}"
    return text


# ---------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 1
    started = time.monotonic()
    site = Path(argv[1]).resolve()
    payloads_path = Path(argv[2]) if len(argv) == 3 else DEFAULT_PAYLOADS
    payloads = read_payloads(payloads_path) if payloads_path.is_file() else []
    by_id = {p["id"]: p for p in payloads}
    failures: list[str] = []

    pages = sorted(p for p in site.rglob("*.html") if not any(part.startswith(".") for part in p.relative_to(site).parts))
    if not pages:
        print(f"check_xss: no .html files in {site}")
        print("check_xss: FAIL")
        return 1

    # 2. Static scan of the pages.
    page_text: list[str] = []
    for page in pages:
        scanner = scan_html(page.read_text(encoding="utf-8"))
        page_text.extend(scanner.text)
        for line, message in scanner.findings:
            failures.append(f"static  {page.relative_to(site)}:{line}: {message}")
    canary_static = scan_html(CANARY).findings
    if len(canary_static) < 5:
        failures.append(f"(checker) the static scan found only {len(canary_static)} problems in the canary page")

    # 3. Feeds parse, and the HTML they carry is as clean as the pages.
    feed_paths = [site / name for name in ("history.rss", "history.atom", "feed.json", "sitemap.xml")]
    components = sorted(p.parent for p in site.glob("components/*/index.html"))
    for component in components:
        feed_paths += [component / name for name in ("history.rss", "history.atom", "feed.json")]
    extra = sorted(
        p for p in site.rglob("*") if p.suffix in (".rss", ".atom", ".xml", ".json") and p not in feed_paths
    )
    feed_text: list[str] = []
    fragments_checked = 0
    for path in feed_paths + extra:
        shown = path.relative_to(site)
        if not path.is_file():
            failures.append(f"feed    {shown}: missing")
            continue
        try:
            fragments, texts = feed_html_fragments(path)
        except (ET.ParseError, json.JSONDecodeError, UnicodeDecodeError) as error:
            failures.append(f"feed    {shown}: does not parse: {error}")
            continue
        feed_text.extend(texts)
        for label, fragment in fragments:
            fragments_checked += 1
            for line, message in scan_html(fragment).findings:
                failures.append(f"feed    {shown} {label} line {line}: {message}")

    # 1. The browser.
    calls_recorded = 0
    elements = 0
    scratch = tempfile.mkdtemp(prefix="check-xss-")
    server, port = start_server(site)
    driver = None
    try:
        driver = start_browser(os.path.join(scratch, "profile"))
        canary = visit(driver, "data:text/html;charset=utf-8," + urllib.parse.quote(CANARY))
        seen = {str(c.get("args")) for c in canary["calls"] if c.get("kind") == "alert"}
        if not CANARY_CALLS <= seen:
            failures.append(
                "(checker) the canary page's handlers were not all recorded "
                f"(missing {sorted(CANARY_CALLS - seen)}): the hook, the CSP bypass or the events do not work"
            )
        if any(c.get("kind") == "document.title=" for c in canary["calls"]):
            failures.append("(checker) the canary's onclick ran: something clicked")
        if not any("canary-href" in p for p in canary["problems"]):
            failures.append("(checker) the canary's javascript: link was not seen by the browser probe")
        for page in pages:
            relative = page.relative_to(site).as_posix()
            url = f"http://127.0.0.1:{port}/{urllib.parse.quote(relative)}"
            result = visit(driver, url)
            elements += int(result.get("elements", 0))
            for call in result["calls"]:
                calls_recorded += 1
                failures.append(f"browser {relative}: executed {describe_call(call, by_id)}")
            for problem in result["problems"]:
                failures.append(f"browser {relative}: {problem}")
            if result.get("url") != url:
                failures.append(f"browser {relative}: navigated away to {result.get('url')}")
    finally:
        if driver is not None:
            driver.quit()
        stop_server(server)
        shutil.rmtree(scratch, ignore_errors=True)

    # 4. Report.
    site_text = "\n".join(page_text)
    all_feed_text = "\n".join(feed_text)
    in_pages = set(MARKER.findall(site_text))
    in_feeds = set(MARKER.findall(all_feed_text))
    listed = {p["id"] for p in payloads}
    found = (in_pages | in_feeds) & listed if listed else in_pages | in_feeds
    print(
        f"check_xss: {len(pages)} pages loaded in headless Chromium ({elements} elements, "
        f"{len(EVENTS)} event types dispatched to each), CSP bypassed, canary recorded"
    )
    print(
        f"check_xss: {len(pages)} pages and {len(feed_paths + extra)} feed/XML/JSON files scanned statically "
        f"({fragments_checked} HTML fragments from the feeds)"
    )
    if payloads:
        dropped = sorted(listed - found, key=lambda m: int(m.split("-")[1]))
        print(
            f"check_xss: {len(payloads)} payloads listed in {payloads_path.name}; {len(found)} of them appear in the "
            f"built site as inert text ({len(in_pages & listed)} in pages, {len(in_feeds & listed)} in feeds); "
            f"{len(dropped)} were left out (raw HTML and unsafe link URLs, dropped by safe-mode Markdown)"
        )
    else:
        print(f"check_xss: {len(found)} distinct xss-N payload markers appear in the built site as inert text")
    if not found:
        failures.append("(checker) no xss-N payload marker appears in the site: was the XSS fixture built?")
    print(f"check_xss: {calls_recorded} alert/confirm/prompt/print/open/document.title calls recorded")
    for failure in failures:
        print(f"  FAIL  {failure}")
    print(f"check_xss: {'FAIL' if failures else 'ok'}, {len(failures)} problems in {time.monotonic() - started:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
