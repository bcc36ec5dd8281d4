"""The command line run in-process (the `cli` fixture in tests/conftest.py) and what a user error looks like."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict:
        assert self.code == 0, self.err
        return json.loads(self.out)


def assert_user_error(run) -> None:
    """Exit 2, nothing on stdout, exactly one line on stderr in Thai and English, no traceback."""
    assert run.code == 2, run.err
    assert run.out == ""
    assert len(run.err.strip().splitlines()) == 1, run.err
    assert "Traceback" not in run.err
    assert " | " in run.err
