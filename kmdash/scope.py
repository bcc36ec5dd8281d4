"""What one person may see of the store, carried by the engine they are given: the co-ops whose snapshots,
actions, history and audit rows they may read or change, and whether they may see members' real names. Every
store query applies it (`store`, `record`, `province`, `history`); the app gives each logged-in person an engine
bound to their scope, so no page, URL or typed snapshot id can reach past it. The command line, run by whoever
holds the store itself, sees everything.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

OPTION = "kmdash_scope"


@dataclass(frozen=True)
class Scope:
    coops: frozenset[str] | None = None  # None: every co-op, those of ledgers that named none included
    names: bool = True  # False: members' names and numbers are shown masked only
    user: str | None = None  # who acts, for the audit trail (None: the computer's login, `store.who`)

    def allows(self, coop: str | None) -> bool:
        return self.coops is None or (coop or "") in self.coops

    def where(self, column: sa.ColumnElement) -> sa.ColumnElement:
        """The clause that keeps a table's rows to the co-ops allowed (`column`: the table's co-op)."""
        return sa.true() if self.coops is None else column.in_(sorted(self.coops))


EVERYTHING = Scope()


def scoped(engine: sa.Engine, scope: Scope) -> sa.Engine:
    """The engine (same pool) whose every store query keeps to `scope`."""
    return engine.execution_options(**{OPTION: scope})


def scope_of(bind) -> Scope:
    """The scope an engine or a connection carries; everything where none was bound."""
    return bind.get_execution_options().get(OPTION, EVERYTHING)
