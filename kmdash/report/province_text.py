"""The province view as plain text (`province` without --json): one line per co-op and the total."""

from __future__ import annotations

from ..i18n import t
from ..province import Change, CoopRow, Province
from .display import baht, day, percent
from .text import NAME_WIDTH, fit, right

_WIDTHS = (NAME_WIDTH, 12, 8, 8, 16, 7, 7, 7, 4)


def format_province(view: Province, lang: str = "th") -> str:
    head = [t(k, lang) for k in ("prov_coop", "as_of", "members", "prov_overdue_members", "overdue", "par30",
                                "par90", "prov_long_share", "prov_top")]
    total = _line([t("prov_total", lang), "", *_figures(view.total)])
    return "\n".join([_line(head), *(_row(r, lang) for r in view.rows), total])


def _row(row: CoopRow, lang: str) -> str:
    if row.error is not None:
        return f"{fit(row.coop, NAME_WIDTH)} {t('prov_error', lang)}: {row.error[lang == 'en']}"
    line = _line([row.coop, day(row.as_of, lang), *_figures(row), str(row.top_technique)])
    return line if row.change is None else f"{line}\n{_change(row.change, lang)}"


def _change(change: Change, lang: str) -> str:
    """A stored co-op's change since its previous snapshot, under its row: signed, a fall with a minus."""
    return "  " + t("prov_change_line", lang, since=day(change.since, lang), overdue=f"{change.overdue:+,.2f}",
                    members=f"{change.members_overdue:+,}", par30=f"{round(change.par30 * 100, 1) + 0.0:+.1f}")  # no "-0.0"


def _figures(row: CoopRow) -> list[str]:
    return [f"{row.members:,}", f"{row.members_overdue:,}", baht(row.overdue), percent(row.par30),
            percent(row.par90), percent(row.long_overdue_share)]


def _line(cells: list[str]) -> str:
    first, *rest = cells
    return " ".join([fit(first, _WIDTHS[0]), *(right(c, w) for c, w in zip(rest, _WIDTHS[1:]))])
