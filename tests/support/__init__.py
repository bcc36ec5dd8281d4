"""The tests' helpers, the one home of everything a test module imports besides kmdash (fixtures are in
tests/conftest.py; no test module imports another test module or conftest):

- oracle.py: the brief's figures in plain Python, what kmdash is checked against;
- figures.py: the oracle's figures of generated loans and how a `summary --json` object is held against them;
- ledgers.py: the project's paths, the as-of date, and sheets written as files and bytes (xlsx, xls, ods, xlsb,
  csv);
- xlsb.py: Excel's binary workbook (.xlsb) written from rows, as no Python library writes one;
- damaged.py: files a reader fails on in ways no message foresaw (a real .xls the Rust reader panics on);
- cli.py: the command line's result run in-process, and what a user error looks like;
- app.py: the dashboard through Streamlit's AppTest (open, switch pages, upload, read what a page shows);
- browser.py: the browser tests' server, chromium and user steps (Playwright);
- shapes.py: real-shaped ledgers of eight hand-written loans, laid out as co-op programs print them;
- province.py: six generated co-ops in six programs' shapes, and a co-op's expected province row;
- stores.py: the databases the snapshot store is tested on.
"""
