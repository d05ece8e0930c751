"""The comparison as ONE standalone HTML file: inline CSS and a few lines of inline script, no external
loads, every byte of article text escaped. Fact matrix as a colour grid, the articles side by side with
aligned facts highlighted in both (same colour, same fact id), the quote ledger and the framing table."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from ..facts import Fact
from ..quotes import cue_phrase
from ..summary import caveats, said_by
from .markdown import NO_FRAMING, NO_QUOTES

if TYPE_CHECKING:
    from ..core import Comparison

__all__ = ["render_html"]

_CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
main{max-width:1500px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px;border-bottom:2px solid #dde2e8;padding-bottom:4px}
.meta{color:#5b6672;font-size:13px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border:1px solid #dde2e8;padding:6px 8px;vertical-align:top;text-align:left}
th{background:#eef1f4;font-size:13px}
.matrix td.st{width:24%;font-size:12.5px}
.st b{display:block;font-size:13px}
.reported{background:#d9f2de}.omitted{background:#f1f2f4;color:#7a848e}
.qualified{background:#fff0c2}.conflicting{background:#ffd6d6}
.weak{outline:2px dashed #8a6d00;outline-offset:-4px}.legend .weak{background:#fff;outline-offset:-2px}
.legend span{display:inline-block;padding:2px 8px;margin-right:6px;border-radius:3px;font-size:12px}
.fid{font-weight:700;font-size:12px;color:#3d4852;white-space:nowrap}
.side{display:grid;gap:16px}
.side article{background:#fff;border:1px solid #dde2e8;border-radius:6px;padding:12px 16px;font-size:14px}
.side h3{margin:0 0 6px;font-size:16px}
mark{border-radius:3px;padding:0 1px;color:inherit}
mark sup{font-size:10px;font-weight:700;color:#333;margin-left:2px}
mark.solo{background:transparent;border-bottom:1px dotted #b8c0c8}
mark.hl{outline:2px solid #1d232a}
ins{background:#d9f2de;text-decoration:none}del{background:#ffd6d6}
ul.sum li{margin-bottom:4px}.cite{color:#1f5fa8;font-size:13px;white-space:nowrap}.caveat{color:#8a4b00;font-size:13px}
.why{color:#4a545e}
.ev{display:block;margin-top:4px;font-style:italic;color:#2b333b}
"""

_SCRIPT = """
document.querySelectorAll('[data-fact]').forEach(function(el){
 el.addEventListener('mouseenter',function(){document.querySelectorAll('mark[data-fact="'+el.dataset.fact+'"]')
  .forEach(function(m){m.classList.add('hl')})});
 el.addEventListener('mouseleave',function(){document.querySelectorAll('mark.hl')
  .forEach(function(m){m.classList.remove('hl')})});});
"""


def _colour(n: int) -> str:
    # Golden-angle hue steps keep neighbouring facts apart; lightness alternates for a second cue.
    return f"hsl({(n * 137.5) % 360:.0f} 75% {84 if n % 2 else 78}%)"


def _shared(c: "Comparison") -> dict[str, tuple[Fact, int]]:
    """claim key -> (its fact, colour number) for facts that more than one article reports."""
    out = {}
    multi = [f for f in c.facts if len(f.articles) > 1]
    for n, f in enumerate(multi):
        for claim in f.claims:
            out[claim.key] = (f, n)
    return out


def _article_html(c: "Comparison", index: int, shared: dict[str, tuple[Fact, int]]) -> str:
    text, pos, parts = c.articles[index].text, 0, []
    for claim in sorted((x for x in c.claims if x.article == index), key=lambda x: x.start):
        if claim.start < pos:
            continue
        parts.append(escape(text[pos:claim.start]))
        body = escape(text[claim.start:claim.end])
        if claim.key in shared:
            fact, n = shared[claim.key]
            status = fact.cells[index].status
            parts.append(f'<mark data-fact="{fact.id}" style="background:{_colour(n)}" '
                         f'title="{fact.id}: {status}">{body}<sup>{fact.id}</sup></mark>')
        else:
            parts.append(f'<mark class="solo" title="only {escape(c.names[index])}">{body}</mark>')
        pos = claim.end
    parts.append(escape(text[pos:]))
    paragraphs = "".join(parts).split("\n\n")
    return "".join(f"<p>{p}</p>" for p in paragraphs if p.strip())


# Evidence quoted in a matrix cell is cut here; the full sentence is in the side-by-side view.
EVIDENCE_CHARS = 160


def _evidence(fact: Fact, index: int) -> str:
    """The outlet's own words for the fact, when they are not already the fact's text."""
    words = " … ".join(e.text for e in fact.cells[index].evidence if e.text != fact.text)
    if not words:
        return ""
    cut = words if len(words) <= EVIDENCE_CHARS else words[:EVIDENCE_CHARS].rsplit(" ", 1)[0] + " …"
    return f'<span class="ev">{escape(cut)}</span>'


def _matrix(c: "Comparison") -> str:
    n = len(c.articles)
    head = "".join(f"<th>{escape(c.names[i])}</th>" for i in range(n))
    rows = []
    for f in c.facts:
        cells = "".join(f'<td class="st {f.cells[i].status}{" weak" if f.cells[i].weak else ""}"><b>{f.cells[i].status}</b>'
                        f'<span class="why">{escape(f.cells[i].reason)}</span>{_evidence(f, i)}</td>' for i in range(n))
        first = f'<div class="meta">first: {escape(c.names[f.first])}</div>' if f.first is not None else ""
        rows.append(f'<tr data-fact="{f.id}"><td><span class="fid">{f.id}</span> {escape(f.text)}{first}</td>'
                    f"<td>{f.sources}</td>{cells}</tr>")
    legend = "".join(f'<span class="{s}">{s}</span>' for s in ("reported", "qualified", "conflicting", "omitted"))
    legend += '<span class="weak" title="the alignment behind the cell is weak: check the evidence">weak match</span>'
    return (f'<div class="legend">{legend}</div><table class="matrix"><tr><th>fact</th>'
            f'<th title="independent sources">src</th>{head}</tr>{"".join(rows)}</table>')


def _diff_html(diff: list[list[str]]) -> str:
    tag = {"=": "span", "-": "del", "+": "ins"}
    return " ".join(f"<{tag[op]}>{escape(words)}</{tag[op]}>" for op, words in diff)


def _ledger(c: "Comparison") -> str:
    if not c.ledger:
        return f"<p class='meta'>{NO_QUOTES}</p>"
    rows = []
    for e in c.ledger:
        carriers = "<br>".join(
            f"<b>{escape(c.names[k.quote.article])}</b> ({k.label})"
            + (f"<div class='meta'>diff: {_diff_html(k.diff)}</div>" if k.diff else "") for k in e.carriers)
        said = f"“{escape(e.text)}”" if e.verbatim else \
            (f"<i class='cue' title='reported speech: the outlet&#39;s words, not a quotation'>"
             f"{escape(cue_phrase(e.cue, e.speaker))}</i> {escape(e.text)}")
        rows.append(f"<tr><td><span class='fid'>{e.id}</span> {said}</td>"
                    f"<td>{escape(e.speaker or 'unattributed')}</td><td>{carriers}</td></tr>")
    who = "".join(f"<li><b>{escape(c.names[i])}</b>: " + escape(", ".join(f"{s} ×{n}" for s, n in cnt.most_common()))
                  + "</li>" for i, cnt in sorted(c.speakers.items()))
    return (f"<table><tr><th>quote</th><th>speaker</th><th>carried by</th></tr>{''.join(rows)}</table>"
            f"<h3>Whom each outlet quotes</h3><ul>{who}</ul>")


def _framing(c: "Comparison") -> str:
    if not c.framing:
        return f"<p class='meta'>{NO_FRAMING}</p>"
    n = len(c.articles)
    head = "".join(f"<th>{escape(c.names[i])}</th>" for i in range(n))
    rows = "".join(f"<tr><td>{escape(r.referent)} <span class='meta'>({r.source})</span></td>"
                   + "".join(f"<td>{escape(', '.join(r.terms.get(i, [])) or '—')}</td>" for i in range(n)) + "</tr>"
                   for r in c.framing)
    return f"<table><tr><th>referent</th>{head}</tr>{rows}</table>"


def _summary(c: "Comparison") -> str:
    items = [f"<li>{escape(s.text)}{escape(said_by(s))} "
             f"<span class='cite'>[{escape('; '.join(c.names[i] for i in s.cites))}]</span>"
             f"{f'<span class=caveat>{escape(caveats(s, c.names))}</span>' if s.caveats else ''}</li>"
             for s in c.summary.consensus]
    for i, lines in c.summary.only.items():
        items += [f"<li><i>Only {escape(c.names[i])}:</i> {escape(s.text)}{escape(said_by(s))} "
                  f"<span class='cite'>[{escape(c.names[i])}]</span></li>" for s in lines]
    return f"<ul class='sum'>{''.join(items)}</ul>"


def render_html(c: "Comparison") -> str:
    shared = _shared(c)
    columns = "".join(f"<article><h3>{escape(c.names[i])}</h3><div class='meta'>{escape(a.title or a.source)}"
                      f" · {escape(a.published or 'date unknown')}</div>{_article_html(c, i, shared)}</article>"
                      for i, a in enumerate(c.articles))
    title = "Coverage comparison: " + ", ".join(c.names.values())
    return (f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            f"<style>{_CSS}</style></head><body><main><h1>{escape(title)}</h1>"
            f"<div class='meta'>{len(c.facts)} facts · {len(c.ledger)} quotes · newsprism</div>"
            f"<h2>Summary</h2>{_summary(c)}<h2>Fact matrix</h2>{_matrix(c)}"
            f"<h2>Articles side by side</h2><div class='side' style='grid-template-columns:repeat("
            f"{min(len(c.articles), 3)},1fr)'>{columns}</div>"
            f"<h2>Quote ledger</h2>{_ledger(c)}<h2>Framing</h2>{_framing(c)}</main>"
            f"<script>{_SCRIPT}</script></body></html>")
