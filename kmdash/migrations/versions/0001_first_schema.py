"""The store as kmdash first made it (`metadata.create_all`, before migrations): a snapshot's head row, its
members, its plan (one text column per field kmdash knew then; no group leader) and its loans' contracts.

Every snapshots.db written before migrations has exactly these tables: kmdash stamps such a store 0001 and
upgrades it from there. Forward only: kmdash never downgrades a store.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

PLAN_TEXT = ("member", "name", "group", "bucket", "techniques", "grade", "tier", "deadline", "assignee",
             "pool_cycle", "status", "notes")


def _child(name: str, *columns: sa.Column) -> None:
    op.create_table(name, sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("snapshot.id", ondelete="CASCADE"),
                                    nullable=False, index=True), *columns)


def upgrade() -> None:
    op.create_table(
        "snapshot", sa.Column("id", sa.Integer, primary_key=True, autoincrement=True), sa.Column("coop", sa.Text),
        sa.Column("file", sa.Text, nullable=False), sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("saved_at", sa.DateTime, nullable=False), sa.Column("members", sa.Integer, nullable=False),
        sa.Column("schema_version", sa.Integer, nullable=False))
    _child("snapshot_member", sa.Column("member_no", sa.Text, nullable=False), sa.Column("name", sa.Text),
           sa.Column("group", sa.Text), sa.Column("days", sa.Integer, nullable=False),
           sa.Column("bucket", sa.Text, nullable=False), sa.Column("bucket_rank", sa.Integer, nullable=False),
           sa.Column("overdue", sa.BigInteger, nullable=False))
    _child("snapshot_plan", *(sa.Column(c, sa.Text) for c in PLAN_TEXT), sa.Column("days", sa.Integer),
           sa.Column("overdue", sa.BigInteger), sa.Column("interest", sa.BigInteger))
    _child("snapshot_loan", sa.Column("member_no", sa.Text, nullable=False), sa.Column("contract", sa.Text))
