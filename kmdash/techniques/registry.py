"""The one list of techniques. Everything that loops over the techniques (the selector, the plan, the
follow-up, the app's navigation and tool links, the command line) reads it here and names none of them.

A technique is a package of `kmdash.techniques` exposing TECHNIQUE (a `base.Technique`); registering one is
one line in BUILT_IN. The packages load only when asked, so the command line can list the commands before
pandas is imported.
"""

from __future__ import annotations

from functools import cache
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..schema import Field
    from .base import Card, Technique

BUILT_IN = ("sieving", "leaders", "assigned", "pooling", "grading")  # the handbook's order
_added: dict[str, Technique] = {}


def keys() -> tuple[str, ...]:
    """Each technique's key: its package, page (pages/KEY.py), command and catalogue prefix."""
    return BUILT_IN + tuple(_added)


def techniques() -> tuple[Technique, ...]:
    return _built_in() + tuple(_added.values())


@cache
def _built_in() -> tuple[Technique, ...]:
    """The built-in techniques, their packages imported on the first call only."""
    return tuple(import_module(f"{__package__}.{k}").TECHNIQUE for k in BUILT_IN)


def register(technique: Technique) -> Technique:
    """Add a technique after the built-in ones (a plug-in, or a test's toy): a new key and a new number."""
    taken = {t.card.number for t in techniques()}
    if technique.key in keys() or technique.card.number in taken:
        raise ValueError(f"technique {technique.card.number} '{technique.key}' is registered already")
    _added[technique.key] = technique
    return technique


def unregister(key: str) -> None:
    _added.pop(key, None)


def by_number(number: int) -> Technique:
    return next(t for t in techniques() if t.card.number == int(number))


def by_key(key: str) -> Technique:
    return next(t for t in techniques() if t.key == key)


def cards() -> tuple[Card, ...]:
    return tuple(t.card for t in techniques())


def plan_fields() -> tuple[Field, ...]:
    """The plan's fields: the ledger's figures, every technique's, the staff's (`schema.plan_fields`)."""
    from ..schema import plan_fields as compose

    return compose(f for t in techniques() for f in t.plan_fields)


def dimensions() -> tuple[str, ...]:
    """The follow-up's dimensions: each technique listed in the plan, then each technique's own plan field."""
    return ("technique", *dict.fromkeys(t.dimension for t in techniques()))
