"""The text report a manager reads in a terminal: one language, BE dates in Thai, columns aligned by
display width, cut lists say how many more, the top members listed, and a closed pipe is quiet."""

from __future__ import annotations

import subprocess
import sys

from wcwidth import wcswidth

from kmdash.synthetic import generate_loans

from .support.figures import expected_figures
from .support.ledgers import AS_OF, ROOT, SAMPLE


def section(report: str, title_start: str) -> list[str]:
    """The indented lines under the line that starts with `title_start`."""
    lines = report.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title_start))
    body = []
    for line in lines[start + 1:]:
        if not line.startswith("  "):
            break
        body.append(line)
    return body


def test_the_thai_report_writes_the_as_of_date_in_the_buddhist_era(cli):
    report = cli("summary", SAMPLE).out
    assert "ณ วันที่: 31 มี.ค. 2567" in report
    assert "2024-03-31" not in report


def test_the_english_report_writes_the_date_as_english_readers_do(cli):
    report = cli("summary", SAMPLE, "--lang", "en").out
    assert "As of: 31 Mar 2024" in report


def test_thai_columns_line_up_by_display_width_not_by_characters(cli):
    report = cli("summary", SAMPLE).out
    groups = section(report, "กลุ่มสมาชิก")
    ends = {wcswidth(line) for line in groups}
    assert len(ends) == 1, ends  # every row ends in the same column, tone marks and vowels counting none
    assert any(len(line) != wcswidth(line) for line in groups)  # the Thai names hold combining marks


def test_the_top_members_are_listed_as_many_as_top_asks(cli, sample_loans):
    report = cli("summary", SAMPLE, "--top", "3").out
    top = section(report, "สมาชิกที่ค้างมากที่สุด")
    want = expected_figures(sample_loans, AS_OF, top=3)["top_members"]
    assert [line.split()[0] for line in top] == [m["member"] for m in want]
    assert all(m["name"].split()[-1] in line for m, line in zip(want, top))


def test_a_cut_list_says_how_many_more(cli, ledger_file):
    loans = generate_loans(900, seed=3, n_groups=20)
    report = cli("summary", ledger_file(loans)).out
    groups = section(report, "กลุ่มสมาชิก")
    assert groups[-1].strip() == "… และอีก 5 รายการ" and len(groups) == 16
    english = cli("summary", ledger_file(loans), "--lang", "en").out
    assert section(english, "Member groups")[-1].strip() == "… and 5 more"


def test_skip_reasons_are_in_the_chosen_language_only(cli):
    thai = cli("summary", SAMPLE).out
    english = cli("summary", SAMPLE, "--lang", "en").out
    assert "แถวยอดรวมกลุ่ม: รวม กลุ่มที่ 1" in thai and "subtotal" not in thai
    assert "subtotal: รวม กลุ่มที่ 1" in english and "แถวยอดรวมกลุ่ม" not in english


def test_a_closed_pipe_ends_quietly_without_a_traceback():
    process = subprocess.Popen([sys.executable, "-m", "kmdash", "summary", str(SAMPLE), "--json"], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()  # like `| head` that has read enough
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert err == ""
