"""Spreadsheets that are really markup, read as rows of cells: an HTML table saved as .xls and Excel 2003
XML, from small hand-written pages."""

from __future__ import annotations

from datetime import datetime

from kmdash.read.markup import html_rows, xml2003_sheets

HTML = """<html><body>
<table><tr><td colspan="3">สหกรณ์การเกษตรตัวอย่าง  จำกัด</td></tr></table>
<table>
<tr><th>สมาชิก<br>เลขทะเบียน</th><th>ชื่อ</th><th colspan="2">เงินต้น</th><th colspan="x">ก</th><th>ข</th></tr>
<tr><td>00001</td><td> </td><td>1,250.50</td><td colspan="0">a</td><td colspan="1000">b</td><td colspan="999">c</td></tr>
<tr><caption>not a cell</caption><td>00002</td></tr>
<tr></tr>
</table></body></html>"""


def test_every_table_row_in_order_a_merged_cell_in_its_first_column():
    rows = html_rows(HTML)
    assert rows[0] == ["สหกรณ์การเกษตรตัวอย่าง จำกัด", None, None]  # spaces folded, the merge kept
    assert rows[1] == ["สมาชิก เลขทะเบียน", "ชื่อ", "เงินต้น", None, "ก", "ข"]  # a line break is a space
    assert rows[2][:5] == ["00001", None, "1,250.50", "a", "b"]  # a blank cell is None; spans 0 and 1000 count one
    assert rows[2][5:] == ["c"] + [None] * 998
    assert rows[3:] == [["00002"], []]


def test_a_line_break_with_text_after_it_keeps_the_text():
    assert html_rows("<table><tr><td>a<br>b<br/>c</td><td><br></td></tr></table>") == [["a b c", None]]
    assert html_rows("<table><tr><td><b>12</b>34</td></tr></table>") == [["1234"]]  # only a break is a space


SS = 'xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
XML = f"""<?xml version="1.0"?>
<Workbook {SS}>
 <Worksheet ss:Name="ลูกหนี้">
  <Table>
   <Row><Cell ss:MergeAcross="2"><Data ss:Type="String">สหกรณ์</Data></Cell></Row>
   <Row ss:Index="3"><Cell><Data ss:Type="String">เลขทะเบียน</Data></Cell>
        <Cell ss:Index="3"><Data ss:Type="Number">1250.5</Data></Cell>
        <Cell><Data ss:Type="DateTime">2024-03-31T00:00:00.000</Data></Cell>
        <Cell><Data ss:Type="String"></Data></Cell><Cell/></Row>
   <Row><Cell><Data ss:Type="Number">7</Data></Cell></Row>
  </Table>
 </Worksheet>
 <Worksheet><Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet>
</Workbook>""".encode()


def test_an_excel_2003_xml_workbook_gives_each_sheets_rows_typed_and_placed():
    sheets = xml2003_sheets(XML)
    assert list(sheets) == ["ลูกหนี้", "Sheet2"]  # a sheet without a name is named by its place
    assert sheets["ลูกหนี้"] == [
        ["สหกรณ์", None, None],
        [],  # the row skipped by ss:Index
        ["เลขทะเบียน", None, 1250.5, datetime(2024, 3, 31), None, None],
        [7.0],
    ]
    assert sheets["Sheet2"] == [["x"]]
