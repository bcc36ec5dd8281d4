"""`python -m kmdash snapshot save FILE [--plan plan.csv] | list | delete ID`: the saved snapshots a later
`followup snapshot:ID NEW` compares against."""

from __future__ import annotations

import argparse
import json

from .common import ledger_command
from .followup import store_url


def add(commands) -> argparse.ArgumentParser:
    command = commands.add_parser("snapshot", help="save, list or delete snapshots of a ledger's analysis and plan")
    actions = command.add_subparsers(dest="action", required=True)
    save = ledger_command(actions, "save", "save a ledger's analysis (and plan) for a later follow-up")
    save.add_argument("--plan", help="the plan to keep with it (.csv or .xlsx; default: none)")
    listing = actions.add_parser("list", help="what is stored")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--lang", choices=("th", "en"), default="th")
    delete = actions.add_parser("delete", help="delete one snapshot (its rows removed from the store)")
    delete.add_argument("id", type=int)
    delete.add_argument("--lang", choices=("th", "en"), default="th")
    for action in (save, listing, delete):
        action.add_argument("--store", help="store URL or SQLite file (default: $KMDASH_STORE or snapshots.db)")
    return command


def run(args: argparse.Namespace) -> str:
    from .. import store
    from ..i18n import t

    engine = store.open_store(store_url(args.store))
    if args.action == "save":
        return _save(args, engine)
    if args.action == "delete":
        store.delete(engine, args.id)
        return t("snap_deleted", args.lang, id=args.id)
    table = store.snapshots(engine)
    if args.json:
        return json.dumps({"where": store.where(engine), "snapshots": _records(table)}, ensure_ascii=False)
    return _listing(table, store.where(engine), args.lang)


def _save(args, engine) -> str:
    from .. import store
    from ..i18n import t
    from ..plan import read_plan
    from .common import result_of

    plan = read_plan(args.plan, args.plan) if args.plan else None
    snap = store.of_result(result_of(args), plan)
    new_id = store.save(engine, snap)
    return t("snap_saved", args.lang, id=new_id, members=len(snap.members), where=store.where(engine),
             plan=t("snap_with_plan", args.lang) if plan is not None else "")


def _records(table) -> list[dict]:
    return [{**r, "as_of": r["as_of"].isoformat(), "saved_at": r["saved_at"].isoformat()}
            for r in table.to_dict("records")]


def _listing(table, where: str, lang: str) -> str:
    from ..i18n import t

    if table.empty:
        return t("snap_empty", lang, where=where)
    lines = [t("snap_where", lang, where=where)]
    lines += [f"  {r['id']}  {r['coop'] or ''}  {t('as_of', lang)} {r['as_of']}  {r['members']:,} "
              f"{t('people', lang)}  {r['file']}  {r['saved_at']:%Y-%m-%d %H:%M}" for r in table.to_dict("records")]
    return "\n".join(lines)

