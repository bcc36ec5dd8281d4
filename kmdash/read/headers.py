"""Header names -> ledger fields: Thai and English synonyms, the user's own mapping, unknown headers.

Matching is exact after normalising (case, spaces, dots, a unit suffix such as "(บาท)"): a header
that is not in the catalogue is reported as unknown, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import LedgerError

IGNORE = "ignore"

MONEY_FIELDS = (
    "amount_lent", "outstanding", "principal_overdue", "interest_arrears",
    "penalty", "share_capital", "deposits",
)
DATE_FIELDS = ("loan_date", "due_date")
TEXT_FIELDS = ("member_no", "name", "group", "contract", "loan_type", "guarantor", "status")
FIELDS = TEXT_FIELDS + DATE_FIELDS + MONEY_FIELDS

SYNONYMS: dict[str, tuple[str, ...]] = {
    "member_no": ("เลขทะเบียนสมาชิก", "เลขที่สมาชิก", "เลขทะเบียน", "ทะเบียนสมาชิก", "รหัสสมาชิก",
                  "เลขสมาชิก", "สมาชิก เลขทะเบียน", "เลขประจำตัวสมาชิก", "member no", "member number", "member id", "member code", "member"),
    "name": ("ชื่อ - สกุล", "ชื่อ - นามสกุล", "ชื่อสมาชิก",
             "ชื่อผู้กู้", "ชื่อ-สกุลสมาชิก", "ชื่อ", "member name", "name", "borrower", "borrower name", "full name"),
    "group": ("กลุ่ม", "กลุ่มสมาชิก", "ชื่อกลุ่ม", "กลุ่มที่", "group", "member group", "group name"),
    "contract": ("เลขที่สัญญา", "สัญญาเลขที่", "เลขสัญญา", "เลขที่สัญญาเงินกู้", "contract no", "contract", "contract number",
                 "loan no", "loan number", "loan id"),
    "loan_type": ("ประเภทเงินกู้", "ประเภท", "ประเภทสัญญา", "ประเภทหลัก", "loan type", "type"),
    "loan_date": ("วันที่กู้", "วันที่ทำสัญญา", "วันกู้", "วันที่รับเงินกู้", "loan date", "date of loan",
                  "disbursement date"),
    "due_date": ("วันครบกำหนดชำระ", "วันครบกำหนด", "วันที่ครบกำหนด", "วันที่ครบกำหนดชำระ", "กำหนดชำระ",
                 "ครบกำหนดชำระ", "วันครบกำหนดชำระหนี้",
                 "due date", "maturity date", "maturity", "due"),
    "amount_lent": ("จำนวนเงินกู้", "เงินกู้", "วงเงินกู้", "ยอดเงินกู้", "จำนวนเงินที่กู้", "loan amount", "amount lent",
                    "amount borrowed"),
    "outstanding": ("เงินต้นคงเหลือ", "ยอดเงินกู้คงเหลือ", "ยอดคงเหลือ", "คงเหลือ", "ต้นเงินคงเหลือ",
                    "ยอดหนี้คงเหลือ", "หนี้คงเหลือ", "เงินกู้คงเหลือ", "ต้นเงินกู้คงเหลือ",
                    "principal balance", "outstanding", "outstanding principal", "principal outstanding",
                    "outstanding balance", "balance",
                    "loan balance"),
    "principal_overdue": ("เงินต้นค้างชำระ", "ต้นเงินค้างชำระ", "เงินต้นค้าง", "เงินต้นผิดนัด",
                          "overdue principal", "principal overdue", "principal in arrears", "overdue",
                          "overdue amount", "principal arrears"),
    "interest_arrears": ("ดอกเบี้ยค้างชำระ", "ดอกเบี้ยค้าง", "ดอกเบี้ยค้างรับ", "interest arrears",
                         "interest in arrears", "overdue interest", "interest overdue", "accrued interest"),
    "penalty": ("ค่าปรับ", "ค่าปรับค้าง", "ค่าปรับค้างชำระ", "penalty", "penalties", "penalty interest", "fine",
                "fines"),
    "share_capital": ("ทุนเรือนหุ้น", "หุ้น", "ค่าหุ้น", "share capital", "shares"),
    "deposits": ("เงินฝาก", "ยอดเงินฝาก", "deposits", "deposit", "savings"),
    "guarantor": ("ผู้ค้ำประกัน", "ผู้ค้ำ", "ชื่อผู้ค้ำประกัน", "guarantor", "guarantors"),
    "status": ("สถานะหนี้", "สถานะสัญญา", "สถานะ", "สถานะลูกหนี้", "debt status", "loan status", "status"),
}

# Extra columns that exports commonly carry and that kmdash does not use.
KNOWN_EXTRAS = ("ลำดับ", "ลำดับที่", "ที่", "หมายเหตุ", "ประเภทย่อย", "จำนวนงวด", "no", "seq", "#", "notes", "note",
                "remarks", "remark", "comment", "comments")

# Matched after dots are removed: "(บาท)", "(ว/ด/ป)" and other unit or format hints at the end.
_UNIT_SUFFIX = re.compile(r"\((?:บาท|baht|thb|บ|วัน|days|ว/ด/ป|วว/ดด/ปป(?:ปป)?|dd/mm/yy(?:yy)?)\)$")
_SPACES = re.compile(r"\s+")
_HEADER_DATE = re.compile(r"\s+(?:ณ\s*)?(?:วันที่\s*)?(?:as\s+(?:of|at)\s*)?"
                          r"(?:\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{2,4}|\d{1,2}\s*[^\d\s]+\s*\d{2,4})$",
                          re.IGNORECASE)


@lru_cache(maxsize=65536, typed=True)  # the header search asks again for the same cells, row after row
def normalise(text: object) -> str:
    """Header text in a comparable form: lower case; no spaces, line breaks, dots, dashes, unit suffix
    or trailing date ("เงินต้นคงเหลือ ณ 31 มี.ค. 67")."""
    s = _HEADER_DATE.sub("", str(text).replace("\u200b", "").strip())
    s = _SPACES.sub("", s).lower()
    s = re.sub(r"[.:\-–—_*]", "", s)
    return _UNIT_SUFFIX.sub("", s)


_LOOKUP: dict[str, str] = {normalise(h): f for f, names in SYNONYMS.items() for h in names}
_LOOKUP.update({normalise(h): IGNORE for h in KNOWN_EXTRAS})


def lookup(header: object) -> str | None:
    """The field a header names, IGNORE for a known extra column, None when unknown."""
    return _LOOKUP.get(normalise(header))


@dataclass
class HeaderMap:
    """Which column holds which field, and what the catalogue did not know."""

    columns: dict[str, int] = field(default_factory=dict)  # field -> column index
    unmapped: list[str] = field(default_factory=list)  # headers not known (or a second copy of a field)
    ignored: list[str] = field(default_factory=list)  # known extras and user-ignored headers
    unknown: dict[int, str] = field(default_factory=dict)  # column index -> a header not in the catalogue

    @property
    def money_fields(self) -> list[str]:
        return [f for f in MONEY_FIELDS if f in self.columns]


def parse_mapping(pairs: list[str] | None) -> dict[str, str]:
    """`HEADER=FIELD` strings (CLI --map) -> {normalised header: field}."""
    mapping: dict[str, str] = {}
    for pair in pairs or []:
        header, sep, target = pair.rpartition("=")
        target = target.strip()
        if not sep or not header.strip():
            raise LedgerError.of("map_bad_pair", pair=pair)
        if target not in FIELDS and target != IGNORE:
            raise LedgerError.of("map_bad_field", target=target, fields=", ".join((*FIELDS, IGNORE)))
        mapping[normalise(header)] = target
    return mapping


def map_headers(cells: list[object], user_map: dict[str, str] | None = None) -> HeaderMap:
    """Map one header row. The user's mapping (normalised header -> field) wins over the catalogue;
    where two headers name one field, the more exact name wins ("เงินต้นคงเหลือ" over "ยอดหนี้คงเหลือ",
    which may include interest) and the other is reported as unmapped."""
    user_map = user_map or {}
    result = HeaderMap()
    rank: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if cell is None or str(cell).strip() == "":
            continue
        key, text = normalise(cell), str(cell).strip()
        target = user_map.get(key) or _LOOKUP.get(key)
        if target == IGNORE:
            result.ignored.append(text)
        elif target is None:
            result.unmapped.append(text)
            result.unknown[index] = text
        elif target not in result.columns or _rank(key, target, user_map) < rank[target]:
            if target in result.columns:
                result.unmapped.append(str(cells[result.columns[target]]).strip())
            result.columns[target], rank[target] = index, _rank(key, target, user_map)
        else:
            result.unmapped.append(text)
    return result


def _rank(key: str, target: str, user_map: dict[str, str]) -> int:
    """How exact a header is for its field: the user's own mapping first, then catalogue order."""
    if user_map.get(key) == target:
        return -1
    return [normalise(h) for h in SYNONYMS[target]].index(key)


def score_row(cells: list[object], user_map: dict[str, str] | None = None) -> int:
    """How many distinct fields a row would map: used to find the header row."""
    return len(map_headers(cells, user_map).columns)


def _two_row_cells(upper: list[object], lower: list[object]) -> list[object]:
    """Join a two-row header (a merged group cell above, e.g. "ค้างชำระ" over "เงินต้น")."""
    joined, group = [], None
    for top, bottom in zip(upper, lower):
        group = top if not _blank(top) else group
        if _blank(bottom):
            joined.append(top)
        elif group is None or lookup(bottom) is not None:
            joined.append(bottom)
        else:
            options = (f"{bottom}{group}", f"{group}{bottom}", f"{bottom} {group}", f"{group} {bottom}")
            joined.append(next((o for o in options if lookup(o)), bottom))
    return joined


def _blank(cell: object) -> bool:
    return cell is None or str(cell).strip() == ""


def find_header(rows: list[list[object]], user_map: dict[str, str] | None = None,
                scan: int = 100) -> tuple[int, list[object]]:
    """(index, header cells) of the row that names the most fields within the first `scan` rows.

    A two-row header is joined into the lower row when that names more fields.
    """
    best_index, best_cells, best_score = -1, [], 1
    for index, cells in enumerate(rows[:scan]):
        candidates = [cells]
        if index > 0:
            width = max(len(cells), len(rows[index - 1]))
            pad = lambda r: list(r) + [None] * (width - len(r))  # noqa: E731
            candidates.append(_two_row_cells(pad(rows[index - 1]), pad(cells)))
        for cand in candidates:
            score = score_row(cand, user_map)
            if score > best_score:
                best_index, best_cells, best_score = index, cand, score
    return best_index, best_cells
