"""The follow-up as `followup --json`, as a text report, and as the board's one-page Thai summary (xlsx, docx).

Money leaves here in baht to 0.01, computed from integer satang.
"""

from __future__ import annotations

import pandas as pd

from ..followup import Comparison
from ..followup_actions import Judged
from ..followup_plan import BEST_OF, MIN_MEMBERS, Review
from ..i18n import t
from . import xlsx
from ..words import long_date
from .display import day

MONEY_KEYS = ("overdue_then", "overdue_now", "recovered", "refinanced", "left_overdue", "increase")
TABLE_MONEY = frozenset({"overdue_then", "overdue_now", "recovered", "refinanced"})


def baht(satang: int) -> float:
    return round(int(satang) / 100, 2)


def as_json(comparison: Comparison, review: Review | None = None, label=str, judged: Judged | None = None) -> dict:
    """The comparison (with a plan, its sections; with the record, what was done); member numbers through
    `label` (e.g. aliases)."""
    totals = comparison.totals()
    m = comparison.members
    out = {"as_of_old": comparison.as_of_old.isoformat(), "as_of_new": comparison.as_of_new.isoformat(),
           "status": comparison.count(), **{k: baht(totals[k]) for k in MONEY_KEYS},
           "refinanced_members": {"members": int((m["refinanced"]).sum()), "amount": baht(totals["refinanced"])},
           "members": [{"member": label(member), "status": s, "overdue_then": then / 100, "overdue_now": now / 100}
                       for member, s, then, now in zip(m["member"], m["status"], m["overdue_then"].tolist(),
                                                       m["overdue_now"].tolist())],
           "transitions": comparison.transitions().to_dict("records"), "loans": comparison.loans}
    if judged is not None:
        out |= record_json(judged, label)
    if review is not None:
        out["plan"] = plan_json(review, label)
    if review is not None or judged is not None:
        out["best_practice"] = best_json(review, judged)
    return out


def record_json(judged: Judged, label=str) -> dict:
    """What was done: by kind and technique beside the untreated debtors, and the promises."""
    return {"by_action": [{"kind": r["kind"], "technique": r["technique"] or None, **_judged(r, label),
                           "uplift": round(float(r["uplift"]), 4)} for r in judged.by_action.to_dict("records")],
            "untreated": _judged(judged.untreated, label),
            "promises": {**{k: baht(v) if k.endswith("_amount") else v
                            for k, v in judged.promise_counts().items()},
                         "broken_list": [{"member": label(r["member"]), "date": r["date"].isoformat(),
                                          "promised_date": r["promised_date"].isoformat(), "amount": baht(r["amount"]),
                                          "paid": baht(r["paid"])} for r in judged.broken.to_dict("records")]}}


def _judged(figures: dict, label=str) -> dict:
    return {"members": int(figures["members"]), "overdue_then": baht(figures["overdue_then"]),
            "recovered": baht(figures["recovered"]), "refinanced": baht(figures["refinanced"]),
            "rate": round(float(figures["rate"]), 4),
            "member_list": [label(m) for m in figures["member_list"]]}


def plan_json(review: Review, label=str) -> dict:
    missing = review.missing
    return {"refinanced": {"members": review.refinanced()["members"], "amount": baht(review.refinanced()["amount"])},
            "missing": [{"member": label(n), "overdue_then": v / 100}
                        for n, v in zip(missing["member"], missing["overdue_then"].tolist())],
            **{f"by_{d}": _rows(review.by[d]) for d in review.by}}


def best_json(review: Review | None, judged: Judged | None = None) -> dict:
    """The best rates: of what was done (beside the untreated rate), and per plan dimension."""
    out: dict = {"min_members": MIN_MEMBERS}
    if judged is not None:
        out["untreated_rate"] = round(float(judged.untreated["rate"]), 4)
        out["action"] = [{"kind": r["kind"], "technique": r["technique"] or None, "members": int(r["members"]),
                          "rate": round(float(r["rate"]), 4), "uplift": round(float(r["uplift"]), 4),
                          "enough": bool(r["enough"])} for r in judged.best().to_dict("records")]
    if review is not None:
        out |= {d: _rows(review.best(d), with_enough=True) for d in BEST_OF}
    return out


def _rows(table: pd.DataFrame, with_enough: bool = False) -> list[dict]:
    rows = []
    for r in table.to_dict("records"):
        row = {"value": r["value"], "members": r["members"], "cleared": r["cleared"],
               "refinanced_members": r["refinanced_members"], "missing": r["missing"],
               **{k: baht(r[k]) for k in TABLE_MONEY}, "rate": round(float(r["rate"]), 4)}
        rows.append(row | ({"enough": bool(r["enough"])} if with_enough else {}))
    return rows


def money(satang: int, lang: str) -> str:
    return f"{satang / 100:,.2f} {t('baht', lang)}"


def identity_line(comparison: Comparison, lang: str) -> str:
    x = {k: money(v, lang) for k, v in comparison.totals().items()}
    return t("fu_identity", lang, then=x["overdue_then"], recovered=x["recovered"], refinanced=x["refinanced"],
             left=x["left_overdue"], increase=x["increase"], now=x["overdue_now"])


def format_text(comparison: Comparison, review: Review | None, lang: str = "th", judged: Judged | None = None) -> str:
    lines = [t("fu_title", lang, old=day(comparison.as_of_old, lang), new=day(comparison.as_of_new, lang)),
             identity_line(comparison, lang), "", t("fu_statuses", lang)]
    lines += [f"  {t('fu_' + s, lang)}: {n:,}" for s, n in comparison.count().items()]
    if comparison.loans:
        lines.append(t("fu_loans", lang, **comparison.loans))
    lines += ["", t("fu_transitions", lang)]
    lines += [f"  {_bucket(r['from'], lang)} → {_bucket(r['to'], lang)}: {r['members']:,}"
              for r in comparison.transitions().to_dict("records")]
    if judged is not None:
        lines += ["", *record_lines(judged, lang)]
    if review is not None:
        lines += ["", *review_lines(review, lang)]
    return "\n".join(lines)


def record_lines(judged: Judged, lang: str) -> list[str]:
    """What was done beside the untreated, the promises, and the broken ones for the next round."""
    base = judged.untreated
    lines = [t("fu_by_action", lang), "  " + _rate_line(t("fu_untreated", lang), base, lang)]
    for r in judged.by_action.to_dict("records"):
        name = action_label(r["kind"], r["technique"], lang)
        pooled = f" ({t('col_refinanced', lang)} {money(r['refinanced'], lang)})" if r["refinanced"] else ""
        lines.append("  " + _rate_line(name, r, lang) + pooled + " " +
                     t("fu_uplift", lang, points=f"{r['uplift'] * 100:+.1f}"))
    p = judged.promise_counts()
    lines += ["", t("fu_promises", lang, kept=p["kept"], broken=p["broken"], pending=p["pending"],
                    kept_amount=money(p["kept_amount"], lang), broken_amount=money(p["broken_amount"], lang))]
    lines += ["  " + t("fu_broken_line", lang, member=r["member"], date=day(r["promised_date"], lang),
                       amount=money(r["amount"], lang), paid=money(r["paid"], lang))
              for r in judged.broken.to_dict("records")]
    return lines


def _rate_line(name: str, r: dict, lang: str) -> str:
    return (f"{name}: {money(r['recovered'], lang)} / {money(r['overdue_then'], lang)} ({r['rate']:.1%}, "
            f"{r['members']:,} {t('people', lang)})")


def action_label(kind: str, technique: int, lang: str) -> str:
    """"ส่งหนังสือแล้ว (1 ร่อนตะแกรง)": an action's kind, and its technique when one was named."""
    from ..actions import kind_word, technique_word

    name = kind_word(kind, lang)
    return f"{name} ({technique_word(technique, lang)})" if technique else name


def review_lines(review: Review, lang: str) -> list[str]:
    refinanced = review.refinanced()
    lines = [t("fu_refinanced_note", lang),
             t("fu_refinanced", lang, n=refinanced["members"], amount=money(refinanced["amount"], lang))]
    missing = review.missing
    if len(missing):
        lines.append(t("fu_missing", lang, n=len(missing), members=", ".join(missing["member"].head(20))))
    for d in review.by:
        lines += ["", t(f"fu_by_{d}", lang)]
        lines += [f"  {value_label(d, r['value'], lang)}: {money(r['recovered'], lang)} / {money(r['overdue_then'], lang)}"
                  f" ({r['rate']:.1%}, {r['members']:,} {t('people', lang)}; "
                  f"{t('col_refinanced', lang)} {money(r['refinanced'], lang)})"
                  for r in review.by[d].to_dict("records")]
    return lines + ["", *best_lines(review, lang)]


def best_lines(review: Review, lang: str) -> list[str]:
    lines = [t("fu_best", lang), t("fu_best_note", lang, n=MIN_MEMBERS)]
    for d in BEST_OF:
        lines.append(t(f"fu_by_{d}", lang))
        lines += ["  " + t("fu_rate_line", lang, value=value_label(d, r["value"], lang), rate=f"{r['rate']:.1%}",
                           members=r["members"], few="" if r["enough"] else t("fu_few", lang))
                  for r in review.best(d).to_dict("records")]
    return lines


def _bucket(label: str, lang: str) -> str:
    return t(f"fu_{label}", lang) if label in ("joined", "left") else t(f"bucket_{label}", lang, default=label)


def value_label(dimension: str, value: str, lang: str) -> str:
    if value == "":
        return t("fu_not_set", lang)
    from ..plan import CODED, code_word, short_name

    if dimension == "technique":
        return short_name(value, lang)
    return code_word(dimension, value, lang) if dimension in CODED else value


# ---------------------------------------------------------------- the board's one page


def summary_rows(comparison: Comparison, review: Review | None, lang: str = "th") -> list[tuple[str, str]]:
    """(item, amount) lines of the one-page summary: the identity, the statuses, the best rates."""
    totals = comparison.totals()
    rows = [(t(f"col_{k}" if k in TABLE_MONEY else f"fu_sum_{k}", lang), money(totals[k], lang))
            for k in ("overdue_then", "recovered", "refinanced", "left_overdue", "increase", "overdue_now")]
    rows += [(t(f"fu_{s}", lang), f"{n:,} {t('people', lang)}") for s, n in comparison.count().items()]
    if review is not None:
        for d in BEST_OF:
            rows += [(f"{t(f'fu_by_{d}', lang)}: {value_label(d, r['value'], lang)}",
                      t("fu_rate_line", lang, value="", rate=f"{r['rate']:.1%}", members=r["members"],
                        few="" if r["enough"] else t("fu_few", lang)).lstrip(": "))
                     for r in review.best(d, top=3).to_dict("records")]
    return rows


def summary_xlsx(comparison: Comparison, review: Review | None, coop: str | None, lang: str = "th") -> bytes:
    rows = [(t("fu_summary_title", lang), coop or ""), (t("fu_summary_period", lang, old=day(comparison.as_of_old, lang),
                                                           new=day(comparison.as_of_new, lang)), "")]
    frame = pd.DataFrame(rows + summary_rows(comparison, review, lang), columns=["item", "amount"])
    return xlsx.workbook([xlsx.Sheet(t("xl_summary", lang), frame, [t("fu_item", lang), t("fu_amount", lang)])])


def summary_docx(comparison: Comparison, review: Review | None, coop: str | None, lang: str = "th") -> bytes:
    """One page for the board: title, period, the identity and the statuses, the best rates (TH Sarabun New)."""
    from .thai_docx import (
        TITLE_SIZE,
        paragraph,
        table,
        thai_document,
        to_bytes,
    )

    doc = thai_document()
    paragraph(doc, t("fu_summary_title", lang), TITLE_SIZE, bold=True, center=True)
    if coop:
        paragraph(doc, coop, bold=True, center=True)
    paragraph(doc, t("fu_summary_period", lang, old=long_date(comparison.as_of_old, lang),
                     new=long_date(comparison.as_of_new, lang)), center=True)
    table(doc, [t("fu_item", lang), t("fu_amount", lang)], [list(r) for r in summary_rows(comparison, review, lang)])
    paragraph(doc, t("fu_refinanced_note", lang))
    if review is not None:
        paragraph(doc, t("fu_best_note", lang, n=MIN_MEMBERS))
    return to_bytes(doc)
