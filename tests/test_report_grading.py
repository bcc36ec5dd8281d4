"""T5's announcement (.docx) for the board to sign, paragraph for paragraph and table for table: the draft heading
while the criteria are the example, each criterion in use (one without data said so, one switched off left out),
the grades with their points and welfare, the ledger's date and the three signatures."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pandas as pd
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from kmdash.i18n import t
from kmdash.report.grading.announcement import SIGNERS, announcement
from kmdash.report.grading.grades import criterion_lines, grade_range, max_points, welfare_text
from kmdash.settings import GradingRules
from kmdash.techniques.grading.grades import Grading


def grading(approved: bool = False) -> Grading:
    rules = GradingRules(approved=approved)
    first, second, *rest = rules.criteria
    if approved:  # the second criterion switched off
        rules = replace(rules, criteria=(first, replace(second, enabled=False), *rest))
    used = tuple(c for c in rules.criteria if c.enabled)
    return Grading(rules, used[1:], pd.DataFrame(), 0, unmeasured=used[:1])


def read(data: bytes):
    return Document(io.BytesIO(data))


def shape(paragraph) -> tuple:
    """What a paragraph says and how: text, bold, centred, size in points."""
    run = paragraph.runs[0] if paragraph.runs else None
    return (paragraph.text, bool(run and run.bold), paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER,
            run.font.size.pt if run else None)


def expected_paragraphs(g: Grading, coop: str, lang: str, draft: bool) -> list[tuple]:
    lines = [(t("grading_ann_draft", lang), True, True, 20.0)] if draft else []
    lines += [(t("grading_ann_title", lang, coop=coop), True, True, 20.0), (t("grading_ann_subject", lang), True, True, 16.0),
              (t("grading_ann_intro", lang), False, False, 16.0),
              (t("grading_ann_criteria", lang, n=max_points(g)), True, False, 16.0)]
    lines += [(c.name(lang) + (f" — {t('grading_not_measured_one', lang)}" if c in g.unmeasured else ""), True, False, 16.0)
              for c in g.rules.criteria if c.enabled]
    lines += [(t("grading_ann_grades", lang), True, False, 16.0),
              (t("grading_ann_data", lang, date="31 March 2024" if lang == "en" else "31 มีนาคม 2567"), False, False, 16.0),
              (t("grading_ann_announced", lang), False, True, 16.0)]
    for role in ("grading_ann_chair", "grading_ann_secretary", "ann_manager"):
        lines += [("", False, False, 16.0), (t("ann_sign", lang), False, True, 16.0), (f"({t(role, lang)})", False, True, 16.0)]
    return lines


def test_the_draft_announcement_in_english_paragraph_for_paragraph():
    g = grading()
    doc = read(announcement(g, None, date(2024, 3, 31), "en"))
    assert [shape(p) for p in doc.paragraphs] == expected_paragraphs(g, "the co-operative", "en", draft=True)
    criteria = [c for c in g.rules.criteria if c.enabled]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables]
    assert tables == [[["Value", "Points"], *([b, str(p)] for b, p in criterion_lines(c, "en"))] for c in criteria] + [
        [["Grade", "Points", "Welfare"], *([x.name("en"), grade_range(g, i, "en"), welfare_text(x, "en").replace(" · ", "\n")]
                                          for i, x in enumerate(g.rules.grades))]]
    assert SIGNERS == ("grading_ann_chair", "grading_ann_secretary", "ann_manager")


def test_the_approved_announcement_in_thai_has_no_draft_and_leaves_a_switched_off_criterion_out():
    g = grading(approved=True)
    doc = read(announcement(g, "สหกรณ์ตัวอย่าง", date(2024, 3, 31)))
    assert [shape(p) for p in doc.paragraphs] == expected_paragraphs(g, "สหกรณ์ตัวอย่าง", "th", draft=False)
    assert len(doc.tables) == sum(c.enabled for c in g.rules.criteria) + 1 == len(g.rules.criteria)
