"""Every threshold in one object: aging buckets, long-overdue days, members listed, the fiscal year end,
the selector's thresholds (`Selector`), the member grading's rules (`GradingRules`) and the loan-quality classes
(`LoanClasses`). Keys and numbers only: the words for them are the catalogue's (`grading_criterion_<key>`,
`grading_grade_<key>`, `class_<key>`)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from .errors import LedgerError
from .i18n import t

NOT_DUE = "not_due"
MONTH_EDGES = (1, 3, 6, 12, 24, 36)
DAY_EDGES = (30, 90, 180, 365, 730, 1095)
ANSWERS = ("yes", "no", "unknown")  # the user's answer to a clause a ledger cannot show


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
    # the user's answers to the clauses a ledger cannot show (a technique's `questions`): (code, answer) pairs;
    # a settings file writes them as a table
    answers: tuple[tuple[str, str], ...] = field(default=(), metadata={"table": True})

    def __post_init__(self):
        for name, value in ((f.name, getattr(self, f.name)) for f in fields(self)):
            if isinstance(value, (int, float)) and value <= 0:
                raise ValueError(f"{name} must be positive")
        if self.far_days <= self.near_days:
            raise ValueError("near_days must be fewer than far_days")
        for code, answer in self.answers:
            if answer not in ANSWERS:
                raise ValueError(f"answers.{code} must be one of {', '.join(ANSWERS)}")

    def answer(self, code: str) -> str:
        """The user's answer to the clause `code`: yes, no, or unknown where none was given."""
        return dict(self.answers).get(code, "unknown")

    def answered(self, code: str, answer: str) -> "Selector":
        """These thresholds with the clause `code` answered (unknown drops the answer)."""
        kept = tuple((c, a) for c, a in self.answers if c != code)
        return replace(self, answers=tuple(sorted(kept + (((code, answer),) if answer != "unknown" else ()))))


@dataclass(frozen=True)
class Criterion:
    """One grading criterion: bands of (threshold, points) from the worst to the best. A member gets the
    points of the best band their value reaches (at most the threshold, or at least it when
    higher_is_better) and `floor` points when it reaches none. Better value -> never fewer points."""

    key: str
    bands: tuple[tuple[float, float], ...]
    enabled: bool = True
    higher_is_better: bool = False
    unit: str = ""  # "days", "percent", "loans" (the catalogue's grading_per_<unit>), "" for none
    floor: float = 0.0
    names: tuple[str, ...] = ()  # (Thai, English) where the user named it (a sheet's); else the catalogue's

    def __post_init__(self):
        thresholds = [b[0] for b in self.bands]
        points = [self.floor, *(b[1] for b in self.bands)]
        ordered = thresholds == sorted(set(thresholds), reverse=not self.higher_is_better)
        if not self.bands or not ordered:
            raise LedgerError.of("grading_bands_unordered", name=self.name)
        if points != sorted(points):
            raise LedgerError.of("grading_points_unordered", name=self.name, points=points)

    def name(self, lang: str = "th") -> str:
        return _named(self.names, f"grading_criterion_{self.key}", lang)


@dataclass(frozen=True)
class Welfare:
    """What a grade brings, as the board decides and words it: free text and an amount in baht (0: none). The
    example gives nothing: loan limits are the lending regulation's and the patronage dividend the general
    meeting's, not a board announcement's."""

    text: str = ""
    amount: float = 0.0


@dataclass(frozen=True)
class Grade:
    key: str
    min_points: float
    welfare: Welfare = Welfare()
    names: tuple[str, ...] = ()  # (Thai, English) where the user renamed it; else the catalogue's

    def name(self, lang: str = "th") -> str:
        return _named(self.names, f"grading_grade_{self.key}", lang)


def _named(names: tuple[str, ...], key: str, lang: str, default: str | None = None) -> str:
    """The user's own name in `lang` where there is one, else the catalogue's (else `default`)."""
    return names[0 if lang == "th" else 1] if names else t(key, lang, default)


ACTIVITIES = Criterion("activities", ((1, 10), (3, 20)), higher_is_better=True, unit="activities")
DAYS = Criterion("days", ((365, 15), (90, 30), (0, 50)), unit="days")
SHARE = Criterion("share_ratio", ((5, 10), (10, 20), (20, 30)), higher_is_better=True, unit="percent")
LOANS_OVERDUE = Criterion("loans_overdue", ((1, 10), (0, 20)), unit="loans")
LEGAL = Criterion("legal", ((0, 0),), unit="loans", floor=-30)
EXAMPLE_CRITERIA = (ACTIVITIES, DAYS, SHARE, LOANS_OVERDUE, LEGAL)  # the project's example, not the handbook's
EXAMPLE_GRADES = (Grade("excellent", 85), Grade("good", 65), Grade("fair", 40), Grade("improve", 0))


@dataclass(frozen=True)
class GradingRules:
    """T5's published criteria and grades. Grades run from the top down by min_points; a member below every
    threshold gets the last grade. Participation in the group's activities comes first (the handbook's
    strategy); it counts only where an activities list is given, legal status only where the ledger has a
    status column. `approved`: the board approved these criteria (in the settings file, or on the page), even
    where they equal the example."""

    criteria: tuple[Criterion, ...] = EXAMPLE_CRITERIA
    grades: tuple[Grade, ...] = EXAMPLE_GRADES
    approved: bool = False

    def __post_init__(self):
        lows = [g.min_points for g in self.grades]
        if not lows or lows != sorted(set(lows), reverse=True):
            raise LedgerError.of("grading_grades_unordered")
        keys = [c.key for c in self.criteria]
        if len(keys) != len(set(keys)):
            raise LedgerError.of("grading_same_key")

    @property
    def example(self) -> bool:
        """Still the project's example: not approved, and the example's criteria (bands, points, switched on)
        and grade minimums as they are (grade names, welfare and criteria of the user's own sheets aside)."""
        keys = {c.key for c in EXAMPLE_CRITERIA}
        lows = tuple(g.min_points for g in self.grades)
        return not self.approved and tuple(c for c in self.criteria if c.key in keys) == EXAMPLE_CRITERIA \
            and lows == tuple(g.min_points for g in EXAMPLE_GRADES)


# The debt-status codes a class may take, in the order `by_status` lists them; read.status.STATUS_CODES adds
# normal and other around them, which never make a class.
CLASS_STATUSES = ("default", "legal", "judgment", "enforcement", "restructured", "bankrupt")
UNCLASSIFIED = "unclassified"  # the row of debtors who fit no class: never a class's own key


@dataclass(frozen=True)
class LoanClass:
    """One loan-quality class. A loan fits it by months overdue (kmdash.analyse.months_overdue: a started month
    counts) above `months_from` and at most `months_to` (None: no bound; neither bound: no months rule), or by
    a debt status in `statuses` (only while the loan is overdue, when `when_overdue`). `provision`: the percent
    of the outstanding set aside, the rate the co-op's auditor applies (None: not set, never a guess).
    `stops_interest`: the interest of its debtors is no longer recognised as income."""

    key: str
    months_from: int | None = None
    months_to: int | None = None
    statuses: tuple[str, ...] = ()
    when_overdue: bool = True
    provision: float | None = None
    stops_interest: bool = True
    names: tuple[str, ...] = ()  # (Thai, English) where the user named it; else the catalogue's

    def __post_init__(self):
        bounds = [m for m in (self.months_from, self.months_to) if m is not None]
        if any(m < 0 for m in bounds) or bounds != sorted(set(bounds)):
            raise LedgerError.of("class_months_unordered", name=self.name)
        if unknown := [s for s in self.statuses if s not in CLASS_STATUSES]:
            raise LedgerError.of("class_status_unknown", name=self.name, status=unknown[0],
                                 known=", ".join(CLASS_STATUSES))
        if self.provision is not None and not 0 <= self.provision <= 100:
            raise LedgerError.of("class_provision_range", name=self.name, provision=self.provision)
        if not (bounds or self.statuses):
            raise LedgerError.of("class_no_rule", name=self.name)
        if len(self.names) not in (0, 2):
            raise LedgerError.of("class_names_pair", class_key=self.key)

    def name(self, lang: str = "th") -> str:
        return _named(self.names, f"class_{self.key}", lang, self.key)

    @property
    def rule(self) -> tuple:
        """What puts a loan in the class (the name, rate and interest switch aside)."""
        return self.key, self.months_from, self.months_to, frozenset(self.statuses), self.when_overdue


# The rules of the Registrar's 2544 regulation on loan-quality classes that could be verified, best to worst:
# substandard takes the restructured who default on the new schedule; doubtful, over 6 and up to 12 months
# overdue, and the sued who cannot pay normally. Its other limits and every rate are the co-op's to set.
REGISTRAR_CLASSES = (
    LoanClass("substandard", statuses=("restructured",)),
    LoanClass("doubtful", months_from=6, months_to=12, statuses=("legal", "judgment", "enforcement")),
)


@dataclass(frozen=True)
class LoanClasses:
    """The co-op's loan-quality classes, best to worst: a debtor takes the worst class any of their loans fits."""

    rows: tuple[LoanClass, ...] = REGISTRAR_CLASSES

    def __post_init__(self):
        keys = [row.key for row in self.rows]
        if len(keys) != len(set(keys)) or UNCLASSIFIED in keys or "" in keys:
            raise LedgerError.of("classes_same_key")

    def registrar(self, row: LoanClass) -> bool:
        """The row's rule is the Registrar's, as REGISTRAR_CLASSES words it."""
        return any(row.rule == r.rule for r in REGISTRAR_CLASSES)

    @property
    def rates_set(self) -> bool:
        """Every class has its rate."""
        return all(row.provision is not None for row in self.rows)


@dataclass(frozen=True)
class Settings:
    """Analysis settings. Bucket edges are upper bounds (inclusive) in `bucket_unit`s overdue."""

    bucket_unit: str = "days"  # "days" or "months" (calendar months overdue)
    bucket_edges: tuple[int, ...] = DAY_EDGES
    long_overdue_days: int = 365
    top_members: int = 20
    chronic_periods: int = 3  # the history's chronic debtors: overdue in each of the last N snapshots
    fiscal_year_end: tuple[int, int] = (3, 31)  # (month, day); many agricultural co-ops close 31 March
    selector: Selector = Selector()
    grading: GradingRules = GradingRules()
    classes: LoanClasses = LoanClasses()

    @classmethod
    def months_preset(cls, **changes) -> "Settings":
        """Loan-quality classes by months overdue (e.g. over 6 and up to 12 months)."""
        return replace(cls(bucket_unit="months", bucket_edges=MONTH_EDGES), **changes)

    @classmethod
    def choose(cls, months: bool = False, **changes) -> "Settings":
        """The settings a user chose (CLI options or the settings form): days or months buckets, and changes."""
        return cls().with_buckets(months, **changes)

    def with_buckets(self, months: bool, **changes) -> "Settings":
        """These settings with days or months buckets (the preset's edges where the unit changes) and the
        changes; everything else kept: the fiscal year end, the selector's thresholds, the grading."""
        unit = "months" if months else "days"
        edges = self.bucket_edges if unit == self.bucket_unit else MONTH_EDGES if months else DAY_EDGES
        return replace(self, bucket_unit=unit, bucket_edges=edges, **changes)

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
        if self.chronic_periods < 1:
            raise ValueError("chronic_periods must be 1 or more")
        month, day = self.fiscal_year_end
        if not (1 <= month <= 12 and 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)):
            raise ValueError("fiscal_year_end must be a (month, day) of the calendar")
