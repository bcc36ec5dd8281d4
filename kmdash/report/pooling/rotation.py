"""T4's rotation handed out: as JSON (`pooling --json`, the page's download) and as plain text, in Thai or
English."""

from __future__ import annotations

import pandas as pd

from ...i18n import t
from ...techniques.pooling.rotation import Rotation, members_table
from ..display import baht
from ..text import NAME_WIDTH, fit


def format_rotation(rotation: Rotation, debts: pd.DataFrame, group: str | None, k: int | None,
                    smallest: tuple[int, bool] | None, lang: str = "th", parts: tuple[str, ...] = ("overdue",)) -> str:
    """The rotation as text: what each member pays (`parts`, the columns the basis added up), cycle by cycle."""
    lines = [t("pooling_head", lang, pool=baht(rotation.pool / 100), group=group or t("pooling_everyone", lang)),
             basis_line(parts, lang), _cycles_line(rotation, lang), t("pooling_proposal", lang), ""]
    table = members_table(rotation, debts)
    for number, cycle in table.groupby("cycle", sort=True):
        lines.append(t("pooling_cycle_line", lang, n=number, total=baht(cycle["cycle_total"].iloc[0]),
                       members=len(cycle)))
        lines += [f"  {fit(r.member_no, 8)} {fit(r.name, NAME_WIDTH)} {r.days:>6,} {baht(r.to_pay):>14}"
                  for r in cycle.itertuples()]
    if rotation.over_pool:
        lines += ["", t("pooling_over", lang, n=len(rotation.over_pool), members=", ".join(rotation.over_pool))]
    if rotation.legal:
        lines += [t("pooling_legal", lang, n=len(rotation.legal), members=", ".join(rotation.legal))]
    if smallest is not None:
        key = "pooling_for_k" if smallest[1] else "pooling_for_k_unproven"
        lines += ["", t(key, lang, k=k, pool=baht(smallest[0] / 100))]
    return "\n".join(lines)


def basis_line(parts: tuple[str, ...], lang: str = "th") -> str:
    """"What each member pays out of the pool: principal overdue + interest in arrears + penalty"."""
    return t("pooling_basis_line", lang, parts=" + ".join(t(f"pooling_part_{p}", lang) for p in parts))


def _cycles_line(rotation: Rotation, lang: str) -> str:
    if rotation.exact:
        return t("pooling_cycles_exact", lang, n=len(rotation.cycles), bound=rotation.lower_bound)
    return t("pooling_cycles_gap", lang, n=len(rotation.cycles), bound=rotation.lower_bound, gap=rotation.gap)


def as_json(rotation: Rotation, group: str | None, for_cycles: int | None, basis: str, label=str) -> dict:
    """`pooling --json` and the page's download: money in baht to 0.01, member numbers as text (through `label`,
    e.g. aliases), cycles in their numbers' order."""
    return {"pool": rotation.pool / 100, "basis": basis, "group": group,
            "cycles": [{"cycle": c.number, "members": [label(m) for m in c.members], "total": c.total / 100}
                       for c in rotation.cycles],
            "lower_bound": rotation.lower_bound, "over_pool": [label(m) for m in rotation.over_pool],
            "pool_for_cycles": None if for_cycles is None else for_cycles / 100}
