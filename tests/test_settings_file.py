"""The settings file (TOML): every field of the settings' dataclasses written and read back, whatever fields they
have; a key the settings do not have, a value of the wrong kind or out of range is a user error naming the key."""

from __future__ import annotations

import tomllib
from dataclasses import fields, replace

import pytest

from kmdash.errors import LedgerError
from kmdash.settings import Selector, Settings
from kmdash.settings_file import coop_path, dumps, loads, read, write


def changed() -> Settings:
    """Every level changed: top, the selector with answers, a criterion's bands, a grade's minimum."""
    grading = Settings().grading
    first, *rest = grading.criteria
    bands = tuple((threshold, points + 1) for threshold, points in first.bands)
    criteria = (replace(first, bands=bands, enabled=False), *rest)
    grades = (replace(grading.grades[0], min_points=grading.grades[0].min_points + 5), *grading.grades[1:])
    return Settings(bucket_unit="months", bucket_edges=(1, 2, 6), long_overdue_days=180, top_members=7,
                    fiscal_year_end=(9, 30),
                    selector=Selector(long_share=0.25, many_groups=3, small_debt=15_000.5,
                                      answers=(("leaders_approved", "no"), ("pooling_short_of_cash", "yes"))),
                    grading=replace(grading, criteria=criteria, grades=grades))


@pytest.mark.parametrize("settings", [Settings(), changed()])
def test_settings_come_back_as_they_were_written(settings):
    assert loads(dumps(settings)) == settings


def test_the_file_names_every_field_of_every_dataclass():
    data = tomllib.loads(dumps(Settings()))
    assert set(data) == {f.name for f in fields(Settings)}
    assert set(data["selector"]) == {f.name for f in fields(Selector)}
    assert data["selector"]["answers"] == {}  # no clause answered: an empty table, where answers go
    assert set(data["grading"]) == {f.name for f in fields(Settings().grading)}
    criterion = data["grading"]["criteria"][0]
    assert set(criterion) == {f.name for f in fields(Settings().grading.criteria[0])}


def test_the_answers_are_a_table_of_their_own():
    data = tomllib.loads(dumps(changed()))
    assert data["selector"]["answers"] == {"leaders_approved": "no", "pooling_short_of_cash": "yes"}


def test_a_key_left_out_keeps_its_default():
    assert loads("[selector]\nlong_share = 0.25\n") == Settings(selector=Selector(long_share=0.25))
    assert loads("") == Settings()


def test_written_to_a_folder_and_read_back(tmp_path):
    path = coop_path(tmp_path / "settings", "สหกรณ์การเกษตรตัวอย่าง จำกัด")
    assert path.name == "สหกรณ์การเกษตรตัวอย่าง_จำกัด.toml"
    write(path, changed())
    assert read(path) == changed()


@pytest.mark.parametrize("name, file", [("a/b:c", "a_b_c.toml"), ("../..", "coop.toml"), (" x ", "x.toml")])
def test_a_coops_file_name_stays_in_the_folder(tmp_path, name, file):
    assert coop_path(tmp_path, name) == tmp_path / file


@pytest.mark.parametrize("text, key", [
    ("long_overdue_dayz = 90\n", "long_overdue_dayz"),
    ("[selector]\nmany_sharee = 0.3\n", "selector.many_sharee"),
    ("[selector]\nmany_share = \"30%\"\n", "selector.many_share"),
    ("[selector]\nmany_groups = 8.5\n", "selector.many_groups"),
    ("[selector]\nnear_days = 0\n", "selector.near_days"),
    ("[selector]\nnear_days = 200\n", "selector.near_days"),
    ("[selector.answers]\nleaders_approved = \"maybe\"\n", "selector.answers.leaders_approved"),
    ("[selector.answers]\nleaders_approved = 1\n", "selector.answers.leaders_approved"),
    ("selector = 3\n", "selector"),
    ("long_overdue_days = -1\n", "long_overdue_days"),
    ("fiscal_year_end = [9]\n", "fiscal_year_end"),
    ("fiscal_year_end = [2, 30]\n", "fiscal_year_end"),
    ("[[grading.criteria]]\nkey = \"days\"\n", "grading.criteria[0].bands"),
    ("[[grading.criteria]]\nkey = \"days\"\nbands = [[0, 1]]\ncolour = 1\n", "grading.criteria[0].colour"),
])
def test_a_bad_key_or_value_is_a_user_error_naming_the_key(text, key):
    with pytest.raises(LedgerError) as error:
        loads(text)
    assert f"'{key}'" in error.value.en and f"'{key}'" in error.value.th


def test_an_answer_to_a_question_no_technique_asks_is_an_unknown_key():
    with pytest.raises(LedgerError) as error:
        loads("[selector.answers]\nleaders_aproved = \"yes\"\n", {"leaders_approved"})
    assert error.value.code == "settings_unknown_key" and "'selector.answers.leaders_aproved'" in error.value.en


def test_text_that_is_not_toml_is_a_user_error():
    with pytest.raises(LedgerError) as error:
        loads("[selector\n")
    assert error.value.code == "settings_bad_toml"
