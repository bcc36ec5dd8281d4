"""The board pack's content (kmdash.report.pack.content), without rendering: the cover, the tiles, the charts' data
and tables against the generator's figures (the independent oracle), the techniques ranked with their
thresholds, the plan's progress and the trend from a store, the guarantors whose 60 days end soon, privacy; the
charts' drawing and the HTML the PDF is made from (escaping, page numbers, the glyphs' text)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
import pytest

from kmdash import record, store
from kmdash.actions import checked
from kmdash.errors import LedgerError
from kmdash.i18n import t
from kmdash.pipeline import Options, run
from kmdash.reconcile import Reconciliation
from kmdash.report.pack import charts, content, pdf
from kmdash.report.pack.content import (
    SOON_DAYS,
    Bars,
    Cover,
    Curve,
    Figure,
    History,
    Pack,
    Paragraph,
    Section,
    Table,
    Tile,
    Tiles,
    Trend,
    gather,
    history,
)
from kmdash.settings import Selector, Settings
from kmdash.synthetic import LedgerShape
from kmdash.words import THAI_MONTHS_SHORT, long_date

from .support import oracle
from .support.figures import baht_equal, expected_figures
from .support.ledgers import AS_OF, SAMPLE
from .support.pack import blocks, has_thai, texts
from .support.record import COOP, key

MADE = date(2024, 4, 20)
SAMPLE_COOP = "สหกรณ์การเกษตรตัวอย่าง จำกัด"  # the generator's co-op, in the sample's title rows


@pytest.fixture
def pack(sample_result) -> Pack:
    return gather(sample_result, made=MADE)


def money(value: float) -> str:
    return f"{value:,.2f}"


def rows_of(pack: Pack, section: str, n: int = 0) -> list[tuple[str, ...]]:
    return [tuple(r) for r in blocks(pack, section, Table)[n].rows]


def paragraphs(pack: Pack, section: str) -> list[str]:
    return [p.text for p in blocks(pack, section, Paragraph)]


# ---------------------------------------------------------------- the cover


def test_the_cover_names_the_coop_its_date_in_be_the_file_and_a_line_for_the_meeting(pack):
    cover = pack.cover
    assert cover.title == SAMPLE_COOP
    assert cover.heading == t("pack_heading")
    assert dict(cover.facts) == {t("pack_as_of"): "31 มีนาคม 2567", t("pack_file"): SAMPLE.name,
                                 t("pack_made"): "20 เมษายน 2567"}
    label, line = cover.meeting
    assert label == t("pack_meeting") and set(line) == {"."} and len(line) >= 20
    assert not cover.masked and cover.privacy == t("pack_privacy_names")
    assert pack.pages == "หน้า {page} จาก {pages}"
    assert pack.running == f"{SAMPLE_COOP} · {t('pack_as_of')} 31 มีนาคม 2567"


def test_in_english_the_dates_are_common_era_and_every_word_but_the_files_is_english(sample_result):
    pack = gather(sample_result, "en", made=MADE)
    assert dict(pack.cover.facts) == {"Ledger as of": "31 March 2024", "Ledger file": SAMPLE.name,
                                      "Made on": "20 April 2024"}
    assert pack.pages == "Page {page} of {pages}"
    assert (pack.lang, pack.running) == ("en", f"{SAMPLE_COOP} · Ledger as of 31 March 2024")
    headings = [pack.cover.heading, pack.cover.privacy, *(s.title for s in pack.sections)]
    assert headings[2:] == [t(f"pack_s_{s.key}", "en") for s in pack.sections]
    assert not any(has_thai(h) for h in headings)
    for section in ("overview", "aging", "techniques", "guarantors"):
        for table in blocks(pack, section, Table):
            assert not any(has_thai(h) for h in table.headers)


def test_a_ledger_naming_no_coop_is_named_by_its_file(loans_120, ledger_file):
    result = run(ledger_file(loans_120, LedgerShape(title_rows=False)), Options(as_of=AS_OF))
    assert gather(result, made=MADE).cover.title == "ledger1"


@pytest.mark.parametrize(("day", "th", "en"), [(date(2024, 2, 29), "29 กุมภาพันธ์ 2567", "29 February 2024"),
                                               (date(2025, 1, 1), "1 มกราคม 2568", "1 January 2025"),
                                               (date(2024, 12, 31), "31 ธันวาคม 2567", "31 December 2024")])
def test_long_days_in_be_and_ce(day, th, en):
    assert (long_date(day), long_date(day, "en")) == (th, en)


# ---------------------------------------------------------------- the debt picture


def test_the_tiles_are_the_generators_figures(pack, sample_expected):
    e = sample_expected
    tiles = Tiles((
        Tile(t("members"), f"{e['members']:,}", f"ใน {e['groups']:,} กลุ่ม"),
        Tile(t("members_overdue"), f"{e['members_overdue']:,}", f"{e['members_overdue'] / e['members'] * 100:.1f}% ของสมาชิก"),
        Tile(t("members_long", days=365), f"{e['members_long_overdue']:,}", ""),
        Tile(t("pack_loans_overdue"), f"{e['loans_overdue']:,}", f"จาก {e['loans']:,} สัญญา"),
        Tile(t("outstanding"), money(e["outstanding"]), "บาท"),
        Tile(t("overdue"), money(e["overdue"]), "บาท"),
        Tile(t("interest_arrears"), money(e["interest_arrears"]), "บาท"),
        Tile("PAR30", f"{e['par30'] * 100:.1f}%", t("pack_par_note", days=30)),
        Tile("PAR90", f"{e['par90'] * 100:.1f}%", t("pack_par_note", days=90))))
    # the sample's grand total reconciles
    assert pack.section("overview") == Section("overview", t("pack_s_overview"), (tiles, Paragraph(t("rec_ok"), "note")))


def test_a_ledger_without_an_overdue_column_says_the_overdue_is_the_outstanding_past_due(loans_120, ledger_file):
    result = run(ledger_file(loans_120, LedgerShape(drop_fields=("principal_overdue",))))
    assert gather(result, made=MADE).section("overview").blocks[1:] == (
        Paragraph(t("rec_ok"), "note"), Paragraph(t("pack_basis_outstanding"), "note"))


@pytest.mark.parametrize(("reconciled", "said"), [(Reconciliation(False, None), "rec_none"),
                                                  (Reconciliation(True, None), "rec_none"),
                                                  (Reconciliation(True, False, {"outstanding": 1.0}), "pack_rec_diff")])
def test_the_reconciliation_is_said_under_the_tiles(sample_result, reconciled, said):
    result = replace(sample_result, reconciliation=reconciled)
    assert gather(result, made=MADE).section("overview").blocks[1] == Paragraph(t(said), "note")


def test_the_aging_chart_and_table_are_the_generators_buckets(pack, sample_result, sample_expected):
    aging = sample_expected["aging"]
    due = aging[1:]  # not due has no bar
    chart = Bars(tuple(t(f"bucket_{a['bucket']}") for a in due), tuple(a["overdue"] for a in due),
                 tuple(f"{a['overdue']:,.0f}\n{a['members']:,} คน" for a in due), "บาท")
    table = Table((t("pack_col_bucket"), t("pack_col_loans"), t("pack_col_members"), t("pack_col_overdue_baht")),
                  (*((t(f"bucket_{a['bucket']}"), f"{a['loans']:,}", f"{a['members']:,}", money(a["overdue"]))
                     for a in aging),
                   (t("pack_total"), f"{sum(a['loans'] for a in aging):,}", f"{sum(a['members'] for a in aging):,}",
                    money(sample_expected["overdue"]))), (False, True, True, True), total=True)
    section = pack.section("aging")
    drawn_values = section.blocks[0].data.values
    assert all(baht_equal(v, a["overdue"]) for v, a in zip(drawn_values, due, strict=True))
    assert section == Section("aging", t("pack_s_aging"), (
        Figure("aging", t("pack_fig_aging"), replace(chart, values=drawn_values)), table,
        Paragraph(t("pack_aging_note"), "note")))
    english = gather(sample_result, "en", made=MADE).section("aging")
    assert english.blocks[0].data.labels[0] == "1-30 days" and english.blocks[1].rows[0][0] == "not due"


def test_the_groups_are_the_ten_owing_most_in_order_and_the_rest_counted(pack, sample_expected):
    groups = sample_expected["by_group"]
    top = groups[:10]
    chart = blocks(pack, "groups", Figure)[0].data
    assert all(baht_equal(v, g["overdue"]) for v, g in zip(chart.values, top, strict=True))
    assert pack.section("groups") == Section("groups", t("pack_s_groups"), (
        Figure("groups", t("pack_fig_groups", n=10),
               Bars(tuple(g["group"] for g in top), chart.values,
                    tuple(f"{g['overdue']:,.0f} ({g['share'] * 100:.1f}%)" for g in top), "บาท", across=True)),
        Table((t("col_group"), t("pack_col_members"), t("members_overdue"), t("pack_col_overdue_baht"), t("pack_col_share")),
              tuple((g["group"], f"{g['members']:,}", f"{g['members_overdue']:,}", money(g["overdue"]),
                     f"{g['share'] * 100:.1f}%") for g in top), (False, True, True, True, True)),
        Paragraph(t("pack_groups_more", shown=10, total=len(groups)), "note")))


def test_a_group_owing_nothing_has_no_bar_and_few_groups_no_count_of_the_rest(loans_120, ledger_file):
    loans = loans_120.copy()
    loans.loc[loans["group"] == loans["group"].iloc[0], "principal_overdue"] = 0.0
    result = run(ledger_file(loans))
    section = gather(result, made=MADE).section("groups")
    owing = result.analysis.groups[result.analysis.groups["overdue"] > 0]
    assert len(owing) < len(result.analysis.groups) <= 10
    assert section.blocks[0].data.labels == tuple(owing["group"])
    assert section.blocks[0].caption == t("pack_fig_groups", n=len(owing))
    assert len(section.blocks[1].rows) == len(result.analysis.groups) and len(section.blocks) == 2


def test_the_pareto_curve_marks_the_members_holding_80_percent_and_lists_the_largest(pack, sample_expected):
    members = sample_expected["by_member"]
    owing = [m for m in members if m["overdue"] > 0]
    n80 = oracle.pareto_count(m["overdue"] for m in members)
    curve = blocks(pack, "pareto", Figure)[0].data
    assert isinstance(curve, Curve) and curve.mark == n80
    assert curve.ranks[0] == 1 and curve.ranks[-1] == len(owing)
    assert list(curve.ranks) == sorted(set(curve.ranks))
    assert list(curve.shares) == sorted(curve.shares) and curve.shares[-1] == pytest.approx(100)
    total = sum(m["overdue"] for m in owing)
    assert curve.shares[0] == pytest.approx(owing[0]["overdue"] / total * 100)
    note = t("pareto_note", n=n80, total=len(owing))
    assert pack.section("pareto") == Section("pareto", t("pack_s_pareto"), (
        Figure("pareto", t("pack_fig_pareto"), Curve(curve.ranks, curve.shares, n80, note, t("members_ranked"),
                                                     t("pack_axis_share"))),
        Paragraph(note), Paragraph(t("pack_top_title", n=20)),
        Table((t("col_member"), t("col_name"), t("col_group"), t("pack_col_days"), t("pack_col_overdue_baht")),
              tuple((m["member"], m["name"], m["group"], f"{m['days']:,}", money(m["overdue"])) for m in owing[:20]),
              (False, False, False, True, True))))


def test_half_a_baht_overdue_counts_as_overdue_in_the_curve_and_the_groups(loans_120, ledger_file):
    loans = loans_120.copy()
    loans["principal_overdue"] = 0.0
    late = loans.index[pd.to_datetime(loans["due_date"]) < pd.Timestamp(AS_OF)][0]
    loans.loc[late, "principal_overdue"] = 0.5  # the only overdue in the ledger: half a baht
    pack = gather(run(ledger_file(loans)), made=MADE)
    curve = blocks(pack, "pareto", Figure)[0].data
    assert (curve.ranks, curve.shares, curve.mark) == ((1,), (100.0,), 1)
    assert blocks(pack, "groups", Figure)[0].data.labels == (loans.loc[late, "group"],)
    assert rows_of(pack, "pareto") == [(loans.loc[late, "member_no"], loans.loc[late, "name"], loans.loc[late, "group"],
                                        f"{(AS_OF - pd.Timestamp(loans.loc[late, 'due_date']).date()).days:,}", "0.50")]


@pytest.mark.parametrize(("points", "ranks"), [(50, [*range(1, 239, 4), 239]), (100, [*range(1, 239, 2), 239]),
                                               (239, list(range(1, 240))), (500, list(range(1, 240)))])
def test_a_long_curve_is_thinned_evenly_keeping_the_first_and_the_last(sample_result, sample_expected, monkeypatch,
                                                                       points, ranks):
    monkeypatch.setattr(content, "CURVE_POINTS", points)
    curve = blocks(gather(sample_result, made=MADE), "pareto", Figure)[0].data
    owing = [m["overdue"] for m in sample_expected["by_member"] if m["overdue"] > 0]
    assert len(owing) == 239 and list(curve.ranks) == ranks
    assert list(curve.shares) == pytest.approx([sum(owing[:r]) / sum(owing) * 100 for r in ranks])


# ---------------------------------------------------------------- the techniques


def test_the_techniques_are_ranked_by_score_with_their_evidence_and_the_example_thresholds(pack):
    table = blocks(pack, "techniques", Table)[0]
    assert [r[0] for r in table.rows] == ["1", "2", "3", "4", "5"]
    scores = [float(r[2]) for r in table.rows]
    assert scores == sorted(scores, reverse=True)
    numbers = [int(re.search(r"เทคนิคที่ (\d)", r[1])[1]) for r in table.rows]
    assert sorted(numbers) == [1, 2, 3, 4, 5]
    for row in table.rows:
        lines = row[3].split("\n")
        assert lines[0].startswith("• ") and lines[-1] == t("pack_thresholds_example")
        assert any("เต็มคะแนน" in line for line in lines)  # each part's threshold beside its figure
    assert (table.headers, table.numbers, table.prose) == (
        (t("pack_col_rank"), t("pack_col_technique"), t("pack_col_score"), t("pack_col_evidence")),
        (True, False, True, False), (False, True, False, True))
    assert pack.section("techniques").title == t("pack_s_techniques")
    assert pack.section("techniques").blocks[0] == Paragraph(t("pack_techniques_about"))


def test_the_techniques_in_english_name_each_technique_and_ask_its_questions_in_english(sample_result):
    from kmdash.techniques.registry import by_number

    table = blocks(gather(sample_result, "en", made=MADE), "techniques", Table)[0]
    for row in table.rows:
        number = int(re.fullmatch(r"Technique (\d)\n.+", row[1])[1])
        card = by_number(number)
        assert row[1] == f"Technique {number}\n{card.card.name[1]}"
        asked = [line for line in row[3].split("\n") if line.startswith("? ")]
        assert asked == [f"? {t('unknown_line', 'en', question=q.en)}" for q in card.questions]
        assert row[3].split("\n")[-1] == t("pack_thresholds_example", "en") and "full" in row[3]
    thai = blocks(gather(sample_result, made=MADE), "techniques", Table)[0]
    first = int(re.search(r"เทคนิคที่ (\d)", thai.rows[0][1])[1])
    assert thai.rows[0][1] == f"เทคนิคที่ {first}\n{by_number(first).card.name[0]}"
    assert [x for x in thai.rows[0][3].split("\n") if x.startswith("? ")] == [
        f"? {t('unknown_line', question=q.th)}" for q in by_number(first).questions]


@pytest.mark.parametrize(("settings", "own"), [(Settings(selector=Selector(many_share=0.4)), {1}),
                                               (Settings(long_overdue_days=400), {1}),
                                               (Settings(selector=Selector(small_debt=30_000.0)), {4}),
                                               (Settings(selector=Selector(near_days=30, new_share=0.6)), {3, 5})])
def test_a_threshold_the_coop_set_is_said_to_be_its_own_beside_that_technique(settings, own):
    result = run(SAMPLE, Options(settings=settings))
    table = blocks(gather(result, made=MADE), "techniques", Table)[0]
    said = {int(re.search(r"เทคนิคที่ (\d)", r[1])[1]): r[3].split("\n")[-1] for r in table.rows}
    assert said == {n: t("pack_thresholds_own" if n in own else "pack_thresholds_example") for n in range(1, 6)}


# ---------------------------------------------------------------- the guarantors


def days_left(loans: pd.DataFrame) -> list[tuple[int, str, str]]:
    """(days left, member, contract) of the loans in default naming a guarantor: their 60 days start on the default
    date (the day after the due date) as the first, and end that many days after the ledger's date."""
    found = []
    for loan in loans.to_dict("records"):
        if pd.isna(loan["due_date"]) or not str(loan["guarantor"] or "").strip():
            continue
        due = pd.Timestamp(loan["due_date"]).date()
        if due < AS_OF and loan["principal_overdue"] > 0:
            found.append(((due + timedelta(days=60) - AS_OF).days, loan["member_no"], loan["contract"]))
    return sorted(found)


@pytest.mark.parametrize("within", [SOON_DAYS, 0, 40])
def test_the_guarantors_whose_60_days_end_soon_are_listed_fewest_days_first(sample_result, sample_loans, within):
    pack = gather(sample_result, soon_days=within, made=MADE)
    loans = days_left(sample_loans)
    expected = [(m, c, d) for d, m, c in loans if 0 <= d <= within]
    tables = blocks(pack, "guarantors", Table)
    got = [(r[0], r[2], int(r[5])) for r in tables[0].rows] if tables else []
    assert got == expected[:30] and expected
    said = paragraphs(pack, "guarantors")
    setting = t("pack_soon_example", n=15) if within == 15 else t("pack_soon_chosen", n=within, example=15)
    assert said[:2] == [t("pack_guarantors_about", n=within, as_of="31 มีนาคม 2567"), setting]
    assert t("pack_guarantors_late", n=sum(d < 0 for d, _, _ in loans)) in said
    assert said[-1] == t("pack_guarantors_no_record")  # no store: nobody recorded as notified


def test_the_guarantors_section_whole_and_in_english(sample_result, sample_loans):
    loans = sample_loans.set_index("contract")
    soon = [(m, c, d) for d, m, c in days_left(sample_loans) if 0 <= d <= 15]
    def last(contract: str) -> date:
        return pd.Timestamp(loans.loc[contract, "due_date"]).date() + timedelta(days=60)

    table = Table((t("col_member"), t("col_name"), t("col_contract"), t("col_guarantor"), t("col_last_day"),
                   t("col_days_left")),
                  tuple((m, loans.loc[c, "name"], c, " ".join(loans.loc[c, "guarantor"].split()),
                         f"{last(c).day} {THAI_MONTHS_SHORT[last(c).month - 1]} {last(c).year + 543}", f"{d:,}")
                        for m, c, d in soon), (False, False, False, False, False, True))
    late = sum(d < 0 for d, _, _ in days_left(sample_loans))
    assert gather(sample_result, made=MADE).section("guarantors") == Section("guarantors", t("pack_s_guarantors"), (
        Paragraph(t("pack_guarantors_about", n=15, as_of="31 มีนาคม 2567")), Paragraph(t("pack_soon_example", n=15), "note"),
        table, Paragraph(t("pack_guarantors_late", n=late), "warning"), Paragraph(t("pack_guarantors_no_record"), "note")))
    english = gather(sample_result, "en", made=MADE).section("guarantors")
    assert english.blocks[0].text == t("pack_guarantors_about", "en", n=15, as_of="31 March 2024")
    assert english.blocks[2].headers[4] == t("col_last_day", "en") and english.blocks[2].rows[0][4] == "31 Mar 2024"


def test_a_guarantor_notified_after_the_default_is_not_listed_and_the_record_is_not_said_missing(sample_result,
                                                                                                   sample_loans):
    first = blocks(gather(sample_result, made=MADE), "guarantors", Table)[0].rows[0]
    told = checked([{"member": first[0], "date": "2024-03-20", "kind": "guarantor_notified"}])
    section = gather(sample_result, history_of=History(told, (), "x"), made=MADE).section("guarantors")
    assert first[2] not in [r[2] for r in section.blocks[2].rows]
    late = sum(d < 0 for d, _, _ in days_left(sample_loans))
    assert section.blocks[-1] == Paragraph(t("pack_guarantors_late", n=late), "warning")


def test_without_a_guarantor_column_the_pack_says_so(loans_120, ledger_file):
    result = run(ledger_file(loans_120, LedgerShape(drop_fields=("guarantor",))))
    section = gather(result, made=MADE).section("guarantors")
    assert section == Section("guarantors", t("pack_s_guarantors"), (Paragraph(t("pack_guarantors_no_column")),))


def test_a_negative_soon_is_a_user_error(sample_result):
    with pytest.raises(LedgerError):
        gather(sample_result, soon_days=-1)


# ---------------------------------------------------------------- the record, the promises and the trend


def test_without_a_store_the_progress_and_the_trend_say_there_is_none_yet(pack):
    assert [b.text for b in pack.section("progress").blocks] == [t("pack_no_store")]
    assert [b.text for b in pack.section("trend").blocks] == [t("pack_trend_none")]


@pytest.fixture
def record_store(generated_record, record_files, tmp_path, cli):
    """An SQLite store holding the generated pair's earlier ledger as a snapshot and the generated record."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert cli("snapshot", "save", record_files.old, "--store", url).code == 0
    assert cli("actions", "import", record_files.csv, "--coop", COOP, "--store", url).code == 0
    engine = store.open_store(url)
    yield engine
    engine.dispose()


def test_the_plans_progress_is_the_records(generated_record, record_files, record_store, monkeypatch):
    new = run(record_files.new)
    found = history(record_store, new.ledger.coop, new.as_of)
    pack = gather(new, history_of=found, made=MADE)
    pair, promised = generated_record.pair, generated_record.promises
    assert pair.as_of_new == date(2024, 4, 30)
    april = [a for a in generated_record.actions if (a["date"].year, a["date"].month) == (2024, 4)]
    kinds = sorted({a["kind"] for a in april},
                   key=lambda k: (-sum(a["kind"] == k for a in april), -len({key(a["member"]) for a in april if a["kind"] == k}), k))
    done = Table((t("pack_col_action"), t("pack_col_actions"), t("pack_col_reached")), (
        *((t(f"action_{k}"), f"{sum(a['kind'] == k for a in april):,}",
           f"{len({key(a['member']) for a in april if a['kind'] == k}):,}") for k in kinds),
        (t("pack_total"), f"{len(april):,}", f"{len({key(a['member']) for a in april}):,}")), (False, True, True), total=True)
    counts = Table((t("pack_col_promises"), t("pack_col_count"), t("pack_col_amount_baht")), (
        (t("pack_promise_kept"), f"{promised['kept']:,}", money(promised["kept_amount"] / 100)),
        (t("pack_promise_broken"), f"{promised['broken']:,}", money(promised["broken_amount"] / 100)),
        (t("pack_promise_pending"), f"{promised['pending']:,}", "-")), (False, True, True))
    # the number as the earlier ledger writes it (spaces read away), the name as the later one has it, else the earlier
    numbers = {key(m): "".join(str(m).split()) for m in pair.old["member_no"]}
    names = {key(m): (numbers.get(key(m), m), n) for loans in (pair.old, pair.new)
             for m, n in zip(loans["member_no"], loans["name"])}
    broken = sorted((promised_on, names[k]) + (amount, paid) for k, promised_on, amount, paid in promised["broken_list"])
    listed = Table((t("col_member"), t("col_name"), t("col_promised_date"), t("pack_col_promised_baht"),
                    t("pack_col_paid_baht")),
                   tuple((m, n, f"{d.day} {THAI_MONTHS_SHORT[d.month - 1]} {d.year + 543}", money(amount / 100),
                          money(paid / 100)) for d, (m, n), amount, paid in broken), (False, False, False, True, True))
    assert pack.section("progress").title == t("pack_s_progress")
    assert pack.section("progress").blocks == (
        Paragraph(t("pack_store_used", where=found.where), "note"), Paragraph("สิ่งที่ทำในเดือนเมษายน 2567"), done,
        Paragraph("การนัดชำระ: เทียบทะเบียน ณ 31 มีนาคม 2567 ที่บันทึกไว้ กับทะเบียนนี้ ณ 30 เมษายน 2567"), counts,
        Paragraph(t("pack_broken_title", n=len(broken))), listed)
    assert len(broken) > 2
    english = gather(new, "en", history_of=found, made=MADE)
    assert paragraphs(english, "progress")[1:] == [
        "Actions done in April 2024", "Promises to pay: the ledger saved as of 31 March 2024 against this one as of 30 April 2024",
        f"The {len(broken):,} broken promises"]
    monkeypatch.setattr(content, "LISTED", 2)
    cut = gather(new, history_of=found, made=MADE).section("progress").blocks
    assert cut[-2].rows == listed.rows[:2] and cut[-1] == Paragraph(t("and_more", n=len(broken) - 2), "note")
    monkeypatch.setattr(content, "LISTED", len(broken))  # every one listed: nothing more to say
    assert gather(new, history_of=found, made=MADE).section("progress").blocks[-1] == listed


def test_the_record_of_the_month_by_kind_the_members_reached_matched_as_the_follow_up_matches_them(sample_result):
    rows = [("00386", date(2024, 3, 5), "letter_sent"), ("386", date(2024, 3, 20), "letter_sent"),
            ("00367", date(2024, 3, 31), "letter_sent"), ("00367", date(2024, 3, 10), "contact"),
            ("00440", date(2024, 3, 2), "leader_visit"), ("00054", date(2024, 3, 3), "leader_visit"),
            ("00054", date(2024, 3, 1), "agreement"), ("54", date(2024, 3, 9), "agreement"),
            ("00328", date(2024, 2, 29), "letter_sent"), ("00328", date(2024, 4, 1), "contact"),
            ("00440", date(2023, 3, 15), "contact")]
    actions = pd.DataFrame(rows, columns=["member", "date", "kind"])
    pack = gather(sample_result, history_of=History(actions, (), "ที่เก็บ"), made=MADE)
    assert pack.section("progress").blocks == (
        Paragraph(t("pack_store_used", where="ที่เก็บ"), "note"), Paragraph("สิ่งที่ทำในเดือนมีนาคม 2567"),
        Table((t("pack_col_action"), t("pack_col_actions"), t("pack_col_reached")),
              ((t("action_letter_sent"), "3", "2"), (t("action_leader_visit"), "2", "2"), (t("action_agreement"), "2", "1"),
               (t("action_contact"), "1", "1"), (t("pack_total"), "8", "4")), (False, True, True), total=True),
        Paragraph(t("pack_promises_need_earlier"), "note"))
    english = gather(sample_result, "en", history_of=History(actions, (), "x"), made=MADE)
    assert [r[0] for r in rows_of(english, "progress")] == ["Letter sent", "Leader visit", "Restructuring signed",
                                                             "Contact", "Total"]


def test_a_promise_broken_by_a_member_in_no_ledger_has_no_name_and_aliases_hide_them_all(sample_result):
    earlier = replace(store.of_result(sample_result), as_of=date(2024, 2, 29))  # the same figures a month before
    actions = checked([{"member": "00386", "date": "2024-03-01", "kind": "promise", "amount": "1000",
                        "promised_date": "2024-03-15"},
                       {"member": "99999", "date": "2024-03-02", "kind": "promise", "amount": "500",
                        "promised_date": "2024-03-20"},
                       {"member": "00367", "date": "2024-03-03", "kind": "promise", "amount": "700",
                        "promised_date": "2024-04-15"}])
    found = History(actions, (earlier,), "x")
    pack = gather(sample_result, history_of=found, made=MADE)
    assert rows_of(pack, "progress", 1) == [(t("pack_promise_kept"), "0", "0.00"),
                                            (t("pack_promise_broken"), "2", "1,500.00"),
                                            (t("pack_promise_pending"), "1", "-")]
    assert rows_of(pack, "progress", 2) == [("00386", "นาง มาลี แสงทอง", "15 มี.ค. 2567", "1,000.00", "0.00"),
                                            ("99999", "", "20 มี.ค. 2567", "500.00", "0.00")]
    english = gather(sample_result, "en", history_of=found, alias_key=b"k" * 32, made=MADE)
    (known, unknown) = rows_of(english, "progress", 2)
    assert re.fullmatch(r"Member \d{3}", known[0]) and known[1] == known[0] and known[2] == "15 Mar 2024"
    assert unknown[:3] == (t("hidden", "en"), t("hidden", "en"), "20 Mar 2024")


@pytest.mark.parametrize("months", [[], [date(2024, 2, 29), date(2024, 4, 1)]])
def test_a_month_without_an_action_says_none_was_recorded(sample_result, months):
    actions = pd.DataFrame({"member": ["00386"] * len(months), "date": months, "kind": ["contact"] * len(months)})
    blocks = gather(sample_result, "en", history_of=History(actions, (), "x"), made=MADE).section("progress").blocks
    assert blocks[1:3] == (Paragraph("Actions done in March 2024"), Paragraph(t("pack_actions_none", "en"), "note"))


def test_the_trend_is_each_earlier_snapshot_then_this_ledger(generated_record, record_files, record_store):
    new = run(record_files.new)
    pair = generated_record.pair
    found = history(record_store, new.ledger.coop, new.as_of)
    section = gather(new, history_of=found, made=MADE).section("trend")
    then, now = (expected_figures(loans, as_of) for loans, as_of in ((pair.old, pair.as_of_old),
                                                                     (pair.new, pair.as_of_new)))
    labels = ("31 มี.ค. 2567", "30 เม.ย. 2567")
    members = (then["members_overdue"], now["members_overdue"])
    overdue = section.blocks[0].data.overdue
    assert all(baht_equal(a, b) for a, b in zip(overdue, (then["overdue"], now["overdue"]), strict=True))
    assert section.title == t("pack_s_trend") and section.blocks == (
        Figure("trend", t("pack_fig_trend"), Trend(labels, overdue, members, "บาท", t("members_overdue"))),
        Table((t("pack_col_ledger_date"), t("members_overdue"), t("pack_col_overdue_baht")),
              tuple((d, f"{m:,}", money(o)) for d, m, o in zip(labels, members, (then["overdue"], now["overdue"]))),
              (False, True, True)))
    english = gather(new, "en", history_of=found, made=MADE).section("trend").blocks[0].data
    assert english.labels == ("31 Mar 2024", "30 Apr 2024") and english.overdue_axis == "baht"


def test_with_a_store_but_no_earlier_ledger_promises_wait_for_one(generated_record, record_files, tmp_path, cli):
    url = f"sqlite:///{tmp_path / 'store.db'}"
    assert cli("actions", "import", record_files.csv, "--coop", COOP, "--store", url).code == 0
    new = run(record_files.new)
    pack = gather(new, history_of=history(store.open_store(url), new.ledger.coop, new.as_of), made=MADE)
    assert t("pack_promises_need_earlier") in paragraphs(pack, "progress")
    assert [b.text for b in pack.section("trend").blocks] == [t("pack_trend_none")]


def test_the_history_is_this_coops_snapshots_before_the_ledger_the_last_saved_of_a_date(sample_result, tmp_path):
    engine = store.open_store(f"sqlite:///{tmp_path / 'store.db'}")
    snap = store.of_result(sample_result)
    halved = snap.members.assign(overdue=snap.members["overdue"] / 2)
    for coop, day, members in ((snap.coop, date(2024, 1, 31), snap.members), (snap.coop, date(2024, 2, 29), snap.members),
                               (f"  {snap.coop} ", date(2024, 2, 29), halved), ("สหกรณ์อื่น", date(2024, 2, 15), snap.members),
                               (snap.coop, date(2024, 3, 31), snap.members), (snap.coop, date(2024, 4, 30), snap.members)):
        store.save(engine, replace(snap, coop=coop, as_of=day, members=members))
    assert history(engine, snap.coop, AS_OF).actions.empty
    for coop, member in ((snap.coop, "00386"), ("สหกรณ์อื่น", "00367")):
        record.add(engine, coop, checked([{"member": member, "date": "2024-03-05", "kind": "contact"}]))
    found = history(engine, sample_result.ledger.coop, AS_OF)
    assert [s.as_of for s in found.earlier] == [date(2024, 1, 31), date(2024, 2, 29)]
    assert found.earlier[1].members["overdue"].sum() == pytest.approx(halved["overdue"].sum())
    assert found.where == str((tmp_path / "store.db").resolve()) and found.actions["member"].tolist() == ["00386"]


# ---------------------------------------------------------------- the loan-quality classes


def by_hand(loans: pd.DataFrame) -> pd.DataFrame:
    """The sample's loans with each one's overdue amount (its principal overdue where it is past due) and whether
    its member is doubtful: the sample has no status column, so a debtor is doubtful where a loan of theirs is
    overdue more than 6 and up to 12 months (a started month counting), with all their loans."""
    def months(due: date) -> int:
        return (AS_OF.year - due.year) * 12 + AS_OF.month - due.month + (AS_OF.day > due.day)

    due = [None if pd.isna(d) else pd.Timestamp(d).date() for d in loans["due_date"]]
    late = [d is not None and d < AS_OF and p > 0 for d, p in zip(due, loans["principal_overdue"])]
    fits = {m for m, d, x in zip(loans["member_no"], due, late) if x and 6 < months(d) <= 12}
    return loans.assign(overdue_amount=loans["principal_overdue"].where(late, 0.0),
                        doubtful=loans["member_no"].isin(fits))


def class_figures(loans: pd.DataFrame) -> tuple[str, ...]:
    return (f"{len(loans):,}", f"{loans['member_no'].nunique():,}", money(loans["outstanding"].sum()),
            money(loans["overdue_amount"].sum()))


def test_the_classes_are_counted_with_every_allowance_not_set(pack, sample_loans):
    loans = by_hand(sample_loans)
    doubtful, rest = loans[loans["doubtful"]], loans[~loans["doubtful"]]
    rule = "ค้างเกิน 6 ถึง 12 เดือน; สถานะ ดำเนินคดี / ฟ้องแล้ว, พิพากษาแล้ว, บังคับคดี ขณะค้างชำระ"
    classes = Table(
        (t("pack_col_class"), t("pack_col_loans"), t("pack_col_members"), t("pack_col_outstanding_baht"),
         t("pack_col_overdue_baht"), t("pack_col_allowance")),
        ((f"ต่ำกว่ามาตรฐาน\nสถานะ ปรับโครงสร้างหนี้ ขณะค้างชำระ\n{t('pack_rule_registrar')}", "0", "0", "0.00", "0.00",
          t("pack_not_set")),
         (f"สงสัย\n{rule}\n{t('pack_rule_registrar')}", *class_figures(doubtful), t("pack_not_set")),
         (t("class_unclassified"), *class_figures(rest), "-"),
         (t("pack_total"), *class_figures(loans), t("pack_not_set"))),
        (False, True, True, True, True, True), total=True, prose=(True, False, False, False, False, True))
    per_member = doubtful.groupby("member_no").agg(name=("name", "first"), interest=("interest_arrears", "sum"))
    most = sorted(per_member.itertuples(), key=lambda m: (-round(m.interest, 2), m.Index))
    stopping = Table((t("col_member"), t("col_name"), t("pack_col_class_name"), t("pack_col_interest_baht")),
                     tuple((m.Index, m.name, "สงสัย", money(m.interest)) for m in most[:30]), (False, False, False, True))
    section = pack.section("classes")
    assert section.title == t("pack_s_classes")
    assert section.blocks == (
        Paragraph(t("pack_classes_about", regulation=t("classes_regulation"))), classes,
        Paragraph(t("classes_no_status"), "note"), Paragraph(t("pack_rates_not_set"), "note"),
        Paragraph(t("pack_non_accrual", n=len(per_member), interest=money(doubtful["interest_arrears"].sum()))),
        stopping, Paragraph(t("and_more", n=len(per_member) - 30), "note"))


def test_the_classes_in_english(sample_result):
    section = gather(sample_result, "en", made=MADE).section("classes")
    heads = [r[0] for r in section.blocks[1].rows]
    assert heads == ["Substandard\nrestructured while overdue\n(the Registrar's rule)",
                     "Doubtful\nover 6 and up to 12 months overdue; sued, judgment, enforcement while overdue\n"
                     "(the Registrar's rule)", t("class_unclassified", "en"), "Total"]
    assert section.blocks[1].rows[0][5] == "not set"
    assert section.blocks[0] == Paragraph(t("pack_classes_about", "en", regulation=t("classes_regulation", "en")))
    assert section.blocks[2] == Paragraph(t("classes_no_status", "en"), "note")
    assert {r[2] for r in section.blocks[5].rows} == {"Doubtful"}


def test_with_rates_typed_in_the_allowance_is_the_rate_of_the_outstanding(sample_loans):
    from kmdash.settings import REGISTRAR_CLASSES, LoanClasses

    rates = LoanClasses(tuple(replace(row, provision=p) for row, p in zip(REGISTRAR_CLASSES, (20.0, 50.0))))
    pack = gather(run(SAMPLE, Options(settings=Settings(classes=rates))), made=MADE)
    doubtful = by_hand(sample_loans).query("doubtful")
    rows = rows_of(pack, "classes")
    half = money(round(doubtful["outstanding"].sum() * 0.5, 2))
    assert [r[5] for r in rows] == ["20%\n0.00", f"50%\n{half}", "-", half]
    assert t("pack_rates_not_set") not in paragraphs(pack, "classes")


def test_without_outstanding_and_interest_columns_the_classes_say_what_is_not_known(loans_120, ledger_file):
    result = run(ledger_file(loans_120, LedgerShape(drop_fields=("outstanding", "interest_arrears"))))
    section = gather(result, made=MADE).section("classes")
    rows = section.blocks[1].rows
    assert {r[3] for r in rows} == {"-"} and all(r[4] != "-" for r in rows)
    said = [b.text for b in section.blocks if isinstance(b, Paragraph)]
    assert t("classes_no_outstanding") in said and t("classes_no_interest") in said
    stopping = [b for b in section.blocks if isinstance(b, Table)][1]
    assert stopping.rows and {r[3] for r in stopping.rows} == {"-"}
    assert any(p.startswith("ลูกหนี้ที่หยุดรับรู้ดอกเบี้ยเป็นรายได้") and p.endswith("ดอกเบี้ยค้างชำระรวม - บาท") for p in said)


def test_a_class_of_the_coops_own_says_so_and_its_rule_in_words(sample_result):
    from kmdash.settings import LoanClass, LoanClasses

    own = LoanClasses((LoanClass("watch", months_to=3, names=("เฝ้าระวัง", "Watch")),
                       LoanClass("loss", months_from=12, statuses=("bankrupt",), when_overdue=False,
                                 names=("สูญ", "Loss"))))
    result = run(SAMPLE, Options(settings=Settings(classes=own)))
    heads = [r[0] for r in rows_of(gather(result, "en", made=MADE), "classes")]
    assert heads[:2] == ["Watch\nup to 3 months overdue\n(set by the co-op)",
                         "Loss\nover 12 months overdue; bankrupt\n(set by the co-op)"]


# ---------------------------------------------------------------- privacy


def test_with_aliases_no_name_number_contract_or_guarantor_is_left(sample_result, personal):
    names, numbers = personal
    pack = gather(sample_result, alias_key=b"k" * 32, made=MADE)
    every = "\n".join(texts(pack))
    assert [n for n in names if n in every] == [] and [m for m in numbers if m in every] == []
    assert pack.cover.masked and pack.cover.privacy == t("pack_privacy_aliases")
    top = rows_of(pack, "pareto")
    assert all(re.fullmatch(r"สมาชิก \d{3}", r[0]) and r[1] == r[0] for r in top)
    soon = rows_of(pack, "guarantors")
    assert soon and all(r[2] == r[3] == t("hidden") for r in soon)


def test_another_key_numbers_the_members_anew(sample_result):
    first, second = (rows_of(gather(sample_result, alias_key=k * 32, made=MADE), "pareto") for k in (b"a", b"b"))
    assert [r[0] for r in first] != [r[0] for r in second]
    assert [r[2:] for r in first] == [r[2:] for r in second]  # the same debtors, in the same order


def test_a_pack_in_english_names_its_aliases_in_english(sample_result):
    rows = rows_of(gather(sample_result, "en", alias_key=b"k" * 32, made=MADE), "pareto")
    assert all(re.fullmatch(r"Member \d{3}", r[0]) for r in rows)


# ---------------------------------------------------------------- the charts


@pytest.mark.parametrize("section", ["aging", "groups", "pareto"])
def test_the_charts_svg_holds_its_text_as_outlines_and_the_png_is_200_dpi(pack, section):
    from PIL import Image
    import io

    figure = blocks(pack, section, Figure)[0]
    svg = ET.fromstring(charts.draw(figure, "svg"))
    tags = {element.tag.rpartition("}")[2] for element in svg.iter()}
    assert "text" not in tags and "path" in tags
    image = Image.open(io.BytesIO(charts.draw(figure, "png")))
    assert image.format == "PNG" and round(image.info["dpi"][0]) == 200
    assert image.width == round(charts.WIDTH * 200)


def drawn(data) -> list:
    """The axes of a chart drawn from `data`, tick labels laid out."""
    canvas = charts.chart(data)
    canvas.draw_without_rendering()
    return canvas.axes


def labels(axis) -> list[str]:
    """The tick labels within the axis' view."""
    low, high = sorted(axis.get_view_interval())
    return [label.get_text() for tick, label in zip(axis.get_ticklocs(), axis.get_ticklabels())
            if label.get_text() and low <= tick <= high]


def thousands(texts: list[str]) -> bool:
    """Whole numbers written with thousands separators, and some of them past a thousand."""
    return all(re.fullmatch(r"\d{1,3}(,\d{3})*", x) for x in texts) and any("," in x for x in texts)


def test_amounts_on_the_axes_have_thousands_separators_and_long_bucket_names_two_lines():
    bars = Bars(("1-30 วัน", "เกิน 3 ปี"), (1_500_000.0, 2_750_000.0), ("a", "b"), "บาท")
    (ax,) = drawn(bars)
    assert thousands(labels(ax.yaxis))
    assert labels(ax.xaxis) == ["1-30\nวัน", "เกิน\n3 ปี"]
    assert ax.get_ylim()[1] == pytest.approx(2_750_000 * 1.3)
    assert [text.get_text() for text in ax.texts] == ["a", "b"]


def test_notes_over_many_bars_get_smaller_to_fit_side_by_side():
    seven = Bars(("a",) * 7, (1.0,) * 7, ("3,085,457\n42 members",) * 7, "baht")
    assert charts._note_size(seven) == pytest.approx(6.7 * 72 * 0.75 / 7 / (0.6 * 10))
    assert charts._note_size(replace(seven, notes=("1\n2 คน",) * 7)) == 10.5
    assert charts._note_size(replace(seven, across=True)) == 10.5
    assert charts._note_size(Bars((), (), (), "baht")) == 10.5
    (ax,) = drawn(seven)
    assert [text.get_fontsize() for text in ax.texts] == [pytest.approx(charts._note_size(seven))] * 7


def test_horizontal_bars_put_the_first_label_on_top_and_grow_with_their_number():
    bars = Bars(tuple(f"กลุ่ม {i}" for i in range(12)), tuple(float(12 - i) * 100_000 for i in range(12)),
                ("",) * 12, "บาท", across=True)
    (ax,) = drawn(bars)
    ticks = sorted(zip(ax.get_yticks(), labels(ax.yaxis)), reverse=True)
    assert [label for _, label in ticks] == list(bars.labels)
    assert thousands(labels(ax.xaxis))
    assert charts._height(bars) == pytest.approx(0.9 + 0.36 * 12)
    assert charts._height(replace(bars, labels=bars.labels[:2])) == charts.HEIGHT
    assert charts._height(replace(bars, across=False)) == charts.HEIGHT


def test_the_pareto_chart_marks_its_80_percent_point_and_the_trend_its_members():
    curve = Curve((1, 2, 3, 4), (50.0, 80.0, 95.0, 100.0), 2, "2 จาก 4 คน", "สมาชิก", "%")
    (ax,) = drawn(curve)
    assert ax.get_ylim() == (0, 105) and ax.get_xlim() == (0, 4)
    assert [text.get_text() for text in ax.texts] == ["2 จาก 4 คน"]
    assert [tuple(line.get_xdata()) for line in ax.lines if tuple(line.get_xdata()) == (2, 2)]
    trend = Trend(("ม.ค.", "ก.พ."), (1_200_000.0, 900_000.0), (40, 35), "บาท", "คน")
    bars, people = drawn(trend)
    assert labels(bars.xaxis) == ["ม.ค.", "ก.พ."] and thousands(labels(bars.yaxis))
    assert [text.get_text() for text in people.texts] == ["40", "35"]
    assert [text.get_text() for text in bars.texts] == ["1,200,000", "900,000"]
    assert people.get_ylim()[1] == pytest.approx(40 * 1.15) and bars.get_ylim()[1] == pytest.approx(1_200_000 * 1.7)


def test_dollar_signs_in_a_groups_name_are_text_not_mathtext():
    bars = Bars(("$\\frac{1}{$ กลุ่ม", "$x^2$"), (1.0, 2.0), ("$", "$$"), "บาท", across=True)
    (ax,) = drawn(bars)
    assert labels(ax.yaxis) == ["$\\frac{1}{$ กลุ่ม", "$x^2$"]
    assert charts.draw(Figure("groups", "", bars), "png")[:4] == b"\x89PNG"


def test_a_long_groups_name_is_cut_on_the_chart_and_whole_in_the_table():
    name = "กลุ่มที่ 1 " + "บ้าน" * 20
    (ax,) = drawn(Bars((name, "สั้น"), (2.0, 1.0), ("", ""), "บาท", across=True))
    assert labels(ax.yaxis) == [name[:39] + "…", "สั้น"]
    (ax,) = drawn(Bars((name[:40],), (2.0,), ("",), "บาท", across=True))
    assert labels(ax.yaxis) == [name[:40]]


def test_a_ledger_with_nothing_overdue_makes_a_pack_of_empty_charts():
    result = run(SAMPLE, Options(as_of=date(2000, 1, 1)))
    empty = gather(result, made=MADE)
    curve = blocks(empty, "pareto", Figure)[0].data
    assert (curve.ranks, curve.mark) == ((), 0) and rows_of(empty, "pareto") == []
    assert blocks(empty, "groups", Figure)[0].data.labels == ()
    assert set(blocks(empty, "aging", Figure)[0].data.values) == {0.0}
    assert empty.section("guarantors").blocks[2:] == (Paragraph(t("pack_guarantors_none", n=15)),
                                                      Paragraph(t("pack_guarantors_no_record"), "note"))
    for figure in (b for s in empty.sections for b in s.blocks if isinstance(b, Figure)):
        assert charts.draw(figure, "png")[:4] == b"\x89PNG"


def rgba(colour, alpha: float = 1.0) -> tuple:
    from matplotlib.colors import to_rgba

    return to_rgba(colour, alpha)


def test_bars_are_drawn_in_the_packs_look():
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    up = Bars(("ก", "ข"), (1_000.0, 3_000.0), ("n1", "n2"), "บาท")
    canvas = charts.chart(up)
    canvas.draw_without_rendering()
    (ax,) = canvas.axes
    assert [p.get_height() for p in ax.patches] == [1_000.0, 3_000.0]
    assert {p.get_facecolor() for p in ax.patches} == {rgba(charts.OVERDUE)}
    assert ax.get_ylabel() == "บาท" and ax.get_ylim() == (0, pytest.approx(3_000 * 1.3))
    assert [(a.xyann, a.get_fontsize()) for a in ax.texts] == [((0, 3), 10.5)] * 2
    assert isinstance(canvas.get_layout_engine(), ConstrainedLayoutEngine)
    assert labels(drawn(replace(up, values=(1_000.0, 4_000.0)))[0].yaxis) == ["0", "1,500", "3,000", "4,500"]  # 5 steps
    assert tuple(canvas.get_size_inches()) == (6.7, 3.3)
    assert {x.get_fontfamily()[0] for x in (*ax.get_xticklabels(), ax.yaxis.label)} == {"Laksaman"}
    assert tuple(charts.chart(Bars(("ก",) * 12, (1.0,) * 12, ("",) * 12, "บาท", across=True)).get_size_inches()) == \
        (6.7, pytest.approx(0.9 + 0.36 * 12))
    (ax,) = drawn(replace(up, across=True))
    assert [p.get_width() for p in ax.patches] == [1_000.0, 3_000.0]
    assert {p.get_facecolor() for p in ax.patches} == {rgba(charts.OVERDUE)}
    assert ax.get_xlabel() == "บาท" and ax.get_xlim() == (0, pytest.approx(3_000 * 1.45))
    assert [a.xyann for a in ax.texts] == [(3, 0)] * 2


def test_the_pareto_curve_is_drawn_in_the_packs_look():
    curve = Curve((1, 2, 3, 4), (50.0, 80.0, 95.0, 100.0), 2, "2 จาก 4 คน", "สมาชิก", "ร้อยละ")
    (ax,) = drawn(curve)
    line, eighty, mark = ax.lines
    assert (tuple(line.get_xdata()), tuple(line.get_ydata())) == ((1, 2, 3, 4), (50.0, 80.0, 95.0, 100.0))
    assert (rgba(line.get_color()), line.get_linewidth()) == (rgba(charts.OVERDUE), 2.5)
    assert (tuple(eighty.get_ydata()), rgba(eighty.get_color()), eighty.get_linestyle(), eighty.get_linewidth()) == \
        ((80, 80), rgba(charts.NEUTRAL), "--", 1)
    assert (tuple(mark.get_xdata()), rgba(mark.get_color()), mark.get_linestyle(), mark.get_linewidth()) == \
        ((2, 2), rgba(charts.MEMBERS), "--", 1)
    (note,) = ax.texts
    assert (note.get_text(), note.xy, note.xyann, note.get_fontsize()) == ("2 จาก 4 คน", (2, 80), (12, -36), 12)
    assert note.arrow_patch is not None and rgba(note.arrow_patch.get_edgecolor()) == rgba(charts.MEMBERS)
    box = note.get_bbox_patch()
    assert (rgba(box.get_facecolor()), rgba(box.get_edgecolor())) == (rgba("white"), rgba(charts.MEMBERS))
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("สมาชิก", "ร้อยละ")
    (ax,) = drawn(replace(curve, mark=0))
    assert len(ax.lines) == 2 and list(ax.texts) == []


def test_the_trend_is_drawn_in_the_packs_look():
    trend = Trend(("ม.ค.", "ก.พ."), (1_200_000.0, 900_000.0), (40, 35), "บาท", "คน")
    bars, people = drawn(trend)
    assert [p.get_height() for p in bars.patches] == [1_200_000.0, 900_000.0]
    assert [round(p.get_width(), 6) for p in bars.patches] == [0.6, 0.6]
    assert {p.get_facecolor() for p in bars.patches} == {rgba(charts.OVERDUE, 0.8)}
    assert [(a.xyann, a.get_fontsize()) for a in bars.texts] == [((0, 2), 11)] * 2
    (line,) = people.lines
    assert (tuple(line.get_ydata()), rgba(line.get_color()), line.get_marker(), line.get_linewidth()) == \
        ((40, 35), rgba(charts.MEMBERS), "o", 2)
    assert [(a.xy, a.xyann, a.get_ha(), rgba(a.get_color()), a.get_fontsize()) for a in people.texts] == \
        [((0, 40), (0, 7), "center", rgba(charts.MEMBERS), 11), ((1, 35), (0, 7), "center", rgba(charts.MEMBERS), 11)]
    assert (bars.get_ylabel(), people.get_ylabel()) == ("บาท", "คน")
    assert bars.get_ylim() == (0, pytest.approx(1_200_000 * 1.7)) and people.get_ylim() == (0, pytest.approx(40 * 1.15))
    assert labels(drawn(replace(trend, members=(1, 3)))[1].yaxis) == ["0", "1", "2", "3"]  # whole members only
    assert rgba(people.yaxis.label.get_color()) == rgba(charts.MEMBERS) and people.spines["right"].get_visible()
    assert labels(people.yaxis) and all(x.isdigit() for x in labels(people.yaxis))  # whole members


def test_the_same_chart_draws_the_same_svg_without_a_date():
    figure = Figure("aging", "", Bars(("ก",), (1.0,), ("1",), "บาท"))
    first = charts.draw(figure)
    assert first == charts.draw(figure) and b"<dc:date>" not in first and first.lstrip().startswith(b"<?xml")


def test_no_bar_and_no_member_draws_an_empty_chart():
    (ax,) = drawn(Bars((), (), (), "บาท"))
    assert ax.get_ylim()[1] == pytest.approx(1.3)
    (ax,) = drawn(Curve((), (), 0, "", "x", "y"))
    assert list(ax.texts) == [] and ax.get_xlim() == (0, 1)


# ---------------------------------------------------------------- the HTML the PDF is made from


def hand_made(name: str) -> Pack:
    table = Table(("เลขสมาชิก", "ชื่อ", "บาท"), (("00017", name, "1,000.00"), ("รวม", "", "1,000.00")),
                  (False, False, True), total=True)
    section = Section("x", name, (Paragraph(name, "warning"), Tiles((Tile(name, "1", name),)), table,
                                  Table(("a",), ((name,),), (False,), prose=(True,))))
    return Pack("th", Cover(name, "h", (("ไฟล์", name),), ("วันที่ประชุม", "...."), "p", True), (section,),
                "หน้า {page} จาก {pages}", name)


def test_text_from_the_file_is_escaped_everywhere_in_the_html():
    name = 'นาย <b>ก</b> & "ข" <script>x</script>'
    html = pdf.html_of(hand_made(name))
    assert "<b>" not in html and "<script>" not in html
    assert html.count("นาย &lt;b&gt;ก&lt;/b&gt; &amp; &quot;ข&quot; &lt;script&gt;x&lt;/script&gt;") >= 6
    assert '<span class="w">&lt;b&gt;ก&lt;/b&gt; </span><wbr>' in html  # a name's words kept whole
    assert '<tr class="total"><td><span class="w">รวม</span></td><td><span class="w"></span></td><td class="num">1,000.00' in html
    assert '<td class="prose">นาย &lt;b&gt;ก' in html  # sentences: broken between any words
    assert '<p class="privacy masked">' in html and '<html lang="th">' in html


def test_the_html_of_a_small_pack_whole():
    pack = Pack("th", Cover("ส<1>", "h", (("a", "b"), ("c", "d")), ("m", ".."), "p", False), (Section("k", "T", (
        Paragraph("x"), Tiles((Tile("l", "v", "n"), Tile("l2", "v2", ""))),
        Table(("h1", "h2"), (("ก ข", "1"), ("รวม", "2")), (False, True), total=True),
        Table(("p",), (("s\nt",), ("u",)), (False,), prose=(True,)))),), "P {page}/{pages}", "run")
    assert pdf.html_of(pack) == (
        '<!DOCTYPE html><html lang="th"><head><meta charset="utf-8"><title>ส&lt;1&gt;</title></head><body>'
        '<div class="running">run</div><section class="cover"><h1>ส&lt;1&gt;</h1><p class="heading">h</p>'
        '<table class="facts"><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>'
        '<p class="meeting">m ..</p><p class="privacy">p</p></section><section class="part" id="k"><h2>T</h2>'
        '<p class="body">x</p><div class="tiles"><div class="tile"><div class="label">l</div><div class="value">v</div>'
        '<div class="note">n</div></div><div class="tile"><div class="label">l2</div><div class="value">v2</div>'
        '<div class="note"></div></div></div><table class="data"><thead><tr><th>h1</th><th class="num">h2</th></tr>'
        '</thead><tbody><tr><td><span class="w">ก </span><wbr><span class="w">ข</span></td><td class="num">1</td></tr>'
        '<tr class="total"><td><span class="w">รวม</span></td><td class="num">2</td></tr></tbody></table>'
        '<table class="data"><thead><tr><th class="prose">p</th></tr></thead><tbody><tr><td class="prose">s<br>t</td>'
        '</tr><tr><td class="prose">u</td></tr></tbody></table></section></body></html>')


def test_a_figure_is_a_png_across_the_page_with_its_caption():
    import base64

    html = pdf._figure(Figure("aging", "<ภาพ>", Bars(("ก",), (1.0,), ("1",), "บาท")))
    head, _, rest = html.partition('<img src="data:image/png;base64,')
    data, _, tail = rest.partition('" alt="">')
    assert head == '<figure class="aging">' and tail == "<figcaption>&lt;ภาพ&gt;</figcaption></figure>"
    assert base64.b64decode(data)[:4] == b"\x89PNG"


def test_a_names_words_stay_whole_and_its_lines_break_only_at_its_spaces():
    assert pdf._words("นาย ก ข") == ('<span class="w">นาย </span><wbr><span class="w">ก </span><wbr>'
                                     '<span class="w">ข</span>')
    assert pdf._words("ก\nข ค") == '<span class="w">ก</span><br><span class="w">ข </span><wbr><span class="w">ค</span>'


def test_the_page_numbers_are_css_counters_between_the_words():
    assert pdf.page_numbers("หน้า {page} จาก {pages}") == \
        '@page { @bottom-center { content: "หน้า " counter(page) " จาก " counter(pages); } }'
    assert pdf.page_numbers("{page}") == "@page { @bottom-center { content: counter(page); } }"
    assert 'content: "Page " counter(page) " of " counter(pages);' in pdf.page_numbers("Page {page} of {pages}")
    assert pdf.css_string('a"b\\c\nd') == '"a\\22 b\\5c c\\a d"'
    assert pdf.css_string("X\tY") == '"X\\9 Y"'


def test_a_glyph_named_for_its_character_reads_back_as_it():
    names = [".notdef", "space", "uni0E49.low", "uni0E4D", "f_i", "uni0E010E02"]
    assert pdf._own_text(b"<0002> <f70b>", names) == b"<0002> <0e49>"
    assert pdf._own_text(b"<0003> <>", names) == b"<0003> <0e4d>"
    assert pdf._own_text(b"<0005> <0041>", names) == b"<0005> <0e010e02>"
    for unchanged in (b"<0001> <0020>", b"<0004> <00660069>", b"<0009> <0041>", b"endbfchar", b"1 beginbfchar"):
        assert pdf._own_text(unchanged, names) == unchanged
