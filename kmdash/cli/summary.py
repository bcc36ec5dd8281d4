"""`python -m kmdash summary FILE [--json] [--top N]`: the figures of one ledger."""

from __future__ import annotations

import argparse
import json

from .common import DEFAULTS, ledger_command, result_of


def add(commands) -> argparse.ArgumentParser:
    command = ledger_command(commands, "summary", "summarise one ledger file")
    command.add_argument("--top", type=int,
                         help=f"members listed in top_members (default: the settings', {DEFAULTS.top_members})")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    return command


def run(args: argparse.Namespace) -> str:
    from ..report.summary import summarise

    figures = summarise(result_of(args))
    if args.json:
        return json.dumps(figures, ensure_ascii=False)
    from ..report.text import (
        format_report,  # its column-width tables only for the text report
    )

    return format_report(figures, args.lang)
