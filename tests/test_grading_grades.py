"""T5's extra criterion read from "VALUE=POINTS,…" as the page and the command line take it: its bands, which way
is better, the lowest band as the floor, and what is refused, each said in both languages."""

from __future__ import annotations

import pytest

from kmdash.errors import LedgerError
from kmdash.settings import Criterion
from kmdash.techniques.grading.grades import extra_criterion


@pytest.mark.parametrize("bands, criterion", [
    ("1=10", Criterion("meet", ((1.0, 10.0),), higher_is_better=True, floor=0.0, names=("ประชุม", "ประชุม"))),
    ("2=-5", Criterion("meet", ((2.0, -5.0),), higher_is_better=True, floor=-5.0, names=("ประชุม", "ประชุม"))),
    (" 1=10 , 0=0 ,", Criterion("meet", ((1.0, 10.0),), higher_is_better=True, floor=0.0,
                                names=("ประชุม", "ประชุม"))),
    ("0=20,1=10,3=0", Criterion("meet", ((1.0, 10.0), (0.0, 20.0)), higher_is_better=False, floor=0.0,
                                names=("ประชุม", "ประชุม"))),  # fewer is better, as with days
    ("2=10,1=10", Criterion("meet", ((2.0, 10.0),), higher_is_better=True, floor=10.0,
                            names=("ประชุม", "ประชุม"))),  # equal points: the lower value is the floor
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
