"""Use cases: plain arguments in, models or dataclasses out; each owns its transaction."""
