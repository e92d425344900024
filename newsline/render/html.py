"""A standalone HTML timeline: one file, no network, no scripts.

Everything is inline (CSS in one ``<style>`` element) and a Content-Security-
Policy meta forbids scripts, network loads and every style except that one
element (allowed by its hash), so the page stays inert even if escaping were
ever missed. All article text is escaped with ``html.escape(quote=True)``.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from html import escape

from newsline.models import Entry, Granularity
from newsline.render.labels import entry_days, entry_label, source_count, source_line, summary

_CSS = """
:root { color-scheme: light dark; --ink: #1d232a; --muted: #5b6670; --line: #c9d2da;
  --dot: #2a6f97; --coarse: #a05a2c; --bg: #fbfbf8; --card: #ffffff; }
@media (prefers-color-scheme: dark) { :root { --ink: #e6e9ec; --muted: #9aa6b1;
  --line: #3b4650; --dot: #6cb4e0; --coarse: #e0a070; --bg: #15191d; --card: #1d2328; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 52rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
.summary { color: var(--muted); margin: 0 0 2rem; }
h2.period { font-size: 1.3rem; margin: 2rem 0 .75rem; }
ol.timeline { list-style: none; margin: 0; padding: 0 0 0 1.5rem;
  border-left: 3px solid var(--line); }
li.entry { position: relative; margin: 0 0 1.25rem; padding: .75rem 1rem;
  background: var(--card); border: 1px solid var(--line); border-radius: .5rem; }
li.entry::before { content: ""; position: absolute; left: calc(-1.5rem - 9px); top: 1rem;
  width: 15px; height: 15px; border-radius: 50%; background: var(--dot);
  border: 3px solid var(--bg); }
li.entry.coarse::before { background: var(--coarse); border-radius: 3px; }
time { display: block; font-weight: 600; color: var(--dot); }
li.entry.coarse time { color: var(--coarse); }
h3 { margin: .15rem 0 .5rem; font-size: 1.05rem; }
.count { color: var(--muted); font-size: .85rem; }
ul.sources { margin: .25rem 0 0; padding-left: 1.1rem; }
ul.sources li { margin: .35rem 0; }
blockquote { margin: 0; white-space: pre-line; }
cite { display: block; color: var(--muted); font-size: .85rem; font-style: normal; }
.empty { color: var(--muted); }
.legend { color: var(--muted); font-size: .85rem; margin: -1.5rem 0 1.5rem; }
.legend b { display: inline-block; width: .7rem; height: .7rem; margin: 0 .3rem 0 0;
  background: var(--dot); border-radius: 50%; vertical-align: baseline; }
.legend b.coarse { background: var(--coarse); border-radius: 2px; margin-left: 1rem; }
@media print { body { background: #fff; } li.entry { break-inside: avoid; } }
"""


def _csp() -> str:
    digest = base64.b64encode(hashlib.sha256(_CSS.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; script-src 'none'; object-src 'none'; "
        f"style-src 'sha256-{digest}'; img-src data:; base-uri 'none'; form-action 'none'"
    )


def _period(e: Entry) -> str:
    days = entry_days(e)
    gran = Granularity(e.granularity)
    if days is None:
        return "Undated"
    if gran in (Granularity.DECADE, Granularity.CENTURY):
        return entry_label(e)
    return str(days[0].year)


def _machine_date(e: Entry) -> str | None:
    """A ``<time datetime>`` value when HTML can express the precision."""
    gran = Granularity(e.granularity)
    if gran in (Granularity.DAY, Granularity.MONTH, Granularity.YEAR, Granularity.WEEK):
        return e.date if entry_days(e) else None
    return None


def _entry_html(e: Entry) -> str:
    gran = Granularity(e.granularity)
    machine = _machine_date(e)
    dt_attr = f' datetime="{escape(machine)}"' if machine else ""
    n = source_count(e)
    sources = "".join(
        "<li>"
        f"<blockquote>{escape(s.text)}</blockquote>"
        f"<cite>{escape(source_line(s))} · date words: “{escape(s.expression)}”</cite>"
        "</li>"
        for s in e.sources
    )
    cls = "entry" if gran is Granularity.DAY else "entry coarse"
    return (
        f'<li class="{cls}" id="e-{escape(e.id)}">'
        f"<time{dt_attr}>{escape(entry_label(e))}</time>"
        f"<h3>{escape(e.title)}</h3>"
        f'<span class="count">{n} source{"s" if n != 1 else ""}</span>'
        f'<ul class="sources">{sources}</ul>'
        "</li>"
    )


def render_html(entries: Sequence[Entry], *, title: str = "newsline timeline") -> str:
    """A complete HTML5 document: entries grouped by year in a vertical line."""
    parts: list[str] = []
    current: str | None = None
    for e in entries:
        period = _period(e)
        if period != current:
            if current is not None:
                parts.append("</ol>")
            parts.append(f'<h2 class="period">{escape(period)}</h2><ol class="timeline">')
            current = period
        parts.append(_entry_html(e))
    if current is not None:
        parts.append("</ol>")
    else:
        parts.append('<p class="empty">No entries.</p>')
    body = "\n".join(parts)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(_csp())}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n"
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{escape(title)}</h1>\n"
        f'<p class="summary">{summary(len(entries), entries)}</p>\n'
        '<p class="legend"><b></b>dated to the day<b class="coarse"></b>'
        "dated only to a week, month or longer</p>\n"
        f"{body}\n</main>\n</body>\n</html>\n"
    )
