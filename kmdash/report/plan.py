"""The collection plan as files: CSV (Thai Excel opens it) or an xlsx workbook. The table itself is
`kmdash.plan`'s.

An export says what it holds: real names and member numbers, or the aliases privacy shows (`mask_plan`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from ..actions import FIELDS, KINDS, SHEET, header, kind_word, technique_word
from ..i18n import t
from ..plan import numeric, of_kind, short_name, technique_numbers, worded
from ..techniques.registry import techniques
from . import xlsx
from .display import date_entry, day
from .escape import neutralise_column

ACTION_ROWS = 50  # blank rows of the actions sheet beyond one per member, for further actions
CSV_MIME, XLSX_MIME = "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class About:
    """What the workbook's about sheet says the plan is of: the co-op, the ledger file's name, its as-of date."""

    coop: str | None
    file: str
    as_of: date
    example_grades: bool = False  # the grade column is by the program's example criteria (T5), not the board's

    @classmethod
    def of(cls, result) -> About:
        """A pipeline Result's (a snapshot's are its own coop, file and as_of)."""
        return cls(result.ledger.coop, Path(result.file).name, result.as_of,
                   result.analysis.settings.grading.example)


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
    can start a formula; codes as words of `lang`."""
    _check(table, masked)
    table = worded(table, lang)
    numbers = numeric()
    texts = [c for c in table.columns if c not in numbers]
    safe = table.assign(**{c: neutralise_column(table[c]) for c in texts})
    safe.columns = headers(table.columns, masked, lang)
    return safe.to_csv(index=False, lineterminator="\r\n", float_format="%.2f").encode("utf-8-sig")


def plan_xlsx(table: pd.DataFrame, about: About, masked: bool, lang: str = "th") -> bytes:
    """An about sheet (co-op, ledger file, as-of date, when made, real or masked), the plan, one sheet per
    technique with its members (those its techniques column lists) and the columns its tool fills, then the
    actions sheet staff fill in (`actions.read_actions` reads it). `table` is a plan (`kmdash.plan`: made, read
    back or loaded from a snapshot) or some of its rows, masked or not; its codes written as words of `lang`."""
    _check(table, masked)
    table = worded(table, lang)
    money = of_kind("money")
    members = _listed(table)
    sheets = [_about(about, len(table), {n: int(m.sum()) for n, m in members.items()}, masked, lang),
              xlsx.Sheet(t("sheet_plan", lang), table, headers(table.columns, masked, lang), money)]
    for technique in techniques():
        number = technique.card.number
        columns = ["member", "name", "group", "days", "overdue", "interest", *technique.plan_columns, "status", "notes"]
        sheets.append(xlsx.Sheet(short_name(number, lang)[:31], table.loc[members[number], columns],
                                 headers(columns, masked, lang), money))
    return xlsx.workbook([*sheets, _actions(table, masked, lang)])


def _actions(table: pd.DataFrame, masked: bool, lang: str) -> xlsx.Sheet:
    """The record's sheet: its headers in the plan's language, a row per member of the plan with the member's
    number typed (a row left so imports as nothing: `actions.PREFILLED`; none in a masked plan, whose aliases
    match nobody), then ACTION_ROWS blank rows; what was done and the technique chosen from lists, dates and
    the rest kept as typed (text), the amount in baht."""
    members = [] if masked else table["member"].astype(str).tolist()
    rows = len(members) + ACTION_ROWS
    frame = pd.DataFrame({f: [""] * rows for f in FIELDS}).assign(member=members + [""] * ACTION_ROWS,
                                                                  amount=np.nan)
    choices = {"kind": [kind_word(k, lang) for k in KINDS],
               "technique": [technique_word(tech.card.number, lang) for tech in techniques()]}
    return xlsx.Sheet(t(SHEET, lang), frame, [header(f, lang) for f in FIELDS], frozenset({"amount"}),
                      choices=choices)


def _listed(table: pd.DataFrame) -> dict[int, np.ndarray]:
    """Technique number -> which rows' techniques cell lists it ("1 ร่อนตะแกรง, 3 มอบหมาย": 1 and 3)."""
    cells = table["techniques"].astype(str)
    numbers = {text: set(technique_numbers(text)) for text in cells.unique()}
    rows = [numbers[text] for text in cells]
    return {tech.card.number: np.array([str(tech.card.number) in row for row in rows], dtype=bool)
            for tech in techniques()}


def _about(about: About, members: int, per_technique: dict[int, int], masked: bool, lang: str) -> xlsx.Sheet:
    now = datetime.now()
    rows = [(t("about_coop", lang), about.coop or ""),
            (t("file", lang), about.file),
            (t("as_of_input", lang), day(about.as_of, lang)),
            (t("about_generated", lang), f"{day(now.date(), lang)} {now:%H:%M}"),
            (t("about_contents", lang), contents(masked, lang)),
            (t("about_members", lang), f"{members:,}")]
    rows += [(short_name(tech.card.number, lang),
              t("about_technique", lang, members=per_technique[tech.card.number],
                needs=", ".join(headers(tech.plan_columns, masked, lang))))
             for tech in techniques()]
    rows += [(short_name(5, lang), t("grading_plan_example", lang))] * about.example_grades
    rows += [(t(SHEET, lang), t("plan_actions_about", lang, example=date_entry(about.as_of, lang)))]
    frame = pd.DataFrame(rows, columns=["item", "detail"])
    return xlsx.Sheet(t("sheet_about", lang), frame, [t("about_item", lang), t("about_detail", lang)])


def _check(table: pd.DataFrame, masked: bool) -> None:
    """A plan labelled masked must be masked (mask_plan gives each member their alias as number and name)."""
    if masked and not table["member"].equals(table["name"]):
        raise ValueError("a plan labelled masked still has names: mask it with mask_plan first")
