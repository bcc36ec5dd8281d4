"""Files that make a reader fail in ways no message foresaw: a real .xls on which the Rust reader panics."""

from __future__ import annotations

from .ledgers import xls_bytes

# xlwt's formula "1+2": its token count (7, little-endian) and tokens (PtgInt 1, PtgInt 2, PtgAdd)
_ONE_PLUS_TWO = bytes([7, 0, 0x1E, 1, 0, 0x1E, 2, 0, 3])
# three tokens' worth: PtgExp, which needs 4 bytes of operand, and only 2 left
_CUT_OPERAND = bytes([3, 0, 0x01, 0, 0]) + _ONE_PLUS_TWO[5:]


def panicking_xls(rows: list[list]) -> bytes:
    """An old-format .xls of these rows and a formula cell below them whose operand is cut short, in place (the
    record keeps its length): the reader (calamine's xls formula parser) panics with "range start index 4 out of
    range for slice of length 2", as on the real file the issue names."""
    import xlwt

    data = xls_bytes([*rows, [xlwt.Formula("1+2")]])
    assert data.count(_ONE_PLUS_TWO) == 1, "xlwt wrote the formula differently"
    return data.replace(_ONE_PLUS_TWO, _CUT_OPERAND)
