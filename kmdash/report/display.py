"""Figures as readers expect them, per language: baht, percents, counts, dates (BE in Thai), bucket names,
row notes, Markdown-safe file text, a technique's evidence. Dates and bucket names are the core's own words
(`kmdash.words`), shown here with the rest."""

from __future__ import annotations

import re

import pandas as pd

from ..i18n import t
from ..read.account import LABELLED, RowNote
from ..techniques.base import Evidence
from ..words import bucket, date_entry, day  # noqa: F401  (the readers' formats, all in one place)


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


def with_total(table: pd.DataFrame, label: str, label_column: str = "group") -> pd.DataFrame:
    """The table with a last row summing every numeric column (shares add up to the whole)."""
    total = table.select_dtypes("number").sum()
    return pd.concat([table, pd.DataFrame([{label_column: label, **total.to_dict()}])], ignore_index=True)


def evidence(item: Evidence, lang: str = "th") -> str:
    """One reading behind a technique's score, in words with its numbers, and the threshold that makes it full
    where it is a part of the score: "84.9% of them overdue more than 365 days (73); full at 50%"."""
    words = t(item.code, lang, **item.values)
    return f"{words}; {t(item.full, lang, **item.values)}" if item.full else words
