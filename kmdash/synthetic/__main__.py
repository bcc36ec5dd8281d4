"""python -m kmdash.synthetic OUT_DIR: the shipped sample ledgers."""

from __future__ import annotations

import argparse
from pathlib import Path

from .files import write_ledger
from .layout import LedgerShape
from .loans import generate_loans


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m kmdash.synthetic",
                                     description="write the shipped sample ledgers")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--loans", type=int, default=600)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    loans = generate_loans(args.loans, args.seed)
    en = LedgerShape(header_style="en", date_style="ce_iso", title_rows=False,
                     signature=False, extra_column="Notes")
    outputs = [("ledger_th.xlsx", LedgerShape()),
               ("ledger_th_cp874.csv", LedgerShape(date_style="be_text")),
               ("ledger_en.xlsx", en)]
    for name, shape in outputs:
        write_ledger(loans, args.out_dir / name, shape)
        print(args.out_dir / name)


if __name__ == "__main__":
    main()
