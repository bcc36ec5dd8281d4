"""The province view as `province --json`: {coops: [...], total: {...}}; money in baht to 0.01, shares to 6
decimals (the text report is province_text.py)."""

from __future__ import annotations

from ..province import CoopRow, Province


def as_json(view: Province) -> dict:
    """Every file's row in the order given (a file not read: its error), and the total of those read."""
    return {"coops": [_coop_json(r) for r in view.rows],
            "total": {"coops": len(view.coops), "errors": len(view.errors), **_figures_json(view.total)}}


def _coop_json(row: CoopRow) -> dict:
    if row.error is not None:
        return {"file": row.file, "coop": row.coop, "error": " | ".join(row.error)}
    change = {} if row.change is None else {"change": {
        "since": row.change.since.isoformat(), "overdue": row.change.overdue,
        "members_overdue": row.change.members_overdue, "par30": round(row.change.par30, 6)}}
    return {"file": row.file, "coop": row.coop, "as_of": row.as_of.isoformat(), "as_of_source": row.as_of_source,
            **_figures_json(row), "top_technique": row.top_technique, **change}


def _figures_json(row: CoopRow) -> dict:
    return {"members": row.members, "members_overdue": row.members_overdue, "overdue": round(row.overdue, 2),
            "outstanding": round(row.outstanding, 2), "par30": round(row.par30, 6), "par90": round(row.par90, 6),
            "long_overdue_share": round(row.long_overdue_share, 6)}
