"""The `newsprism` command: a thin click layer over the library's verbs.

Command modules live in newsprism/present/commands/; each exposes `COMMANDS`, a list of click commands,
and is picked up here, so a new capability adds its verbs without touching this file.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from .. import __version__
from ..errors import NewsprismError
from . import commands as _commands_pkg

__all__ = ["main", "cli"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="newsprism")
@click.option("--db", envvar="NEWSPRISM_DB", default=None, metavar="PATH",
              help="Store location (SQLite file or postgresql:// URL). Default: .newsprism/newsprism.db or $NEWSPRISM_DB.")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """See how different outlets cover the same story."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db


def _load_commands() -> None:
    for info in sorted(pkgutil.iter_modules(_commands_pkg.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{_commands_pkg.__name__}.{info.name}")
        for command in getattr(module, "COMMANDS", []):
            cli.add_command(command)


_load_commands()


def main() -> None:
    try:
        rc = cli.main(prog_name="newsprism", standalone_mode=False)
        sys.exit(rc if isinstance(rc, int) else 0)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("Interrupted. Everything stored so far is kept; run the same command again to resume.",
                   err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except NewsprismError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
