"""Hide personal data for a projector: member numbers and names become aliases that reveal nothing;
contract numbers and guarantors are hidden; row notes lose the row's own text."""

from __future__ import annotations

import hashlib
import hmac

import numpy as np
import pandas as pd

from .i18n import t
from .read.account import RowNote

MEMBER_DERIVED = ("contract", "guarantor")  # columns that name or number a member


def aliases(member_nos: pd.Series, key: bytes, lang: str = "th") -> dict[str, str]:
    """Member number -> "สมาชิก 017", numbered in the order of a keyed hash of the number, so an alias
    says nothing about the number; the same key gives the same aliases on every page and rerun. No member
    gets an alias whose number is their own member number."""
    unique = pd.unique(member_nos.astype(str))
    order = sorted(unique, key=lambda m: hmac.new(key, m.encode(), hashlib.sha256).digest())
    numbers = _no_own_numbers(order)
    width = max(3, len(str(len(order))))
    word = t("member_alias", lang)
    return {m: f"{word} {n:0{width}d}" for m, n in zip(order, numbers)}


def _no_own_numbers(order: list[str]) -> list[int]:
    """1..n in order, moved where a member would get their own number (member "00017" as alias 17)."""
    numbers = list(range(1, len(order) + 1))
    own = [_as_number(m) for m in order]
    clash = [i for i, n in enumerate(numbers) if n == own[i]]
    if len(clash) > 1:  # rotate the clashing numbers among themselves: each then gets another's number
        rotated = [numbers[i] for i in clash[1:] + clash[:1]]
        for i, n in zip(clash, rotated):
            numbers[i] = n
    elif clash:
        i = clash[0]
        j = next((j for j in range(len(order)) if j != i and numbers[j] != own[i] and numbers[i] != own[j]), None)
        if j is not None:
            numbers[i], numbers[j] = numbers[j], numbers[i]
    return numbers


def _as_number(member: str) -> int | None:
    digits = member.strip()
    return int(digits) if digits.isdigit() else None


def session_key(secret: bytes, file_digest: str) -> bytes:
    """The alias key of one file in one session: another file or session numbers its members anew."""
    return hmac.new(secret, file_digest.encode(), hashlib.sha256).digest()


def mask(frame: pd.DataFrame, alias: dict[str, str], lang: str = "th") -> pd.DataFrame:
    """A copy with member_no and name replaced by the alias; contract numbers (they often hold the member
    number) and guarantors hidden."""
    out = frame.copy()
    hidden = t("hidden", lang)
    if "member_no" in out:
        masked = out["member_no"].astype(str).map(alias).fillna(hidden)
        out["member_no"] = masked
        if "name" in out:
            out["name"] = masked
    elif "name" in out:
        out["name"] = hidden
    for column in MEMBER_DERIVED:
        if column in out:
            out[column] = hidden
    return out


def without_details(notes: list[RowNote]) -> list[RowNote]:
    """Row notes without the row's own text (a subtotal's label or a cell may hold a name)."""
    return [n.without_detail() for n in notes]


def member_labels(members: pd.DataFrame) -> np.ndarray:
    """"00017 นาย ก" per member, or just the alias when privacy has made number and name the same."""
    return np.array([m if m == n else f"{m} {n}" for m, n in zip(members["member_no"], members["name"])],
                    dtype=object)
