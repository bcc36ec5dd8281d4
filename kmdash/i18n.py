"""Thai and English strings, one catalogue: t(key, lang, **values)."""

from __future__ import annotations

from .dates import BE_OFFSET, THAI_MONTHS_SHORT

LANGS = ("th", "en")

CATALOGUE: dict[str, tuple[str, str]] = {
    "file": ("ไฟล์", "File"),
    "as_of": ("ณ วันที่", "As of"),
    "sheets_line": ("แผ่นงานในไฟล์: {sheets} (อ่านทีละแผ่น เลือกด้วย --sheet)",
                    "Sheets in the file: {sheets} (one is read; choose with --sheet)"),
    "as_of_title": ("จากหัวรายงาน", "from the report title"),
    "as_of_option": ("กำหนดเอง", "set by option"),
    "as_of_today": ("วันนี้ ไม่พบวันที่ในหัวรายงาน", "today; no date in the report title"),
    "rows_line": ("แถวข้อมูล {read:,} แถว: ใช้ {loans:,} สัญญา ข้าม {skipped:,} แถว",
                  "Rows read {read:,}: {loans:,} loans used, {skipped:,} skipped"),
    "members": ("สมาชิก", "Members"),
    "members_overdue": ("สมาชิกค้างชำระ", "Members overdue"),
    "members_long": ("ค้างเกิน 1 ปี", "Overdue over a year"),
    "outstanding": ("เงินต้นคงเหลือ", "Principal outstanding"),
    "overdue": ("เงินต้นค้างชำระ", "Principal overdue"),
    "interest_arrears": ("ดอกเบี้ยค้างชำระ", "Interest in arrears"),
    "rec_none": ("กระทบยอด: ไฟล์ไม่มีแถวรวมทั้งสิ้น", "Reconciliation: the file has no grand total"),
    "rec_ok": ("กระทบยอด: ตรงกับยอดรวมทั้งสิ้นของไฟล์", "Reconciliation: matches the file's grand total"),
    "rec_diff": ("กระทบยอด: ไม่ตรงกับยอดรวมทั้งสิ้น ต่างกัน {diffs}",
                 "Reconciliation: differs from the file's grand total by {diffs}"),
    "aging_title": ("อายุหนี้ค้าง (ช่วง / สัญญา / สมาชิก / เงินต้นค้าง)",
                    "Overdue age (bucket / loans / members / overdue)"),
    "groups_title": ("กลุ่มสมาชิก (กลุ่ม / ค้าง/สมาชิก / เงินต้นค้าง / สัดส่วน)",
                     "Member groups (group / overdue/members / overdue / share)"),
    "unmapped": ("หัวคอลัมน์ที่ไม่รู้จัก (ไม่ได้ใช้): {headers} — กำหนดด้วย --map \"หัว=ฟิลด์\"",
                 "Unknown headers (not used): {headers} — map with --map \"HEADER=field\""),
    "no_due_date": ("สัญญาที่ไม่มีวันครบกำหนด {n:,} สัญญา: นับในยอดคงเหลือ แต่ไม่นับเป็นหนี้ค้าง",
                    "{n:,} loans have no due date: counted in the outstanding, never as overdue"),
    "skipped_title": ("แถวที่ข้าม {n:,} แถว:", "Skipped rows ({n:,}):"),
    "row": ("แถว", "row"),
    "bucket_not_due": ("ยังไม่ถึงกำหนด", "not due"),
    "bucket_1-30": ("1-30 วัน", "1-30 days"),
    "bucket_31-90": ("31-90 วัน", "31-90 days"),
    "bucket_91-180": ("91-180 วัน", "91-180 days"),
    "bucket_181-365": ("181-365 วัน", "181-365 days"),
    "bucket_366-730": ("1-2 ปี", "1-2 years"),
    "bucket_731-1095": ("2-3 ปี", "2-3 years"),
    "bucket_>1095": ("เกิน 3 ปี", "over 3 years"),
    "member_alias": ("สมาชิก", "Member"),
    "app_title": ("kmdash — หนี้ค้างชำระของสหกรณ์", "kmdash — the co-op's overdue loans"),
    "language": ("ภาษา / Language", "ภาษา / Language"),
    "privacy": ("ซ่อนชื่อและเลขสมาชิก", "Hide names and member numbers"),
    "privacy_help": ("เปิดเมื่อฉายขึ้นจอในที่ประชุม: ชื่อ เลขสมาชิก และผู้ค้ำ จะถูกแทนด้วย 'สมาชิก 001'",
                     "Turn on for a projector: names, member numbers and guarantors become 'Member 001'"),
    "page_load": ("นำเข้าทะเบียน", "Load ledger"),
    "page_overview": ("ภาพรวม", "Overview"),
    "page_groups": ("กลุ่มสมาชิก", "Groups"),
    "page_members": ("รายสมาชิก", "Members"),
    "upload_label": ("อัปโหลดทะเบียนลูกหนี้เงินกู้ (Excel หรือ CSV)", "Upload the loan ledger (Excel or CSV)"),
    "upload_help": ("ไฟล์ที่ส่งออกจากโปรแกรมบัญชีได้เลย ไม่ต้องแก้ แถวหัวรายงาน ยอดรวมกลุ่ม และยอดรวมทั้งสิ้นอ่านได้",
                    "The accounting program's export as it is: title rows, subtotals and the grand total are fine"),
    "sample_banner": ("ยังไม่ได้อัปโหลดไฟล์ กำลังแสดงทะเบียนตัวอย่าง ({name}) อัปโหลดไฟล์ของสหกรณ์ด้านบนเพื่อดูข้อมูลจริง",
                      "No file uploaded: showing the sample ledger ({name}). Upload your co-op's file above."),
    "sample_note": ("ข้อมูลตัวอย่าง — อัปโหลดไฟล์จริงที่หน้า 'นำเข้าทะเบียน'",
                    "Sample data — upload your own file on the 'Load ledger' page"),
    "go_load": ("ยังไม่มีทะเบียนที่อ่านได้ ไปที่หน้า 'นำเข้าทะเบียน' เพื่ออัปโหลดไฟล์",
                "No readable ledger yet: upload a file on the 'Load ledger' page"),
    "stage_read": ("กำลังอ่านไฟล์และตรวจแถว…", "Reading the file and checking rows…"),
    "stage_analyse": ("กำลังวิเคราะห์หนี้ค้าง…", "Analysing the overdue debt…"),
    "loaded": ("ไฟล์ {name}", "File {name}"),
    "sheet": ("แผ่นงาน", "Sheet"),
    "other_sheets": ("ไฟล์นี้มีอีก {n} แผ่นงาน: อ่านทีละแผ่น เลือกได้ที่นี่",
                     "This file has {n} more sheet(s): one is read at a time; choose here"),
    "as_of_input": ("ข้อมูล ณ วันที่", "As-of date"),
    "as_of_today_warning": ("ไม่พบวันที่ของรายงานในหัวไฟล์ จึงใช้วันนี้ ตรวจและแก้ 'ข้อมูล ณ วันที่' ให้ตรงกับรายงาน",
                            "The file's title gives no report date, so today is used: check and set the as-of date"),
    "rows_summary": ("อ่าน {read:,} แถว ใช้ {loans:,} สัญญา ข้าม {skipped:,} แถว (หัวตารางอยู่แถว {header})",
                     "Read {read:,} rows: {loans:,} loans used, {skipped:,} skipped (header on row {header})"),
    "skipped_rows": ("แถวที่ข้าม {n:,} แถว พร้อมเหตุผล", "Skipped rows ({n:,}) and why"),
    "noted_rows": ("แถวที่ใช้แต่มีช่องที่อ่านไม่ได้ {n:,} แถว (เว้นว่างไว้)", "Used rows with a cell left blank ({n:,})"),
    "col_note": ("หมายเหตุ", "Note"),
    "map_title": ("หัวคอลัมน์ที่ไม่รู้จัก", "Unknown headers"),
    "map_help": ("โปรแกรมไม่เดาเอง: เลือกว่าแต่ละหัวคอลัมน์คือข้อมูลอะไร หรือ 'ไม่ใช้'",
                 "kmdash does not guess: say what each header holds, or 'ignore'"),
    "map_apply": ("ใช้การจับคู่นี้", "Apply this mapping"),
    "map_reset": ("ล้างการจับคู่", "Clear the mapping"),
    "map_none": ("— ยังไม่เลือก —", "— not chosen —"),
    "ignored_headers": ("คอลัมน์ที่ไม่ได้ใช้: {headers}", "Columns not used: {headers}"),
    "rec_badge_ok": ("✔ กระทบยอดตรงกับยอดรวมทั้งสิ้นของไฟล์ทุกคอลัมน์", "✔ Matches the file's grand total in every column"),
    "rec_badge_diff": ("✖ ไม่ตรงกับยอดรวมทั้งสิ้นของไฟล์: {diffs}", "✖ Differs from the file's grand total: {diffs}"),
    "rec_badge_none": ("ไฟล์ไม่มีแถวรวมทั้งสิ้น จึงกระทบยอดไม่ได้", "The file has no grand-total row to reconcile with"),
    "tile_members": ("สมาชิกผู้กู้", "Members"),
    "tile_members_overdue": ("สมาชิกค้างชำระ", "Members overdue"),
    "tile_overdue": ("เงินต้นค้างชำระ (บาท)", "Principal overdue (baht)"),
    "tile_interest": ("ดอกเบี้ยค้างชำระ (บาท)", "Interest in arrears (baht)"),
    "tile_par30": ("PAR30", "PAR30"),
    "tile_par90": ("PAR90", "PAR90"),
    "tile_long": ("ค้างเกิน 1 ปี (คน)", "Overdue over a year"),
    "par_help": ("เงินต้นคงเหลือของสัญญาที่ค้างเกิน {d} วัน ÷ เงินต้นคงเหลือทั้งหมด",
                 "Principal outstanding of loans over {d} days overdue ÷ all principal outstanding"),
    "filters": ("ตัวกรอง", "Filters"),
    "settings": ("ตั้งค่าการวิเคราะห์", "Analysis settings"),
    "bucket_unit": ("แบ่งอายุหนี้ตาม", "Age buckets by"),
    "unit_days": ("จำนวนวัน (1-30, 31-90, …)", "days (1-30, 31-90, …)"),
    "unit_months": ("จำนวนเดือน (ชั้นคุณภาพลูกหนี้)", "months (loan-quality classes)"),
    "long_days": ("ค้างนานเมื่อเกิน (วัน)", "Long overdue after (days)"),
    "f_all": ("ทั้งหมด", "All"),
    "f_groups": ("กลุ่ม", "Groups"),
    "f_buckets": ("อายุหนี้", "Age bucket"),
    "f_types": ("ประเภทเงินกู้", "Loan type"),
    "f_min": ("ยอดค้างต่อคนอย่างน้อย (บาท)", "Minimum overdue per member (baht)"),
    "f_count": ("แสดง {loans:,} สัญญา ของสมาชิก {members:,} คน", "Showing {loans:,} loans of {members:,} members"),
    "groups_table": ("ตารางกลุ่มสมาชิก (คลิกหัวคอลัมน์เพื่อเรียง)", "Member groups (click a header to sort)"),
    "members_table": ("ตารางรายสมาชิก (คลิกหัวคอลัมน์เพื่อเรียง)", "Members (click a header to sort)"),
    "member_detail": ("รายละเอียดสมาชิก", "Member detail"),
    "member_pick": ("เลือกสมาชิก", "Choose a member"),
    "pick_limit": ("แสดง {n:,} รายที่ค้างมากที่สุด ใช้ตัวกรองด้านบนเพื่อหารายอื่น",
                   "The {n:,} largest overdue are listed; use the filters above to find others"),
    "member_loans": ("สัญญาเงินกู้ของสมาชิก", "The member's loans"),
    "no_rows": ("ไม่มีข้อมูลตามตัวกรองนี้", "Nothing matches these filters"),
    "col_member_no": ("เลขสมาชิก", "Member no."),
    "col_name": ("ชื่อ - สกุล", "Name"),
    "col_group": ("กลุ่ม", "Group"),
    "col_contract": ("เลขที่สัญญา", "Contract"),
    "col_loan_type": ("ประเภทเงินกู้", "Loan type"),
    "col_loan_date": ("วันที่กู้", "Loan date"),
    "col_due_date": ("วันครบกำหนด", "Due date"),
    "col_amount_lent": ("จำนวนเงินกู้", "Amount lent"),
    "col_outstanding": ("เงินต้นคงเหลือ", "Principal outstanding"),
    "col_principal_overdue": ("เงินต้นค้างชำระ", "Principal overdue"),
    "col_interest_arrears": ("ดอกเบี้ยค้าง", "Interest in arrears"),
    "col_penalty": ("ค่าปรับ", "Penalty"),
    "col_share_capital": ("ทุนเรือนหุ้น", "Share capital"),
    "col_deposits": ("เงินฝาก", "Deposits"),
    "col_guarantor": ("ผู้ค้ำประกัน", "Guarantor"),
    "col_loans": ("สัญญา", "Loans"),
    "col_loans_overdue": ("สัญญาค้าง", "Loans overdue"),
    "col_days": ("วันค้าง (สูงสุด)", "Days overdue (most)"),
    "col_days_overdue": ("วันค้าง", "Days overdue"),
    "col_overdue": ("เงินต้นค้าง", "Overdue"),
    "col_overdue_amount": ("เงินต้นค้าง", "Overdue"),
    "col_bucket": ("อายุหนี้", "Age"),
    "col_members": ("สมาชิก", "Members"),
    "col_members_overdue": ("สมาชิกค้าง", "Members overdue"),
    "col_members_long_overdue": ("ค้างเกิน 1 ปี", "Over a year"),
    "col_share": ("สัดส่วนหนี้ค้าง", "Share of overdue"),
    "col_row": ("แถว", "Row"),
    "col_reason": ("เหตุผล", "Reason"),
    "field_ignore": ("ไม่ใช้คอลัมน์นี้", "ignore this column"),
    "people": ("คน", "members"),
    "baht": ("บาท", "baht"),
    "days": ("วัน", "days"),
    "days_overdue": ("จำนวนวันค้างชำระ", "Days overdue"),
    "members_ranked": ("จำนวนสมาชิก (เรียงจากค้างมากไปน้อย)", "Members, largest overdue first"),
    "cumulative_share": ("สัดส่วนสะสมของหนี้ค้าง", "Cumulative share of overdue"),
    "pareto_note": ("{n:,} จาก {total:,} คน ถือหนี้ค้าง 80%", "{n:,} of {total:,} members hold 80%"),
    "chart_aging": ("หนี้ค้างตามอายุหนี้", "Overdue by age"),
    "chart_groups": ("หนี้ค้างตามกลุ่มสมาชิก", "Overdue by member group"),
    "chart_pareto": ("สมาชิกกี่คนถือหนี้ค้าง 80%", "How many members hold 80% of the overdue"),
    "chart_scatter": ("จำนวนวันค้างกับยอดค้างรายสมาชิก", "Days overdue against amount, per member"),
    "cap_aging": ("แท่งสีแดงคือเงินต้นค้างชำระในแต่ละช่วงอายุหนี้ เส้นสีน้ำเงินคือจำนวนสมาชิกที่หนี้เก่าสุดอยู่ในช่วงนั้น",
                  "Red bars: principal overdue in each age bucket; "
                  "blue line: members whose oldest overdue loan is in it"),
    "cap_groups": ("กลุ่มที่มีเงินต้นค้างมากที่สุดอยู่บนสุด ตัวเลขท้ายแท่งคือสัดส่วนของหนี้ค้างทั้งหมด",
                   "Groups with the most principal overdue on top; the figure is the group's share of all overdue"),
    "cap_pareto": ("สมาชิก {n:,} คนจากผู้ค้างชำระ {total:,} คน ถือหนี้ค้างรวมกัน 80% เริ่มติดตามจากกลุ่มนี้",
                   "{n:,} of {total:,} overdue members hold 80% of the overdue: start with them"),
    "cap_scatter": ("แต่ละจุดคือสมาชิกหนึ่งคน ยิ่งขวายิ่งค้างนาน ยิ่งสูงยิ่งค้างมาก",
                    "Each dot is one member: further right is older, higher is larger"),
    "hidden": ("(ซ่อน)", "(hidden)"),
}


def t(key: str, lang: str = "th", default: str | None = None, **values) -> str:
    """The string for `key` in `lang` (Thai unless "en"), with {values} filled in."""
    pair = CATALOGUE.get(key)
    text = (pair[1] if lang == "en" else pair[0]) if pair else (default if default is not None else key)
    return text.format(**values) if values else text


def money(value: float | None, lang: str = "th") -> str:
    """Baht to the satang: "1,234.50 บาท" in Thai, "฿1,234.50" in English."""
    if value is None:
        return "-"
    return f"{value:,.2f} บาท" if lang == "th" else f"฿{value:,.2f}"


def percent(value: float | None, lang: str = "th") -> str:
    return "-" if value is None else f"{value * 100:.1f}%"


def count(value: int, lang: str = "th") -> str:
    return f"{value:,}"


def day(value, lang: str = "th") -> str:
    """A date as Thai readers expect (BE, Thai month) or as English readers do."""
    if value is None or value != value:
        return "-"
    if lang == "th":
        return f"{value.day} {THAI_MONTHS_SHORT[value.month - 1]} {value.year + BE_OFFSET}"
    return value.strftime("%d %b %Y")


def bucket(label: str, lang: str = "th") -> str:
    """An aging bucket's display name: from the catalogue, else spelled out from its label."""
    if f"bucket_{label}" in CATALOGUE:
        return t(f"bucket_{label}", lang)
    unit = ("เดือน" if lang == "th" else "months") if label.endswith("m") else ("วัน" if lang == "th" else "days")
    core = label.rstrip("m")
    if core.startswith("<="):
        return f"{'ไม่เกิน' if lang == 'th' else 'up to'} {core[2:]} {unit}"
    if core.startswith(">"):
        return f"{'เกิน' if lang == 'th' else 'over'} {core[1:]} {unit}"
    return f"{core} {unit}"
