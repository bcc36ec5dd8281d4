"""Mutation testing of kmdash's core modules, one module at a time, and the score of each.

    make mutants                               # every core module (hours on two cores)
    make mutants MODULES="analyse filters"     # some of them
    python scripts/mutants.py analyse          # the same, from the project folder
    KMDASH_MUTANT_JOBS=1 make mutants ...      # one mutant at a time (default: one per core)

Each module is mutated alone and tried against its own tests only (TESTS below): a mutant there is killed
when one of those tests fails. mutmut works in a copy of the project under mutants/, made anew for each
module; afterwards `mutmut show NAME` shows a survivor's change. Survivors judged equivalent (no test can
tell them from the original) are listed in tests/support/equivalent_mutants.md.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# module -> the tests that try its mutants (CLI subprocess tests are invisible to mutmut and left out; read/loans,
# a constant alone, has no function to mutate)
# Not listed either: migrations/env.py (no function: nothing to mutate) and migrations/versions/*.py (Alembic loads each
# revision as a module of its own name, e.g. "0003_actions_py", so mutmut cannot match its mutants to the tests
# that run them); tests/test_migrations.py holds them to the old store's schema and store.metadata.
TESTS = {
    "analyse": ["tests/test_analyse.py"],
    "filters": ["tests/test_filters.py"],
    "privacy": ["tests/test_privacy.py", "tests/test_privacy_aliases.py"],
    "reconcile": ["tests/test_reconcile.py"],
    "settings_file": ["tests/test_settings_file.py", "tests/test_classes.py", "-k", "not hundred_thousand"],
    "settings": ["tests/test_settings.py", "tests/test_analyse.py", "tests/test_selector.py",
                 "tests/test_grading.py", "tests/test_classes.py",
                 "-k", "not page and not switching and not announcement and not hundred_thousand"],
    "classes": ["tests/test_classes.py", "-k", "not hundred_thousand"],
    "read/account": ["tests/test_privacy.py", "tests/test_clean.py"],
    "read/cells": ["tests/test_clean.py"],
    "read/clean": ["tests/test_clean.py", "tests/test_read_clean_errors.py"],
    "read/dates": ["tests/test_dates.py"],
    "read/fill": ["tests/test_read_fill.py", "tests/test_clean.py"],
    "read/groups": ["tests/test_clean.py"],
    "read/headers": ["tests/test_headers.py", "tests/test_clean.py"],
    "read/labels": ["tests/test_clean.py"],
    "read/load": ["tests/test_read_load.py", "tests/test_load.py", "tests/test_formats.py", "-k", "not load_page"],
    "read/markup": ["tests/test_read_markup.py"],
    "read/workbook": ["tests/test_load.py", "tests/test_read_export_quirks.py", "tests/test_formats.py",
                      "-k", "not load_page"],
    "read/money": ["tests/test_clean.py", "tests/test_read_export_quirks.py", "tests/test_reconcile.py"],
    "read/rows": ["tests/test_clean.py"],
    "read/titles": ["tests/test_read_titles.py", "tests/test_clean.py", "tests/test_dates.py"],
    "report/summary": ["tests/test_summary_json.py"],
    "report/text": ["tests/test_report_text_layout.py", "tests/test_report_text.py",
                    "--deselect", "tests/test_report_text.py::test_a_closed_pipe_ends_quietly_without_a_traceback",
                    "tests/test_classes.py::test_the_text_report_lists_the_classes_and_says_a_rate_not_set",
                    "tests/test_classes.py::test_the_text_report_of_a_ledger_without_status_or_interest_says_so"],
    "words": ["tests/test_display.py", "tests/test_pack.py::test_long_days_in_be_and_ce"],
    "store": ["tests/test_store.py", "tests/test_store_small.py", "tests/test_migrations.py",
              "tests/test_access.py", "tests/test_audit.py", "-k", "not page"],
    "migrations/__init__": ["tests/test_migrations.py"],
    "schema": ["tests/test_registry.py", "tests/test_plan.py"],
    "plan": ["tests/test_plan.py", "tests/test_registry.py", "tests/test_followup.py"],
    "techniques/registry": ["tests/test_registry.py", "tests/test_selector.py"],
    "techniques/selector": ["tests/test_selector.py", "tests/test_registry.py"],
    "followup_flow": ["tests/test_followup.py", "tests/test_followup_record.py"],
    "errors": ["tests/test_errors.py"],
    "i18n": ["tests/test_i18n.py"],
    "pipeline": ["tests/test_pipeline.py"],
    "followup": ["tests/test_followup_compare.py", "tests/test_followup.py::test_the_identity_holds_on_every_pair",
                 "tests/test_followup.py::test_member_numbers_match_without_spaces_and_leading_zeros",
                 "tests/test_followup.py::test_members_without_a_number_match_by_name"],
    "followup_plan": ["tests/test_followup_compare.py"],
    "actions": ["tests/test_record.py", "tests/test_followup_record.py", "tests/test_actions_forms.py"],
    "record": ["tests/test_record.py", "tests/test_followup_record.py", "tests/test_access.py", "tests/test_audit.py"],
    "followup_actions": ["tests/test_followup_record.py", "tests/test_followup.py", "tests/test_migrations.py"],
    "province": ["tests/test_province_rows.py", "tests/test_province_store.py"],  # not test_province.py: the
    # command line's, and six co-ops a run
    "read/extra": ["tests/test_read_extra.py"],
    "read/names": ["tests/test_read_export_quirks.py", "-k", "unknown or names"],
    "read/status": ["tests/test_read_status.py"],
    "read/cfb": ["tests/test_read_cfb.py", "tests/test_fuzz_found.py", "tests/test_load.py",
                 "-k", "xls or cfb or chain or dimension"],
    "read/combine": ["tests/test_read_combine.py"],
    "techniques/base": ["tests/test_selector.py", "tests/test_registry.py", "tests/test_sieving.py"],
    "techniques/sieving/card": ["tests/test_selector.py", "tests/test_sieving.py"],
    "techniques/sieving/notices": ["tests/test_sieving.py", "-k", "not page and (choose or interest or min_days or "
                                   "loan or legal or bad_choices or deadline or tiers or plan_columns or guarantors "
                                   "or minimum)"],
    "techniques/sieving/guarantors": ["tests/test_guarantors.py", "-k", "not page",
                                      "tests/test_sieving.py::test_each_debtor_s_guarantors_once_in_their_loans_order"],
    "techniques/leaders/card": ["tests/test_leaders_card.py", "tests/test_selector.py", "tests/test_leaders.py",
                                "-k", "not page"],
    "techniques/leaders/packs": ["tests/test_leaders.py", "-k", "not page"],
    "techniques/assigned/card": ["tests/test_selector.py", "tests/test_plan.py", "tests/test_assigned.py"],
    "techniques/assigned/assignment": ["tests/test_assigned_assignment.py", "tests/test_assigned.py", "-k", "not page"],
    "techniques/pooling/card": ["tests/test_selector.py", "tests/test_plan.py", "tests/test_pooling.py"],
    "techniques/pooling/rotation": ["tests/test_pooling_rotation.py", "tests/test_pooling.py", "-k",
                                    "not page and not privacy"],
    "techniques/pooling/packing": ["tests/test_pooling_packing.py"],
    "techniques/grading/card": ["tests/test_selector.py", "tests/test_plan.py", "tests/test_grading.py"],
    "techniques/grading/grades": ["tests/test_grading_grades.py", "tests/test_grading_values.py",
                                  "tests/test_grading.py", "-k", "not page and not switching and not announcement"],
    "report/display": ["tests/test_display.py", "tests/test_report_text_layout.py"],
    "report/chart_style": ["tests/test_report_charts.py"],
    "report/charts": ["tests/test_report_charts.py"],
    "report/province_charts": ["tests/test_report_charts.py"],
    "report/province": ["tests/test_report_province.py"],
    "report/province_text": ["tests/test_report_province.py", "tests/test_report_province_change.py",
                             "tests/test_province.py"],
    "report/escape": ["tests/test_escape.py", "tests/test_plan.py"],
    "report/plan": ["tests/test_report_plan.py", "tests/test_plan.py", "-k", "not page"],
    "report/followup": ["tests/test_report_followup.py"],  # the CLI's follow-up tests: a minute a mutant, no more
    "report/xlsx": ["tests/test_report_xlsx.py"],  # the writer's own; the plan's and leaders' took seconds a mutant
    "report/xlsx_text": ["tests/test_report_xlsx.py", "tests/test_assigned.py", "tests/test_leaders.py", "-k", "not page"],
    "report/thai_docx": ["tests/test_report_docx.py"],
    "report/sieving/letters": ["tests/test_report_sieving.py", "tests/test_sieving.py", "-k", "not test_page and not sample"],
    "report/sieving/guarantor_letters": ["tests/test_report_sieving.py", "tests/test_guarantors.py", "-k", "not test_page"],
    "report/leaders/packs": ["tests/test_report_leaders.py", "tests/test_leaders.py", "-k", "not page"],
    "report/leaders/meetings": ["tests/test_report_leaders.py", "tests/test_leaders.py", "-k", "not page"],
    "report/assigned/assignment": ["tests/test_report_assigned.py", "tests/test_assigned.py", "-k", "not page"],
    "report/assigned/weekly": ["tests/test_report_assigned.py", "tests/test_assigned.py", "-k", "not page"],
    "report/assigned/rollup": ["tests/test_assigned.py", "-k", "roll"],
    "report/pooling/rotation": ["tests/test_report_pooling.py", "tests/test_pooling.py", "-k", "not page"],
    "report/grading/grades": ["tests/test_report_grading.py", "tests/test_grading.py", "-k", "not page"],
    "report/grading/announcement": ["tests/test_report_grading.py", "tests/test_grading.py", "-k", "not page"],
    "accounts": ["tests/test_accounts.py", "tests/test_accounts_reset.py", "-k", "not users_command and not commands"],
    "scope": ["tests/test_access.py"],
    "history": ["tests/test_history.py", "-k", "not command and not year_saved and not saving and not options"],
    "report/history": ["tests/test_report_history.py", "-k", "text"],
    "report/history_charts": ["tests/test_report_history.py", "-k", "chart and small"],  # the year's: 5 s a mutant
    "report/pack/__init__": ["tests/test_pack_pdf.py"],
    "report/pack/content": ["tests/test_pack.py"],
    "report/pack/charts": ["tests/test_pack.py"],
    "report/pack/docx": ["tests/test_pack_docx.py"],
    "report/pack/pdf": ["tests/test_pack.py", "tests/test_pack_pdf.py", "-k",
                        "html or words or page or glyph or read or font or figure or css"],
}
KILLED = {"killed", "timeout"}  # a mutant that makes a test hang is caught too


def mutate(module: str) -> None:
    """Run mutmut on one module (in this process: mutmut's settings are set here, not in a file)."""
    from mutmut.__main__ import _run
    from mutmut.configuration import config

    settings = config()
    settings.only_mutate = [f"kmdash/{module}.py"]
    settings.pytest_add_cli_args_test_selection = TESTS[module]
    shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    _run([], int(os.environ.get("KMDASH_MUTANT_JOBS", "0")) or None)


def results(module: str) -> Counter:
    """Status -> count for the module's mutants, from mutmut's record of the last run; survivors printed."""
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.stats import status_by_exit_code

    data = SourceFileMutationData(path=Path(f"kmdash/{module}.py"))
    data.load()
    counts: Counter = Counter()
    for name, code in sorted(data.exit_code_by_key.items()):
        status = status_by_exit_code[code]
        counts[status] += 1
        if status not in KILLED:
            print(f"    {status}: {name}")
    return counts


def main(modules: list[str]) -> int:
    unknown = [m for m in modules if m not in TESTS]
    if unknown:
        print(f"unknown module(s): {', '.join(unknown)}; choose from {', '.join(TESTS)}")
        return 2
    scores = []
    for module in modules or list(TESTS):
        # a fresh interpreter per module: mutmut keeps its state and the mutated imports for the process
        done = subprocess.run([sys.executable, __file__, "--one", module], cwd=ROOT, check=False)
        if done.returncode != 0:
            return done.returncode
        counts = Counter(dict(line.split("=") for line in (ROOT / "mutants" / "score.txt").read_text().split()))
        killed, total = sum(int(counts[s]) for s in KILLED), sum(int(n) for n in counts.values())
        scores.append(f"{module:16} {killed:4}/{total:<4} killed  {100 * killed / max(total, 1):5.1f} %")
    print("\n".join(["", "mutation score", *scores]))
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        module = sys.argv[2]
        mutate(module)
        counts = results(module)
        (ROOT / "mutants" / "score.txt").write_text(" ".join(f"{s.replace(' ', '_')}={n}" for s, n in counts.items()))
    else:
        sys.exit(main(sys.argv[1:]))
