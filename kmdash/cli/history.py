"""`python -m kmdash history [--coop NAME] [--store URL] [--json]`: a co-op's saved snapshots as its record over
the months (kmdash.history): per date its figures, the flows between dates, the chronic debtors."""

from __future__ import annotations

import argparse
import json

from .followup import store_url


def add(commands) -> argparse.ArgumentParser:
    command = commands.add_parser("history", help="a co-op's saved snapshots over time: figures, flows, chronic debtors")
    command.add_argument("--coop", help="the co-op's name as its ledgers give it (needed when the store holds several)")
    command.add_argument("--store", help="store URL or SQLite file (default: $KMDASH_STORE or snapshots.db)")
    command.add_argument("--chronic", type=int, metavar="N",
                         help="chronic: overdue in each of the last N snapshots (default: the settings', 3)")
    command.add_argument("--settings", metavar="FILE", help="the co-op's settings file (its chronic_periods)")
    command.add_argument("--json", action="store_true")
    command.add_argument("--lang", choices=("th", "en"), default="th")
    return command


def run(args: argparse.Namespace) -> str:
    from .. import record, store
    from ..history import history
    from ..i18n import t
    from ..report.history import history_text
    from .common import settings_of

    engine = store.open_store(store_url(args.store))
    coop = chosen_coop(engine, args.coop)
    rows = store.history_rows(engine, coop)
    if rows.heads.empty:
        from ..errors import LedgerError

        raise LedgerError.of("history_no_snapshots", coop=args.coop or "-", where=store.where(engine))
    found = history(coop, rows, record.listed(engine, coop or ""), settings_of(args).chronic_periods)
    if args.json:
        return json.dumps(found.to_json(), ensure_ascii=False)
    return history_text(found, coop or t("history_unnamed", args.lang), args.lang)


def chosen_coop(engine, given: str | None) -> str | None:
    """The co-op asked for; without one, the store's only co-op (several: a user error listing them)."""
    from .. import store
    from ..errors import LedgerError

    if given is not None:
        return given
    names = store.coops(engine)
    if len(names) > 1:
        raise LedgerError.of("history_which_coop", listed=", ".join(n or "-" for n in names))
    return names[0] if names else None
