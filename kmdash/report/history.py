"""A co-op's history as plain text (the `history` command): per date its figures, per pair of dates the flows,
then the chronic debtors; Thai display widths kept (report.text's `fit`, `right`)."""

from __future__ import annotations

from ..history import FLOW_COUNTS, History
from ..i18n import t
from .display import baht, count, day, percent
from .text import fit, more, right

POINT_WIDTHS = (14, 8, 9, 16, 16, 7, 7)
FLOW_WIDTHS = (28, 13, 13, 13, 13, 13, 16, 16)
SHOWN = 20  # chronic debtors listed; the rest counted


def history_text(h: History, coop_name: str, lang: str = "th") -> str:
    lines = [t("history_title", lang, coop=coop_name), ""]
    heads = [t(k, lang) for k in ("hist_as_of", "hist_members", "hist_overdue_members", "hist_outstanding",
                                  "hist_overdue")]
    lines.append(_row([*heads, "PAR30", "PAR90"], POINT_WIDTHS))
    for p in h.points.itertuples():
        lines.append(_row([day(p.as_of, lang), count(p.members), count(p.members_overdue),
                           baht(None if p.outstanding != p.outstanding else p.outstanding / 100),
                           baht(p.overdue / 100), _share(p.par30), _share(p.par90)], POINT_WIDTHS))
    if not h.flows.empty:
        lines += ["", t("hist_flows", lang),
                  _row([t("hist_period", lang), *(t(f"fu_{k}", lang) for k in FLOW_COUNTS),
                        t("hist_recovered", lang), t("hist_increase", lang)], FLOW_WIDTHS)]
        for f in h.flows.to_dict("records"):
            period = f"{day(f['from'], lang)} - {day(f['to'], lang)}"
            lines.append(_row([period, *(count(f[k]) for k in FLOW_COUNTS), baht(f["recovered"] / 100),
                               baht(f["increase"] / 100)], FLOW_WIDTHS))
    chronic = h.chronic
    lines += ["", t("hist_chronic", lang, n=h.chronic_periods, members=len(chronic))]
    lines += [f"  {c.member}  {c.name}  {t('hist_since', lang, periods=c.periods, since=day(c.since, lang))}"
              for c in chronic.head(SHOWN).itertuples()]
    return "\n".join(lines + more(len(chronic) - SHOWN, lang))


def _share(value) -> str:
    return percent(None if value != value else value)


def _row(cells: list[str], widths: tuple[int, ...]) -> str:
    return fit(cells[0], widths[0]) + "".join(right(c, w) for c, w in zip(cells[1:], widths[1:]))
