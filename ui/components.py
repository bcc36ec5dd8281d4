"""Pieces every page uses: the error box, tiles, filter bar, tables and charts, privacy applied."""

from __future__ import annotations

import calendar
from datetime import date
from pathlib import Path

import pandas as pd
import streamlit as st

from kmdash import privacy, record, words
from kmdash.analyse import Analysis, pareto_count
from kmdash.errors import LedgerError
from kmdash.filters import Filters, apply_filters
from kmdash.i18n import t
from kmdash.plan import short_name
from kmdash.settings_file import write as write_settings
from kmdash.report import display
from kmdash.report.charts import pareto_figure
from kmdash.techniques.sieving.notices import tiers
from kmdash.words import THAI_MONTHS

from . import snapshots, state
from .access import audited
from .cache import Current, aliases, load_current
from .state import lang, private, secret, source, tr

PROJECTOR_CSS = Path(__file__).resolve().parents[1] / "assets" / "projector.css"


def sidebar() -> None:
    """Language, privacy, and the file in use (its name, its sheet, a way back to the sample) on every page;
    and the projector's style (a constant file of ours, never text from a ledger)."""
    st.html(PROJECTOR_CSS)
    with st.sidebar:
        st.radio(tr("language"), ["th", "en"], key="lang", horizontal=True,
                 format_func=lambda code: {"th": "ไทย", "en": "English"}[code])
        if state.scope().names:
            st.toggle(tr("privacy"), key="privacy", help=tr("privacy_help"))
        else:  # an account not granted real names: always on
            st.toggle(tr("privacy"), value=True, disabled=True, key="privacy_forced", help=tr("privacy_forced"))
        src = source()
        with st.container(border=True):
            st.caption(tr("file_in_use"))
            if state.no_file():
                st.markdown(f"**{tr('no_file')}**")
            else:
                st.markdown(f"**{display.plain(src.name)}**")
                cur = load_current()
                if not isinstance(cur, LedgerError) and cur.result.reading.sheet:
                    st.caption(f"{tr('sheet')}: {display.plain(cur.result.reading.sheet)}")
            if not src.is_sample or state.no_file():
                st.button(tr("back_to_sample"), on_click=state.clear_upload, icon=":material/undo:")


def heading(cur: Current, page: str) -> None:
    """The co-op's own name as the page heading (the page's name where the file gives none), and under it
    the page, the as-of date and the file."""
    coop = cur.result.ledger.coop
    st.title(display.plain(coop) if coop else tr(f"page_{page}"))
    parts = [tr(f"page_{page}")] if coop else []
    parts += [f"{tr('as_of_input')} {day(cur.result.as_of)}", display.plain(cur.source.name)]
    st.caption(" · ".join(parts))
    if cur.source.is_sample and page != "load":
        st.caption(tr("sample_note"))


def settings_page(page: str) -> tuple[Current, str]:
    """A page that edits the co-op's settings: the file in use and its co-op's key, the co-op's saved settings
    adopted, the heading, and what became of the settings file (an error, or that it is in use)."""
    cur = need_current()
    coop = state.coop_key(cur.result.ledger.coop, cur.source.name)
    state.adopt_saved_settings(coop)
    heading(cur, page)
    if (error := st.session_state.get("settings_error")) is not None:
        show_error(error)
    elif state.settings_file(coop).exists():
        st.caption(tr("settings_loaded", path=display.plain(state.settings_file(coop))))
    return cur, coop


def save_settings(settings, coop: str, key: str) -> bool:
    """A button that writes `settings` to the co-op's settings file on its press; whether they were saved."""
    path = state.settings_file(coop)
    if not st.button(tr("settings_save"), key=key, icon=":material/save:"):
        return False
    try:
        if not state.scope().allows(coop):  # server mode: a co-op's settings are its own staff's
            raise LedgerError.of("snap_not_yours", coop=coop)
        write_settings(path, settings)
    except LedgerError as error:
        show_error(error)
        return False
    st.success(tr("settings_saved", path=display.plain(path)))
    return True


def download(where, label: str, cur: Current, real_names: bool, **button) -> None:
    """A download button (`button`: st.download_button's data, file_name, mime, ...). A file with real names is
    recorded in the audit trail when pressed, and not offered to an account that may not see them."""
    if real_names and not state.scope().names:
        where.caption(tr("names_not_granted"))
        return
    where.download_button(label, on_click=audited(cur, button["file_name"], real_names), **button)


def show_error(error: LedgerError) -> None:
    """The core's message (what is wrong, what to do) in an error box."""
    st.error(f"{display.plain(source().name)}: {display.plain(error.message(lang()))}", icon="⚠️")


def shown(frame: pd.DataFrame, cur: Current) -> pd.DataFrame:
    """A table as the screen may show it: with names and member numbers aliased when privacy is on."""
    if not private():
        return frame
    return privacy.mask(frame, member_aliases(cur), lang())


def member_aliases(cur: Current) -> dict[str, str]:
    """Member number -> this session's alias for it ("สมาชิก 017"), the same on every page."""
    return aliases(cur.key, secret(), lang(), cur.result.analysis.members["member_no"])


def need_current() -> Current:
    """For pages that only show figures: the current analysis, or stop with a pointer to the load page."""
    if state.no_file():
        no_file_note()
        st.stop()
    cur = load_current()
    if isinstance(cur, LedgerError):
        show_error(cur)
        st.info(tr("go_load"))
        st.stop()
    return cur


def no_file_note() -> None:
    """What a page says while the uploader is emptied: where to upload, and the way to the sample."""
    st.info(tr("no_file_note", page=tr("page_load"), back=tr("back_to_sample")))


def tiles(cur: Current) -> None:
    """The headline figures as large tiles."""
    head = cur.result.analysis.headline
    counts = [
        (tr("tile_members"), display.count(head["members"]), None),
        (tr("tile_members_overdue"), display.count(head["members_overdue"]), None),
        (tr("tile_long", days=cur.result.analysis.settings.long_overdue_days),
         display.count(head["members_long_overdue"]), None),
        (tr("tile_par30"), display.percent(head.get("par30")), tr("par_help", d=30)),
        (tr("tile_par90"), display.percent(head.get("par90")), tr("par_help", d=90)),
    ]
    money = [  # baht to the satang is wide: three to a row
        (tr("tile_outstanding"), display.baht(head["outstanding"]), None),
        (tr("tile_overdue"), display.baht(head["overdue"]), None),
        (tr("tile_interest"), display.baht(head["interest_arrears"]), None),
    ]
    for row in (counts, money):
        for column, (label, value, help_text) in zip(st.columns(len(row)), row):
            column.metric(label, value, help=help_text, border=True)


def column_labels(frame: pd.DataFrame) -> dict[str, str]:
    """Table headers in the chosen language."""
    return {c: t(f"col_{c}", lang(), default=c) for c in frame.columns}


def day(value) -> str:
    return display.day(value, lang())


def filter_bar(cur: Current, page: str) -> Filters:
    """Group, bucket, loan type and minimum-amount filters; they drive every chart on the page."""
    loans = cur.result.analysis.loans
    with st.expander(tr("filters"), expanded=True):
        c1, c2, c3, c4 = st.columns(4)
        everything = tr("f_all")
        groups = c1.multiselect(tr("f_groups"), sorted(loans["group"].unique()), key=f"{page}_groups",
                                placeholder=everything)
        buckets = c2.multiselect(tr("f_buckets"), cur.result.analysis.settings.bucket_labels, key=f"{page}_buckets",
                                 format_func=lambda b, language=lang(): display.bucket(b, language),
                                 placeholder=everything)
        types = sorted(loans["loan_type"].unique()) if "loan_type" in loans else []
        loan_types = c3.multiselect(tr("f_types"), types, key=f"{page}_types", disabled=not types,
                                    placeholder=everything)
        minimum = c4.number_input(tr("f_min"), min_value=0.0, value=0.0, step=1000.0, key=f"{page}_min")
    return Filters(tuple(groups), tuple(buckets), tuple(loan_types), float(minimum))


MONEY_COLUMNS = {"amount_lent", "outstanding", "principal_overdue", "interest_arrears", "penalty", "share_capital",
                 "deposits", "overdue", "overdue_amount", "interest", "fee", "overdue_then", "overdue_now",
                 "recovered", "refinanced", "cycle_total", "increase", "overdue_change"}


ROW_PX, HEADER_PX, MOST_PX = 35, 38, 640
SMALL_COLUMNS = {"loans", "loans_overdue", "days_overdue", "members", "members_overdue", "row"}


def table(frame: pd.DataFrame, every_row: bool = False) -> None:
    """A sortable table with headers in the chosen language, money to the satang, shares in percent with
    one decimal; with every_row, tall enough to show every row (up to a screenful)."""
    labelled, config = formatted(frame)
    height = min(HEADER_PX + ROW_PX * len(frame), MOST_PX) if every_row else "auto"
    st.dataframe(labelled, hide_index=True, width="stretch", column_config=config, height=height)


def formatted(frame: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """A table with headers in the chosen language (shares in percent) and its columns' formats."""
    labels = column_labels(frame)
    config = {labels[c]: st.column_config.NumberColumn(labels[c], format="accounting")
              for c in frame.columns if c in MONEY_COLUMNS}
    config |= {labels[c]: st.column_config.NumberColumn(labels[c], width="small")
               for c in frame.columns if c in SMALL_COLUMNS}
    if "share" in frame:
        frame = frame.assign(share=frame["share"] * 100)
        config[labels["share"]] = st.column_config.NumberColumn(labels["share"], format="%.1f%%")
    return frame.rename(columns=labels), config


def chart(figure, caption: str) -> None:
    """A full-width chart (our own projector layout, not Streamlit's theme) with its one-line caption."""
    st.plotly_chart(figure, width="stretch", theme=None)
    st.markdown(caption)


def pareto_chart(analysis: Analysis, members_shown: pd.DataFrame) -> None:
    overdue = int((analysis.members["overdue"] > 0).sum())
    chart(pareto_figure(members_shown, lang()), tr("cap_pareto", n=pareto_count(analysis.members), total=overdue))


def filtered_page(cur: Current, page: str) -> Analysis:
    """A page's title, its filter bar and the filtered analysis; stops the page when nothing matches."""
    heading(cur, page)
    view = apply_filters(cur.result.analysis, filter_bar(cur, page))
    st.caption(tr("f_count", loans=len(view.loans), members=len(view.members)))
    if view.loans.empty:
        st.info(tr("no_rows"))
        st.stop()
    return view


def tool_link(card) -> None:
    """A link from a technique to its tool's page (pages/KEY.py)."""
    st.page_link(f"pages/{card.key}.py", label=tr("open_tool"), icon=":material/arrow_forward:")


def month_name(month: int) -> str:
    return THAI_MONTHS[month - 1] if lang() == "th" else calendar.month_name[month]


PLAN_FILL = "plan_fill"  # (file key, tool) -> the plan columns a person put in the plan from that tool's page
CHOSEN = "plan_chosen"  # file key -> {member number: technique number} chosen on the plan page
MARKS = "sieving_marks"  # member number -> "met" / "not_met": each notified debtor's result after the deadline


def remember_for_plan(cur: Current, tool: str, columns: pd.DataFrame) -> None:
    """A tool's proposal (its plan columns, indexed by member number) offered to the plan for this file: it goes
    in only when "Put in the plan" is pressed, as it stands then, and comes out with "Take it out". Opening the
    page or leaving its defaults puts nothing in the plan."""
    slot = (cur.key, tool)
    held = st.session_state.get(PLAN_FILL, {}).get(slot)

    def put() -> None:
        st.session_state.setdefault(PLAN_FILL, {})[slot] = columns

    def take_out() -> None:
        st.session_state.get(PLAN_FILL, {}).pop(slot, None)

    with st.container(border=True):
        if held is None:
            st.caption(tr("plan_not_in"))
        elif held.equals(columns):
            st.caption(tr("plan_in", n=len(held)))
        else:
            st.caption(tr("plan_in_earlier", n=len(held)))
        left, right, _ = st.columns([1, 1, 2])
        left.button(tr("plan_put"), key=f"plan_put_{tool}", icon=":material/playlist_add:", on_click=put,
                    disabled=held is not None and held.equals(columns))
        right.button(tr("plan_take_out"), key=f"plan_take_out_{tool}", icon=":material/playlist_remove:",
                     on_click=take_out, disabled=held is None)


def plan_fill(cur: Current) -> list[pd.DataFrame]:
    """What people put in the current file's plan: the tools' proposals, the tiers of the letters recorded as
    sent, then the techniques chosen."""
    frames = [frame for (key, _), frame in st.session_state.get(PLAN_FILL, {}).items() if key == cur.key]
    tier = tiers(letters_sent(cur), st.session_state.get(MARKS, {}))
    return [*frames, tier.to_frame(), chosen_column(cur)]


def letters_sent(cur: Current) -> list[str]:
    """This ledger's members recorded as sent a letter (letter_sent) on or after its date, as the ledger writes
    their numbers (the record's matched as the follow-up matches them); none where no store was made yet."""
    engine = snapshots.existing()
    if engine is None:
        return []
    return record.reached(record.listed(engine, cur.result.ledger.coop), "letter_sent", cur.result.as_of,
                          cur.result.analysis.members["member_no"])


def chosen(cur: Current) -> dict[str, int]:
    """Member number -> the technique chosen for them on the plan page (this file, this session)."""
    return st.session_state.setdefault(CHOSEN, {}).setdefault(cur.key, {})


def chosen_column(cur: Current) -> pd.DataFrame:
    """The plan's `chosen` column: each member's chosen technique as a plan cell names it ("1 ร่อนตะแกรง")."""
    picked = chosen(cur)
    names = pd.Series([short_name(n, lang()) for n in picked.values()], dtype=object,
                      index=pd.Index(list(picked), name="member_no", dtype=object))
    return names.to_frame("chosen")


def start_day(cur: Current, told: str = "ledger_older_than_today") -> date:
    """The day deadlines and meetings count from (kmdash.words.start_day); says how old the ledger is when it is
    older than today (`told`: the catalogue's words for what that means on the page)."""
    as_of, today = cur.result.as_of, date.today()
    if as_of < today:
        st.info(tr(told, day=day(as_of), days=(today - as_of).days, today=day(today)))
    return words.start_day(as_of, today)
