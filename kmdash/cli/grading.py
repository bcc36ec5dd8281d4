"""`python -m kmdash grade FILE [--activities FILE] [--settings FILE.toml] [--json] [--off KEY] [--extra FILE]
[--out announcement.docx]`: technique 5, each member's points and grade, members per grade, welfare. The
criteria and grades are the settings file's `[grading]` (the program's example without one)."""

from __future__ import annotations

import argparse
import json
from dataclasses import replace

from ..errors import LedgerError
from .common import ledger_command, result_of, write


ALIASES = ("grade",)  # the command's earlier name, still accepted


def add(commands, name: str = "grading") -> argparse.ArgumentParser:
    command = ledger_command(commands, name, "grade members (technique 5): points, grade, welfare",
                             aliases=ALIASES, settings=False)
    command.add_argument("--activities", metavar="FILE",
                         help="member numbers and the activities each attended (CSV or xlsx, Thai or English headers)")
    command.add_argument("--off", action="append", default=[], metavar="CRITERION",
                         help="switch a criterion off (activities, days, share_ratio, loans_overdue, legal)")
    command.add_argument("--extra", metavar="FILE", help="a sheet of member numbers and one value")
    command.add_argument("--extra-name", metavar="NAME", help="the extra criterion's name (default: its header)")
    command.add_argument("--extra-bands", default="1=10", metavar="V=P,...",
                         help="points of the extra criterion, e.g. \"1=10,0=0\" (1 or more: 10 points)")
    command.add_argument("--json", action="store_true", help="print one JSON object")
    command.add_argument("--out", metavar="FILE.docx", help="write the announcement for the board (.docx)")
    command.add_argument("--csv", metavar="FILE.csv", help="write each member's points, grade and lift (.csv)")
    return command


def run(args: argparse.Namespace) -> str:
    from ..read.extra import read_activities, read_extra
    from ..report.grading.announcement import announcement
    from ..report.grading.grades import grading_json, grading_text, members_csv
    from ..techniques.grading.grades import extra_criterion, grade_members, sheets

    result = result_of(args)
    rules = result.analysis.settings.grading
    unknown = set(args.off) - {c.key for c in rules.criteria}
    if unknown:
        raise LedgerError.of("grading_off_unknown", unknown=", ".join(sorted(unknown)),
                             keys=", ".join(c.key for c in rules.criteria))
    criteria = tuple(replace(c, enabled=c.key not in args.off) for c in rules.criteria)
    extra = None
    if args.extra:
        sheet = read_extra(args.extra)
        criteria += (extra_criterion("extra", args.extra_name or sheet.header, args.extra_bands),)
        extra = sheet.values.rename(columns={"value": "extra"})
    activities = None
    if args.activities:
        activities = read_activities(args.activities).values.rename(columns={"value": "activities"})
    grading = grade_members(result.analysis, replace(rules, criteria=criteria), sheets(activities, extra))
    if args.out:
        write(args.out, announcement(grading, result.ledger.coop, result.as_of, args.lang))
    if args.csv:
        write(args.csv, members_csv(grading, args.lang))
    if args.json:
        return json.dumps(grading_json(result, grading, args.lang), ensure_ascii=False)
    return grading_text(result, grading, args.lang)

