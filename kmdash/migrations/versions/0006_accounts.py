"""Accounts for a server shared by an office (`kmdash.accounts`): one row per person, the password an argon2
hash (none for a person who logs in through the office's identity provider), the role, the co-ops a co-op's
staff may see, whether an officer may see real names, and the lockout's count and time.

Forward only: kmdash never downgrades a store.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "account", sa.Column("name", sa.Text, primary_key=True), sa.Column("password", sa.Text),
        sa.Column("role", sa.Text, nullable=False), sa.Column("coops", sa.Text, nullable=False),
        sa.Column("names", sa.Boolean, nullable=False), sa.Column("disabled", sa.Boolean, nullable=False),
        sa.Column("failures", sa.Integer, nullable=False), sa.Column("locked_until", sa.DateTime),
        sa.Column("created_at", sa.DateTime, nullable=False))
