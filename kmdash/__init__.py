"""kmdash: a co-operative's loan ledger -> overdue-debt picture and collection plan."""

__version__ = "0.1.0"
