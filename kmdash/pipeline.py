"""The one path for a ledger file: source -> read -> as-of date -> analyse -> reconcile -> Result.

The CLI calls `run`; the app calls the two stages (`read`, `finish`) itself so that it can cache each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .analyse import Analysis, analyse
from .errors import LedgerError, file_errors_told
from .read.clean import Ledger, clean_sheet
from .read.combine import combine
from .read.load import RawSheet, Source, iter_sheets, open_file, source_name
from .reconcile import Reconciliation, reconcile, reconcile_sheets
from .settings import Settings


@dataclass(frozen=True)
class Options:
    """What the user chose for one file: sheet, header mapping, as-of date, settings."""

    sheet: str | int | None = None
    user_map: dict[str, str] = field(default_factory=dict)
    as_of: date | None = None
    settings: Settings = Settings()


@dataclass
class Reading:
    """A cleaned sheet, or the sheets of one date read together, and where they came from (the raw rows are
    not kept)."""

    ledger: Ledger
    sheet: str | None  # the (first) sheet read
    sheets: list[str]
    encoding: str | None
    kind: str  # one of read.load.WORKBOOKS (xlsx, xls, xlsb, ods), "xml2003", "html" or "csv"
    sheets_read: list[str] = field(default_factory=list)
    sheets_left: list[tuple[str, str]] = field(default_factory=list)  # (sheet, "hidden" | "other_date" | "no_ledger")
    totals: dict[str, dict[str, float] | None] = field(default_factory=dict)  # each sheet's own grand total


@dataclass
class Result:
    """Everything known about one ledger on one as-of date."""

    file: str
    reading: Reading
    as_of: date
    as_of_source: str  # "title" | "option" | "today"
    analysis: Analysis
    reconciliation: Reconciliation

    @property
    def ledger(self) -> Ledger:
        return self.reading.ledger


def read(source: Source, sheet: str | int | None = None, user_map: dict[str, str] | None = None) -> Reading:
    """Clean the named sheet; when none is named, the visible sheets that hold ledgers of the first one's
    as-of date, together (else the first hidden sheet that holds one).

    Any failure on the way is a LedgerError: a file nobody foresaw still gets a message, not a traceback.
    """
    with file_errors_told():
        source = open_file(source, sheet)
        if sheet is not None:
            return _first_ledger(source, sheet, user_map)
        return _same_date_ledgers(source, user_map)


def _first_ledger(source, sheet, user_map, hidden: bool | None = None) -> Reading:
    first_error = None
    for raw in iter_sheets(source, sheet, hidden):
        try:
            return _one(raw, clean_sheet(raw, user_map))
        except LedgerError as exc:
            if sheet is not None:
                raise
            first_error = first_error or exc
    raise first_error or _no_data()


def _no_data() -> LedgerError:
    return LedgerError.of("no_data")


def _one(raw: RawSheet, ledger: Ledger) -> Reading:
    return Reading(ledger, raw.sheet, raw.sheets, raw.encoding, raw.kind, sheets_read=[raw.sheet] if raw.sheet else [])


def _same_date_ledgers(source, user_map) -> Reading:
    """The visible sheets holding ledgers of the first one's as-of date, combined; where none holds one, the
    first hidden sheet that does (else the first sheet's error)."""
    parts: dict[str, Ledger] = {}
    left, first_raw, first_error, hidden = [], None, None, []
    for raw in iter_sheets(source, None, hidden=False):
        hidden = raw.hidden
        try:
            ledger = clean_sheet(raw, user_map)
        except LedgerError as exc:
            first_error = first_error or exc
            left.append((raw.sheet, "no_ledger"))
            continue
        if parts and ledger.title_as_of != next(iter(parts.values())).title_as_of:
            left.append((raw.sheet, "other_date"))
            continue
        parts[raw.sheet], first_raw = ledger, first_raw or raw
    if not parts:
        return _hidden_ledger(source, user_map, first_error)
    left += [(h, "hidden") for h in hidden]
    reading = _one(first_raw, parts[first_raw.sheet] if len(parts) == 1 else combine(parts))
    reading.sheets_read, reading.sheets_left = [name for name in parts if name], left
    reading.totals = {name: ledger.grand_total for name, ledger in parts.items()} if len(parts) > 1 else {}
    return reading


def _hidden_ledger(source, user_map, visible_error: LedgerError | None) -> Reading:
    """The first hidden sheet holding a ledger (also where no sheet is visible); the first visible sheet's
    error where none does."""
    try:
        return _first_ledger(source, None, user_map, hidden=True)
    except LedgerError as exc:
        raise visible_error or exc


def resolve_as_of(title: date | None, option: date | None, today: date | None = None) -> tuple[date, str]:
    """The option wins over the title's date, which wins over today."""
    if option is not None:
        return option, "option"
    if title is not None:
        return title, "title"
    return today or date.today(), "today"


def finish(reading: Reading, file: str, as_of: date | None = None, settings: Settings = Settings(),
           today: date | None = None) -> Result:
    """The as-of date, the analysis and the reconciliation of a reading."""
    ledger = reading.ledger
    when, source_of_date = resolve_as_of(ledger.title_as_of, as_of, today)
    reconciliation = (reconcile_sheets(ledger.loans, reading.totals) if reading.totals
                      else reconcile(ledger.loans, ledger.grand_total))
    return Result(file=file, reading=reading, as_of=when, as_of_source=source_of_date,
                  analysis=analyse(ledger.loans, when, settings), reconciliation=reconciliation)


def run(source: Source, options: Options = Options(), name: str | None = None) -> Result:
    """Read, analyse and reconcile one ledger file."""
    reading = read(source, options.sheet, options.user_map)
    file = name or source_name(source) or "upload"
    return finish(reading, file, options.as_of, options.settings)
