"""`python -m kmdash guarantors FILE [--within 60] [--out letters.docx] [--json]`: Civil and Commercial Code
s.686, each loan in default whose guarantors have not been notified (by the store's record: a guarantor_notified
action on or after its default date), the last of its 60 days and the days left, those past their 60 days apart
with what is at risk; the guarantor letters (.docx) with --out."""

from __future__ import annotations

import argparse
import json

from ..errors import LedgerError
from ..i18n import t
from .common import ledger_command, result_of, write
from .followup import existing_store


def add(commands, name: str = "guarantors") -> argparse.ArgumentParser:
    command = ledger_command(commands, name, "guarantors to notify within 60 days of the default (CCC s.686)")
    command.add_argument("--within", type=int, default=60, metavar="N",
                         help="list the loans with at most N days left (default 60: every loan still in time)")
    command.add_argument("--out", metavar="FILE.docx", help="write a letter to each guarantor listed (.docx)")
    command.add_argument("--number-prefix", default="", metavar="P",
                         help="letter numbers P1/2568, P2/2568 ... (BE year of issue; default: a line to write in)")
    command.add_argument("--number-start", type=int, default=1, metavar="N", help="the first running number")
    command.add_argument("--store", help="store URL or SQLite file whose record says who was notified "
                                         "(default: $KMDASH_STORE or snapshots.db; none notified without one)")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    return command


def run(args: argparse.Namespace) -> str:
    from ..report.sieving.guarantor_letters import format_text, guarantor_letters, letter_count, notified_on
    from ..report.sieving.letters import Numbering
    from ..techniques.sieving.guarantors import as_json, guarantor_list

    if args.out and not args.out.lower().endswith(".docx"):
        raise LedgerError.of("out_docx", path=args.out)
    result = result_of(args)
    done = _record(args, result.ledger.coop)
    found = guarantor_list(result.analysis, notified_on(done, result.analysis.members["member_no"]), args.within,
                           result.ledger.headers.unmapped)
    lines = [json.dumps(as_json(found), ensure_ascii=False) if args.json else format_text(found, args.lang)]
    if args.out:
        if not letter_count(found):
            raise LedgerError.of("guarantors_none_to_write")
        write(args.out, guarantor_letters(found, result.ledger.coop, Numbering(args.number_prefix, args.number_start),
                                          args.lang))
        if not args.json:
            lines.append(t("guarantors_written", args.lang, n=letter_count(found), path=args.out))
    return "\n".join(lines)


def _record(args: argparse.Namespace, coop: str | None):
    """The co-op's record in the store; None where there is no store (the default SQLite file is never made)."""
    from .. import record

    engine = existing_store(args.store)
    return None if engine is None else record.listed(engine, coop)
