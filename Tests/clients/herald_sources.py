"""Reads a Herald site's sources (herald.yml, incidents/*.md) independently of Herald itself.

The client checks use this to compute what the built feeds must contain, so that a bug in
Herald's own parsing is caught instead of being copied into the expectation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

# `## <Status> <separator> <time>`: the separators Herald accepts, each with spaces around it.
SEPARATORS = (" \u2014 ", " \u2013 ", " - ", " \u00b7 ")

# `2026-11-26 15:40 UTC`, `2026-11-26T15:40:00Z`, `2025-09-23T11:40:00+02:00`, or zoneless.
TIME_PATTERN = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})[T ](?P<hour>\d{2}):(?P<minute>\d{2})"
    r"(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<zone>Z|UTC|GMT|[+-]\d{2}:?\d{2})?$"
)

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


@dataclass
class Component:
    id: str
    name: str


@dataclass
class Config:
    title: str
    description: str
    url: str
    timezone: ZoneInfo
    language: str
    components: list[Component]

    def absolute(self, path: str) -> str:
        """The site URL of a path relative to the site's root."""
        return self.url + path


@dataclass
class Update:
    status: str
    time: datetime  # aware, UTC


@dataclass
class Incident:
    slug: str
    title: str
    components: list[str]
    updates: list[Update] = field(default_factory=list)
    # A scheduled maintenance's window (start, end), in UTC; None for an incident.
    maintenance: tuple[datetime, datetime] | None = None
    # An informational notice (`notice:` in the front matter): whether it is one, and whether it
    # asks to be shown by embed.js (`notice: {embed: true}`).
    notice: bool = False
    notice_embed: bool = False


@dataclass
class ExpectedEntry:
    """One feed entry as the sources say it must be."""

    id: str
    title: str
    link: str
    time: datetime
    slug: str


def _load_yaml(text: str):
    # BaseLoader keeps every scalar a string: no YAML 1.1 surprises (`on` -> True, dates).
    return yaml.load(text, Loader=yaml.BaseLoader)


def load_config(root: Path) -> Config:
    data = _load_yaml((root / "herald.yml").read_text(encoding="utf-8"))
    url = data["url"]
    if not url.endswith("/"):
        url += "/"
    components = [Component(id=c["id"], name=c["name"]) for c in data.get("components") or []]
    return Config(
        title=data["title"],
        description=data.get("description", ""),
        url=url,
        timezone=ZoneInfo(data.get("timezone", "UTC")),
        language=data.get("language", "en"),
        components=components,
    )


def parse_time(text: str, zone: ZoneInfo) -> datetime:
    """Parses an update time as Herald's docs describe it and returns it in UTC."""
    match = TIME_PATTERN.match(text.strip())
    if not match:
        raise ValueError(f"unrecognised time {text!r}")
    naive = datetime.strptime(
        f"{match['date']} {match['hour']}:{match['minute']}:{match['second'] or '00'}",
        "%Y-%m-%d %H:%M:%S",
    )
    zone_text = match["zone"]
    if zone_text in ("Z", "UTC", "GMT"):
        aware = naive.replace(tzinfo=timezone.utc)
    elif zone_text:
        sign = 1 if zone_text[0] == "+" else -1
        digits = zone_text[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        aware = naive.replace(tzinfo=timezone(sign * offset))
    else:
        aware = naive.replace(tzinfo=zone)
    return aware.astimezone(timezone.utc)


def split_heading(text: str) -> tuple[str, str] | None:
    """Splits `Status <sep> time` at the earliest separator."""
    best = None
    for separator in SEPARATORS:
        position = text.find(separator)
        if position >= 0 and (best is None or position < best[0]):
            best = (position, len(separator))
    if best is None:
        return None
    start, length = best
    return text[:start].strip(), text[start + length :].strip()


def _update_headings(body: str) -> list[str]:
    """The text of every level-2 ATX heading outside fenced code blocks."""
    headings = []
    fence = None
    for line in body.splitlines():
        marker = FENCE.match(line)
        if fence:
            if marker and marker.group(1)[0] == fence[0] and len(marker.group(1)) >= len(fence):
                fence = None
            continue
        if marker:
            fence = marker.group(1)
            continue
        heading = re.match(r"^ {0,3}##(?:[ \t]+(.*?))?[ \t]*$", line)
        if heading:
            text = heading.group(1) or ""
            # An optional closing sequence of #s.
            text = re.sub(r"[ \t]+#+$", "", text).strip()
            headings.append(text)
    return headings


def _affected(components) -> list[str]:
    if components is None or components == "":
        return []
    if isinstance(components, dict):
        return list(components.keys())
    if isinstance(components, list):
        return list(components)
    raise ValueError(f"'components' is neither a list nor a mapping: {components!r}")


def load_incidents(root: Path, config: Config) -> list[Incident]:
    """Every published incident (drafts skipped), with its updates."""
    incidents = []
    for path in sorted((root / "incidents").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        match = re.match(r"^---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)(.*)$", text, re.S)
        if not match:
            raise ValueError(f"{path}: no front matter")
        front = _load_yaml(match.group(1)) or {}
        if str(front.get("draft", "false")).lower() in ("true", "yes", "on"):
            continue
        incident = Incident(
            slug=front.get("slug") or path.name[: -len(".md")],
            title=front["title"],
            components=_affected(front.get("components")),
        )
        notice = front.get("notice")
        if isinstance(notice, dict):
            incident.notice = True
            incident.notice_embed = str(notice.get("embed", "false")).lower() in ("true", "yes", "on")
        elif notice is not None:
            incident.notice = str(notice).lower() in ("true", "yes", "on")
        window = front.get("maintenance")
        if isinstance(window, dict):
            incident.maintenance = (
                parse_time(str(window["start"]), config.timezone),
                parse_time(str(window["end"]), config.timezone),
            )
        # An update's `Components:` line (its first line) can add components to the incident.
        for line in re.findall(r"^ {0,3}##[^\n]*\n(?:[ \t]*\n)*[ ]{0,3}Components:([^\n]*)", match.group(2), re.M):
            for item in line.split(","):
                component = item.split("=", 1)[0].strip()
                if component and component not in incident.components:
                    incident.components.append(component)
        for heading in _update_headings(match.group(2)):
            parts = split_heading(heading)
            if parts is None:
                raise ValueError(f"{path}: '## {heading}' is not an update heading")
            status, when = parts
            incident.updates.append(Update(status=status, time=parse_time(when, config.timezone)))
        incidents.append(incident)
    return incidents


# The order a maintenance moves through (docs/incident-format.md, "Scheduled maintenance").
MAINTENANCE_STAGES = {"Scheduled": 0, "In progress": 1, "Verifying": 2, "Completed": 3, "Cancelled": 4}


def add_clock_updates(incidents: list[Incident], now: datetime) -> None:
    """Adds the updates a build at `now` posts for maintenances by the clock.

    As docs/incident-format.md states the rule: "In progress" at the window's start and
    "Completed" at its end, once that instant has passed, unless an update at or before it
    already moved the maintenance that far along, or an update is written at that very instant.
    """
    for incident in incidents:
        if incident.maintenance is None:
            continue
        start, end = incident.maintenance
        posted = []
        for status, instant, stage in (("In progress", start, 1), ("Completed", end, 3)):
            earlier = [u for u in incident.updates if u.time <= instant]
            if instant > now or any(u.time == instant for u in earlier):
                continue
            if any(MAINTENANCE_STAGES.get(u.status, -1) >= stage for u in earlier):
                continue
            posted.append(Update(status=status, time=instant))
        incident.updates += posted


def update_stamp(time: datetime) -> str:
    return time.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def expected_entries(
    incidents: list[Incident], config: Config, component: str | None = None, limit: int = 50
) -> list[ExpectedEntry]:
    """The entries of the site feed (component None) or of one component's feed, newest first.

    Equal times are ordered by slug, so the order never depends on file order.
    """
    entries = []
    for incident in incidents:
        if component is not None and component not in incident.components:
            continue
        page = config.absolute(f"incidents/{incident.slug}/")
        for update in incident.updates:
            anchor = f"{page}#update-{update_stamp(update.time)}"
            entries.append(
                ExpectedEntry(
                    id=anchor,
                    title=f"{incident.title} \u2014 {update.status}",
                    link=anchor,
                    time=update.time,
                    slug=incident.slug,
                )
            )
    entries.sort(key=lambda e: (-e.time.timestamp(), e.slug))
    return entries[:limit]
