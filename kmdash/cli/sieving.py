"""`python -m kmdash sieving FILE --deadline YYYY-MM-DD [--min-days N] [--min-amount X] [--number-prefix P]
[--number-start N] [--guarantor-copies] --out notices.docx`: technique 1, a written notice to each debtor chosen
by days overdue and amount, one numbered page each, and a copy for each guarantor when asked."""

from __future__ import annotations

import argparse

from ..errors import LedgerError
from ..i18n import t
from .common import as_of_date, ledger_command, result_of, write


ALIASES = ("notices",)  # the command's earlier name, still accepted


def add(commands, name: str = "sieving") -> argparse.ArgumentParser:
    command = ledger_command(commands, name, "a notice to each long-overdue debtor (technique 1), .docx",
                             aliases=ALIASES)
    command.add_argument("--deadline", required=True, type=as_of_date,
                         help="the notice's deadline, YYYY-MM-DD or 31/05/2567: today or later")
    command.add_argument("--min-days", type=int,
                         help="overdue MORE THAN N days, as the plan and the selector count (default: --long-days)")
    command.add_argument("--min-amount", type=float, default=0.0, help="principal overdue at least X baht")
    command.add_argument("--conditions", help="the conditions, one per line (default: pay, or agree a schedule)")
    command.add_argument("--number-prefix", default="", metavar="P",
                         help="letter numbers P1/2568, P2/2568 ... (BE year of issue; default: a line to write in)")
    command.add_argument("--number-start", type=int, default=1, metavar="N", help="the first running number")
    command.add_argument("--guarantor-copies", action="store_true",
                         help="after each notice, a copy for each guarantor of the debtor's overdue loans")
    command.add_argument("--out", required=True, metavar="FILE.docx", help="write the notices (.docx)")
    return command


def run(args: argparse.Namespace) -> str:
    from ..report.display import baht
    from ..report.sieving.letters import Numbering, default_conditions, letters
    from ..words import long_date
    from ..techniques.sieving.guarantors import check_column
    from ..techniques.sieving.notices import choose, guarantors_of

    lang = args.lang
    if not args.out.lower().endswith(".docx"):
        raise LedgerError.of("out_docx", path=args.out)
    result = result_of(args)
    if args.guarantor_copies:
        check_column(result.analysis.loans, result.ledger.headers.unmapped)
    notices = choose(result.analysis, args.deadline, args.min_days, args.min_amount)
    words = {"days": notices.min_days, "amount": baht(notices.min_amount)}
    if notices.debtors.empty:
        raise LedgerError.of("sieving_no_one", **words)
    write(args.out, letters(notices, result.ledger.coop, result.as_of, args.conditions or default_conditions(lang),
                            lang, Numbering(args.number_prefix, args.number_start), args.guarantor_copies))
    copies = sum(map(len, guarantors_of(notices).values())) if args.guarantor_copies else 0
    lines = [t("sieving_text", lang, n=len(notices.debtors), deadline=long_date(notices.deadline, lang), **words),
             t("sieving_written", lang, n=len(notices.debtors), path=args.out),
             *([t("sieving_copies", lang, n=copies)] if args.guarantor_copies else []),
             _legal_line(notices, "status" in result.analysis.loans, lang)]
    lines += [f"  {m} {' '.join(str(name).split())}" for m, name in zip(notices.legal["member_no"], notices.legal["name"])]
    return "\n".join(lines)


def _legal_line(notices, has_status: bool, lang: str) -> str:
    if not has_status:
        return t("sieving_legal_column", lang)
    return t("sieving_legal", lang, n=len(notices.legal)) if len(notices.legal) else t("sieving_legal_none", lang)
