"""`python -m kmdash audit [--coop NAME] [--store URL] [--json]`: the audit trail, oldest first: who saved,
deleted, imported, corrected or took real names out, when, what and for which co-op."""

from __future__ import annotations

import argparse
import json

from .followup import store_url


def add(commands) -> argparse.ArgumentParser:
    command = commands.add_parser("audit", help="the audit trail: who changed or took out what, and when")
    command.add_argument("--coop", help="one co-op's events only")
    command.add_argument("--store", help="store URL or SQLite file (default: $KMDASH_STORE or snapshots.db)")
    command.add_argument("--json", action="store_true")
    command.add_argument("--lang", choices=("th", "en"), default="th")
    return command


def run(args: argparse.Namespace) -> str:
    from .. import store
    from ..i18n import t
    from ..report.display import day

    trail = store.audit_trail(store.open_store(store_url(args.store)), args.coop)
    events = [{**r, "at": r["at"].isoformat()} for r in trail.to_dict("records")]
    if args.json:
        return json.dumps({"events": events}, ensure_ascii=False)
    if trail.empty:
        return t("audit_empty", args.lang)
    return "\n".join(f"{r['id']:>6}  {day(r['at'], args.lang)} {r['at']:%H:%M}  {r['by']}  "
                     f"{t('audit_' + r['event'], args.lang)}  {r['coop'] or '-'}  {r['what']}"
                     for r in trail.to_dict("records"))
