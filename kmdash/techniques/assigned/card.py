"""T3 การมอบหมายผู้รับผิดชอบ (assigned follow-up): debtor by debtor, near the fiscal year end."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pandas as pd

from ...schema import Field
from ..base import Card, Evidence, Facts, Part, Score, Technique, ratio

CARD = Card(
    number=3, key="assigned", name=("การมอบหมายผู้รับผิดชอบ", "Assigned follow-up"), short=("มอบหมาย", "assigned"),
    situation=("ติดตามเร่งรัดเป็นรายคน ติดตามในช่วงใกล้สิ้นปี", "Follow-up debtor by debtor; close to the year end"),
    strategy=("กระจายความรับผิดชอบ", "Spread the responsibility"),
    method=(("ประธาน / ผู้จัดการ เป็นผู้ควบคุมและกระจายงาน", "The chair or manager controls and hands out the work"),
            ("มอบหมายเจ้าหน้าที่ / กรรมการให้ติดตามเร่งรัดหนี้", "Staff and board members are each assigned debtors"),
            ("ผู้รับผิดชอบรายงานผลเป็นประจำทุกสัปดาห์", "Each reports results every week")))


def days_to_year_end(as_of: date, year_end: tuple[int, int]) -> int:
    """Days from the as-of date to the next fiscal year end: on or after this year's, the next year's (a
    ledger dated on the year end itself has the whole coming year to go, the year it closed is over)."""
    month, day = year_end
    end = _year_end_in(as_of.year, month, day)
    return (end - as_of).days if end > as_of else (_year_end_in(as_of.year + 1, month, day) - as_of).days


def _year_end_in(year: int, month: int, day: int) -> date:
    """The year end in `year`; 29 February, in a year without one, is 28 February."""
    return date(year, month, min(day, 28)) if (month, day) == (2, 29) and year % 4 else date(year, month, day)


class Assigned(Technique):
    card = CARD
    plan_fields = (Field("assignee", filled_by="technique 3", rank=50), Field("deadline", filled_by="technique 1", rank=30))
    dimension = "assignee"
    icon = "assignment_ind"
    thresholds = ("near_days", "far_days", "few_debtors")  # and the fiscal year end, the selector page's first

    def score(self, facts: Facts) -> Score:
        rules, overdue = facts.settings.selector, facts.overdue
        days = days_to_year_end(facts.as_of, facts.settings.fiscal_year_end)
        near = 1.0 if days <= rules.near_days else ratio(rules.far_days - days, rules.far_days - rules.near_days)
        largest = overdue["overdue"].nlargest(rules.few_debtors).sum()
        held = ratio(largest, overdue["overdue"].sum())
        return self._score(facts, [
            Part(Evidence("ev_year_end", {"days": days, "threshold": rules.near_days, "far": rules.far_days},
                          "full_near"), days, rules.near_days, min(1.0, max(0.0, near))),
            Part.of("ev_few_debtors", "full_share", held, 1.0, n=min(len(overdue), rules.few_debtors), share=held,
                    total=len(overdue))])

    def applies(self, facts: Facts) -> pd.Series:
        return facts.members["days"] > 0

    def fill_plan(self, analysis, lang: str, options: Mapping) -> pd.DataFrame | None:
        """With people (`options["staff"]`, comma separated): each debtor's assignee, balanced by amount."""
        from .assignment import assign, plan_columns, staff_names

        staff = options.get("staff")
        return plan_columns(assign(analysis.members, staff_names(staff))) if staff else None


TECHNIQUE = Assigned()
