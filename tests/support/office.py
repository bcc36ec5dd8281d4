"""An office's store for the access tests: two co-ops' snapshots (tests/support/coops.py) and three people, one
per role; and the steps of logging in to the app in server mode (AppTest)."""

from __future__ import annotations

from dataclasses import dataclass

from streamlit.testing.v1 import AppTest

from .ledgers import ROOT

PASSWORD = "ข้าวหอมมะลิ 2569"
PEOPLE = {"malee": "staff", "prayut": "officer", "somsri": "admin"}  # malee: the first co-op's staff


@dataclass(frozen=True)
class Office:
    url: str
    coops: tuple  # support.coops.Coop, two
    ids: tuple[tuple[int, ...], ...]  # snapshot ids per co-op, oldest first


def make_office(url: str, coops, results) -> Office:
    from kmdash import accounts, store

    engine = store.open_store(url)
    ids = tuple(tuple(store.save_ledger(engine, r).id for r in per_coop) for per_coop in results)
    for name, role in PEOPLE.items():
        accounts.add(engine, name, role, [coops[0].name] if role == "staff" else [], names=role == "admin",
                     password=PASSWORD, by="setup")
    engine.dispose()
    return Office(url, coops, ids)


def server_app(monkeypatch, office: Office) -> AppTest:
    """The app in server mode on the office's store, at its login."""
    monkeypatch.setenv("KMDASH_MODE", "server")
    monkeypatch.setenv("KMDASH_STORE", office.url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def log_in(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    at.text_input(key="login_name").set_value(name)
    at.text_input(key="login_password").set_value(password)
    at.button[0].click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def visit(at: AppTest, page: str, **params: str) -> AppTest:
    """A page, as a link with ?params would open it."""
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(f"pages/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at
