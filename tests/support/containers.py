"""Damaged containers of the kinds the fuzzer (fuzz/, `make fuzz`) found, built small and by hand so that a test
says what is wrong with each: an old Excel workbook's compound file (MS-CFB, version 3: 512-byte sectors) or a
record of its sheet, a workbook with one cell far right of its table, and a zip whose directory names a part in
bytes that are not the UTF-8 it claims."""

from __future__ import annotations

import io
import struct

from openpyxl import load_workbook

from .ledgers import workbook_bytes, xls_bytes

FREESECT, ENDOFCHAIN, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
ROOT, STREAM = 5, 2  # directory entry types


def entry(name: str, kind: int, start: int, size: int) -> bytes:
    """One 128-byte directory entry: its name (UTF-16), type, first sector and length."""
    raw = bytearray(128)
    text = (name + "\0").encode("utf-16-le")
    raw[:len(text)] = text
    struct.pack_into("<HBB3I", raw, 64, len(text), kind, 1, FREESECT, FREESECT, FREESECT)
    struct.pack_into("<IQ", raw, 116, start, size)
    return bytes(raw)


def compound(fat: list[int], sectors: list[bytes], dir_start: int, fat_sectors: int = 1) -> bytes:
    """A compound file: the header, sector 0 holding the FAT (`fat`, the rest free), then `sectors` (each
    padded to 512 bytes); `fat_sectors` is the header's count of FAT sectors."""
    head = bytearray(512)
    head[:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<5H", head, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<9I", head, 40, 0, fat_sectors, dir_start, 0, 4096, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
    struct.pack_into("<109I", head, 76, 0, *[FREESECT] * 108)
    table = struct.pack("<128I", *fat, *[FREESECT] * (128 - len(fat)))
    return bytes(head) + table + b"".join(s.ljust(512, b"\0") for s in sectors)


def directory_loop() -> bytes:
    """The directory's chain comes back on itself: sector 1's next is sector 1."""
    return compound([FATSECT, 1], [entry("Root Entry", ROOT, ENDOFCHAIN, 0)], dir_start=1)


def stream_longer_than_file() -> bytes:
    """A 'Workbook' stream said to be 4 GB long in a file of 1.5 kB."""
    directory = entry("Root Entry", ROOT, ENDOFCHAIN, 0) + entry("Workbook", STREAM, 2, 0xFFFFFFF0)
    return compound([FATSECT, ENDOFCHAIN, ENDOFCHAIN], [directory, b""], dir_start=1)


def fat_count_beyond_file() -> bytes:
    """The header counts four billion FAT sectors in a file of three (the reader asks for 16 GB at once)."""
    return compound([FATSECT, ENDOFCHAIN], [entry("Root Entry", ROOT, ENDOFCHAIN, 0)], dir_start=1,
                    fat_sectors=0xFFFFFFFF)


def zip_with_undecodable_name(workbook: bytes) -> bytes:
    """The workbook's zip, the first name in its central directory flagged UTF-8 (bit 11) but starting with a
    lead byte whose continuation is missing."""
    data = bytearray(workbook)
    at = data.index(b"PK\x01\x02")  # the central directory's first record
    flags, = struct.unpack_from("<H", data, at + 8)
    struct.pack_into("<H", data, at + 8, flags | 0x800)
    data[at + 46] = 0xE1
    return bytes(data)


def xls_with_record(rows: list[list], kind: int, length: int, change) -> bytes:
    """An .xls of these rows (xlwt, its workbook stream in one run of sectors) with the first record of this
    type and length changed in place: change(body) gives the new body, of the same length."""
    data = xls_bytes(rows)
    at = data.index(struct.pack("<HH", kind, length)) + 4
    body = change(data[at:at + length])
    assert len(body) == length
    return data[:at] + body + data[at + length:]


def xls_first_row_after_last(rows: list[list]) -> bytes:
    """The sheet's DIMENSIONS record saying its first row is 1,073,741,824 (the fuzzer's find): the reader's
    count of rows wraps round and it asks for a terabyte."""
    return xls_with_record(rows, 0x0200, 14, lambda body: struct.pack("<I", 0x40000000) + body[4:])



def xls_cell_far_right(rows: list[list]) -> bytes:
    """The first text cell (LABELSST: row, column, format, string) moved to column 10,753 (the fuzzer's find, one
    byte): the sheet is read 10,753 columns wide."""
    return xls_with_record(rows, 0x00FD, 10, lambda body: body[:2] + struct.pack("<H", 10752) + body[4:])


def xls_cell_far_away(rows: list[list]) -> bytes:
    """The first text cell moved to row and column 60,001: the reader made the sheet 3.6 billion cells and the
    process died."""
    return xls_with_record(rows, 0x00FD, 10, lambda body: struct.pack("<HH", 60000, 60000) + body[4:])


def xlsx_cell_far_right(rows: list[list]) -> bytes:
    """An ordinary workbook of these rows with one stray cell in the last column Excel has (XFD, 16,384)."""
    book = load_workbook(io.BytesIO(workbook_bytes(*rows)))
    book.active.cell(row=len(rows), column=16384, value="x")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
