"""The record of actions: what was done for each debtor (a letter sent, a visit, a promise, a pool cycle repaid),
per co-op, across ledgers. One row per action; `member_key` is the member number as the follow-up matches it
(no spaces, no leading zeros), so "00017" and "17" are one member. Money is integer satang.

Forward only: kmdash never downgrades a store.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "action", sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("coop", sa.Text, nullable=False), sa.Column("member", sa.Text, nullable=False),
        sa.Column("member_key", sa.Text, nullable=False), sa.Column("done_on", sa.Date, nullable=False),
        sa.Column("kind", sa.Text, nullable=False), sa.Column("technique", sa.Integer, nullable=False),
        sa.Column("amount", sa.BigInteger, nullable=False), sa.Column("promised_date", sa.Date),
        sa.Column("done_by", sa.Text, nullable=False), sa.Column("note", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False), sa.Column("recorded_at", sa.DateTime, nullable=False))
    op.create_index("ix_action_coop_member", "action", ["coop", "member_key"])
