"""Reading a ledger file: bytes -> sheets -> header -> loans table, every other row accounted for."""
