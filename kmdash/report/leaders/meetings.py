"""The group leaders' meetings as an iCalendar file (RFC 5545): one all-day event per meeting, in the
chosen language, that any calendar program imports. Groups and leaders only: no member's name."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event

from ...i18n import t
from ...techniques.leaders.packs import Packs
from ..display import day

PRODID = "-//kmdash//group leaders' meetings//TH"
ICS_MIME = "text/calendar"


def meetings_ics(packs: Packs, as_of: date, lang: str = "th", made: datetime | None = None) -> bytes:
    """The calendar's bytes; `made` (UTC, now by default) stamps each event."""
    stamp = made or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    description = _description(packs, as_of, lang)
    for n, when in enumerate(packs.meetings, start=1):
        event = Event()
        event.add("uid", f"{as_of.isoformat()}-{packs.every_months}m-{n}@leaders.kmdash")
        event.add("dtstamp", stamp)
        event.add("dtstart", when)
        event.add("dtend", when + timedelta(days=1))
        event.add("summary", t("leaders_meeting_summary", lang, n=n, k=len(packs.meetings)))
        event.add("description", description)
        calendar.add_component(event)
    return calendar.to_ical()


def _description(packs: Packs, as_of: date, lang: str) -> str:
    groups = packs.groups
    lines = [t("leaders_meeting_description", lang, n=int(groups["debtors"].sum()), groups=len(groups), day=day(as_of, lang))]
    lines += [f"- {g} ({n:,} {t('people', lang)}): {leader or t('leaders_not_entered', lang)}"
              for g, leader, n in zip(groups["group"], groups["leader"], groups["debtors"])]
    return "\n".join(lines)
