"""Operator commands: ``flask seed-demo``, ``audit-verify``, ``create-staff``, ``catalog-import``/``-export``,
``worker``, ``sweep``, ``generate-slots`` and ``retention-run``."""

from __future__ import annotations

import json
import sys
from typing import BinaryIO, TextIO

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from app import demo, jobs
from app.errors import DomainError
from app.redis_store import get_store
from app.services import audit, catalog_io, retention, scopes, slots, staff, tickets


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


@click.command("create-staff")
@click.argument("username")
@click.option("--display-name", required=True, help="The name shown to colleagues, e.g. 李伟.")
@click.option(
    "--role", type=click.Choice(scopes.ROLES), default=scopes.SYS_ADMIN, show_default=True, help="Held in scope 'all'."
)
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin (for scripts).")
@with_appcontext
def create_staff_command(username: str, display_name: str, role: str, password_stdin: bool) -> None:
    """Create a staff account holding ROLE everywhere (the first sys_admin, typically).

    Admin roles get an authenticator secret: the otpauth:// URI is printed once, to be
    scanned into an authenticator app, because their logins need its codes.
    """
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        created = staff.create_account(
            username,
            display_name,
            password,
            actor=audit.SYSTEM,
            grants=[scopes.grant(role, scopes.ALL)],
            enrol_totp=scopes.needs_second_factor([role]),
        )
    except DomainError as error:
        messages = "; ".join(f"{name}: {' '.join(texts)}" for name, texts in error.details.get("fields", {}).items())
        click.echo(f"Cannot create {username!r}: {error.en}{' (' + messages + ')' if messages else ''}", err=True)
        raise SystemExit(1) from error
    account = created.account
    click.echo(f"Created staff account {account.username!r} (id {account.id}) with role {role}, scope all.")
    if created.totp_uri:
        click.echo("Scan this into an authenticator app now; it is not shown again:")
        click.echo(created.totp_uri)


@click.command("catalog-import")
@click.argument("file", type=click.File("rb"))
@click.option("--draft", is_flag=True, help="Load items as drafts only (publish them later).")
@with_appcontext
def catalog_import_command(file: BinaryIO, draft: bool) -> None:
    """Load a catalog file in the palmgov-catalog JSON format (see docs/catalog.md); idempotent."""
    try:
        counts = catalog_io.import_catalog(json.load(file), publish=not draft)
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"{file.name} is not JSON: {exc}") from exc
    except DomainError as exc:
        raise click.ClickException(f"{file.name}: {json.dumps(exc.details, ensure_ascii=False)}") from exc
    click.echo(", ".join(f"{name}: {count}" for name, count in counts.items()))


@click.command("catalog-export")
@click.argument("file", type=click.File("w", encoding="utf-8"), default="-")
@with_appcontext
def catalog_export_command(file: TextIO) -> None:
    """Write the published catalog in the palmgov-catalog JSON format (to FILE, or standard output)."""
    json.dump(catalog_io.export_catalog(), file, ensure_ascii=False, indent=2)
    file.write("\n")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Run the queued jobs and one sweep, then exit (for cron or tests).")
@with_appcontext
def worker_command(burst: bool) -> None:
    """Run background jobs from Redis (RQ, with its scheduler) and sweep for due work every 30 s.

    Needs a real REDIS_URL: on the embedded Redis jobs run inline in the web process.
    """
    from rq import Queue, SimpleWorker

    store = get_store()
    if store.embedded:
        raise click.ClickException("REDIS_URL is not set: jobs run inline in the web process, no worker is needed.")
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    stop = None if burst else jobs.start_sweeper(app)
    # SimpleWorker runs jobs in this process, inside this app context (no fork per job).
    worker = SimpleWorker([Queue(jobs.QUEUE, connection=store.jobs_client)], connection=store.jobs_client)
    worker.work(burst=burst, with_scheduler=not burst)
    if stop is not None:
        stop.set()
    if burst:
        jobs.sweep()


@click.command("sweep")
@with_appcontext
def sweep_command() -> None:
    """Do the due background work once (notifications waiting out quiet hours or a retry, lost jobs)."""
    jobs.sweep()


@click.command("generate-slots")
@click.option("--hall", "hall_id", type=int, help="Only this hall (its id).")
@with_appcontext
def generate_slots_command(hall_id: int | None) -> None:
    """Create the missing appointment slots up to each schedule's release horizon (the sweep does it too)."""
    click.echo(f"Slots created: {slots.ensure_slots(hall_id)}")


@click.command("retention-run")
@with_appcontext
def retention_run_command() -> None:
    """Delete the personal data past its retention period (RETENTION_*_DAYS, docs/privacy.md); the sweep does it
    hourly too."""
    counts = retention.run()
    click.echo("Deleted: " + ", ".join(f"{kind}: {count}" for kind, count in counts.items()))


@click.command("rebuild-queues")
@with_appcontext
def rebuild_queues_command() -> None:
    """Put every hall's waiting lines of today back into Redis from the database (after Redis lost them)."""
    rebuilt = tickets.rebuild_all()
    click.echo(f"Halls: {len(rebuilt)}, waiting tickets: {sum(rebuilt.values())}")


def register_commands(app: Flask) -> None:
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(audit_verify_command)
    app.cli.add_command(create_staff_command)
    app.cli.add_command(catalog_import_command)
    app.cli.add_command(catalog_export_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(sweep_command)
    app.cli.add_command(generate_slots_command)
    app.cli.add_command(rebuild_queues_command)
    app.cli.add_command(retention_run_command)
