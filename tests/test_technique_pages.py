"""The knowledge and plan pages through AppTest: the five cards, the selector's ranking with evidence, and
the plan that the tool pages fill."""

from __future__ import annotations

import pytest

from kmdash.i18n import t
from kmdash.techniques.registry import cards

from .support.app import frames, go, start, unescape


def visit(page: str, lang: str = "th"):
    at = start(lang)
    at.switch_page(f"pages/{page}.py")
    return go(at)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_cards_page_shows_the_five_techniques_as_the_handbook_words_them(lang):
    at = visit("cards", lang)
    side = 0 if lang == "th" else 1
    titles = [h.value for h in at.subheader]
    assert titles == [f"{t('technique_n', lang, n=c.number)} {c.name[side]}" for c in cards()]
    text = " ".join(m.value for m in at.markdown)
    for card in cards():
        assert card.situation[side] in text and card.strategy[side] in text
        assert all(step[side] in text for step in card.method)


def test_the_selector_ranks_the_five_with_their_evidence():
    at = visit("selector")
    titles = [h.value for h in at.subheader]
    assert len(titles) == 5 and titles[0] == f"{t('technique_n', n=2)} การใช้พลังผู้นำกลุ่มสมาชิก"
    evidence = unescape(" ".join(m.value for m in at.markdown))
    assert "ผู้ค้างชำระ 239 คน อยู่ใน 15 กลุ่มสมาชิก" in evidence
    assert "ค้างชำระ 239 จาก 375 คน" in evidence


def test_the_fiscal_year_end_moves_the_assigned_follow_up():
    at = visit("selector")
    before = [h.value for h in at.subheader].index(f"{t('technique_n', n=3)} การมอบหมายผู้รับผิดชอบ")
    at.selectbox(key="year_end_month").set_value(4)
    at.number_input(key="year_end_day").set_value(30)
    go(at)
    after = [h.value for h in at.subheader].index(f"{t('technique_n', n=3)} การมอบหมายผู้รับผิดชอบ")
    assert after < before  # a month before the year end (not a year after the one just closed), it rises
    assert any("อีก 30 วันถึงสิ้นปีบัญชี" in unescape(m.value) for m in at.markdown)


def test_the_plan_page_carries_the_grade_and_the_assignees_put_in_the_plan_on_the_assign_page():
    at = visit("assigned")
    at.text_area(key="assigned_staff").set_value("สมชาย\nสมศรี")
    go(at)
    at.button(key="plan_put_assigned").click()
    go(at)
    at.switch_page("pages/plan.py")
    go(at)
    plan = frames(at)[0]
    assert set(plan[t("col_assignee")]) == {"สมชาย", "สมศรี"}
    assert set(plan[t("col_grade")]) <= {"ดีเยี่ยม", "ดี", "พอใช้", "ต้องปรับปรุง"}
    assert len(plan) == 239
