"""Valid compound files (MS-CFB) built by hand around an old Excel workbook's stream of records, in the shapes
writers make: 512- or 4096-byte sectors, small streams in the root's 64-byte mini sectors, the FAT's sectors
listed in the header or in a DIFAT sector. `Built` says where each part went, so that a test can damage one
number and say which. The Excel reader reading the result is the check that the builder is right."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

import xlwt

from .containers import ENDOFCHAIN, FATSECT, FREESECT, ROOT, STREAM, entry

DIFSECT, MINI = 0xFFFFFFFC, 64
CUTOFF = 4096  # streams shorter than this live in mini sectors


def biff(sheets: dict[str, list[list]]) -> bytes:
    """The workbook stream (BIFF8 records) xlwt writes for these sheets, before the container's padding."""
    book = xlwt.Workbook(encoding="utf-8")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                sheet.write(i, j, value)
    return book.get_biff_data()


@dataclass
class Built:
    data: bytes
    size: int
    chains: dict[str, list[int]] = field(default_factory=dict)  # stream name -> its sectors (mini sectors if small)
    directory: list[int] = field(default_factory=list)
    mini_fat: list[int] = field(default_factory=list)
    fat: list[int] = field(default_factory=list)  # the FAT's own sectors
    difat: int = ENDOFCHAIN

    def at(self, sector: int) -> int:
        """The byte offset of a sector."""
        return (sector + 1) * self.size

    def fat_entry(self, sector: int) -> int:
        """The byte offset of a sector's next in the FAT."""
        per = self.size // 4
        return self.at(self.fat[sector // per]) + sector % per * 4

    def mini_fat_entry(self, mini: int) -> int:
        return self.at(self.mini_fat[0]) + mini * 4

    def entry_at(self, index: int) -> int:
        """The byte offset of the index-th directory entry (0 the root), within the directory's first sector."""
        return self.at(self.directory[0]) + index * 128

    def with_word(self, offset: int, value: int, fmt: str = "<I") -> bytes:
        data = bytearray(self.data)
        struct.pack_into(fmt, data, offset, value)
        return bytes(data)


class _Sectors:
    """Blocks of one size appended one after another, each chain's next in `table`."""

    def __init__(self, unit: int):
        self.unit, self.blocks, self.table = unit, [], []

    def put(self, data: bytes) -> list[int]:
        pieces = [data[i:i + self.unit] for i in range(0, len(data), self.unit)]
        ids = list(range(len(self.blocks), len(self.blocks) + len(pieces)))
        self.blocks += [p.ljust(self.unit, b"\0") for p in pieces]
        self.table += ids[1:] + [ENDOFCHAIN] if ids else []
        return ids


def build(streams: dict[str, bytes], size: int = 512, difat: bool = False) -> Built:
    """A compound file of these streams, in this order after the root entry; with `difat` the header lists no FAT
    sector and one DIFAT sector lists them all."""
    per, regular, mini = size // 4, _Sectors(size), _Sectors(MINI)
    built, entries = Built(b"", size), []
    for name, data in streams.items():
        chain = (mini if len(data) < CUTOFF else regular).put(data)
        built.chains[name] = chain
        entries.append(entry(name, STREAM, chain[0] if chain else ENDOFCHAIN, len(data)))
    mini_stream = b"".join(mini.blocks)
    root_chain = regular.put(mini_stream)
    built.mini_fat = regular.put(struct.pack(f"<{len(mini.table)}I", *mini.table))
    directory = entry("Root Entry", ROOT, root_chain[0] if root_chain else ENDOFCHAIN, len(mini_stream))
    built.directory = regular.put(directory + b"".join(entries))
    n_fat = 1
    while len(regular.blocks) + n_fat + difat > n_fat * per:
        n_fat += 1
    built.fat = list(range(len(regular.blocks), len(regular.blocks) + n_fat))
    table = regular.table + [FATSECT] * n_fat + [DIFSECT] * difat
    body = b"".join(regular.blocks) + struct.pack(f"<{n_fat * per}I", *table, *[FREESECT] * (n_fat * per - len(table)))
    if difat:
        built.difat = built.fat[-1] + 1
        body += struct.pack(f"<{per}I", *built.fat, *[FREESECT] * (per - 1 - n_fat), ENDOFCHAIN)
    head = bytearray(512)
    head[:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<5H", head, 24, 0x3E, 3 if size == 512 else 4, 0xFFFE, size.bit_length() - 1, 6)
    dir_len = 0 if size == 512 else len(built.directory)  # version 3 leaves it 0
    struct.pack_into("<9I", head, 40, dir_len, n_fat, built.directory[0], 0, CUTOFF,
                     built.mini_fat[0] if built.mini_fat else ENDOFCHAIN, len(built.mini_fat), built.difat, int(difat))
    listed = [] if difat else built.fat
    struct.pack_into("<109I", head, 76, *listed, *[FREESECT] * (109 - len(listed)))
    built.data = bytes(head).ljust(size, b"\0") + body
    return built


BOF, BOUNDSHEET, DIMENSIONS, EOF = 0x0809, 0x0085, 0x0200, 0x000A


def record(kind: int, body: bytes) -> bytes:
    return struct.pack("<HH", kind, len(body)) + body


def dimensions(first_row: int, last_row: int, first_col: int, last_col: int, biff5: bool = False) -> bytes:
    """A DIMENSIONS record as the file stores it: the last row and column + 1 (BIFF8: 32-bit rows; BIFF5: 16)."""
    return record(DIMENSIONS, struct.pack("<HHHHH" if biff5 else "<IIHHH", first_row, last_row + 1, first_col,
                                          last_col + 1, 0))


def records_stream(*sheets: bytes, sheet_entry: int = 8) -> bytes:
    """A workbook stream made by hand: the globals (BOF, one BOUNDSHEET per sheet giving its part's offset in
    `sheet_entry` bytes, EOF), then each sheet's part: BOF, its records, EOF."""
    bof = lambda kind: record(BOF, struct.pack("<HH", 0x0600, kind).ljust(16, b"\0"))  # noqa: E731
    at = len(bof(5)) + len(sheets) * (4 + sheet_entry) + 4
    heads, parts = [], []
    for body in sheets:
        heads.append(record(BOUNDSHEET, struct.pack("<I", at).ljust(sheet_entry, b"\0")[:sheet_entry]))
        part = bof(0x10) + body + record(EOF, b"")
        parts.append(part)
        at += len(part)
    return bof(5) + b"".join(heads) + record(EOF, b"") + b"".join(parts)
