"""The collection plan: one row per overdue member, what applies to them, and empty columns for the tools
and the staff who follow up; as CSV (Thai Excel opens it) or as an xlsx workbook.

An export says what it holds: real names and member numbers, or the aliases privacy shows (`mask_plan`).
"""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path
from typing import Sequence

import numpy as np
import pandas as pd

from ..display import bucket, date_entry, day
from ..errors import LedgerError
from ..i18n import t
from ..pipeline import Result
from ..privacy import mask
from ..techniques import CARDS, applying
from . import xlsx
from .escape import neutralise_column

FIGURES = ("member", "name", "group", "days", "bucket", "overdue", "interest", "techniques")
TO_FILL = ("grade", "tier", "deadline", "group_leader", "assignee", "pool_cycle", "status", "notes")  # by the tools and staff
COLUMNS = FIGURES + TO_FILL
MONEY = frozenset({"overdue", "interest"})
NUMBERS = MONEY | {"days"}
CSV_MIME, XLSX_MIME = "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def plan_table(result: Result, lang: str = "th", filled: Sequence[pd.DataFrame] = ()) -> pd.DataFrame:
    """The plan (columns COLUMNS), largest overdue first. `filled`: what the tools prepared, each a frame
    indexed by member number with some of the TO_FILL columns (the techniques' `plan_columns`); the rest
    stays empty for the staff."""
    analysis = result.analysis
    overdue = analysis.members["days"] > 0
    members = analysis.members[overdue]
    interest = members["interest_arrears"] if "interest_arrears" in members else pd.Series(0.0, index=members.index)
    table = pd.DataFrame({
        "member": members["member_no"].astype(str),
        "name": members["name"].astype(str),
        "group": members["group"].astype(str),
        "days": members["days"].astype(int),
        "bucket": members["bucket"].cat.rename_categories(lambda b: bucket(b, lang)).astype(str),
        "overdue": members["overdue"].round(2),
        "interest": interest.round(2),
        "techniques": technique_names(applying(analysis)[overdue], lang),
    })
    for column in TO_FILL:
        table[column] = _filled(table["member"], filled, column, lang)
    return table.reset_index(drop=True)


def tool_columns(result: Result, lang: str = "th", staff: str | None = None,
                 pool_satang: int | None = None) -> list[pd.DataFrame]:
    """What the tools fill in the plan: every member's grade (technique 5, the default rules), and with
    people the assignee (technique 3, balanced by amount), and with a pool the pool cycles (technique 4:
    members cleared that way are `refinanced`)."""
    from ..techniques import assign, grades, pool

    analysis = result.analysis
    frames = [grades.plan_columns(grades.grade_members(analysis, analysis.settings.grading), lang)]
    if staff:
        frames.append(assign.plan_columns(assign.assign(analysis.members, assign.staff_names(staff))))
    if pool_satang:
        frames.append(pool.plan_columns(pool.schedule(pool.debts(analysis, None), pool_satang)))
    return frames


def technique_names(flags: pd.DataFrame, lang: str = "th") -> pd.Series:
    """"1 ร่อนตะแกรง, 3 มอบหมาย" per row of `applying()` flags: each pattern of flags is named once."""
    numbers = list(flags.columns)
    patterns = np.zeros(len(flags), dtype=np.int64)
    for bit, number in enumerate(numbers):
        patterns |= flags[number].to_numpy(dtype=np.int64) << bit
    names = {p: ", ".join(_short(n, lang) for bit, n in enumerate(numbers) if p >> bit & 1)
             for p in np.unique(patterns).tolist()}
    return pd.Series(patterns, index=flags.index).map(names).astype(str)


def _short(number: int, lang: str) -> str:
    card = CARDS[number - 1]
    return f"{number} {card.short[0 if lang == 'th' else 1]}"


def _filled(member_nos: pd.Series, filled: Sequence[pd.DataFrame], column: str, lang: str) -> pd.Series:
    """One TO_FILL column from the tools' frames that have it (the later wins), as text (dates as Thai
    staff write them); else empty."""
    out = pd.Series("", index=member_nos.index, dtype=object)
    for frame in filled:
        if column in frame:
            texts = frame[column].map(lambda v: date_entry(v, lang) if isinstance(v, date) else str(v))
            values = member_nos.map(texts)
            out = out.where(values.isna(), values)
    return out.astype(str)


def mask_plan(table: pd.DataFrame, alias: dict[str, str], lang: str = "th") -> pd.DataFrame:
    """The plan with member numbers and names replaced by the aliases privacy shows."""
    return mask(table.rename(columns={"member": "member_no"}), alias, lang).rename(columns={"member_no": "member"})


def headers(columns, masked: bool, lang: str = "th") -> list[str]:
    """Column headers; a masked plan says so in its member and name headers."""
    special = {"member": "col_member_alias", "name": "col_name_masked"} if masked else {}
    return [t(special.get(c, f"col_{c}"), lang) for c in columns]


def contents(masked: bool, lang: str = "th") -> str:
    return t("plan_masked" if masked else "plan_real", lang)


def file_name(masked: bool, suffix: str) -> str:
    """"plan.xlsx", or "plan_masked.csv" for a masked copy."""
    return f"plan{'_masked' if masked else ''}.{suffix}"


def plan_csv(table: pd.DataFrame, masked: bool, lang: str = "th") -> bytes:
    """UTF-8 with BOM (Thai Excel reads it as UTF-8), Excel's CRLF lines, money to the satang; no text cell
    can start a formula."""
    _check(table, masked)
    texts = [c for c in table.columns if c not in NUMBERS]
    safe = table.assign(**{c: neutralise_column(table[c]) for c in texts})
    safe.columns = headers(table.columns, masked, lang)
    return safe.to_csv(index=False, lineterminator="\r\n", float_format="%.2f").encode("utf-8-sig")


def plan_xlsx(table: pd.DataFrame, result: Result, masked: bool, lang: str = "th") -> bytes:
    """An about sheet (co-op, as-of date, when made, real or masked), the plan, then one sheet per technique
    with its members and the columns its tool fills. `table` is plan_table(result) or some of its rows (by
    their index), masked or not."""
    _check(table, masked)
    analysis = result.analysis
    flags = applying(analysis)[analysis.members["days"] > 0].reset_index(drop=True).loc[table.index]
    sheets = [_about(result, len(table), flags.sum(), masked, lang),
              xlsx.Sheet(t("sheet_plan", lang), table, headers(table.columns, masked, lang), MONEY)]
    for card in CARDS:
        columns = ["member", "name", "group", "days", "overdue", "interest", *card.plan_columns, "status", "notes"]
        members = table.loc[flags[card.number].to_numpy(), columns]
        sheets.append(xlsx.Sheet(_short(card.number, lang)[:31], members, headers(columns, masked, lang), MONEY))
    return xlsx.workbook(sheets)


def _about(result: Result, members: int, per_technique: pd.Series, masked: bool, lang: str) -> xlsx.Sheet:
    now = datetime.now()
    rows = [(t("about_coop", lang), result.ledger.coop or ""),
            (t("file", lang), Path(result.file).name),
            (t("as_of_input", lang), day(result.as_of, lang)),
            (t("about_generated", lang), f"{day(now.date(), lang)} {now:%H:%M}"),
            (t("about_contents", lang), contents(masked, lang)),
            (t("about_members", lang), f"{members:,}")]
    rows += [(_short(card.number, lang), t("about_technique", lang, members=int(per_technique[card.number]),
                                           needs=", ".join(headers(card.plan_columns, masked, lang))))
             for card in CARDS]
    frame = pd.DataFrame(rows, columns=["item", "detail"])
    return xlsx.Sheet(t("sheet_about", lang), frame, [t("about_item", lang), t("about_detail", lang)])


def _check(table: pd.DataFrame, masked: bool) -> None:
    """A plan labelled masked must be masked (mask_plan gives each member their alias as number and name)."""
    if masked and not table["member"].equals(table["name"]):
        raise ValueError("a plan labelled masked still has names: mask it with mask_plan first")


def read_plan(source: bytes | str | Path, name: str = "plan") -> pd.DataFrame:
    """A plan exported by kmdash (CSV or xlsx, Thai or English headers, cells as staff filled them) read
    back with its column keys. A masked plan cannot be followed up: its aliases match nobody."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    frames = [_csv_frame(data)] if not data.startswith(b"PK") else _xlsx_frames(data)
    for frame in frames:
        keys = {h: k for h in frame.columns if (k := _HEADER_KEYS.get(str(h).strip()))}
        if "masked" in keys.values():
            raise LedgerError(t("plan_masked_back", "th", file=name), t("plan_masked_back", "en", file=name))
        if {"member", "overdue"} <= set(keys.values()):
            return _plan_frame(frame.rename(columns=keys))
    raise LedgerError(t("plan_unreadable", "th", file=name), t("plan_unreadable", "en", file=name))


_HEADER_KEYS = {t(f"col_{c}", lang): c for c in COLUMNS for lang in ("th", "en")} | {c: c for c in COLUMNS} | {
    t(key, lang): "masked" for key in ("col_member_alias", "col_name_masked") for lang in ("th", "en")}


def _csv_frame(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _xlsx_frames(data: bytes) -> list[pd.DataFrame]:
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=str, engine="calamine")
    return [frame.fillna("") for frame in sheets.values()]


def _plan_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """COLUMNS in order (a missing one empty), text without the CSV's formula guard, money as numbers."""
    out = pd.DataFrame({c: frame.get(c, "") for c in COLUMNS}).astype(str)
    texts = [c for c in COLUMNS if c not in NUMBERS]
    out[texts] = out[texts].apply(lambda s: s.str.replace(r"^'(?=[=+\-@\t\r\n])", "", regex=True))
    for column in NUMBERS:
        out[column] = pd.to_numeric(out[column].str.replace(",", ""), errors="coerce").fillna(0)
    return out[out["member"].str.strip() != ""].reset_index(drop=True)
