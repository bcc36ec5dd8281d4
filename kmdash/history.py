"""A co-op's saved snapshots as its record over the months: per snapshot date the figures and the aging mix;
between consecutive snapshots the flows, as the follow-up counts them (`followup.compare`: its statuses and
its identity, pool repayments recorded in between counted as refinanced, not recovered); per member overdue at
the latest date, the snapshots overdue in a row and since when; the chronic debtors, overdue in each of the last
N (`chronic_periods`, the project's example: 3, not the handbook's).

Pure: the store's rows in (`store.history_rows`), a History out. Money in satang inside, baht in `to_json`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .followup import FELL, ROSE, member_key, statuses
from .followup_actions import counted, pool_repaid
from .settings import Settings

CHRONIC_PERIODS = Settings().chronic_periods  # the project's example: overdue in each of the last three
FLOW_COUNTS = ("cleared", "new_arrears", "grown", "left", "joined")
POINT_COLUMNS = ["snapshot_id", "as_of", "members", "members_overdue", "outstanding", "overdue", "par30", "par90"]


@dataclass
class History:
    coop: str | None
    points: pd.DataFrame  # POINT_COLUMNS, one row per date, oldest first; outstanding and PAR NaN where not kept
    aging: pd.DataFrame  # as_of, bucket, members, overdue (satang): every bucket at every date
    flows: pd.DataFrame  # from, to, the FLOW_COUNTS, recovered, refinanced, increase (satang)
    runs: pd.DataFrame  # member, name, group, periods, since, overdue (satang): the latest date's debtors
    chronic_periods: int = CHRONIC_PERIODS

    @property
    def chronic(self) -> pd.DataFrame:
        """The debtors overdue in each of the last `chronic_periods` snapshots (none while fewer are saved)."""
        return self.runs[self.runs["periods"] >= self.chronic_periods]

    def to_json(self) -> dict:
        points = [{"as_of": p.as_of.isoformat(), "members": int(p.members), "members_overdue": int(p.members_overdue),
                   "outstanding": _baht(p.outstanding), "overdue": _baht(p.overdue), "par30": _share(p.par30),
                   "par90": _share(p.par90),
                   "aging": [{"bucket": a.bucket, "members": int(a.members), "overdue": _baht(a.overdue)}
                             for a in self.aging[self.aging["as_of"] == p.as_of].itertuples()]}
                  for p in self.points.itertuples()]
        flows = [{"from": f.from_.isoformat(), "to": f.to.isoformat(), **{k: int(getattr(f, k)) for k in FLOW_COUNTS},
                  "recovered": _baht(f.recovered), "refinanced": _baht(f.refinanced), "increase": _baht(f.increase)}
                 for f in self.flows.rename(columns={"from": "from_"}).itertuples()]
        chronic = [{"member": c.member, "periods": int(c.periods), "since": c.since.isoformat()}
                   for c in self.chronic.itertuples()]
        return {"coop": self.coop, "chronic_periods": self.chronic_periods, "points": points, "flows": flows,
                "chronic": chronic}


def _baht(satang) -> float | None:
    return None if pd.isna(satang) else int(satang) / 100  # the nearest float to the satang's baht


def _share(value) -> float | None:
    return None if pd.isna(value) else float(value)


@dataclass
class Rows:
    """What the store gives a history (`store.history_rows`): money in satang."""

    heads: pd.DataFrame  # snapshot_id, as_of, outstanding, at_risk30, at_risk90: one per date, oldest first
    figures: pd.DataFrame  # snapshot_id, members, members_overdue, overdue
    aging: pd.DataFrame  # snapshot_id, bucket_rank, bucket, members, overdue
    overdue: pd.DataFrame  # snapshot_id, member_no, overdue: every member of every snapshot
    latest: pd.DataFrame  # member_no, name, group of the latest snapshot's debtors


def history(coop: str | None, rows: Rows, actions: pd.DataFrame | None = None,
            chronic_periods: int = CHRONIC_PERIODS) -> History:
    """`actions`: the co-op's record (`record.listed`): pool repayments between two dates are refinanced."""
    heads = rows.heads
    keys, amount, present = _matrix(heads["snapshot_id"].to_numpy(), rows.overdue)
    return History(coop, _points(heads, rows.figures), _aging(heads, rows.aging),
                   _flows(heads["as_of"].tolist(), keys, amount, present, actions),
                   _runs(heads["as_of"].tolist(), keys, amount, present, rows.latest), chronic_periods)


def _points(heads: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    points = heads[["snapshot_id", "as_of"]].join(figures.set_index("snapshot_id"), on="snapshot_id").fillna(
        {"members": 0, "members_overdue": 0, "overdue": 0})
    outstanding = heads["outstanding"].to_numpy(dtype=float)  # None (not kept): NaN
    for days in (30, 90):
        at_risk = heads[f"at_risk{days}"].to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = at_risk / outstanding
        points[f"par{days}"] = np.where(outstanding > 0, share, np.where(outstanding == 0, 0.0, np.nan))
    points["outstanding"] = outstanding
    return points.astype({"members": "int64", "members_overdue": "int64", "overdue": "int64"})[POINT_COLUMNS]


def _aging(heads: pd.DataFrame, aging: pd.DataFrame) -> pd.DataFrame:
    """Every bucket any snapshot has (in rank order) at every date, zero where none."""
    buckets = aging[["bucket_rank", "bucket"]].drop_duplicates("bucket").sort_values("bucket_rank", kind="stable")
    grid = pd.MultiIndex.from_product([heads["snapshot_id"], buckets["bucket"]], names=["snapshot_id", "bucket"])
    per = aging.groupby(["snapshot_id", "bucket"])[["members", "overdue"]].sum()
    table = per.reindex(grid, fill_value=0).reset_index()
    table["as_of"] = table["snapshot_id"].map(dict(zip(heads["snapshot_id"], heads["as_of"])))
    return table[["as_of", "bucket", "members", "overdue"]].astype({"members": "int64", "overdue": "int64"})


def _matrix(ids: np.ndarray, overdue: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Members (as the follow-up matches them: `member_key`) by snapshot: each one's overdue (two numbers written
    differently in one ledger add up) and whether the snapshot has them."""
    column = pd.Index(ids).get_indexer(overdue["snapshot_id"])
    numbers, uniques = pd.factorize(overdue["member_no"])
    key_of_number, keys = pd.factorize(member_key(pd.Series(uniques, dtype=object)))
    row = key_of_number[numbers]
    amount = np.zeros((len(keys), len(ids)), dtype=np.int64)
    np.add.at(amount, (row, column), overdue["overdue"].to_numpy(dtype=np.int64))
    present = np.zeros(amount.shape, dtype=bool)
    present[row, column] = True
    return np.asarray(keys, dtype=object), amount, present


def _flows(dates: list, keys: np.ndarray, amount: np.ndarray, present: np.ndarray,
           actions: pd.DataFrame | None) -> pd.DataFrame:
    """Per pair of consecutive dates, the follow-up's counts and totals (`followup.statuses`, `Comparison.totals`)."""
    done = counted(actions, dates[-1]) if actions is not None and dates else None
    rows = []
    for s, (then_day, now_day) in enumerate(zip(dates, dates[1:])):
        seen = present[:, s] | present[:, s + 1]
        then, now = amount[seen, s], amount[seen, s + 1]
        status = statuses(then, now, present[seen, s], present[seen, s + 1])
        pooled = set(member_key(pd.Series(pool_repaid(done, then_day, now_day), dtype=object))) if done is not None \
            else set()
        fell = np.isin(status, FELL)
        refinanced = fell & np.isin(keys[seen], list(pooled))
        rose = np.isin(status, ROSE)
        counts = {k: int((status == k).sum()) for k in FLOW_COUNTS}
        rows.append({"from": then_day, "to": now_day, **counts,
                     "recovered": int((then - now)[fell & ~refinanced].sum()),
                     "refinanced": int((then - now)[refinanced].sum()), "increase": int((now - then)[rose].sum())})
    return pd.DataFrame(rows, columns=["from", "to", *FLOW_COUNTS, "recovered", "refinanced", "increase"])


def _runs(dates: list, keys: np.ndarray, amount: np.ndarray, present: np.ndarray, latest: pd.DataFrame) -> pd.DataFrame:
    """Per member overdue at the latest date: how many snapshots in a row, back from it, found them overdue, and
    the date of the first of those; the longest runs first, then the largest overdue."""
    late = (amount > 0) & present
    run = np.cumprod(late[:, ::-1], axis=1).sum(axis=1)
    by_key = pd.DataFrame({"periods": run, "overdue": amount[:, -1] if amount.size else 0}, index=keys)
    debtors = latest.assign(key=member_key(latest["member_no"])).drop_duplicates("key")
    found = debtors.join(by_key, on="key")
    found = found[found["periods"] > 0]
    runs = pd.DataFrame({"member": found["member_no"].to_numpy(), "name": found["name"].to_numpy(),
                         "group": found["group"].to_numpy(), "periods": found["periods"].to_numpy(dtype=np.int64),
                         "since": [dates[len(dates) - n] for n in found["periods"]],
                         "overdue": found["overdue"].to_numpy(dtype=np.int64)})
    return runs.sort_values(["periods", "overdue", "member"], ascending=[False, False, True]).reset_index(drop=True)
