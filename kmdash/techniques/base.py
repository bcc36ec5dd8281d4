"""What every technique offers: its card, its score with evidence, the members it applies to, the plan fields
its tool fills, its follow-up dimension, and the key naming its package, page, command and catalogue words.

The selector, the plan, the follow-up, the app and the command line loop over `registry`; nothing names a
technique.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ..read.loans import NO_GROUP
from ..read.status import legal
from ..schema import Field
from ..settings import Settings


@dataclass(frozen=True)
class Card:
    """A technique as the handbook words it, in Thai and English."""

    number: int
    key: str
    name: tuple[str, str]  # (Thai, English)
    short: tuple[str, str]  # for a plan cell
    situation: tuple[str, str]
    strategy: tuple[str, str]
    method: tuple[tuple[str, str], ...]  # the steps


@dataclass(frozen=True)
class Evidence:
    """One reading of the ledger behind a score: a catalogue code and its numbers; `full`, where the reading is
    a part of the score, the catalogue code saying which setting makes the part full (its values too)."""

    code: str
    values: dict = field(default_factory=dict)
    full: str = ""


@dataclass(frozen=True)
class Part:
    """One part of a technique's situation: the ledger's figure (`value`), the setting that makes the part
    full (`threshold`: the project's example, settable) and the part's score 0..1, with the reading in words."""

    evidence: Evidence
    value: float
    threshold: float
    score: float

    @property
    def code(self) -> str:
        return self.evidence.code

    @classmethod
    def of(cls, code: str, full: str, value: float, threshold: float, **values) -> "Part":
        """The part `value / threshold`, capped at 1 (0 where the threshold is 0)."""
        return cls(Evidence(code, {**values, "threshold": threshold}, full), value, threshold,
                   min(1.0, max(0.0, ratio(value, threshold))))


@dataclass(frozen=True)
class Question:
    """A clause of the situation a ledger cannot show, asked of the user (yes / no / unknown)."""

    code: str
    th: str
    en: str


@dataclass(frozen=True)
class Score:
    number: int
    score: float  # 0 (the situation is absent) to 1 (the handbook's situation, fully): of what is known
    evidence: tuple[Evidence, ...]
    parts: tuple[Part, ...] = ()
    unknown: tuple[Question, ...] = ()  # the clauses the user has not answered


@dataclass(frozen=True)
class Facts:
    """The ledger's figures the selector reads, computed once."""

    as_of: date
    members: pd.DataFrame  # one row per member (analyse.member_table)
    settings: Settings

    @property
    def overdue(self) -> pd.DataFrame:
        return self.members[self.members["days"] > 0]

    @property
    def in_groups(self) -> pd.DataFrame:
        """Overdue members who belong to a named member group."""
        overdue = self.overdue
        return overdue[overdue["group"] != NO_GROUP]


class Technique:
    """One technique: subclasses set `card`, `plan_fields`, `dimension` and `icon`, and implement `score` and
    `applies`; `fill_plan` where the tool fills the plan without a person's input."""

    card: Card
    plan_fields: tuple[Field, ...] = ()  # the plan's fields its tool fills
    dimension: str = "technique"  # the plan field the follow-up reports recovery by
    icon: str = "build"  # its page's icon (a Material Symbols name)
    questions: tuple[Question, ...] = ()  # the clauses of its situation a ledger cannot show
    thresholds: tuple[str, ...] = ()  # the settings its score reads (Settings' or Settings.selector's fields)

    @property
    def key(self) -> str:
        """Names its package, its page (pages/KEY.py), its command and its catalogue words."""
        return self.card.key

    @property
    def plan_columns(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.plan_fields)

    def fill_plan(self, analysis, lang: str, options: Mapping) -> pd.DataFrame | None:
        """What the tool fills in the plan from the ledger and the command's `options` alone (indexed by member
        number, some of `plan_columns`), or None."""
        return None

    def score(self, facts: Facts) -> Score:
        raise NotImplementedError

    def applies(self, facts: Facts) -> pd.Series:
        """Per member of facts.members: whether the technique applies to them."""
        raise NotImplementedError

    def _score(self, facts: Facts, parts: list[Part], context: tuple[Evidence, ...] = ()) -> Score:
        """The product of the situation's parts, each 0..1: a situation is all of its parts (many members
        AND a long time), and every score is on the same 0..1 scale. Of the clauses the ledger cannot show, a
        "no" makes it 0, a "yes" keeps it, and one not answered is listed in `unknown`."""
        value = 1.0
        for part in parts:
            value *= part.score
        answers = {q: facts.settings.selector.answer(q.code) for q in self.questions}
        if "no" in answers.values():
            value = 0.0
        unknown = tuple(q for q, answer in answers.items() if answer == "unknown")
        return Score(self.card.number, round(value, 4), (*(p.evidence for p in parts), *context), tuple(parts),
                     unknown)


def ratio(part: float, whole: float) -> float:
    return float(part) / float(whole) if whole else 0.0


def in_legal_action(loans: pd.DataFrame) -> set[str]:
    """Member numbers with a loan under legal action (none where the ledger has no status column)."""
    return set(loans.loc[legal(loans), "member_no"].astype(str))
