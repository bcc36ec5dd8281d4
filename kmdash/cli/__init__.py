"""The command line: `python -m kmdash COMMAND FILE [options]`, one module per command.

The techniques' commands come from the registry, each named by its technique's key (`kmdash.cli.KEY`, or the
generic `technique` command for a technique without one of its own). Every command that reads a ledger shares
the options in `common`; user errors print one line on stderr (Thai | English) and exit 2; success exits 0; a
closed pipe ends quietly.
"""

from __future__ import annotations

import argparse
import os
import sys
from importlib import import_module
from importlib.util import find_spec

from ..errors import LedgerError
from ..techniques.registry import keys
from . import actions, audit, followup, guarantors, history, plan, province, report, snapshot, summary, technique, users
from .common import native_stderr_aside, start_reading

EXIT_USER_ERROR = 2
BEFORE, AFTER = (summary, plan), (followup, snapshot, history, actions, province, guarantors, report,
                                          audit, users)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own errors: one line, exit 2
        raise LedgerError.of("bad_command", message=message)


def technique_command(key: str):
    """The module of a technique's command: kmdash.cli.KEY where there is one, else the generic one."""
    name = f"{__name__}.{key}"
    return import_module(name) if find_spec(name) else technique


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m kmdash", description="kmdash: overdue loans of a co-op ledger")
    commands = parser.add_subparsers(dest="command", required=True)
    for command in BEFORE:
        command.add(commands).set_defaults(run=command.run)
    for key in keys():
        command = technique_command(key)
        command.add(commands, key).set_defaults(run=command.run, technique=key)
    for command in AFTER:
        command.add(commands).set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8")
    return native_stderr_aside(lambda: _run(argv), refused=EXIT_USER_ERROR)


def _run(argv: list[str] | None) -> int:
    try:
        args = build_parser().parse_args(argv)
        start_reading(args)
        text = args.run(args)
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
