"""A summary dict -> a short plain-text report, in Thai or English."""

from __future__ import annotations

from ..display import bucket, percent, row_note
from ..i18n import t
from ..read.account import RowNote


def baht(value: float | None) -> str:
    return "-" if value is None else f"{value:,.2f}"


LISTED = 15  # rows listed by name in the text report; the JSON lists all


def format_report(s: dict, lang: str = "th") -> str:
    """A short plain-text report of a summary dict, in Thai or English."""
    lines = [
        f"{t('file', lang)}: {s['file']}" + (f" [{s['sheet']}]" if s.get("sheet") else ""),
        *([t("sheets_line", lang, sheets=", ".join(s["sheets"]))] if len(s["sheets"]) > 1 else []),
        f"{t('as_of', lang)}: {s['as_of']} ({t('as_of_' + s['as_of_source'], lang)})",
        t("rows_line", lang, **s["rows"]),
        f"{t('members', lang)}: {s['members']:,}   {t('members_overdue', lang)}: {s['members_overdue']:,}"
        f"   {t('members_long', lang, days=s['long_overdue_days'])}: {s['members_long_overdue']:,}",
        f"{t('outstanding', lang)}: {baht(s['outstanding'])}   {t('overdue', lang)}: {baht(s['overdue'])}"
        f"   {t('interest_arrears', lang)}: {baht(s['interest_arrears'])}",
        f"PAR30: {percent(s['par30'])}   PAR90: {percent(s['par90'])}",
        _reconciliation_line(s["reconciliation"], lang),
        "",
        t("aging_title", lang),
        *(f"  {bucket(r['bucket'], lang):<16} {r['loans']:>7,} "
          f"{r['members']:>7,} {baht(r['overdue']):>18}" for r in s["aging"]),
        "",
        t("groups_title", lang),
        *(f"  {r['group'][:30]:<30} {r['members_overdue']:>5,}/{r['members']:<5,} {baht(r['overdue']):>18}"
          f" {percent(r['share']):>7}" for r in s["by_group"][:10]),
    ]
    if s["loans_without_due_date"]:
        lines += ["", t("no_due_date", lang, n=s["loans_without_due_date"])]
    if s["unmapped_headers"]:
        lines += ["", t("unmapped", lang, headers=", ".join(s["unmapped_headers"]))]
    lines += _row_list(t("noted_rows", lang, n=len(s["notes"])), s["notes"], lang, skipped=False)
    lines += _row_list(t("skipped_title", lang, n=len(s["skipped"])), s["skipped"], lang)
    return "\n".join(lines)


def _reconciliation_line(rec: dict, lang: str) -> str:
    if not rec["has_total"]:
        return t("rec_none", lang)
    if rec["matches"]:
        return t("rec_ok", lang)
    diffs = ", ".join(f"{k} {v:+,.2f}" for k, v in rec["differences"].items() if v)
    return t("rec_diff", lang, diffs=diffs)


def _row_list(title: str, items: list[dict], lang: str, skipped: bool = True) -> list[str]:
    """A titled list of rows and what was said of each, in one language, the first LISTED of them."""
    if not items:
        return []
    notes = [RowNote(x["row"], x["code"], x["field"], x["detail"]) for x in items[:LISTED]]
    lines = ["", title] + [f"  {t('row', lang)} {n.row}: {row_note(n, lang, skipped)}" for n in notes]
    return lines + ([f"  … +{len(items) - LISTED}"] if len(items) > LISTED else [])
