"""The selector page through AppTest: thresholds beside their evidence and settable, the clauses a ledger cannot
show answered, the co-op's settings file read and written (the same scores as `summary --settings`), and the
fiscal year end kept across pages."""

from __future__ import annotations

import pytest

from kmdash.i18n import t
from kmdash.settings_file import coop_path
from kmdash.techniques.registry import by_number

from .support.app import go, start, unescape
from .support.ledgers import ROOT

SAMPLE = ROOT / "sample_data" / "ledger_th.xlsx"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The app's settings folder, a fresh one for the test."""
    monkeypatch.setenv("KMDASH_SETTINGS_DIR", str(tmp_path))
    return tmp_path


def selector_page():
    at = start()
    at.switch_page("pages/selector.py")
    return go(at)


def shown_scores(at) -> dict[int, float]:
    """Each technique's score as its bar shows it, by number (the titles name them)."""
    numbers = [next(n for n in range(1, 6) if h.value.endswith(by_number(n).card.name[0])) for h in at.subheader]
    return {n: round(bar.value / 100, 2) for n, bar in zip(numbers, at.get("progress"))}


def evidence_text(at) -> str:
    return unescape(" ".join(m.value for m in at.markdown))


def test_a_fiscal_year_end_set_on_the_selector_page_stays_after_the_load_page(folder):
    at = selector_page()
    at.selectbox(key="year_end_month").set_value(9)
    at.number_input(key="year_end_day").set_value(30)
    go(at)
    at.switch_page("pages/load.py")
    go(at)
    at.switch_page("pages/selector.py")
    go(at)
    assert (at.selectbox(key="year_end_month").value, at.number_input(key="year_end_day").value) == (9, 30)
    assert "อีก 183 วันถึงสิ้นปีบัญชี" in evidence_text(at)  # 31 Mar 2567 to 30 Sep 2567


def test_a_threshold_changed_on_the_page_moves_the_score_and_its_evidence(folder):
    at = selector_page()
    assert "35.6% ของผู้ค้างชำระค้างเกิน 365 วัน (85 คน); เต็มคะแนนเมื่อถึง 50%" in evidence_text(at)
    assert shown_scores(at)[1] == 0.71  # 0.356 / 0.5 of the long part; the many part full (0.637 / 0.3)
    at.number_input(key="threshold_long_share").set_value(25.0)
    go(at)
    assert "35.6% ของผู้ค้างชำระค้างเกิน 365 วัน (85 คน); เต็มคะแนนเมื่อถึง 25%" in evidence_text(at)
    assert shown_scores(at)[1] == 1.0


def test_the_unanswered_clauses_are_named_and_a_no_zeroes_the_score(folder):
    at = selector_page()
    warned = " ".join(w.value for w in at.warning)
    for code in ("leaders", "pooling", "grading"):
        assert by_number({"leaders": 2, "pooling": 4, "grading": 5}[code]).questions[0].th in warned
    assert "ตรงทุกข้อ" not in " ".join(c.value for c in at.caption)
    assert shown_scores(at)[2] == 1.0
    at.radio(key="answer_leaders_approved").set_value("no")
    go(at)
    assert shown_scores(at)[2] == 0.0
    assert by_number(2).questions[0].th not in " ".join(w.value for w in at.warning)


def test_settings_saved_on_the_page_give_the_command_line_the_same_scores(folder, cli):
    at = selector_page()
    at.number_input(key="threshold_long_share").set_value(25.0)
    go(at)
    at.radio(key="answer_leaders_approved").set_value("no")
    go(at)
    at.button(key="settings_save").click()
    go(at)
    coop = cli("summary", SAMPLE, "--json").json["coop"]
    path = coop_path(folder, coop)
    assert path.exists() and str(path) in unescape(" ".join(s.value for s in at.success))
    listed = cli("summary", SAMPLE, "--json", "--settings", path).json["techniques"]
    assert {x["number"]: round(x["score"], 2) for x in listed} == shown_scores(at)
    assert next(x for x in listed if x["number"] == 1)["parts"][1]["threshold"] == 0.25


def test_a_coops_settings_file_is_read_when_its_ledger_opens(folder, cli):
    coop = cli("summary", SAMPLE, "--json").json["coop"]
    coop_path(folder, coop).write_text("long_overdue_days = 180\n[selector]\nlong_share = 0.25\n", encoding="utf-8")
    at = selector_page()
    listed = cli("summary", SAMPLE, "--json", "--settings", coop_path(folder, coop)).json["techniques"]
    assert {x["number"]: round(x["score"], 2) for x in listed} == shown_scores(at)
    t1 = next(x for x in listed if x["number"] == 1)
    assert all(e["th"] in evidence_text(at) for e in t1["evidence"])
    assert "ค้างเกิน 180 วัน" in evidence_text(at)


def test_a_bad_settings_file_is_told_and_the_page_still_works(folder, cli):
    coop = cli("summary", SAMPLE, "--json").json["coop"]
    coop_path(folder, coop).write_text("[selector]\nlong_sharee = 0.25\n", encoding="utf-8")
    at = selector_page()
    assert any("'selector.long_sharee'" in unescape(e.value) for e in at.error)
    assert len(at.subheader) == 5
    assert t("selector_example") in " ".join(i.value for i in at.info)
