"""kmdash: the router. Language and privacy switches in the sidebar, then the chosen page."""

import streamlit as st

from ui.state import tr

st.set_page_config(page_title="kmdash", page_icon=":material/dashboard:", layout="wide")

with st.sidebar:
    st.radio(tr("language"), ["th", "en"], key="lang", horizontal=True,
             format_func=lambda code: {"th": "ไทย", "en": "English"}[code])
    st.toggle(tr("privacy"), key="privacy", help=tr("privacy_help"))

pages = [
    st.Page("pages/load.py", title=tr("page_load"), icon=":material/upload_file:", url_path="load", default=True),
    st.Page("pages/overview.py", title=tr("page_overview"), icon=":material/dashboard:", url_path="overview"),
    st.Page("pages/groups.py", title=tr("page_groups"), icon=":material/groups:", url_path="groups"),
    st.Page("pages/members.py", title=tr("page_members"), icon=":material/person:", url_path="members"),
]
st.navigation(pages).run()
