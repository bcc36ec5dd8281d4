"""The whole path for one file: load -> clean -> as-of date -> analyse -> reconcile."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .analyse import Analysis, analyse
from .clean import Ledger, clean_sheet
from .errors import LedgerError
from .load import RawSheet, iter_sheets
from .reconcile import Reconciliation, reconcile
from .settings import Settings


@dataclass
class Result:
    file: str
    sheet: RawSheet
    ledger: Ledger
    as_of: date
    as_of_source: str  # "title" | "option" | "today"
    analysis: Analysis
    reconciliation: Reconciliation


def read_ledger(source: bytes | str | Path, sheet: str | int | None = None,
                user_map: dict[str, str] | None = None) -> tuple[RawSheet, Ledger]:
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


def _first_ledger(source, sheet, user_map) -> tuple[RawSheet, Ledger]:
    first_error = None
    for raw in iter_sheets(source, sheet):
        try:
            return raw, clean_sheet(raw, user_map)
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


def run(source: bytes | str | Path, *, name: str | None = None, sheet: str | int | None = None,
        user_map: dict[str, str] | None = None, as_of: date | None = None,
        settings: Settings = Settings()) -> Result:
    """Read, analyse and reconcile one ledger file."""
    raw, ledger = read_ledger(source, sheet, user_map)
    when, source_of_date = resolve_as_of(ledger.title_as_of, as_of)
    return Result(
        file=name or (str(source) if not isinstance(source, (bytes, bytearray)) else "upload"),
        sheet=raw, ledger=ledger, as_of=when, as_of_source=source_of_date,
        analysis=analyse(ledger.loans, when, settings),
        reconciliation=reconcile(ledger.loans, ledger.grand_total))
