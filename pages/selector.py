"""Which technique fits this ledger: the five ranked by score, each with the ledger's figures behind it."""

from dataclasses import replace

import streamlit as st

from kmdash.report.display import evidence, plain
from kmdash.settings import Settings
from kmdash.techniques.registry import by_number
from kmdash.techniques.selector import rank
from ui import components as ui
from ui import state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

MONTHS = range(1, 13)


def year_end_picker(settings: Settings) -> None:
    """The co-op's fiscal year end (many agricultural co-ops close 31 March); the ranking follows it."""
    month, day = settings.fiscal_year_end
    left, right, _ = st.columns([1, 1, 2])
    month = left.selectbox(tr("year_end_month"), MONTHS, index=month - 1, key="year_end_month",
                           format_func=lambda m: ui.month_name(m))
    day = right.number_input(tr("year_end_day"), min_value=1, max_value=31, value=day, key="year_end_day")
    try:
        wanted = replace(settings, fiscal_year_end=(month, int(day)))
    except ValueError:
        st.error(tr("year_end_bad"))
        return
    if wanted != settings:
        st.session_state["settings"] = wanted
        st.rerun()


cur = ui.need_current()
lang = state.lang()
side = 0 if lang == "th" else 1
ui.heading(cur, "selector")
year_end_picker(cur.result.analysis.settings)
st.caption(tr("selector_help"))
for score in rank(cur.result.analysis):
    card = by_number(score.number).card
    with st.container(border=True):
        title, bar = st.columns([2, 1])
        title.subheader(f"{tr('technique_n', n=card.number)} {card.name[side]}")
        bar.progress(score.score, text=tr("score", score=score.score))
        st.markdown("\n".join(f"- {plain(evidence(e, lang))}" for e in score.evidence))
        ui.tool_link(card)
