"""A Result -> the summary figures as one JSON-ready dict (`summary --json`)."""

from __future__ import annotations

from ..analyse import PAR_DAYS
from ..classes import classify
from ..i18n import t
from ..pipeline import Result
from ..read.account import LABELLED, RowNote
from ..techniques.base import Score
from ..techniques.registry import by_number
from ..techniques.selector import rank
from .display import evidence


def summarise(result: Result) -> dict:
    """Every headline figure, table and account of rows, money in baht to the satang."""
    a, ledger = result.analysis, result.ledger
    head = a.headline
    return {
        "file": result.file,
        "sheet": result.reading.sheet,
        "sheets": result.reading.sheets,
        "sheets_read": result.reading.sheets_read,
        "sheets_left": [{"sheet": name, "why": why} for name, why in result.reading.sheets_left],
        "encoding": result.reading.encoding,
        "as_of": result.as_of.isoformat(),
        "as_of_source": result.as_of_source,
        "header_row": ledger.header_row,
        "rows": {"read": ledger.rows_read, "loans": len(ledger.loans), "skipped": len(ledger.skipped)},
        "skipped": [{"row": n.row, "reason": both_languages(n), **_codes(n)} for n in ledger.skipped],
        "notes": [{"row": n.row, "note": both_languages(n, skipped=False), **_codes(n)} for n in ledger.notes],
        "loans_overdue": head["loans_overdue"],
        "loans_without_due_date": int(ledger.loans["due_date"].isna().sum()),
        "members": head["members"],
        "members_overdue": head["members_overdue"],
        "members_overdue_over_365": head["members_overdue_over_365"],
        "members_long_overdue": head["members_long_overdue"],
        "long_overdue_days": a.settings.long_overdue_days,
        "groups": head["groups"],
        "groups_overdue": head["groups_overdue"],
        "outstanding": head["outstanding"],
        "overdue": head["overdue"],
        "interest_arrears": head["interest_arrears"],
        **{f"par{d}": _fraction(head[f"par{d}"]) for d in PAR_DAYS},
        "overdue_basis": "principal_overdue" if ledger.has_overdue_column else "outstanding",
        "aging": [{"bucket": r.bucket, "loans": int(r.loans), "members": int(r.members),
                   "overdue": round(float(r.overdue), 2)} for r in a.aging.itertuples()],
        "by_group": [{"group": r.group, "members": int(r.members), "members_overdue": int(r.members_overdue),
                      "overdue": round(float(r.overdue), 2), "share": _fraction(float(r.share))}
                     for r in a.groups.itertuples()],
        "top_members": [{"member": r.member_no, "name": r.name, "group": r.group, "days": int(r.days),
                         "overdue": round(float(r.overdue), 2)}
                        for r in a.members[a.members["overdue"] > 0].head(a.settings.top_members).itertuples()],
        "by_status": [{"status": r.status, "loans": int(r.loans), "members": int(r.members),
                       "overdue": round(float(r.overdue), 2)} for r in a.by_status.itertuples()],
        "reconciliation": result.reconciliation.as_dict(),
        "unmapped_headers": ledger.headers.unmapped,
        "ignored_headers": ledger.headers.ignored,
        "columns": {f: i + 1 for f, i in ledger.headers.columns.items()},
        "keyed_by_name": _by_name(ledger),
        "coop": ledger.coop,
        "techniques": [technique_json(score) for score in rank(a)],
        "classes": classify(a).as_json(),
    }


def technique_json(score: Score) -> dict:
    card = by_number(score.number).card
    return {"number": score.number, "name_th": card.name[0], "name_en": card.name[1], "score": score.score,
            "evidence": [{"code": e.code, "th": evidence(e, "th"), "en": evidence(e, "en"), "values": e.values}
                         for e in score.evidence],
            "parts": [{"code": p.code, "value": _figure(p.value), "threshold": _figure(p.threshold),
                       "score": round(p.score, 4)} for p in score.parts],
            "unknown": [{"code": q.code, "th": q.th, "en": q.en} for q in score.unknown]}


def _figure(value: float) -> int | float:
    """A count stays a whole number; a share or an amount to 6 decimals."""
    return value if isinstance(value, int) else round(float(value), 6)


def both_languages(note: RowNote, skipped: bool = True) -> str:
    """A row note for programs and logs, English then Thai: "subtotal / แถวยอดรวมกลุ่ม: รวม กลุ่มที่ 3"."""
    text = f"{t(f'skip_{note.code}', 'en')} / {t(f'skip_{note.code}', 'th')}"
    if note.code in LABELLED:
        text += f": {note.detail}"
    elif note.field:
        text += f": {note.field}='{note.detail}'"
    return text if skipped else f"{text} ({t('left_blank', 'en')} / {t('left_blank', 'th')})"


def _codes(note: RowNote) -> dict:
    """The note's codes; its sheet where several sheets were read together."""
    return {"code": note.code, "field": note.field, "detail": note.detail} | ({"sheet": note.sheet} if note.sheet else {})


def _by_name(ledger) -> dict | None:
    """Where names stand in for member numbers: the unknown headers, and those that split a name."""
    keys = ledger.keyed_by_name
    if keys is None:
        return None
    return {"unknown_headers": keys.unknown,
            "shared": [{"header": h, "names": n} for h, n in keys.shared.items()]}


def _fraction(value: float | None) -> float | None:
    """Shares to 6 decimals: enough that a percent with one decimal is not rounded twice."""
    return None if value is None else round(value, 6)
