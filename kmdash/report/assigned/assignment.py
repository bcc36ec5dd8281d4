"""An Assignment as `assign --json` prints it, as the text report, and as a CSV (for the plan)."""

from __future__ import annotations

from ...i18n import t
from ...techniques.assigned.assignment import Assignment, bound, gap
from ..display import money
from ..escape import neutralise
from ..xlsx_text import text_width


def assignment_json(assignment: Assignment) -> dict:
    """{assignments: [{member, assignee, overdue}], loads: [{assignee, members, overdue}]}, baht to 0.01."""
    table, loads = assignment.assignments, assignment.loads
    return {
        "assignments": [{"member": m, "assignee": a, "overdue": round(float(o), 2)}
                        for m, a, o in zip(table["member_no"], table["assignee"], table["overdue"])],
        "loads": [{"assignee": a, "members": int(n), "overdue": round(float(o), 2)}
                  for a, n, o in zip(loads["assignee"], loads["members"], loads["overdue"])],
    }


def measure(assignment: Assignment, value: float, lang: str = "th") -> str:
    """A gap or bound in the balanced unit: baht, or members."""
    return money(value, lang) if assignment.balance == "amount" else f"{value:,.0f} {t('people', lang)}"


def bound_text(assignment: Assignment, lang: str = "th") -> str:
    kind = ("assigned_bound_group_" if assignment.within_group else "assigned_bound_") + assignment.balance
    limit = bound(assignment)
    return t(kind, lang, value=money(limit, lang) if assignment.balance == "amount" else f"{limit:,.0f}")


def assignment_text(assignment: Assignment, file: str, as_of: str, lang: str = "th") -> str:
    """The loads per person, the largest gap between two and its bound."""
    loads = assignment.loads
    by = t(f"assigned_balance_{assignment.balance}", lang) + (t("assigned_by_group_suffix", lang) if assignment.within_group else "")
    width = max(text_width(a) for a in loads["assignee"])
    lines = [t("assigned_text_title", lang, n=len(assignment.assignments), k=len(loads), by=by),
             f"{t('file', lang)}: {file} | {t('as_of', lang)} {as_of}", "", t("assigned_text_loads", lang)]
    lines += [f"  {a}{' ' * (width - text_width(a))}  {n:>7,}  {money(o, lang):>22}"
              for a, n, o in zip(loads["assignee"], loads["members"], loads["overdue"])]
    lines += ["", t("assigned_text_spread", lang, spread=measure(assignment, gap(assignment), lang),
                    bound=bound_text(assignment, lang)), t("assigned_text_more", lang)]
    return "\n".join(lines)


def assignment_csv(assignment: Assignment, lang: str = "th") -> bytes:
    """The assignments with headers in `lang`, UTF-8 with a BOM (Excel reads Thai), text made inert."""
    table = assignment.assignments.copy()
    for column in ("member_no", "name", "group", "assignee"):
        table[column] = table[column].astype(str).map(neutralise)
    table = table.rename(columns={c: t(f"col_{c}", lang) for c in table.columns})
    return table.to_csv(index=False).encode("utf-8-sig")

