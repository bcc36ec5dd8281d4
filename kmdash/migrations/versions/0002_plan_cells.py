"""The plan kept whole: one row per plan member with its position in the plan, its member number and its other
cells as one JSON object, so every plan field is kept (the group leader, which 0001 had no column for, and
any field a technique registered later adds) without another migration.

Cells: text as JSON strings, the days as a JSON integer, money as a JSON number of baht with at most two
decimals, written from integer satang (the decimal text is exact). The rows of 0001's plan table are carried
over in their order, cell for cell; their group leader, never kept, is absent and reads back empty.
Forward only: kmdash never downgrades a store.
"""

import json
from collections import Counter

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

OLD = "snapshot_plan_0001"
CELLS = ("name", "group", "days", "bucket", "overdue", "interest", "techniques", "grade", "tier", "deadline",
         "assignee", "pool_cycle", "status", "notes")  # 0001's columns but member, in the plan's order
MONEY = ("overdue", "interest")  # integer satang in 0001
ROW_ORDER = {"sqlite": "rowid", "postgresql": "ctid"}  # the order 0001's rows were stored (and read back) in


def upgrade() -> None:
    op.drop_index("ix_snapshot_plan_snapshot_id", table_name="snapshot_plan")
    op.rename_table("snapshot_plan", OLD)
    plan = op.create_table(
        "snapshot_plan",
        sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshot.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False), sa.Column("member", sa.Text, nullable=False),
        sa.Column("cells", sa.Text, nullable=False), sa.PrimaryKeyConstraint("snapshot_id", "position"))
    op.bulk_insert(plan, _carried_over())
    op.drop_table(OLD)


def _carried_over() -> list[dict]:
    """0001's rows, snapshot by snapshot in their stored order, as 0002's."""
    connection = op.get_bind()
    old = sa.table(OLD, *(sa.column(c) for c in ("snapshot_id", "member", *CELLS)))
    order = [sa.literal_column(ROW_ORDER[connection.dialect.name])] if connection.dialect.name in ROW_ORDER else []
    positions: Counter = Counter()
    rows = []
    for row in connection.execute(sa.select(old).order_by(old.c.snapshot_id, *order)).mappings():
        cells = {c: row[c] / 100 if c in MONEY and row[c] is not None else row[c] for c in CELLS}
        rows.append({"snapshot_id": row["snapshot_id"], "position": positions[row["snapshot_id"]],
                     "member": row["member"] or "", "cells": json.dumps(cells, ensure_ascii=False)})
        positions[row["snapshot_id"]] += 1
    return rows
