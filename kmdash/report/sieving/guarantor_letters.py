"""The guarantor letters of Civil and Commercial Code s.686, one page per guarantor of each loan listed (those still
in time first, then those past their 60 days): the co-op, the letter's number, the guarantor, address lines to
write on, the debtor, the contract, the default date and the arrears, in TH Sarabun New as T1's notices. And the
record read for the list: who had their guarantors notified, and when."""

from __future__ import annotations

from datetime import date

import pandas as pd
from docx.enum.text import WD_ALIGN_PARAGRAPH

from ...followup import member_key
from ...i18n import t
from ...techniques.sieving.guarantors import GuarantorList
from ..display import baht, day
from ..text import fit, right
from ...words import long_date
from ..thai_docx import TITLE_SIZE, paragraph, thai_document, to_bytes
from .letters import NOT_XML, Numbering, address_lines

KIND = "guarantor_notified"  # the record's action for guarantor letters sent


def notified_on(done: pd.DataFrame | None, member_nos: pd.Series) -> dict[str, date]:
    """Member number as the ledger writes it -> the latest day a guarantor_notified action was recorded for them
    (`done`: record.listed's frame; numbers matched as the follow-up matches them). {} without a record."""
    if done is None or done.empty:
        return {}
    told = done[done["kind"] == KIND]
    latest = told.assign(key=member_key(told["member"])).groupby("key")["date"].max()
    members = member_nos.astype(str)
    return {m: latest[k] for m, k in zip(members, member_key(members)) if k in latest.index}


def letter_count(found: GuarantorList) -> int:
    return sum(len(g) for frame in (found.within, found.late) for g in frame["guarantors"])


def guarantor_letters(found: GuarantorList, coop: str | None, numbering: Numbering | None = None,
                      lang: str = "th") -> bytes:
    """The .docx: a numbered page per guarantor of each loan of `found` (within, then late)."""
    doc, numbering, n = thai_document(), numbering or Numbering(), 0
    for frame in (found.within, found.late):
        for loan in frame.itertuples(index=False):
            for guarantor in loan.guarantors:
                _page(doc, coop, numbering.text(n, lang), guarantor, loan, found.as_of, lang, first=n == 0)
                n += 1
    return to_bytes(doc)


def _page(doc, coop, number: str, guarantor: str, loan, as_of: date, lang: str, first: bool) -> None:
    def text(value) -> str:  # text from the file: characters XML cannot hold dropped
        return NOT_XML.sub("", str(value))

    title = paragraph(doc, text(coop or t("ann_coop", lang)), TITLE_SIZE, bold=True, center=True)
    title.paragraph_format.page_break_before = not first
    paragraph(doc, number)
    paragraph(doc, t("sieving_notice_date", lang)).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    paragraph(doc, t("gletter_subject", lang), bold=True)
    paragraph(doc, t("gletter_to", lang, guarantor=text(guarantor)))
    for line in address_lines(lang):
        paragraph(doc, line)
    paragraph(doc, t("gletter_body", lang, name=text(loan.name), member=text(loan.member_no),
                     contract=text(loan.contract), since=long_date(loan.default_date, lang),
                     as_of=long_date(as_of, lang)))
    paragraph(doc, t("gletter_amounts", lang, principal=baht(loan.overdue_amount), interest=baht(loan.interest_arrears),
                     penalty=baht(loan.penalty)))
    paragraph(doc, t("gletter_law", lang))
    paragraph(doc, t("sieving_notice_close", lang))
    for line in (t("sieving_notice_regards", lang), "", t("ann_sign", lang), f"({t('ann_manager', lang)})"):
        paragraph(doc, line, center=True)


def format_text(found: GuarantorList, lang: str = "th") -> str:
    """The list as a readable report: the rule, the loans still in time (fewest days left first), those past
    their 60 days with what is at risk, and the counts left out."""
    late_risk = float(found.late["at_risk"].sum())
    lines = [t("guarantors_head", lang, day=day(found.as_of, lang)), t("guarantors_rule", lang), "",
             t("guarantors_within", lang, days=found.within_days, n=len(found.within)),
             *_rows(found.within, "days_left", lang), "",
             t("guarantors_late", lang, n=len(found.late), baht=baht(late_risk)),
             *_rows(found.late, "days_late", lang), t("guarantors_at_risk_note", lang), "",
             t("guarantors_counts", lang, without=found.without, told=found.notified)]
    return "\n".join(lines)


def _rows(frame: pd.DataFrame, days: str, lang: str) -> list[str]:
    if frame.empty:
        return [f"  {t('guarantors_none', lang)}"]
    head = [fit(t(f"col_{c}", lang), w) for c, w in (("member_no", 8), ("name", 22), ("contract", 13),
                                                      ("guarantor", 26), ("default_date", 12), ("last_day", 14))]
    extra = [(days, 8), *([("at_risk", 14)] if days == "days_late" else [])]
    lines = ["  " + " ".join([*head, *(right(t(f"col_{c}", lang), w) for c, w in extra)]).rstrip()]
    for row in frame.itertuples(index=False):
        cells = [fit(str(v), w) for v, w in ((row.member_no, 8), (" ".join(str(row.name).split()), 22),
                                             (row.contract, 13), (row.guarantor, 26),
                                             (day(row.default_date, lang), 12), (day(row.last_day, lang), 14))]
        values = [f"{getattr(row, days):,}", *([baht(row.at_risk)] if days == "days_late" else [])]
        lines.append("  " + " ".join([*cells, *(right(v, w) for v, (_, w) in zip(values, extra))]).rstrip())
    return lines
