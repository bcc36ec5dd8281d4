"""`python -m kmdash KEY FILE [--json]` for a registered technique without a command of its own: its score
with the evidence, and the members it applies to."""

from __future__ import annotations

import argparse
import json

from .common import ledger_command, result_of


def add(commands, name: str) -> argparse.ArgumentParser:
    command = ledger_command(commands, name, f"technique '{name}': its score and the members it applies to")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    return command


def run(args: argparse.Namespace) -> str:
    from ..report.summary import technique_json
    from ..report.text import technique_text
    from ..techniques.registry import by_key
    from ..techniques.selector import facts_of

    analysis = result_of(args).analysis
    chosen, facts = by_key(args.technique), facts_of(analysis)
    members = analysis.members.loc[chosen.applies(facts), "member_no"].astype(str).tolist()
    score = chosen.score(facts)
    if args.json:
        return json.dumps({**technique_json(score), "members": members}, ensure_ascii=False)
    return technique_text(score, members, args.lang)
