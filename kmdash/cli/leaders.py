"""`python -m kmdash leaders FILE --out packs.xlsx [--every-months 3|4] [--fee-per-debtor X | --fee-share S
--since OLD] [--calendar meetings.ics] [--leader "GROUP=NAME" ...]`: technique 2, a pack per group for its
leader, the leaders' meetings (counted from today when the ledger is older) and their fee: per debtor, or a
share of the cash each group recovered since OLD (an earlier ledger or snapshot:ID, through the follow-up)."""

from __future__ import annotations

import argparse

from ..errors import LedgerError
from ..i18n import t
from .common import ledger_command, result_of, settings_of, write

FEE_BASES = ("recovered", "arrears")  # techniques.leaders.packs.FEE_BASES (a test holds them equal): no pandas here


def add(commands, name: str = "leaders") -> argparse.ArgumentParser:
    command = ledger_command(commands, name, "a pack per member group for its leader, the meetings (technique 2)")
    command.add_argument("--out", help="write the packs (.xlsx): a summary, then a sheet per group")
    command.add_argument("--every-months", type=int, choices=(3, 4), default=3,
                         help="meet every 3 or 4 months, counted from today (the ledger's date when it is ahead)")
    fee = command.add_mutually_exclusive_group()
    fee.add_argument("--fee-per-debtor", type=float, metavar="X", help="the fee: X baht per debtor in the group")
    fee.add_argument("--fee-share", type=float, metavar="S",
                     help="the fee: a share S (0.02 = 2%%) of the cash the group recovered since --since")
    command.add_argument("--fee-basis", choices=FEE_BASES, default=FEE_BASES[0],
                         help="what --fee-share is of: the cash recovered (default) or, only if asked, the group's "
                              "principal overdue on the as-of date (arrears)")
    command.add_argument("--since", metavar="OLD",
                         help="the earlier ledger file, or snapshot:ID: each group's cash recovered since then")
    command.add_argument("--actions", help="with --since: the record of actions (.csv or .xlsx); default: the store's")
    command.add_argument("--coop", help="with --since: whose record in the store (default: the ledger's co-op)")
    command.add_argument("--store", help="store URL or SQLite file (default: $KMDASH_STORE or snapshots.db)")
    command.add_argument("--calendar", help="write the meetings as an iCalendar file (.ics)")
    command.add_argument("--leader", action="append", metavar="GROUP=NAME", help="a group's leader, as in the ledger")
    return command


def run(args: argparse.Namespace) -> str:
    from ..report.leaders.meetings import meetings_ics
    from ..report.leaders.packs import packs_text, packs_xlsx
    from ..techniques.leaders.packs import Fee, packs

    _check_suffix(args.out, ".xlsx", "out_bad")
    _check_suffix(args.calendar, ".ics", "leaders_ics_bad")
    fee, leaders = Fee(args.fee_per_debtor, args.fee_share, args.fee_basis), leader_pairs(args.leader or [])
    result = result_of(args)
    made = packs(result.analysis.members, result.as_of, args.every_months, fee, leaders, recovered=since(args, result))
    lines = [packs_text(made, result.file, result.as_of, args.lang)]
    if args.out:
        write(args.out, packs_xlsx(made, result.as_of, args.lang))
        lines.append(t("leaders_packs_written", args.lang, path=args.out))
    if args.calendar:
        write(args.calendar, meetings_ics(made, result.as_of, args.lang))
        lines.append(t("leaders_calendar_written", args.lang, path=args.calendar))
    return "\n".join(lines)


def since(args: argparse.Namespace, new):
    """Each group's cash recovered between --since (a ledger file or snapshot:ID) and this ledger, by the
    follow-up and the record of actions (--actions, else the store's); None without --since."""
    if args.since is None:
        return None
    from .. import store
    from ..followup_flow import follow_up
    from ..pipeline import Options, run
    from ..report.leaders.packs import recovered_by_group
    from .followup import record_of, store_url

    ref = store.snapshot_id(args.since)
    old = (store.load(store.open_store(store_url(args.store)), ref) if ref is not None
           else run(args.since, Options(settings=settings_of(args))))
    return recovered_by_group(follow_up(old, new, None, record_of(args, new)).comparison)


def leader_pairs(items: list[str]) -> dict[str, str]:
    """"GROUP=NAME" options as a dict (split at the first "=": a typed name may start with one)."""
    pairs = {}
    for item in items:
        group, sep, name = item.partition("=")
        if not sep or not group.strip():
            raise LedgerError.of("leaders_leader_bad", text=item)
        pairs[group.strip()] = name
    return pairs


def _check_suffix(path: str | None, suffix: str, key: str) -> None:
    if path and not path.lower().endswith(suffix):
        raise LedgerError.of(key, path=path)
