"""Reading files: format from the bytes, CSV encodings and delimiters, sheets, hostile files."""

from __future__ import annotations

import io
import random
import time
import zipfile
from datetime import date, datetime
from datetime import time as time_of_day

import pytest
from openpyxl import Workbook

from kmdash.errors import LedgerError
from kmdash.i18n import t
from kmdash.pipeline import read, run
from kmdash.read import load
from kmdash.report.summary import summarise
from kmdash.synthetic import LedgerShape, as_of_title, ledger_rows

from .support.cli import CliRun, assert_user_error
from .support.damaged import panicking_xls
from .support.figures import assert_figures, expected_figures
from .support.ledgers import AS_OF, ROOT, write_rows, xls_bytes, xlsx_bytes


@pytest.fixture(scope="module")
def rows(loans_120):
    return ledger_rows(loans_120, LedgerShape(), AS_OF)


def test_an_xlsx_named_csv_is_read_as_xlsx(tmp_path, rows):
    path = tmp_path / "ledger.csv"
    path.write_bytes(xlsx_bytes(rows))
    raw = load.load_sheet(path)
    assert raw.kind == "xlsx"
    assert raw.rows[2][0] == as_of_title(AS_OF)


def test_a_csv_named_xlsx_is_read_as_csv(tmp_path, rows):
    csv_path = write_rows(rows, tmp_path / "ledger.csv", "utf-8")
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(csv_path.read_bytes())
    raw = load.load_sheet(path)
    assert (raw.kind, raw.encoding) == ("csv", "utf-8")


@pytest.mark.parametrize("encoding", ["cp874", "utf-8", "utf-8-sig", "utf-16"])
def test_csv_encodings_keep_thai_intact(tmp_path, rows, loans_120, encoding):
    path = write_rows(rows, tmp_path / "ledger.csv", encoding)
    raw = load.load_sheet(path)
    assert raw.kind == "csv"
    assert raw.encoding == encoding
    assert raw.rows[2][0] == "ณ วันที่ 31 มีนาคม 2567"
    cells = {c for r in raw.rows for c in r}
    assert set(loans_120["name"]) <= cells
    assert set(loans_120["group"]) <= cells
    assert "รวมทั้งสิ้น" in cells


def test_utf16_csv_is_tab_separated_and_split_into_columns(tmp_path, rows):
    path = write_rows(rows, tmp_path / "ledger.csv", "utf-16")
    assert "\t" in path.read_bytes().decode("utf-16")
    raw = load.load_sheet(path)
    header = raw.rows[4]
    assert header[:3] == ["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "กลุ่ม"]


@pytest.mark.parametrize("delimiter", [";", "|", "\t"])
def test_other_delimiters(delimiter):
    text = delimiter.join(["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ"]) + "\n"
    text += delimiter.join(["00017", "นาย สมชาย ใจดี", "31/03/2567", "12500.00"]) + "\n"
    raw = load.load_sheet(text.encode("utf-8"))
    assert raw.rows[1] == ["00017", "นาย สมชาย ใจดี", "31/03/2567", "12500.00"]


def test_semicolon_csv_with_thousands_separators_in_amounts():
    text = "เลขทะเบียนสมาชิก;ชื่อ - สกุล;วันครบกำหนดชำระ;เงินต้นคงเหลือ\n"
    text += "00017;นาย สมชาย ใจดี;31/03/2567;12,500.00\n"
    raw = load.load_sheet(text.encode("cp874"))
    assert raw.rows[1][3] == "12,500.00"


def _two_sheet_workbook(first: list[list], second: list[list], names=("ปก", "ลูกหนี้เงินกู้")) -> bytes:
    wb = Workbook()
    wb.active.title = names[0]
    for r in first:
        wb.active.append(r)
    ws = wb.create_sheet(names[1])
    for r in second:
        ws.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


COVER = [["สหกรณ์การเกษตรตัวอย่าง จำกัด"], ["รายงานประจำปี 2567"], [None], ["จัดทำโดย ฝ่ายสินเชื่อ"]]


def test_sheet_chosen_by_name(rows):
    data = _two_sheet_workbook(COVER, rows)
    raw = load.load_sheet(data, "ลูกหนี้เงินกู้")
    assert raw.sheet == "ลูกหนี้เงินกู้"
    assert raw.sheets == ["ปก", "ลูกหนี้เงินกู้"]
    assert raw.rows[2][0] == as_of_title(AS_OF)


def test_unknown_sheet_error_lists_the_sheets(rows):
    data = _two_sheet_workbook(COVER, rows)
    with pytest.raises(LedgerError) as error:
        load.load_sheet(data, "Sheet9")
    assert "Sheet9" in error.value.en
    assert "ปก" in error.value.en and "ลูกหนี้เงินกู้" in error.value.en
    assert "ปก" in error.value.th and "ลูกหนี้เงินกู้" in error.value.th


def test_cover_page_first_then_the_ledger_on_sheet_two_is_picked(rows, loans_120):
    data = _two_sheet_workbook(COVER, rows)
    raw = read(data)
    ledger = raw.ledger
    assert raw.sheet == "ลูกหนี้เงินกู้"
    assert len(ledger.loans) == len(loans_120)


def test_zip_bomb_refused_before_parsing_and_quickly(zip_bomb, monkeypatch):
    import fastexcel

    def never_parse(*args, **kwargs):
        raise AssertionError("the workbook parser was called on a zip bomb")

    monkeypatch.setattr(fastexcel, "read_excel", never_parse)
    start = time.perf_counter()
    with pytest.raises(LedgerError, match="zip bomb"):
        load.load_sheet(zip_bomb)
    assert time.perf_counter() - start < 1.0


def test_zero_byte_file(tmp_path):
    path = tmp_path / "ledger.xlsx"
    path.write_bytes(b"")
    with pytest.raises(LedgerError, match="empty"):
        load.load_sheet(path)


def test_random_bytes_are_not_a_spreadsheet():
    data = random.Random(1).randbytes(8000)
    with pytest.raises(LedgerError, match="not a readable spreadsheet"):
        load.load_sheet(data)


def test_a_web_page_without_a_table_is_refused_with_advice(tmp_path):
    path = tmp_path / "ledger.xls"
    path.write_text("<html><body><p>เลขทะเบียนสมาชิก</p></body></html>", encoding="utf-8")
    with pytest.raises(LedgerError, match="web page"):
        load.load_sheet(path)


def test_a_zip_that_is_not_a_workbook():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(LedgerError, match="not a workbook kmdash reads .it reads xlsx, xls, xlsb, ods, csv"):
        load.load_sheet(buffer.getvalue())


def test_a_truncated_workbook_is_unreadable(rows):
    data = xlsx_bytes(rows)
    with pytest.raises(LedgerError, match="cannot read this xlsx file"):
        load.load_sheet(data[: len(data) // 2])


def test_a_damaged_xls_is_unreadable():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(2).randbytes(4000)
    with pytest.raises(LedgerError, match="cannot read this xls file"):
        load.load_sheet(data)


def test_trailing_blank_rows_are_not_counted(rows):
    raw = load.load_sheet(xlsx_bytes(rows + [[None] * len(rows[0])] * 3))
    assert len(raw.rows) == len(rows)


def test_an_old_format_xls_with_real_dates_gives_the_ledgers_figures(loans_120):
    data = xls_bytes(ledger_rows(loans_120, LedgerShape(date_style="excel"), AS_OF))
    assert load.file_kind(data) == "xls"
    summary = summarise(run(data))
    assert (summary["as_of_source"], summary["rows"]["loans"]) == ("title", len(loans_120))
    assert summary["reconciliation"]["matches"]
    assert_figures(summary, expected_figures(loans_120, AS_OF))


def test_a_stray_value_in_the_last_cell_is_refused_before_reading(tmp_path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.active["XFD1048576"] = "x"
    path = tmp_path / "stray.xlsx"
    book.save(path)
    started = time.perf_counter()
    with pytest.raises(LedgerError, match="XFD1048576"):
        read(path)
    assert time.perf_counter() - started < 5


def test_a_hidden_sheet_is_read_only_when_named(rows):
    book = Workbook()
    old = book.active
    old.title, old.sheet_state = "ปีที่แล้ว", "hidden"
    old.append(["เลขทะเบียนสมาชิก", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ"])
    old.append(["09999", "31/03/2565", 1.0])
    current = book.create_sheet("ปีนี้")
    for row in rows:
        current.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    assert read(buffer.getvalue()).sheet == "ปีนี้"
    assert read(buffer.getvalue(), "ปีที่แล้ว").ledger.loans["member_no"].tolist() == ["09999"]


def test_a_tab_separated_export_with_thousands_commas(tmp_path):
    header = "\t".join(["เลขทะเบียนสมาชิก", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ", "เงินต้นค้างชำระ",
                        "ดอกเบี้ยค้างชำระ", "ทุนเรือนหุ้น"])
    body = "\n".join(f"{i:05d}\t31/03/2566\t\"1,250,000.00\"\t\"1,000,000.00\"\t\"12,500.50\"\t\"3,000.00\""
                     for i in range(1, 30))
    path = tmp_path / "unicode.txt"
    path.write_bytes(("รายงานลูกหนี้ ณ วันที่ 31 มีนาคม 2567\n" + header + "\n" + body).encode("utf-16"))
    raw = read(path)
    ledger = raw.ledger
    assert raw.encoding == "utf-16" and len(ledger.loans) == 29
    assert ledger.loans["outstanding"].sum() == 29 * 1_250_000


def test_excel_sep_hint_and_a_utf8_mark_before_a_cp874_body():
    text = "sep=;\nเลขทะเบียนสมาชิก;วันครบกำหนดชำระ;เงินต้นคงเหลือ\n00001;31/03/2566;100\n"
    raw = read(b"\xef\xbb\xbf" + text.encode("cp874"))
    ledger = raw.ledger
    assert raw.encoding == "cp874" and ledger.header_row == 1
    assert ledger.loans[["member_no", "outstanding"]].values.tolist() == [["00001", 100.0]]


LEDGER = [["เลขทะเบียนสมาชิก", "ชื่อ - สกุล", "วันครบกำหนดชำระ", "เงินต้นคงเหลือ", "เงินต้นค้างชำระ"],
          ["00017", "นาย ก", "31/03/2566", "1,000.00", "500.00"], ["00018", "นาง ข", "31/03/2568", "2,000.00", "0.00"],
          [None, "รวมทั้งสิ้น", None, "3,000.00", "500.00"]]


def test_an_html_table_saved_as_xls_is_read_with_its_titles():
    cells = "".join("<tr>" + "".join(f"<td>{c or ''}</td>" for c in row) + "</tr>" for row in LEDGER)
    page = ("<html><head><meta charset='windows-874'></head><body><table><tr><td colspan=5>"
            f"ณ วันที่ 31 มีนาคม 2567</td></tr></table><table>{cells}</table></body></html>")
    raw = read(page.encode("cp874"))
    ledger = raw.ledger
    assert (raw.kind, ledger.title_as_of.isoformat(), len(ledger.loans)) == ("html", "2024-03-31", 2)
    assert ledger.grand_total == {"outstanding": 3000.0, "principal_overdue": 500.0}


def test_an_excel_2003_xml_workbook_is_read_with_typed_and_sparse_cells():
    ns = ('xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
          'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"')
    head = "".join(f'<Cell><Data ss:Type="String">{h}</Data></Cell>' for h in LEDGER[0])
    xml = (f'<?xml version="1.0"?><Workbook {ns}><Worksheet ss:Name="ลูกหนี้"><Table>'
           '<Row><Cell ss:MergeAcross="4"><Data ss:Type="String">ณ วันที่ 31 มีนาคม 2567</Data></Cell></Row>'
           f'<Row ss:Index="3">{head}</Row><Row><Cell><Data ss:Type="String">00017</Data></Cell>'
           '<Cell ss:Index="3"><Data ss:Type="DateTime">2023-03-31T00:00:00.000</Data></Cell>'
           '<Cell><Data ss:Type="Number">1000</Data></Cell><Cell><Data ss:Type="Number">500</Data></Cell></Row>'
           "</Table></Worksheet></Workbook>")
    raw = read(xml.encode("utf-8"))
    ledger = raw.ledger
    assert (raw.kind, raw.sheet, ledger.header_row) == ("xml2003", "ลูกหนี้", 3)
    assert ledger.loans[["member_no", "outstanding", "principal_overdue"]].values.tolist() == [["00017", 1000.0, 500.0]]
    assert ledger.loans["due_date"].iloc[0].date().isoformat() == "2023-03-31"


# ---------------------------------------------------------------- workbooks read as text


def _placed(rows: list[list], top: int, left: int) -> bytes:
    """The sheet with `top` empty rows above it and `left` empty columns beside it."""
    book = Workbook()
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            if value is not None:
                book.active.cell(top + i + 1, left + j + 1, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_rows_above_and_columns_beside_the_table_keep_the_spreadsheets_row_numbers(loans_120):
    rows = ledger_rows(loans_120, LedgerShape(date_style="excel"), AS_OF)
    flush, placed = read(xlsx_bytes(rows)).ledger, read(_placed(rows, top=3, left=2)).ledger
    assert list(placed.loans["row"]) == [r + 3 for r in flush.loans["row"]]
    assert [(s.row, s.code) for s in placed.skipped] == [(s.row + 3, s.code) for s in flush.skipped]
    assert placed.header_row == flush.header_row + 3
    assert_figures(summarise(run(_placed(rows, top=3, left=2))), expected_figures(loans_120, AS_OF))


def test_workbook_cells_come_as_the_text_a_csv_export_would_hold():
    data = _placed([["ชื่อ", 17, 1234.5, "00094", True, datetime(2024, 3, 31), datetime(2567, 3, 31, 10, 0)]], 0, 0)
    assert list(load.load_sheet(data).rows[0]) == [
        "ชื่อ", "17", "1234.5", "00094", "true", "2024-03-31 00:00:00", "2567-03-31 10:00:00"]


@pytest.mark.parametrize("cell", [time_of_day(13, 30), time_of_day(0, 0)], ids=["a-time-of-day", "midnight-alone"])
def test_a_due_date_cell_holding_only_a_time_reads_as_an_empty_one(loans_120, cell):
    rows = ledger_rows(loans_120, LedgerShape(date_style="excel"), AS_OF)
    due = rows[4].index("วันครบกำหนดชำระ") if "วันครบกำหนดชำระ" in rows[4] else None
    loan = next(i for i, r in enumerate(rows) if i > 4 and isinstance(r[due], date))

    def with_due(value) -> list:
        rows[loan][due] = value
        ledger = read(_placed(rows, 0, 0)).ledger
        return [(s.row, s.code, s.field) for s in ledger.skipped + ledger.notes], len(ledger.loans)

    assert with_due(cell) == with_due(None)


def test_the_command_line_starts_reading_before_pandas_loads(tmp_path, rows):
    """The sheet parses in the background while pandas loads: that holds only while the command line's
    own modules leave pandas alone until the file is open."""
    import subprocess
    import sys

    probe = "import sys, kmdash.cli; print(sorted({'pandas', 'numpy'} & set(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"
    opened = load.open_file(xlsx_bytes(rows))
    assert opened.book._parsing, "the first sheet is already parsing when the file is open"


def _book(*sheets: tuple[str, str, list[list]]) -> bytes:
    """A workbook of (name, state, rows) sheets, in that order."""
    book = Workbook()
    book.remove(book.active)
    for name, state, rows in sheets:
        ws = book.create_sheet(name)
        ws.sheet_state = state
        for row in rows:
            ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_hidden_and_very_hidden_sheets_are_listed_after_the_visible_ones():
    from kmdash.read.workbook import Workbook as Book

    data = _book(("เก่า", "hidden", [["x"]]), ("ปก", "visible", [["y"]]), ("ลับ", "veryHidden", [["z"]]),
                 ("ลูกหนี้", "visible", [["w"]]))
    book = Book(data, "xlsx")
    assert book.names == ["เก่า", "ปก", "ลับ", "ลูกหนี้"]
    assert book.hidden == ["เก่า", "ลับ"]
    assert book.visible_first() == ["ปก", "ลูกหนี้", "เก่า", "ลับ"]
    assert load.open_file(data).book._parsing.keys() == {"ปก"}, "the first visible sheet parses first"


def test_a_stray_far_cell_on_the_second_sheet_is_found_on_that_sheet(tmp_path, rows):
    book = Workbook()
    book.active.title = "ปก"
    book.active.append(["สหกรณ์"])
    far = book.create_sheet("ลูกหนี้")
    for row in rows:
        far.append(row)
    far["XFD1048576"] = "x"
    path = tmp_path / "stray.xlsx"
    book.save(path)
    assert load.load_sheet(path, "ปก").rows[0][0] == "สหกรณ์"
    with pytest.raises(LedgerError, match="'ลูกหนี้'.*XFD1048576"):
        load.load_sheet(path, "ลูกหนี้")


def test_a_workbook_without_its_relationships_part_is_unreadable(rows):
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx_bytes(rows))) as source, zipfile.ZipFile(buffer, "w") as damaged:
        for item in source.infolist():
            if item.filename != "xl/_rels/workbook.xml.rels":
                damaged.writestr(item, source.read(item.filename))
    with pytest.raises(LedgerError, match="cannot read"):
        read(buffer.getvalue())


@pytest.mark.parametrize("repeat", [1, 3000], ids=["every-text-distinct", "texts-repeated"])
def test_a_column_is_read_the_same_whether_its_texts_repeat_or_not(repeat):
    """Repeated texts (dates, groups, "0.00") come as one shared string; distinct ones each as their own."""
    texts = [f"กลุ่มที่ {i // repeat}" if i % 7 else None for i in range(6001)]
    grid = load.load_sheet(_book(("s", "visible", [[t] for t in texts]))).rows
    assert list(grid[:, 0]) == texts
    strings = {id(cell) for cell in grid[:, 0] if cell is not None}
    assert len(strings) == (len(set(texts) - {None}) if repeat > 1 else sum(t is not None for t in texts))


def test_a_zip_bomb_is_refused_by_its_ratio_alone_and_by_its_size_alone(monkeypatch, rows):
    from kmdash.read import workbook

    data = xlsx_bytes(rows)
    monkeypatch.setattr(workbook, "MAX_ZIP_RATIO", 1)
    with pytest.raises(LedgerError, match="zip bomb"):
        load.load_sheet(data)
    monkeypatch.setattr(workbook, "MAX_ZIP_RATIO", 10**9)
    monkeypatch.setattr(workbook, "MAX_UNZIPPED_BYTES", 1000)
    with pytest.raises(LedgerError, match="zip bomb"):
        load.load_sheet(data)


@pytest.mark.parametrize("last_cell, refused", [
    ("T300000", False),  # 20 columns x 300,000 rows: exactly the limit
    ("U300000", True),
    ("AA222222", False),  # AA is column 27: 5,999,994 cells
    ("AB222223", True),
    ("P100051", False),
    ("ALL6000", False),  # 1,000 columns: the widest a ledger may be
    ("ALM1", True),
])
def test_a_sheets_used_area_is_measured_in_cells(last_cell, refused):
    from kmdash.read.workbook import _check_area

    if refused:
        with pytest.raises(LedgerError, match=last_cell):
            _check_area("ลูกหนี้", last_cell)
    else:
        _check_area("ลูกหนี้", last_cell)


def _as_excel_writes_it(data: bytes) -> bytes:
    """The workbook's parts as Excel itself writes them: sheet targets relative to xl/, and no state on a
    visible sheet (openpyxl writes absolute targets and state="visible")."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as out:
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "xl/_rels/workbook.xml.rels":
                part = part.replace(b'Target="/xl/', b'Target="')
            if item.filename == "xl/workbook.xml":
                part = part.replace(b' state="visible"', b"")
            out.writestr(item, part)
    return buffer.getvalue()


def test_a_workbook_as_excel_writes_it_has_its_hidden_sheet_and_its_far_cell_found(tmp_path, rows):
    book = Workbook()
    book.active.title = "ลูกหนี้"
    for row in rows:
        book.active.append(row)
    old = book.create_sheet("ปีที่แล้ว")
    old.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    data = _as_excel_writes_it(buffer.getvalue())
    assert b'state="visible"' not in data and load.load_sheet(data).hidden == ["ปีที่แล้ว"]
    book.active["XFD1048576"] = "x"
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(LedgerError, match="XFD1048576"):
        load.load_sheet(_as_excel_writes_it(buffer.getvalue()))


def test_a_file_keeps_the_name_it_was_opened_by_and_an_upload_has_none(tmp_path, rows):
    path = tmp_path / "ทะเบียน.xlsx"
    path.write_bytes(xlsx_bytes(rows))
    assert load.open_file(path).name == str(path) == load.source_name(load.open_file(path))
    assert load.open_file(path.read_bytes()).name is None
    assert (run(path).file, run(path.read_bytes()).file) == (str(path), "upload")


# ---------------------------------------------------------------- a reader that panics


def test_a_real_xls_the_reader_panics_on_is_one_clear_message_wherever_it_is_read(rows):
    import fastexcel

    from kmdash.errors import is_panic

    data = panicking_xls(rows[:8])
    with pytest.raises(BaseException) as raw:  # the panic as the reader raises it: no Exception at all
        fastexcel.read_excel(data)
    assert is_panic(raw.value) and not isinstance(raw.value, Exception)
    for reading in (load.load_sheet, load.sheet_names, load.open_file, read):
        with pytest.raises(LedgerError) as told:
            reading(data)
        assert told.value.code == "file_damaged", reading
        assert "range start index 4 out of range" in told.value.en
        assert told.value.th.startswith("ไฟล์นี้เสียหาย") and "LibreOffice" in told.value.th
        assert "open it in Excel or LibreOffice and save it again" in told.value.en and "CSV" in told.value.en


def test_the_command_line_says_one_line_for_a_file_the_reader_panics_on(tmp_path, rows):
    """In a real process: the Rust reader's own panic report (and backtrace) on the standard error is set aside."""
    import os
    import subprocess
    import sys

    path = tmp_path / "ลูกหนี้.xls"
    path.write_bytes(panicking_xls(rows[:8]))
    done = subprocess.run([sys.executable, "-m", "kmdash", "summary", str(path), "--json"], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "RUST_BACKTRACE": "1"})
    assert_user_error(CliRun(done.returncode, done.stdout, done.stderr))
    assert "panicked" not in done.stderr and "ไฟล์นี้เสียหาย" in done.stderr and "this file is damaged" in done.stderr


@pytest.mark.parametrize("refused", [True, False], ids=["refused", "answered"])
def test_native_writes_to_stderr_are_dropped_only_when_the_command_refuses_the_file(refused):
    import subprocess
    import sys

    probe = ("import os, sys; from kmdash.cli.common import native_stderr_aside\n"
             "print('python', file=sys.stderr)\n"
             f"sys.exit(native_stderr_aside(lambda: os.write(2, b'native') and {2 if refused else 0}, refused=2))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert (done.returncode, done.stderr) == (2, "python\n") if refused else (0, "python\nnative")


class PanicException(BaseException):
    """Named as pyo3's panics are (each Rust extension has its own class of this name)."""


class Stranger(BaseException):
    """A BaseException nobody foresaw."""


@pytest.mark.parametrize("raised, code", [(PanicException, "file_damaged"), (Stranger, "book_unreadable")])
def test_a_base_exception_from_the_reader_in_the_background_parse_is_a_ledger_error(monkeypatch, rows, raised, code):
    from kmdash.read import workbook

    class Reader:
        sheet_names = ["ลูกหนี้"]

        def load_sheet(self, *args, **kwargs):
            raise raised("range start index 4 out of range for slice of length 2")

    monkeypatch.setattr(workbook, "_reader", lambda data: Reader())
    with pytest.raises(LedgerError) as told:
        load.load_sheet(xlsx_bytes(rows))
    assert told.value.code == code and (code == "file_damaged" or "this xlsx file" in told.value.en)
    with pytest.raises(LedgerError) as told:
        read(xlsx_bytes(rows))
    assert told.value.code == code


@pytest.mark.parametrize("passing", [KeyboardInterrupt, SystemExit, GeneratorExit])
def test_an_interrupt_or_an_exit_while_reading_is_never_turned_into_a_message(monkeypatch, rows, passing):
    from kmdash.read import workbook

    def stop(data):
        raise passing()

    monkeypatch.setattr(workbook, "_reader", stop)
    with pytest.raises(passing):
        read(xlsx_bytes(rows))


@pytest.mark.parametrize("reader", ["plan", "actions"])
def test_a_plan_or_actions_workbook_is_read_through_the_same_guard(monkeypatch, zip_bomb, rows, reader):
    """The files staff fill in (a plan, an actions sheet) are workbooks read by pandas' calamine engine: a panic,
    a damaged zip and a zip bomb are told as a ledger's are."""
    import pandas as pd

    from kmdash.actions import read_actions
    from kmdash.plan import read_plan

    read_back = {"plan": read_plan, "actions": read_actions}[reader]
    data = xlsx_bytes(rows[:8])
    codes, messages = [], []
    for damaged in (data[: len(data) // 2], zip_bomb):
        with pytest.raises(LedgerError) as told:
            read_back(damaged, "แผน.xlsx")
        codes.append(told.value.code)
        messages.append(told.value.en)

    def panic(*args, **kwargs):
        raise PanicException("range start index 4 out of range for slice of length 2")

    monkeypatch.setattr(pd, "read_excel", panic)
    with pytest.raises(LedgerError) as told:
        read_back(data, "แผน.xlsx")
    damaged = {"plan": "book_unreadable", "actions": "actions_unreadable_file"}[reader]  # the actions' own words
    assert codes + [told.value.code] == [damaged, "book_inflates", "file_damaged"]
    assert reader == "actions" or messages[0] == t("book_unreadable", "en", kind="xlsx")


@pytest.mark.parametrize("kind", ["xls", "xlsx"])
def test_a_sheet_with_one_cell_far_right_of_its_table_is_refused_as_a_far_cell(kind):
    """An xls says nothing of its width before it is read (its DIMENSIONS record may be wrong): refused once read,
    before the cleaning goes through ten thousand columns; an xlsx by its <dimension> before it is read."""
    from .support import containers
    from .support.shapes import render

    make = {"xls": containers.xls_cell_far_right, "xlsx": containers.xlsx_cell_far_right}[kind]
    with pytest.raises(LedgerError) as told:
        read(make(render().rows))
    assert told.value.code == "sheet_too_far" and "far beyond the table" in told.value.en
