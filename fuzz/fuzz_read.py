"""Coverage-guided fuzzing (atheris) of the one read path the CLI and the app share: bytes ->
kmdash.pipeline.read -> kmdash.pipeline.finish -> the summary's figures (kmdash.report.summary.summarise).

    python fuzz/fuzz_read.py FORMAT [libFuzzer options] CORPUS... (FORMAT: one of FORMATS; `make fuzz` runs each)

The format names the seed corpus the run starts from; the zip formats also take their "unzipped form" (see
fuzz/archive.py). A LedgerError is a proper answer. Any other exception, and a LedgerError coded "file_failed" (the
catch-all for an exception nobody foresaw), is a finding: the input is saved under fuzz/crashes/FORMAT/ with
its traceback, once per place it was raised, and the run goes on. FUZZ_RAISE=1 raises it instead, for
libFuzzer's -minimize_crash. Only kmdash is instrumented, not pandas or numpy: not ours, and slow to trace.

`finish` costs some 50 ms of pandas work whatever the ledger's size, ten times a read that fails; it runs on
each reading of a kind not seen before in the run (`kind_of`: columns, types, blanks, signs and sizes of
amounts, years of dates), and on every reading with FUZZ_FINISH=all.
"""

from __future__ import annotations

import hashlib
import os
import sys
import traceback
from datetime import date
from pathlib import Path

import atheris
import numpy as np
import pandas as pd
from archive import FORMATS, ZIPPED, zipped

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CRASHES = ROOT / "fuzz" / "crashes"
TODAY = date(2024, 3, 31)  # a fixed "today" for ledgers without an as-of date: every run alike

with atheris.instrument_imports(include=["kmdash"]):
    from kmdash import pipeline
    from kmdash.errors import LedgerError
    from kmdash.report.summary import summarise


def kind_of(reading) -> tuple:
    """What about a reading can change how `finish` goes: its columns and their types, blanks, signs and sizes of
    amounts, years of dates, how many loans (by powers of two), the as-of date's year, the totals it has."""
    ledger = reading.ledger
    columns = tuple((name, str(column.dtype), _values_kind(column.to_numpy())) for name, column in ledger.loans.items())
    as_of = ledger.title_as_of.year if ledger.title_as_of else None
    totals = tuple(sorted(ledger.grand_total or {})), tuple(sorted(reading.totals))
    return len(ledger.loans).bit_length(), columns, as_of, totals, bool(ledger.keyed_by_name)


def _values_kind(values: np.ndarray) -> tuple:
    if values.dtype.kind in "iuf":
        finite = values[np.isfinite(values)] if values.dtype.kind == "f" else values
        top = float(np.abs(finite).max()) if finite.size else 0.0
        return (finite.size < values.size, bool((finite < 0).any()), bool((finite == 0).any()),
                len(str(int(top))) if top < 1e300 else "huge")
    if values.dtype.kind == "M":
        years = values[~np.isnat(values)].astype("datetime64[Y]").astype(int) + 1970
        return years.size < values.size, (int(years.min()) // 10, int(years.max()) // 10) if years.size else None
    blank = bool(pd.isna(values).any()) or any(isinstance(v, str) and not v for v in values)
    return blank, len(set(map(str, values))) == len(values)


class Target:
    """One format's run: reads each input, finishes the readings of new kinds, records each finding once."""

    def __init__(self, fmt: str):
        self.fmt = fmt
        self.zipped = fmt in ZIPPED
        self.finish_all = os.environ.get("FUZZ_FINISH") == "all"
        self.raise_findings = os.environ.get("FUZZ_RAISE") == "1"
        self.kinds: set[tuple] = set()
        self.places: set[str] = set()

    def __call__(self, data: bytes) -> None:
        try:
            self.one(zipped(data) if self.zipped else data)
        except BaseException as exc:  # a Rust panic (pyo3's PanicException) is no Exception, yet a finding
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            self.found(data, exc)

    def one(self, data: bytes) -> None:
        try:
            reading = pipeline.read(data)
        except LedgerError as exc:
            if exc.code == "file_failed":
                raise
            return
        kind = kind_of(reading)
        if self.finish_all or kind not in self.kinds:
            self.kinds.add(kind)
            summarise(pipeline.finish(reading, "fuzz", today=TODAY))

    def found(self, data: bytes, exc: BaseException) -> None:
        """Save the input and its traceback, once per place the exception was raised; raise under FUZZ_RAISE."""
        if self.raise_findings:
            raise exc
        cause = exc.__cause__ if isinstance(exc, LedgerError) and exc.__cause__ else exc
        frames = traceback.extract_tb(cause.__traceback__)
        ours = [f for f in frames if "kmdash" in f.filename] or frames
        place = f"{type(cause).__name__} at {ours[-1].filename}:{ours[-1].lineno}" if ours else type(cause).__name__
        if place in self.places:
            return
        self.places.add(place)
        folder = CRASHES / self.fmt
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{type(cause).__name__}-{hashlib.sha1(place.encode()).hexdigest()[:10]}"
        (folder / name).write_bytes(data)
        told = "".join(traceback.format_exception(exc))
        (folder / f"{name}.txt").write_text(f"{place}\n\n{told}", encoding="utf-8")
        print(f"FINDING {self.fmt}: {place} -> {folder / name}", file=sys.stderr, flush=True)


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[1] not in FORMATS:
        sys.exit(f"usage: {argv[0]} {{{','.join(FORMATS)}}} [libFuzzer options] CORPUS...")
    target = Target(argv[1])
    atheris.Setup([argv[0], *argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
