"""The command line: `python -m kmdash summary FILE [--as-of DATE] [--sheet NAME] [--map H=FIELD] [--json]`.

User errors print one line on stderr and exit 2; success exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date

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
    summary = commands.add_parser("summary", help="summarise one ledger file")
    summary.add_argument("file")
    summary.add_argument("--as-of", type=_as_of_date,
                         help="as-of date YYYY-MM-DD or 31/03/2567 (overrides the title)")
    summary.add_argument("--sheet", help="sheet name (default: the first sheet holding a ledger)")
    summary.add_argument("--map", action="append", metavar="HEADER=FIELD", help="map an unknown header")
    summary.add_argument("--months", action="store_true", help="age buckets by months overdue")
    summary.add_argument("--long-days", type=int, default=DEFAULTS.long_overdue_days,
                         help="days over which a member is long overdue")
    summary.add_argument("--top", type=int, default=DEFAULTS.top_members, help="members listed in top_members")
    summary.add_argument("--json", action="store_true", help="print one JSON object")
    summary.add_argument("--lang", choices=("th", "en"), default="th")
    return parser


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


def run_summary(args: argparse.Namespace) -> str:
    from .pipeline import Options, run
    from .report.summary import summarise

    options = Options(sheet=args.sheet, user_map=parse_mapping(args.map), as_of=args.as_of,
                      settings=settings_of(args))
    figures = summarise(run(args.file, options))
    if args.json:
        return json.dumps(figures, ensure_ascii=False)
    from .report.text import format_report  # its column-width tables only for the text report

    return format_report(figures, args.lang)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8")
    try:
        args = build_parser().parse_args(argv)
        print(run_summary(args), flush=True)
    except LedgerError as exc:
        print(f"kmdash: {exc.one_line()}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
