"""kmdash Streamlit entry point (the dashboard lands with issue 4)."""

import streamlit as st

st.set_page_config(page_title="kmdash", layout="wide")
st.title("kmdash")
st.write("แดชบอร์ดหนี้ค้างชำระของสหกรณ์ — ใช้ `python -m kmdash summary FILE` ได้แล้ว")
