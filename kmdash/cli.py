"""The command line: `python -m kmdash summary FILE [--as-of DATE] [--sheet NAME] [--map H=FIELD] [--json]`
and `python -m kmdash assign FILE --staff "A,B,C" [--balance amount|count] [--within-group] [--json] [--out F]`.

User errors print one line on stderr and exit 2; success exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date

from .errors import LedgerError
from .i18n import t
from .read.dates import parse_date_text
from .read.headers import parse_mapping
from .settings import Settings

EXIT_USER_ERROR = 2
DEFAULTS = Settings()


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own errors: one line, exit 2
        raise LedgerError(f"คำสั่งไม่ถูกต้อง: {message} (ดู --help)", f"bad command: {message} (see --help)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m kmdash", description="kmdash: overdue loans of a co-op ledger")
    commands = parser.add_subparsers(dest="command", required=True)
    summary = _ledger_command(commands, "summary", "summarise one ledger file")
    summary.add_argument("--months", action="store_true", help="age buckets by months overdue")
    summary.add_argument("--long-days", type=int, default=DEFAULTS.long_overdue_days,
                         help="days over which a member is long overdue")
    summary.add_argument("--top", type=int, default=DEFAULTS.top_members, help="members listed in top_members")
    assign = _ledger_command(commands, "assign", "assign every overdue member to one person (technique 3)")
    assign.add_argument("--staff", required=True, help="the people, comma separated: \"A,B,C\"")
    assign.add_argument("--balance", choices=("amount", "count"), default="amount",
                        help="balance the amount overdue (default) or the number of members")
    assign.add_argument("--within-group", action="store_true", help="keep each member group with one person")
    assign.add_argument("--out", help="write the weekly follow-up workbook (.xlsx)")
    return parser


def _ledger_command(commands, name: str, help_text: str) -> argparse.ArgumentParser:
    """A subcommand reading one ledger file, with the options every such command shares."""
    command = commands.add_parser(name, help=help_text)
    command.add_argument("file")
    command.add_argument("--as-of", type=_as_of_date,
                         help="as-of date YYYY-MM-DD or 31/03/2567 (overrides the title)")
    command.add_argument("--sheet", help="sheet name (default: the first sheet holding a ledger)")
    command.add_argument("--map", action="append", metavar="HEADER=FIELD", help="map an unknown header")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    command.add_argument("--lang", choices=("th", "en"), default="th")
    return command


def _as_of_date(text: str) -> date:
    """YYYY-MM-DD, also with a BE year (2567-03-31), or 31/03/2567 as Thai users write it."""
    found = parse_date_text(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD, e.g. 2024-03-31)")
    return found


def settings_of(args: argparse.Namespace) -> Settings:
    """The one Settings object from the command's options; a bad value is a user error."""
    try:
        return Settings.choose(args.months, long_overdue_days=args.long_days, top_members=args.top)
    except ValueError as exc:
        raise LedgerError(f"ค่าตั้งไม่ถูกต้อง: {exc}", f"bad setting: {exc}") from exc


def options_of(args: argparse.Namespace, settings: Settings = DEFAULTS):
    from .pipeline import Options

    return Options(sheet=args.sheet, user_map=parse_mapping(args.map), as_of=args.as_of, settings=settings)


def run_summary(args: argparse.Namespace) -> str:
    from .pipeline import run
    from .report.summary import summarise
    from .report.text import format_report

    figures = summarise(run(args.file, options_of(args, settings_of(args))))
    if args.json:
        return json.dumps(figures, ensure_ascii=False)
    return format_report(figures, args.lang)


def run_assign(args: argparse.Namespace) -> str:
    from .display import day
    from .pipeline import run
    from .report.assignment import assignment_json, assignment_text
    from .techniques.assign import assign, staff_names

    staff = staff_names(args.staff)
    if args.out and not args.out.lower().endswith(".xlsx"):
        raise LedgerError(t("out_bad", "th", path=args.out), t("out_bad", "en", path=args.out))
    result = run(args.file, options_of(args))
    assignment = assign(result.analysis.members, staff, args.balance, args.within_group)
    if args.out:
        _write_weekly(args.out, assignment, result)
    if args.json:
        return json.dumps(assignment_json(assignment), ensure_ascii=False)
    text = assignment_text(assignment, result.file, day(result.as_of, args.lang), args.lang)
    return text + ("\n" + t("assign_written", args.lang, path=args.out) if args.out else "")


def _write_weekly(path: str, assignment, result) -> None:
    from .report.weekly import weekly_workbook

    data = weekly_workbook(assignment, result.as_of, result.analysis.settings.fiscal_year_end)
    try:
        with open(path, "wb") as out:
            out.write(data)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise LedgerError(t("out_failed", "th", path=path, reason=reason),
                          t("out_failed", "en", path=path, reason=reason)) from exc


COMMANDS = {"summary": run_summary, "assign": run_assign}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8")
    try:
        args = build_parser().parse_args(argv)
        print(COMMANDS[args.command](args), flush=True)
    except LedgerError as exc:
        print(f"kmdash: {exc.one_line()}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
