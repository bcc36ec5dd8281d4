"""Thai and English strings, one catalogue: t(key, lang, **values)."""

from __future__ import annotations

LANGS = ("th", "en")

CATALOGUE: dict[str, tuple[str, str]] = {
    "file": ("ไฟล์", "File"),
    "as_of": ("ณ วันที่", "As of"),
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
}


def t(key: str, lang: str = "th", default: str | None = None, **values) -> str:
    """The string for `key` in `lang` (Thai unless "en"), with {values} filled in."""
    pair = CATALOGUE.get(key)
    text = (pair[1] if lang == "en" else pair[0]) if pair else (default if default is not None else key)
    return text.format(**values) if values else text
