"""T1 การร่อนตะแกรง (sieving): notices with conditions and a deadline to the long-overdue debtors."""

from .card import CARD, TECHNIQUE

__all__ = ["CARD", "TECHNIQUE"]
