"""`newsprism eval TASK` and `newsprism bench TASK`: one module per task, discovered by name.

Each module in newsprism/eval/ (and newsprism/bench/) that defines `command` (a click command named
after its task) becomes a subcommand; evaluators print their metrics as one JSON object on the last line.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import click

from ... import bench as _bench_pkg
from ... import eval as _eval_pkg


class _Discovered(click.Group):
    def __init__(self, package: ModuleType, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.package = package

    def _modules(self) -> dict[str, str]:
        return {m.name.replace("_", "-"): m.name for m in pkgutil.iter_modules(self.package.__path__)
                if not m.name.startswith("_") and m.name != "common"}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(self._modules())

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = self._modules().get(name)
        if module is None:
            return None
        return getattr(importlib.import_module(f"{self.package.__name__}.{module}"), "command", None)


evaluate = _Discovered(_eval_pkg, name="eval", help="Measure a task on a labelled data file; metrics as JSON.")
bench = _Discovered(_bench_pkg, name="bench", help="Benchmarks: speed and memory, as JSON.")

COMMANDS = [evaluate, bench]
