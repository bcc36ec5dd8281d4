"""The follow-up's one path, as `pipeline` is the reading's: an earlier ledger (a saved snapshot, or a pipeline
Result), the later Result, the plan and the record of actions -> the comparison of the two, the review
against the plan and the judgement by what was done.

The command line and the app read their files, snapshots, plans and records, then call `follow_up`; nothing
else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .actions import empty
from .followup import Comparison, compare
from .followup_actions import Judged, counted, judge, pool_repaid
from .followup_plan import Review, review
from .pipeline import Result
from .store import Snapshot, of_result


@dataclass
class FollowUp:
    comparison: Comparison
    review: Review | None  # None without a plan
    snapshot_plan: bool  # the plan is the earlier snapshot's own (none was given)
    judged: Judged  # by the record (every debtor untreated when nothing was recorded)


def follow_up(old: Snapshot | Result, new: Result, plan: pd.DataFrame | None = None,
              actions: pd.DataFrame | None = None) -> FollowUp:
    """`new` against `old`, against `plan` (as `plan.read_plan` gives it; else the snapshot's own) and against
    the record (`actions.COLUMNS`; only those dated by the later ledger count). Refinanced: only the members
    recorded as repaid through the pool (`pool_repaid`) between the two ledgers, never a proposed rotation."""
    then = old if isinstance(old, Snapshot) else of_result(old)
    chosen = then.plan if plan is None else plan
    done = counted(empty() if actions is None else actions, new.as_of)
    comparison = compare(then.members, new.analysis.members, then.as_of, new.as_of,
                         pool_repaid(done, then.as_of, new.as_of), then.loans, new.analysis.loans)
    return FollowUp(comparison, None if chosen is None else review(comparison, chosen),
                    snapshot_plan=plan is None and chosen is not None, judged=judge(comparison, done, chosen))
