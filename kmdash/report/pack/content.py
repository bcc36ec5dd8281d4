"""The board pack's content: a ledger's Result (and the store's record and earlier snapshots of the co-op) ->
a `Pack`, pure data in one language, which a renderer lays out (`pdf.render`, `docx.render`).

How a renderer walks it:
- `pack.cover`: the co-op's name (`title`), the pack's name (`heading`), (label, value) lines (`facts`: the
  ledger's date in BE, the file, the day the pack was made), the line for the meeting's date (`meeting`: a label
  and a line of dots to write on) and the privacy statement (`privacy`, said plainly); a page of its own.
- `pack.sections` in order: each a heading (`title`) and its `blocks` in order, each block one of
    `Paragraph` (text; `kind` "body", "note" (smaller, a source or a setting) or "warning"),
    `Tiles` (the headline figures: label, value and a small note each, laid out as a grid),
    `Table` (headers, rows of cells already formatted as text, `numbers[i]` True where column i is a number
      to align right, `total` True where the last row is a total, `prose[i]` True where column i holds
      sentences to break between words, other cells (names, dates, contract numbers) breaking only at their
      spaces; a cell may hold "\\n" line breaks; a row is never split across pages),
    `Figure` (a chart: `charts.draw(figure, "svg" | "png")` draws it; `caption` under it).
  A heading stays on the page of its first block.
- `pack.pages`: the page-number words with {page} and {pages} ("หน้า {page} จาก {pages}"); `pack.running`: the
  line at the top of every page after the cover.
Every text is already in `pack.lang`, member names and numbers already replaced by aliases where the pack
hides them: a renderer adds no words of its own and escapes every text (names come from the file).

Thresholds the handbook does not give are the project's example (the selector's, `SOON_DAYS`): the pack says so
beside what they produced, or that the co-op set them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from ... import record, store
from ...analyse import PAR_DAYS, pareto_count
from ...classes import NOTES as CLASS_NOTES
from ...classes import class_names, classify
from ...followup_actions import BROKEN, KEPT, PENDING
from ...followup import member_key
from ...followup_flow import follow_up
from ...i18n import t
from ...pipeline import Result
from ...privacy import aliases, mask
from ...settings import NOT_DUE, LoanClass, Selector, Settings
from ...store import Snapshot
from ...techniques.registry import by_number
from ...techniques.selector import rank
from ...techniques.sieving.guarantors import guarantor_list
from ...words import long_date
from ..display import baht, bucket, count, day, evidence, percent
from ..sieving.guarantor_letters import notified_on

SOON_DAYS = 15  # the project's example: guarantors whose 60 days end within this many days are listed
GROUPS_SHOWN = 10  # groups in the chart and the table; the rest counted
LISTED = 30  # rows of a list (guarantors, broken promises); the rest counted
TREND_POINTS = 12  # earlier snapshots in the trend, the latest ones
CURVE_POINTS = 500  # points of the Pareto curve kept: more do not change a printed picture
DOTS = "." * 40  # the meeting's date, written by hand


# ---------------------------------------------------------------- the document model


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = "body"  # "body", "note" (a source, a setting: smaller) or "warning"


@dataclass(frozen=True)
class Tile:
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Tiles:
    items: tuple[Tile, ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # cells formatted as text; "\n" breaks a line in a cell
    numbers: tuple[bool, ...]  # per column: a number, aligned right
    total: bool = False  # the last row is a total
    prose: tuple[bool, ...] = ()  # per column: sentences, broken between any words; other columns (names, dates,
    # numbers from the file, whose words no dictionary knows) break only at their spaces


@dataclass(frozen=True)
class Bars:
    """Bars with a text on each (`notes`), horizontal where `across`: the first label on top."""

    labels: tuple[str, ...]
    values: tuple[float, ...]
    notes: tuple[str, ...]
    axis: str  # the values' axis title
    across: bool = False


@dataclass(frozen=True)
class Curve:
    """The cumulative share (%) of the overdue against members ranked largest first, the 80% point marked."""

    ranks: tuple[int, ...]
    shares: tuple[float, ...]  # percent, 0-100
    mark: int  # members holding 80% (0: none)
    mark_note: str
    x_axis: str
    y_axis: str


@dataclass(frozen=True)
class Trend:
    """Per ledger date (earlier snapshots, then this ledger): the overdue (bars) and the members overdue (a line)."""

    labels: tuple[str, ...]
    overdue: tuple[float, ...]
    members: tuple[int, ...]
    overdue_axis: str
    members_axis: str


@dataclass(frozen=True)
class Figure:
    key: str  # "aging", "groups", "pareto", "trend": names the chart's file and tests
    caption: str
    data: Bars | Curve | Trend


Block = Paragraph | Tiles | Table | Figure


@dataclass(frozen=True)
class Section:
    key: str  # "overview", "aging", ...: for renderers' styles and tests
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Cover:
    title: str  # the co-op's name (the file's name where the ledger names none)
    heading: str  # the pack's name
    facts: tuple[tuple[str, str], ...]  # (label, value)
    meeting: tuple[str, str]  # (label, the dotted line to write the date on)
    privacy: str
    masked: bool  # names and member numbers replaced by aliases


@dataclass(frozen=True)
class Pack:
    lang: str
    cover: Cover
    sections: tuple[Section, ...]
    pages: str  # "หน้า {page} จาก {pages}"
    running: str  # the line atop every page after the cover

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


# ---------------------------------------------------------------- what the store holds for the co-op


@dataclass(frozen=True)
class History:
    """The store's record of actions of the co-op and its snapshots dated before the ledger (oldest first).
    `where` names the store; None where there is none (nothing kept yet)."""

    actions: pd.DataFrame | None = None  # record.listed's frame
    earlier: tuple[Snapshot, ...] = ()
    where: str | None = None


def history(engine, coop: str | None, as_of: date) -> History:
    """What `engine`'s store holds for `coop` before `as_of`: its record, and its last TREND_POINTS snapshots
    (of one date, the one saved last)."""
    listed = store.snapshots(engine)
    ours = record.coop_key(coop)
    mine = listed.loc[[record.coop_key(c) == ours and d < as_of for c, d in zip(listed["coop"], listed["as_of"])]]
    latest = mine.drop_duplicates("as_of").sort_values("as_of").tail(TREND_POINTS)  # listed latest saved first
    return History(record.listed(engine, coop), tuple(store.load(engine, int(i)) for i in latest["id"]),
                   store.where(engine))


# ---------------------------------------------------------------- gathering


@dataclass
class _Context:
    result: Result
    lang: str
    history: History
    alias: dict[str, str] | None  # member number -> alias; None: names shown
    soon_days: int
    made: date

    def shown(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The frame with member numbers and names as the pack shows them (aliases where it hides them)."""
        return frame if self.alias is None else mask(frame, self.alias, self.lang)

    def t(self, key: str, **values) -> str:
        return t(key, self.lang, **values)


def gather(result: Result, lang: str = "th", history_of: History = History(), alias_key: bytes | None = None,
           soon_days: int = SOON_DAYS, made: date | None = None) -> Pack:
    """The pack of `result` in `lang`: names shown, or replaced by aliases keyed by `alias_key` (a key of this
    run: another run numbers the members anew); guarantors whose 60 days end within `soon_days` days of the
    ledger's date; `made` the day it is made (today)."""
    members = result.analysis.members["member_no"]
    ctx = _Context(result, lang, history_of, None if alias_key is None else aliases(members, alias_key, lang),
                   soon_days, made or date.today())
    coop = _coop(result)
    return Pack(lang, _cover(ctx, coop), tuple(part(ctx) for part in PARTS), t("pack_pages", lang),
                f"{coop} · {t('pack_as_of', lang)} {long_date(result.as_of, lang)}")


def _coop(result: Result) -> str:
    return result.ledger.coop or Path(result.file).stem


def month_of(value: date, lang: str) -> str:
    """"มีนาคม 2567" in Thai, "March 2024" in English."""
    return long_date(value, lang).split(" ", 1)[1]


def _cover(ctx: _Context, coop: str) -> Cover:
    r = ctx.result
    facts = ((ctx.t("pack_as_of"), long_date(r.as_of, ctx.lang)), (ctx.t("pack_file"), Path(r.file).name),
             (ctx.t("pack_made"), long_date(ctx.made, ctx.lang)))
    masked = ctx.alias is not None
    return Cover(coop, ctx.t("pack_heading"), facts, (ctx.t("pack_meeting"), DOTS),
                 ctx.t("pack_privacy_aliases" if masked else "pack_privacy_names"), masked)


def _overview(ctx: _Context) -> Section:
    a = ctx.result.analysis
    head = a.headline
    tiles = (
        Tile(ctx.t("members"), count(head["members"]), ctx.t("pack_groups_n", n=head["groups"])),
        Tile(ctx.t("members_overdue"), count(head["members_overdue"]),
             ctx.t("pack_share_of_members", share=percent(head["members_overdue"] / head["members"]))),
        Tile(ctx.t("members_long", days=a.settings.long_overdue_days), count(head["members_long_overdue"])),
        Tile(ctx.t("pack_loans_overdue"), count(head["loans_overdue"]), ctx.t("pack_of_loans", n=head["loans"])),
        Tile(ctx.t("outstanding"), baht(head["outstanding"]), ctx.t("baht")),
        Tile(ctx.t("overdue"), baht(head["overdue"]), ctx.t("baht")),
        Tile(ctx.t("interest_arrears"), baht(head["interest_arrears"]), ctx.t("baht")),
        *(Tile(f"PAR{d}", percent(head[f"par{d}"]), ctx.t("pack_par_note", days=d)) for d in PAR_DAYS),
    )
    notes = [Paragraph(_reconciled(ctx), "note")]
    if not ctx.result.ledger.has_overdue_column:
        notes.append(Paragraph(ctx.t("pack_basis_outstanding"), "note"))
    return Section("overview", ctx.t("pack_s_overview"), (Tiles(tiles), *notes))


def _reconciled(ctx: _Context) -> str:
    rec = ctx.result.reconciliation
    if not rec.has_total or rec.matches is None:
        return ctx.t("rec_none")
    return ctx.t("rec_ok") if rec.matches else ctx.t("pack_rec_diff")


def _aging(ctx: _Context) -> Section:
    rows = ctx.result.analysis.aging
    due = rows[rows["bucket"] != NOT_DUE]
    names = tuple(bucket(b, ctx.lang) for b in due["bucket"])
    people = ctx.t("people")
    chart = Bars(names, tuple(float(v) for v in due["overdue"]),
                 tuple(f"{v:,.0f}\n{n:,} {people}" for v, n in zip(due["overdue"], due["members"])), ctx.t("baht"))
    body = [(bucket(b, ctx.lang), count(n), count(m), baht(v))
            for b, n, m, v in zip(rows["bucket"], rows["loans"], rows["members"], rows["overdue"])]
    body.append((ctx.t("pack_total"), count(int(rows["loans"].sum())), count(int(rows["members"].sum())),
                 baht(float(rows["overdue"].sum()))))
    table = Table((ctx.t("pack_col_bucket"), ctx.t("pack_col_loans"), ctx.t("pack_col_members"),
                   ctx.t("pack_col_overdue_baht")), tuple(body), (False, True, True, True), total=True)
    return Section("aging", ctx.t("pack_s_aging"),
                   (Figure("aging", ctx.t("pack_fig_aging"), chart), table, Paragraph(ctx.t("pack_aging_note"), "note")))


def _groups(ctx: _Context) -> Section:
    groups = ctx.result.analysis.groups
    shown = groups.head(GROUPS_SHOWN)
    owing = shown[shown["overdue"] > 0]
    chart = Bars(tuple(str(g) for g in owing["group"]), tuple(float(v) for v in owing["overdue"]),
                 tuple(f"{v:,.0f} ({percent(s)})" for v, s in zip(owing["overdue"], owing["share"])), ctx.t("baht"),
                 across=True)
    table = Table((ctx.t("col_group"), ctx.t("pack_col_members"), ctx.t("members_overdue"),
                   ctx.t("pack_col_overdue_baht"), ctx.t("pack_col_share")),
                  tuple((str(r.group), count(r.members), count(r.members_overdue), baht(float(r.overdue)),
                         percent(float(r.share))) for r in shown.itertuples()),
                  (False, True, True, True, True))
    blocks: list[Block] = [Figure("groups", ctx.t("pack_fig_groups", n=len(owing)), chart), table]
    if len(groups) > len(shown):
        blocks.append(Paragraph(ctx.t("pack_groups_more", shown=len(shown), total=len(groups)), "note"))
    return Section("groups", ctx.t("pack_s_groups"), tuple(blocks))


def _pareto(ctx: _Context) -> Section:
    a = ctx.result.analysis
    owing = a.members[a.members["overdue"] > 0]
    overdue = owing["overdue"].to_numpy()  # largest first: the member table's order; each above 0
    shares = overdue.cumsum() / overdue.sum() * 100
    kept = _thinned(len(shares))
    n80 = pareto_count(a.members)
    note = ctx.t("pareto_note", n=n80, total=len(owing))
    chart = Curve(tuple(int(i) + 1 for i in kept), tuple(float(shares[i]) for i in kept), n80, note,
                  ctx.t("members_ranked"), ctx.t("pack_axis_share"))
    top = ctx.shown(owing.head(a.settings.top_members))
    table = Table((ctx.t("col_member"), ctx.t("col_name"), ctx.t("col_group"), ctx.t("pack_col_days"),
                   ctx.t("pack_col_overdue_baht")),
                  tuple((str(r.member_no), str(r.name), str(r.group), count(r.days), baht(float(r.overdue)))
                        for r in top.itertuples()), (False, False, False, True, True))
    return Section("pareto", ctx.t("pack_s_pareto"),
                   (Figure("pareto", ctx.t("pack_fig_pareto"), chart), Paragraph(note),
                    Paragraph(ctx.t("pack_top_title", n=len(top))), table))


def _thinned(n: int) -> np.ndarray:
    """About CURVE_POINTS positions of n, evenly spaced, the first and the last always among them."""
    return np.unique(np.r_[np.arange(0, n, max(1, n // CURVE_POINTS)), n - 1]) if n else np.arange(0)


def _techniques(ctx: _Context) -> Section:
    settings = ctx.result.analysis.settings
    rows = []
    for place, score in enumerate(rank(ctx.result.analysis), start=1):
        technique = by_number(score.number)
        lines = [f"• {evidence(e, ctx.lang)}" for e in score.evidence]
        lines += [f"? {ctx.t('unknown_line', question=q.en if ctx.lang == 'en' else q.th)}" for q in score.unknown]
        own = ctx.t("pack_thresholds_own" if _set_by_coop(settings, technique.thresholds) else "pack_thresholds_example")
        name = technique.card.name[0 if ctx.lang == "th" else 1]
        rows.append((str(place), f"{ctx.t('technique_n', n=score.number)}\n{name}", f"{score.score:.2f}",
                     "\n".join([*lines, own])))
    table = Table((ctx.t("pack_col_rank"), ctx.t("pack_col_technique"), ctx.t("pack_col_score"),
                   ctx.t("pack_col_evidence")), tuple(rows), (True, False, True, False), prose=(False, True, False, True))
    return Section("techniques", ctx.t("pack_s_techniques"),
                   (Paragraph(ctx.t("pack_techniques_about")), table))


def _set_by_coop(settings: Settings, names: tuple[str, ...]) -> bool:
    """Whether any of the settings `names` (Settings' or its Selector's fields) differs from the example."""
    example, example_selector = Settings(), Selector()
    own = {f.name for f in fields(Selector)}
    return any(getattr(settings.selector, n) != getattr(example_selector, n) if n in own
               else getattr(settings, n) != getattr(example, n) for n in names)


def _progress(ctx: _Context) -> Section:
    h = ctx.history
    title = ctx.t("pack_s_progress")
    if h.actions is None:
        return Section("progress", title, (Paragraph(ctx.t("pack_no_store")),))
    blocks = [Paragraph(ctx.t("pack_store_used", where=h.where), "note"), *_this_month(ctx, h.actions),
              *_promises(ctx, h)]
    return Section("progress", title, tuple(blocks))


def _this_month(ctx: _Context, actions: pd.DataFrame) -> list[Block]:
    """The actions dated in the ledger's month, by kind (the most first): how many, and the members they reached."""
    as_of = ctx.result.as_of
    month = ctx.t("pack_actions_month", month=month_of(as_of, ctx.lang))
    inside = actions["date"].map(lambda d: (d.year, d.month) == (as_of.year, as_of.month)).astype(bool)
    done = actions[inside]
    if not len(done):
        return [Paragraph(month), Paragraph(ctx.t("pack_actions_none"), "note")]
    keys = done.assign(key=member_key(done["member"]))
    table = keys.groupby("kind").agg(actions=("kind", "size"), members=("key", "nunique")).reset_index()
    table = table.sort_values(["actions", "members", "kind"], ascending=[False, False, True])
    rows = [(t(f"action_{r.kind}", ctx.lang), count(int(r.actions)), count(int(r.members))) for r in table.itertuples()]
    rows.append((ctx.t("pack_total"), count(len(done)), count(int(keys["key"].nunique()))))
    return [Paragraph(month), Table((ctx.t("pack_col_action"), ctx.t("pack_col_actions"), ctx.t("pack_col_reached")),
                                    tuple(rows), (False, True, True), total=True)]


def _promises(ctx: _Context, h: History) -> list[Block]:
    if not h.earlier:
        return [Paragraph(ctx.t("pack_promises_need_earlier"), "note")]
    then = h.earlier[-1]
    found = follow_up(then, ctx.result, None, h.actions)
    judged = found.judged
    counts = judged.promise_counts()
    rows = ((ctx.t("pack_promise_kept"), count(counts[KEPT]), baht(counts["kept_amount"] / 100)),
            (ctx.t("pack_promise_broken"), count(counts[BROKEN]), baht(counts["broken_amount"] / 100)),
            (ctx.t("pack_promise_pending"), count(counts[PENDING]), "-"))
    blocks: list[Block] = [
        Paragraph(ctx.t("pack_promises_since", then=long_date(then.as_of, ctx.lang),
                        now=long_date(ctx.result.as_of, ctx.lang))),
        Table((ctx.t("pack_col_promises"), ctx.t("pack_col_count"), ctx.t("pack_col_amount_baht")), rows,
              (False, True, True))]
    broken = judged.broken
    if len(broken):
        blocks += [Paragraph(ctx.t("pack_broken_title", n=len(broken))),
                   _broken_table(ctx, broken, found.comparison.members)]
        blocks += _more(ctx, len(broken))
    return blocks


def _broken_table(ctx: _Context, broken: pd.DataFrame, members: pd.DataFrame) -> Table:
    """The broken promises, each member's name as the follow-up has it (this ledger's, else the earlier one's)."""
    names = members.set_index("member")["name"]
    frame = ctx.shown(pd.DataFrame({"member_no": broken["member"].astype(str).to_numpy(),
                                    "name": broken["member"].astype(str).map(names).fillna("").to_numpy()}))
    rows = tuple((str(m), str(n), day(p, ctx.lang), baht(a / 100), baht(d / 100))
                 for m, n, p, a, d in zip(frame["member_no"], frame["name"], broken["promised_date"],
                                          broken["amount"], broken["paid"]))[:LISTED]
    return Table((ctx.t("col_member"), ctx.t("col_name"), ctx.t("col_promised_date"), ctx.t("pack_col_promised_baht"),
                  ctx.t("pack_col_paid_baht")), rows, (False, False, False, True, True))


def _more(ctx: _Context, n: int) -> list[Block]:
    return [Paragraph(ctx.t("and_more", n=n - LISTED), "note")] if n > LISTED else []


def _guarantors(ctx: _Context) -> Section:
    title = ctx.t("pack_s_guarantors")
    a = ctx.result.analysis
    done = ctx.history.actions
    if "guarantor" not in a.loans:
        return Section("guarantors", title, (Paragraph(ctx.t("pack_guarantors_no_column")),))
    found = guarantor_list(a, notified_on(done, a.members["member_no"]), ctx.soon_days)
    blocks: list[Block] = [Paragraph(ctx.t("pack_guarantors_about", n=ctx.soon_days,
                                           as_of=long_date(a.as_of, ctx.lang))),
                           Paragraph(_soon_setting(ctx), "note")]
    soon = ctx.shown(found.within)
    if len(soon):
        blocks.append(Table(
            (ctx.t("col_member"), ctx.t("col_name"), ctx.t("col_contract"), ctx.t("col_guarantor"),
             ctx.t("col_last_day"), ctx.t("col_days_left")),
            tuple((str(r.member_no), str(r.name), str(r.contract), str(r.guarantor), day(r.last_day, ctx.lang),
                   count(r.days_left)) for r in soon.head(LISTED).itertuples()),
            (False, False, False, False, False, True)))
        blocks += _more(ctx, len(soon))
    else:
        blocks.append(Paragraph(ctx.t("pack_guarantors_none", n=ctx.soon_days)))
    if len(found.late):
        blocks.append(Paragraph(ctx.t("pack_guarantors_late", n=len(found.late)), "warning"))
    if done is None:
        blocks.append(Paragraph(ctx.t("pack_guarantors_no_record"), "note"))
    return Section("guarantors", title, tuple(blocks))


def _soon_setting(ctx: _Context) -> str:
    """Whose the number of days is: the project's example, or chosen (the example beside it)."""
    if ctx.soon_days == SOON_DAYS:
        return ctx.t("pack_soon_example", n=SOON_DAYS)
    return ctx.t("pack_soon_chosen", n=ctx.soon_days, example=SOON_DAYS)


def _trend(ctx: _Context) -> Section:
    title = ctx.t("pack_s_trend")
    if not ctx.history.earlier:
        return Section("trend", title, (Paragraph(ctx.t("pack_trend_none")),))
    points = [(s.as_of, int((s.members["days"] > 0).sum()), float(s.members["overdue"].sum()))
              for s in ctx.history.earlier]
    head = ctx.result.analysis.headline
    points.append((ctx.result.as_of, head["members_overdue"], head["overdue"]))
    labels = tuple(day(d, ctx.lang) for d, _, _ in points)
    chart = Trend(labels, tuple(o for _, _, o in points), tuple(m for _, m, _ in points), ctx.t("baht"),
                  ctx.t("members_overdue"))
    table = Table((ctx.t("pack_col_ledger_date"), ctx.t("members_overdue"), ctx.t("pack_col_overdue_baht")),
                  tuple((label, count(m), baht(o)) for label, (_, m, o) in zip(labels, points)), (False, True, True))
    return Section("trend", title, (Figure("trend", ctx.t("pack_fig_trend"), chart), table))


def _classes(ctx: _Context) -> Section:
    """The debtors by loan-quality class (the co-op's settings, the Registrar's verified rules by default), the
    allowance where a rate is set, and the debtors whose interest is no longer recognised."""
    classed = classify(ctx.result.analysis, ctx.lang)
    rows = [_class_row(ctx, row, rule) for row, rule in zip(classed.table.itertuples(), [*classed.classes.rows, None])]
    table = classed.table
    allowance = table["allowance"].iloc[:-1]
    rows.append((ctx.t("pack_total"), count(int(table["loans"].sum())), count(int(table["members"].sum())),
                 *(_baht_or_dash(table[c].sum(min_count=len(table))) for c in ("outstanding", "principal_overdue")),
                 baht(float(allowance.sum())) if allowance.notna().all() else ctx.t("pack_not_set")))
    blocks: list[Block] = [
        Paragraph(ctx.t("pack_classes_about", regulation=t("classes_regulation", ctx.lang))),
        Table((ctx.t("pack_col_class"), ctx.t("pack_col_loans"), ctx.t("pack_col_members"),
               ctx.t("pack_col_outstanding_baht"), ctx.t("pack_col_overdue_baht"), ctx.t("pack_col_allowance")),
              tuple(rows), (False, True, True, True, True, True), total=True,
              prose=(True, False, False, False, False, True)),
        *(Paragraph(t(CLASS_NOTES[c], ctx.lang), "note") for c in classed.missing)]
    if not classed.classes.rates_set:
        blocks.append(Paragraph(ctx.t("pack_rates_not_set"), "note"))
    return Section("classes", ctx.t("pack_s_classes"), (*blocks, *_non_accrual(ctx, classed)))


def _class_row(ctx: _Context, row, rule: LoanClass | None) -> tuple[str, ...]:
    """A class's name over its rule and whose rule it is; its figures; its rate over its allowance, or that no
    rate is set."""
    if rule is None:  # the debtors in no class
        head, allowance = row.name, "-"
    else:
        whose = ctx.t("pack_rule_registrar" if ctx.result.analysis.settings.classes.registrar(rule) else "pack_rule_own")
        head = "\n".join([row.name, _rule_words(ctx, rule), whose])
        allowance = ctx.t("pack_not_set") if rule.provision is None else \
            f"{rule.provision:g}%\n{_baht_or_dash(row.allowance)}"
    return (head, count(int(row.loans)), count(int(row.members)), _baht_or_dash(row.outstanding),
            _baht_or_dash(row.principal_overdue), allowance)


def _rule_words(ctx: _Context, rule: LoanClass) -> str:
    """What puts a loan in the class, in words: its months overdue, its statuses."""
    low, high = rule.months_from, rule.months_to
    months = ("" if low is None and high is None else ctx.t("pack_rule_up_to", high=high) if low is None
              else ctx.t("pack_rule_over", low=low) if high is None else ctx.t("pack_rule_months", low=low, high=high))
    statuses = ", ".join(t(f"status_{s}", ctx.lang) for s in rule.statuses)
    if statuses:
        statuses = ctx.t("pack_rule_statuses" if rule.when_overdue else "pack_rule_statuses_any", statuses=statuses)
    return "; ".join(part for part in (months, statuses) if part)


def _baht_or_dash(value) -> str:
    """Baht to the satang; "-" where the ledger has no such column (NaN)."""
    return "-" if value != value else baht(float(value))


def _non_accrual(ctx: _Context, classed) -> list[Block]:
    """The debtors whose interest is no longer recognised: how many and their interest, the first LISTED."""
    stopping = classed.non_accrual
    has_interest = "interest_arrears" in stopping
    interest = _baht_or_dash(stopping["interest_arrears"].sum()) if has_interest else "-"
    said = Paragraph(ctx.t("pack_non_accrual", n=len(stopping), interest=interest))
    if not len(stopping):
        return [said]
    shown = ctx.shown(stopping.head(LISTED))
    names = class_names(classed.classes, ctx.lang)
    interests = shown["interest_arrears"].map(_baht_or_dash) if has_interest else ["-"] * len(shown)
    rows = tuple((str(m), str(n), names[k], i) for m, n, k, i in zip(shown["member_no"], shown["name"],
                                                                      shown["class"], interests))
    return [said, Table((ctx.t("col_member"), ctx.t("col_name"), ctx.t("pack_col_class_name"),
                         ctx.t("pack_col_interest_baht")), rows, (False, False, False, True)), *_more(ctx, len(stopping))]


PARTS: tuple[Callable[[_Context], Section], ...] = (
    _overview, _aging, _groups, _pareto, _techniques, _progress, _guarantors, _trend, _classes)

