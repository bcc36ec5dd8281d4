"""The catalogue's one lookup: Thai unless English is asked, values filled in, an unknown key shown as itself
or as the default given; and every entry a pair of the same placeholders."""

from __future__ import annotations

import re

from kmdash.i18n import CATALOGUE, t


def test_thai_unless_english_is_asked():
    assert (t("file"), t("file", "th"), t("file", "en"), t("file", "fr")) == ("ไฟล์", "ไฟล์", "File", "ไฟล์")


def test_values_are_filled_in_and_without_values_the_text_is_as_written():
    assert t("and_more", "en", n=1234) == "… and 1,234 more"
    assert t("and_more", "th", n=5) == "… และอีก 5 รายการ"
    assert t("and_more", "en") == "… and {n:,} more"  # nothing to fill: braces left as they are


def test_an_unknown_key_is_shown_as_itself_or_as_the_default_given():
    assert t("col_no_such_field", "en") == "col_no_such_field"
    assert t("col_no_such_field", "en", default="penalty") == "penalty"
    assert t("col_no_such_field", "en", default="") == ""  # an empty default is still a default
    assert t("col_no_such_field", "th", default="{n} left", n=3) == "3 left"
    assert t("file", "en", default="x") == "File"


def test_every_entry_is_thai_then_english_with_the_same_placeholders():
    fields = re.compile(r"{(\w+)")
    for key, pair in CATALOGUE.items():
        assert isinstance(pair, tuple) and len(pair) == 2, key
        assert set(fields.findall(pair[0])) == set(fields.findall(pair[1])), key
