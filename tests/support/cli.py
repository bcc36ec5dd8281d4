"""The command line run in-process (the `cli` fixture in tests/conftest.py) and what a user error looks like."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass

from .ledgers import ROOT


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


def kmdash_process(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    """`python -m kmdash ARGS` in a process of its own, `stdin` typed into it (a password piped in)."""
    return subprocess.run([sys.executable, "-m", "kmdash", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
