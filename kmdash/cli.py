"""The command line: `python -m kmdash summary FILE [--as-of DATE] [--sheet NAME] [--map H=FIELD] [--json]`
and `python -m kmdash plan FILE [same options] [--out plan.csv|plan.xlsx]`.

User errors print one line on stderr and exit 2; success exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

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
    summary = _ledger_options(commands.add_parser("summary", help="summarise one ledger file"))
    summary.add_argument("--top", type=int, default=DEFAULTS.top_members, help="members listed in top_members")
    summary.add_argument("--json", action="store_true", help="print one JSON object")
    summary.add_argument("--lang", choices=("th", "en"), default="th")
    plan = _ledger_options(commands.add_parser("plan", help="the collection plan of one ledger file"))
    plan.add_argument("--out", help="write the plan to this .csv or .xlsx file (default: CSV on stdout)")
    plan.add_argument("--lang", choices=("th", "en"), default="th", help="language of the headers")
    return parser


def _ledger_options(command: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """What every command that reads a ledger takes: the file, the sheet, the mapping, the date, settings."""
    command.add_argument("file")
    command.add_argument("--as-of", type=_as_of_date,
                         help="as-of date YYYY-MM-DD or 31/03/2567 (overrides the title)")
    command.add_argument("--sheet", help="sheet name (default: the first sheet holding a ledger)")
    command.add_argument("--map", action="append", metavar="HEADER=FIELD", help="map an unknown header")
    command.add_argument("--months", action="store_true", help="age buckets by months overdue")
    command.add_argument("--long-days", type=int, default=DEFAULTS.long_overdue_days,
                         help="days over which a member is long overdue")
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
        return Settings.choose(args.months, long_overdue_days=args.long_days,
                               top_members=getattr(args, "top", DEFAULTS.top_members))
    except ValueError as exc:
        raise LedgerError(f"ค่าตั้งไม่ถูกต้อง: {exc}", f"bad setting: {exc}") from exc


def _result(args: argparse.Namespace):
    from .pipeline import Options, run

    options = Options(sheet=args.sheet, user_map=parse_mapping(args.map), as_of=args.as_of,
                      settings=settings_of(args))
    return run(args.file, options)


def run_summary(args: argparse.Namespace) -> str:
    from .report.summary import summarise
    from .report.text import format_report

    figures = summarise(_result(args))
    if args.json:
        return json.dumps(figures, ensure_ascii=False)
    return format_report(figures, args.lang)


def run_plan(args: argparse.Namespace) -> str | None:
    """The real plan (names and member numbers: the staff work from it) to --out, or as CSV on stdout."""
    from .report.plan import contents, plan_csv, plan_table, plan_xlsx

    suffix = Path(args.out).suffix.lower() if args.out else ".csv"
    if suffix not in (".csv", ".xlsx"):
        raise LedgerError(t("plan_bad_out", "th", path=args.out), t("plan_bad_out", "en", path=args.out))
    result = _result(args)
    table = plan_table(result, args.lang)
    data = plan_csv(table, False, args.lang) if suffix == ".csv" else plan_xlsx(table, result, False, args.lang)
    if not args.out:
        sys.stdout.buffer.write(data)
        return None
    try:
        Path(args.out).write_bytes(data)
    except OSError as exc:
        error = exc.strerror or type(exc).__name__
        raise LedgerError(t("plan_cannot_write", "th", path=args.out, error=error),
                          t("plan_cannot_write", "en", path=args.out, error=error)) from exc
    return t("plan_written", args.lang, n=len(table), path=args.out, contents=contents(False, args.lang))


COMMANDS = {"summary": run_summary, "plan": run_plan}


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8")
    try:
        args = build_parser().parse_args(argv)
        text = COMMANDS[args.command](args)
        if text is not None:
            print(text, flush=True)
        else:
            sys.stdout.flush()
    except LedgerError as exc:
        print(f"kmdash: {exc.one_line()}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:  # the reader went away (`| head`): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
