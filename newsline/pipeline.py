"""Composition of the pure stages: one raw document in, one article and its events out.

``process_document`` is pure, importable and picklable, so any engine (a process
pool, Dask) can run the heavy per-article work and hand the results to one writer.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, replace

from newsline.clean import clean
from newsline.events import extract_events
from newsline.models import Article, Event, PubDate, PublishedHow, RawDocument, Timex
from newsline.pubdate import find_pubdate
from newsline.sentences import split_sentences
from newsline.temporal import extract


@dataclass(frozen=True)
class Processed:
    """The per-article result: what the store keeps, plus the expressions for display."""

    article: Article
    events: tuple[Event, ...]
    timexes: tuple[Timex, ...]


def article_id(text: str) -> str:
    """Content hash of the raw text: the same text is the same article."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


_JSONL_REF = re.compile(r"(?::\d+|#.*)$")


def _name_from_path(path: str | None) -> str | None:
    """A file's stem stands in for an unknown outlet; stdin and JSON lines have none."""
    if not path or path.startswith("-") or _JSONL_REF.search(path):
        return None
    base = os.path.basename(path)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return stem or None


def process_document(
    doc: RawDocument,
    *,
    repeated: frozenset[str] = frozenset(),
    published: PubDate | None = None,
) -> Processed:
    """Run clean -> publication date -> sentences -> date expressions -> events.

    ``published`` forces the anchor (used when another source dated the article).
    """
    cleaned = clean(doc.text, repeated=repeated)
    pub = published or find_pubdate(
        cleaned,
        path=doc.path,
        published=doc.published,
        published_how=doc.published_how or PublishedHow.OPTION,
    )
    article = Article(
        id=article_id(doc.text),
        path=doc.path,
        title=doc.title or cleaned.title,
        outlet=doc.outlet or cleaned.outlet or _name_from_path(doc.path),
        published=pub.value if pub else None,
        published_how=pub.how if pub else None,
        text=cleaned.text,
        raw=doc.text,
        removed=cleaned.removed,
        published_evidence=pub.evidence if pub else "",
    )
    return analyse(article)


def analyse(article: Article) -> Processed:
    """Find the date expressions and events of an article's clean text."""
    timexes = extract(article.text, article.published)
    sentences = split_sentences(article.text)
    events = extract_events(article, sentences, timexes)
    return Processed(article, tuple(events), tuple(timexes))


def redate(article: Article, pub: PubDate | None) -> Processed:
    """Analyse again under another publication date (cross-source dating)."""
    return analyse(
        replace(
            article,
            published=pub.value if pub else None,
            published_how=pub.how if pub else None,
            published_evidence=pub.evidence if pub else "",
        )
    )
