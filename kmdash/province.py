"""Many co-ops' ledgers side by side: one small row of figures per file, and the province's total.

`survey` is the one path the command line and the app take. The command line reads the files in parallel, one
process per core; each worker runs the whole pipeline and hands back only its row (`CoopRow`), never the
loans. Rows come back in the order the files were given.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from .errors import LedgerError
from .pipeline import Source, finish, read
from .settings import Settings
from .techniques.selector import rank


@dataclass(frozen=True)
class CoopRow:
    """One file's figures, or its error. Shares are unrounded fractions."""

    file: str
    coop: str
    as_of: date | None = None
    as_of_source: str | None = None
    members: int = 0
    members_overdue: int = 0
    members_long_overdue: int = 0
    overdue: float = 0.0
    outstanding: float = 0.0
    at_risk30: float = 0.0  # outstanding of loans over 30 / 90 days overdue (PAR's numerators)
    at_risk90: float = 0.0
    aging: tuple[tuple[str, float], ...] = ()  # (bucket, overdue) in bucket order
    top_technique: int | None = None
    error: tuple[str, str] | None = None  # (Thai, English): the file could not be read
    change: Change | None = None  # a stored co-op's: since its previous snapshot

    @property
    def par30(self) -> float:
        return _share(self.at_risk30, self.outstanding)

    @property
    def par90(self) -> float:
        return _share(self.at_risk90, self.outstanding)

    @property
    def long_overdue_share(self) -> float:
        """Of the members overdue, the share overdue longer than the long-overdue days."""
        return _share(self.members_long_overdue, self.members_overdue)


@dataclass(frozen=True)
class Change:
    """A co-op's latest snapshot against its previous one: the previous date, and the rise (negative: the fall)
    in the overdue (baht), the members overdue and PAR30."""

    since: date
    overdue: float
    members_overdue: int
    par30: float


def _share(part: float, whole: float) -> float:
    return part / whole if whole > 0 else 0.0


Reader = Callable[[Source, str, date | None, Settings], CoopRow]  # as coop_row


@dataclass
class Province:
    """Every file's row in the order given, and what the read ones make: the total, a table, the aging mix."""

    rows: tuple[CoopRow, ...]
    total: CoopRow
    coops: pd.DataFrame  # the read rows, `label` naming each co-op once (the app's table and charts)
    aging: pd.DataFrame  # per co-op `label` and aging bucket: overdue, and its share of the co-op's overdue

    @property
    def errors(self) -> tuple[CoopRow, ...]:
        return tuple(r for r in self.rows if r.error is not None)


def survey(files: Sequence[tuple[str, Source]], as_of: date | None = None, settings: Settings = Settings(),
           workers: int | None = None, reader: Reader | None = None, stored: Sequence[CoopRow] = ()) -> Province:
    """The province of these (name, source) files, after the `stored` co-ops' rows (`stored_rows`); `as_of`
    stands in for the files without a report date. Read on every core (`workers` processes), or one after
    another by `reader` (the app's cached `coop_row`: a process pool does not sit well inside Streamlit's
    server)."""
    jobs = [(source, name, as_of, settings) for name, source in files]
    rows = tuple(stored) + (tuple(reader(*job) for job in jobs) if reader else _read_all(jobs, workers))
    read_rows = [r for r in rows if r.error is None]
    coops = _frame(read_rows)
    return Province(rows, _total(read_rows), coops, _aging_frame(read_rows, coops["label"]))


def _read_all(jobs: list[tuple], workers: int | None) -> tuple[CoopRow, ...]:
    """Every job's row in order, in a process pool (in this process for one worker)."""
    workers = min(len(jobs), workers or os.cpu_count() or 1)
    if workers <= 1:
        return tuple(coop_row(*job) for job in jobs)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(coop_row, *job) for job in jobs]
        return tuple(_collected(future, job[1]) for future, job in zip(futures, jobs))


def _collected(future, name: str) -> CoopRow:
    """A worker's row; a worker that died (out of memory) is that file's error, not the run's."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001  (BrokenProcessPool and the like)
        error = (f"อ่านไฟล์ไม่สำเร็จ ({type(exc).__name__})", f"could not read the file ({type(exc).__name__})")
        return CoopRow(file=name, coop=_stem(name), error=error)


def coop_row(source: Source, name: str, as_of: date | None = None, settings: Settings = Settings()) -> CoopRow:
    """One ledger's row; `as_of` stands in only where the file's titles give no report date."""
    try:
        reading = read(source)
    except LedgerError as exc:
        return CoopRow(file=name, coop=_stem(name), error=(exc.th, exc.en))
    ledger = reading.ledger
    result = finish(reading, name, None if ledger.title_as_of else as_of, settings)
    a, head = result.analysis, result.analysis.headline
    return CoopRow(
        file=name, coop=ledger.coop or _stem(name), as_of=result.as_of, as_of_source=result.as_of_source,
        members=head["members"], members_overdue=head["members_overdue"],
        members_long_overdue=head["members_long_overdue"], overdue=head["overdue"],
        outstanding=head["outstanding"] or 0.0,
        at_risk30=a.at_risk(30) or 0.0, at_risk90=a.at_risk(90) or 0.0,
        aging=tuple((str(r.bucket), float(r.overdue)) for r in a.aging.itertuples()),
        top_technique=rank(a)[0].number)


def stored_rows(engine) -> tuple[CoopRow, ...]:
    """Each co-op's latest snapshot in the store as its row (no file read), with the change since its previous
    snapshot where it has one; co-ops by name. A snapshot saved before its headline figures were kept has no
    outstanding or PAR (0)."""
    from . import store

    heads = store.snapshot_heads(engine)
    heads = heads.assign(order=heads.groupby("coop", dropna=False).cumcount(ascending=False))
    chosen = heads[heads["order"] <= 1]
    with engine.connect() as conn:
        sums = store.bucket_sums(conn, [int(i) for i in chosen["snapshot_id"]])
    rows = {int(h.snapshot_id): _stored_row(h, sums[sums["snapshot_id"] == h.snapshot_id])
            for h in chosen.itertuples()}
    latest = chosen[chosen["order"] == 0].sort_values("coop", na_position="last")
    previous = dict(zip(chosen.loc[chosen["order"] == 1, "coop"].fillna(""),
                        chosen.loc[chosen["order"] == 1, "snapshot_id"]))
    return tuple(_with_change(rows[int(h.snapshot_id)], rows.get(int(previous.get(h.coop or "", -1))))
                 for h in latest.itertuples())


def _stored_row(head, sums: pd.DataFrame) -> CoopRow:
    money = {n: 0.0 if pd.isna(getattr(head, n)) else getattr(head, n) / 100 for n in ("outstanding", "at_risk30",
                                                                                         "at_risk90")}
    long_overdue = head.members_long_overdue
    return CoopRow(file=f"snapshot:{head.snapshot_id}", coop=head.coop or "", as_of=head.as_of,
                   as_of_source="snapshot", members=int(sums["members"].sum()),
                   members_overdue=int(sums["members_overdue"].sum()),
                   members_long_overdue=0 if pd.isna(long_overdue) else int(long_overdue),
                   overdue=int(sums["overdue"].sum()) / 100, **money, aging=_stored_aging(sums),
                   top_technique=None if pd.isna(head.top_technique) else int(head.top_technique))


def _stored_aging(sums: pd.DataFrame) -> tuple[tuple[str, float], ...]:
    ordered = sums.sort_values("bucket_rank")
    return tuple((b, o / 100) for b, o in zip(ordered["bucket"], ordered["overdue"]))


def _with_change(row: CoopRow, before: CoopRow | None) -> CoopRow:
    if before is None:
        return row
    return replace(row, change=Change(before.as_of, round(row.overdue - before.overdue, 2),
                                      row.members_overdue - before.members_overdue, row.par30 - before.par30))


def _stem(name: str) -> str:
    return Path(name).stem


def _total(read_rows: list[CoopRow]) -> CoopRow:
    """The province: sums of the read rows, PAR and shares from the summed parts."""
    summed = {k: sum(getattr(r, k) for r in read_rows) for k in (
        "members", "members_overdue", "members_long_overdue", "overdue", "outstanding", "at_risk30", "at_risk90")}
    buckets = [b for b, _ in read_rows[0].aging] if read_rows else []
    aging = tuple((b, sum(dict(r.aging).get(b, 0.0) for r in read_rows)) for b in buckets)
    return CoopRow(file="", coop="", aging=aging, **summed)


def _frame(read_rows: list[CoopRow]) -> pd.DataFrame:
    """The read rows as a table, `label` naming each co-op once ("name (2)" for the second of one name)."""
    table = pd.DataFrame([{"coop": r.coop, "file": r.file, "as_of": r.as_of, "members": r.members,
                           "members_overdue": r.members_overdue, "overdue": r.overdue, "outstanding": r.outstanding,
                           "par30": r.par30, "par90": r.par90, "long_overdue_share": r.long_overdue_share,
                           "top_technique": r.top_technique,
                           "change_since": r.change.since if r.change else None,
                           "overdue_change": r.change.overdue if r.change else None} for r in read_rows],
                         columns=FRAME_COLUMNS)
    seen = table.groupby("coop").cumcount()
    table["label"] = table["coop"].where(seen == 0, table["coop"] + " (" + (seen + 1).astype(str) + ")")
    return table


FRAME_COLUMNS = ["coop", "file", "as_of", "members", "members_overdue", "overdue", "outstanding", "par30", "par90",
                 "long_overdue_share", "top_technique", "change_since", "overdue_change"]


def _aging_frame(read_rows: list[CoopRow], labels: pd.Series) -> pd.DataFrame:
    """Per read co-op (its label) and aging bucket: the overdue and its share of the co-op's overdue."""
    long = pd.DataFrame([{"label": label, "bucket": b, "overdue": v}
                         for label, r in zip(labels, read_rows) for b, v in r.aging],
                        columns=["label", "bucket", "overdue"])
    whole = long.groupby("label")["overdue"].transform("sum")
    long["share"] = (long["overdue"] / whole.where(whole > 0)).fillna(0.0)
    return long
