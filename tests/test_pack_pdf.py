"""The board pack as a PDF and the `report` command: every page rendered to an image in tests/artifacts/pack/ for a
person to look at, the text a PDF reader extracts (the co-op's name and a member's name whole; with aliases no name
or number), A4, page numbers, English headings, and the command's user errors."""

from __future__ import annotations


import pytest

from kmdash.i18n import t
from kmdash.report.display import baht

from .support.cli import assert_user_error
from .support.ledgers import SAMPLE
from .support.pack import ARTIFACTS, font_names, normal, page_texts, save_pages, squeezed

A4 = (595.28, 841.89)  # points


@pytest.fixture(scope="module")
def pages(sample_pack_pdf) -> list[str]:
    """The sample's pack page by page as a reader extracts it; the pages saved as images for a person to see."""
    save_pages(sample_pack_pdf, ARTIFACTS, "sample-th")
    return page_texts(sample_pack_pdf)


def test_every_page_is_a4_with_its_number_of_the_whole(sample_pack_pdf, pages):
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(sample_pack_pdf)
    assert [tuple(round(x, 1) for x in page.get_size()) for page in document] == [tuple(round(x, 1) for x in A4)] * len(pages)
    document.close()
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert text.endswith(f"หน้า {number} จาก {len(pages)}"), text[-40:]
    images = sorted(ARTIFACTS.glob("sample-th-*.png"))
    assert len(images) >= len(pages)


def test_the_shipped_font_is_embedded_whole_and_no_other(sample_pack_pdf):
    # "kmdash Laksaman" is the shipped file's @font-face; the system's Laksaman (Debian's fonts-thai-tlwg) another
    assert {name.split("+")[-1] for name in font_names(sample_pack_pdf)} == {"kmdash-Laksaman", "kmdash-Laksaman-Bold"}


def test_the_coops_name_and_the_top_debtors_name_read_back_whole(pages, sample_expected):
    assert pages[0].startswith(normal("สหกรณ์การเกษตรตัวอย่าง จำกัด รายงานหนี้เงินกู้ค้างชำระ"))
    assert normal("ข้อมูล ณ วันที่ 31 มีนาคม 2567") in pages[0]
    top = sample_expected["top_members"][0]
    assert any(normal(f"{top['member']} {top['name']}") in page for page in pages)
    assert normal("ค้างชำระ") in pages[1] and "\ufffd" not in "".join(pages)


def test_the_tiles_figures_are_printed(pages, sample_expected):
    e = sample_expected
    for figure in (f"{e['members']:,}", f"{e['members_overdue']:,}", f"{e['overdue']:,.2f}", f"{e['par30'] * 100:.1f}%"):
        assert figure in pages[1]


def test_with_aliases_in_english_no_name_or_number_is_left_and_no_store_is_made(personal, tmp_path, monkeypatch, cli):
    from kmdash import store

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(store.ENV, raising=False)
    run = cli("report", SAMPLE, "--aliases", "--lang", "en")
    written = tmp_path / f"{SAMPLE.stem}-board.pdf"
    assert run.code == 0 and run.out.strip() == t("pack_written", "en", path=written.name)
    assert sorted(p.name for p in tmp_path.iterdir()) == [written.name]  # no snapshots.db
    pdf = written.read_bytes()
    save_pages(pdf, ARTIFACTS, "sample-aliases-en")
    text = "\n".join(page_texts(pdf))
    names, numbers = personal
    assert [n for n in names if normal(n) in text] == [] and [m for m in numbers if m in text] == []
    assert "Member 0" in text and normal(t("pack_privacy_aliases", "en")) in text
    for key in ("pack_s_overview", "pack_s_aging", "pack_s_techniques", "pack_s_guarantors", "pack_s_trend"):
        assert normal(t(key, "en")) in text
    assert "Page 1 of" in text and "Ledger as of 31 March 2024" in text


def test_out_names_the_file_and_store_reads_an_existing_store(tmp_path, cli, generated_record, record_files):
    from .support.record import COOP

    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert cli("snapshot", "save", record_files.old, "--store", url).code == 0
    assert cli("actions", "import", record_files.csv, "--coop", COOP, "--store", url).code == 0
    out = tmp_path / "folder" / "board.PDF"
    out.parent.mkdir()
    assert cli("report", record_files.new, "--out", out, "--store", tmp_path / "store.db").code == 0
    text = squeezed(" ".join(page_texts(out.read_bytes())))
    promises = generated_record.promises  # judged against the store's snapshot of the earlier ledger
    for state in ("kept", "broken"):
        amount = baht(promises[f"{state}_amount"] / 100)
        assert squeezed(f"{t(f'pack_promise_{state}')} {promises[state]:,} {amount}") in text
    assert squeezed(t("pack_trend_none")) not in text and squeezed(t("pack_no_store")) not in text
    assert squeezed(t("pack_privacy_names")) in text  # no --aliases: the names, and the cover says so


@pytest.mark.parametrize("args", [("--out", "board.txt"), ("--out", "board"), ("--store", "nowhere.db"),
                                  ("--soon", "-1")])
def test_a_bad_option_is_one_line_and_exit_2_and_makes_nothing(args, tmp_path, monkeypatch, cli):
    monkeypatch.chdir(tmp_path)
    assert_user_error(cli("report", SAMPLE, *args))
    assert list(tmp_path.iterdir()) == []


def test_a_missing_file_is_a_user_error(tmp_path, cli):
    assert_user_error(cli("report", tmp_path / "nowhere.xlsx", "--out", tmp_path / "x.pdf"))
    assert list(tmp_path.iterdir()) == []


def test_a_word_file_is_the_docx_renderers(tmp_path, cli):
    out = tmp_path / "board.docx"
    run = cli("report", SAMPLE, "--out", out)
    assert run.code == 0 and out.read_bytes()[:2] == b"PK"
