#!/usr/bin/env python3
"""Checks the links of Herald's documentation: every relative link must lead somewhere.

Usage: scripts/check-doc-links.py [FILE.md ...]

Without arguments it checks README.md, CONTRIBUTING.md and every docs/**/*.md of the repository
this script lives in. In each file it finds:

- Markdown links and images, `[text](target)` and `![alt](target)`;
- reference definitions, `[name]: target`;
- HTML `<img src=...>` and `<a href=...>`.

Links inside fenced code blocks, inline code and HTML comments are not links and are skipped.
Targets with a scheme (`https:`, `http:`, `mailto:`, `ws:`, `webcal:`, ...) or starting with `//`
are external and skipped. Every other target is checked:

- a relative path (resolved from the linking file's folder; `/path` from the repository root)
  must name an existing file or folder;
- an anchor, `#anchor` in the same file or `file.md#anchor` in another Markdown file, must match
  a heading of that file, slugged as GitHub does: the heading's text (without Markdown markup
  and HTML tags) in lowercase, punctuation dropped except hyphens, underscores and spaces, each
  space turned into a hyphen; a repeated slug gets -1, -2, ... Explicit `<a id=...>` and
  `<a name=...>` anchors count too.

Exits with 1 after printing one `path:line: dead link: target` line per dead link, else prints
`N links checked in M files` and exits with 0. Python 3 standard library only.
"""

import html
import re
import sys
from pathlib import Path
from urllib.parse import unquote

ROOT = Path(__file__).resolve().parent.parent

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
# `](target)` or `](target "title")`; the target may hold one level of balanced parentheses.
INLINE_LINK = re.compile(
    r"""\]\(\s*(<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)"""
)
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
HTML_LINK = re.compile(
    r"""<(?:img|a)\b[^>]*?\b(?:src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE
)
HTML_ANCHOR = re.compile(r"""<a\b[^>]*?\b(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")


def prose_lines(text):
    """Yields (line number, line) for the lines outside fenced code blocks, with inline code and
    HTML comments blanked out."""
    fence = None
    in_comment = False
    for number, line in enumerate(text.splitlines(), start=1):
        match = FENCE.match(line)
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                if not line.strip()[len(match.group(1)) :].strip():
                    fence = None
            continue
        if match and not in_comment:
            fence = match.group(1)
            continue
        line = CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        visible = []
        rest = line
        while rest:
            if in_comment:
                end = rest.find("-->")
                if end < 0:
                    rest = ""
                else:
                    rest = rest[end + 3 :]
                    in_comment = False
            else:
                start = rest.find("<!--")
                if start < 0:
                    visible.append(rest)
                    rest = ""
                else:
                    visible.append(rest[:start])
                    rest = rest[start + 4 :]
                    in_comment = True
        yield number, "".join(visible)


def heading_text_to_slug(text):
    """GitHub's anchor for a heading's Markdown text."""
    # Keep inline code's content as it is, and strip markup from everything else.
    parts = []
    position = 0
    for match in CODE_SPAN.finditer(text):
        parts.append(("markup", text[position : match.start()]))
        parts.append(("code", match.group(2).strip()))
        position = match.end()
    parts.append(("markup", text[position:]))
    plain = []
    for kind, part in parts:
        if kind == "markup":
            part = re.sub(r"!\[([^\]]*)\]\([^)]*\)", "", part)  # images have no text
            part = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", part)  # links keep their text
            part = re.sub(r"\[([^\]]*)\]\[[^\]]*\]", r"\1", part)
            part = re.sub(r"<[^>]+>", "", part)  # HTML tags
            part = html.unescape(part)
            part = part.replace("*", "")
            # _emphasis_ loses its underscores; a lone or inner underscore (_headers, snake_case) stays.
            part = re.sub(r"(?<![^\W_])(_+)(?=\S)(.+?)(?<=\S)\1(?![^\W_])", r"\2", part)
            part = part.replace("\\", "")
        plain.append(part)
    slug = "".join(plain).strip().lower()
    slug = re.sub(r"[^\w\- ]", "", slug)
    return slug.replace(" ", "-")


_anchor_cache = {}


def anchors_of(path):
    """The anchors a Markdown file defines: its headings' slugs and explicit HTML anchors."""
    path = path.resolve()
    if path in _anchor_cache:
        return _anchor_cache[path]
    anchors = set()
    counts = {}

    def add_heading(text):
        base = heading_text_to_slug(text)
        slug = base
        while slug in counts:
            counts[base] += 1
            slug = f"{base}-{counts[base]}"
        counts.setdefault(base, 0)
        counts.setdefault(slug, 0)
        anchors.add(slug)

    text = path.read_text(encoding="utf-8", errors="replace")
    raw_lines = text.splitlines()
    previous = None
    for number, line in prose_lines(text):
        raw = raw_lines[number - 1]
        heading = ATX_HEADING.match(raw)
        if heading:
            content = re.sub(r"[ \t]+#+[ \t]*$", "", heading.group(2) or "")
            if content.strip("#").strip() == "":
                content = ""
            add_heading(content)
            previous = None
            continue
        if (
            SETEXT_UNDERLINE.match(raw)
            and previous is not None
            and previous[0] == number - 1
            and previous[1].strip()
            and not previous[1].lstrip().startswith(("|", "-", "*", "+", ">"))
        ):
            add_heading(previous[1].strip())
            previous = None
            continue
        for match in HTML_ANCHOR.finditer(line):
            anchors.add(next(group for group in match.groups() if group is not None))
        previous = (number, raw)
    _anchor_cache[path] = anchors
    return anchors


def is_escaped(line, index):
    """Whether the character at index is escaped by an odd number of backslashes."""
    if index is None:
        return False
    backslashes = 0
    while index - backslashes - 1 >= 0 and line[index - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def opening_bracket(line, closing):
    """The index of the `[` that the `]` at closing closes, or None (the text began on an earlier
    line)."""
    depth = 0
    for index in range(closing - 1, -1, -1):
        character = line[index]
        if is_escaped(line, index):
            if character == "[" and depth == 0:
                return index  # `\[text](target)` is not a link
            continue
        if character == "]":
            depth += 1
        elif character == "[":
            if depth == 0:
                return index
            depth -= 1
    return None


def links_in(text):
    """Yields (line number, target) for every link, image and reference definition."""
    for number, line in prose_lines(text):
        for match in INLINE_LINK.finditer(line):
            if is_escaped(line, match.start()) or is_escaped(line, opening_bracket(line, match.start())):
                continue
            yield number, match.group(1)
        definition = REFERENCE_DEFINITION.match(line)
        if definition:
            yield number, definition.group(1)
        for match in HTML_LINK.finditer(line):
            yield number, next(group for group in match.groups() if group is not None)


def is_markdown(path):
    return path.suffix.lower() in (".md", ".markdown")


def check_target(source, target):
    """None when the target is fine, else the reason it is dead (for the message)."""
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
    target = target.strip()
    if not target:
        return "empty target"
    path_part, _, fragment = target.partition("#")
    path_part = path_part.split("?", 1)[0]
    if path_part:
        path_part = unquote(path_part)
        base = ROOT if path_part.startswith("/") else source.parent
        destination = (base / path_part.lstrip("/")).resolve()
        if not destination.exists():
            return "no such file"
    else:
        destination = source
    if fragment:
        if destination.is_dir():
            readme = destination / "README.md"
            if not readme.is_file():
                return None  # a folder listing has no anchors to check
            destination = readme
        if not is_markdown(destination):
            return None  # line anchors and the like in other files are not checked
        if unquote(fragment) not in anchors_of(destination):
            return "no such heading"
    return None


def is_external(target):
    target = target.strip("<> ")
    return bool(SCHEME.match(target)) or target.startswith("//")


def main(arguments):
    if arguments:
        files = [Path(argument).resolve() for argument in arguments]
    else:
        files = [ROOT / "README.md", ROOT / "CONTRIBUTING.md"]
        files += sorted((ROOT / "docs").rglob("*.md"))
        files = [path for path in files if path.is_file()]
    checked = 0
    dead = []
    for source in files:
        text = source.read_text(encoding="utf-8", errors="replace")
        for number, target in links_in(text):
            if is_external(target):
                continue
            checked += 1
            if check_target(source, target) is not None:
                try:
                    shown = source.relative_to(ROOT)
                except ValueError:
                    shown = source
                dead.append(f"{shown}:{number}: dead link: {target}")
    if dead:
        print("\n".join(dead))
        return 1
    print(f"{checked} links checked in {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
