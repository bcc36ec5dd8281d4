"""A debt-status column read as codes: the words programs write, the most serious first, blanks `other`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from kmdash.read.status import legal, status_code, status_codes
from kmdash.synthetic import STATUS_WORDS

# the generator's words and the code each is written for (by hand, from what the words mean)
MEANT = {"ปกติ": "normal", "ผิดนัดชำระ": "default", "ดำเนินคดี": "legal", "ฟ้องแล้ว": "legal",
         "พิพากษา": "judgment", "บังคับคดี": "enforcement", "ปรับโครงสร้างหนี้": "restructured",
         "ล้มละลาย": "bankrupt", "ปิดบัญชี": "other"}


def test_every_word_the_generator_writes_gets_its_code():
    assert set(MEANT) == set(STATUS_WORDS)
    assert {word: status_code(word) for word in STATUS_WORDS} == MEANT


def test_a_cell_naming_two_statuses_gets_the_more_serious():
    assert status_code("ผิดนัด ดำเนินคดีแล้ว") == "legal"
    assert status_code("Overdue - JUDGMENT") == "judgment"
    assert status_code("restructured, in default") == "restructured"


def test_blanks_numbers_and_unknown_words_are_other():
    assert [status_code(v) for v in (None, np.nan, 3, "", "รอตรวจสอบ")] == ["other"] * 5


def test_a_column_is_coded_cell_by_cell_blanks_included_and_codes_stay_codes():
    values = ["ฟ้องแล้ว", None, "ปกติ", "ฟ้องแล้ว", np.nan, "?", "legal", "default"]
    codes = status_codes(values)
    assert codes.dtype == object
    assert codes.tolist() == ["legal", "other", "normal", "legal", "other", "other", "legal", "default"]
    assert status_codes([]).tolist() == []


def test_loans_under_the_law_are_marked_on_their_own_index():
    loans = pd.DataFrame({"status": ["ล้มละลาย", "ปกติ", "บังคับคดี", None, "พิพากษา", "ผิดนัดชำระ", "ฟ้อง"]},
                         index=[10, 11, 12, 13, 14, 15, 16])
    marked = legal(loans)
    assert marked.to_dict() == {10: True, 11: False, 12: True, 13: False, 14: True, 15: False, 16: True}


def test_a_ledger_without_a_status_column_has_no_loan_under_the_law():
    marked = legal(pd.DataFrame({"outstanding": [1.0, 2.0]}, index=[4, 9]))
    assert marked.to_dict() == {4: False, 9: False}
