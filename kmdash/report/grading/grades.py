"""A member grading in words and tables: the criteria's bands, each grade's welfare, each member's lift;
`grade --json`, the text report and the members' CSV."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ...i18n import t
from ...pipeline import Result
from ...settings import Criterion, Grade
from ...techniques.grading.grades import LEDGER_KEYS, Grading
from ..display import count, day
from ..text import fit, right


def number(value: float) -> int | float:
    """20.0 -> 20, 2.5 -> 2.5: as people write points and thresholds."""
    return int(value) if float(value).is_integer() else round(float(value), 2)


def numbers(values) -> list[int | float]:
    """number() of each value, for a column of many."""
    return [int(v) if v.is_integer() else round(v, 2) for v in np.asarray(values, dtype=float).tolist()]


def unit_word(criterion: Criterion, lang: str = "th") -> str:
    """"วัน", "%", "สัญญา": the criterion's unit in words ("" for none)."""
    return t(f"grading_per_{criterion.unit}", lang) if criterion.unit else ""


def _with_unit(value: float, criterion: Criterion, lang: str) -> str:
    unit = unit_word(criterion, lang)
    text = f"{number(value):,}"
    return text + unit if unit == "%" else f"{text} {unit}".rstrip()


def band_text(criterion: Criterion, threshold: float, lang: str = "th") -> str:
    """"ไม่เกิน 90 วัน", "ตั้งแต่ 20%", "0 สัญญา"."""
    value = _with_unit(threshold, criterion, lang)
    if threshold == 0 and not criterion.higher_is_better:
        return value
    return t("grading_band_at_least" if criterion.higher_is_better else "grading_band_at_most", lang, v=value)


def floor_text(criterion: Criterion, lang: str = "th") -> str:
    """The values below every band: "เกิน 365 วัน", "ต่ำกว่า 5%" (and, for a sheet, members not on it)."""
    worst = _with_unit(criterion.bands[0][0], criterion, lang)
    text = t("grading_band_under" if criterion.higher_is_better else "grading_band_over", lang, v=worst)
    return text if criterion.key in LEDGER_KEYS else t("grading_band_no_record", lang, band=text)


def criterion_lines(criterion: Criterion, lang: str = "th") -> list[tuple[str, int | float]]:
    """(band in words, points), best first, the floor last."""
    lines = [(band_text(criterion, v, lang), number(p)) for v, p in reversed(criterion.bands)]
    return lines + [(floor_text(criterion, lang), number(criterion.floor))]


def max_points(grading: Grading) -> int | float:
    return number(sum(c.bands[-1][1] for c in grading.criteria))


def welfare_text(grade: Grade, lang: str = "th") -> str:
    """The board's words and amount for a grade ("ของที่ระลึก · 500.00 บาท"); "for the board to decide" when
    it gave neither."""
    w = grade.welfare
    parts = [w.text.strip()] * bool(w.text.strip()) + [t("grading_welfare_amount", lang, v=w.amount)] * bool(w.amount)
    return " · ".join(parts) or t("grading_welfare_none", lang)


def status_line(grading: Grading, lang: str = "th") -> str:
    """Whose criteria these are: the program's example (not approved by the board) or the board's."""
    return t("grading_example" if grading.rules.example else "grading_set", lang)


def unmeasured_line(grading: Grading, lang: str = "th") -> str | None:
    """The enabled criteria without data, named; None when every one is measured."""
    names = ", ".join(c.name(lang) for c in grading.unmeasured)
    return t("grading_not_measured", lang, names=names) if names else None


def grade_range(grading: Grading, index: int, lang: str = "th") -> str:
    """"ตั้งแต่ 85 คะแนน"; the last grade: "ต่ำกว่า 40 คะแนน" (everyone below the grade above)."""
    grades = grading.rules.grades
    if index == len(grades) - 1 and index > 0:
        return t("grading_range_below", lang, n=number(grades[index - 1].min_points))
    return t("grading_range_from", lang, n=number(grades[index].min_points))


def lift_texts(grading: Grading, lang: str = "th") -> pd.Series:
    """Per member: the one change that would lift them a grade, in words ("-" where none can)."""
    names = {c.key: c for c in grading.criteria}

    def say(top, key, to, gain, enough) -> str:
        if not key:
            return t("grading_lift_top", lang) if top else "-"
        c = names[key]
        line = t("grading_lift_line", lang, criterion=c.name(lang), target=band_text(c, to, lang), gain=number(gain))
        return line if enough else t("grading_lift_short", lang, line=line)

    m = grading.members
    keys = list(zip((m["grade"] == 0).tolist(), m["lift"].fillna("").tolist(), m["lift_to"].fillna(0.0).tolist(),
                    m["lift_gain"].tolist(), m["lift_enough"].tolist()))
    said = {k: say(*k) for k in set(keys)}
    return pd.Series([said[k] for k in keys], index=m.index)


def members_table(grading: Grading, lang: str = "th") -> pd.DataFrame:
    """member_no, name, group, points per criterion (headed by the criterion's name), points, grade, lift."""
    m = grading.members
    names = np.array([g.name(lang) for g in grading.rules.grades], dtype=object)
    table = m[["member_no", "name", "group"]].copy()
    for c in grading.criteria:
        table[c.name(lang)] = numbers(m[f"pts_{c.key}"])
    return table.assign(points=numbers(m["points"]), grade=names[m["grade"].to_numpy()],
                        lift=lift_texts(grading, lang))


def members_csv(grading: Grading, lang: str = "th") -> bytes:
    return table_csv(members_table(grading, lang), lang)


def table_csv(table: pd.DataFrame, lang: str = "th") -> bytes:
    """The members' table as CSV with headers in the language, UTF-8 with BOM (Thai Excel opens it)."""
    labels = {c: t(f"col_{c}", lang) for c in ("member_no", "name", "group", "points", "grade", "lift")}
    return table.rename(columns=labels).to_csv(index=False).encode("utf-8-sig")


def counts_table(grading: Grading, lang: str = "th") -> pd.DataFrame:
    counts = grading.counts()
    grades = grading.rules.grades
    return pd.DataFrame({
        "grade": [g.name(lang) for g in grades],
        "min_points": [grade_range(grading, i, lang) for i in range(len(grades))],
        "members": counts["members"],
        "welfare": [welfare_text(g, lang) for g in grades],
    })


def grading_json(result: Result, grading: Grading, lang: str = "th") -> dict:
    """`grade --json`: criteria, grades with members and welfare, every member once."""
    counts = grading.counts()["members"].tolist()
    m = grading.members
    grade_names = [g.name(lang) for g in grading.rules.grades]
    lifts = [None if k is None else {"criterion": k, "to": number(to), "gain": number(g), "enough": e}
             for k, to, g, e in zip(m["lift"].tolist(), m["lift_to"].tolist(), m["lift_gain"].tolist(),
                                    m["lift_enough"].tolist())]
    return {
        "file": result.file, "coop": result.ledger.coop, "as_of": result.as_of.isoformat(),
        "example": grading.rules.example,
        "criteria": [{"key": c.key, "name": c.name(lang), "unit": unit_word(c, lang),
                      "higher_is_better": c.higher_is_better,
                      "bands": [{"threshold": number(v), "points": number(p)} for v, p in c.bands],
                      "otherwise": number(c.floor)} for c in grading.criteria],
        "not_measured": [{"key": c.key, "name": c.name(lang)} for c in grading.unmeasured],
        "max_points": max_points(grading),
        "grades": [{"grade": g.name(lang), "min_points": number(g.min_points), "members": int(n),
                    "welfare": {"text": g.welfare.text, "amount": round(g.welfare.amount, 2)}}
                   for g, n in zip(grading.rules.grades, counts)],
        "members": [{"member": no, "name": name, "group": group, "points": p, "grade": grade_names[g],
                     "lift": lift}
                    for no, name, group, p, g, lift in zip(m["member_no"].tolist(), m["name"].tolist(),
                                                           m["group"].tolist(), numbers(m["points"]),
                                                           m["grade"].tolist(), lifts)],
        "unmatched_extra": grading.unmatched,
    }


def grading_text(result: Result, grading: Grading, lang: str = "th") -> str:
    """The criteria with their points, and the members and welfare per grade, for a terminal."""
    lines = [t("grading_title", lang)]
    if result.ledger.coop:
        lines.append(result.ledger.coop)
    lines += [f"{t('file', lang)}: {result.file}", f"{t('as_of', lang)}: {day(result.as_of, lang)}", ""]
    lines += [status_line(grading, lang), ""]
    lines.append(t("grading_criteria", lang, n=max_points(grading)))
    if not grading.criteria:
        lines.append("  " + t("grading_no_criteria", lang))
    for c in grading.criteria:
        lines.append(f"  {c.name(lang)}")
        lines += [f"    {fit(band, 30)} {right(t('grading_n_points', lang, n=p), 10)}" for band, p in criterion_lines(c, lang)]
    missing = unmeasured_line(grading, lang)
    if missing:
        lines.append("  " + missing)
    if any(c.key == "activities" for c in grading.unmeasured):
        lines.append("  " + t("grading_activities_hint", lang))
    lines += ["", t("grading_grades", lang)]
    counts = grading.counts()["members"]
    for i, (g, n) in enumerate(zip(grading.rules.grades, counts)):
        lines.append(f"  {fit(g.name(lang), 18)} {fit(grade_range(grading, i, lang), 18)} "
                     f"{right(count(int(n)), 8)} {t('people', lang)}")
        lines.append(f"      {welfare_text(g, lang)}")
    if grading.unmatched:
        lines += ["", t("grading_unmatched", lang, n=grading.unmatched)]
    lines += ["", t("grading_members_hint", lang)]
    return "\n".join(lines)
