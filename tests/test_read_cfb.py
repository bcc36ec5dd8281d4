"""The check of an old Excel workbook's container before the reader opens it (kmdash/read/cfb.py): every shape a
writer makes passes (the reader reads each the same), and each number the reader would follow beyond the file is
refused, one damaged number at a time, at its exact boundary."""

from __future__ import annotations

import io
import struct

import pytest
from python_calamine import CalamineWorkbook

from kmdash.read import cfb

from .support.compound import (BOUNDSHEET, EOF, biff, build, dimensions, record, records_stream)
from .support.containers import ENDOFCHAIN, FREESECT

SHEETS = {"ลูกหนี้": [["เลขที่สัญญา", "ชื่อ", "เงินต้น"], ["สส.66/00042", "นายสมชาย ใจดี", 12500.5]],
          "สรุป": [["รวม", 12500.5]]}
SMALL = biff(SHEETS)  # under 4,096 bytes: in the root's mini sectors
BIG = SMALL.ljust(5000, b"\0")  # padded past the cut-off as xlwt pads it: in regular sectors
SUMMARY = {"\x05SummaryInformation": b"s" * 200, "\x05DocumentSummaryInformation": b"d" * 100}
GLOBALS = 20 + 12 + 4  # a hand-made stream's globals: BOF, one BOUNDSHEET, EOF


def book(workbook: bytes = SMALL, size: int = 512, difat: bool = False, name: str = "Workbook"):
    """The workbook stream the fourth entry, last of the directory's first 512-byte sector, after two small
    streams in mini sectors."""
    return build({**SUMMARY, name: workbook}, size, difat)


def sheets_read(data: bytes) -> dict[str, list[list]]:
    workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def refused(data: bytes, why: str) -> None:
    with pytest.raises(cfb.Damaged, match=why):
        cfb.check(data)


# ---------------------------------------------------------------- shapes writers make pass


@pytest.mark.parametrize("workbook, size, difat", [
    (SMALL, 512, False), (BIG, 512, False), (SMALL, 512, True), (BIG, 512, True), (BIG, 4096, False),
    (BIG, 4096, True), (SMALL, 4096, True), (SMALL.ljust(4096, b"\0"), 512, False)],
    ids=["mini", "regular", "mini-difat", "regular-difat", "4k", "4k-difat", "4k-mini-difat", "at-the-cut-off"])
def test_every_shape_a_writer_makes_passes_and_reads(workbook, size, difat):
    built = book(workbook, size, difat)
    cfb.check(built.data)
    assert sheets_read(built.data) == SHEETS  # the container is a real one: the reader reads it


def test_trailing_bytes_short_of_a_sector_are_not_a_sector():
    cfb.check(book().data + b"\0" * 100)


def test_a_stream_named_book_is_the_workbook_too_and_other_streams_are_not_read_as_one():
    bad = records_stream(dimensions(5, 3, 0, 1))
    refused(book(bad, name="Book").data, "first row")
    cfb.check(book(bad, name="Other").data)


# ---------------------------------------------------------------- the header


def test_a_file_shorter_than_a_header_or_of_another_sector_size_is_no_compound_file():
    data = book().data
    refused(data[:511], "no compound file header")
    refused(book().with_word(30, 10, "<H"), "no compound file header")


@pytest.mark.parametrize("offset", [40, 44, 64, 72], ids=["directory", "fat", "mini-fat", "difat"])
@pytest.mark.parametrize("size", [512, 4096])
def test_a_count_of_sectors_beyond_the_file_is_refused_and_one_up_to_it_is_not(offset, size):
    built = book(BIG, size)
    count = len(built.data) // size - 1  # sectors after the header
    cfb.check(built.with_word(offset, count))
    refused(built.with_word(offset, count + 1), "count of sectors beyond the file")


def test_a_count_up_to_the_file_with_bytes_short_of_a_sector_after_it():
    built = book(BIG)
    count = len(built.data) // 512 - 1
    damaged = built.with_word(44, count + 1) + b"\0" * 511
    refused(damaged, "count of sectors beyond the file")


# ---------------------------------------------------------------- the FAT's own sectors (DIFAT)


def test_a_difat_chain_that_loops_or_leaves_the_file_is_refused():
    built = book(difat=True)
    last_word = built.at(built.difat) + 512 - 4
    refused(built.with_word(last_word, built.difat), "DIFAT")
    count = len(built.data) // 512 - 1
    refused(built.with_word(68, count), "DIFAT")
    cfb.check(built.with_word(last_word, FREESECT))  # FREESECT ends the chain too


def test_without_a_difat_chain_its_start_may_be_either_end_marker():
    built = book()
    cfb.check(built.with_word(68, FREESECT))
    cfb.check(built.with_word(68, ENDOFCHAIN))


def test_a_fat_sector_listed_beyond_the_file_is_no_fat():
    built = book()
    count = len(built.data) // 512 - 1
    refused(built.with_word(76, count), "chain")  # no FAT left: the directory's sector is beyond the table
    refused(built.with_word(76, FREESECT), "chain")


# ---------------------------------------------------------------- chains of sectors


def test_a_directory_chain_leaving_the_file_or_looping_is_refused():
    built = book()
    count = len(built.data) // 512 - 1
    refused(built.with_word(48, count), "chain")
    refused(built.with_word(built.fat_entry(built.directory[-1]), built.directory[0]), "chain")


def test_a_stream_running_into_another_chain_or_itself_is_refused():
    built = book(BIG)
    chain = built.chains["Workbook"]
    refused(built.with_word(built.fat_entry(chain[-1]), built.directory[0]), "meets itself or another")
    refused(built.with_word(built.fat_entry(chain[-1]), chain[0]), "meets itself or another")
    refused(built.with_word(built.fat_entry(chain[0]), len(built.data) // 512), "leaves the file")


def test_the_root_s_mini_stream_chain_is_checked_too():
    built = book()
    count = len(built.data) // 512 - 1
    refused(built.with_word(built.entry_at(0) + 116, count), "chain")


def test_a_mini_chain_looping_or_leaving_the_mini_stream_is_refused():
    built = book()
    first = built.chains["\x05SummaryInformation"][0]
    refused(built.with_word(built.mini_fat_entry(first), first), "chain")
    streams = {"Workbook": SMALL, **SUMMARY}  # the last stream's chain ends with the last mini sector
    built = build(streams)
    minis, last = sum(-(-len(s) // 64) for s in streams.values()), built.entry_at(3) + 116
    refused(built.with_word(last, minis), "chain")
    cfb.check(built.with_word(last, minis - 1))  # its last mini sector alone: a chain of one


def test_a_mini_chain_numbered_as_a_regular_sector_is_not_a_meeting():
    """Mini sector 0 and regular sector 0 are different places."""
    built = book(BIG)
    assert built.chains["\x05SummaryInformation"][0] == 0 and built.chains["Workbook"][0] == 0
    cfb.check(built.data)


# ---------------------------------------------------------------- lengths


def test_a_stream_longer_than_the_file_is_refused_and_one_as_long_is_not():
    built = book(BIG)
    length = built.entry_at(3) + 120
    refused(built.with_word(length, len(built.data) + 1, "<Q"), "longer than the file")
    cfb.check(built.with_word(length, len(built.data), "<Q"))


def test_a_length_s_high_half_is_ignored_with_512_byte_sectors_as_the_reader_does():
    small, large = book(BIG), book(BIG, 4096)
    cfb.check(small.with_word(small.entry_at(3) + 120, len(BIG) + (1 << 32), "<Q"))
    refused(large.with_word(large.entry_at(3) + 120, len(BIG) + (1 << 32), "<Q"), "longer than the file")


def test_an_empty_stream_is_not_read():
    cfb.check(build({**SUMMARY, "Workbook": b""}).data)


# ---------------------------------------------------------------- each sheet's DIMENSIONS


@pytest.mark.parametrize("workbook", [SMALL, BIG], ids=["mini", "regular"])
def test_a_sheet_whose_first_row_or_column_is_after_its_last_is_refused(workbook):
    for first, second in ((dimensions(5, 3, 0, 1), dimensions(0, 1, 0, 1)),
                          (dimensions(0, 1, 0, 1), dimensions(0, 1, 4, 2)),
                          (dimensions(0, 1, 0, 1), dimensions(2, 0, 0, 1, biff5=True))):
        stream = records_stream(first, second)
        refused(book(stream.ljust(len(workbook), b"\0")).data, "first row or column after its last")


def test_a_sheet_of_one_cell_or_none_passes():
    """DIMENSIONS keeps the last row and column + 1: a first equal to that is an empty sheet, not a damaged one."""
    cfb.check(book(records_stream(dimensions(3, 3, 2, 2), dimensions(4, 3, 5, 4))).data)


def test_only_a_dimensions_record_of_the_two_known_lengths_is_read():
    odd = record(0x0200, dimensions(5, 3, 0, 1)[4:] + b"\0\0")  # 16 bytes
    cfb.check(book(records_stream(odd)).data)


def test_a_sheet_s_dimensions_are_its_own_records_up_to_its_end():
    """A sheet without DIMENSIONS is not given the next part's; a part no BOUNDSHEET names is not read."""
    stream = records_stream(b"") + record(0x0809, bytes(16)) + dimensions(5, 3, 0, 1) + record(EOF, b"")
    cfb.check(book(stream).data)
    tail = dimensions(0, 1, 0, 1) + record(EOF, b"") + dimensions(5, 3, 0, 1)
    cfb.check(book(records_stream(tail)).data)


def test_a_boundsheet_of_four_bytes_names_a_sheet_and_of_three_none():
    bad = dimensions(5, 3, 0, 1)
    refused(book(records_stream(bad, sheet_entry=4)).data, "first row")
    cfb.check(book(records_stream(bad, sheet_entry=3)).data)


def test_only_the_stream_s_own_length_is_read_not_the_padding_of_its_last_sector():
    """A sheet whose part lies past the stream's length, in what its sectors hold after it, is not read."""
    small = records_stream(dimensions(5, 3, 0, 1))
    built = book(small)
    refused(built.data, "first row")
    cfb.check(built.with_word(built.entry_at(3) + 120, GLOBALS, "<Q"))  # the stream: the globals alone
    bof = record(0x0809, bytes(16))
    far = record(BOUNDSHEET, (4200).to_bytes(4, "little") + bytes(4))  # a sheet at byte 4,200
    big = ((bof + far + record(EOF, b"")).ljust(4200, b"\0") + bof + dimensions(5, 3, 0, 1)).ljust(5000, b"\0")
    built = book(big)
    refused(built.data, "first row")
    cfb.check(built.with_word(built.entry_at(3) + 120, 4096, "<Q"))


# ---------------------------------------------------------------- each sheet's area, from its cells


def test_each_sheet_s_area_is_as_far_as_its_farthest_cell():
    assert cfb.check(book().data) == [("ลูกหนี้", 2, 3), ("สรุป", 1, 2)]
    assert cfb.check(book(BIG, 4096).data) == [("ลูกหนี้", 2, 3), ("สรุป", 1, 2)]


def cell(kind: int, row: int, column: int, rest: bytes = bytes(6)) -> bytes:
    return record(kind, struct.pack("<HH", row, column) + rest)


def test_every_kind_of_cell_counts_and_a_span_to_its_last_column():
    for kind in (0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x0006, 0x00D6):
        assert cfb.check(book(records_stream(cell(kind, 6, 9))).data)[0][1:] == (7, 10)
    span = record(0x00BD, struct.pack("<HH", 2, 1) + bytes(12) + struct.pack("<H", 300))  # MULRK: columns 1-300
    assert cfb.check(book(records_stream(span)).data)[0][1:] == (3, 301)
    blanks = record(0x00BE, struct.pack("<HHHHH", 4, 0, 0, 0, 40))
    assert cfb.check(book(records_stream(blanks)).data)[0][1:] == (5, 41)


def test_only_the_sheet_s_own_cells_count_and_no_other_record():
    stream = records_stream(cell(0x0203, 1, 1) + record(0x0208, struct.pack("<HHH", 900, 0, 999)) + record(EOF, b"")
                            + cell(0x0203, 60000, 60000))  # a ROW record and a cell past the sheet's end
    assert cfb.check(book(stream).data)[0][1:] == (2, 2)
    short = record(0x0203, b"\xff\xff")  # a cell record too short to hold its place is no cell
    assert cfb.check(book(records_stream(short)).data)[0][1:] == (0, 0)


def test_a_sheet_name_in_one_byte_characters_or_none():
    stream = bytearray(records_stream(cell(0x0203, 0, 0), sheet_entry=12))
    at = stream.index(struct.pack("<HH", BOUNDSHEET, 12)) + 4
    stream[at + 6:at + 12] = bytes([4, 0]) + b"Loan"
    assert cfb.check(book(bytes(stream)).data)[0][0] == "Loan"
    assert cfb.check(book(records_stream(cell(0x0203, 0, 0))).data)[0][0] == ""  # a BOUNDSHEET without a name
