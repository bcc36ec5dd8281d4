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

from .followup import compare, member_key
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
    return None if pd.isna(satang) else round(int(satang) / 100, 2)


def _share(value) -> float | None:
    return None if pd.isna(value) else float(value)


def history(coop: str | None, heads: pd.DataFrame, members: pd.DataFrame, actions: pd.DataFrame | None = None,
            chronic_periods: int = CHRONIC_PERIODS) -> History:
    """`heads`: one row per snapshot (snapshot_id, as_of, outstanding, at_risk30, at_risk90 in satang or None),
    one per date, oldest first; `members`: their rows (snapshot_id, member_no, name, group, days, bucket,
    bucket_rank, overdue in satang); `actions`: the co-op's record (`record.listed`)."""
    heads = heads.sort_values("as_of").reset_index(drop=True)
    members = members[members["snapshot_id"].isin(heads["snapshot_id"])]
    by_snapshot = dict(tuple(members.groupby("snapshot_id", sort=False)))
    tables = [_member_table(by_snapshot.get(i, members.iloc[:0])) for i in heads["snapshot_id"]]
    return History(coop, _points(heads, members), _aging(heads, members), _flows(heads, tables, actions),
                   _runs(heads, tables), chronic_periods)


def _points(heads: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    per = members.assign(late=members["days"] > 0).groupby("snapshot_id").agg(
        members=("member_no", "size"), members_overdue=("late", "sum"), overdue=("overdue", "sum"))
    points = heads[["snapshot_id", "as_of"]].join(per, on="snapshot_id").fillna(
        {"members": 0, "members_overdue": 0, "overdue": 0})
    outstanding = pd.to_numeric(heads["outstanding"], errors="coerce").to_numpy(dtype=float)
    for days in (30, 90):
        at_risk = pd.to_numeric(heads[f"at_risk{days}"], errors="coerce").to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = at_risk / outstanding
        points[f"par{days}"] = np.where(outstanding > 0, share, np.where(outstanding == 0, 0.0, np.nan))
    points["outstanding"] = outstanding
    return points.astype({"members": "int64", "members_overdue": "int64", "overdue": "int64"})[POINT_COLUMNS]


def _aging(heads: pd.DataFrame, members: pd.DataFrame) -> pd.DataFrame:
    """Every bucket any snapshot has (in rank order) at every date, zero where none."""
    buckets = members[["bucket_rank", "bucket"]].drop_duplicates("bucket").sort_values("bucket_rank")["bucket"]
    per = members.groupby(["snapshot_id", "bucket"]).agg(members=("member_no", "size"), overdue=("overdue", "sum"))
    grid = pd.MultiIndex.from_product([heads["snapshot_id"], buckets], names=["snapshot_id", "bucket"])
    table = per.reindex(grid, fill_value=0).reset_index()
    table["as_of"] = table["snapshot_id"].map(dict(zip(heads["snapshot_id"], heads["as_of"])))
    return table[["as_of", "bucket", "members", "overdue"]].astype({"members": "int64", "overdue": "int64"})


def _member_table(rows: pd.DataFrame) -> pd.DataFrame:
    """A snapshot's members as `followup.compare` takes them (overdue in baht, buckets in their order)."""
    labels = rows[["bucket_rank", "bucket"]].drop_duplicates("bucket").sort_values("bucket_rank")["bucket"]
    return pd.DataFrame({"member_no": rows["member_no"].to_numpy(), "name": rows["name"].to_numpy(),
                         "group": rows["group"].to_numpy(),
                         "bucket": pd.Categorical(rows["bucket"], categories=list(labels), ordered=True),
                         "overdue": rows["overdue"].to_numpy(dtype=np.int64) / 100})


def _flows(heads: pd.DataFrame, tables: list[pd.DataFrame], actions: pd.DataFrame | None) -> pd.DataFrame:
    rows = []
    dates = heads["as_of"].tolist()
    for (old, new), (then, now) in zip(zip(tables, tables[1:]), zip(dates, dates[1:])):
        done = counted(actions, now) if actions is not None else None
        pooled = pool_repaid(done, then, now) if done is not None else ()
        comparison = compare(old, new, then, now, pooled)
        counts, totals = comparison.count(), comparison.totals()
        rows.append({"from": then, "to": now, **{k: counts[k] for k in FLOW_COUNTS},
                     **{k: totals[k] for k in ("recovered", "refinanced", "increase")}})
    return pd.DataFrame(rows, columns=["from", "to", *FLOW_COUNTS, "recovered", "refinanced", "increase"])


def _runs(heads: pd.DataFrame, tables: list[pd.DataFrame]) -> pd.DataFrame:
    """Per member overdue at the latest date: how many snapshots in a row, back from it, found them overdue, and
    the date of the first of those; the longest runs first, then the largest overdue."""
    columns = ["member", "name", "group", "periods", "since", "overdue"]
    if not tables:
        return pd.DataFrame(columns=columns)
    late = [set(member_key(t["member_no"][t["overdue"] > 0])) for t in tables]
    latest = tables[-1].assign(key=member_key(tables[-1]["member_no"]))
    latest = latest[latest["overdue"] > 0].drop_duplicates("key")
    dates = heads["as_of"].tolist()
    periods = []
    for key in latest["key"]:
        n = 0
        while n < len(late) and key in late[-1 - n]:
            n += 1
        periods.append(n)
    runs = pd.DataFrame({"member": latest["member_no"].to_numpy(), "name": latest["name"].to_numpy(),
                         "group": latest["group"].to_numpy(), "periods": np.array(periods, dtype=np.int64),
                         "since": [dates[len(dates) - n] for n in periods],
                         "overdue": np.rint(latest["overdue"].to_numpy() * 100).astype(np.int64)})
    return runs.sort_values(["periods", "overdue", "member"], ascending=[False, False, True]).reset_index(drop=True)
