"""`newsprism batch MANIFEST`: clean, analyse, embed, deduplicate and cluster many files on one engine."""

from __future__ import annotations

import click

from ...batch.executor import make_executor
from ...batch.run import run_batch
from ..common import err_console, print_json


@click.command()
@click.argument("manifest", type=click.Path())
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="local: in this process. dask: a Dask cluster (--scheduler) or a local one.")
@click.option("--scheduler", default=None, metavar="tcp://HOST:PORT",
              help="Address of a running Dask scheduler; without it --engine dask starts a LocalCluster.")
@click.option("--workers", default=2, show_default=True, help="Worker processes of the LocalCluster.")
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="Output folder: Parquet tables in OUT/tables, per-file parts and done markers.")
@click.option("--db", "batch_db", default=None, metavar="PATH|URL",
              help="Load the tables into this store (SQLite path or postgresql:// URL); default: the global --db "
                   "if given, else no loading.")
@click.option("--encoder", default=None, help="Embedding model (default: the offline multilingual USE).")
@click.option("--analyze/--no-analyze", default=True, show_default=True,
              help="Run the analysis stage (entities, quotes, places, dates); without it the batch only cleans, "
                   "embeds, deduplicates and clusters (several times faster).")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines.")
@click.pass_context
def batch(ctx: click.Context, manifest: str, engine: str, scheduler: str | None, workers: int, out: str,
          batch_db: str | None, encoder: str | None, analyze: bool, quiet: bool) -> None:
    """Process every input listed in MANIFEST (one path per line, or a JSON list).

    Inputs are WARC files, JSON/JSONL records, HTML or text files and folders. A killed batch resumes:
    run the same command again and only files without a done marker in OUT are processed. Prints a
    JSON report (articles/s per stage, syndication groups, stories). Exit code 1 if any input was rejected
    (OUT/tables/rejected.parquet says why).
    """
    if scheduler and engine != "dask":
        raise click.UsageError("--scheduler needs --engine dask.")
    db = batch_db or (ctx.find_root().obj or {}).get("db")

    def progress(event: str, data: dict) -> None:
        if quiet:
            return
        if event == "file":
            err_console.print(f"done {data['path']}: {data['articles']} articles, {data['rejected']} rejected")
        else:
            err_console.print(f"{event}: " + ", ".join(f"{k} {v}" for k, v in data.items()))

    try:
        executor = make_executor(engine, scheduler, workers)
    except OSError as exc:
        raise click.ClickException(f"cannot reach the Dask scheduler {scheduler}: {exc}. Start it with "
                                   "`dask scheduler` and workers with `dask worker tcp://HOST:PORT`, or leave "
                                   "out --scheduler to use a local cluster.") from exc
    try:
        report = run_batch(manifest, out, executor, encoder=encoder, db=db, progress=progress, analyze=analyze)
    finally:
        executor.close()
    print_json(report)
    if report["rejected"]:
        err_console.print(f"{report['rejected']} input(s) rejected: {out}/tables/rejected.parquet holds each with its "
                          "stage, reason and what to do" + (" (and `newsprism rejected` lists them)." if db else "."))
    ctx.exit(1 if report["rejected"] else 0)


COMMANDS = [batch]
