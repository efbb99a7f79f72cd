"""Database models, one module per aggregate. Models never commit; services do."""
