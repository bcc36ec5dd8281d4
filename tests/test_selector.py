"""The five techniques and the selector: each pattern ledger ranks the technique the handbook calls for
first or second, ahead of the third; the evidence states the ledger's own numbers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kmdash.analyse import analyse
from kmdash.report.display import evidence
from kmdash.settings import Selector, Settings
from kmdash.synthetic import LedgerShape, ledger_rows
from kmdash.synthetic.patterns import PATTERNS, pattern_loans
from kmdash.techniques import selector
from kmdash.techniques.assigned.card import days_to_year_end

from .support.figures import expected_figures
from .support.ledgers import write_rows


def ranked(name: str, settings: Settings = Settings()):
    loans, as_of = pattern_loans(name)
    return selector.rank(analyse(loans.assign(row=range(len(loans))), as_of, settings))


@pytest.mark.parametrize("name", list(PATTERNS))
def test_each_pattern_ranks_its_technique_first_or_second_and_ahead_of_the_third(name):
    scores = ranked(name)
    numbers = [s.number for s in scores]
    fitting = PATTERNS[name].technique
    assert fitting in numbers[:2], (name, [(s.number, s.score) for s in scores])
    assert scores[numbers.index(fitting)].score > scores[2].score


def test_scores_are_between_0_and_1_for_all_five_highest_first():
    for name in PATTERNS:
        scores = ranked(name)
        assert sorted(s.number for s in scores) == [1, 2, 3, 4, 5]
        assert all(0 <= s.score <= 1 for s in scores)
        assert [s.score for s in scores] == sorted((s.score for s in scores), reverse=True)


def test_the_evidence_states_the_ledgers_own_numbers():
    loans, as_of = pattern_loans("long_overdue_mass")
    overdue = loans[loans["principal_overdue"] > 0]
    days = (as_of - overdue["due_date"].dt.date).map(lambda d: d.days)
    t1 = next(s for s in ranked("long_overdue_mass") if s.number == 1)
    words = [evidence(e) for e in t1.evidence]
    assert words[0] == f"ค้างชำระ {len(overdue):,} จาก {len(loans):,} คน; เต็มคะแนนเมื่อถึง 30%"
    long = int((days > 365).sum())
    assert words[1] == f"{long / len(overdue):.1%} ของผู้ค้างชำระค้างเกิน 365 วัน ({long:,} คน); เต็มคะแนนเมื่อถึง 50%"
    assert evidence(t1.evidence[0], "en") == f"{len(overdue):,} of {len(loans):,} members overdue; full at 30%"


def test_the_pooling_group_is_named_with_its_small_debts():
    t4 = next(s for s in ranked("one_group_small_debts") if s.number == 4)
    assert evidence(t4.evidence[0]).startswith("กลุ่มที่ 1: 12 จาก 12 คนที่ค้างชำระ ค้างไม่เกิน 20,000 บาท")


def test_thresholds_are_settings_that_move_the_scores():
    strict = Settings(selector=Selector(pool_members=50))
    assert next(s for s in ranked("one_group_small_debts", strict) if s.number == 4).score == 0
    assert next(s for s in ranked("few_large_near_year_end", Settings(fiscal_year_end=(9, 30))) if s.number == 3
                ).score == 0  # the year end is half a year away


@pytest.mark.parametrize("as_of, end, days", [
    (date(2024, 3, 31), (3, 31), 365), (date(2024, 2, 18), (3, 31), 42), (date(2024, 4, 1), (3, 31), 364),
    (date(2024, 12, 31), (3, 31), 90), (date(2024, 10, 31), (10, 31), 365), (date(2024, 11, 1), (10, 31), 364),
    (date(2023, 3, 31), (3, 31), 366), (date(2024, 3, 30), (3, 31), 1),  # on the year end: the next one
    (date(2023, 3, 1), (2, 29), 365), (date(2024, 2, 29), (2, 29), 365),  # 29 Feb is 28 Feb in other years
])
def test_days_to_the_fiscal_year_end(as_of, end, days):
    assert days_to_year_end(as_of, end) == days


def test_a_fiscal_year_end_outside_the_calendar_is_refused():
    with pytest.raises(ValueError):
        Settings(fiscal_year_end=(2, 30))


def test_who_each_technique_applies_to():
    loans, as_of = pattern_loans("one_group_small_debts")
    analysis = analyse(loans.assign(row=range(len(loans))), as_of)
    applying = selector.applying(analysis)
    overdue = analysis.members["days"] > 0
    assert applying[5].all()  # grading: everyone
    assert (applying[3] == overdue).all()  # assigned follow-up: every debtor
    assert (applying[4] == overdue).all()  # every debtor here owes little, in the one pooling group
    assert not (applying[1] & ~(analysis.members["days"] > 365)).any()
    relaxed = replace(analysis, settings=Settings(long_overdue_days=30))
    assert selector.applying(relaxed)[1].sum() == (analysis.members["days"] > 30).sum()


def test_summary_json_lists_the_five_techniques_ranked(cli, tmp_path):
    loans, as_of = pattern_loans("few_large_near_year_end")
    path = write_rows(ledger_rows(loans, LedgerShape(), as_of), tmp_path / "ledger.xlsx")
    listed = cli("summary", path, "--json").json["techniques"]
    assert [x["number"] for x in listed][0] == 3
    assert sorted(x["number"] for x in listed) == [1, 2, 3, 4, 5]
    first = listed[0]
    assert (first["name_th"], first["name_en"]) == ("การมอบหมายผู้รับผิดชอบ", "Assigned follow-up")
    assert first["evidence"][0]["th"] == "อีก 42 วันถึงสิ้นปีบัญชี; เต็มคะแนนเมื่อเหลือไม่เกิน 60 วัน เป็น 0 ตั้งแต่ 180 วัน"
    assert first["evidence"][0]["en"] == "42 days to the fiscal year end; full within 60 days, 0 from 180 days"


def expected_scores(members: list[dict], rules: Selector, long_days: int = 365, days_to_year_end: int = 0) -> dict:
    """Each technique's score on these members (the oracle's), from the thresholds as README's table words them."""
    def part(x: float, of: float) -> float:
        return min(1.0, max(0.0, x / of if of else 0.0))

    owing = [m for m in members if m["days"] > 0]
    long = sum(m["days"] > long_days for m in owing)
    per_group: dict[str, float] = {}
    for m in owing:
        per_group[m["group"]] = per_group.get(m["group"], 0.0) + m["overdue"]
    outside = 1 - max(per_group.values()) / sum(per_group.values())
    near = 1.0 if days_to_year_end <= rules.near_days else part(rules.far_days - days_to_year_end,
                                                                 rules.far_days - rules.near_days)
    held = sum(sorted((m["overdue"] for m in owing), reverse=True)[:rules.few_debtors]) / sum(m["overdue"] for m in owing)
    small: dict[str, int] = {}
    for m in owing:
        if m["overdue"] <= rules.small_debt:
            small[m["group"]] = small.get(m["group"], 0) + 1
    pooled = {g: n for g, n in small.items() if n >= rules.pool_members}
    group = min(pooled, key=lambda g: (-pooled[g], g)) if pooled else None
    in_group = sum(m["group"] == group for m in owing)
    new = sum(m["days"] <= rules.new_days for m in owing)
    return {1: round(part(len(owing) / len(members), rules.many_share) * part(long / len(owing), rules.long_share), 4),
            2: round(part(len(per_group), rules.many_groups) * part(outside, rules.spread_share), 4),
            3: round(near * part(held, 1.0), 4),
            4: round(part(pooled[group] / in_group, 1.0) * part(pooled[group], 2 * rules.pool_members), 4) if pooled else 0.0,
            5: round(part(new / len(owing), rules.new_share), 4)}


@pytest.mark.parametrize("year_end, days", [((3, 31), 365), ((3, 30), 364), ((5, 30), 60), ((7, 29), 120),
                                             ((12, 31), 275)])
def test_every_score_is_the_product_of_its_parts_as_readme_words_them(sample_loans, sample_expected, year_end, days):
    settings = replace(Settings(), fiscal_year_end=year_end)
    got = {s.number: s.score for s in selector.rank(analyse(sample_loans.assign(row=range(len(sample_loans))),
                                                            date(2024, 3, 31), settings))}
    assert got == expected_scores(sample_expected["by_member"], settings.selector, days_to_year_end=days)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_every_score_on_each_pattern_is_the_product_of_its_parts(name):
    loans, as_of = pattern_loans(name)
    ends = [date(as_of.year + k, 3, 31) for k in (0, 1)]
    days = min((end - as_of).days for end in ends if end > as_of)
    got = {s.number: s.score for s in selector.rank(analyse(loans.assign(row=range(len(loans))), as_of, Settings()))}
    members = expected_figures(loans, as_of)["by_member"]
    assert got == expected_scores(members, Settings().selector, days_to_year_end=days)


# ---------------------------------------------------------------- thresholds in a settings file, clauses asked


from .support.cli import assert_user_error  # noqa: E402

SETTINGS_TOML = """long_overdue_days = 180
[selector]
many_share = 0.9
long_share = 0.25
near_days = 30
far_days = 400
[selector.answers]
leaders_approved = "no"
grading_cooperation_down = "yes"
"""


@pytest.fixture
def mass_ledger(tmp_path):
    """The long-overdue mass as a ledger file, its members' figures by the oracle, and its as-of date."""
    loans, as_of = pattern_loans("long_overdue_mass")
    path = write_rows(ledger_rows(loans, LedgerShape(), as_of), tmp_path / "ledger.xlsx")
    return path, expected_figures(loans, as_of)["by_member"], as_of


def test_thresholds_from_the_settings_file_change_the_scores_parts_and_evidence(cli, tmp_path, mass_ledger):
    path, members, as_of = mass_ledger
    (tmp_path / "kmdash.toml").write_text(SETTINGS_TOML, encoding="utf-8")
    listed = {x["number"]: x for x in cli("summary", path, "--json", "--settings", tmp_path / "kmdash.toml").json[
        "techniques"]}
    rules = Selector(many_share=0.9, long_share=0.25, near_days=30, far_days=400)
    end = date(as_of.year, 3, 31) if as_of < date(as_of.year, 3, 31) else date(as_of.year + 1, 3, 31)
    expected = expected_scores(members, rules, long_days=180, days_to_year_end=(end - as_of).days)
    expected[2] = 0.0  # the leaders did not approve the loans
    assert {n: x["score"] for n, x in listed.items()} == expected
    owing = [m for m in members if m["days"] > 0]
    long = sum(m["days"] > 180 for m in owing)
    assert listed[1]["parts"] == [
        {"code": "ev_members_overdue", "value": round(len(owing) / len(members), 6), "threshold": 0.9,
         "score": round(min(1, len(owing) / len(members) / 0.9), 4)},
        {"code": "ev_long", "value": round(long / len(owing), 6), "threshold": 0.25,
         "score": round(min(1, long / len(owing) / 0.25), 4)}]
    assert listed[1]["evidence"][1]["en"] == (f"{long / len(owing):.1%} of them overdue more than 180 days "
                                              f"({long:,}); full at 25%")
    assert listed[3]["evidence"][0]["en"].endswith("; full within 30 days, 0 from 400 days")


def test_a_clause_not_answered_is_listed_and_a_no_zeroes_the_score(cli, tmp_path, mass_ledger):
    path = mass_ledger[0]
    (tmp_path / "kmdash.toml").write_text(SETTINGS_TOML, encoding="utf-8")
    plain = {x["number"]: x for x in cli("summary", path, "--json").json["techniques"]}
    answered = {x["number"]: x for x in cli("summary", path, "--json", "--settings", tmp_path / "kmdash.toml").json[
        "techniques"]}
    assert plain[2]["unknown"] == [{"code": "leaders_approved", "th": "ผู้นำกลุ่มมีส่วนร่วมเห็นชอบการให้กู้เงินหรือไม่",
                                    "en": "Did the group leaders take part in approving the loans?"}]
    assert [q["code"] for q in plain[4]["unknown"]] == ["pooling_short_of_cash"]
    assert [q["code"] for q in plain[5]["unknown"]] == ["grading_cooperation_down"]
    assert plain[1]["unknown"] == plain[3]["unknown"] == []
    assert answered[2]["score"] == 0 and answered[2]["unknown"] == []
    assert answered[2]["parts"] == plain[2]["parts"]  # the ledger's parts stay as they are, the answer rules
    assert answered[5]["score"] == plain[5]["score"] and answered[5]["unknown"] == []  # "yes" keeps the score
    assert answered[4]["unknown"] == plain[4]["unknown"]


def test_the_text_report_names_the_clauses_not_answered(cli, mass_ledger):
    text = cli("summary", mass_ledger[0], "--lang", "en").out
    assert "? Not answered (the score is of the ledger alone): Did the group leaders take part in approving the " \
           "loans?" in text


def test_an_option_given_on_the_command_line_wins_over_the_file(cli, tmp_path, mass_ledger):
    (tmp_path / "kmdash.toml").write_text("long_overdue_days = 180\ntop_members = 3\n", encoding="utf-8")
    run = cli("summary", mass_ledger[0], "--json", "--settings", tmp_path / "kmdash.toml", "--long-days", "365")
    assert (run.json["long_overdue_days"], len(run.json["top_members"])) == (365, 3)


@pytest.mark.parametrize("text, key", [("[selector]\nlong_sharee = 0.3\n", "selector.long_sharee"),
                                       ("[selector]\nlong_share = \"half\"\n", "selector.long_share"),
                                       ("[selector.answers]\nleaders = \"yes\"\n", "selector.answers.leaders")])
@pytest.mark.parametrize("command", ["summary", "plan", "grading"])
def test_a_bad_settings_file_exits_2_naming_the_key(cli, tmp_path, mass_ledger, text, key, command):
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    run = cli(command, mass_ledger[0], "--settings", tmp_path / "bad.toml")
    assert_user_error(run)
    assert f"'{key}'" in run.err


@pytest.mark.parametrize("as_of, year_end, days", [("2024-03-31", None, 365), ("2023-03-31", None, 366),
                                                   ("2024-09-30", "[9, 30]", 365), ("2024-03-30", None, 1)])
def test_a_ledger_dated_on_the_year_end_counts_to_the_next_one(cli, tmp_path, mass_ledger, as_of, year_end, days):
    (tmp_path / "kmdash.toml").write_text(f"fiscal_year_end = {year_end}\n" if year_end else "", encoding="utf-8")
    listed = cli("summary", mass_ledger[0], "--json", "--as-of", as_of, "--settings", tmp_path / "kmdash.toml").json
    t3 = next(x for x in listed["techniques"] if x["number"] == 3)
    assert t3["parts"][0] == {"code": "ev_year_end", "value": days, "threshold": 60, "score": 1.0 if days <= 60 else 0.0}
    assert t3["evidence"][0]["th"].startswith(f"อีก {days:,} วันถึงสิ้นปีบัญชี")
