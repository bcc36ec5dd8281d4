"""`python -m kmdash users add NAME --role staff|officer|admin [--coop NAME]... [--names] [--password-stdin |
--provider] | list [--json] | disable NAME | enable NAME | password NAME [--password-stdin]`: the accounts of a
server shared by an office (`kmdash.accounts`). Run by whoever holds the store; every change is in the audit
trail under the computer's login."""

from __future__ import annotations

import argparse
import json
import sys

from .followup import store_url

ROLES = ("staff", "officer", "admin")  # kmdash.accounts.ROLES, not imported at parse time


def add(commands) -> argparse.ArgumentParser:
    command = commands.add_parser("users", help="accounts for a server shared by an office")
    actions = command.add_subparsers(dest="action", required=True)
    new = actions.add_parser("add", help="add an account")
    new.add_argument("name", help="the login name (for --provider: the e-mail the identity provider gives)")
    new.add_argument("--role", required=True, choices=ROLES)
    new.add_argument("--coop", action="append", default=[], help="co-op staff's co-op, as `snapshot list` names it "
                                                                 "(repeat for more than one)")
    new.add_argument("--names", action="store_true", help="an officer or admin may see members' real names")
    how = new.add_mutually_exclusive_group()
    how.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    how.add_argument("--provider", action="store_true", help="logs in through the office's identity provider")
    listing = actions.add_parser("list", help="every account")
    listing.add_argument("--json", action="store_true")
    disable = actions.add_parser("disable", help="disable an account (its sessions end at their next click)")
    enable = actions.add_parser("enable", help="enable a disabled account again")
    password = actions.add_parser("password", help="set a new password (a forgotten one); clears a lock")
    password.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    for action in (disable, enable, password):
        action.add_argument("name")
    for action in (new, listing, disable, enable, password):
        action.add_argument("--store", help="store URL or SQLite file (default: $KMDASH_STORE or snapshots.db)")
        action.add_argument("--lang", choices=("th", "en"), default="th")
    return command


def run(args: argparse.Namespace) -> str:
    from .. import accounts, store
    from ..i18n import t

    engine = store.open_store(store_url(args.store))
    if args.action == "add":
        accounts.check(args.name.strip(), args.role, accounts.tidied(args.coop))
        made = accounts.add(engine, args.name, args.role, args.coop, args.names, _password(args))
        return t("user_added", args.lang, name=made.name, role=made.role)
    if args.action in ("disable", "enable"):
        getattr(accounts, args.action)(engine, args.name)
        return t(f"user_{args.action}d", args.lang, name=args.name)
    if args.action == "password":
        accounts.set_password(engine, args.name, _password(args))
        return t("user_password_set", args.lang, name=args.name)
    found = accounts.listed(engine)
    if args.json:
        return json.dumps({"users": found}, ensure_ascii=False)
    return "\n".join(f"{u['name']}  {u['role']}  {' | '.join(u['coops']) or '-'}"
                     f"{'  names' if u['names'] else ''}{'  provider' if u['provider'] else ''}"
                     f"{'  disabled' if u['disabled'] else ''}" for u in found) or t("user_none_yet", args.lang)


def _password(args: argparse.Namespace) -> str | None:
    """From stdin's first line (--password-stdin), asked twice at a terminal, None for --provider."""
    from ..errors import LedgerError

    if getattr(args, "provider", False):
        return None
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise LedgerError.of("user_no_password")
    import getpass

    first, second = getpass.getpass("password: "), getpass.getpass("again: ")
    if first != second:
        raise LedgerError.of("user_passwords_differ")
    return first
