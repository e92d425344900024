"""Rendering of everything that is not a timeline: sources, date expressions, one
article, and the explanation of a merged entry."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsline.merge import PairEvidence
from newsline.models import Article, Entry, Event, Timex
from newsline.render.labels import counted


def _console(buf: io.StringIO, color: bool, width: int | None = None) -> Console:
    return Console(
        file=buf, force_terminal=color, no_color=not color, width=width or 120,
        highlight=False, soft_wrap=False,
    )


SOURCE_KEYS = ["id", "path", "title", "outlet", "published", "published_how", "events"]


def source_to_dict(a: Article, n_events: int) -> dict:
    """The `sources --format jsonl` contract."""
    return {
        "id": a.id,
        "path": a.path,
        "title": a.title,
        "outlet": a.outlet,
        "published": a.published,
        "published_how": a.published_how.value if a.published_how else None,
        "events": n_events,
    }


def render_sources(
    articles: Sequence[Article], counts: Mapping[str, int], fmt: str, *, color: bool = False
) -> str:
    """Render the list of ingested articles in one of table, json, jsonl, csv."""
    rows = [source_to_dict(a, counts.get(a.id, 0)) for a in articles]
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    if fmt == "json":
        doc = {"schema_version": 1, "sources": rows}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=SOURCE_KEYS, lineterminator="\r\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: _csv_safe(v) for k, v in r.items()})
        return buf.getvalue()
    if not rows:
        return ""
    table = Table("id", "published", "how", "outlet", "events", "title", "path")
    for a, r in zip(articles, rows, strict=True):
        how = r["published_how"] or ""
        evidence = f" ({a.published_evidence})" if how == "cross-source" and color else ""
        table.add_row(
            a.id[:10], r["published"] or "undated", how + evidence, r["outlet"] or "",
            str(r["events"]), r["title"] or "", r["path"] or "",
        )
    buf = io.StringIO()
    _console(buf, color).print(table)
    return buf.getvalue()


def _csv_safe(v: object) -> object:
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


def timex_to_dict(t: Timex) -> dict:
    return {
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "type": t.type.value,
        "value": t.value,
        "granularity": t.granularity.value if t.granularity else None,
        "rule": t.rule,
        "cue": t.cue,
        "anchor": t.anchor,
    }


def render_timexes(timexes: Sequence[Timex], fmt: str, *, color: bool = False) -> str:
    """`newsline dates` output: every expression with its evidence."""
    if fmt == "jsonl":
        return "".join(json.dumps(timex_to_dict(t), ensure_ascii=False) + "\n" for t in timexes)
    if not timexes:
        return ""
    table = Table("span", "text", "type", "value", "granularity", "rule", "cue")
    for t in timexes:
        table.add_row(
            f"{t.start}-{t.end}", t.text, t.type.value, t.value,
            t.granularity.value if t.granularity else "", t.rule, t.cue or "",
        )
    buf = io.StringIO()
    _console(buf, color).print(table)
    return buf.getvalue()


def render_article(
    article: Article, timexes: Sequence[Timex], *, raw: bool = False, color: bool = False
) -> str:
    """An article's metadata and clean text, its date expressions highlighted.

    With ``raw``, the removed clutter lines follow, each marked with why it went.
    """
    buf = io.StringIO()
    con = _console(buf, color, width=100)
    how = article.published_how.value if article.published_how else "undated"
    con.print(Text(article.title or "(no title)", style="bold"))
    con.print(
        f"id {article.id} · outlet {article.outlet or '?'} · published "
        f"{article.published or 'undated'} ({how})"
        + (f" · {article.published_evidence}" if article.published_evidence else "")
        + (f" · {article.path}" if article.path else ""),
        markup=False,
    )
    con.print()
    text = Text(article.text)
    for t in timexes:
        text.stylize("bold yellow", t.start, t.end)
    if not color:
        # Without colour the highlight must still be visible: bracket each expression.
        parts, last = [], 0
        for t in timexes:
            parts += [article.text[last : t.start], "[", t.text, f" = {t.value}]"]
            last = t.end
        parts.append(article.text[last:])
        con.print("".join(parts), markup=False, highlight=False)
    else:
        con.print(text)
    if raw and article.removed:
        con.print()
        con.print("Removed as clutter:", markup=False)
        for r in article.removed:
            con.print(f"  - [{r.reason}] {r.text}", markup=False)
    return buf.getvalue()


def render_explain(
    entry: Entry,
    events: Mapping[str, Event],
    articles: Mapping[str, Article],
    pairs: Sequence[PairEvidence] = (),
    *,
    color: bool = False,
) -> str:
    """Why an entry has its date and its sources: the evidence, source by source."""
    buf = io.StringIO()
    con = _console(buf, color, width=110)
    con.print(Text(f"{entry.date}  {entry.title}", style="bold"))
    con.print(
        f"entry {entry.id} · {entry.granularity.value} · {entry.start} .. {entry.end}"
        f" · {counted(len(entry.sources), 'source clause')}",
        markup=False,
    )
    for i, src in enumerate(entry.sources, 1):
        ev = events.get(src.event)
        art = articles.get(src.article)
        con.print()
        con.print(f"[{i}] {src.outlet or '?'} ({src.path or src.article})", markup=False)
        con.print(f'    clause:     "{src.text}"', markup=False)
        if ev is not None:
            con.print(
                f'    expression: "{ev.expression}" -> {ev.value} ({ev.granularity.value})',
                markup=False,
            )
            con.print(
                f"    resolved:   rule {ev.rule or '?'}; anchor {ev.anchor or 'none'}; "
                f"tense cue {ev.cue or 'none'}",
                markup=False,
            )
        if art is not None:
            how = art.published_how.value if art.published_how else "undated"
            pub = f"    published:  {art.published or 'undated'} ({how})"
            if art.published_evidence:
                pub += f": {art.published_evidence}"
            con.print(pub, markup=False)
    if pairs:
        con.print()
        con.print("Merged because (each pair of source clauses):", markup=False)
        index = {src.event: i for i, src in enumerate(entry.sources, 1)}
        for p in pairs:
            shared = ", ".join(p.shared[:8]) or "none"
            con.print(
                f"  [{index.get(p.a, '?')}] ~ [{index.get(p.b, '?')}]: dates {p.date_relation};"
                f" similarity {p.score:.2f} (keywords {p.keyword_score:.2f},"
                f" word order {p.fuzzy_score:.2f}); shared words: {shared}",
                markup=False,
            )
    return buf.getvalue()
