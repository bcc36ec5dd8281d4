"""The command line: `python -m kmdash summary FILE [--as-of DATE] [--sheet NAME] [--map H=FIELD] [--json]`
and `python -m kmdash pool FILE --pool P [--group NAME] [--cycles K] [--json]` (T4's rotation).

User errors print one line on stderr and exit 2; success exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from decimal import Decimal, InvalidOperation

from .errors import LedgerError
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
    summary = commands.add_parser("summary", help="summarise one ledger file", parents=[_file_options()])
    summary.add_argument("--months", action="store_true", help="age buckets by months overdue")
    summary.add_argument("--long-days", type=int, default=DEFAULTS.long_overdue_days,
                         help="days over which a member is long overdue")
    summary.add_argument("--top", type=int, default=DEFAULTS.top_members, help="members listed in top_members")
    pool = commands.add_parser("pool", help="T4: the rotation of a pool of P baht", parents=[_file_options()])
    pool.add_argument("--pool", type=_baht, required=True, metavar="P", help="the pool in baht, e.g. 50000")
    pool.add_argument("--group", help="one member group (its text as in the ledger); default: every overdue member")
    pool.add_argument("--cycles", type=int, metavar="K", help="also the smallest pool that clears all in K cycles")
    return parser


def _file_options() -> argparse.ArgumentParser:
    """The options every command that reads a ledger shares."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("file")
    common.add_argument("--as-of", type=_as_of_date,
                        help="as-of date YYYY-MM-DD or 31/03/2567 (overrides the title)")
    common.add_argument("--sheet", help="sheet name (default: the first sheet holding a ledger)")
    common.add_argument("--map", action="append", metavar="HEADER=FIELD", help="map an unknown header")
    common.add_argument("--json", action="store_true", help="print one JSON object")
    common.add_argument("--lang", choices=("th", "en"), default="th")
    return common


def _baht(text: str) -> int:
    """"50000", "50,000.50" -> satang; more than two decimals, or not above zero, is refused."""
    try:
        value = Decimal(text.replace(",", "")) * 100
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value != value.to_integral_value() or value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount in baht above 0 (e.g. 50000 or 50000.50)")
    return int(value)


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


def run_pool(args: argparse.Namespace) -> str:
    from .pipeline import run
    from .report.pool_text import format_rotation
    from .techniques import pool

    analysis = run(args.file, options_of(args)).analysis
    chosen = pool.debts(analysis, args.group)
    rotation = pool.schedule(chosen, args.pool)
    smallest = pool.pool_for_cycles(chosen, args.cycles) if args.cycles is not None else None
    if args.json:
        return json.dumps(pool.as_json(rotation, args.group, None if smallest is None else smallest[0]), ensure_ascii=False)
    return format_rotation(rotation, chosen, args.group, args.cycles, smallest, args.lang)


COMMANDS = {"summary": run_summary, "pool": run_pool}


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
