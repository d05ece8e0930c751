"""`newsprism serve`: the web app and JSON API on localhost."""

from __future__ import annotations

import os
import secrets

import click

from ..common import console


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--token", envvar="NEWSPRISM_TOKEN", default=None,
              help="Token that allows writing (ingest from the browser or API). Default: a random one.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, token: str | None) -> None:
    """Browse stories and compare coverage in a browser (reading is open, writing needs the token)."""
    import uvicorn

    from ..web import create_app

    token = token or secrets.token_urlsafe(18)
    app = create_app((ctx.find_root().obj or {}).get("db"), token)
    console.print(f"newsprism on http://{host}:{port}/  (write token: {token})")
    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("NEWSPRISM_LOG", "warning"))


COMMANDS = [serve]
