"""The registry is the one list: a sixth technique registered as README's steps say (one package, one line of
registration, its catalogue words) shows up in the selector, the plan, the follow-up and the command line
without any of them naming it. The toy technique below follows those steps; the figures it should produce
come from the generator's loans (the oracle), not from kmdash."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pandas as pd
import pytest
from openpyxl import load_workbook

from kmdash import i18n
from kmdash.cli import build_parser
from kmdash.plan import read_plan
from kmdash.schema import Field
from kmdash.synthetic import LedgerShape, generate_loans, ledger_rows
from kmdash.techniques import registry
from kmdash.techniques.base import Card, Facts, Part, Score, Technique, ratio

from .support.figures import expected_figures
from .support.ledgers import AS_OF, write_rows

VISIT = "เยี่ยมบ้าน"
WORDS = {"col_toy_visit": ("เยี่ยมบ้าน (ทดลอง)", "Home visit (toy)"), "fu_by_toy_visit": ("ตามการเยี่ยมบ้าน", "By home visit"),
         "page_toy": ("เทคนิคทดลอง", "Toy technique")}


class Toy(Technique):
    """A home visit to every member overdue more than 90 days."""

    card = Card(number=6, key="toy", name=("การเยี่ยมบ้าน", "Home visits"), short=("เยี่ยมบ้าน", "visits"),
                situation=("สมาชิกค้างเกิน 90 วัน", "Members overdue over 90 days"),
                strategy=("ไปหาถึงบ้าน", "Go to their homes"), method=(("เยี่ยมบ้านลูกหนี้", "Visit each debtor"),))
    plan_fields = (Field("toy_visit", filled_by="technique 6", rank=70),)
    dimension = "toy_visit"
    icon = "home"

    def score(self, facts: Facts) -> Score:
        over = int((facts.members["days"] > 90).sum())
        return self._score(facts, [Part.of("ev_members_overdue", "full_share", ratio(over, len(facts.members)), 1.0,
                                           n=over, total=len(facts.members))])

    def applies(self, facts: Facts) -> pd.Series:
        return facts.members["days"] > 90

    def fill_plan(self, analysis, lang, options) -> pd.DataFrame:
        chosen = analysis.members[analysis.members["days"] > 90]
        return pd.DataFrame({"toy_visit": VISIT}, index=chosen["member_no"].astype(str))


@pytest.fixture
def toy(monkeypatch):
    for key, words in WORDS.items():
        monkeypatch.setitem(i18n.CATALOGUE, key, words)
    yield registry.register(Toy())
    registry.unregister("toy")


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    loans = generate_loans(300, seed=11)
    path = write_rows(ledger_rows(loans, LedgerShape(), AS_OF), tmp_path_factory.mktemp("toy") / "ledger.xlsx")
    members = expected_figures(loans, AS_OF)["by_member"]
    return path, {m["member"] for m in members if m["days"] > 90}, len(members)


def test_the_toy_is_one_more_technique_after_the_handbooks_five(toy):
    assert registry.keys() == ("sieving", "leaders", "assigned", "pooling", "grading", "toy")
    assert registry.by_number(6) is toy and registry.by_key("toy") is toy
    assert [c.number for c in registry.cards()] == [1, 2, 3, 4, 5, 6]
    assert [f.key for f in registry.plan_fields()][-4:] == ["toy_visit", "chosen", "status", "notes"]
    assert registry.dimensions()[-1] == "toy_visit"


def test_a_technique_cannot_be_registered_twice(toy):
    with pytest.raises(ValueError):
        registry.register(Toy())


@pytest.mark.parametrize("number, key", [(6, "other"), (7, "toy"), (1, "other"), (7, "grading")])
def test_a_taken_number_or_a_taken_key_is_refused(toy, number, key):
    clash = type("Clash", (Toy,), {"card": replace(Toy.card, number=number, key=key)})()
    with pytest.raises(ValueError, match="registered already"):
        registry.register(clash)
    assert registry.keys()[-1] == "toy"


def test_a_field_is_headed_in_the_language_asked_thai_by_default():
    field = Field("overdue", "money", "ledger")
    assert (field.header(), field.header("th"), field.header("en")) == ("เงินต้นค้างชำระ", "เงินต้นค้างชำระ", "Principal overdue")


def test_an_english_plan_reads_back_as_the_thai_one(ledger, cli, tmp_path):
    path = ledger[0]
    thai, english = tmp_path / "th.csv", tmp_path / "en.csv"
    assert cli("plan", path, "--out", thai).code == cli("plan", path, "--out", english, "--lang", "en").code == 0
    th, en = read_plan(thai), read_plan(english)
    assert list(en.columns) == list(th.columns) and en["member"].tolist() == th["member"].tolist()
    assert en["overdue"].tolist() == th["overdue"].tolist()


def test_unregistered_the_toy_is_gone_from_every_list(toy):
    registry.unregister("toy")
    assert "toy" not in registry.keys() and "toy_visit" not in [f.key for f in registry.plan_fields()]


def test_the_command_line_lists_the_toy_and_runs_it(toy, ledger, cli):
    path, over_90, members = ledger
    assert "toy" in build_parser().format_help()
    run = cli("toy", path, "--json")
    assert run.code == 0, run.err
    assert run.json["number"] == 6 and set(run.json["members"]) == over_90
    assert run.json["score"] == round(len(over_90) / members, 4)
    assert any(t["number"] == 6 for t in cli("summary", path, "--json").json["techniques"])


def test_the_plan_has_the_toys_column_filled_and_its_sheet(toy, ledger, cli, tmp_path):
    path, over_90, _ = ledger
    out = tmp_path / "plan.csv"
    assert cli("plan", path, "--out", out).code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    header = WORDS["col_toy_visit"][0]
    assert {r[i18n.t("col_member")] for r in rows if r[header] == VISIT} == over_90
    assert all(("6 เยี่ยมบ้าน" in r[i18n.t("col_techniques")]) == (r[header] == VISIT) for r in rows)
    book = tmp_path / "plan.xlsx"
    assert cli("plan", path, "--out", book).code == 0
    sheet = load_workbook(book)["6 เยี่ยมบ้าน"]
    assert {str(r[0]) for r in sheet.iter_rows(min_row=2, values_only=True)} == over_90


def test_the_follow_up_reports_recovery_by_the_toys_dimension(toy, ledger, cli, tmp_path):
    path, over_90, _ = ledger
    plan = tmp_path / "plan.csv"
    cli("plan", path, "--out", plan)
    out = cli("followup", path, path, "--plan", plan, "--json").json
    by_visit = {r["value"]: r["members"] for r in out["plan"]["by_toy_visit"]}
    assert by_visit[VISIT] == len(over_90)
    assert {r["value"] for r in out["plan"]["by_technique"]} == {""}  # a technique that applies is not one chosen
    rows = pd.read_csv(plan, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    rows[i18n.t("col_chosen")] = rows[WORDS["col_toy_visit"][0]].map({VISIT: "6 เยี่ยมบ้าน"}).fillna("")
    rows.to_csv(plan, index=False, encoding="utf-8-sig")
    out = cli("followup", path, path, "--plan", plan, "--json").json
    by_technique = {r["value"]: r["members"] for r in out["plan"]["by_technique"]}
    assert by_technique["6"] == len(over_90) and by_technique[""] == len(rows) - len(over_90)
