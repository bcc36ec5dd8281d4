"""`python -m kmdash snapshot save FILE... [--plan plan.csv] | list | delete ID | export ID --out plan.xlsx`: the
saved snapshots a later `followup snapshot:ID NEW` and the `history` read, and a snapshot's plan back as a file.
Several files are saved one by one, each dated by its own title; one of a co-op and date already saved is not
saved again, and a file that cannot be read is told and the others still saved."""

from __future__ import annotations

import argparse
import json
import os
from datetime import date

from .common import ledger_command
from .followup import store_url

RETENTION_ENV = "KMDASH_RETENTION"  # the office's retention period, as --older-than takes it


def add(commands) -> argparse.ArgumentParser:
    command = commands.add_parser("snapshot",
                                  help="save, list, delete or export snapshots of a ledger's analysis and plan")
    actions = command.add_subparsers(dest="action", required=True)
    save = ledger_command(actions, "save", "save ledgers' analyses and plans for a later follow-up and the history",
                          many=True)
    save.add_argument("--plan", help="the plan as the staff filled it (.csv or .xlsx; default: the plan kmdash makes; "
                                     "one file only)")
    listing = actions.add_parser("list", help="what is stored")
    listing.add_argument("--json", action="store_true")
    delete = actions.add_parser("delete", help="delete one snapshot (its rows removed from the store)")
    delete.add_argument("id", type=int)
    prune = actions.add_parser("prune", help="delete every snapshot older than the retention period")
    prune.add_argument("--older-than", default=os.environ.get(RETENTION_ENV) or "5y", type=period,
                       help=f"e.g. 5y, 18m, 90d (default: ${RETENTION_ENV}, else 5y: the project's example; the "
                            "co-op's own rule decides)")
    export = actions.add_parser("export", help="write a snapshot's plan as a .csv or .xlsx file")
    export.add_argument("id", type=int)
    export.add_argument("--out", required=True, help="the plan file to write (.csv or .xlsx)")
    for action in (listing, delete, export, prune):
        action.add_argument("--lang", choices=("th", "en"), default="th")
    for action in (save, listing, delete, export, prune):
        action.add_argument("--store", help="store URL or SQLite file (default: $KMDASH_STORE or snapshots.db)")
    return command


def run(args: argparse.Namespace) -> str:
    from .. import store
    from ..i18n import t

    if args.action == "export":
        return _export(args)
    engine = store.open_store(store_url(args.store))
    if args.action == "save":
        return _save(args, engine)
    if args.action == "delete":
        store.delete(engine, args.id)
        return t("snap_deleted", args.lang, id=args.id)
    if args.action == "prune":
        from ..words import day

        before = args.older_than(date.today())
        gone = store.prune(engine, before)
        return t("snap_pruned", args.lang, n=len(gone), before=day(before, args.lang))
    table = store.snapshots(engine)
    if args.json:
        return json.dumps({"where": store.where(engine), "snapshots": _records(table)}, ensure_ascii=False)
    return _listing(table, store.where(engine), args.lang)


def _save(args, engine) -> str | None:
    """One file: saved, or its error. Several: each saved or skipped with why, one line each as it goes; then
    the files that could not be read (exit 2), if any."""
    from ..errors import LedgerError
    from ..i18n import t

    if len(args.file) == 1:
        return _saved_line(args, engine, args.source)
    if args.plan or args.as_of:
        raise LedgerError.of("snap_many_options")
    failed = []
    for i, file in enumerate(args.file):
        try:
            line = _saved_line(args, engine, args.source if i == 0 else file)
        except LedgerError as exc:
            line = t("snap_skipped", args.lang, file=file, reason=exc.message(args.lang))
            failed += [] if exc.code == "snap_already" else [file]
        print(line, flush=True)
    if failed:
        raise LedgerError.of("snap_some_failed", n=len(failed), files=", ".join(failed))
    return None


def _saved_line(args, engine, source) -> str:
    from .. import store
    from ..i18n import t
    from ..plan import read_plan
    from .common import result_of

    filled = read_plan(args.plan, args.plan) if args.plan else None
    snap = store.save_ledger(engine, result_of(args, source), args.lang, filled)
    return t("snap_saved", args.lang, id=snap.id, members=len(snap.members), where=store.where(engine),
             plan=t("snap_with_plan", args.lang))


def _export(args) -> str:
    """The snapshot's plan through the plan's own writers: the real plan, as it was saved."""
    from .. import store
    from ..errors import LedgerError
    from ..report.plan import About
    from .plan import out_suffix, written

    out_suffix(args.out)  # a bad ending is refused before the store is opened
    snap = store.load(store.open_store(store_url(args.store)), args.id)
    if snap.plan is None:
        raise LedgerError.of("snap_no_plan", id=args.id)
    return written(snap.plan, About(snap.coop, snap.file, snap.as_of), args.out, args.lang)


def period(text: str):
    """"5y", "18m", "90d" -> the function giving the date that long before a day."""
    import re
    from datetime import timedelta

    found = re.fullmatch(r"\s*(\d{1,3})\s*([ymd])\s*", text.lower())
    if not found:
        raise argparse.ArgumentTypeError(f"'{text}' is not a period (use e.g. 5y, 18m or 90d)")
    n, unit = int(found[1]), found[2]
    if unit == "d":
        return lambda day: day - timedelta(days=n)
    months = n * 12 if unit == "y" else n
    return lambda day: _months_before(day, months)


def _months_before(day, months: int):
    import calendar

    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))


def _records(table) -> list[dict]:
    return [{**r, "as_of": r["as_of"].isoformat(), "saved_at": r["saved_at"].isoformat()}
            for r in table.to_dict("records")]


def _listing(table, where: str, lang: str) -> str:
    from ..i18n import t
    from ..words import day

    if table.empty:
        return t("snap_empty", lang, where=where)
    lines = [t("snap_where", lang, where=where)]
    lines += [f"  {r['id']}  {r['coop'] or ''}  {t('as_of', lang)} {day(r['as_of'], lang)}  {r['members']:,} "
              f"{t('people', lang)}  {r['file']}  {day(r['saved_at'].date(), lang)} {r['saved_at']:%H:%M}"
              for r in table.to_dict("records")]
    return "\n".join(lines)
