"""The record of what was done for each debtor (KM steps 6-8): actions, each {member, date, kind, technique,
amount, promised_date, by, note}. Pure: the kinds, checking rows typed by people (on a page, in the plan
workbook's `actions` sheet, in a CSV or in T3's weekly report) and reading such a file. The store keeps them
(`record`); the follow-up judges recovery by them (`followup_actions`).

A frame of actions (`COLUMNS`): member (text), date (datetime.date), kind (a code of KINDS), technique (a
registered technique's number, or 0 when none was named), amount (integer satang, 0 when none),
promised_date (a date or None), by, note (text).

The forms staff fill come with rows ready: a member, a technique and a person already typed (T3's weekly
report, the plan workbook). Such a row with nothing else is no action and is skipped as a blank row is
(`PREFILLED`); a row with any of the rest is an action and is checked whole.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from .errors import LedgerError, errors_told
from .i18n import t
from .read.dates import parse_date_text
from .read.money import money_text
from .techniques.registry import by_number, techniques

KINDS = ("letter_sent", "guarantor_notified", "leader_visit", "contact", "promise", "pool_repaid", "agreement",
         "legal_referred", "other")
PROMISE, POOL_REPAID = "promise", "pool_repaid"
FIELDS = ("member", "date", "kind", "technique", "amount", "promised_date", "by", "note")
COLUMNS = list(FIELDS)
HEADER_KEYS = {"member": "col_member", "date": "col_action_date", "kind": "col_action_kind",
               "technique": "col_action_technique", "amount": "col_action_amount",
               "promised_date": "col_promised_date", "by": "col_action_by", "note": "col_action_note"}
SHEET = "xl_actions"  # the plan workbook's sheet of actions (catalogue key of its name)
MAX_BAHT = 10**12  # an amount beyond is a slip ("1e20"), and would overflow the satang's 64-bit sums
PREFILLED = ("member", "technique", "by")  # what a form types ahead: with nothing else, no action


def header(field: str, lang: str = "th") -> str:
    return t(HEADER_KEYS[field], lang)


def kind_word(kind: str, lang: str = "th") -> str:
    return t(f"action_{kind}", lang)


def technique_word(number: int, lang: str = "th") -> str:
    """"1 ร่อนตะแกรง" for 1; "" for 0 (none named)."""
    if not number:
        return ""
    return f"{number} {by_number(int(number)).card.short[0 if lang == 'th' else 1]}"


def empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in COLUMNS}).astype(
        {"technique": "int64", "amount": "int64"})


def checked(rows: Iterable[Mapping], first_row: int = 1, sheet: str | None = None) -> pd.DataFrame:
    """Rows as people typed them (any of FIELDS; text, numbers or dates; kinds and techniques as codes or as
    words in either language; dates BE or CE; amounts as the reader takes them) -> a frame of actions. A row
    with nothing but PREFILLED fields is skipped as a blank one. The first bad row is a LedgerError naming its
    row (`first_row` numbers the first) and its `sheet` when given; nothing is half-read."""
    out = []
    for number, row in enumerate(rows, start=first_row):
        if all(_blank(row.get(f)) for f in FIELDS if f not in PREFILLED):
            continue
        try:
            out.append(_one(row))
        except _Bad as bad:
            raise LedgerError.of("action_bad_row", row=_row_named(number, sheet),
                                 field=lambda lang: header(bad.field, lang),
                                 value=bad.value, why=lambda lang: t(bad.why, lang, **bad.values)) from None
    return pd.DataFrame(out, columns=COLUMNS).astype({"technique": "int64", "amount": "int64"}) if out else empty()


def _row_named(number: int, sheet: str | None):
    """A row's number, with its sheet's name in a workbook ("5 ในแผ่นงาน สมชาย")."""
    return number if sheet is None else (lambda lang: t("action_sheet_row", lang, row=number, sheet=sheet))


class _Bad(Exception):
    def __init__(self, field: str, value, why: str, **values):
        super().__init__(why)
        self.field, self.value, self.why, self.values = field, "" if _blank(value) else str(value), why, values


def _one(row: Mapping) -> dict:
    member = _text(row.get("member"))
    if not member:
        raise _Bad("member", "", "action_why_member")
    done = _date(row, "date", required=True)
    kind = kind_of(row.get("kind"))
    technique = technique_of(row.get("technique"))
    amount = _amount(row.get("amount"), required=kind == PROMISE)
    return {"member": member, "date": done, "kind": kind, "technique": technique, "amount": amount,
            "promised_date": _date(row, "promised_date", required=kind == PROMISE),
            "by": _text(row.get("by")), "note": _text(row.get("note"))}


def kind_of(value) -> str:
    """A kind's code from its code or its word in either language (case and spaces aside)."""
    kind = _kinds().get(_text(value).casefold())
    if kind is None:
        raise _Bad("kind", value, "action_why_kind", kinds=", ".join(KINDS))
    return kind


@cache
def _kinds() -> dict[str, str]:
    words = {" ".join(kind_word(k, lang).split()).casefold(): k for k in KINDS for lang in ("th", "en")}
    return words | {k: k for k in KINDS}


def technique_of(value) -> int:
    """A registered technique's number from "3", "3 มอบหมาย", its key or its name in either language; blank or
    "0" (as a frame writes none) -> 0."""
    text = " ".join(_text(value).split()).casefold()
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if text in ("", "0"):
        return 0
    for technique in techniques():
        card = technique.card
        names = {str(card.number), card.key, *card.name, *card.short,
                 *(f"{card.number} {short}" for short in card.short)}
        if text in {" ".join(n.split()).casefold() for n in names} or text.split(" ", 1)[0] == str(card.number):
            return card.number
    raise _Bad("technique", value, "action_why_technique",
               numbers=", ".join(str(x.card.number) for x in techniques()))


def technique_number(value) -> int:
    """A technique's number as `technique_of` reads it; 0 for blank or unknown (a plan's free text)."""
    try:
        return technique_of(value)
    except _Bad:
        return 0


def _date(row: Mapping, field: str, required: bool) -> date | None:
    value = row.get(field)
    if _blank(value):
        if required:
            raise _Bad(field, value, "action_why_needed")
        return None
    if isinstance(value, datetime):  # an Excel date cell (pandas' Timestamp too): the day, never a time
        return value.date()
    if isinstance(value, date):
        return value
    found = _parsed(str(value).strip())
    if found is None:
        raise _Bad(field, value, "action_why_date")
    return found


@lru_cache(maxsize=4096)
def _parsed(text: str) -> date | None:
    """A file repeats its few dates: each distinct text parsed once."""
    return parse_date_text(text)


def _amount(value, required: bool) -> int:
    if _blank(value):
        if required:
            raise _Bad("amount", value, "action_why_needed")
        return 0
    baht = float(value) if isinstance(value, (int, float)) else money_text(str(value).strip())
    if baht is None or not 0 <= baht < MAX_BAHT or (required and baht == 0):  # NaN and infinity fail too
        raise _Bad("amount", value, "action_why_amount")
    return int(round(baht * 100))


def _text(value) -> str:
    return "" if _blank(value) else " ".join(str(value).split())


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value).strip() == ""


# ---------------------------------------------------------------- files staff fill in


def read_actions(source: bytes | str | Path, name: str = "actions") -> pd.DataFrame:
    """Actions from a CSV (UTF-8 or cp874) or a workbook, headers in Thai or English. A workbook's actions
    sheet when it has one (the plan workbook's); else every table with the action headers in any of its sheets
    (T3's weekly report: a contacts table on each person's sheet, beside their debtors), in sheet order. One
    bad row refuses the file, naming its row (and sheet)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    found = []
    for frame, first_row, sheet in _tables(data, name):
        keys = _keys(frame.columns)
        rows = frame.rename(columns=keys)[list(dict.fromkeys(keys.values()))].to_dict("records")
        found.append(checked(rows, first_row, sheet))
    if not found:
        raise LedgerError.of("actions_unreadable", file=name,
                             headers=", ".join(header(f, "th") for f in ("member", "date", "kind")))
    filled = [frame for frame in found if len(frame)]
    return pd.concat(filled, ignore_index=True) if filled else empty()


def _keys(headers) -> dict[str, str]:
    known = {" ".join(header(f, lang).split()).casefold(): f for f in FIELDS for lang in ("th", "en")}
    known |= {f: f for f in FIELDS}
    found = {}
    for h in headers:
        key = known.get(" ".join(str(h).split()).casefold())
        if key and key not in found.values():
            found[h] = key
    return found


def _is_actions(headers) -> bool:
    return {"member", "date", "kind"} <= set(_keys(headers).values())


def _tables(data: bytes, name: str) -> list[tuple[pd.DataFrame, int, str | None]]:
    """The file's tables of actions, each with the file row number of its first data row and its sheet (None
    for a CSV, whose header is its first row). Whatever fails is told: the file, not our state, is at fault."""
    from .read.workbook import sheet_frames

    def unreadable(exc: BaseException) -> LedgerError:
        return LedgerError.of("actions_unreadable_file", file=name, reason=exc)

    with errors_told(unreadable):
        if data.startswith(b"PK"):
            sheets = sheet_frames(data, unreadable, header=None, dtype=object)
            tables = {title: _under_header(raw) for title, raw in sheets.items()}
            own = [title for title in tables if title in {t(SHEET, "th"), t(SHEET, "en")} and tables[title]]
            return [(frame, first_row, title) for title in (own or tables) for frame, first_row in tables[title]]
        frame = _csv(data)
        return [(frame, 2, None)] if _is_actions(frame.columns) else []


def _under_header(raw: pd.DataFrame, look: int = 5) -> list[tuple[pd.DataFrame, int]]:
    """The tables of actions under the first of a sheet's first `look` rows that heads any (a title may stand
    above), with the sheet row of their first data row. Tables side by side are runs of headed columns between
    empty ones; a table whose headers leave a column empty is taken whole."""
    for r in range(min(look, len(raw))):
        cells = ["" if _blank(v) else str(v) for v in raw.iloc[r]]
        runs = [run for run in _runs(cells) if _is_actions(cells[run])] or \
            ([slice(0, len(cells))] if _is_actions(cells) else [])
        if runs:
            body = raw.iloc[r + 1:].reset_index(drop=True)
            body.columns = [c if c else f"_{i}" for i, c in enumerate(cells)]
            return [(body.iloc[:, run], r + 2) for run in runs]
    return []


def _runs(cells: list[str]) -> list[slice]:
    """The runs of non-empty cells: slice(start, stop) each."""
    runs, start = [], None
    for i, cell in enumerate([*cells, ""]):
        if cell and start is None:
            start = i
        elif not cell and start is not None:
            runs.append(slice(start, i))
            start = None
    return runs


def _csv(data: bytes) -> pd.DataFrame:
    for encoding in ("utf-8-sig", "cp874"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    raise LedgerError.of("actions_encoding")


def as_rows(actions: pd.DataFrame, lang: str = "th") -> pd.DataFrame:
    """Actions as people read and type them: headers, kinds and techniques in `lang`, dates BE in Thai,
    amounts in baht (blank where none)."""
    from .words import date_entry

    def when(value) -> str:
        return "" if value is None or value != value else date_entry(value, lang)

    out = pd.DataFrame({
        "member": actions["member"], "date": actions["date"].map(when),
        "kind": actions["kind"].map(lambda k: kind_word(k, lang)),
        "technique": actions["technique"].map(lambda n: technique_word(n, lang)),
        "amount": actions["amount"].map(lambda s: f"{s / 100:.2f}" if s else ""),
        "promised_date": actions["promised_date"].map(when), "by": actions["by"], "note": actions["note"]})
    return out.rename(columns={f: header(f, lang) for f in FIELDS})
