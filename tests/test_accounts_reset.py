"""An account given back: a forgotten password replaced (the lock and its count cleared), a disabled account
enabled again; each in the audit trail with who did it, by the core and by `users password|enable`."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from kmdash import accounts, store
from kmdash.errors import LedgerError

from .support.cli import kmdash_process

OLD, NEW = "ข้าวหอมมะลิ 2569", "ข้าวเหนียว 2570"


@pytest.fixture
def engine(store_url):
    engine = store.open_store(store_url)
    accounts.add(engine, "malee", "officer", password=OLD)
    yield engine
    engine.dispose()


def test_a_new_password_replaces_the_old_and_clears_a_lock(engine):
    now = datetime.now()
    for _ in range(5):
        with pytest.raises(LedgerError):
            accounts.log_in(engine, "malee", "wrong", now)
    assert accounts.accounts(engine)[0].locked_until == (now + timedelta(minutes=15))
    accounts.set_password(engine, "malee", NEW, by="somsri")
    assert accounts.accounts(engine)[0].locked_until is None
    assert accounts.log_in(engine, "malee", NEW, now).name == "malee"
    with pytest.raises(LedgerError) as refused:
        accounts.log_in(engine, "malee", OLD, now)
    assert refused.value.code == "login_failed"
    for _ in range(3):  # the count began again: with the old password's, four failures do not lock
        with pytest.raises(LedgerError):
            accounts.log_in(engine, "malee", "wrong", now)
    assert accounts.log_in(engine, "malee", NEW, now).name == "malee"
    trail = store.audit_trail(engine)
    assert trail.query("event == 'account_password_set'")[["by", "what"]].values.tolist() == [["somsri", "malee"]]


def test_a_short_password_or_an_unknown_name_is_refused(engine):
    for name, password, code in (("malee", "short", "user_short_password"), ("nobody", NEW, "user_none")):
        with pytest.raises(LedgerError) as refused:
            accounts.set_password(engine, name, password)
        assert refused.value.code == code
    assert accounts.log_in(engine, "malee", OLD).name == "malee"


def test_a_disabled_account_enabled_again(engine):
    accounts.disable(engine, "malee", by="somsri")
    assert accounts.current(engine, "malee") is None
    accounts.enable(engine, "malee", by="somsri")
    assert accounts.current(engine, "malee").name == "malee" and accounts.accounts(engine)[0].disabled is False
    with pytest.raises(LedgerError) as refused:
        accounts.enable(engine, "nobody")
    assert refused.value.code == "user_none"
    assert store.audit_trail(engine)[["event", "by"]].values.tolist()[-2:] == [["account_disabled", "somsri"],
                                                                               ["account_enabled", "somsri"]]


def test_the_commands(tmp_path):
    db = str(tmp_path / "office.db")
    assert kmdash_process("users", "add", "malee", "--role", "officer", "--password-stdin", "--store", db,
                  stdin=OLD + "\n").returncode == 0
    reset = kmdash_process("users", "password", "malee", "--password-stdin", "--store", db, "--lang", "en", stdin=NEW + "\n")
    assert (reset.returncode, reset.stdout.strip()) == (0, "new password set for malee (and any lock cleared)")
    assert kmdash_process("users", "disable", "malee", "--store", db).returncode == 0
    enabled = kmdash_process("users", "enable", "malee", "--store", db, "--lang", "en")
    assert (enabled.returncode, enabled.stdout.strip()) == (0, "account malee enabled")
    assert accounts.log_in(store.open_store(f"sqlite:///{db}"), "malee", NEW).name == "malee"
    short = kmdash_process("users", "password", "malee", "--password-stdin", "--store", db, stdin="short\n")
    assert short.returncode == 2 and short.stderr.count("\n") == 1


def test_a_new_password_starts_the_count_of_failures_again(engine):
    for _ in range(4):
        with pytest.raises(LedgerError):
            accounts.log_in(engine, "malee", "wrong")
    accounts.set_password(engine, "malee", NEW)
    for _ in range(4):  # four, not the fifth in a row: no lock
        with pytest.raises(LedgerError) as refused:
            accounts.log_in(engine, "malee", "wrong")
        assert refused.value.code == "login_failed"
    assert accounts.log_in(engine, "malee", NEW).name == "malee"
    trail = store.audit_trail(engine)
    assert (trail["coop"] == "").all() and "account_locked" not in set(trail["event"])
