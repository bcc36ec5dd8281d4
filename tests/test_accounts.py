"""Accounts for server mode (kmdash.accounts, `users`): argon2 passwords, the roles' scopes, five failed logins
locking an account for fifteen minutes, disabled and provider accounts, the settings that turn server mode on;
every login, failure, lock and account change once in the audit trail with its person. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from kmdash import accounts, store
from kmdash.errors import LedgerError
from kmdash.scope import Scope, scope_of, scoped

from .support.cli import kmdash_process

PASSWORD = "ข้าวหอมมะลิ 2569"
NOON = datetime(2026, 12, 5, 12, 0)


def refused(code: str, attempt) -> LedgerError:
    with pytest.raises(LedgerError) as caught:
        attempt()
    assert caught.value.code == code
    return caught.value


@pytest.fixture
def people(store_url):
    engine = store.open_store(store_url)
    accounts.add(engine, "malee", "staff", ["สหกรณ์การเกษตรบ้านนา  จำกัด"], password=PASSWORD, by="admin")
    accounts.add(engine, "prayut", "officer", password=PASSWORD, by="admin")
    accounts.add(engine, "somsri@office.go.th", "admin", names=True, by="admin")
    yield engine
    engine.dispose()


def test_a_password_is_kept_only_as_an_argon2_hash(people):
    with people.connect() as conn:
        kept = dict(conn.execute(store.account.select().with_only_columns(store.account.c.name,
                                                                           store.account.c.password)).all())
    assert kept["malee"].startswith("$argon2id$") and PASSWORD not in kept["malee"]
    assert kept["malee"] != kept["prayut"]  # salted
    assert kept["somsri@office.go.th"] is None


def test_each_role_s_scope(people):
    malee, prayut = (accounts.log_in(people, n, PASSWORD) for n in ("malee", "prayut"))
    assert malee.scope.coops == frozenset({"สหกรณ์การเกษตรบ้านนา จำกัด"}) and malee.scope.names
    assert malee.scope.user == "malee" and not malee.admin
    assert prayut.scope.coops is None and not prayut.scope.names and not prayut.admin
    admin = accounts.identified(people, "somsri@office.go.th")
    assert admin.admin and admin.scope.coops is None and admin.scope.names and admin.provider


def test_five_failures_lock_for_fifteen_minutes(people):
    for attempt in range(1, 5):
        refused("login_failed", lambda: accounts.log_in(people, "malee", "wrong", NOON))
    locked = refused("login_locked", lambda: accounts.log_in(people, "malee", "wrong", NOON))
    assert "12:15" in locked.message("en")
    refused("login_locked", lambda: accounts.log_in(people, "malee", PASSWORD, NOON + timedelta(minutes=14)))
    assert accounts.log_in(people, "malee", PASSWORD, NOON + timedelta(minutes=15, seconds=1)).name == "malee"
    events = store.audit_trail(people)
    logins = events[events["event"] != "account_added"]
    assert logins[["event", "by"]].values.tolist() == [["login_failed", "malee"]] * 4 + [
        ["account_locked", "malee"], ["login_failed", "malee"], ["login", "malee"]]
    assert logins["what"].tolist()[3:6] == ["malee: wrong password (4)", "malee: 5 failures, until 12:15",
                                            "malee: locked"]


def test_a_success_starts_the_count_again(people):
    for _ in range(4):
        refused("login_failed", lambda: accounts.log_in(people, "malee", "wrong", NOON))
    accounts.log_in(people, "malee", PASSWORD, NOON)
    for _ in range(4):
        refused("login_failed", lambda: accounts.log_in(people, "malee", "wrong", NOON))
    refused("login_locked", lambda: accounts.log_in(people, "malee", "wrong", NOON))


def test_a_wrong_name_and_a_wrong_password_read_alike(people):
    unknown = refused("login_failed", lambda: accounts.log_in(people, "nobody", PASSWORD))
    wrong = refused("login_failed", lambda: accounts.log_in(people, "malee", "wrong"))
    assert unknown.message("th") == wrong.message("th")
    assert store.audit_trail(people)["what"].tolist()[-2] == "nobody: no such account"


def test_disabled_and_provider_accounts(people):
    accounts.disable(people, "prayut", by="somsri@office.go.th")
    refused("login_failed", lambda: accounts.log_in(people, "prayut", "wrong"))
    refused("login_disabled", lambda: accounts.log_in(people, "prayut", PASSWORD))
    assert accounts.current(people, "prayut") is None and accounts.current(people, "malee").role == "staff"
    refused("login_use_provider", lambda: accounts.log_in(people, "somsri@office.go.th", PASSWORD))
    refused("login_no_account", lambda: accounts.identified(people, "malee"))  # a password account
    refused("login_no_account", lambda: accounts.identified(people, "stranger@example.org"))
    refused("user_none", lambda: accounts.disable(people, "nobody"))
    assert store.audit_trail(people).query("event == 'account_disabled'")[["by", "what"]].values.tolist() == [
        ["somsri@office.go.th", "prayut"]]


def test_every_account_listed_by_name_with_its_role_and_co_ops(people):
    accounts.add(people, "anan", "officer", names=True, password=PASSWORD)  # made last, listed first
    accounts.add(people, "wichai", "staff", ["สหกรณ์ ข", " สหกรณ์  ก", "สหกรณ์ ข"])
    person = {"names": False, "disabled": False, "provider": False, "locked_until": None}
    assert accounts.listed(people) == [
        {**person, "name": "anan", "role": "officer", "coops": [], "names": True},
        {**person, "name": "malee", "role": "staff", "coops": ["สหกรณ์การเกษตรบ้านนา จำกัด"]},
        {**person, "name": "prayut", "role": "officer", "coops": []},
        {**person, "name": "somsri@office.go.th", "role": "admin", "coops": [], "names": True, "provider": True},
        {**person, "name": "wichai", "role": "staff", "coops": ["สหกรณ์ ก", "สหกรณ์ ข"], "provider": True}]
    with people.connect() as conn:  # Thai readable in the database itself, times to the second
        kept = conn.execute(sa.select(store.account.c.coops, store.account.c.created_at).where(
            store.account.c.name == "malee")).one()
    assert kept.coops == '["สหกรณ์การเกษตรบ้านนา จำกัด"]' and kept.created_at.microsecond == 0


def test_a_lock_is_listed_until_it_ends_and_the_count_starts_again(people):
    for _ in range(5):
        refused("login_failed" if _ < 4 else "login_locked", lambda: accounts.log_in(people, "malee", "wrong", NOON))
    until = NOON + timedelta(minutes=15)
    assert [a.locked_until for a in accounts.accounts(people)] == [until, None, None]
    assert accounts.listed(people)[0]["locked_until"] == "2026-12-05T12:15:00"
    refused("login_locked", lambda: accounts.log_in(people, "malee", PASSWORD, until - timedelta(seconds=1)))
    refused("login_failed", lambda: accounts.log_in(people, "malee", "wrong", until))  # 12:15 itself: free again
    assert accounts.log_in(people, "malee", PASSWORD, until).name == "malee"
    assert accounts.listed(people)[0]["locked_until"] is None
    trail = store.audit_trail(people)
    assert trail["what"].tolist()[-4:] == ["malee: 5 failures, until 12:15", "malee: locked",
                                           "malee: wrong password (1)", "malee"]
    assert set(trail["coop"]) == {""}  # an account's events belong to no co-op


def test_account_events_in_the_trail_each_with_its_person(people, monkeypatch):
    monkeypatch.setenv(store.USER_ENV, "เครื่องกลาง")  # the computer's login: never the one named
    accounts.add(people, "wichai", "staff", ["สหกรณ์ ข", "สหกรณ์ ก"], by="somsri@office.go.th")
    accounts.disable(people, "prayut", by="somsri@office.go.th")
    assert [a.disabled for a in accounts.accounts(people)] == [False, True, False, False]
    refused("login_disabled", lambda: accounts.log_in(people, "prayut", PASSWORD))
    refused("login_failed", lambda: accounts.log_in(people, "nobody", PASSWORD))
    accounts.identified(people, "somsri@office.go.th")
    assert store.audit_trail(people)[["event", "coop", "by", "what"]].values.tolist() == [
        ["account_added", "", "admin", "malee staff สหกรณ์การเกษตรบ้านนา จำกัด"],
        ["account_added", "", "admin", "prayut officer"],
        ["account_added", "", "admin", "somsri@office.go.th admin names"],
        ["account_added", "", "somsri@office.go.th", "wichai staff สหกรณ์ ก | สหกรณ์ ข"],
        ["account_disabled", "", "somsri@office.go.th", "prayut"],
        ["login_failed", "", "prayut", "prayut: disabled"],
        ["login_failed", "", "nobody", "nobody: no such account"],
        ["login", "", "somsri@office.go.th", "somsri@office.go.th (identity provider)"]]


def test_an_unknown_identity_is_named_in_the_refusal(people):
    for email, named in (("stranger@example.org", "stranger@example.org"), (None, "-")):
        told = refused("login_no_account", lambda: accounts.identified(people, email)).message("en")
        assert told == f"there is no account for {named}: ask the admin to add one"


def test_a_person_s_engine_keeps_to_their_scope(people, monkeypatch):
    monkeypatch.setenv(store.USER_ENV, "เครื่องกลาง")
    malee = accounts.log_in(people, "malee", PASSWORD)
    theirs = scoped(people, malee.scope)  # as the app binds a person's engine (ui.snapshots.engine)
    assert scope_of(theirs) == Scope(frozenset({"สหกรณ์การเกษตรบ้านนา จำกัด"}), True, "malee")
    with theirs.begin() as conn:
        store.log(conn, "snapshot_saved", "สหกรณ์การเกษตรบ้านนา จำกัด", "snapshot:1")
    assert store.audit_trail(people)["by"].iloc[-1] == "malee"


@pytest.mark.parametrize("name, role, coops, password, code, words", [
    ("", "officer", (), PASSWORD, "user_no_name", "give the account a name"),
    ("a", "chief", (), PASSWORD, "user_bad_role", "there is no role chief: choose staff, officer, admin"),
    ("a", "staff", (), PASSWORD, "user_staff_coop", "co-op staff need their co-op: --coop NAME"),
    ("a", "officer", ("สหกรณ์ ก",), PASSWORD, "user_coop_not_staff",
     "--coop is for co-op staff only: officers and admins see every co-op"),
    ("a", "officer", (), "ยาวไม่พอ9", "user_short_password", "the password must be at least 10 characters long"),
])
def test_an_account_asked_wrongly_is_refused(people, name, role, coops, password, code, words):
    assert refused(code, lambda: accounts.add(people, name, role, coops, password=password)).message("en") == words
    assert len(accounts.accounts(people)) == 3


def test_a_name_is_taken_once(people):
    taken = refused("user_exists", lambda: accounts.add(people, " malee ", "officer", password=PASSWORD))
    assert taken.message("en") == "there is already an account named malee"
    assert accounts.add(people, "a", "officer", password="x" * 10).name == "a"
    gone = refused("user_none", lambda: accounts.disable(people, "nobody"))
    assert gone.message("en") == "there is no account named nobody"


@pytest.mark.parametrize("env, secrets, expected", [
    ({}, None, accounts.Server(False, 30)),
    ({}, {"mode": "server", "idle_minutes": 10}, accounts.Server(True, 10)),
    ({"KMDASH_MODE": "Server "}, {"mode": "local"}, accounts.Server(True, 30)),
    ({"KMDASH_MODE": "local", "KMDASH_IDLE_MINUTES": "5"}, {"mode": "server"}, accounts.Server(False, 5)),
])
def test_server_mode_from_the_environment_then_secrets(env, secrets, expected):
    assert accounts.server_of(env, secrets) == expected


@pytest.mark.parametrize("env, code, words", [
    ({"KMDASH_MODE": "office"}, "server_bad_mode", "KMDASH_MODE must be local or server (got office)"),
    ({"KMDASH_IDLE_MINUTES": "0"}, "server_bad_idle",
     "KMDASH_IDLE_MINUTES must be a whole number of minutes, 1 or more (got 0)"),
    ({"KMDASH_IDLE_MINUTES": "half"}, "server_bad_idle",
     "KMDASH_IDLE_MINUTES must be a whole number of minutes, 1 or more (got half)")])
def test_a_bad_server_setting_is_told(env, code, words):
    assert refused(code, lambda: accounts.server_of(env)).message("en") == words


def test_one_idle_minute_is_the_least():
    assert accounts.server_of({"KMDASH_IDLE_MINUTES": "1"}) == accounts.Server(False, 1)


def test_idle_time():
    server = accounts.Server(True, 30)
    assert not accounts.idle(NOON, NOON + timedelta(minutes=30), server)
    assert accounts.idle(NOON, NOON + timedelta(minutes=30, seconds=1), server)


def test_the_users_command(tmp_path):
    db = str(tmp_path / "office.db")
    added = kmdash_process("users", "add", "malee", "--role", "staff", "--coop", "สหกรณ์ ก", "--password-stdin",
                   "--store", db, "--lang", "en", stdin=PASSWORD + "\n")
    assert (added.returncode, added.stdout.strip()) == (0, "account malee (staff) added")
    assert kmdash_process("users", "add", "som@x.th", "--role", "officer", "--provider", "--names", "--store", db).returncode == 0
    assert kmdash_process("users", "disable", "malee", "--store", db).returncode == 0
    listed = json.loads(kmdash_process("users", "list", "--json", "--store", db).stdout)["users"]
    assert [(u["name"], u["role"], u["coops"], u["names"], u["disabled"], u["provider"]) for u in listed] == [
        ("malee", "staff", ["สหกรณ์ ก"], False, True, False), ("som@x.th", "officer", [], True, False, True)]
    engine = store.open_store(f"sqlite:///{db}")
    assert store.audit_trail(engine)["event"].tolist() == ["account_added", "account_added", "account_disabled"]


@pytest.mark.parametrize("args, stdin, words", [
    (["add", "a", "--role", "staff", "--password-stdin"], PASSWORD, "co-op staff need their co-op"),
    (["add", "a", "--role", "officer"], "", "no password given"),
    (["add", "a", "--role", "officer", "--password-stdin"], "short", "at least 10 characters"),
    (["disable", "nobody"], "", "there is no account named nobody"),
])
def test_the_users_command_refuses_in_one_line(tmp_path, args, stdin, words):
    done = kmdash_process("users", *args, "--store", str(tmp_path / "office.db"), stdin=stdin)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and words in done.stderr
