"""Build newsprism/data/given_names.json: which given names are borne almost only by women or only by men.

    pip install nomquamgender==0.1.4     # only to run this script; newsprism does not need it
    python scripts/build_given_names.py [--min-count 500] [--share 0.9] [--out newsprism/data/given_names.json]

The source is the name table of nomquamgender 0.1.4 (Ian Van Buskirk, MIT licence): for each name, the
share of its bearers in its 36 name-gender sources recorded as women, and how many bearers that rests on.
A name is kept when at least --min-count bearers are counted and at least --share of them are of one sex
(plain ASCII letters only). newsprism reads the table for one thing: a 'he' or 'she' should not stand for
a person whose given name this table says is of the other sex (in 'Ruth Miller met Donald Brown. "...,"
she said', the words are Ruth Miller's). An honorific in the text (Mr., Ms.) comes first; names not in
the table are left to the article's own pronouns, else undecided.
"""

from __future__ import annotations

import argparse
import json
from importlib import resources
from pathlib import Path

# The source's licence, which any copy of a substantial part of its table must carry.
NOMQUAMGENDER_LICENCE = """Copyright (c) 2022 Ian Van Buskirk

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE."""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--min-count", type=int, default=500)
    ap.add_argument("--share", type=float, default=0.9)
    ap.add_argument("--source", help="name_data.json of nomquamgender (default: the installed package's)")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "newsprism" / "data" / "given_names.json"))
    args = ap.parse_args()
    if args.source:
        raw = json.loads(Path(args.source).read_text(encoding="utf-8"))
    else:
        raw = json.loads(resources.files("nomquamgender").joinpath("name_data.json").read_text(encoding="utf-8"))
    names: dict[str, list[str]] = {"f": [], "m": []}
    for name, (_, count, share_f, *_) in sorted(raw.items()):
        if count < args.min_count or not (name.isascii() and name.isalpha()):
            continue
        if share_f >= args.share:
            names["f"].append(name)
        elif share_f <= 1 - args.share:
            names["m"].append(name)
    out = {
        "about": "Given names borne almost only by women (f) or by men (m), lower case: for pronoun agreement in "
                 "newsprism.analyze.entities. Built by scripts/build_given_names.py.",
        "source": "nomquamgender 0.1.4 name_data.json (https://pypi.org/project/nomquamgender/), "
                  "Copyright (c) 2022 Ian Van Buskirk, MIT licence",
        "licence": NOMQUAMGENDER_LICENCE,
        "min_count": args.min_count,
        "share": args.share,
        "names": names,
    }
    Path(args.out).write_text(json.dumps(out, indent=0, ensure_ascii=True) + "\n", encoding="utf-8")
    print(f"{len(names['f'])} women's and {len(names['m'])} men's names -> {args.out}")


if __name__ == "__main__":
    main()
