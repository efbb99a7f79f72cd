"""Operator commands: ``flask seed-demo`` (more arrive with each feature)."""

from __future__ import annotations

import click
from flask import Flask

from app import demo


@click.command("seed-demo")
def seed_demo_command() -> None:
    """Load the demo city (idempotent: running it twice changes nothing)."""
    summary = demo.seed()
    if not summary:
        click.echo("Demo data: nothing to seed yet.")
    for name, count in summary.items():
        click.echo(f"Demo data: {name}: {count}")


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)
