"""`python -m kmdash summary`: figures of the shipped sample against the brief, options, and bad input."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from kmdash.synthetic import LedgerShape, expected_totals, ledger_rows

from .support.cli import assert_user_error
from .support.figures import assert_figures, baht_equal, expected_figures
from .support.ledgers import AS_OF, ROOT, SAMPLE, workbook_bytes


def test_the_sample_file_is_the_generators_ledger(sample_loans):
    """Guards the premise of the next test: the sample holds exactly these loans in the default shape."""
    expected = ledger_rows(sample_loans, LedgerShape(), AS_OF)
    sheet = [list(r) for r in load_workbook(SAMPLE, read_only=True).active.iter_rows(values_only=True)]
    assert len(sheet) == len(expected)
    for got, want in zip(sheet, expected):
        got = got + [None] * (len(want) - len(got))
        assert got == want


def test_sample_summary_matches_the_independent_figures(cli, sample_loans):
    summary = cli("summary", SAMPLE, "--json").json
    assert_figures(summary, expected_figures(sample_loans, AS_OF))
    assert summary["as_of"] == "2024-03-31" and summary["as_of_source"] == "title"
    assert summary["rows"]["loans"] == 600
    assert summary["rows"]["read"] == summary["rows"]["loans"] + summary["rows"]["skipped"]
    assert summary["overdue_basis"] == "principal_overdue"
    rec = summary["reconciliation"]
    assert rec["has_total"] is True and rec["matches"] is True
    assert all(baht_equal(rec["file_total"][f], v) for f, v in expected_totals(sample_loans).items())
    assert summary["unmapped_headers"] == [] and summary["ignored_headers"] == ["หมายเหตุ"]


def test_as_of_option_overrides_the_title(cli, sample_loans):
    summary = cli("summary", SAMPLE, "--json", "--as-of", "2024-06-30").json
    assert (summary["as_of"], summary["as_of_source"]) == ("2024-06-30", "option")
    assert_figures(summary, expected_figures(sample_loans, date(2024, 6, 30)))


def test_without_a_title_the_as_of_is_today(cli, ledger_file, loans_120):
    path = ledger_file(loans_120, LedgerShape(title_rows=False))
    summary = cli("summary", path, "--json").json
    assert (summary["as_of"], summary["as_of_source"]) == (date.today().isoformat(), "today")


def test_long_days_and_top_options(cli, sample_loans):
    summary = cli("summary", SAMPLE, "--json", "--long-days", "180", "--top", "5").json
    want = expected_figures(sample_loans, AS_OF, long_days=180, top=5)
    assert summary["members_overdue_over_365"] == want["members_overdue_over_365"]
    assert summary["members_long_overdue"] == want["members_long_overdue"]
    assert summary["long_overdue_days"] == 180
    assert [m["member"] for m in summary["top_members"]] == [m["member"] for m in want["top_members"]]


def test_months_option_uses_the_loan_quality_classes(cli):
    summary = cli("summary", SAMPLE, "--json", "--months").json
    assert [r["bucket"] for r in summary["aging"]] == ["not_due", "<=1m", "1-3m", "3-6m", "6-12m", "12-24m",
                                                       "24-36m", ">36m"]
    assert sum(r["members"] for r in summary["aging"]) == summary["members"]


def test_map_fixes_an_unknown_header(cli, ledger_file, loans_120):
    path = ledger_file(loans_120, LedgerShape(rename={"principal_overdue": "ยอดผิดนัด"}))

    unmapped = cli("summary", path, "--json").json
    assert unmapped["unmapped_headers"] == ["ยอดผิดนัด"]
    assert unmapped["overdue_basis"] == "outstanding"
    assert_figures(unmapped, expected_figures(loans_120, AS_OF, basis="outstanding"))

    mapped = cli("summary", path, "--json", "--map", "ยอดผิดนัด=principal_overdue").json
    assert mapped["unmapped_headers"] == []
    assert mapped["overdue_basis"] == "principal_overdue"
    assert_figures(mapped, expected_figures(loans_120, AS_OF))
    assert mapped["reconciliation"]["matches"] is True


def test_english_text_report(cli, sample_loans):
    run = cli("summary", SAMPLE, "--lang", "en")
    assert run.code == 0 and run.err == ""
    want = expected_figures(sample_loans, AS_OF)
    lines = run.out.splitlines()
    assert lines[1] == "As of: 31 Mar 2024 (from the report title)"
    assert f"Members: {want['members']:,}" in run.out
    assert f"Principal overdue: {want['overdue']:,.2f}" in run.out
    assert "Reconciliation: matches the file's grand total" in lines
    assert "ไม่ตรง" not in run.out


def test_thai_text_report_is_the_default(cli):
    run = cli("summary", SAMPLE)
    assert run.code == 0
    assert "ณ วันที่: 31 มี.ค. 2567" in run.out and "สมาชิก" in run.out


# ---------------------------------------------------------------- bad input


def _zip_of(name: str, text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, text)
    return buffer.getvalue()


BAD_FILES = {
    "plain-text": b"Dear manager,\nplease find the ledger attached.\n",
    "empty-workbook": workbook_bytes(),
    "no-amount-column": workbook_bytes(["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "วันครบกำหนดชำระ"],
                                        ["00001", "นาย ก", "31/03/2567"]),
    "random-bytes": random.Random(5).randbytes(6000),
    "zero-bytes": b"",
    "zip-bomb": None,  # the session's zip_bomb fixture
    "zip-not-a-workbook": _zip_of("readme.txt", "not a workbook"),
    "html-named-xls": b"<html><body><table><tr><td>1</td></tr></table></body></html>",
    "header-but-no-loans": workbook_bytes(["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "วันครบกำหนดชำระ",
                                            "เงินต้นคงเหลือ"]),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_exits_2_with_one_line(cli, tmp_path, request, name):
    path = tmp_path / ("ledger.xls" if name == "html-named-xls" else "ledger.xlsx")
    path.write_bytes(request.getfixturevalue("zip_bomb") if name == "zip-bomb" else BAD_FILES[name])
    assert_user_error(cli("summary", path, "--json"))


@pytest.mark.parametrize("args", [
    ["summary", "no-such-file.xlsx"],
    ["summary", str(SAMPLE), "--sheet", "ไม่มีแผ่นนี้"],
    ["summary", str(SAMPLE), "--as-of", "2024-13-01"],
    ["summary", str(SAMPLE), "--as-of", "2024-02-30"],
    ["summary", str(SAMPLE), "--map", "ยอดผิดนัด"],
    ["summary", str(SAMPLE), "--map", "ยอดผิดนัด=overdue_principal"],
    ["summary"],
    [],
], ids=["missing-file", "unknown-sheet", "month-13-as-of", "impossible-as-of", "map-without-field",
        "map-unknown-field", "no-file", "no-command"])
def test_bad_command_exits_2_with_one_line(cli, tmp_path, args):
    assert_user_error(cli(*args))


def test_unknown_sheet_message_lists_the_sheets(cli):
    run = cli("summary", SAMPLE, "--sheet", "Sheet1")
    assert "ลูกหนี้เงินกู้" in run.err and "Sheet1" in run.err


def test_the_module_runs_as_a_program(tmp_path):
    """One real process: `python -m kmdash summary FILE --json`, then a bad file."""
    good = subprocess.run([sys.executable, "-m", "kmdash", "summary", str(SAMPLE), "--json"],
                          cwd=ROOT, capture_output=True, timeout=60)
    assert good.returncode == 0, good.stderr.decode()
    assert json.loads(good.stdout.decode("utf-8"))["rows"]["loans"] == 600

    bad_path = tmp_path / "letter.xlsx"
    bad_path.write_bytes(BAD_FILES["plain-text"])
    bad = subprocess.run([sys.executable, "-m", "kmdash", "summary", str(bad_path)],
                         cwd=ROOT, capture_output=True, timeout=60)
    assert bad.returncode == 2
    assert bad.stdout == b""
    assert len(bad.stderr.decode("utf-8").strip().splitlines()) == 1


def test_a_loan_without_due_date_is_used_counted_and_never_overdue(tmp_path, cli):
    path = tmp_path / "undated.xlsx"
    path.write_bytes(workbook_bytes(["เลขทะเบียนสมาชิก", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ"],
                                    ["00001", None, 500.0], ["00002", "31/03/2566", 250.0],
                                    ["รวมทั้งสิ้น", None, 750.0]))
    result = cli("summary", str(path), "--as-of", "2024-03-31", "--json")
    summary = json.loads(result.out)
    assert (result.code, summary["loans_without_due_date"], summary["rows"]["loans"]) == (0, 1, 2)
    assert (summary["overdue"], summary["outstanding"]) == (250.0, 750.0)
    assert summary["reconciliation"]["matches"]


def test_an_unforeseen_failure_while_reading_is_one_line_and_exit_2(tmp_path, cli, monkeypatch):
    import kmdash.pipeline

    def broken(*_args):
        raise ValueError("a cell nobody expected")

    monkeypatch.setattr(kmdash.pipeline, "clean_sheet", broken)
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(workbook_bytes(["เลขทะเบียนสมาชิก", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ"]))
    result = cli("summary", str(path))
    assert result.code == 2 and result.out == ""
    assert result.err.count("\n") == 1 and "a cell nobody expected" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize("written", ["2024-03-31", "2567-03-31", "31/03/2567"])
def test_as_of_option_in_ce_or_be(cli, written):
    result = cli("summary", SAMPLE, "--as-of", written, "--json")
    summary = json.loads(result.out)
    assert (result.code, summary["as_of"], summary["as_of_source"]) == (0, "2024-03-31", "option")
