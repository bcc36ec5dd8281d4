"""`python -m kmdash assign FILE --staff "A,B,C" [--balance amount|count] [--within-group] [--out weekly.xlsx]`:
technique 3, every overdue member to one person, the loads balanced."""

from __future__ import annotations

import argparse
import json

from ..errors import LedgerError
from ..i18n import t
from .common import ledger_command, result_of, write


ALIASES = ("assign",)  # the command's earlier name, still accepted


def add(commands, name: str = "assigned") -> argparse.ArgumentParser:
    command = ledger_command(commands, name, "assign every overdue member to one person (technique 3)",
                             aliases=ALIASES)
    command.add_argument("--staff", required=True, help="the people, comma separated: \"A,B,C\"")
    command.add_argument("--balance", choices=("amount", "count"), default="amount",
                         help="balance the amount overdue (default) or the number of members")
    command.add_argument("--within-group", action="store_true", help="keep each member group with one person")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    command.add_argument("--out", help="write the weekly follow-up workbook (.xlsx): each person's debtors and "
                                       "contacts to fill in, which `actions import` then records")
    return command


def run(args: argparse.Namespace) -> str:
    from ..report.display import day
    from ..report.assigned.assignment import assignment_json, assignment_text
    from ..report.assigned.weekly import weekly_workbook
    from ..techniques.assigned.assignment import assign, staff_names

    staff = staff_names(args.staff)
    if args.out and not args.out.lower().endswith(".xlsx"):
        raise LedgerError.of("out_bad", path=args.out)
    result = result_of(args)
    assignment = assign(result.analysis.members, staff, args.balance, args.within_group)
    if args.out:
        write(args.out, weekly_workbook(assignment, result.as_of, result.analysis.settings.fiscal_year_end,
                                        args.lang))
    if args.json:
        return json.dumps(assignment_json(assignment), ensure_ascii=False)
    text = assignment_text(assignment, result.file, day(result.as_of, args.lang), args.lang)
    return text + ("\n" + t("assigned_written", args.lang, path=args.out) if args.out else "")
