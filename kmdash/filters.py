"""Narrow an analysis to some groups, buckets, loan types or a minimum member overdue; tables recomputed."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .analyse import Analysis, aging_table, group_table, member_table


@dataclass(frozen=True)
class Filters:
    groups: tuple[str, ...] = ()  # empty: all
    buckets: tuple[str, ...] = ()
    loan_types: tuple[str, ...] = ()
    min_overdue: float = 0.0  # a member's overdue principal, baht

    @property
    def active(self) -> bool:
        return bool(self.groups or self.buckets or self.loan_types or self.min_overdue > 0)


def apply_filters(analysis: Analysis, filters: Filters) -> Analysis:
    """The same analysis on the loans that pass the filters (overdue flags are not recomputed)."""
    if not filters.active:
        return analysis
    loans = analysis.loans
    keep = loans["overdue"].notna()
    if filters.groups:
        keep &= loans["group"].isin(filters.groups)
    if filters.buckets:
        keep &= loans["bucket"].isin(filters.buckets)
    if filters.loan_types and "loan_type" in loans:
        keep &= loans["loan_type"].isin(filters.loan_types)
    loans = loans[keep]
    if filters.min_overdue > 0:
        per_member = loans.groupby("member_no", sort=False)["overdue_amount"].sum()
        loans = loans[loans["member_no"].isin(per_member.index[per_member >= filters.min_overdue])]
    members = member_table(loans, analysis.settings)
    return replace(analysis, loans=loans, members=members, groups=group_table(loans, members),
                   aging=aging_table(loans, members, analysis.settings))
