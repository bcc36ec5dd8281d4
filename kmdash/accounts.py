"""Accounts and roles for a server shared by an office (server mode); `make run` on one's own machine has none.

Kept in the store (table `account`, revision 0006). Passwords are argon2 hashes (argon2-cffi); a person whose
office runs an identity provider has no password here and logs in through it (Streamlit's `st.login`), matched
by the e-mail the provider gives. Roles:
- staff: their co-op(s) only (snapshots, actions, history, audit rows), real names shown;
- officer: every co-op's figures, history and province; names masked unless granted (`names`);
- admin: as an officer, and the accounts and the audit trail.
Five failed logins in a row lock an account for 15 minutes (the issue's figures). Every login, failure, lock,
account added or disabled is in the audit trail.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import sqlalchemy as sa

from .errors import LedgerError
from .record import coop_key
from .scope import Scope
from .store import account, log

ROLES = ("staff", "officer", "admin")
LOCK_AFTER = 5  # failed logins in a row (the issue's)
LOCK_FOR = timedelta(minutes=15)  # (the issue's)
MIN_PASSWORD = 10  # characters: the project's example
MODE_ENV, IDLE_ENV = "KMDASH_MODE", "KMDASH_IDLE_MINUTES"
IDLE_MINUTES = 30  # a session left this long logs out: the project's example, settable


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    coops: tuple[str, ...]
    names: bool  # real names granted (an officer's or admin's; staff always see their own co-op's)
    disabled: bool
    provider: bool  # logs in through the office's identity provider, no password kept here
    locked_until: datetime | None = None

    @property
    def scope(self) -> Scope:
        staff = self.role == "staff"
        return Scope(frozenset(self.coops) if staff else None, staff or self.names, self.name)

    @property
    def admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Server:
    """Whether the app is served to an office (logins, roles) and how long an idle session lasts."""

    on: bool = False
    idle_minutes: int = IDLE_MINUTES


def server_of(env: Mapping[str, str] = os.environ, secrets: Mapping | None = None) -> Server:
    """Server mode from $KMDASH_MODE / $KMDASH_IDLE_MINUTES, else secrets.toml's [kmdash] mode / idle_minutes."""
    section = dict(secrets or {})
    mode = str(env.get(MODE_ENV) or section.get("mode") or "local").strip().lower()
    idle = str(env.get(IDLE_ENV) or section.get("idle_minutes") or IDLE_MINUTES).strip()
    if mode not in ("local", "server"):
        raise LedgerError.of("server_bad_mode", value=mode)
    if not idle.isdigit() or int(idle) < 1:
        raise LedgerError.of("server_bad_idle", value=idle)
    return Server(mode == "server", int(idle))


def idle(last_seen: datetime, now: datetime, server: Server) -> bool:
    return now - last_seen > timedelta(minutes=server.idle_minutes)


@cache
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


@cache
def _stand_in() -> str:
    """A hash checked for an unknown name, so that a wrong name takes as long as a wrong password."""
    return _hasher().hash("not a password of anyone")


def add(engine: sa.Engine, name: str, role: str, coops=(), names: bool = False, password: str | None = None,
        by: str | None = None) -> Account:
    """A new account; `password` None for one who logs in through the identity provider."""
    name, coops = name.strip(), tidied(coops)
    check(name, role, coops, password)
    row = {"name": name, "password": None if password is None else _hasher().hash(password), "role": role,
           "coops": json.dumps(coops, ensure_ascii=False), "names": bool(names), "disabled": False, "failures": 0,
           "locked_until": None, "created_at": _now()}
    with engine.begin() as conn:
        if conn.execute(sa.select(account.c.name).where(account.c.name == name)).first() is not None:
            raise LedgerError.of("user_exists", name=name)
        conn.execute(account.insert().values(**row))
        what = " ".join(part for part in (name, role, " | ".join(coops), "names" if names else "") if part)
        log(conn, "account_added", "", what, by)
    return _account(row)


def tidied(coops) -> tuple[str, ...]:
    """Co-op names as the store keys them (spaces tidied), once each, sorted."""
    return tuple(sorted({coop_key(c) for c in coops if coop_key(c)}))


def check(name: str, role: str, coops: tuple[str, ...], password: str | None = None) -> None:
    """LedgerError for an account that cannot be made as asked."""
    if not name:
        raise LedgerError.of("user_no_name")
    if role not in ROLES:
        raise LedgerError.of("user_bad_role", role=role, roles=", ".join(ROLES))
    if (role == "staff") != bool(coops):
        raise LedgerError.of("user_staff_coop" if role == "staff" else "user_coop_not_staff")
    if password is not None:
        _long_enough(password)


def _long_enough(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise LedgerError.of("user_short_password", n=MIN_PASSWORD)


def accounts(engine: sa.Engine) -> list[Account]:
    """Every account, by name."""
    with engine.connect() as conn:
        return [_account(r) for r in conn.execute(sa.select(account).order_by(account.c.name)).mappings()]


def listed(engine: sa.Engine) -> list[dict]:
    """Every account as the `users list --json` and the admin's page show it (no password, no hash)."""
    return [{"name": a.name, "role": a.role, "coops": list(a.coops), "names": a.names, "disabled": a.disabled,
             "provider": a.provider, "locked_until": a.locked_until and a.locked_until.isoformat()}
            for a in accounts(engine)]


def disable(engine: sa.Engine, name: str, by: str | None = None) -> None:
    _change(engine, name, "account_disabled", by, disabled=True)


def enable(engine: sa.Engine, name: str, by: str | None = None) -> None:
    _change(engine, name, "account_enabled", by, disabled=False)


def set_password(engine: sa.Engine, name: str, password: str, by: str | None = None) -> None:
    """A new password (a forgotten one replaced); the lock and its count cleared."""
    _long_enough(password)
    _change(engine, name, "account_password_set", by, password=_hasher().hash(password), failures=0,
            locked_until=None)


def _change(engine: sa.Engine, name: str, event: str, by: str | None, **values) -> None:
    """An account's row changed and the change in the audit trail, together; LedgerError when there is none."""
    with engine.begin() as conn:
        if not conn.execute(account.update().where(account.c.name == name).values(**values)).rowcount:
            raise LedgerError.of("user_none", name=name)
        log(conn, event, "", name, by)


def current(engine: sa.Engine, name: str) -> Account | None:
    """The account as it stands now (None: gone or disabled): checked on every page, so that disabling one
    ends its sessions."""
    with engine.connect() as conn:
        row = conn.execute(sa.select(account).where(account.c.name == name)).mappings().first()
    return None if row is None or row["disabled"] else _account(row)


def log_in(engine: sa.Engine, name: str, password: str, now: datetime | None = None) -> Account:
    """The account whose password this is; else LedgerError: `login_failed` (wrong name or password, the same
    words for both), `login_locked` (five failures in a row: for 15 minutes), `login_disabled`,
    `login_use_provider`. Every outcome is in the audit trail."""
    now = now or _now()
    with engine.begin() as conn:
        row = conn.execute(sa.select(account).where(account.c.name == name.strip())).mappings().first()
        refusal = _refusal(conn, row, name.strip(), password, now)
        if refusal is None:
            conn.execute(account.update().where(account.c.name == row["name"]).values(failures=0, locked_until=None))
            log(conn, "login", "", row["name"], row["name"])
    if refusal is not None:  # raised after the transaction: the failure's count and its audit row are kept
        raise refusal
    return _account(row)


def _refusal(conn, row, name: str, password: str, now: datetime) -> LedgerError | None:
    if row is None:
        _verified(_stand_in(), password)
        log(conn, "login_failed", "", f"{name}: no such account", name)
        return LedgerError.of("login_failed")
    if row["locked_until"] is not None and row["locked_until"] > now:
        log(conn, "login_failed", "", f"{name}: locked", name)
        return _locked(row["locked_until"])
    if row["password"] is None:
        return LedgerError.of("login_use_provider")
    if not _verified(row["password"], password):
        return _failed(conn, name, row["failures"] + 1, now)
    if row["disabled"]:
        log(conn, "login_failed", "", f"{name}: disabled", name)
        return LedgerError.of("login_disabled")
    return None


def _failed(conn, name: str, failures: int, now: datetime) -> LedgerError:
    """One more failure; the fifth in a row locks the account (and starts the count again)."""
    if failures < LOCK_AFTER:
        conn.execute(account.update().where(account.c.name == name).values(failures=failures))
        log(conn, "login_failed", "", f"{name}: wrong password ({failures})", name)
        return LedgerError.of("login_failed")
    until = now + LOCK_FOR
    conn.execute(account.update().where(account.c.name == name).values(failures=0, locked_until=until))
    log(conn, "account_locked", "", f"{name}: {LOCK_AFTER} failures, until {until:%H:%M}", name)
    return _locked(until)


def _locked(until: datetime) -> LedgerError:
    return LedgerError.of("login_locked", until=f"{until:%H:%M}")


def _verified(hashed: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return _hasher().verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False


def identified(engine: sa.Engine, email: str | None) -> Account:
    """The account of a person the identity provider vouched for (by e-mail); LedgerError `login_no_account`
    when the office has made none for them, or it is disabled."""
    found = current(engine, (email or "").strip())
    if found is None or not found.provider:
        raise LedgerError.of("login_no_account", email=email or "-")
    with engine.begin() as conn:
        log(conn, "login", "", f"{found.name} (identity provider)", found.name)
    return found


def _account(row: Mapping) -> Account:
    return Account(row["name"], row["role"], tuple(json.loads(row["coops"])), bool(row["names"]),
                   bool(row["disabled"]), row["password"] is None, row["locked_until"])


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)
