"""The five techniques as the handbook words them: situation, strategy, method, and a link to each tool."""

import streamlit as st

from kmdash.techniques.registry import cards
from ui import components as ui
from ui import state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

lang = state.lang()
side = 0 if lang == "th" else 1
st.title(tr("page_cards"))
st.caption(tr("cards_source"))
for card in cards():
    with st.container(border=True):
        st.subheader(f"{tr('technique_n', n=card.number)} {card.name[side]}")
        left, right = st.columns(2)
        left.markdown(f"**{tr('situation')}** {card.situation[side]}")
        right.markdown(f"**{tr('strategy')}** {card.strategy[side]}")
        st.markdown(f"**{tr('method')}**\n" + "\n".join(f"{i}. {step[side]}" for i, step in
                                                       enumerate(card.method, start=1)))
        ui.tool_link(card)
