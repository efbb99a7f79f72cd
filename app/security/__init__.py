"""Protection of personal data: masking (and, later, field encryption and the audit chain)."""
