"""The province view: six generated co-ops in six shapes side by side, every figure against the generator; a
broken file among them; a three-sheet workbook against its sheets read one by one; debt status."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from kmdash import pipeline
from kmdash.analyse import analyse
from kmdash.province import coop_row, survey
from kmdash.report.summary import summarise
from kmdash.settings import GradingRules
from kmdash.synthetic import (
    LOAN_TYPES,
    LedgerShape,
    generate_loans,
    ledger_rows,
    with_status,
    write_sheets,
)
from kmdash.techniques.pooling import rotation as t4
from kmdash.techniques.selector import applying
from kmdash.techniques.grading.grades import grade_members

from .support import oracle
from .support.figures import assert_figures, baht_equal, expected_figures, fraction_equal
from .support.ledgers import AS_OF
from .support.province import assert_row, expected_row, six_coops


@pytest.fixture(scope="module")
def coops(tmp_path_factory):
    return six_coops(tmp_path_factory.mktemp("province"))


def test_six_coops_in_six_shapes_side_by_side_match_the_generator(coops, cli, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    files = [c.path for c in coops[:3]] + [broken] + [c.path for c in coops[3:]]
    run = cli("province", *files, "--as-of", "2024-03-31", "--json", "--workers", "2")
    rows = run.json["coops"]
    assert [r["file"] for r in rows] == [str(f) for f in files]  # one row per file, in the order given
    assert "error" in rows[3] and "broken.xlsx" in run.err and rows[3]["coop"] == "broken"
    read = rows[:3] + rows[4:]
    for coop, row in zip(coops, read):
        assert row["coop"] == coop.name, coop.shape
        assert (row["as_of"], row["as_of_source"]) == ("2024-03-31", "title" if coop.titled else "option"), coop.shape
        assert_row(row, expected_row(coop.loans))
        assert row["top_technique"] == summarise(pipeline.run(coop.path, pipeline.Options(as_of=AS_OF)))[
            "techniques"][0]["number"]
    everything = pd.concat([c.loans for c in coops], ignore_index=True)
    per_loan = expected_figures(everything, AS_OF)["per_loan"]
    total = run.json["total"]
    assert (total["coops"], total["errors"]) == (6, 1)
    assert total["members"] == sum(expected_row(c.loans)["members"] for c in coops)
    assert baht_equal(total["overdue"], sum(x["overdue"] for x in per_loan))
    outstanding = sum(oracle.satang(x["outstanding"]) for x in per_loan)
    for days in (30, 90):
        at_risk = sum(oracle.satang(x["outstanding"]) for x in per_loan if x["days"] > days)
        assert fraction_equal(total[f"par{days}"], at_risk / outstanding)


def test_the_title_date_wins_and_the_option_stands_in_only_without_one(coops):
    titled, untitled = coops[0], coops[2]
    later = date(2025, 1, 1)
    assert coop_row(titled.path, "a", later).as_of == AS_OF
    assert (coop_row(untitled.path, "b", later).as_of, coop_row(untitled.path, "b", later).as_of_source) == \
        (later, "option")


def test_the_pool_this_process_and_the_apps_reader_give_one_province(coops):
    files = [(c.path.name, c.path.read_bytes()) for c in coops]
    pooled = survey(files, AS_OF, workers=2)
    for view in (survey(files, AS_OF, workers=1), survey(files, AS_OF, reader=coop_row)):
        assert (view.rows, view.total) == (pooled.rows, pooled.total)
        pd.testing.assert_frame_equal(view.coops, pooled.coops)
        pd.testing.assert_frame_equal(view.aging, pooled.aging)
    assert list(pooled.coops["label"]) == [c.name for c in coops] and pooled.errors == ()
    overdue = pooled.aging.groupby("label", sort=False)["overdue"].sum()
    for coop in coops:
        assert baht_equal(overdue[coop.name], expected_row(coop.loans)["overdue"]), coop.shape
    assert pooled.total.members == sum(expected_row(c.loans)["members"] for c in coops)


def test_every_file_broken_is_a_user_error(cli, tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_bytes(b"")
    run = cli("province", bad, tmp_path / "missing.xlsx")
    assert run.code == 2 and run.err.count("kmdash:") == 3


def test_the_text_report_has_a_line_per_coop_and_the_total(coops, cli):
    run = cli("province", *[c.path for c in coops], "--as-of", "2024-03-31", "--lang", "en")
    lines = run.out.splitlines()
    assert run.code == 0 and len(lines) == 1 + 6 + 1 and lines[-1].startswith("Province total")


# ---------------------------------------------------------------- one sheet per loan type


@pytest.fixture(scope="module")
def three_sheets(tmp_path_factory):
    loans = generate_loans(400, seed=11)
    shape = LedgerShape(drop_fields=("loan_type",), date_style="excel")
    sheets = {kind: ledger_rows(loans[loans["loan_type"] == kind], shape, AS_OF) for kind in LOAN_TYPES}
    sheets["ปีก่อน"] = ledger_rows(loans.head(30), shape, date(2023, 3, 31))
    sheets["สำเนา"] = ledger_rows(loans.head(30), shape, AS_OF)
    path = tmp_path_factory.mktemp("sheets") / "by_type.xlsx"
    write_sheets(sheets, path, hidden=("สำเนา",))
    return path, loans


def test_sheets_of_one_date_are_read_together_and_equal_the_sheets_one_by_one(three_sheets, cli):
    path, loans = three_sheets
    whole = cli("summary", path, "--json").json
    assert whole["sheets_read"] == list(LOAN_TYPES)
    assert whole["sheets_left"] == [{"sheet": "ปีก่อน", "why": "other_date"}, {"sheet": "สำเนา", "why": "hidden"}]
    assert_figures(whole, expected_figures(loans, AS_OF))
    one_by_one = [cli("summary", path, "--sheet", kind, "--json").json for kind in LOAN_TYPES]
    assert [s["sheets_read"] for s in one_by_one] == [[kind] for kind in LOAN_TYPES]
    for key in ("loans", "skipped", "read"):
        assert whole["rows"][key] == sum(s["rows"][key] for s in one_by_one)
    for key in ("outstanding", "overdue", "interest_arrears", "loans_overdue"):
        assert baht_equal(whole[key], sum(s[key] for s in one_by_one)), key
    rec = whole["reconciliation"]
    assert rec["matches"] is True and list(rec["sheets"]) == list(LOAN_TYPES)
    for kind, single in zip(LOAN_TYPES, one_by_one):
        assert rec["sheets"][kind]["file_total"] == single["reconciliation"]["file_total"]
    assert {s["sheet"] for s in whole["skipped"]} == set(LOAN_TYPES)


def test_each_sheets_name_is_the_loan_type_and_a_wrong_sheet_total_is_found(three_sheets, tmp_path):
    path, loans = three_sheets
    reading = pipeline.read(path)
    by_type = reading.ledger.loans.groupby("loan_type").size()
    assert by_type.to_dict() == loans.groupby("loan_type").size().to_dict()
    rows = ledger_rows(loans[loans["loan_type"] == LOAN_TYPES[1]], LedgerShape(drop_fields=("loan_type",)), AS_OF)
    rows[-4][rows[4].index("เงินต้นคงเหลือ")] += 100  # the grand total of the second sheet, off by 100 baht
    first = ledger_rows(loans[loans["loan_type"] == LOAN_TYPES[0]], LedgerShape(drop_fields=("loan_type",)), AS_OF)
    write_sheets({"a": first, "b": rows}, tmp_path / "off.xlsx")
    rec = pipeline.run(tmp_path / "off.xlsx").reconciliation
    assert rec.matches is False and rec.sheets["a"].matches is True
    assert rec.sheets["b"].differences["outstanding"] == -100.0


# ---------------------------------------------------------------- debt status

CODES = {"ปกติ": "normal", "ผิดนัดชำระ": "default", "ดำเนินคดี": "legal", "ฟ้องแล้ว": "legal", "พิพากษา": "judgment",
         "บังคับคดี": "enforcement", "ปรับโครงสร้างหนี้": "restructured", "ล้มละลาย": "bankrupt", "ปิดบัญชี": "other"}
LEGAL = {"legal", "judgment", "enforcement", "bankrupt"}


def test_status_counts_and_overdue_by_status_match_the_generator(coops, cli):
    coop = coops[5]  # another program's headers, with สถานะสัญญา
    s = cli("summary", coop.path, "--json").json
    loans = coop.loans.assign(code=coop.loans["status"].map(CODES))
    per_loan = expected_figures(coop.loans, AS_OF)["per_loan"]
    loans["overdue"] = [x["overdue"] for x in per_loan]
    want = loans.groupby("code").agg(loans=("code", "size"), members=("member_no", "nunique"), overdue=("overdue", "sum"))
    got = {r["status"]: r for r in s["by_status"]}
    assert set(got) == set(want.index)
    for code, row in want.iterrows():
        assert (got[code]["loans"], got[code]["members"]) == (row["loans"], row["members"]), code
        assert baht_equal(got[code]["overdue"], row["overdue"]), code


def test_members_under_legal_action_get_no_notice_no_pool_place_and_the_lowest_legal_points(coops):
    analysis = pipeline.run(coops[5].path).analysis
    loans = coops[5].loans
    sued = set(loans.loc[loans["status"].map(CODES).isin(LEGAL), "member_no"])
    members = analysis.members.set_index("member_no")
    flags = applying(analysis).set_index(analysis.members["member_no"])
    assert sued and not flags.loc[list(sued), 1].any()
    debts = t4.debts(analysis)
    assert set(debts.loc[debts["legal"], "member"]) == sued & set(members.index[members["overdue"] > 0])
    assert not set(t4.schedule(debts, 10**9).cleared) & sued
    graded = grade_members(analysis, GradingRules()).members.set_index("member_no")
    assert (graded.loc[list(sued), "pts_legal"] == -30).all()
    assert (graded.drop(list(sued))["pts_legal"] == 0).all()


def test_status_words_of_a_frame_and_codes_are_the_same():
    loans = with_status(generate_loans(60, seed=1), seed=2)
    by_word = analyse(loans, AS_OF).by_status
    by_code = analyse(loans.assign(status=loans["status"].map(CODES)), AS_OF).by_status
    pd.testing.assert_frame_equal(by_word, by_code)
    assert np.isin(by_word["status"], list(CODES.values())).all()
