"""Every threshold in one object: aging buckets, long-overdue days, members listed, the fiscal year end and
the selector's thresholds (`Selector`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

NOT_DUE = "not_due"
MONTH_EDGES = (1, 3, 6, 12, 24, 36)


@dataclass(frozen=True)
class Selector:
    """What makes each technique's situation, in the ledger's own figures (see kmdash/techniques/)."""

    many_share: float = 0.3  # T1: share of members overdue that makes "many members"
    long_share: float = 0.5  # T1: share of overdue members past long_overdue_days that makes "a long time"
    many_groups: int = 8  # T2: member groups with overdue members that make "many groups"
    spread_share: float = 0.8  # T2: share of the overdue outside the largest group that makes "spread"
    near_days: int = 60  # T3: days before the fiscal year end that are "near" it
    far_days: int = 180  # T3: days before the fiscal year end from which it is not near at all
    few_debtors: int = 60  # T3: debtors that named people can follow one by one
    small_debt: float = 20_000.0  # T4: a member's overdue small enough to pool, baht
    pool_members: int = 5  # T4: members with small debts that make a pooling group
    new_days: int = 90  # T5: overdue at most this many days is newly in arrears
    new_share: float = 0.5  # T5: share of overdue members newly in arrears that makes a wave


@dataclass(frozen=True)
class Settings:
    """Analysis settings. Bucket edges are upper bounds (inclusive) in `bucket_unit`s overdue."""

    bucket_unit: str = "days"  # "days" or "months" (calendar months overdue)
    bucket_edges: tuple[int, ...] = (30, 90, 180, 365, 730, 1095)
    long_overdue_days: int = 365
    top_members: int = 20
    fiscal_year_end: tuple[int, int] = (3, 31)  # (month, day); many agricultural co-ops close 31 March
    selector: Selector = Selector()

    @classmethod
    def months_preset(cls, **changes) -> "Settings":
        """Loan-quality classes by months overdue (e.g. over 6 and up to 12 months)."""
        return replace(cls(bucket_unit="months", bucket_edges=MONTH_EDGES), **changes)

    @classmethod
    def choose(cls, months: bool = False, **changes) -> "Settings":
        """The settings a user chose (CLI options or the settings form): days or months buckets, and changes."""
        return cls.months_preset(**changes) if months else replace(cls(), **changes)

    @property
    def bucket_labels(self) -> list[str]:
        """Bucket names in order: not_due, then one per edge interval, then the open-ended one."""
        edges = self.bucket_edges
        if self.bucket_unit == "months":
            labels = [f"<={edges[0]}m"] + [f"{a}-{b}m" for a, b in zip(edges, edges[1:])]
            return [NOT_DUE, *labels, f">{edges[-1]}m"]
        lows = (1, *(e + 1 for e in edges[:-1]))
        return [NOT_DUE, *(f"{lo}-{hi}" for lo, hi in zip(lows, edges)), f">{edges[-1]}"]

    def __post_init__(self):
        if self.bucket_unit not in ("days", "months"):
            raise ValueError("bucket_unit must be 'days' or 'months'")
        if not self.bucket_edges or list(self.bucket_edges) != sorted(set(self.bucket_edges)):
            raise ValueError("bucket_edges must be strictly increasing")
        if self.bucket_edges[0] < 1:
            raise ValueError("bucket_edges must be positive")
        if self.long_overdue_days < 0:
            raise ValueError("long_overdue_days must not be negative")
        if self.top_members < 0:
            raise ValueError("top_members must not be negative")
        month, day = self.fiscal_year_end
        if not (1 <= month <= 12 and 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)):
            raise ValueError("fiscal_year_end must be a (month, day) of the calendar")
