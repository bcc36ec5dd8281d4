"""A snapshot's headline figures, for the history and the province read from the store without the loans: the
outstanding and its parts at risk (PAR30's and PAR90's numerators), integer satang; the members overdue longer
than the long-overdue days; the technique the selector ranked first. Empty in snapshots saved before: their
history shows the members' figures alone. An index for a co-op's snapshots in date order.

Forward only: kmdash never downgrades a store.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for name in ("outstanding", "at_risk30", "at_risk90"):
        op.add_column("snapshot", sa.Column(name, sa.BigInteger))
    op.add_column("snapshot", sa.Column("members_long_overdue", sa.Integer))
    op.add_column("snapshot", sa.Column("top_technique", sa.Integer))
    op.create_index("ix_snapshot_coop_as_of", "snapshot", ["coop", "as_of"])
