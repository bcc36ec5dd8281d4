"""A summary dict -> a short plain-text report, in Thai or English: BE dates in Thai, columns aligned by
display width (Thai vowels and tone marks take no column), every cut list saying how many more."""

from __future__ import annotations

from datetime import date

from wcwidth import wcswidth

from ..i18n import t
from ..read.account import RowNote
from .display import baht, bucket, day, percent, row_note
from .summary import technique_json

LISTED = 15  # rows listed by name in the text report; the JSON lists all
GROUPS_LISTED = 15
NAME_WIDTH = 28  # display columns for a group's or member's name


def width(text: str) -> int:
    """Columns a terminal gives the text (combining marks none); unprintable characters count one."""
    columns = wcswidth(text)
    return columns if columns >= 0 else len(text)


def fit(text: str, columns: int) -> str:
    """The text cut to `columns` display columns (with "…") and padded to exactly that many."""
    if width(text) > columns:
        while text and width(text) > columns - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (columns - width(text))


def right(text: str, columns: int) -> str:
    return " " * max(0, columns - width(text)) + text


def format_report(s: dict, lang: str = "th") -> str:
    """A short plain-text report of a summary dict, in Thai or English."""
    lines = _head(s, lang) + ["", *_techniques(s, lang), "", *_aging(s, lang), "", *_groups(s, lang),
                              *_statuses(s, lang), *_classes(s["classes"], lang), *_top_members(s, lang)]
    if s["loans_without_due_date"]:
        lines += ["", t("no_due_date", lang, n=s["loans_without_due_date"])]
    if s["keyed_by_name"]:
        lines += ["", *_by_name(s["keyed_by_name"], lang)]
    if s["unmapped_headers"]:
        lines += ["", t("unmapped", lang, headers=", ".join(s["unmapped_headers"]))]
    lines += _row_list(t("noted_rows", lang, n=len(s["notes"])), s["notes"], lang, skipped=False)
    lines += _row_list(t("skipped_title", lang, n=len(s["skipped"])), s["skipped"], lang)
    return "\n".join(lines)


def _head(s: dict, lang: str) -> list[str]:
    return [
        f"{t('file', lang)}: {s['file']}" + (f" [{s['sheet']}]" if s.get("sheet") else ""),
        *_sheets(s, lang),
        f"{t('as_of', lang)}: {day(date.fromisoformat(s['as_of']), lang)} ({t('as_of_' + s['as_of_source'], lang)})",
        t("rows_line", lang, **s["rows"]),
        f"{t('members', lang)}: {s['members']:,}   {t('members_overdue', lang)}: {s['members_overdue']:,}"
        f"   {t('members_long', lang, days=s['long_overdue_days'])}: {s['members_long_overdue']:,}",
        f"{t('outstanding', lang)}: {baht(s['outstanding'])}   {t('overdue', lang)}: {baht(s['overdue'])}"
        f"   {t('interest_arrears', lang)}: {baht(s['interest_arrears'])}",
        f"PAR30: {percent(s['par30'])}   PAR90: {percent(s['par90'])}",
        _reconciliation_line(s["reconciliation"], lang),
    ]


def _sheets(s: dict, lang: str) -> list[str]:
    """The sheets read together, and those left out and why; else the workbook's other sheets."""
    if len(s["sheets_read"]) > 1:
        left = ", ".join(f"{x['sheet']} ({t('sheet_left_' + x['why'], lang)})" for x in s["sheets_left"])
        return [t("sheets_read_line", lang, n=len(s["sheets_read"]), sheets=", ".join(s["sheets_read"])),
                *([t("sheets_left_line", lang, sheets=left)] if left else [])]
    return [t("sheets_line", lang, sheets=", ".join(s["sheets"]))] if len(s["sheets"]) > 1 else []


def _techniques(s: dict, lang: str) -> list[str]:
    """The five techniques ranked, each with its score and the ledger's figures behind it."""
    return [t("techniques_title", lang), *(line for x in s["techniques"] for line in _technique(x, lang))]


def _technique(x: dict, lang: str) -> list[str]:
    """A technique's score and name, then its evidence (`summary.technique_json`'s dict)."""
    return [f"  {x['score']:.2f}  {t('technique_n', lang, n=x['number'])} {x['name_' + lang]}",
            *(f"        - {e[lang]}" for e in x["evidence"]),
            *(f"        ? {t('unknown_line', lang, question=q[lang])}" for q in x["unknown"])]


def technique_text(score, members: list[str], lang: str = "th") -> str:
    """A technique alone: its score with the evidence, and the member numbers it applies to."""
    shown = members[:TOP_APPLIES]
    lines = [*_technique(technique_json(score), lang), f"  {t('applies_to', lang, n=len(members))}"]
    return "\n".join(lines + [f"    {m}" for m in shown] + more(len(members) - len(shown), lang))


TOP_APPLIES = 50  # member numbers listed before "… and N more"


def _aging(s: dict, lang: str) -> list[str]:
    return [t("aging_title", lang)] + [
        f"  {fit(bucket(r['bucket'], lang), 16)} {r['loans']:>7,} {r['members']:>7,} {baht(r['overdue']):>18}"
        for r in s["aging"]]


def _groups(s: dict, lang: str) -> list[str]:
    groups = s["by_group"]
    lines = [t("groups_title", lang)] + [
        f"  {fit(r['group'], NAME_WIDTH)} {r['members_overdue']:>5,}/{r['members']:<5,}"
        f" {baht(r['overdue']):>18} {percent(r['share']):>7}" for r in groups[:GROUPS_LISTED]]
    return lines + more(len(groups) - GROUPS_LISTED, lang)


def _statuses(s: dict, lang: str) -> list[str]:
    if not s["by_status"]:
        return []
    return ["", t("status_title", lang)] + [
        f"  {fit(t('status_' + r['status'], lang), 22)} {r['loans']:>7,} {r['members']:>7,} {baht(r['overdue']):>18}"
        for r in s["by_status"]]


def _classes(c: dict, lang: str) -> list[str]:
    """The loan-quality classes: loans, members, outstanding, principal overdue and the allowance ("not set"
    where the co-op typed no rate); whose interest stops; which rules are the Registrar's; what the ledger lacks."""
    rows = [*c["rows"], c["unclassified"]]
    lines = ["", t("classes_title", lang)] + [
        f"  {fit(r['names'][lang], 22)} {r['loans']:>7,} {r['members']:>7,}"
        f" {baht(r['outstanding']):>18} {baht(r['principal_overdue']):>18}"
        f"  {t('classes_not_set', lang) if r['allowance'] is None and r is not rows[-1] else baht(r['allowance'])}"
        for r in rows]
    if c["allowance"] is not None:
        lines.append(f"  {t('classes_allowance_total', lang, allowance=baht(c['allowance']))}")
    stopping = c["non_accrual"]
    lines.append(f"  {t('classes_non_accrual_line', lang, n=stopping['members'])}"
                 + (f" {t('classes_interest', lang, interest=baht(stopping['interest_arrears']))}"
                    if stopping["interest_arrears"] is not None else ""))
    lines.append(f"  {t('classes_source_line', lang, regulation=c['source']['regulation'][lang])}")
    return lines + [f"  {note[lang]}" for note in c["notes"]]


def _by_name(keys: dict, lang: str) -> list[str]:
    return [t("keyed_by_name", lang, headers=", ".join(keys["unknown_headers"]) or "-"),
            *(t("name_shared", lang, header=x["header"], n=x["names"]) for x in keys["shared"])]


def _top_members(s: dict, lang: str) -> list[str]:
    top = s["top_members"]
    if not top:
        return []
    return ["", t("top_title", lang, n=len(top))] + [
        f"  {fit(r['member'], 8)} {fit(r['name'], NAME_WIDTH)} {fit(r['group'], NAME_WIDTH)}"
        f" {r['days']:>6,} {baht(r['overdue']):>16}" for r in top]


def more(hidden: int, lang: str) -> list[str]:
    return [f"  {t('and_more', lang, n=hidden)}"] if hidden > 0 else []


def _reconciliation_line(rec: dict, lang: str) -> str:
    if not rec["has_total"] or rec["matches"] is None:  # no total row, or one without amounts
        return t("rec_none", lang)
    if rec["matches"]:
        return t("rec_ok", lang)
    diffs = ", ".join(f"{k} {v:+,.2f}" for k, v in rec["differences"].items() if v)
    return t("rec_diff", lang, diffs=diffs)


def _row_list(title: str, items: list[dict], lang: str, skipped: bool = True) -> list[str]:
    """A titled list of rows and what was said of each, in one language, the first LISTED of them."""
    if not items:
        return []
    notes = [RowNote(x["row"], x["code"], x["field"], x["detail"], x.get("sheet", "")) for x in items[:LISTED]]
    lines = ["", title] + [f"  {n.sheet + ' ' if n.sheet else ''}{t('row', lang)} {n.row}: {row_note(n, lang, skipped)}"
                           for n in notes]
    return lines + more(len(items) - LISTED, lang)
