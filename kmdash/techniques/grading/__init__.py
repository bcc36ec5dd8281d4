"""T5 การจัดชั้นสมาชิก (member grading): published criteria, a grade per member, welfare per grade."""

from .card import CARD, TECHNIQUE

__all__ = ["CARD", "TECHNIQUE"]
