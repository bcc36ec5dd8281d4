"""T2 การใช้พลังผู้นำกลุ่มสมาชิก (group-leader power): each group's debtors to its leader, meetings, a fee."""

from .card import CARD, TECHNIQUE

__all__ = ["CARD", "TECHNIQUE"]
