"""The handbook's five techniques, one package each behind one interface (`base.Technique`): its card, its
score with evidence, the members it applies to, its tool, its plan fields and follow-up dimension, the names of
its page and command. `registry` is the one list; `selector` ranks them from a ledger's own figures."""
