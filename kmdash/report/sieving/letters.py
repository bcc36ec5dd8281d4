"""T1's notices as one Word document, one page per debtor: the co-op, the letter's number, the member's name and
number, address lines to write on (the reader knows no address column), each overdue loan, the conditions and the
deadline as a Thai date, a signature line; with `copies`, after each debtor's page a copy of it for each guarantor
of their overdue loans ("สำเนาเรียน ... ผู้ค้ำประกัน"), under the original's number.

python-docx is slow per paragraph and holds every element in memory: one page is built once with it (fonts set,
per-debtor texts as tokens), saved, and its XML is then copied as text for each debtor, the tokens filled
(escaped) and a table row per loan; document.xml is streamed into the package.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from ...i18n import t
from ...techniques.sieving.notices import Notices, guarantors_of
from ...words import BE_OFFSET, long_date
from ..display import baht, day
from ..thai_docx import (
    TITLE_SIZE,
    paragraph,
    run,
    table,
    thai_document,
    to_bytes,
)

TOKEN = re.compile("\ue000(\\w+)\ue001")
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot hold
PAGE_BREAK = "<w:pageBreakBefore/>"
PART = "word/document.xml"


def token(name: str) -> str:
    return f"\ue000{name}\ue001"


@dataclass(frozen=True)
class Numbering:
    """Letter numbers "ที่ สอ.15/2567": `prefix`, a running number from `start`, "/", the Buddhist-Era year the
    letters are issued (default: this year). Without a prefix the number is a dotted line to write in."""

    prefix: str = ""
    start: int = 1
    issued: date = field(default_factory=date.today)

    def text(self, n: int, lang: str = "th") -> str:
        """The n-th letter's number line (n from 0)."""
        if not self.prefix.strip():
            return t("letter_number_blank", lang)
        return t("letter_number", lang, number=f"{self.prefix.strip()}{self.start + n}/{self.issued.year + BE_OFFSET}")


def address_lines(lang: str = "th") -> list[str]:
    """The recipient's address, as lines to write on: no ledger column gives it."""
    return [t("letter_address", lang), t("letter_address_more", lang)]


def default_conditions(lang: str = "th") -> str:
    return t("sieving_notice_conditions_default", lang)


def letters(notices: Notices, coop: str | None, as_of: date, conditions: str, lang: str = "th",
            numbering: Numbering | None = None, copies: bool = False) -> bytes:
    """The .docx: a page per debtor of `notices`, in their order, numbered by `numbering`; with `copies`, each
    followed by a copy for each guarantor of the debtor's overdue loans."""
    package = zipfile.ZipFile(io.BytesIO(_prototype(coop, as_of, notices.deadline, conditions, lang)))
    before, page, row, after = _split(package.read(PART).decode())
    loans = _loan_texts(notices, lang)
    numbering = numbering or Numbering()
    guarantors = guarantors_of(notices) if copies else {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in package.infolist():
            if item.filename != PART:
                target.writestr(item, package.read(item))
        with target.open(PART, "w") as xml:
            xml.write(before.encode())
            for n, debtor in enumerate(notices.debtors.itertuples(index=False)):
                number = numbering.text(n, lang)
                for k, to in enumerate(["", *(t("letter_copy_to", lang, guarantor=g)
                                              for g in guarantors.get(debtor.member_no, []))]):
                    text = _fill(page, row, debtor, loans[debtor.member_no], number, to)
                    xml.write((text.replace(PAGE_BREAK, "", 1) if n == k == 0 else text).encode())
            xml.write(after.encode())
    return out.getvalue()


def _prototype(coop, as_of, deadline, conditions, lang) -> bytes:
    """One page made with python-docx, its per-debtor texts as tokens; the loans table has one token row."""
    doc = thai_document()
    title = paragraph(doc, coop or t("ann_coop", lang), TITLE_SIZE, bold=True, center=True)
    title.paragraph_format.page_break_before = True
    paragraph(doc, token("number"))
    paragraph(doc, t("sieving_notice_date", lang)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph(doc, t("sieving_notice_subject", lang), bold=True)
    paragraph(doc, t("sieving_notice_to", lang, name=token("name"), member=token("member")))
    paragraph(doc, token("copy_to"))  # blank on the original
    for line in address_lines(lang):
        paragraph(doc, line)
    paragraph(doc, t("sieving_notice_body", lang, date=long_date(as_of, lang)))
    loans = table(doc, [t("sieving_notice_contract", lang), t("sieving_notice_due", lang), t("sieving_notice_principal", lang),
                        t("sieving_notice_interest", lang)], [[token(k) for k in ("contract", "due", "principal", "interest")]])
    cells = loans.add_row().cells
    for cell, text in ((0, t("sieving_notice_total", lang)), (2, token("total_principal")), (3, token("total_interest"))):
        run(cells[cell].paragraphs[0], text, bold=True)
    cells[0].merge(cells[1])  # the total's label across contract and due date
    paragraph(doc, t("sieving_notice_conditions", lang, deadline=long_date(deadline, lang)), bold=True)
    for line in (conditions.strip() or default_conditions(lang)).splitlines():
        if line.strip():
            paragraph(doc, line.strip())
    for key in ("sieving_notice_after", "sieving_notice_close"):
        paragraph(doc, t(key, lang))
    for text in (t("sieving_notice_regards", lang), "", t("ann_sign", lang), f"({t('ann_manager', lang)})"):
        paragraph(doc, text, center=True)
    for node in doc.element.body.iter(qn("w:t")):
        if "\ue000" in (node.text or ""):
            node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return to_bytes(doc)


def _split(xml: str) -> tuple[str, str, str, str]:
    """document.xml as (up to the body's content, the page without the loan row, the loan row, the rest)."""
    body = xml.index("<w:body>") + len("<w:body>")
    end = xml.index("<w:sectPr")
    page = xml[body:end]
    at = page.index(token("contract"))
    start = [m.start() for m in re.finditer("<w:tr[ >]", page[:at])][-1]
    stop = page.index("</w:tr>", at) + len("</w:tr>")
    return xml[:body], page[:start] + token("rows") + page[stop:], page[start:stop], xml[end:]


def _fill(page: str, row: str, debtor, loans: list[tuple], number: str, copy_to: str) -> str:
    """One debtor's page (or a copy of it): a row per loan, the tokens replaced by their escaped texts."""
    rows = "".join(_sub(row, dict(zip(("contract", "due", "principal", "interest"), loan))) for loan in loans)
    values = {"name": str(debtor.name), "member": str(debtor.member_no), "number": number, "copy_to": copy_to,
              "total_principal": baht(sum(r[4] for r in loans)), "total_interest": baht(sum(r[5] for r in loans))}
    return _sub(page, values).replace(token("rows"), rows)


def _sub(xml: str, values: dict) -> str:
    return TOKEN.sub(lambda m: escape(NOT_XML.sub("", values[m[1]])) if m[1] in values else m[0], xml)


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
