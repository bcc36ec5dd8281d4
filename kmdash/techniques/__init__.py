"""The handbook's five techniques, one module each behind one interface (`base.Technique`), and the
selector that ranks them from a ledger's own figures."""

from __future__ import annotations

import pandas as pd

from ..analyse import Analysis
from . import assigned, grading, leaders, pooling, sieving
from .base import Card, Evidence, Facts, Score, Technique

REGISTRY: tuple[Technique, ...] = (sieving.TECHNIQUE, leaders.TECHNIQUE, assigned.TECHNIQUE, pooling.TECHNIQUE,
                                   grading.TECHNIQUE)
CARDS: tuple[Card, ...] = tuple(t.card for t in REGISTRY)

__all__ = ["CARDS", "REGISTRY", "Card", "Evidence", "Facts", "Score", "Technique", "applying", "facts_of", "rank"]


def facts_of(analysis: Analysis) -> Facts:
    return Facts(as_of=analysis.as_of, members=analysis.members, settings=analysis.settings)


def rank(analysis: Analysis) -> list[Score]:
    """Every technique's score with its evidence, highest first (ties in the handbook's order)."""
    facts = facts_of(analysis)
    return sorted((t.score(facts) for t in REGISTRY), key=lambda s: -s.score)


def applying(analysis: Analysis) -> pd.DataFrame:
    """Per member (rows of analysis.members), one boolean column per technique number: does it apply."""
    facts = facts_of(analysis)
    return pd.DataFrame({t.card.number: t.applies(facts) for t in REGISTRY}, index=analysis.members.index)
