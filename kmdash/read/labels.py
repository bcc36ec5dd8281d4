"""What a row's text says (a total, a carry row, a heading, a signature) and where a row's label is read."""

from __future__ import annotations

import re

import numpy as np

from .cells import has_letter, matches

NO_NUMBER = ["-", "–", "—", "--"]  # written for members without a number: the name is the key


GRAND_TOTAL = re.compile(r"^(?:ยอด)?รวม\s*(?:ทั้ง\s*(?:สิ้น|หมด|สหกรณ์)|ทุก\s*กลุ่ม)|^ทั้งสิ้น|^(?:grand\s*)?total\s*$|"
                          r"^grand\s*total|^total\s*all", re.IGNORECASE)


SUBTOTAL = re.compile(r"^(?:ยอด)?รวม|^ทั้งสิ้น|\sรวม\s*$|^(?:sub\s*-?\s*)?total\b|^group\s*total|"
                       r"\b(?:sub)?total[\s:.\-]*$|^ยอดยก", re.IGNORECASE)


# "รวม" in the member column of a row that has a due date: only as a word ("รวมพล" is a name).
DATED_TOTAL = re.compile(r"^(?:ยอด)?รวม(?:\s|ทั้ง|ทุก|กลุ่ม|$)|^(?:sub\s*-?\s*)?total\b", re.IGNORECASE)


CARRIED = re.compile(r"^ยอดยก|^รวมยก|carried\s*forward|brought\s*forward", re.IGNORECASE)


SIGNATURE = re.compile(r"ลงชื่อ|ลงนาม|ผู้จัดทำ|ผู้ตรวจสอบ|ผู้รับรอง|ผู้จัดการ|ประธาน|เหรัญญิก|ตำแหน่ง|"
                        r"เจ้าหน้าที่|signed|signature|prepared by|manager|"
                        r"checked by|approved by|^\(.*\)$|^[._\-\s]{3,}$", re.IGNORECASE)


BARE_TOTAL = re.compile(r"^(?:ยอด)?รวม[\s:.\-]*$|^total[\s:.\-]*$", re.IGNORECASE)


HEADING = re.compile(r"^(?:กลุ่ม|หมู่|หน่วย|บ้าน|ศูนย์|โซน|สาขา|group\b|village\b|zone\b)", re.IGNORECASE)


# Lone text rows that are page furniture, not a group name.
NOT_A_HEADING = re.compile(r"^หน้า|^page\b|ณ\s*วันที่|สหกรณ์|รายงาน|ทะเบียน|report|as\s+(?:of|at)|หมายเหตุ|note|"
                            r"\d{1,2}\s*[/\-.]\s*\d{1,2}\s*[/\-.]\s*\d{2,4}", re.IGNORECASE)


TOTAL_WORDS = re.compile(r"^(?:ยอด)?รวม\s*|\s*รวม\s*$|^(?:sub\s*-?\s*)?total\s*|\s*total\s*$", re.IGNORECASE)


# A person's title: Thai titles run into the name, so no word boundary after them.
PERSON = re.compile(r"^(?:นาย|นาง|น\.ส\.|ด\.ช\.|ด\.ญ\.)|^(?:mr|mrs|ms|miss)\b", re.IGNORECASE)


def total_texts(texts: list[np.ndarray], cols: dict, undated: np.ndarray) -> np.ndarray:
    """Each row's "รวม …"/"Total" label, or None: looked for in rows without a due date, and in rows
    whose member cell itself says "รวม" as a word."""
    id_col = texts[cols["member_no"]] if "member_no" in cols else texts[cols["name"]]
    says_total = matches(DATED_TOTAL, id_col, has_letter(id_col))
    return first_match(SUBTOTAL, texts, label_columns(cols), undated | says_total)


def first_match(pattern: re.Pattern, texts: list[np.ndarray], columns: list[int], where: np.ndarray) -> np.ndarray:
    """Per row at `where`, the first text in `columns` that the pattern finds; else None."""
    found = np.full(len(where), None, dtype=object)
    for j in columns:
        todo = where & (found == None) & (texts[j] != None)  # noqa: E711
        hit = matches(pattern, texts[j], todo)
        found[hit] = texts[j][hit]
    return found


def label_columns(cols: dict) -> list[int]:
    """Where exports write a row's label ("รวม …", "กลุ่มที่ …"): the identity columns and any column
    left of them (a sequence column); not the loan type or a notes column ("รวมหนี้" is a loan type)."""
    identity = [cols[f] for f in ("member_no", "name", "group", "contract") if f in cols]
    return identity + [j for j in range(min(identity)) if j not in identity]


def label_order(texts: list[np.ndarray], cols: dict) -> list[int]:
    """Columns to read a row's label from: the label columns first, then every other."""
    order = label_columns(cols)
    return order + [j for j in range(len(texts)) if j not in order]


def row_labels(texts: list[np.ndarray], cols: dict) -> np.ndarray:
    """The first text of each row."""
    label = np.full(len(texts[0]), None, dtype=object)
    empty = np.arange(len(label))
    for j in label_order(texts, cols):
        label[empty] = texts[j][empty]
        empty = empty[label[empty] == None]  # noqa: E711
        if not len(empty):
            break
    return label


def subtotal_group(label: str) -> str | None:
    """The group a subtotal names ("รวม กลุ่มที่ 3" -> "กลุ่มที่ 3"); None for carry rows and a member's own total."""
    name = TOTAL_WORDS.sub("", label).strip(" :.-")
    return None if not name or CARRIED.search(label) or PERSON.search(name) else name
