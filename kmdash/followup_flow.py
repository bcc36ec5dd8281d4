"""The follow-up's one path, as `pipeline` is the reading's: an earlier ledger (a saved snapshot, or a pipeline
Result), the later Result and the plan -> the comparison of the two and the review against the plan.

The command line and the app read their files, snapshots and plans, then call `follow_up`; nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .followup import Comparison, compare
from .followup_plan import Review, refinanced, review
from .pipeline import Result
from .store import Snapshot, of_result


@dataclass
class FollowUp:
    comparison: Comparison
    review: Review | None  # None without a plan
    snapshot_plan: bool  # the plan is the earlier snapshot's own (none was given)


def follow_up(old: Snapshot | Result, new: Result, plan: pd.DataFrame | None = None) -> FollowUp:
    """`new` against `old` and against `plan` (as `plan.read_plan` gives it), else the snapshot's own plan.
    Members the plan marks refinanced count as refinanced, never as cash recovered."""
    then = old if isinstance(old, Snapshot) else of_result(old)
    chosen = then.plan if plan is None else plan
    pooled = () if chosen is None else chosen.loc[refinanced(chosen), "member"]
    comparison = compare(then.members, new.analysis.members, then.as_of, new.as_of, pooled, then.loans,
                         new.analysis.loans)
    return FollowUp(comparison, None if chosen is None else review(comparison, chosen),
                    snapshot_plan=plan is None and chosen is not None)
