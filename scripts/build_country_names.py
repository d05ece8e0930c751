"""Build newsprism/data/country_names.json: the names of countries in other languages, for the gazetteer.

    python scripts/build_country_names.py [--out newsprism/data/country_names.json]

The source is the Unicode CLDR's territory names as Babel ships them (Babel is installed with newsprism).
newsprism reads the file so that 'Polska', 'Türkiye', 'Almanya', 'Россия', 'سوريا' and '中国' resolve to
their countries, and, for languages that decline names, so that 'Polsce' meets 'Polska'. The names are
kept in a file rather than read from Babel at run time: Babel's data for 42 locales takes some 40 MB of
memory once loaded.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import babel
from babel import Locale, __version__ as babel_version

# The languages of the corpora newsprism is measured on and the other widely published ones.
LANGUAGES = ("ar", "bg", "bn", "ca", "cs", "da", "de", "el", "en", "es", "et", "fa", "fi", "fr", "he", "hi", "hr",
             "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "nb", "nl", "pl", "pt", "ro", "ru", "sk", "sl", "sr",
             "sv", "sw", "th", "tr", "uk", "ur", "vi", "zh")


def _cldr_licence() -> str:
    """The CLDR's copyright and permission notice, which copies of its data must carry (Babel ships it)."""
    return (Path(babel.__file__).parent / "locale-data" / "LICENSE.unicode").read_text(encoding="utf-8")


def build() -> dict:
    return {
        "about": "Names of countries (ISO 3166 two-letter codes) in other languages, from the Unicode CLDR: "
                 "read by newsprism.analyze.gazetteer. Built by scripts/build_country_names.py.",
        "source": f"Unicode CLDR territory names as shipped by Babel {babel_version} (https://cldr.unicode.org/)",
        "licence": _cldr_licence(),
        "names": {code: {iso: name for iso, name in sorted(Locale.parse(code).territories.items()) if len(iso) == 2}
                  for code in LANGUAGES},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(Path(__file__).resolve().parents[1] / "newsprism" / "data" /
                                             "country_names.json"))
    args = parser.parse_args()
    Path(args.out).write_text(json.dumps(build(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
