"""Load: upload, sheet, as-of date, header mapping, skipped rows, reconciliation."""

import streamlit as st

from kmdash import privacy
from kmdash.errors import LedgerError
from kmdash.i18n import t
from kmdash.read.dates import parse_date_text
from kmdash.read.headers import FIELDS, IGNORE, normalise
from kmdash.read.load import LEDGER_EXTENSIONS
from kmdash.report.display import date_entry, money, plain, row_notes_table
from ui import cache, state
from ui import components as ui
from ui.router import ensure_router
from ui.state import tr

ensure_router()


def on_upload(key: str) -> None:
    """The uploader's file is the one in use. None: its x, or a second file chosen (the browser sends "no file"
    before the new one, to the same widget): no file in use, and the key kept, so the new file still lands on
    the uploader that is drawn."""
    upload = st.session_state.get(key)
    if upload is None:
        state.drop_upload()
    else:
        state.set_upload(upload.name, upload.getvalue())


def uploader_key() -> str:
    return f"uploader_{state.uploader_round()}"


def mapping_form(headers: list[str]) -> None:
    """Each unknown header -> a field or 'ignore'; the figures recompute with the mapping."""
    st.subheader(tr("map_title"))
    st.caption(tr("map_help"))
    current = st.session_state.get("mapping", {})
    options = ["", IGNORE, *FIELDS]
    lang = state.lang()

    def label(field: str) -> str:
        return t("map_none", lang) if field == "" else t(f"field_{field}", lang, default=t(f"col_{field}", lang))

    with st.form("mapping_form"):
        chosen = {h: st.selectbox(plain(h), options, index=options.index(current.get(normalise(h), "")),
                                  format_func=label, key=f"map_{h}") for h in dict.fromkeys(headers)}
        apply, reset = st.columns(2)
        if apply.form_submit_button(tr("map_apply"), type="primary"):
            st.session_state["mapping"] = {**current, **{normalise(h): f for h, f in chosen.items() if f}}
            st.rerun()
        if reset.form_submit_button(tr("map_reset")):
            st.session_state.pop("mapping", None)
            st.rerun()


def reconciliation_badge(cur: cache.Current) -> None:
    rec = cur.result.reconciliation
    if not rec.has_total or rec.matches is None:  # no total row, or one without amounts to compare
        st.info(tr("rec_badge_none"))
    elif rec.matches:
        st.success(tr("rec_badge_ok"))
    else:
        diffs = ", ".join(f"{t('col_' + k, state.lang(), default=k)} {money(v, state.lang())}"
                          for k, v in rec.differences.items() if abs(v) >= 0.005)
        st.warning(tr("rec_badge_diff", diffs=diffs))


ALL_SHEETS = ""  # the picker's first choice: the visible sheets of one date, together


def sheet_picker(sheets: list[str], current: str | None, place=st) -> None:
    """The sheet to read (or all of one date), where the workbook has several; also beside an error, so a
    wrong choice is undone."""
    if len(sheets) < 2:
        return
    choices = [ALL_SHEETS, *sheets]
    if st.session_state.get("sheet_picker") not in choices:
        st.session_state["sheet_picker"] = current if current in choices else ALL_SHEETS
    place.selectbox(tr("sheet"), choices, key="sheet_picker", on_change=on_sheet,
                    format_func=lambda s: tr("sheets_all") if s == ALL_SHEETS else s)


def forgotten(key: str) -> bool:
    """Whether the field's choice was forgotten with the previous file (state._forget_choices): the browser may
    still report the field, hidden for a run while a file was replaced, and its callback then has nothing to do."""
    return key not in st.session_state


def on_sheet() -> None:
    if not forgotten("sheet_picker"):
        st.session_state["sheet"] = st.session_state["sheet_picker"] or None


def sheet_and_date(cur: cache.Current) -> None:
    left, right = st.columns(2)
    reading = cur.result.reading
    sheet_picker(reading.sheets, st.session_state.get("sheet") or ALL_SHEETS, left)
    if len(reading.sheets_read) > 1:
        left.caption(plain(tr("sheets_read_line", n=len(reading.sheets_read), sheets=", ".join(reading.sheets_read))))
    elif len(reading.sheets) > 1:
        left.caption(tr("other_sheets", n=len(reading.sheets) - 1))
    if left_out := [f"{name} ({tr('sheet_left_' + why)})" for name, why in reading.sheets_left if why != "no_ledger"]:
        left.caption(plain(tr("sheets_left_line", sheets=", ".join(left_out))))
    as_of_field(cur, right)


def as_of_field(cur: cache.Current, place) -> None:
    """The as-of date typed as Thai staff write it (31/03/2567, 31 มี.ค. 2567, 2567-03-31, or CE), the
    date read shown beside it in words, and a plain message for text that is not a date."""
    lang = state.lang()
    entry = date_entry(cur.result.as_of, lang)
    if st.session_state.get("as_of_shown") != entry:  # the figures' date changed: show it in the field
        st.session_state["as_of_text"] = st.session_state["as_of_shown"] = entry
    place.text_input(tr("as_of_input"), key="as_of_text", on_change=on_as_of, help=tr("as_of_help"))
    if (bad := st.session_state.get("as_of_bad")) is not None:
        place.error(tr("as_of_bad", text=plain(bad)))
    else:
        place.caption(f"{ui.day(cur.result.as_of)} — {t(f'as_of_{cur.result.as_of_source}', lang)}")


def on_as_of() -> None:
    if forgotten("as_of_text"):
        return
    text = st.session_state["as_of_text"]
    when = parse_date_text(text.strip())
    if when is None:
        st.session_state["as_of_bad"] = text
        return
    st.session_state.pop("as_of_bad", None)
    st.session_state["as_of"] = when


def settings_form(cur: cache.Current) -> None:
    """Aging preset (days or months overdue) and the long-overdue threshold; figures recompute."""
    current = cur.result.analysis.settings
    with st.expander(tr("settings")):
        left, right = st.columns(2)
        unit = left.radio(tr("bucket_unit"), ["days", "months"], horizontal=True,
                          index=0 if current.bucket_unit == "days" else 1,
                          format_func=lambda u, lang=state.lang(): t(f"unit_{u}", lang), key="settings_unit")
        long_days = right.number_input(tr("long_days"), min_value=1, max_value=3650,
                                       value=current.long_overdue_days, step=30, key="settings_long_days")
    # the rest of the settings (the fiscal year end, the selector's, the grading's) stay as the user set them
    wanted = current.with_buckets(unit == "months", long_overdue_days=int(long_days))
    if wanted != current:
        st.session_state["settings"] = wanted
        st.rerun()


def row_notes(cur: cache.Current) -> None:
    """Skipped rows and used rows with a cell left blank, each in an expander when there are any."""
    ledger = cur.result.ledger
    for notes, title, skipped in ((ledger.notes, "noted_rows", False), (ledger.skipped, "skipped_rows", True)):
        if notes:
            shown = privacy.without_details(notes) if state.private() else notes
            with st.expander(tr(title, n=len(notes)), expanded=False):
                ui.table(row_notes_table(shown, state.lang(), skipped))


def uploader() -> None:
    """The uploader; the file in use named above it (the widget itself is empty again after another page)."""
    if not state.no_file():
        st.caption(tr("in_use_note", name=plain(state.source().name)))
    key = uploader_key()
    st.file_uploader(tr("upload_label"), type=LEDGER_EXTENSIONS,
                     key=key, on_change=on_upload, args=(key,), help=tr("upload_help"))


def warnings(cur: cache.Current) -> None:
    """What the figures depend on and the user should check: the as-of date, undated loans, the total."""
    ledger = cur.result.ledger
    if cur.result.as_of_source == "today":
        st.warning(tr("as_of_today_warning"))
    if (undated := int(ledger.loans["due_date"].isna().sum())):
        st.warning(tr("no_due_date", n=undated))
    if (by_name := ledger.keyed_by_name) is not None:
        st.warning(plain(tr("keyed_by_name", headers=", ".join(by_name.unknown) or "-")))
        for header, names in by_name.shared.items():
            st.warning(plain(tr("name_shared", header=header, n=names)))
    reconciliation_badge(cur)


if state.no_file():
    st.title(tr("app_title"))
    ui.no_file_note()
    uploader()
    st.stop()

loaded = cache.load_current(progress=True)
if isinstance(loaded, LedgerError):
    st.title(tr("app_title"))
    ui.show_error(loaded)
    sheet_picker(cache.sheets(), st.session_state.get("sheet"))
    if loaded.unmapped:
        mapping_form(loaded.unmapped)
    uploader()
    st.stop()

cur = loaded
ledger = cur.result.ledger
state.adopt_saved_settings(state.coop_key(ledger.coop, cur.source.name))
ui.heading(cur, "load")
if cur.source.is_sample:
    st.info(tr("sample_banner", name=plain(cur.source.name)))
ui.tiles(cur)
warnings(cur)
uploader()
sheet_and_date(cur)
st.caption(tr("rows_summary", read=ledger.rows_read, loans=len(ledger.loans), skipped=len(ledger.skipped),
              header=ledger.header_row))
settings_form(cur)
if ledger.headers.unmapped or st.session_state.get("mapping"):
    mapping_form(ledger.headers.unmapped)
if ledger.headers.ignored:
    st.caption(tr("ignored_headers", headers=plain(", ".join(ledger.headers.ignored))))
row_notes(cur)
