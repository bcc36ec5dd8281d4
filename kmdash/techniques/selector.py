"""The selector: every registered technique scored from a ledger's own figures, and who each applies to."""

from __future__ import annotations

import pandas as pd

from ..analyse import Analysis
from .base import Facts, Question, Score
from .registry import techniques


def facts_of(analysis: Analysis) -> Facts:
    return Facts(as_of=analysis.as_of, members=analysis.members, settings=analysis.settings)


def rank(analysis: Analysis) -> list[Score]:
    """Every technique's score with its evidence, highest first (ties in the handbook's order)."""
    facts = facts_of(analysis)
    return sorted((t.score(facts) for t in techniques()), key=lambda s: -s.score)


def questions() -> dict[str, Question]:
    """Every technique's clauses a ledger cannot show, by code."""
    return {q.code: q for t in techniques() for q in t.questions}


def applying(analysis: Analysis) -> pd.DataFrame:
    """Per member (rows of analysis.members), one boolean column per technique number: does it apply."""
    facts = facts_of(analysis)
    return pd.DataFrame({t.card.number: t.applies(facts) for t in techniques()}, index=analysis.members.index)
