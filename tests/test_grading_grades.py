"""T5's extra criterion read from "VALUE=POINTS,…" as the page and the command line take it: its bands, which way
is better, the lowest band as the floor, and what is refused, each said in both languages; the member sheets as
one, and the plan's grade column by name."""

from __future__ import annotations

import pandas as pd
import pytest

from kmdash.errors import LedgerError
from kmdash.settings import Criterion, Grade, GradingRules
from kmdash.techniques.grading.grades import Grading, extra_criterion, member_key, plan_columns, sheets


@pytest.mark.parametrize("bands, criterion", [
    ("1=10", Criterion("meet", ((1.0, 10.0),), higher_is_better=True, floor=0.0, names=("ประชุม", "ประชุม"))),
    ("2=-5", Criterion("meet", ((2.0, -5.0),), higher_is_better=True, floor=-5.0, names=("ประชุม", "ประชุม"))),
    (" 1=10 , 0=0 ,", Criterion("meet", ((1.0, 10.0),), higher_is_better=True, floor=0.0,
                                names=("ประชุม", "ประชุม"))),
    ("0=20,1=10,3=0", Criterion("meet", ((1.0, 10.0), (0.0, 20.0)), higher_is_better=False, floor=0.0,
                                names=("ประชุม", "ประชุม"))),  # fewer is better, as with days
    ("2=10,1=10", Criterion("meet", ((2.0, 10.0),), higher_is_better=True, floor=10.0,
                            names=("ประชุม", "ประชุม"))),  # equal points: the lower value is the floor
    ("1=10,1=0", Criterion("meet", ((1.0, 10.0),), higher_is_better=False, floor=0.0,
                           names=("ประชุม", "ประชุม"))),  # one value: not higher, so at most it is better
    ("2=0,1=10,3=20", Criterion("meet", ((1.0, 10.0), (3.0, 20.0)), higher_is_better=True, floor=0.0,
                                names=("ประชุม", "ประชุม"))),  # the best band's value against the floor's decides
])
def test_an_extra_criterion_from_its_bands(bands, criterion):
    assert extra_criterion("meet", "ประชุม", bands) == criterion


def test_the_default_bands_are_ten_points_for_one_or_more():
    assert extra_criterion("meet", "ประชุม") == extra_criterion("meet", "ประชุม", "1=10")


@pytest.mark.parametrize("bands, th, en", [
    ("a=1", "คะแนนของเกณฑ์ต้องเป็นรูป ค่า=คะแนน เช่น 1=10,0=0 ได้รับ 'a=1'",
     "criterion bands must look like VALUE=POINTS, e.g. 1=10,0=0; got 'a=1'"),
    ("1=10,5", "คะแนนของเกณฑ์ต้องเป็นรูป ค่า=คะแนน เช่น 1=10,0=0 ได้รับ '1=10,5'",
     "criterion bands must look like VALUE=POINTS, e.g. 1=10,0=0; got '1=10,5'"),
    (" , ", "ไม่มีคะแนนของเกณฑ์ใน ' , '", "no bands in ' , '"),
])
def test_bands_that_are_not_value_points_are_refused_saying_so(bands, th, en):
    with pytest.raises(LedgerError) as caught:
        extra_criterion("meet", "ประชุม", bands)
    assert (caught.value.th, caught.value.en) == (th, en)


def test_the_member_sheets_as_one_or_none():
    first = pd.DataFrame({"member_no": ["1", "2"], "activities": [1, 3]})
    second = pd.DataFrame({"member_no": ["7"], "meet": [1.0]})
    together = sheets(first, None, second)
    assert list(together.index) == [0, 1, 2] and list(together["member_no"]) == ["1", "2", "7"]
    assert sheets(None, None) is None and sheets() is None


@pytest.mark.parametrize("lang, names", [("th", ["ดีเยี่ยม", "ต้องปรับปรุง", "ดีเยี่ยม"]),
                                         ("en", ["Excellent", "Needs improvement", "Excellent"])])
def test_the_plan_s_grade_column_names_each_member_s_grade(lang, names):
    members = pd.DataFrame({"member_no": [17, "0020", "31"], "grade": [0, 3, 0]})
    columns = plan_columns(Grading(GradingRules(), (), members, 0), lang)
    assert list(columns.columns) == ["grade"] and list(columns["grade"]) == names
    assert list(columns.index) == ["17", "0020", "31"]


def test_member_numbers_compare_without_spaces_and_leading_zeros():
    got = member_key(pd.Series(["00017", " 17 ", 17, "000", "A017", "0A1", "017-2"], dtype=object))
    assert list(got) == ["17", "17", "17", "0", "A017", "0A1", "017-2"]  # only all-digit numbers lose their zeros


def test_the_members_per_grade_top_first_with_empty_grades_as_zero():
    rules = GradingRules(grades=(Grade("A", 80), Grade("B", 50), Grade("C", 0)))
    members = pd.DataFrame({"member_no": ["1", "2", "3", "4"], "grade": [2, 0, 2, 2]})
    counts = Grading(rules, (), members, 0).counts()
    assert counts.to_dict("list") == {"grade": [0, 1, 2], "min_points": [80, 50, 0], "members": [1, 0, 3]}
