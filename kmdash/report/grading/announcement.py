"""The grading criteria and welfare as a printable announcement (.docx) for the board to sign.

Thai fonts and sizes: `thai_docx` (TH Sarabun New 16 pt, complex script included)."""

from __future__ import annotations

from datetime import date

from ...i18n import t
from ...techniques.grading.grades import Grading
from .grades import criterion_lines, grade_range, max_points, welfare_text
from ...words import long_date
from ..thai_docx import TITLE_SIZE, paragraph, table, thai_document, to_bytes

SIGNERS = ("grading_ann_chair", "grading_ann_secretary", "ann_manager")


def announcement(grading: Grading, coop: str | None, as_of: date, lang: str = "th") -> bytes:
    """The announcement: co-op, subject, each criterion with its points (one without data said so), the grades
    with their thresholds and welfare, the ledger's date, and signature lines for the board. While the criteria
    are the program's example, a "ร่าง" (draft) heading says so."""
    doc = thai_document()
    if grading.rules.example:
        paragraph(doc, t("grading_ann_draft", lang), TITLE_SIZE, bold=True, center=True)
    paragraph(doc, t("grading_ann_title", lang, coop=coop or t("ann_coop", lang)), TITLE_SIZE, bold=True, center=True)
    paragraph(doc, t("grading_ann_subject", lang), bold=True, center=True)
    paragraph(doc, t("grading_ann_intro", lang))
    paragraph(doc, t("grading_ann_criteria", lang, n=max_points(grading)), bold=True)
    for c in (c for c in grading.rules.criteria if c.enabled):  # in use or without data, in the rules' order
        missing = f" — {t('grading_not_measured_one', lang)}" if c in grading.unmeasured else ""
        paragraph(doc, c.name(lang) + missing, bold=True)
        table(doc, [t("grading_ann_band", lang), t("col_points", lang)], [[b, str(p)] for b, p in criterion_lines(c, lang)])
    paragraph(doc, t("grading_ann_grades", lang), bold=True)
    table(doc, [t("col_grade", lang), t("col_points", lang), t("col_welfare", lang)],
           [[g.name(lang), grade_range(grading, i, lang), welfare_text(g, lang).replace(" · ", "\n")]
            for i, g in enumerate(grading.rules.grades)])
    paragraph(doc, t("grading_ann_data", lang, date=long_date(as_of, lang)))
    paragraph(doc, t("grading_ann_announced", lang), center=True)
    for role in SIGNERS:
        paragraph(doc, "")
        paragraph(doc, t("ann_sign", lang), center=True)
        paragraph(doc, f"({t(role, lang)})", center=True)
    return to_bytes(doc)
