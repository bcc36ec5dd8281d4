"""T5 การจัดชั้นสมาชิก (member grading): members' co-operation declining -> published criteria, a grade per
member and welfare per grade. The grading itself is `grade_members`."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ...schema import Field
from ..base import Card, Facts, Part, Question, Score, Technique, ratio

CARD = Card(
    number=5, key="grading", name=("การจัดชั้นสมาชิก", "Member grading"), short=("จัดชั้นสมาชิก", "grading"),
    situation=("ความร่วมมือของสมาชิกมีแนวโน้มลดลง", "Members' co-operation is declining"),
    strategy=("ให้ความสำคัญกับสมาชิกที่ร่วมทำกิจกรรม", "Favour the members who take part"),
    method=(("กำหนดและประกาศหลักเกณฑ์การจัดชั้นสมาชิก", "Define and announce criteria for grading members"),
            ("จัดสวัสดิการแก่สมาชิกตามหลักเกณฑ์การจัดชั้นสมาชิก", "Give welfare and benefits by grade"),
            ("การปฏิบัติอย่างจริงจังและต่อเนื่อง", "Apply it seriously and continuously")))


class Grading(Technique):
    card = CARD
    plan_fields = (Field("grade", filled_by="technique 5", rank=10),)
    dimension = "grade"
    icon = "workspace_premium"
    thresholds = ("new_days", "new_share")
    questions = (Question("grading_cooperation_down", "ความร่วมมือของสมาชิกมีแนวโน้มลดลงหรือไม่",
                          "Is the members' co-operation trending down?"),)

    def score(self, facts: Facts) -> Score:
        rules, overdue = facts.settings.selector, facts.overdue
        new = int((overdue["days"] <= rules.new_days).sum())
        share = ratio(new, len(overdue))
        return self._score(facts, [Part.of("ev_new_arrears", "full_share", share, rules.new_share, n=new,
                                           total=len(overdue), share=share, days=rules.new_days)])

    def applies(self, facts: Facts) -> pd.Series:
        return pd.Series(True, index=facts.members.index)

    def fill_plan(self, analysis, lang: str, options: Mapping) -> pd.DataFrame | None:
        """Every member's grade under the settings' grading rules."""
        from .grades import grade_members, plan_columns

        return plan_columns(grade_members(analysis, analysis.settings.grading), lang)


TECHNIQUE = Grading()
