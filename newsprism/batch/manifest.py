"""A manifest lists a batch's inputs: one path per line (text) or a JSON list / {"inputs": [...]}.

Relative paths are read relative to the manifest, so a manifest can travel with its data.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..errors import InputError
from ..ingest.files import iter_paths
from ..model import Rejected

__all__ = ["read_manifest", "expand_inputs", "FOLDER_CHUNK"]

# Pages per unit of work for folders of HTML/text files: enough to amortise a task's fixed costs
# (Parquet parts, a done marker), few enough that a killed run loses little.
FOLDER_CHUNK = 200


def read_manifest(path: str | Path) -> list[str]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("bad-manifest", f"cannot read the manifest {path}: {exc}.",
                         "Give a text file with one input path per line, or a JSON list of paths.") from exc
    entries = _json_entries(text, path) if text.lstrip().startswith(("[", "{")) else [
        line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not entries:
        raise InputError("empty-manifest", f"the manifest {path} lists no inputs.",
                         "Add one input path (WARC, JSONL, HTML or text file, or a folder) per line.")
    return [str(p if Path(p).is_absolute() else (path.parent / p)) for p in entries]


def _json_entries(text: str, path: Path) -> list[str]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError("bad-manifest", f"the manifest {path} is not valid JSON ({exc}).",
                         "Fix the JSON, or use a text manifest with one path per line.") from exc
    entries = data.get("inputs") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
        raise InputError("bad-manifest", f"the manifest {path} must be a list of paths or {{\"inputs\": [...]}}.",
                         "Write the input paths as JSON strings.")
    return entries


def expand_inputs(entries: list[str]) -> tuple[list[tuple[str, ...]], list[Rejected]]:
    """Units of work in manifest order, and the entries that do not exist.

    A file is one unit (a WARC or JSONL file holds many articles); a folder's files are taken
    FOLDER_CHUNK at a time, so a folder of single-page HTML files does not become one task per page.
    """
    units: list[tuple[str, ...]] = []
    missing: list[Rejected] = []
    seen: set[str] = set()
    for entry in entries:
        files = []
        for item in iter_paths([entry]):
            if isinstance(item, Rejected):
                missing.append(item)
            elif str(item) not in seen:
                seen.add(str(item))
                files.append(str(item))
        step = FOLDER_CHUNK if Path(entry).is_dir() else 1
        units.extend(tuple(files[i:i + step]) for i in range(0, len(files), step))
    return units, missing
