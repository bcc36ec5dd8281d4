"""Figures as readers expect them, per language: baht, percents, counts, dates (BE in Thai), bucket names."""

from __future__ import annotations

from .i18n import CATALOGUE, t
from .read.dates import BE_OFFSET, THAI_MONTHS_SHORT


def money(value: float | None, lang: str = "th") -> str:
    """Baht to the satang: "1,234.50 บาท" in Thai, "฿1,234.50" in English."""
    if value is None:
        return "-"
    return f"{value:,.2f} บาท" if lang == "th" else f"฿{value:,.2f}"


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
