"""`newsprism compare` end to end on the real seed files: every report format, escaping, bad input."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from .conftest import SEEDS
from newsprism.compare.report import SCHEMA_VERSION
from newsprism.present.cli import cli

DW, TRT = str(SEEDS / "000_b6d28b3d5f38a964.txt"), str(SEEDS / "002_e2b5d6b51d6234c6.txt")


@pytest.fixture(scope="module")
def report_json() -> dict:
    result = CliRunner().invoke(cli, ["compare", DW, TRT, "--report", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.slow
def test_json_report_follows_the_schema_and_points_at_spans(report_json):
    data = report_json
    assert data["schema"] == SCHEMA_VERSION
    assert len(data["articles"]) == 2
    texts = {a["outlet"]: a["text"] for a in data["articles"]}
    statuses = {cell["status"] for f in data["facts"] for cell in f["cells"].values()}
    assert statuses <= {"reported", "omitted", "qualified", "conflicting"} and "omitted" in statuses
    for fact in data["facts"]:
        for outlet, cell in fact["cells"].items():
            assert cell["reason"]
            for ev in cell["evidence"]:
                assert texts[outlet][ev["start"]:ev["end"]] == ev["text"]
    assert any(f["sources"] == 2 for f in data["facts"]) and data["facts"][0]["sources"] == 2
    assert data["summary"]["consensus"] and all(len(s["cites"]) == 2 for s in data["summary"]["consensus"])
    trt = data["articles"][1]["outlet"]
    trt_words = {t for row in data["framing"] for t in row["terms"].get(trt, [])}
    assert "Assad regime" in trt_words


def test_the_summary_says_trt_sets_a_condition_on_no_fly(report_json):
    """gold.json: no-fly is qualified on TRT's side (Putin's 'on condition that no military activity emanates
    from these zones'). A consensus line citing TRT World for it carries the condition, in JSON and Markdown."""
    lines = [s for s in report_json["summary"]["consensus"] if "TRT World" in s["cites"] and
             any("on condition that no military activity" in k["finding"] for k in s["caveats"])]
    assert lines and lines[0]["caveats"][0]["outlet"] == "TRT World" and lines[0]["caveats"][0]["status"] == "qualified"
    fact = next(f for f in report_json["facts"] if f["id"] == lines[0]["fact"])
    # the line's caveat holds what TRT's sentence aligned with the line adds: part of what the whole cell adds
    assert fact["cells"]["TRT World"]["status"] == "qualified"
    assert all(part in fact["cells"]["TRT World"]["finding"] for part in lines[0]["caveats"][0]["finding"].split("; "))
    assert all(k["status"] in {"qualified", "conflicting"} for s in report_json["summary"]["consensus"]
               for k in s["caveats"])
    result = CliRunner().invoke(cli, ["compare", DW, TRT, "--report", "md"])
    summary = result.stdout.split("## Fact matrix")[0]
    assert re.search(r"\[DW; TRT World\] \(TRT World adds [^)]*on condition that no military activity", summary)


def test_a_clause_cut_from_mid_sentence_is_marked_and_stays_out_of_the_summary(report_json):
    """DW's 'Putin said the plan has wide support, but called for further discussions ...' is two facts;
    the second is printed as '… but called for ...', and summary lines are whole statements."""
    texts = [f["text"] for f in report_json["facts"]]
    assert "… but called for further discussions to finalize exactly how it would work." in texts
    assert not any(t[0].islower() for t in texts)
    lines = report_json["summary"]["consensus"] + [x for xs in report_json["summary"]["only"].values() for x in xs]
    assert len(lines) >= 8 and not any(x["text"].startswith(("…", "but ", "where ")) for x in lines)


def test_a_quoted_summary_line_names_its_speaker(report_json):
    """DW's '"We both proceed ...," the Russian leader said.' is a summary line: gold.json says Vladimir
    Putin spoke it, and the line now says so; a line that names its speaker ('..., Erdogan said.') adds nothing."""
    gold = json.loads((SEEDS / "gold.json").read_text(encoding="utf-8"))
    lines = report_json["summary"]["consensus"] + [x for xs in report_json["summary"]["only"].values() for x in xs]
    checked = 0
    for q in gold["quotes"]:
        line = next((x for x in lines if q["text"][:50] in x["text"]), None)
        if line is None:
            continue
        named = q["speaker"].split()[-1] in line["text"]
        assert line["speaker"] == (None if named else q["speaker"]), (line, q["speaker"])
        checked += 1
    assert checked >= 2 and any(x["speaker"] for x in lines)


def test_reported_speech_is_not_shown_as_a_quotation(report_json):
    """DW's 'Putin added that the zones would prevent military flights ...' reports what Putin said in DW's
    words; TRT quotes him: '"If there is a de-escalation zone, then planes will not fly there ...," Putin
    said.' The ledger puts only the second in quotation marks and gives the first with its cue."""
    entries = {e["text"]: e for e in report_json["quotes"]}
    reported = next(e for t, e in entries.items() if "would prevent military flights" in t)
    quoted = next(e for t, e in entries.items() if t.startswith("If there is a de-escalation zone"))
    assert (reported["kind"], reported["cue"]) == ("indirect", "added")
    assert quoted["kind"] == "direct" and all(k["kind"] == "direct" for k in quoted["carriers"])
    # reported speech carried by both outlets ('Putin said the plan / the idea ... has wide support') is
    # paraphrase on both sides: neither outlet has the speaker's verbatim words
    both = [e for e in report_json["quotes"] if len({k["outlet"] for k in e["carriers"]}) == 2 and e["kind"] == "indirect"]
    assert both and all(k["how"] == "paraphrased" for e in both for k in e["carriers"])
    md = CliRunner().invoke(cli, ["compare", DW, TRT, "--report", "md"]).stdout
    row = next(line for line in md.splitlines() if "would prevent military flights" in line and line.startswith("| Q"))
    assert "[added] that the zones would prevent military flights" in row and "“" not in row
    assert "reported speech)" in row
    html = CliRunner().invoke(cli, ["compare", DW, TRT, "--report", "html"]).stdout
    ledger = html[html.index("would prevent military flights", html.index("Quote ledger")):]
    assert "reported speech)" in ledger[:ledger.index("</tr>")]
    assert "“If there is a de-escalation zone" in md
    # the cue keeps the preposition it takes: DW's 'called for further discussions'
    talks = next(e for t, e in entries.items() if t.startswith("further discussions"))
    assert talks["cue"] == "called for" and "[called for] further discussions" in md


def test_an_empty_ledger_or_framing_table_is_said_in_words():
    """A comparison with nothing in a section says so instead of printing an empty table."""
    from rich.console import Console

    from pathlib import Path

    from newsprism.compare import analyze_if_available, compare_articles
    from newsprism.compare.report import render_html, render_markdown, render_terminal
    from newsprism.ingest.files import read_path
    from newsprism.pipeline import process

    articles = [process(page) for path in (DW, TRT) for page in read_path(Path(path))]
    for article in articles:
        analyze_if_available(article)
    c = compare_articles(articles)
    assert c.framing and c.ledger  # the seeds have both; empty them
    c.framing, c.ledger = [], []
    md = render_markdown(c)
    assert "No differences in wording found." in md and "No quotes found." in md and "| referent |" not in md
    html = render_html(c)
    assert "No differences in wording found." in html and "<th>referent</th>" not in html
    console = Console(record=True, width=120)
    render_terminal(c, console)
    assert "No quotes found." in console.export_text()


@pytest.mark.slow
def test_html_is_standalone_and_escapes_article_text(tmp_path):
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("Putin said the zones would prevent military flights <script>alert(1)</script> over "
                       "the affected areas, a claim TRT World & others repeated.\n\nSochi talks went on.")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(cli, ["compare", DW, str(hostile), "--report", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"""(src|href)=["']?https?:""", html) and "<link" not in html
    assert html.count("<script>") == 1  # the report's own inline highlighter only
    for section in ("Fact matrix", "Articles side by side", "Quote ledger", "Framing", "Summary"):
        assert section in html


@pytest.mark.slow
def test_markdown_and_text_reports():
    runner = CliRunner()
    md = runner.invoke(cli, ["compare", DW, TRT, "--report", "md"])
    assert md.exit_code == 0 and "## Fact matrix" in md.stdout and "◐ qualified" in md.stdout
    # what each outlet wrote for a shared fact is there to check; omitted cells do not repeat their one reason;
    # both seeds are of one day, so nobody was first and there is no 'first' column
    evidence = md.stdout.split("### Evidence", 1)[1].split("## Quote ledger")[0]
    assert any("*TRT World:* Russia and Turkey agreed to lift all trade restrictions, except those on exports" in line
               and "*DW:* " in line for line in evidence.splitlines())
    assert "| · omitted |" in md.stdout and "no claim of this outlet aligns" not in md.stdout
    assert "| first |" not in md.stdout
    text = runner.invoke(cli, ["compare", DW, TRT])
    assert text.exit_code == 0 and "Fact matrix" in text.stdout and "Quote ledger" in text.stdout
    cited = [line for line in text.stdout.splitlines() if line.startswith("  •") and "only" not in line]
    # each consensus line ends with the outlets it cites, then what a cited outlet adds or disputes, if anything
    assert cited and all(re.search(r"\[[^\]]+; [^\]]+\]( \(.+\))?$", line.rstrip()) for line in cited)


def test_csv_report_is_the_fact_matrix_a_row_per_fact_and_outlet(report_json, tmp_path):
    import csv

    out = tmp_path / "facts.csv"
    result = CliRunner().invoke(cli, ["compare", DW, TRT, "--report", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    facts = report_json["facts"]
    assert len(rows) == len(facts) * len(report_json["articles"])
    by_key = {(x["fact"], x["outlet"]): x for x in rows}
    for f in facts:
        for outlet, cell in f["cells"].items():
            row = by_key[f["id"], outlet]
            assert (row["status"], row["reason"], row["fact_text"]) == (cell["status"], cell["reason"], f["text"])
            text = next(a["text"] for a in report_json["articles"] if a["outlet"] == outlet)
            spans = [tuple(map(int, s.split("-"))) for s in row["spans"].split(";") if s]
            assert " | ".join(text[a:b] for a, b in spans) == row["evidence"]  # offsets point at the evidence


def test_bad_inputs_get_a_message_not_a_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["--db", str(tmp_path / "x.db"), "compare", DW, "no-such-article"])
    assert result.exit_code != 0 and result.exception is None or isinstance(result.exception, SystemExit)
    assert "neither a file nor a stored article id" in result.output
    assert "at least two articles" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_stored_ids_and_files_mix(tmp_path):
    runner, db = CliRunner(), str(tmp_path / "s.db")
    assert runner.invoke(cli, ["--db", db, "ingest", DW]).exit_code == 0
    stored = json.loads(runner.invoke(cli, ["--db", db, "list", "--json"]).stdout)[0]["id"]
    result = runner.invoke(cli, ["--db", db, "compare", stored[:10], TRT, "--report", "json"])
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]][0] == stored


def test_bad_syndication_map_is_explained(tmp_path):
    bad = tmp_path / "syn.json"
    bad.write_text("[1, 2]")
    result = CliRunner().invoke(cli, ["compare", DW, TRT, "--syndication", str(bad)])
    assert result.exit_code != 0 and "must be a JSON object" in result.output


def test_story_report_compares_a_stored_story_and_copies_count_once(tmp_path, report_json):
    """`newsprism story ID --report ...`: the seeds, ingested, form one story whose comparison matches the
    file comparison; a re-post of DW under another site joins the story as a copy and is compared as one
    source with DW; a story of one article says why it cannot be compared."""
    db = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db, "ingest", DW, TRT, "-q"]).exit_code == 0
    stories = json.loads(runner.invoke(cli, ["--db", db, "stories", "--json"]).stdout)
    assert len(stories) == 1 and stories[0]["outlets"] == 2
    sid = str(stories[0]["id"])
    result = runner.invoke(cli, ["--db", db, "story", sid, "--report", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [a["outlet"] for a in data["articles"]] == [a["outlet"] for a in report_json["articles"]]
    assert [f["text"] for f in data["facts"]] == [f["text"] for f in report_json["facts"]]
    out = tmp_path / "story.md"
    assert runner.invoke(cli, ["--db", db, "story", sid, "--report", "md", "-o", str(out)]).exit_code == 0
    assert "## Fact matrix" in out.read_text(encoding="utf-8")
    # DW's text re-posted by another site: same story, a syndication copy, one more article but no new source
    repost = tmp_path / "repost.json"
    dw_text = SEEDS.joinpath("000_b6d28b3d5f38a964.txt").read_text(encoding="utf-8")
    repost.write_text(json.dumps({"text": dw_text + "\n\nRe-posted by Example Wire.", "outlet": "Example Wire",
                                  "published": "2017-05-03"}), encoding="utf-8")
    assert runner.invoke(cli, ["--db", db, "ingest", str(repost), "-q"]).exit_code == 0
    data = json.loads(runner.invoke(cli, ["--db", db, "story", sid, "--report", "json"]).stdout)
    assert len(data["articles"]) == 3
    assert max(f["sources"] for f in data["facts"]) == 2  # DW and its copy are one source
    # a story of one article
    lone = tmp_path / "lone.txt"
    lone.write_text("Heavy snow closed every school in the valley on Monday. The roads reopen on Friday.\n",
                    encoding="utf-8")
    runner.invoke(cli, ["--db", db, "ingest", str(lone), "-q"])
    rows = json.loads(runner.invoke(cli, ["--db", db, "stories", "--json"]).stdout)
    alone = next(r for r in rows if r["articles"] == 1)
    result = runner.invoke(cli, ["--db", db, "story", str(alone["id"]), "--report", "md"])
    assert result.exit_code == 1 and "a comparison needs two" in result.output


def test_each_cell_gives_the_strongest_alignment_behind_it(report_json):
    """`match` is the best score among the alignments between the cell's claims and another outlet's in the
    same fact; `weak` says it is below WEAK_MATCH, and the reason says so too."""
    from newsprism.compare.facts import WEAK_MATCH

    score = {frozenset((a["a"], a["b"])): a["score"] for a in report_json["alignments"]}
    seen_weak = seen_strong = False
    for fact in report_json["facts"]:
        for outlet, cell in fact["cells"].items():
            mine = {e["claim"] for e in cell["evidence"]}
            others = {e["claim"] for o, c in fact["cells"].items() if o != outlet for e in c["evidence"]}
            best = max((score[frozenset((a, b))] for a in mine for b in others if frozenset((a, b)) in score),
                       default=None)
            if cell["status"] == "omitted" or not others:
                assert cell["match"] is None and not cell["weak"]
                continue
            assert cell["match"] == pytest.approx(best, abs=1e-4)
            assert cell["weak"] == (best < WEAK_MATCH) == ("weak match" in cell["reason"])
            seen_weak |= cell["weak"]
            seen_strong |= not cell["weak"]
    assert seen_weak and seen_strong


@pytest.mark.slow
def test_the_story_encoder_setting_leaves_comparisons_on_the_encoder_they_are_calibrated_for(report_json, monkeypatch):
    """$NEWSPRISM_ENCODER picks the model for story embeddings; claim alignment, whose weights are fitted on
    the default encoder's vectors, keeps that one (e5's 384-d vectors once broke the comparison)."""
    from newsprism.analyze.quotes import get_cue_lexicon
    from newsprism.embed import get_encoder

    monkeypatch.setenv("NEWSPRISM_ENCODER", "multilingual-e5-small")
    for cached in (get_encoder, get_cue_lexicon):  # loaded once per process: load them under the setting
        cached.cache_clear()
    try:
        result = CliRunner().invoke(cli, ["compare", DW, TRT, "--report", "json"])
    finally:
        monkeypatch.delenv("NEWSPRISM_ENCODER")
        for cached in (get_encoder, get_cue_lexicon):
            cached.cache_clear()
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)["facts"]
    assert [(f["text"], {o: c["status"] for o, c in f["cells"].items()}) for f in facts] == \
        [(f["text"], {o: c["status"] for o, c in f["cells"].items()}) for f in report_json["facts"]]
