"""`python -m kmdash province [FILE...] [--store URL] [--as-of DATE] [--json]`: many co-ops' ledgers side by
side, read in parallel, and with --store each co-op's latest saved snapshot (no file needed) with the change
since its previous one; a file that cannot be read gets its own error line on stderr and the others go on."""

from __future__ import annotations

import argparse
import json
import sys

from ..errors import LedgerError
from .common import DEFAULTS, as_of_date, settings_of


def add(commands) -> argparse.ArgumentParser:
    command = commands.add_parser("province", help="many co-ops' ledgers side by side")
    command.add_argument("files", nargs="*", metavar="FILE")
    command.add_argument("--store", help="also each co-op's latest snapshot in this store (URL or SQLite file)")
    command.add_argument("--as-of", type=as_of_date, help="as-of date for the files whose titles give none")
    command.add_argument("--lang", choices=("th", "en"), default="th")
    command.add_argument("--months", action="store_true", help="age buckets by months overdue")
    command.add_argument("--long-days", type=int, default=DEFAULTS.long_overdue_days,
                         help="days over which a member is long overdue")
    command.add_argument("--workers", type=int, help="processes reading files (default: one per core)")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    return command


def run(args: argparse.Namespace) -> str:
    from ..province import stored_rows, survey
    from .followup import existing_store as existing
    from ..report.province import as_json
    from ..report.province_text import format_province

    if not args.files and not args.store:
        raise LedgerError.of("prov_nothing")
    engine = existing(args.store) if args.store else None
    stored = stored_rows(engine) if engine is not None else ()
    view = survey([(f, f) for f in args.files], args.as_of, settings_of(args), args.workers, stored=stored)
    for row in view.errors:
        print(f"kmdash: {row.file}: {' | '.join(row.error)}", file=sys.stderr)
    if view.coops.empty:
        raise LedgerError.of("prov_none_read")
    if args.json:
        return json.dumps(as_json(view), ensure_ascii=False)
    return format_province(view, args.lang)
