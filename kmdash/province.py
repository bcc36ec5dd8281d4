"""Many co-ops' ledgers side by side: one small row of figures per file, and the province's total.

Files are read in parallel, one process per core; each worker runs the whole pipeline and hands back only
its row (`CoopRow`), never the loans. Rows come back in the order the files were given.
"""

from __future__ import annotations

import os
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


def coop_row(source: Source, name: str, as_of: date | None = None, settings: Settings = Settings()) -> CoopRow:
    """One ledger's row; `as_of` stands in only where the file's titles give no report date."""
    try:
        reading = read(source)
    except LedgerError as exc:
        return CoopRow(file=name, coop=_stem(name), error=(exc.th, exc.en))
    ledger = reading.ledger
    result = finish(reading, name, None if ledger.title_as_of else as_of, settings)
    a, head = result.analysis, result.analysis.headline
    days = a.loans["days_overdue"]
    return CoopRow(
        file=name, coop=ledger.coop or _stem(name), as_of=result.as_of, as_of_source=result.as_of_source,
        members=head["members"], members_overdue=head["members_overdue"],
        members_long_overdue=head["members_long_overdue"], overdue=head["overdue"],
        outstanding=head["outstanding"] or 0.0,
        at_risk30=_outstanding_where(a.loans, days > 30), at_risk90=_outstanding_where(a.loans, days > 90),
        aging=tuple((str(r.bucket), float(r.overdue)) for r in a.aging.itertuples()),
        top_technique=rank(a)[0].number)


def _outstanding_where(loans, mask) -> float:
    return float(loans.loc[mask, "outstanding"].sum()) if "outstanding" in loans else 0.0


def _stem(name: str) -> str:
    return Path(name).stem


def _row_of_path(args: tuple[str, date | None, Settings]) -> CoopRow:
    path, as_of, settings = args
    return coop_row(path, path, as_of, settings)


def read_all(files: list[str], as_of: date | None = None, settings: Settings = Settings(),
             workers: int | None = None) -> list[CoopRow]:
    """Every file's row, in the order given, read on every core (in this process for one worker)."""
    workers = min(len(files), workers or os.cpu_count() or 1)
    jobs = [(f, as_of, settings) for f in files]
    if workers <= 1:
        return [_row_of_path(job) for job in jobs]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(_row_of_path, job) for job in jobs]
        return [_collected(future, path) for future, path in zip(futures, files)]


def _collected(future, path: str) -> CoopRow:
    """A worker's row; a worker that died (out of memory) is that file's error, not the run's."""
    try:
        return future.result()
    except Exception as exc:  # noqa: BLE001  (BrokenProcessPool and the like)
        error = (f"อ่านไฟล์ไม่สำเร็จ ({type(exc).__name__})", f"could not read the file ({type(exc).__name__})")
        return CoopRow(file=path, coop=_stem(path), error=error)


def total(rows: list[CoopRow]) -> CoopRow:
    """The province: sums of the read rows, PAR and shares from the summed parts."""
    read_rows = [r for r in rows if r.error is None]
    summed = {k: sum(getattr(r, k) for r in read_rows) for k in (
        "members", "members_overdue", "members_long_overdue", "overdue", "outstanding", "at_risk30", "at_risk90")}
    buckets = [b for b, _ in read_rows[0].aging] if read_rows else []
    aging = tuple((b, sum(dict(r.aging).get(b, 0.0) for r in read_rows)) for b in buckets)
    return CoopRow(file="", coop="", aging=aging, **summed)


def as_json(rows: list[CoopRow]) -> dict:
    """`province --json`: {coops: [...], total: {...}}; money in baht to 0.01, shares to 6 decimals."""
    whole = total(rows)
    return {"coops": [_coop_json(r) for r in rows],
            "total": {"coops": sum(r.error is None for r in rows), "errors": sum(r.error is not None for r in rows),
                      **_figures_json(whole)}}


def _coop_json(row: CoopRow) -> dict:
    if row.error is not None:
        return {"file": row.file, "coop": row.coop, "error": " | ".join(row.error)}
    return {"file": row.file, "coop": row.coop, "as_of": row.as_of.isoformat(), "as_of_source": row.as_of_source,
            **_figures_json(row), "top_technique": row.top_technique}


def _figures_json(row: CoopRow) -> dict:
    return {"members": row.members, "members_overdue": row.members_overdue, "overdue": round(row.overdue, 2),
            "outstanding": round(row.outstanding, 2), "par30": round(row.par30, 6), "par90": round(row.par90, 6),
            "long_overdue_share": round(row.long_overdue_share, 6)}


def frame(rows: list[CoopRow]) -> pd.DataFrame:
    """The read rows as a table (the app's table and charts), `label` naming each co-op once."""
    read_rows = [r for r in rows if r.error is None]
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


def aging_frame(rows: list[CoopRow]) -> pd.DataFrame:
    """Per read co-op (its `label`) and aging bucket: the overdue and its share of the co-op's overdue."""
    labels = frame(rows)["label"]
    read_rows = [r for r in rows if r.error is None]
    long = pd.DataFrame([{"label": label, "bucket": b, "overdue": v}
                         for label, r in zip(labels, read_rows) for b, v in r.aging],
                        columns=["label", "bucket", "overdue"])
    whole = long.groupby("label")["overdue"].transform("sum")
    long["share"] = (long["overdue"] / whole.where(whole > 0)).fillna(0.0)
    return long
