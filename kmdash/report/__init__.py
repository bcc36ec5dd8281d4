"""What kmdash hands out: the summary as JSON, the text report (plans and other exports join here)."""
