"""Many co-ops' ledgers side by side: one small row of figures per file, and the province's total.

`survey` is the one path the command line and the app take. The command line reads the files in parallel, one
process per core; each worker runs the whole pipeline and hands back only its row (`CoopRow`), never the
loans. Rows come back in the order the files were given.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
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
           workers: int | None = None, reader: Reader | None = None) -> Province:
    """The province of these (name, source) files; `as_of` stands in for the files without a report date. Read
    on every core (`workers` processes), or one after another by `reader` (the app's cached `coop_row`: a
    process pool does not sit well inside Streamlit's server)."""
    jobs = [(source, name, as_of, settings) for name, source in files]
    rows = tuple(reader(*job) for job in jobs) if reader else _read_all(jobs, workers)
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
                           "top_technique": r.top_technique} for r in read_rows],
                         columns=FRAME_COLUMNS)
    seen = table.groupby("coop").cumcount()
    table["label"] = table["coop"].where(seen == 0, table["coop"] + " (" + (seen + 1).astype(str) + ")")
    return table


FRAME_COLUMNS = ["coop", "file", "as_of", "members", "members_overdue", "overdue", "outstanding", "par30", "par90",
                 "long_overdue_share", "top_technique"]


def _aging_frame(read_rows: list[CoopRow], labels: pd.Series) -> pd.DataFrame:
    """Per read co-op (its label) and aging bucket: the overdue and its share of the co-op's overdue."""
    long = pd.DataFrame([{"label": label, "bucket": b, "overdue": v}
                         for label, r in zip(labels, read_rows) for b, v in r.aging],
                        columns=["label", "bucket", "overdue"])
    whole = long.groupby("label")["overdue"].transform("sum")
    long["share"] = (long["overdue"] / whole.where(whole > 0)).fillna(0.0)
    return long
