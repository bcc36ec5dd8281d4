"""The one path for a ledger file: source -> read -> as-of date -> analyse -> reconcile -> Result.

The CLI calls `run`; the app calls the two stages (`read`, `finish`) itself so that it can cache each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .analyse import Analysis, analyse
from .errors import LedgerError
from .read.clean import Ledger, clean_sheet
from .read.load import iter_sheets
from .reconcile import Reconciliation, reconcile
from .settings import Settings

Source = bytes | str | Path


@dataclass(frozen=True)
class Options:
    """What the user chose for one file: sheet, header mapping, as-of date, settings."""

    sheet: str | int | None = None
    user_map: dict[str, str] = field(default_factory=dict)
    as_of: date | None = None
    settings: Settings = Settings()


@dataclass
class Reading:
    """A cleaned sheet and where it came from (the raw rows are not kept)."""

    ledger: Ledger
    sheet: str | None
    sheets: list[str]
    encoding: str | None
    kind: str  # "xlsx", "xls", "xml2003", "html" or "csv"


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
    """Clean the named sheet, or the first sheet that holds a ledger when none is named.

    Any failure on the way is a LedgerError: a file nobody foresaw still gets a message, not a traceback.
    """
    try:
        return _first_ledger(source, sheet, user_map)
    except LedgerError:
        raise
    except Exception as exc:  # noqa: BLE001  (the user's file, not our state, is what went wrong)
        raise LedgerError(
            f"อ่านไฟล์นี้ไม่สำเร็จ ({type(exc).__name__}: {exc}) เปิดใน Excel แล้วบันทึกเป็น .xlsx ใหม่ "
            "หากยังไม่ได้ โปรดส่งไฟล์ให้ผู้ดูแลระบบ",
            f"could not read this file ({type(exc).__name__}: {exc}); open it in Excel and save it as .xlsx "
            "again, and if that fails send the file to the maintainers") from exc


def _first_ledger(source, sheet, user_map) -> Reading:
    first_error = None
    for raw in iter_sheets(source, sheet):
        try:
            return Reading(clean_sheet(raw, user_map), raw.sheet, raw.sheets, raw.encoding, raw.kind)
        except LedgerError as exc:
            if sheet is not None:
                raise
            first_error = first_error or exc
    raise first_error or LedgerError("ไม่พบข้อมูลในไฟล์", "no data found in the file")


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
    return Result(file=file, reading=reading, as_of=when, as_of_source=source_of_date,
                  analysis=analyse(ledger.loans, when, settings),
                  reconciliation=reconcile(ledger.loans, ledger.grand_total))


def run(source: Source, options: Options = Options(), name: str | None = None) -> Result:
    """Read, analyse and reconcile one ledger file."""
    reading = read(source, options.sheet, options.user_map)
    file = name or (str(source) if not isinstance(source, (bytes, bytearray)) else "upload")
    return finish(reading, file, options.as_of, options.settings)
