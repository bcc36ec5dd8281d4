"""Figures as readers expect them, per language: baht, percents, counts, dates (BE in Thai), bucket names."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from .i18n import CATALOGUE, t
from .read.account import LABELLED, RowNote
from .read.dates import BE_OFFSET, THAI_MONTHS_SHORT
from .techniques.base import Evidence


def money(value: float | None, lang: str = "th") -> str:
    """Baht to the satang: "1,234.50 บาท" in Thai, "฿1,234.50" in English."""
    if value is None:
        return "-"
    return f"{value:,.2f} บาท" if lang == "th" else f"฿{value:,.2f}"


def baht(value: float | None) -> str:
    """Baht to the satang without a unit: "1,234.50"."""
    return "-" if value is None else f"{value:,.2f}"


def percent(value: float | None) -> str:
    """A share as a percent with one decimal: 0.1555 -> "15.6%"."""
    return "-" if value is None else f"{value * 100:.1f}%"


def count(value: int) -> str:
    return f"{value:,}"


def day(value, lang: str = "th") -> str:
    """A date as Thai readers expect (BE, Thai month) or as English readers do."""
    if value is None or value != value:
        return "-"
    if lang == "th":
        return f"{value.day} {THAI_MONTHS_SHORT[value.month - 1]} {value.year + BE_OFFSET}"
    return value.strftime("%d %b %Y")


def bucket(label: str, lang: str = "th") -> str:
    """An aging bucket's display name: from the catalogue, else spelled out from its label."""
    if f"bucket_{label}" in CATALOGUE:
        return t(f"bucket_{label}", lang)
    unit = ("เดือน" if lang == "th" else "months") if label.endswith("m") else ("วัน" if lang == "th" else "days")
    core = label.rstrip("m")
    if core.startswith("<="):
        return f"{'ไม่เกิน' if lang == 'th' else 'up to'} {core[2:]} {unit}"
    if core.startswith(">"):
        return f"{'เกิน' if lang == 'th' else 'over'} {core[1:]} {unit}"
    return f"{core} {unit}"


def row_note(note: RowNote, lang: str = "th", skipped: bool = True) -> str:
    """Why a row was skipped, or which cell of a used row was left blank, in one language:
    "แถวยอดรวมกลุ่ม: รวม กลุ่มที่ 3", "อ่านวันที่ไม่ได้ (วันที่กู้): '31/02/2567' (เว้นว่าง)"."""
    text = t(f"skip_{note.code}", lang)
    if note.field:
        text += f" ({t(f'col_{note.field}', lang, default=note.field)})"
    if note.detail:
        text += f": {note.detail}" if note.code in LABELLED else f": '{note.detail}'"
    return text if skipped else f"{text} ({t('left_blank', lang)})"


def row_notes_table(notes: list[RowNote], lang: str = "th", skipped: bool = True) -> pd.DataFrame:
    """Row numbers (with their sheet, where several were read together) and what was said of each, as a
    table in one language."""
    sheets = {"sheet": [n.sheet for n in notes]} if any(n.sheet for n in notes) else {}
    return pd.DataFrame({**sheets, "row": [n.row for n in notes],
                         "reason" if skipped else "note": [row_note(n, lang, skipped) for n in notes]})


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$&=\"'@^])")


_AUTOLINK = re.compile(r"(://|www\.|@)", re.IGNORECASE)
_JOINER = "\u2060"  # an invisible word joiner: breaks a bare address so Markdown does not link it


def plain(text: object) -> str:
    """Text from a file made safe for a Markdown label: every punctuation mark escaped and bare addresses
    broken by an invisible joiner, so "[x](http://a.example)", "<b>x</b>" or "www.a.example" show as
    written, never as a link or a tag; one line."""
    text = _AUTOLINK.sub(lambda m: m[0][0] + _JOINER + m[0][1:], " ".join(str(text).split()))
    return _MARKDOWN.sub(r"\\\1", text)


def date_entry(value: date, lang: str = "th") -> str:
    """A date as users type it: "31/03/2567" (BE) in Thai, "31/03/2024" in English."""
    year = value.year + BE_OFFSET if lang == "th" else value.year
    return f"{value.day:02d}/{value.month:02d}/{year}"


def with_total(table: pd.DataFrame, label: str, label_column: str = "group") -> pd.DataFrame:
    """The table with a last row summing every numeric column (shares add up to the whole)."""
    total = table.select_dtypes("number").sum()
    return pd.concat([table, pd.DataFrame([{label_column: label, **total.to_dict()}])], ignore_index=True)


def evidence(item: Evidence, lang: str = "th") -> str:
    """One reading behind a technique's score, in words with its numbers."""
    return t(item.code, lang, **item.values)
