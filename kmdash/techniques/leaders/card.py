"""T2 การใช้พลังผู้นำกลุ่มสมาชิก (group-leader power): overdue members spread over many member groups."""

from __future__ import annotations

import pandas as pd

from ...read.loans import NO_GROUP
from ...schema import Field
from ..base import Card, Facts, Part, Question, Score, Technique, ratio

CARD = Card(
    number=2, key="leaders", name=("การใช้พลังผู้นำกลุ่มสมาชิก", "Group-leader power"), short=("ผู้นำกลุ่ม", "leaders"),
    situation=("สมาชิกค้างชำระหนี้กระจายหลายกลุ่ม ผู้นำกลุ่มมีส่วนร่วมเห็นชอบการให้กู้เงิน",
               "Overdue members scattered over many member groups; group leaders took part in approving the loans"),
    strategy=("เน้นความสำคัญของผู้นำ", "Put the group leaders at the centre"),
    method=(("จัดการประชุมผู้นำกลุ่มทุก 3 – 4 เดือนต่อครั้ง", "A meeting of group leaders every 3-4 months"),
            ("จัดเอกสารข้อมูลและมอบหมายให้ติดตามเร่งรัดหนี้", "Give them the debtor documents and assign them the follow-up"),
            ("กำหนดค่าตอบแทนการปฏิบัติงานอย่างเหมาะสม", "Pay them a fitting fee for it")))


class Leaders(Technique):
    card = CARD
    plan_fields = (Field("group_leader", filled_by="technique 2", rank=40),)
    dimension = "group"
    icon = "diversity_3"
    thresholds = ("many_groups", "spread_share")
    questions = (Question("leaders_approved", "ผู้นำกลุ่มมีส่วนร่วมเห็นชอบการให้กู้เงินหรือไม่",
                          "Did the group leaders take part in approving the loans?"),)

    def score(self, facts: Facts) -> Score:
        rules, grouped = facts.settings.selector, facts.in_groups
        per_group = grouped.groupby("group")["overdue"].sum()
        groups = len(per_group)
        outside = 1 - ratio(per_group.max(), per_group.sum()) if groups else 0.0
        return self._score(facts, [
            Part.of("ev_groups_overdue", "full_groups", groups, rules.many_groups, n=groups, members=len(grouped)),
            Part.of("ev_largest_group", "full_spread", outside, rules.spread_share, share=1 - outside)])

    def applies(self, facts: Facts) -> pd.Series:
        return (facts.members["days"] > 0) & (facts.members["group"] != NO_GROUP)


TECHNIQUE = Leaders()
