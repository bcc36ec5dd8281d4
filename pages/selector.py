"""Which technique fits this ledger: the five ranked by score, each with the ledger's figures behind it, the
threshold that makes each part full (settable here), and the clauses a ledger cannot show asked of the user;
the co-op's settings saved to its settings file."""

from dataclasses import fields, replace

import streamlit as st

from kmdash.report.display import evidence, plain
from kmdash.settings import ANSWERS, Selector, Settings
from kmdash.techniques.registry import by_number
from kmdash.techniques.selector import rank
from ui import components as ui
from ui import state
from ui.router import ensure_router
from ui.state import tr

ensure_router()

MONTHS = range(1, 13)
SELECTOR_FIELDS = {f.name for f in fields(Selector)}


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
        use(wanted)


def use(settings: Settings) -> None:
    st.session_state["settings"] = settings
    st.rerun()


def setting(settings: Settings, name: str):
    """A threshold's value: the selector's, or the settings' own (the long-overdue days)."""
    return getattr(settings.selector, name) if name in SELECTOR_FIELDS else getattr(settings, name)


def with_setting(settings: Settings, name: str, value) -> Settings:
    if name in SELECTOR_FIELDS:
        return replace(settings, selector=replace(settings.selector, **{name: value}))
    return replace(settings, **{name: value})


def threshold_input(settings: Settings, name: str, place) -> None:
    """One threshold, a share in percent; a value the settings refuse (far before near) is said, not used."""
    value, share = setting(settings, name), name.endswith("_share")
    key = f"threshold_{name}"
    # the settings in use, also after another page or the saved file changed them
    st.session_state[key] = round(value * 100, 2) if share else value
    place.number_input(tr(f"setting_{name}"), min_value=1 if isinstance(value, int) else 0.01,
                       step=5.0 if share else 1 if isinstance(value, int) else 1000.0, key=key,
                       on_change=put_threshold, args=(name,))
    if (refused := st.session_state.get("threshold_refused", {}).pop(name, None)) is not None:
        place.error(plain(refused))


def put_threshold(name: str) -> None:
    settings = state.settings()
    value, entered = setting(settings, name), st.session_state[f"threshold_{name}"]
    try:
        st.session_state["settings"] = with_setting(
            settings, name, type(value)(entered / 100 if name.endswith("_share") else entered))
    except ValueError as refused:
        st.session_state.setdefault("threshold_refused", {})[name] = str(refused)


def answer_input(settings: Settings, question, lang: str) -> None:
    """A clause the ledger cannot show: yes / no / unknown, kept in the settings."""
    key = f"answer_{question.code}"
    st.session_state[key] = settings.selector.answer(question.code)
    st.radio(plain(getattr(question, lang)), ANSWERS, horizontal=True, key=key, on_change=put_answer,
             args=(question.code,), format_func=lambda a: tr(f"answer_{a}"))


def put_answer(code: str) -> None:
    settings = state.settings()
    answered = settings.selector.answered(code, st.session_state[f"answer_{code}"])
    st.session_state["settings"] = replace(settings, selector=answered)


def technique_box(score, settings: Settings, lang: str) -> None:
    technique = by_number(score.number)
    card, side = technique.card, 0 if lang == "th" else 1
    with st.container(border=True):
        title, bar = st.columns([2, 1])
        title.subheader(f"{tr('technique_n', n=card.number)} {card.name[side]}")
        bar.progress(score.score, text=tr("score", score=score.score))
        st.markdown("\n".join(f"- {plain(evidence(e, lang))}" for e in score.evidence))
        with st.expander(tr("thresholds_title")):
            columns = st.columns(3)
            for i, name in enumerate(technique.thresholds):
                threshold_input(settings, name, columns[i % 3])
        for question in technique.questions:
            answer_input(settings, question, lang)
        if score.unknown:
            st.warning(tr("selector_unanswered", questions=plain("; ".join(getattr(q, lang) for q in score.unknown))))
        elif technique.questions:
            st.caption(tr("selector_all_known"))
        ui.tool_link(card)


cur, coop = ui.settings_page("selector")
lang = state.lang()
settings = cur.result.analysis.settings
year_end_picker(settings)
st.caption(tr("selector_help_known"))
st.info(tr("selector_example"))
for score in rank(cur.result.analysis):
    technique_box(score, settings, lang)
ui.save_settings(settings, coop, "settings_save")
