"""Members keyed by name, where no member-number column was recognised: said, never silent.

Two people of one name would be merged into one member. An unknown column that holds different values
under one name (a member-number column under a header the catalogue lacks) shows it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .cells import as_texts
from .headers import HeaderMap


@dataclass(frozen=True)
class NameKeys:
    unknown: list[str]  # headers not known: one of them may be the member number
    shared: dict[str, int] = field(default_factory=dict)  # unknown header -> names it splits into several values


def name_keys(grid: np.ndarray, kinds: np.ndarray, texts: list[np.ndarray], headers: HeaderMap,
              keys: np.ndarray, used: np.ndarray) -> NameKeys | None:
    """None where members are keyed by their number; else what the unknown headers say about the names."""
    if "member_no" in headers.columns:
        return None
    shared = {}
    for j, header in headers.unknown.items():
        values = as_texts(grid[:, j], texts[j], kinds[:, j])
        pairs = pd.DataFrame({"key": keys[used], "value": values[used]}).dropna()
        split = int((pairs.groupby("key")["value"].nunique() > 1).sum())
        if split:
            shared[header] = split
    return NameKeys(unknown=list(dict.fromkeys(headers.unmapped)), shared=shared)
