"""Alembic's environment: the migrations run on the connection kmdash.store hands over, inside the transaction
it holds (so an upgrade is all or nothing). Run from Alembic's own command line there is no connection: the
store upgrades itself when kmdash opens it."""

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("kmdash upgrades its store when it opens it: python -m kmdash snapshot list --store URL")
context.configure(connection=connection)
with context.begin_transaction():
    context.run_migrations()
