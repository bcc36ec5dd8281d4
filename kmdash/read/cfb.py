"""An old Excel workbook (.xls) checked before the reader opens it: its container (the Compound File Binary
format, MS-CFB) and the workbook's records the reader sizes a buffer from. The reader takes the file's own
counts and follows its chains of sectors without looking for a loop, so a few damaged bytes in a 6 kB file can
make it ask for gigabytes, or terabytes, until the process dies.

Refused here (`Damaged`): a count or a stream longer than the file, a chain that leaves the file, runs into
another chain or comes back on itself; a sheet whose DIMENSIONS record puts its first row or column after its
last (the reader's count of cells wraps round). `check` also gives each sheet's area from its cells' own row
and column numbers: the reader makes a sheet as large as its farthest cell, and one cell record moved to row and
column 60,000 asks for billions of cells (the caller refuses such a sheet, as it does an xlsx's).

Sector n is at byte (n + 1) * sector size; the file allocation table (FAT) gives each sector's next, ENDOFCHAIN
ending a chain; streams shorter than the cut-off live in 64-byte mini sectors of the root's stream, chained by
the mini FAT.
"""

from __future__ import annotations

import struct

ENDOFCHAIN, FREESECT = 0xFFFFFFFE, 0xFFFFFFFF
MINI_CUTOFF, MINI_SIZE, ENTRY_SIZE = 4096, 64, 128  # the cut-off as the reader takes it, not the header's
WORKBOOK = ("Workbook", "Book")  # the stream of records the reader reads the sheets from
DIMENSIONS, BOUNDSHEET, EOF = 0x0200, 0x0085, 0x000A  # record types
# cells: BLANK, NUMBER, LABEL, BOOLERR, RK, LABELSST, FORMULA, RSTRING (row, column first); MULRK and MULBLANK (row,
# first column, ..., last column)
CELLS, SPANS = frozenset((0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x0006, 0x00D6)), (0x00BD, 0x00BE)


class Damaged(ValueError):
    """The file's own numbers do not fit it."""


def check(data: bytes) -> list[tuple[str, int, int]]:
    """Raise Damaged where the reader would follow the file's numbers beyond it; else each sheet's (name, rows,
    columns) as far as its farthest cell."""
    shift, = struct.unpack_from("<H", data, 30) if len(data) >= 512 else (0,)
    if shift not in (9, 12):
        raise Damaged("no compound file header")
    size = 1 << shift
    count = max(0, len(data) - size) // size  # whole sectors after the header
    dir_len, fat_len, dir_start = struct.unpack_from("<3I", data, 40)
    mini_fat_start, mini_fat_len, difat_start, difat_len = struct.unpack_from("<4I", data, 60)
    if max(dir_len, fat_len, mini_fat_len, difat_len) > count:
        raise Damaged("a count of sectors beyond the file")
    sector = lambda n: data[(n + 1) * size:(n + 2) * size]  # noqa: E731
    fat = _words(b"".join(sector(n) for n in _difat(data, sector, difat_start, count, size) if n < count))
    seen: set[int] = set()
    entries = _entries(b"".join(sector(n) for n in _chain(dir_start, fat, count, seen)), size)
    if not entries:
        raise Damaged("no directory")
    if any(length > len(data) for _, _, length in entries):
        raise Damaged("a stream longer than the file")
    (_, root_start, root_len), streams = entries[0], entries[1:]
    mini = b"".join(sector(n) for n in _chain(root_start, fat, count, seen))[:root_len]
    mini_fat = _words(b"".join(sector(n) for n in _chain(mini_fat_start, fat, count, seen)))
    mini_seen: set[int] = set()
    areas = []
    for name, start, length in streams:
        if length >= MINI_CUTOFF:
            stream = b"".join(sector(n) for n in _chain(start, fat, count, seen))
        elif length:
            chain = _chain(start, mini_fat, len(mini) // MINI_SIZE, mini_seen)
            stream = b"".join(mini[n * MINI_SIZE:(n + 1) * MINI_SIZE] for n in chain)
        if length and name in WORKBOOK:
            areas += _check_records(stream[:length])
    return areas


def _words(block: bytes) -> list[int]:
    return list(struct.unpack(f"<{len(block) // 4}I", block[:len(block) // 4 * 4]))


def _difat(data: bytes, sector, start: int, count: int, size: int) -> list[int]:
    """The FAT's sectors: the header's 109, then those of the DIFAT sectors' chain (each one's last word is the
    next)."""
    found, seen = _words(data[76:512]), set()
    while start not in (ENDOFCHAIN, FREESECT):
        if start >= count or start in seen:
            raise Damaged("the DIFAT chain leaves the file or loops")
        seen.add(start)
        words = _words(sector(start))
        found, start = found + words[:-1], words[-1]
    return [n for n in found if n != FREESECT]


def _chain(start: int, fat: list[int], count: int, seen: set[int]) -> list[int]:
    """The sectors of the chain from `start`: each within the file and the table, none in a chain before."""
    chain = []
    while start != ENDOFCHAIN:
        if start >= count or start >= len(fat) or start in seen:
            raise Damaged("a chain leaves the file, or meets itself or another")
        seen.add(start)
        chain.append(start)
        start = fat[start]
    return chain


def _entries(directory: bytes, size: int) -> list[tuple[str, int, int]]:
    """(name, first sector, length) of each directory entry, the length as the reader takes it: 32 bits with
    512-byte sectors (the format's version 3), 64 with 4096."""
    bits = (1 << 32) - 1 if size == 512 else (1 << 64) - 1
    found = []
    for at in range(0, len(directory) - ENTRY_SIZE + 1, ENTRY_SIZE):
        name = directory[at:at + 64].decode("utf-16-le", "ignore").partition("\0")[0]
        start, length = struct.unpack_from("<IQ", directory, at + 116)
        found.append((name, start, length & bits))
    return found


def _check_records(stream: bytes) -> list[tuple[str, int, int]]:
    """Each sheet's DIMENSIONS (first row, last row + 1, first column, last column + 1), the reader's count of its
    cells, checked: the first one of the sheet's records, where writers put it (the sheets' places and names from
    the workbook's own records, BOUNDSHEET). Then the sheet's area from its cells."""
    sheets = [(struct.unpack_from("<I", body)[0], _sheet_name(body)) for kind, body in _records(stream, 0)
              if kind == BOUNDSHEET and len(body) >= 4]
    areas = []
    for at, name in sheets:
        body = next((body for kind, body in _records(stream, at) if kind == DIMENSIONS), b"")
        if len(body) in (10, 14):
            first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH" if len(body) == 14 else "<4H", body)
            if first_row > last_row or first_col > last_col:
                raise Damaged("a sheet's first row or column after its last")
        areas.append((name, *_cell_area(stream, at)))
    return areas


def _sheet_name(body: bytes) -> str:
    """A BOUNDSHEET's sheet name: its length in characters, a flag (1: UTF-16, else one byte each), the name."""
    if len(body) < 8:
        return ""
    length, wide = body[6], body[7] & 1
    text = body[8:8 + length * (2 if wide else 1)]
    return text.decode("utf-16-le" if wide else "latin-1", "replace")


_HEAD = struct.Struct("<HHHH")  # a record's type and length, then (a cell's) row and column


def _cell_area(stream: bytes, at: int) -> tuple[int, int]:
    """(rows, columns) to the sheet's farthest cell, from each cell record's row and column (a hot loop: a sheet
    of 60,000 loans has a million records)."""
    rows = columns = 0
    end, head, last = len(stream) - 8, _HEAD.unpack_from, struct.Struct("<H").unpack_from
    while at <= end:
        kind, length, row, column = head(stream, at)
        if kind == EOF:
            break
        if (kind in CELLS or kind in SPANS) and length >= 4:
            if kind in SPANS and length >= 6:
                column = max(column, last(stream, at + 2 + length)[0])
            if row >= rows:
                rows = row + 1
            if column >= columns:
                columns = column + 1
        at += 4 + length
    return rows, columns


def _records(stream: bytes, at: int):
    """(type, body) of each record from `at` to the end of its part (EOF) or of the stream."""
    while at + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, at)
        if kind == EOF:
            return
        yield kind, stream[at + 4:at + 4 + length]
        at += 4 + length
