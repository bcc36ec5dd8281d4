"""The actions page, the members' history and the follow-up judged by the record, through AppTest: nothing
recorded by opening a page or leaving its defaults; an action recorded on the page is in the store and in the
next follow-up's figures (the generator's, tests/support/record.py, never the app's); a file with one bad row
refused whole; a row corrected, rows deleted; privacy on every picker and table; the tool pages' confirm step
(ui.record.record_actions). Each store test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from kmdash import record, store
from kmdash.i18n import t

from .support.app import (
    downloads,
    go,
    leaks,
    open_on,
    page_text,
    picker,
    table_with,
    unescape,
    widget,
)
from .support.ledgers import XLSX
from .support.record import COOP, Record, assert_judged, be, key

SAMPLE_COOP = "สหกรณ์การเกษตรตัวอย่าง จำกัด"  # the sample's title row
NOTE = "โทรหา {name} แล้ว"  # a note naming the member: hidden with privacy on


@pytest.fixture
def url(store_url, monkeypatch):
    """The app's store (KMDASH_STORE overrides secrets.toml's URL): an empty SQLite file or PostgreSQL database."""
    monkeypatch.setenv(store.ENV, store_url)
    return store_url


def stored(url: str, coop: str = COOP) -> pd.DataFrame:
    """The co-op's record as the store holds it (kmdash.record.listed)."""
    engine = store.open_store(url)
    try:
        return record.listed(engine, coop)
    finally:
        engine.dispose()


def nothing_stored(url: str) -> bool:
    """No store made (an SQLite file not there), or one with no action of any co-op."""
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return True
    engine = store.open_store(url)
    try:
        return record.listed(engine).empty
    finally:
        engine.dispose()


def new_ledger(files) -> tuple[str, bytes, str]:
    return "new.xlsx", files.new.read_bytes(), XLSX


def indices(options: list[str], keys: set[str]) -> list[int]:
    """The picker's positions of the members with these keys (an option reads "member_no name")."""
    return [i for i, o in enumerate(options) if key(o.split(" ")[0].strip()) in keys]


def added(message: str, n: int, same: int = 0) -> bool:
    return message == t("actions_saved", n=n, same=same)


# ---------------------------------------------------------------- recorded on the page, judged in the follow-up


def test_an_action_recorded_on_the_page_is_in_the_store_and_in_the_next_follow_up(generated_record, record_files,
                                                                                   url, monkeypatch):
    pair = generated_record.pair
    m = generated_record.members
    chosen = {*sorted(m.index[m["status"] == "cleared"])[:2], *sorted(m.index[m["status"] == "unchanged"])[:1]}
    done = pair.as_of_old + timedelta(days=10)
    at = open_on("actions", new_ledger(record_files))
    at.radio(key="act_who").set_value("several").run()
    several = widget(at.multiselect, "act_several")
    several.set_value(indices(several.options, chosen)).run()
    at.selectbox(key="act_kind").set_value("letter_sent")
    at.selectbox(key="act_technique").set_value(1)
    at.text_input(key="act_date").set_value(be(done))  # typed in the Buddhist Era
    at.text_input(key="act_by").set_value("สมศรี")
    at.button(key="act_save").click()
    go(at)
    assert added(at.success[0].value, 3)
    kept = stored(url)
    assert sorted(kept["member"].map(key)) == sorted(chosen)
    assert (kept["date"] == done).all() and (kept["kind"] == "letter_sent").all() and (kept["technique"] == 1).all()
    assert (kept["by"] == "สมศรี").all() and (kept["amount"] == 0).all() and (kept["source"] == "app").all()

    mine = Record(pair, [{"member": k, "date": done, "kind": "letter_sent", "technique": 1, "amount": 0,
                          "promised_date": None, "by": "สมศรี", "note": ""} for k in sorted(chosen)])
    files = downloads(monkeypatch)
    at.switch_page("pages/followup.py")
    go(at)
    at.radio(key="fu_kind").set_value("upload").run()
    at.file_uploader(key="fu_old_file").set_value(("old.xlsx", record_files.old.read_bytes(), XLSX))
    go(at)
    assert any(c.value == t("fu_actions_from_store", n=3) for c in at.caption)
    table = table_with(at, t("col_action_kind"))
    letters, untreated = mine.by_action()[("letter_sent", 1)], mine.untreated
    assert table[t("col_action_kind")].tolist() == [t("fu_untreated"), t("action_letter_sent")]
    assert table[t("col_members")].tolist() == [untreated["members"], 3]
    assert table[t("col_overdue_then")].tolist() == [untreated["overdue_then"] / 100, letters["overdue_then"] / 100]
    assert table[t("col_recovered")].tolist() == [untreated["recovered"] / 100, letters["recovered"] / 100]
    assert table[t("col_rate")].tolist() == [f"{untreated['rate']:.1%}", f"{letters['rate']:.1%}"]
    assert_judged(json.loads(files["followup.json"]()), mine)


# ---------------------------------------------------------------- nothing without a press


def test_opening_the_page_and_leaving_its_defaults_records_nothing(url):
    at = open_on("actions")
    assert at.info[0].value == t("actions_none")
    for how in ("one", "group", "several"):
        at.radio(key="act_who").set_value(how).run()
        assert at.button(key="act_save").disabled  # nobody chosen yet
    at.radio(key="act_who").set_value("group").run()
    at.selectbox(key="act_group").set_value(at.selectbox(key="act_group").options[0])
    go(at)
    assert not at.button(key="act_save").disabled and not at.success
    at.switch_page("pages/members.py")
    go(at)
    assert nothing_stored(url)


def test_the_confirm_step_records_only_on_its_press(url):
    """ui.record.record_actions, as a tool page calls it: a date typed BE, the button, how many recorded."""
    at = AppTest.from_function(confirm_step, default_timeout=60)
    at.run()
    assert not at.exception and not at.success
    assert at.text_input(key="t_date").value == be(date.today())  # today by default
    assert nothing_stored(url)
    at.text_input(key="t_date").set_value("15/01/2568").run()
    at.button(key="t_confirm").click().run()
    assert added(at.success[0].value, 3)
    kept = stored(url, SAMPLE_COOP)
    assert kept["member"].tolist() == ["00386", "00367", "00328"]  # the sample's three largest debtors
    assert (kept["date"] == date(2025, 1, 15)).all() and (kept["kind"] == "pool_repaid").all()
    assert kept["amount"].tolist() == [1_000_00, 2_500_50, 0] and (kept["technique"] == 4).all()
    at.button(key="t_confirm").click().run()  # pressed again: nothing twice
    assert added(at.success[0].value, 0, same=3) and len(stored(url, SAMPLE_COOP)) == 3
    at.text_input(key="t_date").set_value(be(date.today() + timedelta(days=1))).run()
    assert at.button(key="t_confirm").disabled and at.error


def confirm_step():
    """A tool page's confirm step over the sample's three largest debtors (AppTest runs this function's body)."""
    from ui import components as ui
    from ui.record import record_actions

    cur = ui.need_current()
    members = cur.result.analysis.members["member_no"].head(3)
    record_actions(cur, members, "pool_repaid", 4, amount={"00386": 1_000_00, "00367": 2_500_50}, key="t")


# ---------------------------------------------------------------- import, correct, delete


def bad_file(generated: Record, row: int) -> bytes:
    """The record's Thai CSV with the action `row` (0-based) given a kind nobody knows."""
    frame = pd.read_csv(io.BytesIO(generated.csv_bytes()), dtype=str, keep_default_na=False)
    frame.iloc[row, 2] = "ส่งนกพิราบ"
    return frame.to_csv(index=False).encode("utf-8-sig")


def test_a_file_with_one_bad_row_shows_the_row_and_saves_nothing(generated_record, record_files, url):
    at = open_on("actions", new_ledger(record_files))
    at.file_uploader(key="act_import_file").set_value(("actions.csv", bad_file(generated_record, 7), "text/csv"))
    go(at)
    message = unescape(at.error[0].value)
    assert "แถว 9:" in message and "ส่งนกพิราบ" in message  # the header is the file's row 1
    assert not [b for b in at.button if (b.key or "").startswith("act_import_")]
    assert nothing_stored(url)


def test_an_imported_file_is_recorded_on_the_press_then_a_row_corrected_and_rows_deleted(generated_record, record_files,
                                                                                           url):
    n = len(generated_record.actions)
    at = open_on("actions", new_ledger(record_files))
    at.file_uploader(key="act_import_file").set_value(("actions.csv", record_files.csv.read_bytes(), "text/csv"))
    go(at)
    assert at.caption and any(c.value == t("act_import_read", n=n) for c in at.caption)
    assert nothing_stored(url)  # read and shown, not recorded
    widget(at.button, "act_import_").click()
    go(at)
    assert added(at.success[0].value, n)
    before = stored(url)
    assert len(before) == n and (before["source"] == "actions.csv").all()
    assert sorted(zip(before["member"], before["date"], before["kind"])) == \
        sorted((a["member"], a["date"], a["kind"]) for a in generated_record.actions)

    first, *others = before["id"].tolist()
    widget(at.selectbox, "act_fix_pick").set_value(first).run()
    at.selectbox(key=f"act_fix_{first}_kind").set_value("contact")
    at.selectbox(key=f"act_fix_{first}_technique").set_value(0)
    at.text_input(key=f"act_fix_{first}_date").set_value(be(generated_record.pair.as_of_old + timedelta(days=5)))
    at.text_input(key=f"act_fix_{first}_note").set_value("แก้แล้ว")
    at.button(key="act_fix_save").click()
    go(at)
    assert at.success and at.success[0].value == t("act_fixed", id=first), ([e.value for e in at.error], [s.value for s in at.success])
    after = stored(url).set_index("id")
    fixed = after.loc[first]
    assert (fixed["kind"], fixed["technique"], fixed["date"], fixed["note"]) == \
        ("contact", 0, generated_record.pair.as_of_old + timedelta(days=5), "แก้แล้ว")
    assert fixed["member"] == before.set_index("id").loc[first, "member"]
    pd.testing.assert_frame_equal(after.drop(first), before.set_index("id").drop(first))

    gone = others[:2]
    widget(at.multiselect, "act_delete_pick").set_value(gone).run()
    at.button(key="act_delete").click()
    go(at)
    assert at.success[0].value == t("act_deleted", n=2)
    assert sorted(stored(url)["id"]) == sorted(set(before["id"]) - set(gone))


# ---------------------------------------------------------------- privacy, and each member's history


def sample_record(url: str, sample_loans: pd.DataFrame) -> pd.DataFrame:
    """Three actions for the sample's members (one written without its leading zeros), each note naming them."""
    names = dict(zip(sample_loans["member_no"], sample_loans["name"]))
    rows = [{"member": number.lstrip("0") if i == 1 else number, "date": date(2024, 4, 2 + i), "kind": kind,
             "technique": technique, "amount": amount, "promised_date": promised, "by": "สมชาย",
             "note": NOTE.format(name=names[number])}
            for i, (number, kind, technique, amount, promised) in enumerate(
                [("00386", "letter_sent", 1, 0, None), ("00386", "promise", 3, 5_000_00, date(2024, 4, 30)),
                 ("00328", "leader_visit", 2, 0, None)])]
    frame = pd.DataFrame(rows).astype({"technique": "int64", "amount": "int64"})
    engine = store.open_store(url)
    try:
        record.add(engine, SAMPLE_COOP, frame, "test")
    finally:
        engine.dispose()
    return frame


def every_text(at: AppTest) -> list[str]:
    return [s for texts in page_text(at).values() for s in texts]


def test_with_privacy_no_name_or_member_number_on_the_actions_page(url, personal, sample_loans):
    """Every picker (open, with members picked), the record, the row being corrected, the import's preview."""
    names, numbers = personal
    sample_record(url, sample_loans)
    ids = stored(url, SAMPLE_COOP)["id"].tolist()
    for privacy in (True, False):
        at = open_on("actions", privacy=privacy)
        at.radio(key="act_who").set_value("several").run()
        widget(at.multiselect, "act_several").set_value([0, 1]).run()
        widget(at.selectbox, "act_fix_pick").set_value(ids[0]).run()
        widget(at.multiselect, "act_delete_pick").set_value(ids[1:]).run()
        at.file_uploader(key="act_import_file").set_value(("a.csv", sample_csv(sample_loans), "text/csv"))
        go(at)
        found = leaks(every_text(at), names, numbers)
        if privacy:
            assert not any(found), (sorted(found[0])[:5], sorted(found[1])[:5])
        else:  # the same elements do carry them with privacy off: the check can fail
            assert all(found) and all(leaks(page_text(at)["dataframe"], names, numbers))
            assert all(leaks(page_text(at)["multiselect"], names, numbers))
            assert leaks(page_text(at)["selectbox"], names, numbers)[1]  # the record's rows: member numbers


def sample_csv(sample_loans: pd.DataFrame) -> bytes:
    """A file of actions for two of the sample's members, a name in a note."""
    name = sample_loans.loc[sample_loans["member_no"] == "00017", "name"].iloc[0]
    rows = [["00017", "05/04/2567", "ติดต่อลูกหนี้", "", "", "", "มานพ", NOTE.format(name=name)],
            ["386", "06/04/2567", "ส่งหนังสือแล้ว", "1", "", "", "", ""]]
    headers = ["เลขสมาชิก", "วันที่ดำเนินการ", "สิ่งที่ทำ", "เทคนิค", "จำนวนเงิน (บาท)", "วันที่นัดชำระ", "ผู้ดำเนินการ", "บันทึก"]
    return pd.DataFrame(rows, columns=headers).to_csv(index=False).encode("utf-8-sig")


def test_the_members_page_shows_a_members_history(url, personal, sample_loans):
    sample_record(url, sample_loans)
    at = open_on("members")
    assert picker(at).options[0].startswith("00386 ")  # the largest debtor first: two actions recorded
    history = table_with(at, t("col_action_kind"))
    assert history[t("col_action_kind")].tolist() == [t("action_letter_sent"), t("action_promise")]
    assert history[t("col_action_date")].tolist() == ["02/04/2567", "03/04/2567"]
    assert history[t("col_member")].tolist() == ["00386", "386"]  # as recorded, matched to the member
    assert history[t("col_action_amount")].tolist() == ["", "5000.00"]
    picker(at).set_value(1)
    go(at)
    assert t("actions_none") in [c.value for c in at.caption]  # 00367: nothing recorded yet

    names, numbers = personal
    at = open_on("members", privacy=True)
    history = table_with(at, t("col_action_kind"))
    alias = picker(at).options[0]
    assert history[t("col_member")].tolist() == [alias, alias]
    assert history[t("col_action_note")].tolist() == [t("hidden"), t("hidden")]
    assert not any(leaks(every_text(at), names, numbers))


def test_the_record_downloads_as_csv_real_and_masked(url, personal, sample_loans, monkeypatch):
    """The real record (the default, as staff work from it) and, with privacy on, a masked copy beside it; each
    button says which; a note typed as a formula stays text."""
    sample_record(url, sample_loans)
    engine = store.open_store(url)
    formula = pd.DataFrame([{"member": "00017", "date": date(2024, 4, 9), "kind": "contact", "technique": 0,
                             "amount": 0, "promised_date": None, "by": "", "note": "=HYPERLINK(\"x\")"}])
    record.add(engine, SAMPLE_COOP, formula.astype({"technique": "int64", "amount": "int64"}), "test")
    engine.dispose()
    files = downloads(monkeypatch)
    at = open_on("actions", privacy=True)
    assert [b.proto.label for b in at.get("download_button")] == \
        [t("act_download", contents=t(words)) for words in ("plan_real", "plan_masked")]
    real = pd.read_csv(io.BytesIO(files["actions.csv"]()), dtype=str, keep_default_na=False)
    assert real[t("col_member")].tolist() == ["00386", "386", "00328", "00017"]
    assert real[t("col_action_note")].iloc[-1] == "'=HYPERLINK(\"x\")"
    masked = pd.read_csv(io.BytesIO(files["actions_masked.csv"]()), dtype=str, keep_default_na=False)
    names, numbers = personal
    assert not any(leaks(masked.to_numpy().ravel().tolist(), names, numbers))
    assert masked[t("col_member")].str.fullmatch(t("member_alias") + r" \d{3}").all()
