"""`python -m kmdash province FILE... [--as-of DATE] [--json]`: many co-ops' ledgers side by side, read in
parallel; a file that cannot be read gets its own error line on stderr and the others go on."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import LedgerError
from .common import DEFAULTS, as_of_date, settings_of


def add(commands) -> argparse.ArgumentParser:
    command = commands.add_parser("province", help="many co-ops' ledgers side by side")
    command.add_argument("files", nargs="+", metavar="FILE")
    command.add_argument("--as-of", type=as_of_date, help="as-of date for the files whose titles give none")
    command.add_argument("--lang", choices=("th", "en"), default="th")
    command.add_argument("--months", action="store_true", help="age buckets by months overdue")
    command.add_argument("--long-days", type=int, default=DEFAULTS.long_overdue_days,
                         help="days over which a member is long overdue")
    command.add_argument("--workers", type=int, help="processes reading files (default: one per core)")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    return command


def run(args: argparse.Namespace) -> str:
    from ..province import survey
    from ..report.province import as_json
    from ..report.province_text import format_province

    view = survey([(f, f) for f in args.files], args.as_of, settings_of(args), args.workers)
    for row in view.errors:
        print(f"kmdash: {row.file}: {' | '.join(row.error)}", file=sys.stderr)
    if view.coops.empty:
        raise LedgerError.of("prov_none_read")
    if args.json:
        return json.dumps(as_json(view), ensure_ascii=False)
    return format_province(view, args.lang)
