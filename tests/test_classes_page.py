"""The loan-quality classes page through AppTest: opening it changes nothing and says whose rules and rates they
are; the debtors by class as the hand count has them, the allowance "not set" until a rate is typed; an edit in
the table used at once, one the settings refuse said and not used; the co-op's settings file written only on the
press, and the command line reading it gives the same allowance; names masked with privacy on."""

from __future__ import annotations

from kmdash.i18n import t
from kmdash.settings import REGISTRAR_CLASSES
from kmdash.settings_file import coop_path, read

from .support.app import go, page_text, start, table_with, unescape
from .support.classes import class_figures
from .support.ledgers import AS_OF, ROOT

SAMPLE = ROOT / "sample_data" / "ledger_th.xlsx"


def classes_page(monkeypatch, tmp_path, lang: str = "th", privacy: bool = False):
    monkeypatch.setenv("KMDASH_SETTINGS_DIR", str(tmp_path))
    at = start(lang, privacy)
    at.switch_page("pages/classes.py")
    return go(at)


def edit(at, **delta):
    """Change the classes' table as a user would (edited_rows, added_rows, deleted_rows) and run the page."""
    editor = at.data_editor[0]
    at.session_state[editor.key] = {"edited_rows": {}, "added_rows": [], "deleted_rows": []} | delta
    return go(at)


def results(at, lang: str = "th"):
    return table_with(at, t("col_allowance", lang)).set_index(t("col_class", lang))


def test_opening_the_page_changes_nothing_and_says_whose_rules_and_rates(monkeypatch, tmp_path, sample_loans):
    at = classes_page(monkeypatch, tmp_path)
    assert "settings" not in at.session_state
    assert list(tmp_path.iterdir()) == []
    info = unescape(" ".join(i.value for i in at.info))
    assert t("classes_regulation") in info and "6 เดือนถึง 12 เดือน" in info
    assert "ผู้สอบบัญชี" in " ".join(w.value for w in at.warning)
    editor = at.data_editor[0].value
    assert list(editor["name"]) == ["ต่ำกว่ามาตรฐาน", "สงสัย"] and editor["registrar"].all()
    assert editor["provision"].isna().all()
    want = class_figures(sample_loans, REGISTRAR_CLASSES, AS_OF)
    shown = results(at)
    assert list(shown.index) == ["ต่ำกว่ามาตรฐาน", "สงสัย", "ไม่เข้าชั้นที่ตั้งไว้"]
    assert list(shown[t("col_members")]) == [want[k]["members"] for k in ("substandard", "doubtful", "unclassified")]
    assert list(shown[t("col_allowance")]) == ["ยังไม่ได้ตั้งอัตรา", "ยังไม่ได้ตั้งอัตรา", "-"]
    assert t("classes_no_status") in " ".join(c.value for c in at.caption)
    assert at.subheader[-1].value == t("classes_non_accrual_title", n=want["doubtful"]["members"])


def test_a_rate_typed_is_used_at_once_and_saved_only_on_the_press(monkeypatch, tmp_path, sample_loans, cli):
    at = classes_page(monkeypatch, tmp_path)
    edit(at, edited_rows={1: {"provision": 50.0}})
    want = class_figures(sample_loans, REGISTRAR_CLASSES, AS_OF)["doubtful"]
    allowance = f"{round(want['outstanding'] / 100 * 0.5, 2):,.2f}"
    assert results(at).loc["สงสัย", t("col_allowance")] == allowance
    assert results(at).loc["ต่ำกว่ามาตรฐาน", t("col_allowance")] == "ยังไม่ได้ตั้งอัตรา"
    assert at.session_state["settings"].classes.rows[1].provision == 50.0
    assert at.data_editor[0].value["provision"].tolist()[1] == 50.0  # the editor starts again from the settings
    assert list(tmp_path.iterdir()) == [] and t("classes_unsaved") in [c.value for c in at.caption]
    at.button(key="classes_save").click()
    go(at)
    coop = cli("summary", SAMPLE, "--json").json["coop"]
    path = coop_path(tmp_path, coop)
    assert read(path).classes.rows[1].provision == 50.0
    assert t("classes_unsaved") not in [c.value for c in at.caption]
    typed = cli("summary", SAMPLE, "--json", "--settings", path).json["classes"]
    assert f"{typed['rows'][1]['allowance']:,.2f}" == allowance and typed["allowance"] == typed["rows"][1]["allowance"]


def test_an_edit_the_settings_refuse_is_said_and_not_used(monkeypatch, tmp_path):
    at = classes_page(monkeypatch, tmp_path)
    edit(at, edited_rows={1: {"months_from": 12, "months_to": 6}})
    assert any("ยังไม่ใช้ตารางที่แก้" in unescape(e.value) and "สงสัย" in unescape(e.value) for e in at.error)
    assert "settings" not in at.session_state
    assert list(results(at).index) == ["ต่ำกว่ามาตรฐาน", "สงสัย", "ไม่เข้าชั้นที่ตั้งไว้"]


def test_a_row_added_is_the_worst_class_and_a_row_deleted_is_gone(monkeypatch, tmp_path, sample_loans):
    at = classes_page(monkeypatch, tmp_path)
    edit(at, added_rows=[{"name": "สูญ", "months_from": 12}], deleted_rows=[0])
    rows = at.session_state["settings"].classes.rows
    assert [r.key for r in rows] == ["doubtful", "own_1"] and rows[1].names == ("สูญ", "สูญ")
    want = class_figures(sample_loans, rows, AS_OF)
    shown = results(at)
    assert list(shown.index) == ["สงสัย", "สูญ", "ไม่เข้าชั้นที่ตั้งไว้"]
    assert list(shown[t("col_members")]) == [want[k]["members"] for k in ("doubtful", "own_1", "unclassified")]
    assert want["own_1"]["members"] > 0
    assert list(at.data_editor[0].value["registrar"]) == [True, False]


def test_in_english_the_words_are_english(monkeypatch, tmp_path):
    at = classes_page(monkeypatch, tmp_path, lang="en")
    shown = results(at, "en")
    assert list(shown.index) == ["Substandard", "Doubtful", "In no class set"]
    assert list(shown[t("col_allowance", "en")]) == ["rate not set", "rate not set", "-"]
    assert t("classes_regulation", "en") in unescape(" ".join(i.value for i in at.info))


def test_privacy_masks_the_debtors_whose_interest_stops(monkeypatch, tmp_path, personal):
    names, numbers = personal
    at = classes_page(monkeypatch, tmp_path, privacy=True)
    listed = table_with(at, t("col_member_no"))
    assert len(listed) > 0
    blob = "\n".join(text for texts in page_text(at).values() for text in texts)
    assert not {n for n in names if n in blob}
    assert not set(listed[t("col_member_no")]) & numbers
