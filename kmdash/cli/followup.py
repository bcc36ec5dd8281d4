"""`python -m kmdash followup OLD NEW [--plan plan.csv] [--json]`: a later ledger against an earlier one (a file
or a saved `snapshot:ID`) and against the earlier plan."""

from __future__ import annotations

import argparse
import json

from .common import DEFAULTS, as_of_date, settings_of


def add(commands) -> argparse.ArgumentParser:
    command = commands.add_parser("followup", help="compare a later ledger with an earlier one and its plan")
    command.add_argument("old", help="the earlier ledger file, or snapshot:ID (see `snapshot list`)")
    command.add_argument("new", help="the later ledger file")
    command.add_argument("--as-of-old", type=as_of_date, help="as-of date of OLD (overrides its title)")
    command.add_argument("--as-of-new", type=as_of_date, help="as-of date of NEW (overrides its title)")
    command.add_argument("--plan", help="the earlier plan (.csv or .xlsx from `plan`); default: a snapshot's own")
    command.add_argument("--actions", help="the record of actions (.csv or .xlsx, as `actions import` reads); "
                                           "default: the store's record for the co-op")
    command.add_argument("--coop", help="whose record in the store (default: the later ledger's co-op)")
    command.add_argument("--store", help="store URL or SQLite file (default: $KMDASH_STORE or snapshots.db)")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    command.add_argument("--lang", choices=("th", "en"), default="th")
    command.add_argument("--months", action="store_true", help="age buckets by months overdue")
    command.add_argument("--long-days", type=int, default=DEFAULTS.long_overdue_days)
    return command


def run(args: argparse.Namespace) -> str:
    from ..followup_flow import follow_up
    from ..report.followup import as_json, format_text

    old, new, plan = inputs(args)
    found = follow_up(old, new, plan, record_of(args, new))
    if args.json:
        return json.dumps(as_json(found.comparison, found.review, judged=found.judged), ensure_ascii=False)
    return format_text(found.comparison, found.review, args.lang, found.judged)


def record_of(args: argparse.Namespace, new):
    """The actions the follow-up judges by: --actions FILE, else the store's for the co-op (none when there is
    no store: the default SQLite file is not created by a follow-up)."""
    from pathlib import Path

    from .. import record
    from ..actions import read_actions
    from ..errors import file_errors_told

    if args.actions:
        with file_errors_told():
            return read_actions(args.actions, Path(args.actions).name)
    engine = existing_store(args.store)
    if engine is None:
        return None
    return record.listed(engine, args.coop if args.coop is not None else new.ledger.coop)


def inputs(args: argparse.Namespace):
    """The command's OLD (a file's Result or a saved Snapshot), NEW (a Result) and --plan (None: OLD's own)."""
    from .. import store
    from ..pipeline import Options, run
    from ..plan import read_plan

    settings = settings_of(args)
    new = run(args.new, Options(as_of=args.as_of_new, settings=settings))
    ref = store.snapshot_id(args.old)
    if ref is not None:
        old = store.load(store.open_store(store_url(args.store)), ref)
    else:
        old = run(args.old, Options(as_of=args.as_of_old, settings=settings))
    return old, new, read_plan(args.plan, args.plan) if args.plan else None


def store_url(text: str | None) -> str | None:
    """A URL as given; a bare file path as an SQLite URL."""
    if text is None or "://" in text:
        return text
    return f"sqlite:///{text}"


def existing_store(given: str | None):
    """The store named (`given`, else $KMDASH_STORE's, else the default SQLite file), opened; None where it is the
    default file and that does not exist: reading makes no store."""
    from pathlib import Path

    from .. import store

    url = store.url_of(store_url(given))
    if url == store.DEFAULT_URL and not Path(url.removeprefix("sqlite:///")).exists():
        return None
    return store.open_store(url)
