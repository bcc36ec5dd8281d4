"""Load: upload, sheet, as-of date, header mapping, skipped rows, reconciliation."""

import streamlit as st

from kmdash import privacy
from kmdash.display import money, row_notes_table
from kmdash.errors import LedgerError
from kmdash.i18n import t
from kmdash.read.headers import FIELDS, IGNORE, normalise
from kmdash.settings import Settings
from ui import cache, state
from ui import components as ui
from ui.router import ensure_router
from ui.state import tr

ensure_router()


def on_upload() -> None:
    upload = st.session_state.get("uploader")
    if upload is None:
        state.clear_upload()
    else:
        state.set_upload(upload.name, upload.getvalue())


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
        chosen = {h: st.selectbox(h, options, index=options.index(current.get(normalise(h), "")),
                                  format_func=label, key=f"map_{h}") for h in headers}
        apply, reset = st.columns(2)
        if apply.form_submit_button(tr("map_apply"), type="primary"):
            st.session_state["mapping"] = {**current, **{normalise(h): f for h, f in chosen.items() if f}}
            st.rerun()
        if reset.form_submit_button(tr("map_reset")):
            st.session_state.pop("mapping", None)
            st.rerun()


def reconciliation_badge(cur: cache.Current) -> None:
    rec = cur.result.reconciliation
    if not rec.has_total:
        st.info(tr("rec_badge_none"))
    elif rec.matches:
        st.success(tr("rec_badge_ok"))
    else:
        diffs = ", ".join(f"{t('col_' + k, state.lang(), default=k)} {money(v, state.lang())}"
                          for k, v in rec.differences.items() if abs(v) >= 0.005)
        st.warning(tr("rec_badge_diff", diffs=diffs))


def sheet_picker(sheets: list[str], current: str | None, place=st) -> None:
    """The sheet to read, where the workbook has several; also beside an error, so a wrong choice is undone."""
    if len(sheets) < 2:
        return
    if st.session_state.get("sheet_picker") not in sheets:
        st.session_state["sheet_picker"] = current if current in sheets else sheets[0]
    place.selectbox(tr("sheet"), sheets, key="sheet_picker", on_change=on_sheet)


def on_sheet() -> None:
    st.session_state["sheet"] = st.session_state["sheet_picker"]


def sheet_and_date(cur: cache.Current) -> None:
    left, right = st.columns(2)
    sheet_picker(cur.result.reading.sheets, cur.result.reading.sheet, left)
    if len(cur.result.reading.sheets) > 1:
        left.caption(tr("other_sheets", n=len(cur.result.reading.sheets) - 1))
    picked_date = right.date_input(tr("as_of_input"), value=cur.result.as_of, format="DD/MM/YYYY")
    right.caption(f"{ui.day(cur.result.as_of)} — {t(f'as_of_{cur.result.as_of_source}', state.lang())}")
    if picked_date != cur.result.as_of:
        st.session_state["as_of"] = picked_date
        st.rerun()


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
    wanted = Settings.choose(unit == "months", long_overdue_days=int(long_days), top_members=current.top_members)
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


st.title(tr("app_title"))
st.file_uploader(tr("upload_label"), type=["xlsx", "xls", "csv", "txt", "htm", "html", "xml"], key="uploader",
                 on_change=on_upload,
                 help=tr("upload_help"))
source = state.source()
if source.is_sample:
    st.info(tr("sample_banner", name=source.name))

loaded = cache.load_current(progress=True)
if isinstance(loaded, LedgerError):
    ui.show_error(loaded)
    sheet_picker(cache.sheets(), st.session_state.get("sheet"))
    if loaded.unmapped:
        mapping_form(loaded.unmapped)
    st.stop()

cur = loaded
ledger = cur.result.ledger
st.markdown(f"**{tr('loaded', name=cur.source.name)}**" + (f" · {tr('sheet')}: {cur.result.reading.sheet}" if cur.result.reading.sheet else ""))
st.caption(tr("rows_summary", read=ledger.rows_read, loans=len(ledger.loans), skipped=len(ledger.skipped),
              header=ledger.header_row))
sheet_and_date(cur)
if cur.result.as_of_source == "today":
    st.warning(tr("as_of_today_warning"))
if (undated := int(ledger.loans["due_date"].isna().sum())):
    st.warning(tr("no_due_date", n=undated))
reconciliation_badge(cur)
settings_form(cur)
ui.tiles(cur)
if ledger.headers.unmapped or st.session_state.get("mapping"):
    mapping_form(ledger.headers.unmapped)
if ledger.headers.ignored:
    st.caption(tr("ignored_headers", headers=", ".join(ledger.headers.ignored)))
row_notes(cur)
