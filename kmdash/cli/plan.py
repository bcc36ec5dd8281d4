"""`python -m kmdash plan FILE [--out plan.csv|plan.xlsx]`: the collection plan, one row per overdue member."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import LedgerError
from ..i18n import t
from .common import ledger_command, result_of, write
from .pooling import satang


def add(commands) -> argparse.ArgumentParser:
    command = ledger_command(commands, "plan", "the collection plan of one ledger file")
    command.add_argument("--out", help="write the plan to this .csv or .xlsx file (default: CSV on stdout)")
    command.add_argument("--staff", help="fill the assignee column: the people, comma separated (technique 3)")
    command.add_argument("--pool", type=satang, metavar="P", help="fill the pool cycles: a pool of P baht (technique 4)")
    return command


def run(args: argparse.Namespace) -> str | None:
    """The real plan (names and member numbers: the staff work from it) to --out, or as CSV on stdout."""
    from ..plan import make_plan
    from ..report.plan import contents, plan_csv, plan_xlsx

    suffix = Path(args.out).suffix.lower() if args.out else ".csv"
    if suffix not in (".csv", ".xlsx"):
        raise LedgerError.of("plan_bad_out", path=args.out)
    result = result_of(args)
    table = make_plan(result, args.lang, {"staff": args.staff, "pool": args.pool})
    data = plan_csv(table, False, args.lang) if suffix == ".csv" else plan_xlsx(table, result, False, args.lang)
    if not args.out:
        sys.stdout.buffer.write(data)
        return None
    write(args.out, data)
    return t("plan_written", args.lang, n=len(table), path=args.out, contents=contents(False, args.lang))
