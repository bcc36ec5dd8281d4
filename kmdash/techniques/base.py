"""What every technique offers: its card, its score with evidence, and the members it applies to.

The selector and the plan loop over the registry in `kmdash.techniques`; nothing names a technique.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from ..read.fill import NO_GROUP
from ..read.status import legal
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
    tool: str  # the page of its tool
    plan_columns: tuple[str, ...] = ()  # the plan's columns its tool fills (kmdash.report.plan keys)


@dataclass(frozen=True)
class Evidence:
    """One reading of the ledger behind a score: a catalogue code and its numbers."""

    code: str
    values: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Score:
    number: int
    score: float  # 0 (the situation is absent) to 1 (the handbook's situation, fully)
    evidence: tuple[Evidence, ...]


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
    """One technique: subclasses set `card` and implement `score` and `applies`."""

    card: Card

    def score(self, facts: Facts) -> Score:
        raise NotImplementedError

    def applies(self, facts: Facts) -> pd.Series:
        """Per member of facts.members: whether the technique applies to them."""
        raise NotImplementedError

    def _score(self, parts: list[float], evidence: list[Evidence]) -> Score:
        """The product of the situation's parts, each 0..1: a situation is all of its parts (many members
        AND a long time), and every score is on the same 0..1 scale."""
        value = 1.0
        for part in parts:
            value *= min(1.0, max(0.0, part))
        return Score(self.card.number, round(value, 4), tuple(evidence))


def ratio(part: float, whole: float) -> float:
    return float(part) / float(whole) if whole else 0.0


def in_legal_action(loans: pd.DataFrame) -> set[str]:
    """Member numbers with a loan under legal action (none where the ledger has no status column)."""
    return set(loans.loc[legal(loans), "member_no"].astype(str))
