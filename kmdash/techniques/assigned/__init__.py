"""T3 การมอบหมายผู้รับผิดชอบ (assigned follow-up): every debtor to one person, weekly reports."""

from .card import CARD, TECHNIQUE

__all__ = ["CARD", "TECHNIQUE"]
