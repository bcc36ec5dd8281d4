"""T4 โครงการกิจกรรมกลุ่มแก้ปัญหา (group pooling): a pool rotating through the members' small debts."""

from .card import CARD, TECHNIQUE

__all__ = ["CARD", "TECHNIQUE"]
