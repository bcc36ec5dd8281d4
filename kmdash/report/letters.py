"""T1's notices as one Word document, one page per debtor: the co-op, the member's name and number, each
overdue loan, the conditions and the deadline as a Thai date, a signature line.

python-docx is slow per paragraph: one page is built once as a prototype (fonts set, per-debtor texts as
templates) and each debtor's page is a copy of its XML with those texts filled and one table row per loan.
"""

from __future__ import annotations

from copy import deepcopy
from datetime import date

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from ..display import baht, day
from ..i18n import t
from ..techniques.notices import Notices
from .thai_docx import TITLE_SIZE, long_date, paragraph, run, table, thai_document, to_bytes

W_T, W_TR = qn("w:t"), qn("w:tr")
ROW = ("{contract}", "{due}", "{principal}", "{interest}")
PRESERVE = "{http://www.w3.org/XML/1998/namespace}space"


def default_conditions(lang: str = "th") -> str:
    return t("notice_conditions_default", lang)


def letters(notices: Notices, coop: str | None, as_of: date, conditions: str, lang: str = "th") -> bytes:
    """The .docx: a page per debtor of `notices`, in their order."""
    doc = thai_document()
    page, fields, row = _prototype(doc, coop, as_of, notices.deadline, conditions, lang)
    end = doc.element.body[-1]  # the section properties stay last
    loans = _loan_texts(notices, lang)
    for n, debtor in enumerate(notices.debtors.itertuples(index=False)):
        rows = loans[debtor.member_no]
        for element in _page(page, fields, row, _values(debtor, rows), [r[:4] for r in rows], first=n == 0):
            end.addprevious(element)
    return to_bytes(doc)


def _prototype(doc, coop, as_of, deadline, conditions, lang):
    """One page built with python-docx, then taken out of the document: its elements, the per-debtor text
    nodes (index among the page's w:t, template) and the loan row (template texts in its cells)."""
    body, start = doc.element.body, len(doc.element.body) - 1
    fields = []

    def field(paragraph_, template: str, bold: bool = False) -> None:
        fields.append((run(paragraph_, template, bold=bold)._r.find(W_T), template))

    title = paragraph(doc, coop or t("ann_coop", lang), TITLE_SIZE, bold=True, center=True)
    title.paragraph_format.page_break_before = True
    paragraph(doc, t("notice_date", lang)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph(doc, t("notice_subject", lang), bold=True)
    field(doc.add_paragraph(), t("notice_to", lang))
    paragraph(doc, t("notice_body", lang, date=long_date(as_of, lang)))
    loans = table(doc, [t("notice_contract", lang), t("notice_due", lang), t("notice_principal", lang),
                        t("notice_interest", lang)], [list(ROW)])
    cells = loans.add_row().cells
    run(cells[0].paragraphs[0], t("notice_total", lang), bold=True)
    cells[0].merge(cells[1])
    for cell, template in zip(cells[2:], ("{principal}", "{interest}")):
        field(cell.paragraphs[0], template, bold=True)
    paragraph(doc, t("notice_conditions", lang, deadline=long_date(deadline, lang)), bold=True)
    for line in (conditions.strip() or default_conditions(lang)).splitlines():
        if line.strip():
            paragraph(doc, line.strip())
    for key in ("notice_after", "notice_close"):
        paragraph(doc, t(key, lang))
    for text in (t("notice_regards", lang), "", t("ann_sign", lang), f"({t('ann_manager', lang)})"):
        paragraph(doc, text, center=True)
    page = list(body)[start:-1]
    row = loans._tbl.findall(W_TR)[1]
    loans._tbl.remove(row)
    for element in page:
        body.remove(element)
    texts = [node for element in page for node in element.iter(W_T)]
    return page, [(texts.index(node), template) for node, template in fields], row


def _page(page, fields, row, values: dict, rows: list[tuple], first: bool) -> list:
    """A copy of the prototype page filled for one debtor; the first page starts without a page break."""
    copies = [deepcopy(element) for element in page]
    texts = [node for element in copies for node in element.iter(W_T)]
    for index, template in fields:
        _set(texts[index], template.format(**values))
    total = next(c for c in copies if c.tag == qn("w:tbl")).findall(W_TR)[-1]
    for cells in rows:
        line = deepcopy(row)
        for node, text in zip(line.iter(W_T), cells):
            _set(node, text)
        total.addprevious(line)
    if first:
        _drop_page_break(copies[0])
    return copies


def _set(node, text: str) -> None:
    node.text = text
    node.set(PRESERVE, "preserve")


def _drop_page_break(element) -> None:
    brk = element.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
    brk.getparent().remove(brk)


def _values(debtor, rows: list[tuple]) -> dict:
    return {"name": debtor.name, "member": debtor.member_no,
            "principal": baht(sum(r[4] for r in rows)), "interest": baht(sum(r[5] for r in rows))}


def _loan_texts(notices: Notices, lang: str) -> dict[str, list[tuple]]:
    """Per member: (contract, due date, principal, interest) as written, then the two amounts as numbers."""
    loans = notices.loans
    principal, interest = loans["overdue_amount"].to_numpy(float), loans["interest_arrears"].to_numpy(float)
    rows = list(zip(loans["contract"], [day(d, lang) for d in loans["due_date"]], map(baht, principal),
                    map(baht, interest), principal, interest))
    out: dict[str, list[tuple]] = {m: [] for m in notices.debtors["member_no"]}
    for member, line in zip(loans["member_no"].to_numpy(), rows):
        out[member].append(line)
    return out
