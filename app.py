"""kmdash: the router. In server mode the login first (ui.access); then the sidebar (language, privacy, the file
in use) and the chosen page; pages in sections that follow the handbook's cycle: the data, the knowledge, the
plan; the province view of many co-ops; the audit trail for the admin."""

from pathlib import Path

import streamlit as st

from kmdash.techniques.registry import techniques
from ui import access
from ui import components as ui
from ui.state import tr

st.set_page_config(page_title="kmdash", page_icon=str(Path(__file__).parent / "assets" / "icon.png"),
                   layout="wide")


def page(name: str, icon: str, default: bool = False):
    return st.Page(f"pages/{name}.py", title=tr(f"page_{name}"), icon=f":material/{icon}:", url_path=name,
                   default=default)


def sections(admin: bool) -> dict:
    return {
        tr("section_data"): [page("load", "upload_file", default=True), page("overview", "dashboard"),
                             page("groups", "groups"), page("members", "person"),
                             page("classes", "stacked_bar_chart")],
        tr("section_knowledge"): [page("cards", "menu_book")],
        tr("section_plan"): [page("selector", "rule"), *(p for t in techniques() for p in [page(t.key, t.icon)] + (
                                 [page("guarantors", "handshake")] if t.key == "sieving" else [])),
                             page("plan", "checklist")],
        tr("section_followup"): [page("actions", "task_alt"), page("followup", "compare_arrows"),
                                 page("snapshots", "inventory_2"), page("history", "timeline"),
                                 page("board_pack", "print")],
        tr("section_province"): [page("province", "map")],
        **({tr("section_admin"): [page("audit", "policy")]} if admin else {}),
    }


person = access.gate(lambda: st.navigation(sections(admin=True), position="hidden"))
ui.sidebar()
access.sidebar(person)
st.navigation(sections(admin=person is None or person.admin), expanded=True).run()
