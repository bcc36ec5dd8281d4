"""T3's roll-up of the record for the manager: per person (an action's `by`) and per ISO week (Monday to
Sunday, named by its Monday), what was done: the members reached, the actions, the promises to pay and the
amount promised. Whether a promise was kept, the follow-up judges later (`followup_actions`).
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from ...actions import PROMISE
from ...followup import member_key

PER_PERSON = ["by", "members", "actions", "promises", "promised"]
PER_WEEK = ["week", "week_of", *PER_PERSON]


def week_of(day: date) -> date:
    """The Monday of the day's ISO week."""
    return day - timedelta(days=day.weekday())


def week_name(day: date) -> str:
    """The ISO week's name: "2024-W16" (a week across the new year belongs to the year of its Thursday)."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def rollup(actions: pd.DataFrame, weekly: bool = True) -> pd.DataFrame:
    """`actions` (`kmdash.actions.COLUMNS`) rolled up per person, and per week with `weekly` (PER_WEEK, else
    PER_PERSON): members (distinct, as the follow-up matches them), actions, promises and promised (integer
    satang). Oldest week first, then people by name; a person left blank stays "" (the page names it)."""
    columns = PER_WEEK if weekly else PER_PERSON
    if actions.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in PER_PERSON[1:] else object) for c in columns})
    promise = actions["kind"] == PROMISE
    frame = pd.DataFrame({
        "week": actions["date"].map(week_name), "week_of": actions["date"].map(week_of),
        "by": actions["by"].fillna("").astype(str), "member": member_key(actions["member"]),
        "promises": promise.astype("int64"), "promised": actions["amount"].where(promise, 0).astype("int64")})
    keys = ["week", "week_of", "by"] if weekly else ["by"]
    rolled = frame.groupby(keys, sort=True).agg(
        members=("member", "nunique"), actions=("member", "size"), promises=("promises", "sum"),
        promised=("promised", "sum")).reset_index()
    return rolled.astype({c: "int64" for c in PER_PERSON[1:]})[columns]
