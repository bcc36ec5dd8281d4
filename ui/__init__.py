"""Streamlit glue: session state, cached core calls, shared components, the router fix. Only app.py,
ui/ and pages/ import Streamlit."""
