"""`python -m kmdash actions import FILE [--coop NAME] | list [--coop NAME] [--member NO] [--json] | delete ID`:
the record of what was done for each debtor, kept in the store per co-op. A file with one bad row is refused
whole, naming the row."""

from __future__ import annotations

import argparse
import json

from .followup import store_url


def add(commands) -> argparse.ArgumentParser:
    command = commands.add_parser("actions", help="import, list or delete the record of actions done for debtors")
    actions = command.add_subparsers(dest="action", required=True)
    load = actions.add_parser("import", help="record the actions of a file (the plan workbook's actions sheet, "
                                             "T3's weekly report, or a CSV with the same columns)")
    load.add_argument("file")
    listing = actions.add_parser("list", help="the record, oldest first")
    listing.add_argument("--member", help="one member's actions")
    listing.add_argument("--json", action="store_true")
    delete = actions.add_parser("delete", help="delete one recorded action")
    delete.add_argument("id", type=int)
    for action in (load, listing):
        action.add_argument("--coop", help="the co-op's name (default: the co-op with no name)")
    for action in (load, listing, delete):
        action.add_argument("--store", help="store URL or SQLite file (default: $KMDASH_STORE or snapshots.db)")
        action.add_argument("--lang", choices=("th", "en"), default="th")
    return command


def run(args: argparse.Namespace) -> str:
    from .. import record, store
    from ..i18n import t

    engine = store.open_store(store_url(args.store))
    if args.action == "import":
        from pathlib import Path

        from ..actions import read_actions
        from ..errors import file_errors_told

        with file_errors_told():
            found = read_actions(args.file, Path(args.file).name)
        ids, same = record.add(engine, args.coop, found, source=Path(args.file).name)
        return t("actions_saved", args.lang, n=len(ids), same=same)
    if args.action == "delete":
        record.delete(engine, [args.id])
        return t("actions_deleted", args.lang, id=args.id)
    table = record.listed(engine, args.coop, args.member)
    if args.json:
        return json.dumps({"where": store.where(engine), "actions": as_records(table)}, ensure_ascii=False)
    return _listing(table, args.lang)


def as_records(table) -> list[dict]:
    def iso(value):
        return None if value is None or value != value else value.isoformat()

    return [{"id": int(r["id"]), "coop": r["coop"], "member": r["member"], "date": iso(r["date"]), "kind": r["kind"],
             "technique": int(r["technique"]) or None, "amount": round(r["amount"] / 100, 2) if r["amount"] else None,
             "promised_date": iso(r["promised_date"]), "by": r["by"], "note": r["note"], "source": r["source"],
             "recorded_at": iso(r["recorded_at"])} for r in table.to_dict("records")]


def _listing(table, lang: str) -> str:
    from ..actions import as_rows
    from ..i18n import t

    if table.empty:
        return t("actions_none", lang)
    rows = as_rows(table, lang)
    rows.insert(0, t("col_action_id", lang), table["id"].astype(str).to_numpy())
    return "\n".join(" | ".join(str(v) for v in row) for row in [list(rows.columns), *rows.to_numpy().tolist()])
