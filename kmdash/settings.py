"""Every threshold of the analysis in one object: aging buckets, long-overdue days, members listed."""

from __future__ import annotations

from dataclasses import dataclass, replace

NOT_DUE = "not_due"
MONTH_EDGES = (1, 3, 6, 12, 24, 36)


@dataclass(frozen=True)
class Settings:
    """Analysis settings. Bucket edges are upper bounds (inclusive) in `bucket_unit`s overdue."""

    bucket_unit: str = "days"  # "days" or "months" (calendar months overdue)
    bucket_edges: tuple[int, ...] = (30, 90, 180, 365, 730, 1095)
    long_overdue_days: int = 365
    top_members: int = 20

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
