"""The board pack's page (pages/board_pack.py) through AppTest: opening it makes nothing and changes nothing (no pack
made, no store made); its button makes the pack through the core as a PDF or a Word file in the app's language, with
names or aliases as chosen (aliases by default while the privacy switch is on), the store's record where there is a
store, and a download button offers it; a changed choice takes the download away; an error is an error box."""

from __future__ import annotations

import inspect
import io

from docx import Document

from kmdash import store
from kmdash.errors import LedgerError
from kmdash.i18n import t
from kmdash.report.pack import content
from kmdash.synthetic import ledger_rows

from .support.app import go, leaks, start, unescape
from .support.pack import page_texts, squeezed
from .support.pack_docx import every_text, served

COOP = inspect.signature(ledger_rows).parameters["coop_name"].default  # the generator's co-op, the sample's


def open_pack(monkeypatch, tmp_path, privacy: bool = False, lang: str = "th"):
    """The page on the shipped sample (the app's store: a file not made yet), with the packs the core gathers
    counted and the files download buttons serve kept: (AppTest, gathered, served)."""
    monkeypatch.setenv(store.ENV, f"sqlite:///{tmp_path / 'store.db'}")
    gathered = []
    real = content.gather

    def gather(*args, **kwargs):
        gathered.append(real(*args, **kwargs))
        return gathered[-1]

    monkeypatch.setattr(content, "gather", gather)
    given = served(monkeypatch)
    at = start(lang, privacy)
    at.switch_page("pages/board_pack.py")
    return go(at), gathered, given


def press(at):
    at.button(key="bpack_make").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def says(at) -> str:
    """The words beside the button: what the pack will show of the members (after its icon)."""
    return next(m for m in at.markdown.values if m.startswith(":material/visibility")).split(": ", 1)[1]


def word_text(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    return [p.text for p in doc.paragraphs] + [c.text for tb in doc.tables for row in tb.rows for c in row.cells]


def test_opening_the_page_makes_nothing_then_the_button_makes_the_pdf_with_the_co_op_in_it(monkeypatch, tmp_path):
    at, gathered, given = open_pack(monkeypatch, tmp_path)
    assert at.radio(key="bpack_who_False").value is False  # names, with the privacy switch off
    assert at.radio(key="bpack_format").value == "pdf"
    assert at.number_input(key="bpack_soon").value == content.SOON_DAYS
    assert says(at) == t("bpack_says_names")
    at.number_input(key="bpack_soon").set_value(30).run()
    assert gathered == [] and given == [] and not at.get("download_button")
    assert not (tmp_path / "store.db").exists()
    press(at)
    assert len(gathered) == 1 and gathered[0].cover.masked is False
    assert [b.proto.label for b in at.get("download_button")] == ["ดาวน์โหลดรายงาน: PDF (พร้อมพิมพ์)"]
    name, data, mime = given[-1]
    assert (name, mime) == ("board_pack_2024-03-31.pdf", "application/pdf") and data.startswith(b"%PDF-")
    pages = [squeezed(p) for p in page_texts(data)]
    assert squeezed(COOP) in pages[0] and squeezed(t("pack_privacy_names")) in pages[0]
    assert squeezed(t("pack_no_store")) in "".join(pages)  # no store: the pack says so, and none was made
    assert not (tmp_path / "store.db").exists()
    at.run()
    assert len(gathered) == 1 and at.get("download_button")  # a rerun keeps the pack made, and makes no other


def test_with_privacy_on_the_word_file_has_aliases_and_no_members_name_or_number(monkeypatch, tmp_path, personal):
    at, gathered, given = open_pack(monkeypatch, tmp_path, privacy=True)
    assert at.radio(key="bpack_who_True").value is True  # aliases, with the privacy switch on
    assert says(at) == t("bpack_says_aliases")
    at.radio(key="bpack_format").set_value("docx").run()
    press(at)
    name, data, mime = given[-1]
    assert name == "board_pack_2024-03-31.docx" and data.startswith(b"PK\x03\x04")
    assert mime == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert COOP in word_text(data) and t("pack_privacy_aliases") in word_text(data)
    assert leaks(every_text(data), *personal) == (set(), set())
    assert gathered[0].cover.masked is True


def test_names_can_be_chosen_with_privacy_on_and_a_changed_choice_asks_for_a_new_pack(monkeypatch, tmp_path):
    at, gathered, given = open_pack(monkeypatch, tmp_path, privacy=True)
    at.radio(key="bpack_who_True").set_value(False).run()
    assert says(at) == t("bpack_says_names")
    press(at)
    assert gathered[-1].cover.masked is False and at.get("download_button")
    at.number_input(key="bpack_soon").set_value(45).run()
    assert not at.get("download_button") and t("bpack_changed") in [c.value for c in at.caption]
    press(at)
    assert len(gathered) == 2 and at.get("download_button")
    assert gathered[-1].section("guarantors").blocks[0].text == t("pack_guarantors_about", n=45,
                                                                   as_of="31 มีนาคม 2567")


def test_in_english_the_page_and_the_pack_follow_the_app_and_read_the_stores_record(monkeypatch, tmp_path):
    store.open_store(f"sqlite:///{tmp_path / 'store.db'}").dispose()  # a store, empty
    at, gathered, given = open_pack(monkeypatch, tmp_path, lang="en")
    assert [r.label for r in at.radio if (r.key or "").startswith("bpack")] == ["Members in the pack", "File type"]
    assert t("bpack_lang", "en") in [c.value for c in at.caption]
    at.radio(key="bpack_format").set_value("docx").run()
    press(at)
    words = word_text(given[-1][1])
    assert "The overdue loans at a glance" in words and COOP in words
    assert t("pack_actions_none", "en") in words and t("pack_no_store", "en") not in words
    assert gathered[0].lang == "en"


def test_an_error_from_the_core_is_an_error_box_and_no_download(monkeypatch, tmp_path):
    at, _, given = open_pack(monkeypatch, tmp_path)

    def fails(*args, **kwargs):
        raise LedgerError.of("pack_store_missing", path="elsewhere.db")

    monkeypatch.setattr(content, "gather", fails)
    press(at)
    assert [unescape(e.value) for e in at.error] == [t("pack_store_missing", path="elsewhere.db")]
    assert not at.get("download_button") and given == []
