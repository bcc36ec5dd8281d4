"""What every command reading a ledger shares: its options, the one Settings object, the run, file output."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..errors import LedgerError, file_errors_told
from ..read.dates import parse_date_text
from ..read.headers import parse_mapping
from ..settings import Settings

DEFAULTS = Settings()


def ledger_command(commands, name: str, help_text: str, settings: bool = True,
                   aliases: tuple[str, ...] = (), many: bool = False) -> argparse.ArgumentParser:
    """A subcommand reading one ledger file (`many`: one or more, `args.file` a list), with the options every
    such command takes."""
    command = commands.add_parser(name, help=help_text, aliases=list(aliases))
    command.set_defaults(reads_ledger=True)
    command.add_argument("file", nargs="+" if many else None)
    command.add_argument("--as-of", type=as_of_date, help="as-of date YYYY-MM-DD or 31/03/2567 (overrides the title)")
    command.add_argument("--sheet", help="sheet name (default: the first sheet holding a ledger)")
    command.add_argument("--map", action="append", metavar="HEADER=FIELD", help="map an unknown header")
    command.add_argument("--lang", choices=("th", "en"), default="th")
    command.add_argument("--settings", metavar="FILE", help="the co-op's settings file (TOML; README lists its keys)")
    if settings:
        command.add_argument("--months", action="store_true", help="age buckets by months overdue")
        command.add_argument("--long-days", type=int,
                             help=f"days over which a member is long overdue (default: the settings', "
                                  f"{DEFAULTS.long_overdue_days})")
    return command


def as_of_date(text: str) -> date:
    """YYYY-MM-DD, also with a BE year (2567-03-31), or 31/03/2567 as Thai users write it."""
    found = parse_date_text(text)
    if found is None:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (use YYYY-MM-DD, e.g. 2024-03-31)")
    return found


def settings_of(args: argparse.Namespace) -> Settings:
    """The one Settings object: the settings file's (`--settings`; the defaults without one), then the options
    given on the command line over it; a bad value is a user error."""
    base = saved_settings(args.settings) if getattr(args, "settings", None) else DEFAULTS
    given = {name: value for name, value in (("long_overdue_days", getattr(args, "long_days", None)),
                                              ("top_members", getattr(args, "top", None)),
                                              ("chronic_periods", getattr(args, "chronic", None)))
             if value is not None}
    months = getattr(args, "months", False)
    try:
        return base.with_buckets(True, **given) if months else replace(base, **given)
    except ValueError as exc:
        raise LedgerError.of("bad_setting", reason=exc) from exc


def saved_settings(path: str) -> Settings:
    """A settings file, its answers checked against the techniques' questions."""
    from ..settings_file import read
    from ..techniques.selector import questions

    return read(path, questions())


def start_reading(args: argparse.Namespace) -> None:
    """Open a ledger command's file (the first, of several) before the command loads its modules: a workbook's
    sheet parses in the background meanwhile (fastexcel leaves Python's lock free), so pandas and the core load
    for nothing."""
    if getattr(args, "reads_ledger", False):
        from ..read.load import open_file

        with file_errors_told():
            args.source = open_file(args.file[0] if isinstance(args.file, list) else args.file, args.sheet)


def result_of(args: argparse.Namespace, source=None):
    """Read, analyse and reconcile the command's ledger file (opened by start_reading), or `source`."""
    from ..pipeline import Options, run

    options = Options(sheet=args.sheet, user_map=parse_mapping(args.map), as_of=args.as_of,
                      settings=settings_of(args))
    return run(args.source if source is None else source, options)


def write(path: str, data: bytes) -> None:
    """Bytes to a file the user named; a folder that cannot be written is a user error."""
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise LedgerError.of("out_failed", path=path, reason=exc.strerror or type(exc).__name__) from exc


def native_stderr_aside(command: Callable[[], int], refused: int) -> int:
    """Run the command with what native code writes straight to the standard error (a Rust reader's panic
    report and backtrace) kept aside, and let through after it unless the command ends `refused`: then the one
    line saying what is wrong is all the user sees. Python's own writes reach the standard error as ever."""
    try:
        shown = os.dup(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):  # not a real file (captured): native writes never reach it
        return command()
    python_stderr = sys.stderr
    with tempfile.TemporaryFile() as aside, open(shown, "w", encoding="utf-8", closefd=False) as own:
        python_stderr.flush()
        os.dup2(aside.fileno(), python_stderr.fileno())
        sys.stderr = own
        try:
            code = command()
        finally:
            own.flush()
            os.dup2(shown, python_stderr.fileno())
            sys.stderr = python_stderr
            os.close(shown)
        if code != refused:
            aside.seek(0)
            sys.stderr.buffer.write(aside.read())
            sys.stderr.flush()
    return code
