"""`python -m kmdash pooling FILE --pool P [--basis arrears|principal|outstanding] [--group NAME] [--cycles K]
[--json]`: technique 4, the rotation of a pool of P baht through what the members must pay."""

from __future__ import annotations

import argparse
import json
from decimal import Decimal, InvalidOperation

from .common import ledger_command, result_of


ALIASES = ("pool",)  # the command's earlier name, still accepted
BASES = ("arrears", "principal", "outstanding")  # rotation.BASES (a test holds them equal): the parser loads no pandas


def add(commands, name: str = "pooling") -> argparse.ArgumentParser:
    command = ledger_command(commands, name, "T4: the rotation of a pool of P baht",
                             aliases=ALIASES)
    command.add_argument("--pool", type=satang, required=True, metavar="P", help="the pool in baht, e.g. 50000")
    add_basis(command)
    command.add_argument("--group", help="one member group (its text as in the ledger); default: every overdue member")
    command.add_argument("--cycles", type=int, metavar="K", help="also the smallest pool that clears all in K cycles")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    return command


def add_basis(command: argparse.ArgumentParser, default: str | None = "arrears") -> None:
    command.add_argument("--basis", choices=BASES, default=default,
                         help="what a member pays out of the pool: arrears (principal overdue, interest in arrears "
                              "and penalty; default), principal (principal overdue only) or outstanding (the loan "
                              "repaid in full)")


def satang(text: str) -> int:
    """"50000", "50,000.50" -> satang; more than two decimals, or not above zero, is refused."""
    try:
        value = Decimal(text.replace(",", "")) * 100
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or value != value.to_integral_value() or value <= 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount in baht above 0 (e.g. 50000 or 50000.50)")
    return int(value)


def run(args: argparse.Namespace) -> str:
    from ..report.pooling.rotation import as_json, format_rotation
    from ..techniques.pooling import rotation as pool

    analysis = result_of(args).analysis
    chosen = pool.debts(analysis, args.group, args.basis)
    rotation = pool.schedule(chosen, args.pool)
    smallest = pool.pool_for_cycles(chosen, args.cycles) if args.cycles is not None else None
    if args.json:
        return json.dumps(as_json(rotation, args.group, None if smallest is None else smallest[0], args.basis),
                          ensure_ascii=False)
    return format_rotation(rotation, chosen, args.group, args.cycles, smallest, args.lang,
                           pool.parts(analysis, args.basis))
