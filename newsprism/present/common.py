"""Helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.console import Console

from ..store import Store, open_store

__all__ = ["store_from", "console", "err_console", "print_json"]

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def store_from(ctx: click.Context) -> Store:
    root = ctx.find_root()
    return open_store((root.obj or {}).get("db"))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
