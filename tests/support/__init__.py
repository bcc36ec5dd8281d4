"""What the tests check kmdash against: one oracle of the brief's figures."""
