"""T1 การร่อนตะแกรง (sieving): many members, overdue a long time -> a written notice to each debtor."""

from __future__ import annotations

import pandas as pd

from ...schema import Field
from ..base import Card, Facts, Part, Score, Technique, ratio

CARD = Card(
    number=1, key="sieving", name=("การร่อนตะแกรง", "Sieving"), short=("ร่อนตะแกรง", "sieving"),
    situation=("สมาชิกค้างนานและจำนวนมาก", "Many members, overdue for a long time"),
    strategy=("ดำเนินการอย่างจริงจังและต่อเนื่อง", "Act seriously and without let-up"),
    method=(("แจ้งเป็นหนังสือกำหนดเงื่อนไขและระยะเวลาในการปฏิบัติ",
             "A written notice to each debtor setting conditions and a deadline"),
            ("ผู้ที่ปฏิบัติตามเงื่อนไขก็ชะลอการติดตามเร่งรัด", "Those who meet them get eased follow-up"),
            ("ผู้ที่ไม่ปฏิบัติก็ดำเนินการจนถึงที่สุด (ดำเนินคดีจริงจัง)",
             "Those who do not are pursued to the end, legal action included")))


class Sieving(Technique):
    card = CARD
    plan_fields = (Field("tier", filled_by="technique 1", rank=20), Field("deadline", filled_by="technique 1", rank=30))
    dimension = "tier"
    icon = "mail"
    thresholds = ("many_share", "long_share", "long_overdue_days")

    def score(self, facts: Facts) -> Score:
        rules, overdue = facts.settings.selector, facts.overdue
        from .notices import long_overdue

        long = int(long_overdue(overdue, facts.settings.long_overdue_days).sum())
        share = ratio(long, len(overdue))
        return self._score(facts, [
            Part.of("ev_members_overdue", "full_share", ratio(len(overdue), len(facts.members)), rules.many_share,
                    n=len(overdue), total=len(facts.members)),
            Part.of("ev_long", "full_share", share, rules.long_share, n=long, share=share,
                    days=facts.settings.long_overdue_days)])

    def applies(self, facts: Facts) -> pd.Series:
        """Long overdue, and not already under legal action (no notice for them)."""
        from .notices import long_overdue  # the rule the letters use too (card.py stays the card)

        members = facts.members
        under_law = members["legal"] if "legal" in members else False
        return long_overdue(members, facts.settings.long_overdue_days) & ~under_law


TECHNIQUE = Sieving()
