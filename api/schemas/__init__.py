"""Marshmallow schemas, one module per resource. Request schemas reject unknown fields."""
