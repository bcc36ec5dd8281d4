"""T5's calculation: points per criterion, a grade per member, the one change that would lift each member a
grade, and the members per grade. Rules are `settings.GradingRules`; every step is vectorised."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ...analyse import Analysis
from ...errors import LedgerError
from ...read.status import legal
from ...settings import Criterion, GradingRules

LEDGER_KEYS = ("days", "share_ratio", "loans_overdue", "legal")


@dataclass
class Grading:
    """Members (one row each, highest points first): member_no, name, group, per criterion its value
    (`<key>`) and points (`pts_<key>`), `points`, `grade` (0 = the top grade), and the lift: the criterion
    (`lift`, None when nothing lifts the member: the top grade), the value to reach (`lift_to`), the points
    it adds (`lift_gain`) and whether that alone reaches the next grade (`lift_enough`)."""

    rules: GradingRules
    criteria: tuple[Criterion, ...]  # the criteria in use: enabled and with data behind them
    members: pd.DataFrame
    unmatched: int  # members of the extra sheets that the ledger does not hold
    unmeasured: tuple[Criterion, ...] = ()  # enabled, but no data behind them (listed, never counted as zero)

    def counts(self) -> pd.DataFrame:
        """Per grade, top first: grade (index), min_points, members."""
        per = self.members["grade"].value_counts().reindex(range(len(self.rules.grades)), fill_value=0)
        return pd.DataFrame({"grade": range(len(self.rules.grades)),
                             "min_points": [g.min_points for g in self.rules.grades],
                             "members": per.to_numpy(dtype=int)})


def member_key(values: pd.Series) -> pd.Series:
    """Member numbers comparable across programs: trimmed, leading zeros dropped ("00017" = "17")."""
    text = values.astype(str).str.strip()
    digits = text.str.fullmatch(r"\d+")
    return text.where(~digits, text.str.lstrip("0").replace("", "0"))


def available(analysis: Analysis) -> set[str]:
    """The ledger criteria the ledger's columns allow: share capital and legal status need their columns."""
    loans = analysis.loans
    return {"days", "loans_overdue"} | ({"share_ratio"} if {"share_capital", "outstanding"} <= set(loans) else set()) \
        | ({"legal"} if "status" in loans else set())


def ledger_values(analysis: Analysis) -> pd.DataFrame:
    """Per member (rows of analysis.members): the ledger criteria that the ledger's columns allow."""
    members, loans = analysis.members, analysis.loans
    out = pd.DataFrame({"days": members["days"], "loans_overdue": members["loans_overdue"]}, index=members.index)
    per_member, usable = members["member_no"], available(analysis)
    if "share_ratio" in usable:
        share = members["share_capital"].to_numpy()
        owed = members[[c for c in ("outstanding", "interest_arrears", "penalty") if c in members]].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            out["share_ratio"] = np.where(owed > 0, share / owed.to_numpy() * 100, np.inf)
    if "legal" in usable:
        out["legal"] = legal(loans).groupby(loans["member_no"], sort=False).sum().reindex(per_member).to_numpy()
    return out


def band_index(criterion: Criterion, values: np.ndarray) -> np.ndarray:
    """The best band each value reaches, -1 for none (the floor); a missing value reaches none."""
    thresholds = np.array([b[0] for b in criterion.bands], dtype=float)
    sign = 1.0 if criterion.higher_is_better else -1.0
    index = np.searchsorted(sign * thresholds, sign * values, side="right") - 1
    return np.where(np.isnan(values), -1, index)


def band_points(criterion: Criterion, index: np.ndarray) -> np.ndarray:
    points = np.array([criterion.floor, *(b[1] for b in criterion.bands)], dtype=float)
    return points[index + 1]


def grade_of(rules: GradingRules, points: np.ndarray) -> np.ndarray:
    """0 for the top grade; a member below every threshold gets the last grade."""
    lows = np.array([g.min_points for g in rules.grades], dtype=float)[::-1]  # ascending
    reached = np.searchsorted(lows, points, side="right") - 1
    return len(lows) - 1 - np.maximum(reached, 0)


def sheets(*frames: pd.DataFrame | None) -> pd.DataFrame | None:
    """The member sheets (each member_no and one column per criterion key: the activities, an extra sheet) as
    one frame for grade_members; None without any."""
    given = [f for f in frames if f is not None]
    return pd.concat(given, ignore_index=True) if given else None


def grade_members(analysis: Analysis, rules: GradingRules, extra: pd.DataFrame | None = None) -> Grading:
    """Points, grade and lift per member. `extra`: member_no and one column per criterion key that the ledger
    does not hold (`sheets`): the activities attended, an extra sheet's values; members missing from it get
    the criterion's lowest band. An enabled criterion without data is `unmeasured`."""
    members = analysis.members
    values = ledger_values(analysis)
    unmatched = 0
    if extra is not None and len(extra.columns) > 1:
        sheet = extra.assign(member_no=member_key(extra["member_no"])).groupby("member_no").sum(min_count=1)
        keys = member_key(members["member_no"])
        unmatched = int((~sheet.index.isin(keys)).sum())
        values = values.join(sheet.reindex(keys).set_axis(members.index).astype(float))
    criteria = tuple(c for c in rules.criteria if c.enabled and c.key in values)
    unmeasured = tuple(c for c in rules.criteria if c.enabled and c.key not in values)
    table = members[["member_no", "name", "group"]].copy()
    indices = {}
    for c in criteria:
        column = values[c.key].to_numpy(dtype=float)
        indices[c.key] = band_index(c, column)
        table[c.key] = column
        table[f"pts_{c.key}"] = band_points(c, indices[c.key])
    table["points"] = table[[f"pts_{c.key}" for c in criteria]].sum(axis=1)  # 0.0 without a criterion
    table["grade"] = grade_of(rules, table["points"].to_numpy())
    table = pd.concat([table, lift(rules, criteria, table, indices)], axis=1)
    table = table.sort_values(["points", "member_no"], ascending=[False, True], kind="stable")
    return Grading(rules, criteria, table.reset_index(drop=True), unmatched, unmeasured)


def lift(rules: GradingRules, criteria: tuple[Criterion, ...], table: pd.DataFrame,
         indices: dict[str, np.ndarray]) -> pd.DataFrame:
    """The one change that lifts each member a grade: among the criteria, the band reached in the fewest
    steps that alone closes the gap (ties: the criteria's order); where none does, the largest gain."""
    n = len(table)
    lows = np.array([g.min_points for g in rules.grades], dtype=float)
    grade = table["grade"].to_numpy()
    # below the top grade the gap is above 0, so only a band ahead (points rise with the bands) can close it; the
    # top grade's is never used (_chosen)
    gap = lows[np.maximum(grade - 1, 0)] - table["points"].to_numpy()
    steps = np.full((n, len(criteria)), np.inf)
    gains = np.zeros((n, len(criteria)))
    targets = np.full((n, len(criteria)), np.nan)
    best_gain = np.zeros((n, len(criteria)))
    for i, c in enumerate(criteria):
        now, index = table[f"pts_{c.key}"].to_numpy(), indices[c.key]
        for j, (threshold, points) in enumerate(c.bands):
            gain = points - now  # at most 0 for the bands reached
            first = (gain >= gap) & np.isinf(steps[:, i])
            steps[:, i] = np.where(first, j - index, steps[:, i])
            gains[:, i] = np.where(first, gain, gains[:, i])
            targets[:, i] = np.where(first, threshold, targets[:, i])
            best_gain[:, i] = np.maximum(best_gain[:, i], gain)
    return _chosen(criteria, grade, steps, gains, targets, best_gain)


def _chosen(criteria, grade, steps, gains, targets, best_gain) -> pd.DataFrame:
    n, rows = len(grade), np.arange(len(grade))
    if not criteria:
        return pd.DataFrame({"lift": [None] * n, "lift_to": np.nan, "lift_gain": 0.0, "lift_enough": False})
    enough = np.isfinite(steps).any(axis=1)  # the top grade's: left out by `some`
    pick = np.where(enough, np.argmin(steps, axis=1), np.argmax(best_gain, axis=1))
    gain = np.where(enough, gains[rows, pick], best_gain[rows, pick])
    best = np.array([c.bands[-1][0] for c in criteria], dtype=float)
    to = np.where(enough, targets[rows, pick], best[pick])
    some = (grade > 0) & (gain > 0)
    keys = np.array([c.key for c in criteria], dtype=object)
    return pd.DataFrame({"lift": np.where(some, keys[pick], None), "lift_to": np.where(some, to, np.nan),
                         "lift_gain": np.where(some, gain, 0.0), "lift_enough": enough & some})


def extra_criterion(key: str, name: str, bands: str = "1=10") -> Criterion:
    """A criterion over an extra sheet's values from "VALUE=POINTS,…" ("1=10,0=0": 1 or more, 10 points;
    less, 0); higher values are better when the points rise with them. The lowest band takes every value
    below the others and the members missing from the sheet."""
    pairs = []
    for part in filter(None, (p.strip() for p in bands.split(","))):
        value, _, points = part.partition("=")
        try:  # without "=", points is "": refused too
            pairs.append((float(value), float(points)))
        except ValueError:
            raise LedgerError.of("grading_bands_bad", bands=bands) from None
    if not pairs:
        raise LedgerError.of("grading_bands_none", bands=bands)
    pairs.sort(key=lambda p: (p[1], p[0]))
    higher = len(pairs) == 1 or pairs[-1][0] > pairs[0][0]
    if len(pairs) == 1:
        return Criterion(key, tuple(pairs), higher_is_better=higher, floor=min(0.0, pairs[0][1]), names=(name, name))
    return Criterion(key, tuple(pairs[1:]), higher_is_better=higher, floor=pairs[0][1], names=(name, name))


def plan_columns(grading: Grading, lang: str) -> pd.DataFrame:
    """The plan's column: each member's grade by name, indexed by member number."""
    names = [g.name(lang) for g in grading.rules.grades]
    return pd.DataFrame({"grade": [names[i] for i in grading.members["grade"]]},
                        index=grading.members["member_no"].astype(str))
