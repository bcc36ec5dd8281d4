"""T4 โครงการกิจกรรมกลุ่มแก้ปัญหา (group pooling): within a group, members short of money with debts small
enough to pool."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ...read.loans import NO_GROUP
from ...schema import Field
from ..base import Card, Evidence, Facts, Part, Question, Score, Technique, ratio

CARD = Card(
    number=4, key="pooling", name=("โครงการกิจกรรมกลุ่มแก้ปัญหา", "Group problem-solving project"),
    short=("กองทุนหมุนเวียนกลุ่ม", "pooling"),
    situation=("สมาชิกในกลุ่มไม่มีเงินพอที่จะชำระหนี้หมด", "Members of a group do not have enough money to repay in full"),
    strategy=("การรวมเงินกันเพื่อชำระหนี้เงินกู้", "Pool money to repay the loans"),
    method=(("ผู้นำกลุ่มระดมเงินสมาชิกที่เข้าร่วมกิจกรรมแก้ปัญหา", "The group leader raises money from the members who join"),
            ("สมาชิกนำเงินชำระหนี้และกู้เงินคืนโดยเร็ว", "A member repays with it, quickly re-borrows and returns the money"),
            ("สมาชิกหมุนเวียนกันกู้ยืมเงินเพื่อแก้ปัญหาจนครบทุกคน", "Members take turns until every one is done")))


def poolable(facts: Facts) -> pd.Series:
    """Per member: overdue, with a debt small enough to pool, in a group with enough such members."""
    rules, members = facts.settings.selector, facts.members
    small = (members["days"] > 0) & (members["overdue"] <= rules.small_debt) & (members["group"] != NO_GROUP)
    per_group = small.groupby(members["group"]).transform("sum")
    return small & (per_group >= rules.pool_members)


class Pooling(Technique):
    card = CARD
    plan_fields = (Field("pool_cycle", "int", "technique 4", rank=60),)
    dimension = "pool_cycle"
    icon = "autorenew"
    thresholds = ("small_debt", "pool_members")
    questions = (Question("pooling_short_of_cash", "สมาชิกในกลุ่มไม่มีเงินพอที่จะชำระหนี้หมดหรือไม่",
                          "Do the group's members lack the money to repay in full?"),)

    def score(self, facts: Facts) -> Score:
        rules, members = facts.settings.selector, facts.members
        fits = poolable(facts)
        if not fits.any():
            return self._score(facts, [Part.of("ev_no_pool", "", 0, rules.pool_members, debt=rules.small_debt,
                                               n=rules.pool_members)])
        overdue = members["days"] > 0
        per_group = fits.groupby(members["group"]).sum()
        group, n = per_group.idxmax(), int(per_group.max())
        in_group = overdue & (members["group"] == group)
        return self._score(facts, [
            Part.of("ev_pool_group", "full_share", ratio(n, in_group.sum()), 1.0, group=group, n=n,
                    total=int(in_group.sum()), debt=rules.small_debt),
            Part.of("ev_pool_size", "full_members", n, 2 * rules.pool_members, n=n, pool=rules.pool_members)],
            (Evidence("ev_pool_groups", {"n": int((per_group > 0).sum()), "members": int(fits.sum())}),))

    def applies(self, facts: Facts) -> pd.Series:
        return poolable(facts)

    def fill_plan(self, analysis, lang: str, options: Mapping) -> pd.DataFrame | None:
        """With a pool (`options["pool"]`, satang): the cycle proposed to each member it clears, of one group
        (`pool_group`, else every debtor) on a basis (`pool_basis`, else arrears)."""
        from .rotation import debts, plan_columns, schedule

        pool = options.get("pool")
        if not pool:
            return None
        chosen = debts(analysis, options.get("pool_group"), options.get("pool_basis") or "arrears")
        return plan_columns(schedule(chosen, pool))


TECHNIQUE = Pooling()
