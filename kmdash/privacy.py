"""Hide personal data for a projector: member numbers, names and guarantors become stable aliases."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .i18n import t
from .read.account import RowNote


def aliases(member_nos: pd.Series, lang: str = "th") -> dict[str, str]:
    """Member number -> "สมาชิก 017" (by sorted member number, so an alias is the same on every page)."""
    unique = sorted(pd.unique(member_nos.astype(str)))
    width = max(3, len(str(len(unique))))
    word = t("member_alias", lang)
    return {m: f"{word} {i:0{width}d}" for i, m in enumerate(unique, start=1)}


def mask(frame: pd.DataFrame, alias: dict[str, str], lang: str = "th") -> pd.DataFrame:
    """A copy with member_no and name replaced by the alias and guarantors hidden."""
    out = frame.copy()
    if "member_no" in out:
        masked = out["member_no"].astype(str).map(alias).fillna(t("hidden", lang))
        out["member_no"] = masked
        if "name" in out:
            out["name"] = masked
    elif "name" in out:
        out["name"] = t("hidden", lang)
    if "guarantor" in out:
        out["guarantor"] = t("hidden", lang)
    return out


def without_details(notes: list[RowNote]) -> list[RowNote]:
    """Row notes without the row's own text (a subtotal's label or a cell may hold a name)."""
    return [n.without_detail() for n in notes]


def member_labels(members: pd.DataFrame) -> np.ndarray:
    """"00017 นาย ก" per member, or just the alias when privacy has made number and name the same."""
    return np.array([m if m == n else f"{m} {n}" for m, n in zip(members["member_no"], members["name"])],
                    dtype=object)
