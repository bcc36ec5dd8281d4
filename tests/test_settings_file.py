"""The settings file (TOML): every field of the settings' dataclasses written and read back, whatever fields they
have; a key the settings do not have, a value of the wrong kind or out of range is a user error naming the key."""

from __future__ import annotations

import tomllib
from dataclasses import fields, replace
from pathlib import Path

import pytest

from kmdash.errors import LedgerError
from kmdash.settings import Selector, Settings, Welfare
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


@pytest.mark.parametrize("name, file", [("a/b:c", "a_b_c.toml"), ("../..", "coop.toml"), (" x ", "x.toml"),
                                        ("Coop X", "Coop_X.toml")])
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


# ---------------------------------------------------------------- the file as a person reads it


def test_the_file_reads_as_written_by_hand_bare_keys_thai_kept_and_arrays_of_tables():
    grades = Settings().grading.grades
    excellent = replace(grades[0], names=("ดีเยี่ยม", "Excellent"), welfare=Welfare("ลดดอกเบี้ย 1%", 500.0))
    settings = Settings(selector=Selector(answers=(("ABC", "yes"), ("ก.ข", "no"))),
                        grading=replace(Settings().grading, grades=(excellent, *grades[1:])))
    text = dumps(settings)
    assert text.startswith("# kmdash settings of one co-op")
    assert ('\nbucket_unit = "days"\nbucket_edges = [30, 90, 180, 365, 730, 1095]\nlong_overdue_days = 365\n'
            'top_members = 20\nchronic_periods = 3\nfiscal_year_end = [3, 31]\n\n[selector]\nmany_share = 0.3\nlong_share = 0.5\n'
            'many_groups = 8\nspread_share = 0.8\nnear_days = 60\nfar_days = 180\nfew_debtors = 60\n'
            'small_debt = 20000.0\npool_members = 5\nnew_days = 90\nnew_share = 0.5\n\n'
            '[selector.answers]\nABC = "yes"\n"ก.ข" = "no"\n\n[grading]\napproved = false\n\n'
            '[[grading.criteria]]\nkey = "activities"\nbands = [[1, 10], [3, 20]]\nenabled = true\n'
            'higher_is_better = true\nunit = "activities"\nfloor = 0.0\nnames = []\n\n[[grading.criteria]]\n') in text
    assert ('\n[[grading.grades]]\nkey = "excellent"\nmin_points = 85\nnames = ["ดีเยี่ยม", "Excellent"]\n\n'
            '[grading.grades.welfare]\ntext = "ลดดอกเบี้ย 1%"\namount = 500.0\n\n[[grading.grades]]\nkey = "good"\n') in text
    assert loads(text) == settings


# ---------------------------------------------------------------- what a bad file is told


@pytest.mark.parametrize("text, key, reason", [
    ("selector = 3\n", "selector", "must be a table, not int"),
    ("bucket_edges = \"30,90\"\n", "bucket_edges", "must be a list, not text"),
    ("fiscal_year_end = [9]\n", "fiscal_year_end", "must have 2 items"),
    ("fiscal_year_end = [9, \"30\"]\n", "fiscal_year_end[1]", "must be int, not text"),
    ("bucket_edges = [30, 90.5]\n", "bucket_edges[1]", "must be int, not float"),
    ("[selector]\nmany_groups = true\n", "selector.many_groups", "must be int, not true/false"),
    ("long_overdue_days = [1]\n", "long_overdue_days", "must be int, not a list"),
    ("top_members = { n = 1 }\n", "top_members", "must be int, not a table"),
    ("[selector]\nmany_share = \"30%\"\n", "selector.many_share", "must be float, not text"),
    ("[selector]\nanswers = 3\n", "selector.answers", "must be a table, not int"),
    ("[selector.answers]\nleaders_approved = 1\n", "selector.answers.leaders_approved", "must be text"),
    ("[selector]\nnear_days = 200\n", "selector.near_days", "near_days must be fewer than far_days"),
    ("[selector]\nmany_groups = 0\n", "selector.many_groups", "many_groups must be positive"),
    ("[selector.answers]\nleaders_approved = \"maybe\"\n", "selector.answers.leaders_approved",
     "answers.leaders_approved must be one of yes, no, unknown"),
    ("[selector.answers]\n\"leaders\\tapproved\" = \"maybe\"\n", "selector.answers.leaders\tapproved",
     "answers.leaders\tapproved must be one of yes, no, unknown"),  # a code holding a tab is named whole
    ("long_overdue_days = -1\n", "long_overdue_days", "long_overdue_days must not be negative"),
    ("[[grading.criteria]]\nkey = \"days\"\n", "grading.criteria[0].bands", "is missing"),
    ("[[grading.criteria]]\nkey = \"days\"\nbands = [[0, 1]]\nenabled = \"yes\"\n", "grading.criteria[0].enabled",
     "must be bool, not text"),
    ("[[grading.criteria]]\nkey = \"days\"\nbands = [[0, 1]]\nunit = 1\n", "grading.criteria[0].unit",
     "must be str, not int"),
    ("[[grading.grades]]\nkey = \"a\"\nmin_points = 10\n[[grading.grades]]\nkey = \"b\"\nmin_points = 20\n",
     "grading", "the grades' minimum points must run from the highest down, none repeated"),  # no field first
])
def test_a_bad_value_is_told_with_its_key_and_what_is_wrong(text, key, reason):
    with pytest.raises(LedgerError) as error:
        loads(text)
    assert error.value.code == "settings_bad_value"
    assert error.value.en == f"settings file: bad value for '{key}': {reason}"
    assert error.value.th == f"ไฟล์ตั้งค่า: ค่า '{key}' ไม่ถูกต้อง: {reason}"


def test_text_that_is_not_toml_is_told_where_it_breaks():
    with pytest.raises(LedgerError) as error:
        loads("[selector\n")
    assert error.value.en.startswith("the settings file is not valid TOML: ")
    assert error.value.en.endswith("(at line 1, column 10)")  # "[selector" is 9 characters: the newline is 10th


def test_a_missing_file_is_told_with_its_path(tmp_path):
    path = tmp_path / "ไม่มี.toml"
    with pytest.raises(LedgerError) as error:
        read(path)
    assert error.value.code == "settings_unreadable"
    assert error.value.en == f"cannot open the settings file '{path}' (No such file or directory)"


def test_a_file_not_in_utf8_is_told_with_the_byte_that_breaks(tmp_path):
    path = tmp_path / "cp874.toml"
    path.write_bytes("กลุ่ม = 1\n".encode("cp874"))  # ก is 0xA1 in cp874: a UTF-8 continuation byte, first
    with pytest.raises(LedgerError) as error:
        read(path)
    assert error.value.en == (f"cannot open the settings file '{path}' "
                              "('utf-8' codec can't decode byte 0xa1 in position 0: invalid start byte)")


def test_a_file_is_read_against_the_questions_asked(tmp_path):
    path = tmp_path / "coop.toml"
    path.write_text("[selector.answers]\nleaders_aproved = \"yes\"\n", encoding="utf-8")
    assert read(path).selector.answers == (("leaders_aproved", "yes"),)  # no questions given: any code
    with pytest.raises(LedgerError) as error:
        read(path, {"leaders_approved"})
    assert error.value.en == ("the settings file has an unknown key 'selector.answers.leaders_aproved': "
                              "check its spelling (README lists the keys)")


def test_two_coops_files_are_written_into_new_nested_folders(tmp_path):
    first, second = tmp_path / "a" / "b" / "one.toml", tmp_path / "a" / "b" / "two.toml"
    write(first, changed())
    thai = Settings(selector=Selector(answers=(("ก.ข", "no"),)))
    write(second, thai)  # the folder is there already
    assert (read(first), read(second)) == (changed(), thai)
    assert '\n"ก.ข" = "no"\n'.encode("utf-8") in second.read_bytes()  # UTF-8, whatever the machine's locale


def test_a_file_that_cannot_be_written_is_told_with_its_path(tmp_path):
    blocker = tmp_path / "settings"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    path = blocker / "coop.toml"
    with pytest.raises(LedgerError) as error:
        write(path, Settings())
    assert error.value.code == "out_failed"
    assert error.value.en == f"could not write '{path}' (File exists); check the folder and the permission to write"


def test_a_write_error_without_its_own_words_is_named_by_its_kind(tmp_path, monkeypatch):
    def fail(*args, **kwargs):
        raise OSError("the disk went away")  # one argument: no strerror

    monkeypatch.setattr(Path, "write_text", fail)
    path = tmp_path / "coop.toml"
    with pytest.raises(LedgerError) as error:
        write(path, Settings())
    assert error.value.en == f"could not write '{path}' (OSError); check the folder and the permission to write"
