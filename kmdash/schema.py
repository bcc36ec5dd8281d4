"""The plan's columns, declared once: each field's key, kind, who fills it and its header (the catalogue's
`col_KEY`, Thai and English). The CSV and xlsx writers, the plan reader, the follow-up and the store all take
the fields from here; the techniques add their own (`Technique.plan_fields`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .i18n import t

LEDGER, STAFF = "ledger", "staff"  # who fills a field; a technique's fields say "technique N"


@dataclass(frozen=True)
class Field:
    key: str
    kind: str = "text"  # text, int (a count or a number such as a pool cycle) or money (baht to the satang)
    filled_by: str = STAFF
    rank: int = 100  # where a technique's field stands among the technique fields (lowest first)

    def header(self, lang: str = "th") -> str:
        return t(f"col_{self.key}", lang)


FIGURES = (Field("member", filled_by=LEDGER), Field("name", filled_by=LEDGER), Field("group", filled_by=LEDGER),
           Field("days", "int", LEDGER), Field("bucket", filled_by=LEDGER), Field("overdue", "money", LEDGER),
           Field("interest", "money", LEDGER), Field("techniques", filled_by=LEDGER))
BY_STAFF = (Field("chosen"), Field("status"), Field("notes"))  # chosen: the technique staff chose


def plan_fields(technique_fields: Iterable[Field]) -> tuple[Field, ...]:
    """The ledger's figures, then the techniques' fields (by rank; a key declared twice is one field), then
    the staff's."""
    unique: dict[str, Field] = {}
    for field in technique_fields:
        unique.setdefault(field.key, field)
    return FIGURES + tuple(sorted(unique.values(), key=lambda f: f.rank)) + BY_STAFF
