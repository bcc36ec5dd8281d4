"""The monthly board pack: `content.gather` makes a `Pack` (pure data in one language), `charts` draws its figures
with matplotlib, `pdf` renders it through WeasyPrint, `docx` through python-docx. `make` is the one path the
command line and the app take."""

from __future__ import annotations

import secrets

from ..thai_docx import MIME
from . import content

KINDS = {"pdf": "application/pdf", "docx": MIME}  # the pack's file kinds (suffixes) and their MIME types


def make(result, lang: str, engine, masked: bool, soon: int, kind: str) -> bytes:
    """The pack of `result` as a `kind` file: the store `engine`'s record and earlier snapshots read where there
    is a store (None: none), names replaced by aliases drawn anew for this pack where `masked`."""
    found = content.History() if engine is None else content.history(engine, result.ledger.coop, result.as_of)
    pack = content.gather(result, lang, found, secrets.token_bytes(32) if masked else None, soon)
    if kind == "pdf":
        from .pdf import render
    else:
        from .docx import render
    return render(pack)
