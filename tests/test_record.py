"""The record's core: kmdash.actions (actions as people type them: kinds, techniques, dates, amounts; the files
staff fill in) and kmdash.record (the store's actions on SQLite and PostgreSQL: add, list, delete, correct; one
member however numbered, one co-op however spaced, two co-ops apart).

Expected values are written here by hand (the kinds' and techniques' words as staff type them are the
generator's, tests/support/record.py), never taken from the code under test.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kmdash import record, store
from kmdash.actions import (COLUMNS, FIELDS, KINDS, as_rows, checked, header, kind_word, read_actions,
                            technique_number, technique_word)
from kmdash.errors import LedgerError

from .support.record import HEADERS, KIND_WORDS, TECHNIQUE_WORDS, action, actions_csv, actions_xlsx, typed

DAY = date(2024, 4, 15)


def one(**typed) -> dict:
    """One row typed, checked: a letter to member 00017 on 15/04/2567 unless `typed` says otherwise."""
    row = {"member": "00017", "date": "15/04/2567", "kind": "letter_sent"} | typed
    frame = checked([row])
    assert len(frame) == 1 and list(frame.columns) == COLUMNS
    return frame.iloc[0].to_dict()


def refused(rows: list[dict], lang: str = "en", first_row: int = 1) -> str:
    with pytest.raises(LedgerError) as error:
        checked(rows, first_row)
    return error.value.message(lang)


# ---------------------------------------------------------------- kinds and techniques


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_read_from_its_code_and_its_words_in_either_language(kind):
    thai, english = KIND_WORDS[kind]
    written = [kind, thai, english, english.upper(), f"  {english.lower()}  ", " ".join(thai.split()) + " "]
    amount = {"amount": "100", "promised_date": "30/04/2567"} if kind == "promise" else {}
    assert {one(kind=w, **amount)["kind"] for w in written} == {kind}
    assert (kind_word(kind), kind_word(kind, "en")) == (thai, english)


@pytest.mark.parametrize("kind", ["", "ไปเที่ยว", "letter", "sent", "letter_sent_twice"])
def test_an_unknown_or_missing_kind_is_refused(kind):
    message = refused([{"member": "1", "date": "15/04/2567", "kind": kind}])
    assert message.startswith(f"row 1: Action '{kind}' is not a known action (use one of: letter_sent, ")


@pytest.mark.parametrize("number", [1, 2, 3, 4, 5])
def test_a_technique_is_read_from_its_number_its_key_and_its_names(number):
    short, key, thai, english = TECHNIQUE_WORDS[number]
    written = [str(number), number, float(number), f"{number}.0", short, f"{number}  {short.split()[1]}", key,
               key.upper(), thai, english, f" {english.lower()} ", f"{number} {key}",
               f"{number} {english}", f"{number} {thai} (ตามแผน)"]  # a leading number names it, whatever follows
    assert [one(technique=w)["technique"] for w in written] == [number] * len(written)
    assert technique_word(number) == short and technique_word(number, "en") == f"{number} {key}"


def test_no_technique_is_zero_and_an_unknown_one_is_refused_naming_the_numbers():
    assert one()["technique"] == one(technique="")["technique"] == one(technique=None)["technique"] == 0
    assert one(technique="0")["technique"] == one(technique=0)["technique"] == 0  # as a frame writes none
    assert technique_word(0) == technique_word(0, "en") == ""
    for unknown in ("9", "-1", "6 เยี่ยมบ้าน", "ร่อน", "3.5", "ไม่มี", "None", "13 มอบหมาย"):
        assert refused([{"member": "1", "date": "15/04/2567", "kind": "contact", "technique": unknown}]) == \
            f"row 1: Technique '{unknown}' is not a known technique (use 1, 2, 3, 4, 5); no row of this file " \
            "was saved: fix it and import again"


@pytest.mark.parametrize("value, number", [("3 มอบหมาย", 3), ("assigned", 3), (2.0, 2), ("", 0), (None, 0),
                                           ("ไม่มี", 0), ("9", 0), (float("nan"), 0)])
def test_a_plans_free_text_technique_is_its_number_or_zero(value, number):
    assert technique_number(value) == number


# ---------------------------------------------------------------- dates and amounts


@pytest.mark.parametrize("typed", ["15/04/2567", "15/04/2024", "2024-04-15", "2567-04-15", "15 เม.ย. 2567",
                                   "15 April 2024", " 15/04/2567 ", "2024-04-15 00:00:00", date(2024, 4, 15),
                                   datetime(2024, 4, 15, 13, 45), pd.Timestamp("2024-04-15 08:00"), "45397"])
def test_a_date_is_read_in_the_buddhist_era_or_the_common_era_or_as_an_excel_cell(typed):
    got = one(date=typed)["date"]
    assert got == DAY and type(got) is date


@pytest.mark.parametrize("typed", ["31/02/2567", "พรุ่งนี้", "15/13/2567"])
def test_a_bad_date_is_refused_naming_row_field_and_value(typed):
    rows = [{"member": "1", "date": "01/04/2567", "kind": "contact"}, {"member": "2", "date": typed, "kind": "contact"}]
    assert refused(rows, first_row=5) == f"row 6: Date done '{typed}' is not a date (write e.g. 15/01/2025); no " \
                                         "row of this file was saved: fix it and import again"
    assert refused(rows, "th", 5).startswith(f"แถว 6: วันที่ดำเนินการ '{typed}' ไม่ใช่วันที่")


def test_a_date_done_is_needed():
    assert refused([{"member": "1", "kind": "contact"}]).startswith("row 1: Date done '' must be filled in")


@pytest.mark.parametrize("typed, satang", [("1,500.00", 150000), ("฿1,500", 150000), ("1500", 150000),
                                           (1500, 150000), (1500.25, 150025), ("1,500 บาท", 150000),
                                           ("0.01", 1), ("", 0), (None, 0), ("0", 0), (0.004, 0),
                                           ("999,999,999,999.99", 99_999_999_999_999)])
def test_an_amount_is_read_as_the_reader_takes_money_in_satang(typed, satang):
    assert one(amount=typed)["amount"] == satang


@pytest.mark.parametrize("typed", ["-1,500.00", "(1,500)", -1, "abc", "1e20", "inf", float("inf"), "1,000,000,000,000"])
def test_a_negative_or_unreadable_or_absurd_amount_is_refused(typed):
    assert refused([{"member": "1", "date": "15/04/2567", "kind": "contact", "amount": typed}]) == \
        f"row 1: Amount (baht) '{typed}' is not a valid amount (a number, not negative); no row of this file was " \
        "saved: fix it and import again"


def test_a_promise_needs_an_amount_above_zero_and_a_promised_date():
    promise = {"member": "1", "date": "15/04/2567", "kind": "promise", "amount": "500", "promised_date": "30/04/2567"}
    assert checked([promise]).iloc[0][["amount", "promised_date"]].tolist() == [50000, date(2024, 4, 30)]
    assert refused([promise | {"amount": ""}]).startswith("row 1: Amount (baht) '' must be filled in")
    assert refused([promise | {"amount": "0"}]).startswith("row 1: Amount (baht) '0' is not a valid amount")
    assert refused([promise | {"promised_date": None}]).startswith("row 1: Promised date '' must be filled in")
    assert one(kind="contact", promised_date="30/04/2567")["promised_date"] == date(2024, 4, 30)
    assert one()["promised_date"] is None and one()["amount"] == 0


@pytest.mark.parametrize("member", ["", "   ", None, float("nan")])
def test_a_row_without_a_member_is_refused(member):
    assert refused([{"member": member, "date": "15/04/2567", "kind": "contact"}]).startswith(
        "row 1: Member no. '' needs a member number")


def test_text_is_tidied_and_blank_rows_are_skipped_but_counted():
    rows = [{}, {"member": " 00017 ", "date": "15/04/2567", "kind": "contact", "by": "  สมชาย\u00a0 ใจดี ",
                 "note": "โทร\nแล้ว"},
            {f: "" for f in FIELDS}, {f: None for f in FIELDS}, {"member": "2", "date": "x", "kind": "contact"}]
    assert refused(rows, first_row=2).startswith("row 6: Date done 'x'")
    got = checked(rows[:4])
    assert got[["member", "by", "note"]].values.tolist() == [["00017", "สมชาย ใจดี", "โทร แล้ว"]]
    assert checked([]).empty and list(checked([]).columns) == COLUMNS
    assert checked([]).dtypes[["technique", "amount"]].tolist() == ["int64", "int64"]


def test_the_headers_in_either_language():
    assert [header(f) for f in FIELDS] == list(HEADERS["th"])
    assert [header(f, "en") for f in FIELDS] == list(HEADERS["en"])


# ---------------------------------------------------------------- as_rows and back


LETTER = action("00017", DAY, "letter_sent", 1, note="ส่งทางไปรษณีย์")
PROMISE = action("17", date(2024, 4, 20), "promise", 3, 250025, date(2024, 5, 31), "สมศรี")


def test_as_rows_writes_actions_as_people_read_them():
    frame = frame_of(LETTER, PROMISE)
    assert as_rows(frame).values.tolist() == [
        ["00017", "15/04/2567", "ส่งหนังสือแล้ว", "1 ร่อนตะแกรง", "", "", "", "ส่งทางไปรษณีย์"],
        ["17", "20/04/2567", "นัดชำระ", "3 มอบหมาย", "2500.25", "31/05/2567", "สมศรี", ""]]
    english = as_rows(frame, "en")
    assert list(english.columns) == list(HEADERS["en"])
    assert english.iloc[1].tolist() == ["17", "20/04/2024", "Promise to pay", "3 assigned", "2500.25", "31/05/2024",
                                        "สมศรี", ""]


words = st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Lo")), min_size=1, max_size=8)
days = st.dates(date(1990, 1, 1), date(2100, 12, 31))


@st.composite
def actions(draw) -> dict:
    kind = draw(st.sampled_from(KINDS))
    promise = kind == "promise"
    return {"member": draw(st.one_of(st.from_regex(r"0{0,3}[1-9][0-9]{0,5}", fullmatch=True), words)),
            "date": draw(days), "kind": kind, "technique": draw(st.integers(0, 5)),
            "amount": draw(st.integers(1 if promise else 0, 10**14 - 1)),
            "promised_date": draw(days if promise else st.none() | days),
            "by": draw(st.just("") | words), "note": draw(st.lists(words, max_size=3).map(" ".join))}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(actions(), max_size=6), lang=st.sampled_from(["th", "en"]))
def test_any_actions_read_back_from_what_as_rows_writes(rows, lang):
    frame = pd.DataFrame(rows, columns=COLUMNS).astype({"technique": "int64", "amount": "int64"})
    written = as_rows(frame, lang).rename(columns={header(f, lang): f for f in FIELDS})
    back = checked(written.to_dict("records"))
    if rows:
        pd.testing.assert_frame_equal(back, frame)
    else:
        assert back.empty and list(back.columns) == COLUMNS


# ---------------------------------------------------------------- files


def test_a_cp874_csv_reads_as_its_utf8_twin():
    rows = [LETTER, PROMISE]
    assert actions_csv(rows, "cp874") != actions_csv(rows)
    pd.testing.assert_frame_equal(read_actions(actions_csv(rows, "cp874"), "a.csv"), frame_of(*rows))
    pd.testing.assert_frame_equal(read_actions(actions_csv(rows), "a.csv"), frame_of(*rows))


@pytest.mark.parametrize("title", [False, True])
def test_a_workbooks_actions_sheet_is_found_below_a_title(title, tmp_path):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(actions_xlsx([LETTER, PROMISE], title))
    pd.testing.assert_frame_equal(read_actions(path), frame_of(LETTER, PROMISE))


def test_a_bad_row_in_a_workbook_is_named_by_its_row_in_the_sheet():
    data = actions_xlsx([LETTER, action("2", DAY, "other"), PROMISE | {"amount": 0}], title=True)
    with pytest.raises(LedgerError) as error:
        read_actions(data, "plan.xlsx")
    message = error.value.message("en")  # the title, a blank row, the header, then the third action: row 6
    assert message.startswith("row 6") and "Amount (baht) '' must be filled in" in message


def test_a_csv_with_only_the_three_needed_headers_and_words_pandas_would_take_for_missing():
    data = "เลขสมาชิก,วันที่ดำเนินการ,สิ่งที่ทำ\r\nNA,15/04/2567,ติดต่อลูกหนี้\r\nNone,15/04/2567,contact\r\n".encode()
    assert read_actions(data, "a.csv")["member"].tolist() == ["NA", "None"]


def test_of_two_columns_for_one_field_the_first_is_read():
    data = "Member no.,เลขสมาชิก,Date done,Action\r\n00017,99,15/04/2024,contact\r\n".encode()
    assert read_actions(data, "a.csv")["member"].tolist() == ["00017"]


def test_a_file_with_headers_and_no_action_is_an_empty_record():
    got = read_actions(actions_csv([]), "a.csv")
    assert got.empty and list(got.columns) == COLUMNS
    assert read_actions(actions_xlsx([], title=True), "a.xlsx").empty


def test_the_actions_sheet_is_read_alone_when_another_sheet_has_action_headers():
    other = workbook([*HEADERS["en"]], ["5", "01/04/2024", "contact"])
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(other))
    book.active.title = "สรุป"
    sheet = book.create_sheet("บันทึกการดำเนินการ")  # the Thai plan workbook's sheet of actions
    for row in ([*HEADERS["th"]], [LETTER["member"], "15/04/2567", "ส่งหนังสือแล้ว", "1"]):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_actions(buffer.getvalue(), "plan.xlsx")[["member", "kind"]].values.tolist() == \
        [["00017", "letter_sent"]]


@pytest.mark.parametrize("above, found", [(4, True), (5, False)])
def test_the_headers_are_looked_for_in_a_sheets_first_five_rows(above, found):
    data = workbook(*[[f"หัวรายงาน {i}"] for i in range(above)], [*HEADERS["th"]], ["1", "15/04/2567", "contact"])
    if found:
        assert read_actions(data, "a.xlsx")["member"].tolist() == ["1"]
    else:
        with pytest.raises(LedgerError, match="holds no table of actions"):
            read_actions(data, "a.xlsx")


def test_two_tables_of_actions_side_by_side_are_both_read_left_then_right():
    data = workbook(["บันทึกของสมชาย"], [*HEADERS["th"][:3], None, *HEADERS["en"][:3], "Note"],
                    ["1", "15/04/2567", "ติดต่อลูกหนี้", None, "7", "16/04/2024", "Letter sent", "ส่งแล้ว"],
                    ["2", "15/04/2567", "contact", None, "8", "17/04/2024", "other", None])
    got = read_actions(data, "a.xlsx")
    assert got[["member", "kind", "note"]].values.tolist() == [["1", "contact", ""], ["2", "contact", ""],
                                                               ["7", "letter_sent", "ส่งแล้ว"], ["8", "other", ""]]
    assert got.index.tolist() == [0, 1, 2, 3]


def test_a_file_read_without_a_name_is_called_actions_in_its_message():
    with pytest.raises(LedgerError) as error:
        read_actions(b"a,b\r\n1,2\r\n")
    assert error.value.message("en").startswith("'actions' holds no table of actions")


def workbook(*rows: list) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_a_file_without_the_action_headers_or_unreadable_is_a_clear_error():
    cases = [("a.csv", "a,b\r\n1,2\r\n".encode()), ("a.xlsx", workbook(["เลขสมาชิก", "ชื่อ"], ["1", "ก"])),
             ("a.xlsx", b"PK\x03\x04 not a workbook"), ("a.csv", b"\xff\xfe\xfa\xfb")]
    messages = []
    for name, data in cases:
        with pytest.raises(LedgerError) as error:
            read_actions(data, name)
        messages.append(error.value.message("en"))
    assert messages[0] == messages[1].replace("a.xlsx", "a.csv") == \
        "'a.csv' holds no table of actions (it needs the headers เลขสมาชิก, วันที่ดำเนินการ, สิ่งที่ทำ)"
    assert messages[2].startswith("could not read 'a.xlsx' (") and messages[2].endswith(
        "); use a CSV or an Excel (.xlsx) file") and "(None)" not in messages[2]  # the reader's own reason
    assert messages[3] == "the file's characters could not be read; save it as CSV UTF-8 and try again"


# ---------------------------------------------------------------- the store


def frame_of(*rows: dict) -> pd.DataFrame:
    return checked([typed(r) for r in rows])


def typed_back(listed: pd.DataFrame) -> list[tuple]:
    return [tuple(r) for r in listed[COLUMNS].itertuples(index=False)]


def test_added_actions_list_back_whole_oldest_first(store_engine):
    late, early = action("5", date(2024, 5, 1), "contact"), action("00017", DAY, "letter_sent", 1, note="x")
    ids, same = record.add(store_engine, "สหกรณ์ ก", frame_of(late, PROMISE, early), source="a.csv")
    assert same == 0 and len(ids) == 3 == len(set(ids))
    got = record.listed(store_engine)
    assert list(got.columns) == ["id", "coop", *COLUMNS, "source", "recorded_at"]
    assert typed_back(got) == typed_back(frame_of(early, PROMISE, late))
    assert got["id"].tolist() == [ids[2], ids[1], ids[0]]
    assert set(got["coop"]) == {"สหกรณ์ ก"} and set(got["source"]) == {"a.csv"}
    assert (got["recorded_at"].map(lambda r: abs((datetime.now() - r).total_seconds())) < 600).all()
    assert (got["recorded_at"].map(lambda r: r.microsecond) == 0).all()  # to the second
    assert got.dtypes[["id", "technique", "amount"]].tolist() == ["int64"] * 3
    assert got["promised_date"].tolist()[1:] == [date(2024, 5, 31), None]
    assert record.listed(store_engine, until=date(2024, 4, 20))["id"].tolist() == [ids[2], ids[1]]
    assert record.listed(store_engine, until=date(2024, 4, 14)).empty


def test_an_empty_record_lists_its_columns(store_engine):
    got = record.listed(store_engine, "ไม่มี")
    assert got.empty and list(got.columns) == ["id", "coop", *COLUMNS, "source", "recorded_at"]
    assert got.dtypes[["id", "technique", "amount"]].tolist() == ["int64"] * 3
    assert record.add(store_engine, "ก", checked([])) == ([], 0)
    record.add(store_engine, "ก", frame_of(LETTER))
    assert record.listed(store_engine)["source"].tolist() == [""]  # none named


def test_the_same_action_twice_is_recorded_once_and_00017_is_17(store_engine):
    ids, _ = record.add(store_engine, "ก", frame_of(LETTER, PROMISE))
    assert record.add(store_engine, "ก", frame_of(LETTER | {"member": "17"}, PROMISE | {"member": " 0017"})) == \
        ([], 2)
    again, same = record.add(store_engine, "ก", frame_of(LETTER | {"note": "อีกฉบับ"}, PROMISE))
    assert same == 1 and len(again) == 1
    for asked in ("17", "00017", "0017", " 17 "):  # by date, then as recorded
        assert record.listed(store_engine, "ก", member=asked)["id"].tolist() == [ids[0], *again, ids[1]]
    assert record.listed(store_engine, "ก", member="170").empty


def test_a_coops_name_with_odd_spaces_is_one_coop_and_two_coops_are_kept_apart(store_engine):
    assert record.coop_key("  สหกรณ์การเกษตร\u00a0 ก   จำกัด ") == "สหกรณ์การเกษตร ก จำกัด"
    assert record.coop_key(None) == record.coop_key("") == ""
    first, _ = record.add(store_engine, "สหกรณ์การเกษตร ก จำกัด", frame_of(LETTER))
    assert record.add(store_engine, " สหกรณ์การเกษตร  ก จำกัด", frame_of(LETTER)) == ([], 1)
    other, same = record.add(store_engine, "สหกรณ์การเกษตร ข จำกัด", frame_of(LETTER))
    nameless, _ = record.add(store_engine, None, frame_of(LETTER))
    assert same == 0 and len({*first, *other, *nameless}) == 3
    assert record.listed(store_engine, "สหกรณ์การเกษตร   ก จำกัด")["id"].tolist() == first
    assert record.listed(store_engine, "สหกรณ์การเกษตร ข จำกัด")["id"].tolist() == other
    assert record.listed(store_engine, "")["id"].tolist() == nameless
    assert sorted(record.listed(store_engine)["id"]) == sorted([*first, *other, *nameless])


def test_delete_is_all_or_none(store_engine):
    ids, _ = record.add(store_engine, "ก", frame_of(LETTER, PROMISE, action("5", DAY, "contact")))
    record.delete(store_engine, [ids[0], ids[2]])
    assert record.listed(store_engine)["id"].tolist() == [ids[1]]
    with pytest.raises(LedgerError) as error:
        record.delete(store_engine, [ids[1], ids[0]])
    assert error.value.message("en") == f"no action with ID {ids[0]} in {store.where(store_engine)}"
    assert record.listed(store_engine)["id"].tolist() == [ids[1]]


def test_correct_rewrites_one_action_checked_and_keyed_anew(store_engine):
    ids, _ = record.add(store_engine, "ก", frame_of(LETTER, PROMISE), source="a.csv")
    record.correct(store_engine, ids[0], {"member": "00099", "date": "16/04/2567", "kind": "ส่งหนังสือแล้ว",
                                    "technique": "ร่อนตะแกรง", "amount": "", "by": "มานพ"})
    got = record.listed(store_engine, "ก")
    assert typed_back(got) == typed_back(frame_of(action("00099", date(2024, 4, 16), "letter_sent", 1, by="มานพ"),
                                                  PROMISE))
    assert got["id"].tolist() == ids
    assert record.listed(store_engine, member="99")["id"].tolist() == [ids[0]]
    assert record.listed(store_engine, member="17")["id"].tolist() == [ids[1]]
    assert got["source"].tolist() == ["a.csv", "a.csv"]
    with pytest.raises(LedgerError, match="row 1"):
        record.correct(store_engine, ids[1], {"member": "17", "date": "15/04/2567", "kind": "promise"})
    with pytest.raises(LedgerError) as error:
        record.correct(store_engine, max(ids) + 1, {"member": "1", "date": "15/04/2567", "kind": "contact"})
    assert error.value.message("en") == f"no action with ID {max(ids) + 1} in {store.where(store_engine)}"
    assert typed_back(record.listed(store_engine, "ก")) == typed_back(got)


def test_one_days_actions_list_as_recorded_even_after_a_correction(store_engine):
    """PostgreSQL moves an updated row to the end of its table: the list holds the ids' order all the same."""
    ids, _ = record.add(store_engine, "ก", frame_of(*(action(str(m), DAY, "contact") for m in (3, 1, 2))))
    record.correct(store_engine, ids[0], {"member": "3", "date": "15/04/2567", "kind": "contact", "note": "แก้"})
    assert record.listed(store_engine)["id"].tolist() == ids
    assert record.listed(store_engine, "ก")["id"].tolist() == ids  # not the members' order (SQLite's co-op index)


def test_reached_names_the_ledgers_members_with_that_kind_on_or_after_the_day():
    actions = pd.DataFrame({"member": ["17", "0018", "19", "20", "21"],
                            "kind": ["letter_sent", "letter_sent", "letter_sent", "contact", "letter_sent"],
                            "date": [date(2024, 4, 1), date(2024, 3, 31), date(2024, 3, 30), date(2024, 4, 2),
                                     date(2024, 4, 5)]})
    ledger = pd.Series(["00017", "00018", "00019", "00020", "00022"])
    # 17 and 18 (on the day) reached, 19 before it, 20 only contacted, 21 not in the ledger
    assert record.reached(actions, "letter_sent", date(2024, 3, 31), ledger) == ["00017", "00018"]
