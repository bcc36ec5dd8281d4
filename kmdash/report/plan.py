"""The collection plan as files: CSV (Thai Excel opens it) or an xlsx workbook. The table itself is
`kmdash.plan`'s.

An export says what it holds: real names and member numbers, or the aliases privacy shows (`mask_plan`).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd

from ..i18n import t
from ..pipeline import Result
from ..plan import of_kind, short_name
from ..techniques.registry import techniques
from ..techniques.selector import applying
from . import xlsx
from .display import day
from .escape import neutralise_column

CSV_MIME, XLSX_MIME = "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    numbers = of_kind("money") | {"days"}
    texts = [c for c in table.columns if c not in numbers]
    safe = table.assign(**{c: neutralise_column(table[c]) for c in texts})
    safe.columns = headers(table.columns, masked, lang)
    return safe.to_csv(index=False, lineterminator="\r\n", float_format="%.2f").encode("utf-8-sig")


def plan_xlsx(table: pd.DataFrame, result: Result, masked: bool, lang: str = "th") -> bytes:
    """An about sheet (co-op, as-of date, when made, real or masked), the plan, then one sheet per technique
    with its members and the columns its tool fills. `table` is plan_table(result) or some of its rows (by
    their index), masked or not."""
    _check(table, masked)
    analysis = result.analysis
    money = of_kind("money")
    flags = applying(analysis)[analysis.members["days"] > 0].reset_index(drop=True).loc[table.index]
    sheets = [_about(result, len(table), flags.sum(), masked, lang),
              xlsx.Sheet(t("sheet_plan", lang), table, headers(table.columns, masked, lang), money)]
    for technique in techniques():
        number = technique.card.number
        columns = ["member", "name", "group", "days", "overdue", "interest", *technique.plan_columns, "status", "notes"]
        members = table.loc[flags[number].to_numpy(), columns]
        sheets.append(xlsx.Sheet(short_name(number, lang)[:31], members, headers(columns, masked, lang), money))
    return xlsx.workbook(sheets)


def _about(result: Result, members: int, per_technique: pd.Series, masked: bool, lang: str) -> xlsx.Sheet:
    now = datetime.now()
    rows = [(t("about_coop", lang), result.ledger.coop or ""),
            (t("file", lang), Path(result.file).name),
            (t("as_of_input", lang), day(result.as_of, lang)),
            (t("about_generated", lang), f"{day(now.date(), lang)} {now:%H:%M}"),
            (t("about_contents", lang), contents(masked, lang)),
            (t("about_members", lang), f"{members:,}")]
    rows += [(short_name(tech.card.number, lang),
              t("about_technique", lang, members=int(per_technique[tech.card.number]),
                needs=", ".join(headers(tech.plan_columns, masked, lang))))
             for tech in techniques()]
    frame = pd.DataFrame(rows, columns=["item", "detail"])
    return xlsx.Sheet(t("sheet_about", lang), frame, [t("about_item", lang), t("about_detail", lang)])


def _check(table: pd.DataFrame, masked: bool) -> None:
    """A plan labelled masked must be masked (mask_plan gives each member their alias as number and name)."""
    if masked and not table["member"].equals(table["name"]):
        raise ValueError("a plan labelled masked still has names: mask it with mask_plan first")
