"""Words the core itself writes into tables and messages, as Thai and English readers write them: the
Buddhist Era and the Thai months, a date as users read it and as they type it, an aging bucket's name.

Below the reader and the presentation alike: `read.dates` parses the months named here, and
`report.display` shows these same words among its other formats.
"""

from __future__ import annotations

from datetime import date

from .i18n import CATALOGUE, t

BE_OFFSET = 543  # Buddhist Era year = Common Era year + 543
THAI_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
               "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
THAI_MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.",
                     "พ.ย.", "ธ.ค.")


def day(value, lang: str = "th") -> str:
    """A date as Thai readers expect (BE, Thai month) or as English readers do."""
    if value is None or value != value:
        return "-"
    if lang == "th":
        return f"{value.day} {THAI_MONTHS_SHORT[value.month - 1]} {value.year + BE_OFFSET}"
    return value.strftime("%d %b %Y")


def long_date(value: date, lang: str = "th") -> str:
    """"31 มีนาคม 2567" (BE); "31 March 2024": a date in a letter, a heading, a pack."""
    if lang == "th":
        return f"{value.day} {THAI_MONTHS[value.month - 1]} {value.year + BE_OFFSET}"
    return f"{value.day} {value.strftime('%B %Y')}"


def date_entry(value: date, lang: str = "th") -> str:
    """A date as users type it: "31/03/2567" (BE) in Thai, "31/03/2024" in English."""
    year = value.year + BE_OFFSET if lang == "th" else value.year
    return f"{value.day:02d}/{value.month:02d}/{year}"


def bucket(label: str, lang: str = "th") -> str:
    """An aging bucket's display name: from the catalogue, else spelled out from its label ("<=6m", "6-12m",
    ">36m" by months; "1-45", ">45" by days of the user's own edges)."""
    if f"bucket_{label}" in CATALOGUE:
        return t(f"bucket_{label}", lang)
    unit = t("bucket_span_months" if label.endswith("m") else "bucket_span_days", lang)
    core = label.rstrip("m")
    if core.startswith("<="):
        return t("bucket_span_up_to", lang, n=core[2:], unit=unit)
    if core.startswith(">"):
        return t("bucket_span_over", lang, n=core[1:], unit=unit)
    return t("bucket_span", lang, n=core, unit=unit)


def start_day(as_of: date, today: date | None = None) -> date:
    """The day deadlines, meetings and weekly rows count from: today when the ledger is older than today, else
    the ledger's date (a ledger dated ahead, as a month-end close typed early)."""
    return max(as_of, today or date.today())
