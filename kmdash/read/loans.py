"""The loans table the reader hands on (`clean.Ledger.loans`: one row per loan, the fields its sheet has):
what it holds where the sheet says nothing."""

NO_GROUP = "(ไม่ระบุกลุ่ม)"  # the group of a loan whose sheet names none (no column, heading or subtotal)
