"""`flask settings …`: the tenant settings (deadlines and service targets in working days)."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from ..calendar.cli import admin_named, by_option
from . import service as settings_service
from .registry import REGISTRY, SLA_ALIASES

settings_cli = AppGroup("settings", help="Pengaturan instansi (batas waktu dan target layanan dalam hari kerja).")


@settings_cli.command("list")
def settings_list_command() -> None:
    """List every setting with its current value, default and allowed range."""
    values = settings_service.all_settings()
    for key, spec in REGISTRY.items():
        click.echo(f"{key:40} {values[key]:>4}  (bawaan {spec.default}, {spec.minimum}–{spec.maximum})  {spec.label}")
    for alias, key in SLA_ALIASES.items():
        click.echo(f"{alias} memakai nilai {key}.")


@settings_cli.command("set")
@click.argument("key")
@click.argument("value")
@by_option
def settings_set_command(key: str, value: str, by_admin: str | None) -> None:
    """Set a setting (a whole number of working days); see `flask settings list` for keys."""
    try:
        stored = settings_service.set_setting(key, value, admin_named(by_admin))
    except settings_service.SettingError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"{key} = {stored}")
