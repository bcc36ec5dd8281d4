"""`python -m kmdash plan FILE [--out plan.csv|plan.xlsx]`: the collection plan, one row per overdue member."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import LedgerError
from ..i18n import t
from .common import ledger_command, result_of, write
from .pooling import add_basis, satang


def add(commands) -> argparse.ArgumentParser:
    command = ledger_command(commands, "plan", "the collection plan of one ledger file")
    command.add_argument("--out", help="write the plan to this .csv or .xlsx file (default: CSV on stdout)")
    command.add_argument("--staff", help="fill the assignee column: the people, comma separated (technique 3)")
    command.add_argument("--pool", type=satang, metavar="P", help="fill the pool cycles: a pool of P baht (technique 4)")
    add_basis(command, None)
    command.add_argument("--group", help="with --pool: one member group's rotation (default: every overdue member)")
    return command


def run(args: argparse.Namespace) -> str | None:
    """The real plan (names and member numbers: the staff work from it) to --out, or as CSV on stdout."""
    from ..plan import make_plan
    from ..report.plan import About

    suffix = out_suffix(args.out)
    if args.pool is None and (args.basis or args.group) is not None:
        raise LedgerError.of("plan_pool_options_alone")
    result = result_of(args)
    table = make_plan(result, args.lang, {"staff": args.staff, "pool": args.pool, "pool_basis": args.basis,
                                          "pool_group": args.group})
    if not args.out:
        sys.stdout.buffer.write(plan_file(table, About.of(result), suffix, args.lang))
        return None
    return written(table, About.of(result), args.out, args.lang)


def out_suffix(path: str | None) -> str:
    """".csv" or ".xlsx" from --out (CSV on stdout without it); any other ending is a user error."""
    suffix = Path(path).suffix.lower() if path else ".csv"
    if suffix not in (".csv", ".xlsx"):
        raise LedgerError.of("plan_bad_out", path=path)
    return suffix


def plan_file(table, about, suffix: str, lang: str) -> bytes:
    """The real plan (names and member numbers: the staff work from it) as CSV or xlsx."""
    from ..report.plan import plan_csv, plan_xlsx

    return plan_csv(table, False, lang) if suffix == ".csv" else plan_xlsx(table, about, False, lang)


def written(table, about, path: str, lang: str) -> str:
    """The plan written to `path` (.csv or .xlsx), and the line saying so."""
    from ..report.plan import contents

    write(path, plan_file(table, about, out_suffix(path), lang))
    return t("plan_written", lang, n=len(table), path=path, contents=contents(False, lang))
