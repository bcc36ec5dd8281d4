"""Two co-ops of one province, each with two monthly ledgers titled with its own name (kmdash.synthetic.year):
what the access tests save into one store and then look at through each person's scope."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kmdash.synthetic.layout import LedgerShape, ledger_rows
from kmdash.synthetic.year import ledger_year

from .ledgers import write_rows

NAMES = ("สหกรณ์การเกษตรบ้านนา จำกัด", "สหกรณ์การเกษตรหนองบัว จำกัด")


@dataclass(frozen=True)
class Coop:
    name: str
    files: tuple[Path, ...]  # oldest first
    members: tuple[int, ...]  # the generator's members per ledger


def write_coops(folder: Path, months: int = 2) -> tuple[Coop, ...]:
    made = []
    for number, name in enumerate(NAMES):
        year = ledger_year(120 + 40 * number, seed=11 + number, months=months, joined=3)
        files = tuple(write_rows(ledger_rows(loans, LedgerShape(), as_of, coop_name=name),
                                 folder / f"coop{number}_{month:02d}.xlsx")
                      for month, (loans, as_of) in enumerate(zip(year.ledgers, year.dates)))
        made.append(Coop(name, files, tuple(loans["member_no"].nunique() for loans in year.ledgers)))
    return tuple(made)
