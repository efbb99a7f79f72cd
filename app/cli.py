"""Operator commands: ``flask seed-demo``, ``flask audit-verify`` (more arrive with each feature)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from app import demo
from app.services import audit


@click.command("seed-demo")
@with_appcontext
def seed_demo_command() -> None:
    """Load the demo city (idempotent: running it twice changes nothing)."""
    summary = demo.seed()
    if not summary:
        click.echo("Demo data: nothing to seed yet.")
    for name, count in summary.items():
        click.echo(f"Demo data: {name}: {count}")


@click.command("audit-verify")
@with_appcontext
def audit_verify_command() -> None:
    """Walk the audit hash chain; exit 1 at the first row that was changed, removed or inserted."""
    report = audit.verify_chain()
    if report.broken_at is not None:
        click.echo(f"Audit chain BROKEN at row {report.broken_at} (after {report.rows} good rows).", err=True)
        raise SystemExit(1)
    click.echo(f"Audit chain OK: {report.rows} rows.")


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(audit_verify_command)
