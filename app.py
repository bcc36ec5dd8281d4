"""kmdash: the router. The sidebar (language, privacy, the file in use), then the chosen page."""

from pathlib import Path

import streamlit as st

from ui import components as ui
from ui.state import tr

st.set_page_config(page_title="kmdash", page_icon=str(Path(__file__).parent / "assets" / "icon.png"),
                   layout="wide")
ui.sidebar()

pages = [
    st.Page("pages/load.py", title=tr("page_load"), icon=":material/upload_file:", url_path="load", default=True),
    st.Page("pages/overview.py", title=tr("page_overview"), icon=":material/dashboard:", url_path="overview"),
    st.Page("pages/groups.py", title=tr("page_groups"), icon=":material/groups:", url_path="groups"),
    st.Page("pages/members.py", title=tr("page_members"), icon=":material/person:", url_path="members"),
    st.Page("pages/assign.py", title=tr("page_assign"), icon=":material/assignment_ind:", url_path="assign"),
]
st.navigation(pages).run()
