"""`python -m kmdash report FILE [--out board.pdf|board.docx] [--lang en] [--store URL] [--aliases] [--soon N]`:
the monthly board pack of one ledger, with the plan's progress and the trend from the store where it has them."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import LedgerError
from ..i18n import t
from .common import ledger_command, result_of, write
from .followup import existing_store, store_url


def add(commands, name: str = "report") -> argparse.ArgumentParser:
    command = ledger_command(commands, name, "the monthly board pack (PDF or Word)")
    command.add_argument("--out", metavar="FILE.pdf|FILE.docx",
                         help="where to write it (default: <ledger name>-board.pdf in the current folder)")
    command.add_argument("--store", help="store URL or SQLite file holding the record and earlier snapshots "
                                         "(default: $KMDASH_STORE or snapshots.db where it exists; none is made)")
    command.add_argument("--aliases", action="store_true",
                         help="replace member names and numbers with aliases drawn anew for this pack")
    command.add_argument("--soon", type=int, metavar="N",
                         help="list guarantors whose 60 days end within N days (default: the project's example, "
                              "printed in the pack)")
    return command


def run(args: argparse.Namespace) -> str:
    from ..report.pack import KINDS, content, make

    out = args.out or f"{Path(args.file).stem}-board.pdf"
    kind = Path(out).suffix.lower().removeprefix(".")
    if kind not in KINDS:
        raise LedgerError.of("pack_out_suffix", path=out)
    result = result_of(args)
    write(out, make(result, args.lang, _store(args.store), args.aliases,
                    content.SOON_DAYS if args.soon is None else args.soon, kind))
    return t("pack_written", args.lang, path=out)


def _store(given: str | None):
    """The store to read, or None: the default SQLite file only where it exists (reading makes no store); a
    store named by --store or $KMDASH_STORE must exist."""
    from .. import store

    url = store.url_of(store_url(given))
    sqlite_file = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
    if sqlite_file and url != store.DEFAULT_URL and not Path(sqlite_file).exists():
        raise LedgerError.of("pack_store_missing", path=sqlite_file)
    return existing_store(given)
