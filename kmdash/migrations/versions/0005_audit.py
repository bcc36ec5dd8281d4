"""The audit trail: who saved, deleted, imported, corrected or took real names out, when, what and for which
co-op. Append-only: the database itself refuses to change or delete a row (a trigger on SQLite and on
PostgreSQL).

Forward only: kmdash never downgrades a store.
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SQLITE = """CREATE TRIGGER audit_append_only_{when} BEFORE {when} ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"""
POSTGRES_FUNCTION = """CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$
BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$ LANGUAGE plpgsql"""
POSTGRES_TRIGGER = """CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit
FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()"""


def upgrade() -> None:
    op.create_table(
        "audit", sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime, nullable=False), sa.Column("by", sa.Text, nullable=False),
        sa.Column("event", sa.Text, nullable=False), sa.Column("coop", sa.Text, nullable=False),
        sa.Column("what", sa.Text, nullable=False))
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for when in ("UPDATE", "DELETE"):
            op.execute(SQLITE.format(when=when))
    elif dialect == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        op.execute(POSTGRES_TRIGGER)
