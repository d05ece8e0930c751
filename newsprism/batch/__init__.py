"""Batch processing at scale: plain functions over batches of records, driven by a manifest of files.

manifest   the input files (WARC, JSONL/JSON, HTML or text folders) of a run
executor   where the functions run: in-process (`LocalExecutor`) or on Dask (`DaskExecutor`)
stages     per input file: read, clean, embed, MinHash; one set of Parquet part files and a done marker
dedupe     syndication groups: MinHash bands grouped through the engine's shuffle, never all pairs
stories    story clustering, blocked by time window, each window one task on the engine
tables     the final Parquet tables and loading them into a store
run        `run_batch`: the whole run, resumable (files with a done marker are not processed again)
"""
