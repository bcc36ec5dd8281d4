"""The collection plan, core: one row per overdue member, the techniques that apply, and the fields the
techniques' tools and the staff fill (`schema`, composed by the registry). `make_plan` is the one path the
command line and the app take; `read_plan` reads back a plan the staff filled in.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from .actions import KINDS
from .errors import LedgerError
from .i18n import t
from .pipeline import Result
from .privacy import mask
from .schema import FIGURES, Field
from .techniques.registry import by_number, plan_fields, techniques
from .techniques.selector import applying
from .techniques.sieving.notices import TIERS
from .words import bucket, date_entry

# The columns that hold codes: the catalogue's prefix of each code's word, and the codes. Files and screens show
# the words of their language; read back, a word of either language (or the code) is the code again.
CODED = {"tier": ("tier_", TIERS), "status": ("action_", KINDS)}
OLD_CODES = {"status": {"refinanced": "pool_repaid"}}  # what earlier plans wrote for a pool repayment
# Headers of plans written before each column had one name (the letter's deadline, the principal and interest
# overdue as pages and letters name them): still read.
OLD_HEADERS = {"กำหนดเสร็จ": "deadline", "เงินต้นค้าง": "overdue", "Overdue": "overdue", "ดอกเบี้ยค้าง": "interest"}


def fields() -> tuple[Field, ...]:
    return plan_fields()


def columns() -> tuple[str, ...]:
    return tuple(f.key for f in fields())


def to_fill() -> tuple[str, ...]:
    """The fields the tools and the staff fill (all but the ledger's figures)."""
    return columns()[len(FIGURES):]


def of_kind(*kinds: str) -> frozenset[str]:
    return frozenset(f.key for f in fields() if f.kind in kinds)


def numeric() -> frozenset[str]:
    """The columns a plan holds as numbers: money, and the days (a pool cycle stays text: blank until filled)."""
    return of_kind("money") | {"days"}


def make_plan(result: Result, lang: str = "th", options: Mapping | None = None,
              prepared: Sequence[pd.DataFrame] = ()) -> pd.DataFrame:
    """The plan with what every technique's tool fills from the ledger and `options` (e.g. staff, pool), then
    what the tool pages `prepared` (the later wins)."""
    return plan_table(result, lang, [*tool_columns(result, lang, options or {}), *prepared])


def tool_columns(result: Result, lang: str = "th", options: Mapping | None = None) -> list[pd.DataFrame]:
    """Each registered technique's `fill_plan` that gives something."""
    frames = (t.fill_plan(result.analysis, lang, options or {}) for t in techniques())
    return [frame for frame in frames if frame is not None]


def plan_table(result: Result, lang: str = "th", filled: Sequence[pd.DataFrame] = ()) -> pd.DataFrame:
    """The plan (`columns()`), largest overdue first. `filled`: frames indexed by member number with some of
    the `to_fill()` columns; the rest stays empty for the staff."""
    analysis = result.analysis
    overdue = analysis.members["days"] > 0
    members = analysis.members[overdue]
    interest = members["interest_arrears"] if "interest_arrears" in members else pd.Series(0.0, index=members.index)
    table = pd.DataFrame({
        "member": members["member_no"].astype(str),
        "name": members["name"].astype(str),
        "group": members["group"].astype(str),
        "days": members["days"].astype(int),
        "bucket": members["bucket"].cat.rename_categories(lambda b: bucket(b, lang)).astype(str),
        "overdue": members["overdue"].round(2),
        "interest": interest.round(2),
        "techniques": technique_names(applying(analysis)[overdue], lang),
    })
    for column in to_fill():
        table[column] = _filled(table["member"], filled, column, lang)
    return table.reset_index(drop=True)


def technique_names(flags: pd.DataFrame, lang: str = "th") -> pd.Series:
    """"1 ร่อนตะแกรง, 3 มอบหมาย" per row of `applying()` flags: each pattern of flags is named once."""
    numbers = list(flags.columns)
    patterns = np.zeros(len(flags), dtype=np.int64)
    for bit, number in enumerate(numbers):
        patterns |= flags[number].to_numpy(dtype=np.int64) << bit
    names = {p: ", ".join(short_name(n, lang) for bit, n in enumerate(numbers) if p >> bit & 1)
             for p in np.unique(patterns).tolist()}
    return pd.Series(patterns, index=flags.index).map(names).astype(str)


def short_name(number: int, lang: str) -> str:
    """"1 ร่อนตะแกรง": a technique's number and the short name a plan cell holds."""
    return f"{number} {by_number(number).card.short[0 if lang == 'th' else 1]}"


def _filled(member_nos: pd.Series, filled: Sequence[pd.DataFrame], column: str, lang: str) -> pd.Series:
    """One column from the frames that have it (the later wins), as text (dates as Thai staff write them);
    else empty."""
    out = pd.Series("", index=member_nos.index, dtype=object)
    for frame in filled:
        if column in frame:
            texts = frame[column].map(lambda v: date_entry(v, lang) if isinstance(v, date) else str(v))
            values = member_nos.map(texts)
            out = out.where(values.isna(), values)
    return out.astype(str)


def code_word(column: str, code: str, lang: str = "th") -> str:
    """A coded cell's word in `lang` ("notified" -> "แจ้งแล้ว"); text that is no code stays as typed."""
    prefix, codes = CODED[column]
    return t(prefix + code, lang) if code in codes else code


def code_of(column: str, text) -> str:
    """A coded cell's code from its code or its word in either language (case and spaces aside: Thai staff may
    space a phrase); other text stays as typed."""
    return _codes(column).get(_bare(text), str(text))


def _bare(text) -> str:
    return "".join(str(text).split()).casefold()


@cache
def _codes(column: str) -> dict[str, str]:
    prefix, codes = CODED[column]
    words = {_bare(t(prefix + c, lang)): c for c in codes for lang in ("th", "en")}
    return words | {_bare(c): c for c in codes} | OLD_CODES.get(column, {})


def worded(table: pd.DataFrame, lang: str = "th") -> pd.DataFrame:
    """The plan with its coded cells as words of `lang`, as files and screens show it."""
    return table.assign(**{c: table[c].map(lambda v, c=c: code_word(c, str(v), lang)) for c in CODED if c in table})


def coded(table: pd.DataFrame) -> pd.DataFrame:
    """The plan with its coded cells as codes, whatever language they were written in."""
    return table.assign(**{c: table[c].map(lambda v, c=c: code_of(c, v)) for c in CODED if c in table})


def mask_plan(table: pd.DataFrame, alias: dict[str, str], lang: str = "th") -> pd.DataFrame:
    """The plan with member numbers and names replaced by the aliases privacy shows."""
    return mask(table.rename(columns={"member": "member_no"}), alias, lang).rename(columns={"member_no": "member"})


def read_plan(source: bytes | str | Path, name: str = "plan") -> pd.DataFrame:
    """A plan exported by kmdash (CSV or xlsx, Thai or English headers, earlier headers too, cells as staff
    filled them) read back with its column keys and codes (`CODED`). A masked plan cannot be followed up: its
    aliases match nobody."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    frames = [_csv_frame(data)] if not data.startswith(b"PK") else _xlsx_frames(data)
    known = _header_keys()
    for frame in frames:
        keys = {h: k for h in frame.columns if (k := known.get(str(h).strip()))}
        if "masked" in keys.values():
            raise LedgerError.of("plan_masked_back", file=name)
        if {"member", "overdue"} <= set(keys.values()):
            return coded(_unguarded(typed(frame.rename(columns=keys))))
    raise LedgerError.of("plan_unreadable", file=name)


def _header_keys() -> dict[str, str]:
    known = fields()
    keys = OLD_HEADERS | {f.header(lang): f.key for f in known for lang in ("th", "en")} | {f.key: f.key for f in known}
    return keys | {t(key, lang): "masked" for key in ("col_member_alias", "col_name_masked") for lang in ("th", "en")}


def _csv_frame(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _xlsx_frames(data: bytes) -> list[pd.DataFrame]:
    from .read.workbook import sheet_frames

    sheets = sheet_frames(data, dtype=str, keep_default_na=False)
    return [frame.fillna("") for frame in sheets.values()]


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The plan's columns in order (a missing one empty), as every plan read back holds them (`read_plan`, the
    store): money and days as numbers, the rest as text."""
    keys = columns()
    out = pd.DataFrame({c: frame[c].fillna("") if c in frame else "" for c in keys}, index=frame.index).astype(str)
    for column in numeric():
        out[column] = pd.to_numeric(out[column].str.replace(",", ""), errors="coerce").fillna(0)
    return out


def _unguarded(out: pd.DataFrame) -> pd.DataFrame:
    """Text without the CSV's formula guard; rows without a member number dropped."""
    numbers = numeric()
    texts = [c for c in out.columns if c not in numbers]
    out[texts] = out[texts].apply(lambda s: s.str.replace(r"^'(?=[=+\-@\t\r\n])", "", regex=True))
    return out[out["member"].str.strip() != ""].reset_index(drop=True)


def technique_numbers(text) -> list[str]:
    """"1 ร่อนตะแกรง, 3 มอบหมาย" (a plan's techniques cell, either language) -> ["1", "3"]; none -> [""]."""
    numbers = [part.strip().split(" ", 1)[0] for part in str(text or "").split(",") if part.strip()]
    return [n for n in numbers if n.isdigit()] or [""]
